"""Deep Learning Visual Lab: models and compute, plain PyTorch (never imports streamlit)."""
from core import device as _device  # noqa: F401  first: sets the OpenMP variables before torch loads

__version__ = "0.1.0"

"""Deep Learning Visual Lab: models and compute, plain PyTorch (never imports streamlit)."""

__version__ = "0.1.0"

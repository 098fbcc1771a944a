"""Deep Learning Visual Lab: models and compute, plain PyTorch (never imports streamlit)."""
import os

# Idle OpenMP threads sleep instead of spinning: on a shared 2-core server spinning threads
# steal the cores other sessions need (measured 2x slower detection under load).
# Must be set before torch starts its thread pool, hence here, the first import of the app.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

__version__ = "0.1.0"

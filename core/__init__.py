"""Deep Learning Visual Lab: models and compute, plain PyTorch (never imports streamlit)."""
import os

# Idle OpenMP threads sleep instead of spinning: on a shared 2-core server spinning threads
# steal the cores other sessions need (measured 2x slower detection under load).
# Must be set before torch starts its thread pool, hence here, the first import of the app.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
# ...but only after a short spin (libgomp: ~0.3 ms), not at once: a 2-thread forward pass has ~30
# parallel regions, and a worker that went to sleep after each waits for the scheduler to wake it
# (YOLOv3-tiny at 2 threads: 1.2-1.4x OpenCV's time without the spin, 1.0 with it).
os.environ.setdefault("GOMP_SPINCOUNT", "30000")

__version__ = "0.1.0"

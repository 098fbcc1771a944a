"""Placeholder until the optimizers page is built."""
from pages.ui import coming_soon

coming_soon("optimizers", "soon.optimizers")

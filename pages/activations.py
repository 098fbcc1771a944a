"""Placeholder until the activations page is built."""
from pages.ui import coming_soon

coming_soon("activations", "soon.activations")

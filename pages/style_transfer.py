"""Placeholder until the style_transfer page is built."""
from pages.ui import coming_soon

coming_soon("style_transfer", "soon.style_transfer")

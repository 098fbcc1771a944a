"""Placeholder until the attention page is built."""
from pages.ui import coming_soon

coming_soon("attention", "soon.attention")

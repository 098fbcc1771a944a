"""Placeholder until the faces page is built."""
from pages.ui import coming_soon

coming_soon("faces", "soon.faces")

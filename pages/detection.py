"""Placeholder until the detection page is built."""
from pages.ui import coming_soon

coming_soon("detection", "soon.detection")

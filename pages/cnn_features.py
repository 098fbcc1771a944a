"""Placeholder until the cnn_features page is built."""
from pages.ui import coming_soon

coming_soon("cnn_features", "soon.cnn_features")

"""Converters that turn shipped model files (ONNX, Darknet, Keras) into PyTorch modules."""

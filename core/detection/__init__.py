"""YOLOv3 object detection in plain PyTorch, one concern per module.

``cfg`` parses Darknet ``.cfg`` files, ``darknet`` builds the network from them, ``weights``
reads original ``.weights`` files (folding BatchNorm), ``preprocess`` fits photos into the
square input and maps boxes back, ``postprocess`` decodes, thresholds and runs NMS,
``pipeline`` ties them together, ``draw`` makes the pictures.
"""

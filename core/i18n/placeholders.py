"""What each page will teach, shown while the page is still being built.

Each page issue deletes its entry here when it replaces the placeholder.
"""

STRINGS = {
    f"soon.{page}": texts
    for page, texts in {
        "activations": {"en": "- activation functions and their derivatives\n- vanishing gradients\n- initialisation",
                        "zh": "- 激活函数及其导数\n- 梯度消失\n- 权重初始化"},
        "optimizers": {"en": "- SGD, momentum, RMSprop, Adam on loss surfaces", "zh": "- SGD、动量、RMSprop、Adam 在损失曲面上的表现"},
        "cnn_features": {"en": "- convolution arithmetic\n- feature maps of pretrained CNNs", "zh": "- 卷积的尺寸计算\n- 预训练 CNN 的特征图"},
        "detection": {"en": "- YOLO grids, anchors, IoU and NMS", "zh": "- YOLO 的网格、锚框、IoU 与 NMS"},
        "faces": {"en": "- face detection, alignment, embeddings and verification", "zh": "- 人脸检测、对齐、嵌入与验证"},
        "style_transfer": {"en": "- content and style costs, fast styles", "zh": "- 内容代价与风格代价，快速风格化"},
        "word2vec": {"en": "- CBOW, skip-gram, neighbours and analogies", "zh": "- CBOW、skip-gram、近邻与类比"},
        "attention": {"en": "- self-attention heads and positional encoding", "zh": "- 自注意力头与位置编码"},
    }.items()
}

"""Strings of the CNN feature maps page (namespace ``cnn.``)."""

STRINGS = {
    "cnn.intro": {
        "en": "Slide a small kernel over a picture, count what a layer costs, then look inside real pretrained "
        "CNNs: which channels fire on your image, how far each layer sees, and where the evidence for a class sits.",
        "zh": "让一个小卷积核在图片上滑动，算一算一层网络的开销，再走进真实的预训练 CNN：哪些通道被你的图片激活、"
        "每一层能看多远，以及某个类别的证据落在图中哪里。",
    },
    "cnn.tab.conv": {"en": "Convolution workbench", "zh": "卷积工作台"},
    "cnn.tab.cost": {"en": "Cost calculator", "zh": "计算量估算"},
    "cnn.tab.net": {"en": "Pretrained networks", "zh": "预训练网络"},
    "cnn.ranks": {"en": "Every channel of this layer, ranked by mean activation", "zh": "本层所有通道（按平均激活排序）"},
    # Convolution workbench
    "cnn.kernel": {"en": "Kernel", "zh": "卷积核"},
    "cnn.kernel.vertical_edge": {"en": "Vertical edge", "zh": "竖直边缘"},
    "cnn.kernel.horizontal_edge": {"en": "Horizontal edge", "zh": "水平边缘"},
    "cnn.kernel.sobel_x": {"en": "Sobel (vertical edges)", "zh": "Sobel（竖直边缘）"},
    "cnn.kernel.sobel_y": {"en": "Sobel (horizontal edges)", "zh": "Sobel（水平边缘）"},
    "cnn.kernel.scharr_x": {"en": "Scharr (vertical edges)", "zh": "Scharr（竖直边缘）"},
    "cnn.kernel.laplacian": {"en": "Laplacian", "zh": "拉普拉斯"},
    "cnn.kernel.blur": {"en": "Box blur", "zh": "均值模糊"},
    "cnn.kernel.sharpen": {"en": "Sharpen", "zh": "锐化"},
    "cnn.kernel.emboss": {"en": "Emboss", "zh": "浮雕"},
    "cnn.kernel_edit": {
        "en": "Edit the 3×3 weights (the preset is the starting point)",
        "zh": "编辑 3×3 权重（以所选预设为起点）",
    },
    "cnn.stride": {"en": "Stride S", "zh": "步长 S"},
    "cnn.padding_mode": {"en": "Padding", "zh": "填充方式"},
    "cnn.padding.valid": {"en": "valid (P = 0)", "zh": "valid（P = 0）"},
    "cnn.padding.same": {"en": "same", "zh": "same（保持尺寸）"},
    "cnn.padding.custom": {"en": "custom", "zh": "自定义"},
    "cnn.padding": {"en": "Padding P", "zh": "填充 P"},
    "cnn.dilation": {"en": "Dilation d", "zh": "空洞率 d"},
    "cnn.absolute": {"en": "Show |output|", "zh": "显示 |输出|"},
    "cnn.absolute_help": {
        "en": "Edge kernels answer with positive values on one side of an edge and negative on the other; "
        "the absolute value makes both bright.",
        "zh": "边缘卷积核在边缘一侧输出正值、另一侧输出负值；取绝对值后两侧都会变亮。",
    },
    "cnn.input": {"en": "Input {height}×{width} (grayscale)", "zh": "输入 {height}×{width}（灰度）"},
    "cnn.output": {"en": "Output {height}×{width}", "zh": "输出 {height}×{width}"},
    "cnn.size_formula": {
        "en": "Output size from the formula (height, then width); the dilated kernel spans f = d(3 − 1) + 1 = {f_eff} pixels:",
        "zh": "用公式计算输出尺寸（先高后宽）；空洞卷积核实际覆盖 f = d(3 − 1) + 1 = {f_eff} 个像素：",
    },
    "cnn.pooling": {"en": "Pooling the output", "zh": "对输出做池化"},
    "cnn.pool_size": {"en": "Pool window (and stride)", "zh": "池化窗口（步长相同）"},
    "cnn.pool.max": {"en": "Max pooling {height}×{width}", "zh": "最大池化 {height}×{width}"},
    "cnn.pool.avg": {"en": "Average pooling {height}×{width}", "zh": "平均池化 {height}×{width}"},
    "cnn.pool_note": {
        "en": "Max pooling keeps the strongest response in each window (edges stay crisp); average pooling "
        "smooths. Neither has weights to learn.",
        "zh": "最大池化保留每个窗口里最强的响应（边缘依旧清晰）；平均池化则起平滑作用。两者都没有需要学习的权重。",
    },
    # Cost calculator
    "cnn.cost.help": {
        "en": "A conv layer on an H×W×C_in input with C_out filters of f×f (same padding). The defaults are "
        "the Inception example from the course: 28×28×192 → 28×28×32 with 5×5 filters.",
        "zh": "一层卷积：输入 H×W×C_in，C_out 个 f×f 卷积核（same 填充）。默认值就是课程中的 Inception 例子："
        "28×28×192 → 28×28×32，使用 5×5 卷积核。",
    },
    "cnn.cost.side": {"en": "Input height = width", "zh": "输入高 = 宽"},
    "cnn.cost.c_in": {"en": "Input channels C_in", "zh": "输入通道数 C_in"},
    "cnn.cost.c_out": {"en": "Output channels C_out", "zh": "输出通道数 C_out"},
    "cnn.cost.f": {"en": "Filter size f", "zh": "卷积核大小 f"},
    "cnn.cost.stride": {"en": "Stride", "zh": "步长"},
    "cnn.cost.bottleneck": {"en": "1×1 bottleneck channels", "zh": "1×1 瓶颈层通道数"},
    "cnn.cost.design": {"en": "Design", "zh": "结构"},
    "cnn.cost.params": {"en": "Parameters", "zh": "参数量"},
    "cnn.cost.mults": {"en": "Multiplies", "zh": "乘法次数"},
    "cnn.cost.saving": {"en": "Saving vs standard", "zh": "相对标准卷积的节省"},
    "cnn.cost.standard": {"en": "Standard f×f conv", "zh": "标准 f×f 卷积"},
    "cnn.cost.separable": {"en": "Depthwise-separable (MobileNet)", "zh": "深度可分离卷积（MobileNet）"},
    "cnn.cost.bottleneck_design": {"en": "1×1 bottleneck, then f×f (Inception)", "zh": "先 1×1 瓶颈再 f×f（Inception）"},
    "cnn.cost.chart": {"en": "Multiplies (millions)", "zh": "乘法次数（百万）"},
    "cnn.cost.formulas": {
        "en": "Where the numbers come from (H_out × W_out output positions):",
        "zh": "这些数字的来历（输出共有 H_out × W_out 个位置）：",
    },
    # Pretrained networks
    "cnn.model": {"en": "Network", "zh": "网络"},
    "cnn.model.squeezenet1_1": {"en": "SqueezeNet 1.1 (ImageNet)", "zh": "SqueezeNet 1.1（ImageNet）"},
    "cnn.model.efficientnet-lite0": {"en": "EfficientNet-Lite0 (ImageNet)", "zh": "EfficientNet-Lite0（ImageNet）"},
    "cnn.model.vgg16-hed": {
        "en": "VGG16 conv layers (HED-tuned, no classifier)",
        "zh": "VGG16 卷积层（HED 微调，无分类器）",
    },
    "cnn.model.vgg16-imagenet": {"en": "VGG16 (ImageNet)", "zh": "VGG16（ImageNet）"},
    "cnn.model.vgg19-imagenet": {"en": "VGG19 (ImageNet)", "zh": "VGG19（ImageNet）"},
    "cnn.running": {
        "en": "Running {model} on your image (once; layers and channels then redraw instantly)…",
        "zh": "正在用 {model} 处理你的图片（只算一次，之后切换层和通道都是即时重绘）……",
    },
    "cnn.layer": {"en": "Layer", "zh": "层"},
    "cnn.layer_option": {
        "en": "{layer} — {channels}×{height}×{width}, sees {field} px",
        "zh": "{layer} — {channels}×{height}×{width}，感受野 {field} 像素",
    },
    "cnn.grid_count": {"en": "Channels in the grid", "zh": "网格中的通道数"},
    "cnn.colormap": {"en": "Colour map", "zh": "配色"},
    "cnn.alpha": {"en": "Overlay opacity", "zh": "叠加不透明度"},
    "cnn.grid_title": {
        "en": "The {count} strongest of {channels} channels of {layer} (ranked by mean activation)",
        "zh": "{layer} 的 {channels} 个通道中最强的 {count} 个（按平均激活排序）",
    },
    "cnn.pick": {"en": "Pick a channel to see it large", "zh": "选择一个通道放大查看"},
    "cnn.layer_facts": {
        "en": "Output {channels}×{height}×{width} · receptive field {field}×{field} px of the {size}×{size} input "
        "· neighbouring outputs are {jump} px apart",
        "zh": "输出 {channels}×{height}×{width} · 感受野为 {size}×{size} 输入中的 {field}×{field} 像素 "
        "· 相邻输出相距 {jump} 像素",
    },
    "cnn.channel_large": {"en": "Channel #{channel} (mean {mean})", "zh": "通道 #{channel}（平均 {mean}）"},
    "cnn.channel_overlay": {"en": "Channel #{channel} over the photo", "zh": "通道 #{channel} 叠加在照片上"},
    "cnn.top5": {"en": "Top-5 ImageNet classes", "zh": "ImageNet 前 5 个类别"},
    "cnn.class": {"en": "Class", "zh": "类别"},
    "cnn.probability": {"en": "Probability", "zh": "概率"},
    "cnn.no_classifier": {
        "en": "This network has no classifier (only the convolutional layers), so there are no classes and no "
        "Grad-CAM. Pick SqueezeNet or EfficientNet for those.",
        "zh": "该网络没有分类器（只有卷积层），因此没有类别预测，也无法计算 Grad-CAM。请选择 SqueezeNet 或 EfficientNet。",
    },
    "cnn.gradcam": {"en": "Grad-CAM: where is the evidence?", "zh": "Grad-CAM：证据在哪里？"},
    "cnn.gradcam_class": {"en": "Class to explain", "zh": "要解释的类别"},
    "cnn.gradcam_layer": {"en": "Grad-CAM layer", "zh": "Grad-CAM 所用的层"},
    "cnn.gradcam_caption": {
        "en": "Grad-CAM for “{label}” at {layer}: red is where this layer's features raise the class score",
        "zh": "“{label}” 在 {layer} 层的 Grad-CAM：越红的地方，该层特征对这一类别得分的贡献越大",
    },
    "cnn.err.kernel_too_big": {
        "en": "With these settings the output would be {height}×{width}: nothing left. Lower the stride or "
        "dilation, or add padding.",
        "zh": "按当前设置，输出将是 {height}×{width}，什么都不剩。请减小步长或空洞率，或增加填充。",
    },
    "cnn.err.kernel_nan": {
        "en": "Every cell of the 3×3 kernel needs a number.",
        "zh": "3×3 卷积核的每个格子都需要填一个数字。",
    },
    "cnn.theory": {
        "en": "**Local connectivity.** Each output of a conv layer looks at a small f×f window of its input, "
        "not the whole image.\n\n"
        "**Weight sharing.** The same f×f×C_in filter slides over every position, so a layer has "
        "(f·f·C_in + 1)·C_out parameters however large the image is, and a pattern is detected wherever it "
        "appears.\n\n"
        "**Padding and stride** set the output size; **pooling** (max or average) shrinks maps without weights "
        "and makes small shifts matter less.\n\n"
        "**Receptive field.** Stacking layers widens what one output sees: each layer adds (k − 1) times the "
        "distance between neighbouring inputs (the jump), and each stride multiplies the jump. VGG16's conv5_3 "
        "sees 196×196 pixels through thirteen 3×3 convs and four pools.\n\n"
        "**Depth builds a hierarchy.** Early channels respond to edges and colours, middle ones to textures "
        "and parts, deep ones to whole objects: compare conv1 with fire9 or conv5_3 in the grid. "
        "**Grad-CAM** weights a layer's channels by how much the class score rises with each.",
        "zh": "**局部连接。** 卷积层的每个输出只看输入中一个 f×f 的小窗口，而不是整张图。\n\n"
        "**权值共享。** 同一个 f×f×C_in 的卷积核在所有位置上滑动，所以无论图片多大，一层都只有 "
        "(f·f·C_in + 1)·C_out 个参数，而且一个图案出现在哪里都能被检测到。\n\n"
        "**填充与步长**决定输出尺寸；**池化**（最大或平均）不含权重，能缩小特征图，并让小幅平移的影响变小。\n\n"
        "**感受野。** 层层堆叠让一个输出看到的范围越来越大：每一层增加 (k − 1) 乘以相邻输入之间的间距（跳距），"
        "每次步长又把跳距放大。VGG16 的 conv5_3 经过 13 个 3×3 卷积和 4 次池化，能看到 196×196 像素。\n\n"
        "**深度构建层次。** 浅层通道对边缘和颜色敏感，中层对纹理和部件敏感，深层对整个物体敏感："
        "在网格中比较 conv1 与 fire9 或 conv5_3 即可看出。**Grad-CAM** 按类别得分随各通道上升的程度给通道加权。",
    },
}

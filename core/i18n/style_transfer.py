"""Strings of the neural style transfer page (namespace ``style.``)."""

STRINGS = {
    "style.intro": {
        "en": "Three ways to paint a photo in the style of a picture: a network trained on 26 paintings (one "
        "forward pass), a network that takes any painting as the style, and the original optimisation of "
        "Gatys et al., which you can watch as the content and style costs fight.",
        "zh": "用三种方法把照片画成某幅画的风格：一个学会了 26 种画风的网络（一次前向传播即可）、"
        "一个能把任意画作当作风格的网络，以及 Gatys 等人最初提出的优化方法——你可以看着内容代价与风格代价此消彼长。",
    },
    "style.mode": {"en": "Method", "zh": "方法"},
    "style.mode.fast": {"en": "Instant styles (26)", "zh": "即时风格（26 种）"},
    "style.mode.arbitrary": {"en": "Any painting as a style", "zh": "任意画作作为风格"},
    "style.mode.gatys": {"en": "Optimisation you can watch (Gatys)", "zh": "可观察的优化过程（Gatys）"},
    "style.content": {"en": "Content image", "zh": "内容图像"},
    "style.style_image": {"en": "Style image", "zh": "风格图像"},
    "style.second_style": {"en": "Second style image", "zh": "第二幅风格图像"},
    "style.original": {"en": "Content", "zh": "内容图"},
    "style.result": {"en": "Stylised", "zh": "风格化结果"},
    "style.size": {"en": "Image size (longer side, pixels)", "zh": "图像尺寸（长边，像素）"},
    "style.timing": {"en": "Network time: {seconds:.2f} s on {device}.", "zh": "网络耗时：{seconds:.2f} 秒（{device}）。"},
    # Instant styles
    "style.gallery": {"en": "The 26 built-in styles", "zh": "26 种内置风格"},
    "style.gallery_caption": {
        "en": "Each thumbnail is the same cat photo painted by the network in one style. The package that "
        "ships the network never named its styles, so they are numbered.",
        "zh": "每张缩略图都是同一张猫的照片，由网络用一种风格画出。发布这个网络的软件包从未给风格命名，所以这里按编号称呼。",
    },
    "style.style_name": {"en": "Style {number}", "zh": "风格 {number}"},
    "style.pick": {"en": "Style", "zh": "风格"},
    "style.blend_second": {"en": "Blend with a second style", "zh": "与第二种风格混合"},
    "style.second_pick": {"en": "Second style", "zh": "第二种风格"},
    "style.style_mix": {"en": "Share of the second style", "zh": "第二种风格所占比例"},
    "style.strength": {"en": "Strength (0 = the photo, 1 = full style)", "zh": "强度（0 = 原照片，1 = 完全风格化）"},
    # Any painting
    "style.blend_with": {"en": "Interpolate the style with", "zh": "将风格与以下对象插值"},
    "style.blend.own": {"en": "the content's own style", "zh": "内容图自身的风格"},
    "style.blend.second": {"en": "a second style image", "zh": "第二幅风格图像"},
    "style.mix": {
        "en": "Style interpolation t (0 = the other end, 1 = the style image)",
        "zh": "风格插值 t（0 = 另一端，1 = 风格图像）",
    },
    "style.vector": {
        "en": "The style image as the predictor sees it: 100 numbers",
        "zh": "风格预测网络眼中的风格图像：100 个数",
    },
    "style.vector_caption": {
        "en": "The transformer's instance-norm scales and shifts are computed from this vector, so mixing "
        "two vectors mixes two styles.",
        "zh": "变换网络中实例归一化的缩放与平移参数都由这个向量算出，所以混合两个向量就是混合两种风格。",
    },
    "style.vector.index": {"en": "component", "zh": "分量"},
    "style.vector.value": {"en": "value", "zh": "取值"},
    # Gatys optimisation
    "style.settings": {"en": "Optimisation settings", "zh": "优化设置"},
    "style.content_layer": {"en": "Content layer", "zh": "内容层"},
    "style.style_layers": {"en": "Style layers", "zh": "风格层"},
    "style.layer_weight": {"en": "Weight of {layer}", "zh": "{layer} 的权重"},
    "style.alpha": {"en": "α (content weight)", "zh": "α（内容权重）"},
    "style.beta": {"en": "β (style weight)", "zh": "β（风格权重）"},
    "style.optimizer": {"en": "Optimiser", "zh": "优化器"},
    "style.optimizer.lbfgs": {"en": "L-BFGS", "zh": "L-BFGS（拟牛顿法）"},
    "style.optimizer.adam": {"en": "Adam", "zh": "Adam（自适应矩估计）"},
    "style.init": {"en": "Start from", "zh": "初始图像"},
    "style.init.content": {"en": "the content image", "zh": "内容图像"},
    "style.init.noise": {"en": "random noise", "zh": "随机噪声"},
    "style.steps": {"en": "Steps", "zh": "步数"},
    "style.lr": {"en": "Adam learning rate", "zh": "Adam 学习率"},
    "style.start": {"en": "Start", "zh": "开始"},
    "style.keep_colours": {"en": "Keep the photo's colours", "zh": "保留照片原有的颜色"},
    "style.keep_colours_help": {
        "en": "Transfer the style to the brightness only: the result keeps the painting's strokes and the "
        "photo's own colours (the photo's chroma Cb, Cr is put back in YCbCr).",
        "zh": "只把风格迁移到亮度上：结果保留画作的笔触和照片原有的颜色（在 YCbCr 中放回照片的色度 Cb、Cr）。",
    },
    "style.loss_net": {"en": "Loss network: {name}.", "zh": "损失网络：{name}。"},
    "style.not_started": {
        "en": "Choose the settings and press Start. The optimisation runs in the background: you can keep "
        "using the page, and Stop keeps the best image so far.",
        "zh": "选好设置后点击“开始”。优化在后台运行：你可以继续使用本页面，点击“停止”会保留目前最好的图像。",
    },
    "style.running": {"en": "Optimising: step {step} of {steps}.", "zh": "正在优化：第 {step} / {steps} 步。"},
    "style.starting": {"en": "Preparing the targets…", "zh": "正在计算目标特征……"},
    "style.done": {"en": "Finished: {steps} steps.", "zh": "完成：共 {steps} 步。"},
    "style.stopped": {"en": "Stopped after {step} steps; the best image is kept.", "zh": "已在第 {step} 步停止，保留了最好的图像。"},
    "style.current": {"en": "Current image (step {step})", "zh": "当前图像（第 {step} 步）"},
    "style.best": {"en": "Best so far (J = {loss:.3g})", "zh": "目前最佳（J = {loss:.3g}）"},
    "style.costs": {"en": "Costs during the optimisation", "zh": "优化过程中的代价"},
    "style.step": {"en": "step", "zh": "步数"},
    "style.cost": {"en": "cost (log scale)", "zh": "代价（对数坐标）"},
    "style.cost.content": {"en": "α·J_content", "zh": "α·J_内容"},
    "style.cost.style": {"en": "β·J_style", "zh": "β·J_风格"},
    "style.cost.total": {"en": "J total", "zh": "J 总代价"},
    "style.gram": {"en": "Gram matrices", "zh": "Gram 矩阵"},
    "style.gram_layer": {"en": "Layer", "zh": "层"},
    "style.gram_style": {"en": "Style image", "zh": "风格图像"},
    "style.gram_generated": {"en": "Generated image", "zh": "生成图像"},
    "style.gram_caption": {
        "en": "Correlations between the first {channels} channels of {layer}. Matching these for every "
        "style layer is what the style cost asks for; where things are in the image does not matter.",
        "zh": "{layer} 前 {channels} 个通道之间的相关性。风格代价要求每个风格层的这些相关性相互匹配；"
        "图像中物体的位置并不重要。",
    },
    "style.gram_later": {
        "en": "The Gram matrices are drawn when the optimisation ends or is stopped.",
        "zh": "优化结束或停止后会绘制 Gram 矩阵。",
    },
    # Errors
    "style.err.size_cap": {
        "en": "The image size {size} px is above this server's limit of {limit} px.",
        "zh": "图像尺寸 {size} 像素超过了本服务器的上限 {limit} 像素。",
    },
    "style.err.steps_cap": {
        "en": "{steps} steps is above this server's limit of {limit}.",
        "zh": "{steps} 步超过了本服务器的上限 {limit} 步。",
    },
    "style.err.no_style_layer": {
        "en": "Choose at least one style layer with a weight above zero.",
        "zh": "请至少选择一个权重大于零的风格层。",
    },
    "style.err.style_index": {
        "en": "There is no style {index}; the styles are numbered 1 to {count}.",
        "zh": "不存在风格 {index}；风格编号为 1 到 {count}。",
    },
    "style.err.style_weights": {
        "en": "The style weights must be non-negative and not all zero.",
        "zh": "风格权重必须非负，且不能全为零。",
    },
    "style.err.style_spec": {
        "en": "'{value}' is neither a style number (1 to {count}) nor an image file.",
        "zh": "“{value}”既不是风格编号（1 到 {count}），也不是图像文件。",
    },
    # Theory
    "style.theory": {
        "en": "A CNN trained on images sees **content** in its deep feature maps (what is where) and "
        "**style** in the correlations between feature channels, summed over all positions (which "
        "textures and colours occur together): the **Gram matrix**. Gatys et al. start from a picture G "
        "and change its *pixels* by gradient descent until its deep features match the content photo C "
        "and its Gram matrices match the painting S, in several layers. α and β trade one cost against "
        "the other. Here both costs are divided by the target's size, so they start near 1 on any "
        "network.\n\n"
        "That takes hundreds of forward and backward passes per picture. A **feed-forward** network "
        "instead is *trained once* (on many photos) to minimise the same cost, so styling is a single "
        "forward pass: milliseconds instead of minutes. The 26-style network shares all convolutions and "
        "keeps one instance-norm scale γ and shift β per style; the arbitrary network predicts γ and β "
        "from any painting through a 100-number style vector.",
        "zh": "在图像上训练过的 CNN，用深层特征图表示**内容**（什么东西在什么位置），用特征通道之间在所有位置上求和的"
        "相关性表示**风格**（哪些纹理和颜色一起出现），即 **Gram 矩阵**。Gatys 等人从一张图 G 出发，用梯度下降"
        "直接修改它的*像素*，直到它的深层特征与内容照片 C 相符、若干层的 Gram 矩阵与画作 S 相符。α 与 β 在两种"
        "代价之间取舍。本页把两种代价都除以目标本身的大小，因此在任何网络上初始值都接近 1。\n\n"
        "这样每张图都需要几百次前向与反向传播。**前馈**网络则只需*训练一次*（在大量照片上）来最小化同样的代价，"
        "之后风格化只要一次前向传播：几毫秒而不是几分钟。26 种风格的网络共享全部卷积层，每种风格只保留一组"
        "实例归一化的缩放 γ 与平移 β；任意风格网络则通过一个 100 维的风格向量，从任意画作预测出 γ 与 β。",
    },
}

"""Strings shared by the whole app: navigation, Home, errors, asset status."""

STRINGS = {
    "app.title": {"en": "Deep Learning Visual Lab", "zh": "深度学习可视化实验室"},
    "app.tagline": {
        "en": "See and touch how deep networks work: real pretrained models, live in your browser.",
        "zh": "亲眼看见、亲手操作深度网络：真实的预训练模型，在浏览器里实时运行。",
    },
    "app.language": {"en": "Language", "zh": "语言"},
    "app.device": {"en": "Device: {device} · CPU threads: {threads}", "zh": "计算设备：{device} · CPU 线程数：{threads}"},
    "nav.home": {"en": "Home", "zh": "首页"},
    "nav.section.foundations": {"en": "Foundations", "zh": "基础"},
    "nav.section.vision": {"en": "Vision", "zh": "视觉"},
    "nav.section.language": {"en": "Language", "zh": "语言"},
    "page.backprop": {"en": "How a network learns", "zh": "网络如何学习"},
    "page.activations": {"en": "Activations", "zh": "激活函数"},
    "page.optimizers": {"en": "Optimizers race", "zh": "优化器竞赛"},
    "page.cnn_features": {"en": "CNN feature maps", "zh": "CNN 特征图"},
    "page.detection": {"en": "YOLOv3 detection", "zh": "YOLOv3 目标检测"},
    "page.faces": {"en": "Face verification", "zh": "人脸验证"},
    "page.style_transfer": {"en": "Neural style transfer", "zh": "神经风格迁移"},
    "page.word2vec": {"en": "word2vec neighbours", "zh": "word2vec 近邻"},
    "page.attention": {"en": "Attention heatmaps", "zh": "注意力热力图"},
    "blurb.backprop": {
        "en": "Scores, hinge and softmax losses, why log loss, backpropagation stepped node by node on a "
        "computational graph, and gradient checking that catches a planted bug.",
        "zh": "得分、合页损失与 softmax 损失、为什么用对数损失、在计算图上逐节点演示反向传播，以及能抓住预埋 bug 的梯度检验。",
    },
    "page.transfer": {"en": "Train on your photos", "zh": "用你的照片训练"},
    "page.rnn": {"en": "Recurrent networks", "zh": "循环神经网络"},
    "blurb.activations": {
        "en": "Sigmoid, tanh, ReLU, GELU and friends, their derivatives, vanishing gradients through depth, "
        "weight initialisation and a live training playground.",
        "zh": "Sigmoid、tanh、ReLU、GELU 等激活函数及其导数，深层网络中的梯度消失，权重初始化，以及实时训练游乐场。",
    },
    "blurb.optimizers": {
        "en": "SGD, momentum, Nesterov, RMSprop, Adam… racing on loss surfaces with the real torch.optim.",
        "zh": "SGD、动量、Nesterov、RMSprop、Adam……用真实的 torch.optim 在损失曲面上赛跑。",
    },
    "blurb.cnn_features": {
        "en": "Convolution, padding and stride arithmetic, pooling, receptive fields, and the feature maps "
        "of real pretrained CNNs on your own image.",
        "zh": "卷积、填充与步长的计算、池化、感受野，以及真实预训练 CNN 在你的图片上的特征图。",
    },
    "blurb.detection": {
        "en": "Letterbox, grids at several scales, anchors, confidence, IoU and non-max suppression, live.",
        "zh": "信箱缩放、多尺度网格、锚框、置信度、IoU 与非极大值抑制，实时可调。",
    },
    "blurb.faces": {
        "en": "Detect, align and embed faces; distance against a threshold; one-shot enrolment.",
        "zh": "人脸检测、对齐与嵌入；距离与阈值；单样本注册。",
    },
    "blurb.style_transfer": {
        "en": "Content and style (Gram) costs, instant feed-forward styles, and an optimisation you can watch.",
        "zh": "内容代价与风格（Gram 矩阵）代价，快速前馈风格化，以及看得见的优化过程。",
    },
    "blurb.word2vec": {
        "en": "CBOW vs skip-gram, negative sampling, training on a corpus, neighbours, analogies and maps, "
        "in English and Chinese.",
        "zh": "CBOW 与 skip-gram、负采样、在语料上训练、近邻、类比与词向量地图，中英文皆可。",
    },
    "blurb.transfer": {
        "en": "Transfer learning: a frozen pretrained CNN, a head trained live on your photos, fine-tuning, "
        "augmentation, mixup, a confusion matrix and P-R curves.",
        "zh": "迁移学习：冻结的预训练 CNN、在你的照片上实时训练的分类头、微调、数据增强、mixup、混淆矩阵与 P-R 曲线。",
    },
    "blurb.rnn": {
        "en": "RNN, GRU and LSTM trained live on English or Chinese text: samples, hidden units and gates over a "
              "text, and vanishing gradients through time.",
        "zh": "在英文或中文文本上实时训练 RNN、GRU 和 LSTM：生成文本，查看隐藏单元与门在文本上的变化，以及随时间消失的梯度。",
    },
    "blurb.attention": {
        "en": "Self-attention of a real transformer, layer by layer and head by head, and positional encoding.",
        "zh": "真实 Transformer 的自注意力，逐层逐头查看，以及位置编码。",
    },
    "home.intro": {
        "en": "Each page pairs a live demo with the idea behind it. Upload an image or type text, move the "
        "sliders, and watch real networks respond. Pick a page below or in the sidebar.",
        "zh": "每个页面都把实时演示与背后的原理放在一起。上传图片或输入文字，拖动滑块，观察真实网络的反应。"
        "请在下方或侧边栏选择页面。",
    },
    "home.open": {"en": "Open", "zh": "打开"},
    "home.models": {"en": "Installed models and data", "zh": "已安装的模型与数据"},
    "home.assets_ok": {
        "en": "All {count} default assets are installed and verified.",
        "zh": "全部 {count} 个默认资源已安装并通过校验。",
    },
    "home.assets_missing": {
        "en": "{missing} of {count} default assets are missing or altered. Install them with: {command}",
        "zh": "{count} 个默认资源中有 {missing} 个缺失或被改动。请用以下命令安装：{command}",
    },
    "assets.col.id": {"en": "Asset", "zh": "资源"},
    "assets.col.what": {"en": "What it is", "zh": "说明"},
    "assets.col.status": {"en": "Status", "zh": "状态"},
    "assets.col.size": {"en": "Size (MB)", "zh": "大小 (MB)"},
    "assets.status.installed": {"en": "installed", "zh": "已安装"},
    "assets.status.missing": {"en": "missing", "zh": "缺失"},
    "assets.status.mismatch": {"en": "hash mismatch", "zh": "校验不符"},
    "assets.status.optional": {"en": "not installed (optional, full-size)", "zh": "未安装（可选的完整版）"},
    # Errors shared by every page.
    "err.asset_missing": {
        "en": "The model or data file '{asset}' is not installed. Install it with: {command}",
        "zh": "模型或数据文件“{asset}”尚未安装。请用以下命令安装：{command}",
    },
    "err.asset_mismatch": {
        "en": "The file of '{asset}' does not match its checksum (it may be damaged). Reinstall it with: {command}",
        "zh": "“{asset}”的文件与校验值不符（可能已损坏）。请用以下命令重新安装：{command}",
    },
    "err.download_failed": {
        "en": "Downloading '{asset}' failed ({reason}). Nothing was kept; try again later.",
        "zh": "下载“{asset}”失败（{reason}）。未保留任何文件，请稍后重试。",
    },
    "err.file_unreadable": {"en": "Cannot read the file {path}.", "zh": "无法读取文件 {path}。"},
    "err.image_empty": {"en": "The uploaded file is empty.", "zh": "上传的文件是空的。"},
    "err.image_too_big_bytes": {
        "en": "The file is {size_mb:.1f} MB; the limit is {limit_mb} MB.",
        "zh": "文件大小为 {size_mb:.1f} MB，上限为 {limit_mb} MB。",
    },
    "err.image_not_image": {
        "en": "This file is not an image we can read. Please upload a PNG, JPEG, WebP, BMP, GIF or TIFF.",
        "zh": "无法识别该文件为图片。请上传 PNG、JPEG、WebP、BMP、GIF 或 TIFF 格式。",
    },
    "err.image_corrupt": {
        "en": "The image file is damaged or truncated and cannot be decoded.",
        "zh": "图片文件已损坏或不完整，无法解码。",
    },
    "err.image_too_many_pixels": {
        "en": "The image has {pixels:,} pixels; the limit is {limit:,}. Please upload a smaller image.",
        "zh": "图片共有 {pixels:,} 个像素，上限为 {limit:,}。请上传较小的图片。",
    },
    "err.image_too_small": {
        "en": "The image is {width}×{height} pixels; it must be at least {minimum} pixels on each side.",
        "zh": "图片尺寸为 {width}×{height} 像素，每边至少需要 {minimum} 像素。",
    },
    "err.text_empty": {"en": "Please enter some text.", "zh": "请输入一些文字。"},
    "err.text_too_long": {
        "en": "The text has {length:,} characters; the limit is {limit:,}.",
        "zh": "文本共有 {length:,} 个字符，上限为 {limit:,}。",
    },
    "err.text_binary": {
        "en": "This file does not look like text (UTF-8 or GB18030).",
        "zh": "该文件看起来不是文本（UTF-8 或 GB18030）。",
    },
    "err.unexpected": {
        "en": "Something went wrong while computing this. Try another input or smaller settings.",
        "zh": "计算时出错了。请换一个输入或调小设置后重试。",
    },
    "ui.upload_image": {"en": "Upload an image", "zh": "上传图片"},
    "ui.or_sample": {"en": "…or pick a sample", "zh": "……或选择示例图片"},
    "ui.source": {"en": "Image source", "zh": "图片来源"},
    "ui.source.sample": {"en": "Sample", "zh": "示例"},
    "ui.source.upload": {"en": "Upload", "zh": "上传"},
    "ui.source.camera": {"en": "Camera", "zh": "摄像头"},
    "ui.camera": {"en": "Take a photo", "zh": "拍照"},
    "ui.theory": {"en": "The idea behind it", "zh": "背后的原理"},
    "ui.download_png": {"en": "Download PNG", "zh": "下载 PNG"},
    "ui.download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    "ui.chart_format": {"en": "Charts download as", "zh": "图表下载格式"},
    "ui.chart_format.svg": {"en": "SVG (vector)", "zh": "SVG（矢量）"},
    "ui.chart_format_help": {
        "en": "The camera icon in a chart's toolbar saves the chart in this format.",
        "zh": "图表工具栏中的相机图标会以此格式保存图表。",
    },
    "ui.share": {"en": "Copy link to this view", "zh": "复制此视图的链接"},
    "ui.share_help": {
        "en": "This link opens the page with the settings you see now (never your uploads). Copy it with the icon.",
        "zh": "此链接会以你现在看到的设置打开本页（不含你上传的内容）。点击图标复制。",
    },
    "jobs.stop": {"en": "Stop", "zh": "停止"},
    "jobs.queued": {
        "en": "Waiting in the server's queue: place {ahead} ({running} job(s) running now).",
        "zh": "正在服务器队列中等待：第 {ahead} 位（当前有 {running} 个任务在运行）。",
    },
    "jobs.stopped": {"en": "Stopped. What was done so far is kept.", "zh": "已停止，已完成的部分会保留。"},
    "jobs.failed": {
        "en": "The job failed because of a problem on the server. Try again, or with other settings.",
        "zh": "由于服务器端的问题，任务失败了。请重试，或换一组设置。",
    },
    "jobs.err.one_per_session": {
        "en": "You already have a job running. Stop it or wait for it to finish first.",
        "zh": "你已有一个任务正在运行。请先停止它或等待它完成。",
    },
}

"""Strings of the "train on your photos" page and its command line (namespace ``tl.``)."""

STRINGS = {
    "tl.intro": {
        "en": "Teach a pretrained CNN new classes from a few photos each. Its convolutional base stays frozen and "
        "turns every photo into a feature vector once; a small linear head learns on top in seconds. Then "
        "unfreeze the last blocks, add augmentation or mixup, and see what the honest scores say.",
        "zh": "只用每类几张照片，教一个预训练 CNN 认识新类别。它的卷积基座保持冻结，把每张照片一次性变成特征向量；"
        "上面的一个小线性头几秒钟就能训练好。然后解冻最后几个模块、加入数据增强或 mixup，看看诚实的评估指标怎么说。",
    },
    "tl.source": {"en": "Photos", "zh": "照片"},
    "tl.src.default": {"en": "Built-in set (handwritten digits)", "zh": "内置数据（手写数字）"},
    "tl.src.own": {"en": "My photos", "zh": "我的照片"},
    "tl.default_note": {
        "en": "No registry package ships a small labelled photo set, so the built-in set is scikit-learn's "
        "handwritten digits (UCI, 8 × 8 scans, upscaled): six digits, 20 scans each. Switch to “My photos” "
        "to use your own.",
        "zh": "没有哪个软件源的包自带小型带标注照片集，所以内置数据使用 scikit-learn 自带的手写数字（UCI，8 × 8 扫描图，已放大）："
        "六个数字，每个 20 张。切换到“我的照片”即可使用你自己的照片。",
    },
    "tl.privacy": {
        "en": "Your photos stay in this session's memory only: never written to disk, gone when you close the tab.",
        "zh": "你的照片只保存在本次会话的内存中：绝不写入磁盘，关闭标签页后即被释放。",
    },
    "tl.n_classes": {"en": "Number of classes", "zh": "类别数"},
    "tl.class_name": {"en": "Class name", "zh": "类别名"},
    "tl.class_default": {"en": "class {n}", "zh": "类别 {n}"},
    "tl.upload": {"en": "Photos of this class", "zh": "这一类的照片"},
    "tl.camera": {"en": "Use the camera", "zh": "使用摄像头"},
    "tl.camera_take": {"en": "Take a photo", "zh": "拍照"},
    "tl.camera_add": {"en": "Add this shot", "zh": "添加这张"},
    "tl.shot": {"en": "camera shot {n}", "zh": "拍摄的第 {n} 张"},
    "tl.count": {"en": "{count} photo(s)", "zh": "{count} 张照片"},
    "tl.augment": {"en": "Augmentation", "zh": "数据增强"},
    "tl.aug.flip": {"en": "flip", "zh": "翻转"},
    "tl.aug.crop": {"en": "random resized crop", "zh": "随机缩放裁剪"},
    "tl.aug.rotate": {"en": "rotation", "zh": "旋转"},
    "tl.aug.jitter": {"en": "colour jitter", "zh": "颜色抖动"},
    "tl.views": {"en": "Augmented copies per training photo", "zh": "每张训练照片的增强副本数"},
    "tl.view": {"en": "Show", "zh": "显示"},
    "tl.view.photos": {"en": "Photos", "zh": "照片"},
    "tl.view.augment": {"en": "Augmentation & mixup", "zh": "增强与 mixup"},
    "tl.view.train": {"en": "Train", "zh": "训练"},
    "tl.view.evaluate": {"en": "Evaluate", "zh": "评估"},
    "tl.view.predict": {"en": "Predict", "zh": "预测"},
    "tl.view.export": {"en": "Export", "zh": "导出"},
    "tl.aug_photo": {"en": "Photo", "zh": "照片"},
    "tl.original": {"en": "original", "zh": "原图"},
    "tl.copy": {"en": "copy {n}", "zh": "副本 {n}"},
    "tl.aug_none": {"en": "No augmentation is on: choose some above.", "zh": "尚未开启任何数据增强：请在上方选择。"},
    "tl.mixup_head": {
        "en": "**Mixup** (α = {alpha:g}): two photos blended with λ ~ Beta(α, α), and their labels blended the same way.",
        "zh": "**Mixup**（α = {alpha:g}）：两张照片按 λ ~ Beta(α, α) 混合，标签也按同样的比例混合。",
    },
    "tl.mixup_note": {
        "en": "Below the trainable part the network is frozen, so training mixes what enters the trainable part "
        "(the features, as in manifold mixup) instead of pixels: the same idea at no extra cost per epoch.",
        "zh": "可训练部分以下的网络是冻结的，所以训练时混合的是进入可训练部分的特征（类似 manifold mixup），"
        "而不是像素：思路相同，每轮不增加额外计算。",
    },
    "tl.backbone": {"en": "Pretrained network", "zh": "预训练网络"},
    "tl.blocks": {"en": "Blocks to fine-tune (0 = frozen base, head only)", "zh": "微调的模块数（0 = 冻结基座，只训练头）"},
    "tl.blocks_help": {
        "en": "The last blocks get a private copy and learn at a tenth of the head's learning rate.",
        "zh": "最后几个模块会复制一份单独训练，学习率为头部的十分之一。",
    },
    "tl.bn_update": {"en": "Update BatchNorm statistics", "zh": "更新 BatchNorm 统计量"},
    "tl.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "tl.lr": {"en": "Learning rate (head)", "zh": "学习率（头部）"},
    "tl.batch": {"en": "Batch size", "zh": "批大小"},
    "tl.val": {"en": "Validation share", "zh": "验证集比例"},
    "tl.seed": {"en": "Split seed", "zh": "划分随机种子"},
    "tl.mixup": {"en": "Mixup α (0 = off)", "zh": "Mixup α（0 = 关闭）"},
    "tl.mixup_help": {"en": "λ ~ Beta(α, α): small α mostly keeps one photo, α = 1 mixes uniformly.",
                      "zh": "λ ~ Beta(α, α)：α 小时大多保留一张照片，α = 1 时均匀混合。"},
    "tl.start": {"en": "Train", "zh": "开始训练"},
    "tl.not_trained": {"en": "Not trained yet: press Train.", "zh": "尚未训练：请点击“开始训练”。"},
    "tl.fix_photos": {"en": "Fix the photos above first.", "zh": "请先处理上方照片的问题。"},
    "tl.train_first": {"en": "Train a model first (the Train view).", "zh": "请先训练模型（“训练”视图）。"},
    "tl.phase.features": {"en": "Features of the frozen network: {done} / {total} photos",
                          "zh": "冻结网络提取特征：{done} / {total} 张照片"},
    "tl.phase.train": {"en": "Training: epoch {done} / {total}", "zh": "训练中：第 {done} / {total} 轮"},
    "tl.bn_note": {
        "en": "With BatchNorm updated, a layer normalises by the statistics of the current batch, so the same photo "
        "gets different features depending on its batch-mates, and the smaller the batch, the more (the curve). "
        "Frozen, it uses the stored statistics: the features do not move. With a handful of photos, freezing "
        "them is the safe choice; compare runs above.",
        "zh": "更新 BatchNorm 时，这一层用当前批次的统计量做归一化，所以同一张照片的特征会随同批的其他照片而变化，"
        "批越小变化越大（见曲线）。冻结时使用保存的统计量，特征不会变。照片很少时，冻结更稳妥；可在上方比较各次训练。",
    },
    "tl.accuracy": {"en": "Validation accuracy", "zh": "验证集准确率"},
    "tl.accuracy_help": {"en": "On {n} held-out photos the head never trained on.",
                         "zh": "基于 {n} 张训练时从未见过的留出照片。"},
    "tl.no_val": {"en": "No validation photos: every class needs at least two photos.",
                  "zh": "没有验证照片：每个类别至少需要两张照片。"},
    "tl.cell": {"en": "Photos in a cell (or click a cell)", "zh": "查看某个格子的照片（或点击格子）"},
    "tl.cell_label": {"en": "true {true} → predicted {pred} ({n})", "zh": "真实 {true} → 预测 {pred}（{n}）"},
    "tl.pr_class": {"en": "Class for the P-R curve", "zh": "P-R 曲线的类别"},
    "tl.threshold": {"en": "Threshold", "zh": "阈值"},
    "tl.at_threshold": {
        "en": "At this threshold {called} photo(s) are called “{name}”: precision {p:.2f}, recall {r:.2f}.",
        "zh": "在此阈值下，有 {called} 张照片被判为“{name}”：精确率 {p:.2f}，召回率 {r:.2f}。",
    },
    "tl.predict_source": {"en": "Photo to classify", "zh": "要分类的照片"},
    "tl.predict_source.val": {"en": "A held-out photo", "zh": "一张留出照片"},
    "tl.predict_source.upload": {"en": "Upload", "zh": "上传"},
    "tl.predict_source.camera": {"en": "Camera", "zh": "摄像头"},
    "tl.val_photo": {"en": "Held-out photo", "zh": "留出照片"},
    "tl.upload_one": {"en": "Upload a photo", "zh": "上传一张照片"},
    "tl.nearest": {"en": "**Nearest training photos** (cosine similarity of the features the head reads)",
                   "zh": "**最相近的训练照片**（头部读取的特征的余弦相似度）"},
    "tl.download_head": {"en": "Download the trained head (.pt)", "zh": "下载训练好的头部（.pt）"},
    "tl.export_note": {
        "en": "A state_dict with the class names, loadable with torch.load(..., weights_only=True). Use it with the "
        "same pretrained network:",
        "zh": "包含类别名的 state_dict，可以用 torch.load(..., weights_only=True) 加载。与同一个预训练网络一起使用：",
    },
    "tl.metric.precision": {"en": "precision", "zh": "精确率"},
    "tl.metric.recall": {"en": "recall", "zh": "召回率"},
    "tl.metric.f1": {"en": "F1", "zh": "F1"},
    "tl.bn.updated": {"en": "BatchNorm updated (train mode)", "zh": "更新 BatchNorm（训练模式）"},
    "tl.bn.frozen": {"en": "BatchNorm frozen (eval mode)", "zh": "冻结 BatchNorm（评估模式）"},
    "tl.fig.curves": {"en": "Loss and accuracy per epoch", "zh": "每轮的损失与准确率"},
    "tl.fig.epoch": {"en": "epoch", "zh": "轮次"},
    "tl.fig.loss": {"en": "loss", "zh": "损失"},
    "tl.fig.accuracy": {"en": "accuracy", "zh": "准确率"},
    "tl.fig.train_loss": {"en": "train loss", "zh": "训练损失"},
    "tl.fig.val_loss": {"en": "validation loss", "zh": "验证损失"},
    "tl.fig.train_acc": {"en": "train accuracy", "zh": "训练准确率"},
    "tl.fig.val_acc": {"en": "validation accuracy", "zh": "验证准确率"},
    "tl.fig.confusion": {"en": "Confusion matrix (validation)", "zh": "混淆矩阵（验证集）"},
    "tl.fig.predicted": {"en": "predicted", "zh": "预测"},
    "tl.fig.true": {"en": "true", "zh": "真实"},
    "tl.fig.cell_hover": {"en": "true %{y} → predicted %{x}: %{z}", "zh": "真实 %{y} → 预测 %{x}：%{z}"},
    "tl.fig.per_class": {"en": "Per-class scores", "zh": "各类别指标"},
    "tl.fig.pr_curve": {"en": "P-R curve", "zh": "P-R 曲线"},
    "tl.fig.pr_title": {"en": "Precision-recall for “{name}”", "zh": "“{name}”的精确率-召回率"},
    "tl.fig.threshold_point": {"en": "threshold {threshold:.2f}", "zh": "阈值 {threshold:.2f}"},
    "tl.fig.probabilities": {"en": "Class probabilities", "zh": "各类别概率"},
    "tl.fig.wobble": {"en": "How much batch-mates move one photo's features", "zh": "同批照片让一张照片的特征变化多少"},
    "tl.fig.batch": {"en": "batch size", "zh": "批大小"},
    "tl.fig.wobble_y": {"en": "relative change", "zh": "相对变化"},
    "tl.fig.runs": {"en": "Your runs on the same split", "zh": "你在同一划分上的各次训练"},
    "tl.theory": {
        "en": "**Feature extraction.** A network trained on ImageNet already maps a photo to features that separate "
        "many kinds of objects. Keep it frozen, compute φ(x) once per photo, and train only a linear softmax "
        "classifier on top: few parameters, so a few photos per class suffice.\n\n"
        "**Fine-tuning.** Unfreeze the last block(s), which hold the most task-specific features, and train them "
        "with a smaller learning rate than the new head, so the pretrained weights move gently.\n\n"
        "**Augmentation and mixup** make the training set look bigger; mixup also teaches the network to be "
        "linear between examples (soft labels).\n\n"
        "**Bias vs variance.** Training accuracy far above validation accuracy is over-fitting (variance): more "
        "data, augmentation, mixup or fewer trainable weights help. Both low is under-fitting (bias).\n\n"
        "**Honest metrics.** Accuracy hides which classes fail; precision asks how many of the photos called c "
        "are c, recall how many of the c photos were found. Moving the threshold trades one for the other.",
        "zh": "**特征提取。** 在 ImageNet 上训练过的网络已经能把照片映射为区分许多物体的特征。保持它冻结，每张照片只算一次 "
        "φ(x)，只在上面训练一个线性 softmax 分类器：参数很少，所以每类几张照片就够了。\n\n"
        "**微调。** 解冻最后几个模块（它们的特征最贴近具体任务），用比新头部更小的学习率训练，让预训练权重只温和地改变。\n\n"
        "**数据增强与 mixup** 让训练集“看起来”更大；mixup 还让网络在样本之间表现得更线性（软标签）。\n\n"
        "**偏差与方差。** 训练准确率远高于验证准确率就是过拟合（方差大）：更多数据、数据增强、mixup 或更少的可训练权重会有帮助。"
        "两者都低则是欠拟合（偏差大）。\n\n"
        "**诚实的指标。** 准确率掩盖了哪些类别出错；精确率问的是被判为 c 的照片里有多少真是 c，召回率问的是 c 类照片找回了多少。"
        "移动阈值就是在两者之间取舍。",
    },
    # Bad input
    "tl.err.one_class": {"en": "Give at least two classes: a classifier needs something to tell apart.",
                         "zh": "至少需要两个类别：分类器需要有可以区分的东西。"},
    "tl.err.too_many_classes": {"en": "At most {limit} classes.", "zh": "最多 {limit} 个类别。"},
    "tl.err.unnamed_class": {"en": "Every class needs a name.", "zh": "每个类别都需要一个名字。"},
    "tl.err.duplicate_class": {"en": "Two classes have the same name: give each its own.",
                               "zh": "有两个类别同名：请给每个类别取不同的名字。"},
    "tl.err.empty_class": {"en": "Class “{name}” has no photos yet: add at least one (two or more to validate).",
                           "zh": "类别“{name}”还没有照片：至少添加一张（要验证则需两张以上）。"},
    "tl.err.class_too_big": {
        "en": "Class “{name}” has {count} photos; the limit is {limit} per class on this server.",
        "zh": "类别“{name}”有 {count} 张照片；本服务器每类最多 {limit} 张。",
    },
    "tl.err.too_many_photos": {"en": "{count} photos in all; the limit is {limit} per session.",
                               "zh": "共 {count} 张照片；每个会话最多 {limit} 张。"},
    "tl.err.bad_photo": {"en": "“{name}”: {reason}", "zh": "“{name}”：{reason}"},
    "tl.err.val_classes": {"en": "The validation folder's classes ({val}) differ from the training classes ({train}).",
                            "zh": "验证文件夹的类别（{val}）与训练类别（{train}）不一致。"},
    "tl.err.not_a_folder": {"en": "{path} is not a folder with one sub-folder of images per class.",
                            "zh": "{path} 不是每个类别一个图片子文件夹的目录。"},
}

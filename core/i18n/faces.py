"""Strings of the face verification page (``face.*``)."""

STRINGS = {
    "face.intro": {
        "en": "Two photos in, one decision out: YuNet finds each face and its 5 landmarks, a similarity "
        "transform aligns it to a 112×112 template, SFace turns it into a 128-d unit vector, and the cosine "
        "of two vectors is compared with a threshold. Photos stay in this session's memory only.",
        "zh": "输入两张照片，得到一个判断：YuNet 找出每张人脸及其 5 个关键点，相似变换把人脸对齐到 112×112 的模板，"
        "SFace 把它变成一个 128 维单位向量，再把两个向量的余弦相似度与阈值比较。照片只保存在本次会话的内存中。",
    },
    "face.threshold": {"en": "Threshold (cosine similarity)", "zh": "阈值（余弦相似度）"},
    "face.threshold_help": {
        "en": "At or above it: same person. OpenCV's SFace default is 0.363. It also decides identification "
        "in the face book and the error rates below.",
        "zh": "不低于阈值即判为同一人。OpenCV 对 SFace 的默认值是 0.363。人脸库的识别与下方的错误率也用这个阈值。",
    },
    "face.tab.verify": {"en": "Verify two photos", "zh": "验证两张照片"},
    "face.tab.book": {"en": "One-shot face book", "zh": "单样本人脸库"},
    "face.tab.geometry": {"en": "Geometry of the embedding", "zh": "嵌入空间的几何"},
    "face.photo_a": {"en": "Photo A", "zh": "照片 A"},
    "face.photo_b": {"en": "Photo B", "zh": "照片 B"},
    "face.found": {"en": "{count} face(s) found", "zh": "找到 {count} 张人脸"},
    "face.pick": {"en": "Which face", "zh": "选择人脸"},
    "face.option": {"en": "Face {number} (score {score:.2f})", "zh": "人脸 {number}（得分 {score:.2f}）"},
    "face.aligned": {"en": "Aligned 112×112", "zh": "对齐后 112×112"},
    "face.cosine": {"en": "Cosine similarity", "zh": "余弦相似度"},
    "face.l2": {"en": "L2 distance", "zh": "L2 距离"},
    "face.decision": {"en": "Decision", "zh": "判定"},
    "face.margin": {"en": "Margin to threshold", "zh": "与阈值的差距"},
    "face.same": {
        "en": "Same person: cosine {cosine:.3f} ≥ threshold {threshold:.3f} (margin {margin:+.3f}).",
        "zh": "同一人：余弦相似度 {cosine:.3f} ≥ 阈值 {threshold:.3f}（差距 {margin:+.3f}）。",
    },
    "face.different": {
        "en": "Different people: cosine {cosine:.3f} < threshold {threshold:.3f} (margin {margin:+.3f}).",
        "zh": "不同的人：余弦相似度 {cosine:.3f} < 阈值 {threshold:.3f}（差距 {margin:+.3f}）。",
    },
    "face.l2_note": {
        "en": "For unit vectors ‖a − b‖² = 2 − 2·cos, so the same threshold as a distance is L2 ≤ {l2:.3f}.",
        "zh": "对单位向量有 ‖a − b‖² = 2 − 2·cos，所以同一个阈值换成距离就是 L2 ≤ {l2:.3f}。",
    },
    "face.same_short": {"en": "same person", "zh": "同一人"},
    "face.different_short": {"en": "different people", "zh": "不同的人"},
    "face.working": {"en": "Detecting, aligning and embedding faces…", "zh": "正在检测、对齐并嵌入人脸……"},
    "face.sample.obama": {"en": "Obama", "zh": "奥巴马"},
    "face.sample.biden": {"en": "Biden", "zh": "拜登"},
    "face.err.no_face": {
        "en": "No face found in this photo. Try a sharper, well-lit photo in which the face is turned towards "
        "the camera and at least about 20 pixels wide.",
        "zh": "这张照片里没有找到人脸。请换一张更清晰、光线更好的照片，人脸朝向镜头，宽度至少约 20 像素。",
    },
    "face.err.bad_index": {
        "en": "There is no face number {index} in this photo (it has {count}).",
        "zh": "这张照片里没有第 {index} 张人脸（共 {count} 张）。",
    },
    "face.err.name_empty": {"en": "Type a name to enrol this face under.", "zh": "请输入要登记的姓名。"},
    "face.err.name_long": {"en": "Names are limited to {limit} characters.", "zh": "姓名最多 {limit} 个字符。"},
    "face.err.book_full": {
        "en": "The face book is full ({limit} faces). Forget some faces first.",
        "zh": "人脸库已满（{limit} 张）。请先删除一些人脸。",
    },
    "face.book.privacy": {
        "en": "The face book belongs to this browser session: it lives in memory only, nothing is written to "
        "disk or logged, and it is gone when you close the tab.",
        "zh": "人脸库只属于当前浏览器会话：只存在内存里，不写入磁盘、不记录日志，关闭页面即消失。",
    },
    "face.book.photo": {"en": "Photo to enrol or identify", "zh": "用于登记或识别的照片"},
    "face.book.name": {"en": "Name", "zh": "姓名"},
    "face.book.enrol": {"en": "Enrol this face", "zh": "登记这张人脸"},
    "face.book.samples": {"en": "Enrol the sample photos", "zh": "登记示例照片"},
    "face.book.samples_help": {
        "en": "Three photos of Barack Obama and one of Joe Biden (US government portraits, public domain).",
        "zh": "三张奥巴马和一张拜登的照片（美国政府肖像，公有领域）。",
    },
    "face.book.count": {"en": "{count} face(s) enrolled", "zh": "已登记 {count} 张人脸"},
    "face.book.empty": {
        "en": "The face book is empty: enrol a face, or the sample photos.",
        "zh": "人脸库是空的：请登记一张人脸，或登记示例照片。",
    },
    "face.book.match": {
        "en": "Identified: {name} (cosine {similarity:.3f} to the nearest enrolled face).",
        "zh": "识别结果：{name}（与最近的已登记人脸的余弦相似度为 {similarity:.3f}）。",
    },
    "face.book.unknown": {
        "en": "Unknown: the nearest enrolled face is {name} at cosine {similarity:.3f}, below the threshold.",
        "zh": "未知：最近的已登记人脸是 {name}，余弦相似度 {similarity:.3f}，低于阈值。",
    },
    "face.book.forget_pick": {"en": "Face to forget", "zh": "要删除的人脸"},
    "face.book.forget": {"en": "Forget it", "zh": "删除"},
    "face.book.forget_all": {"en": "Forget all", "zh": "全部删除"},
    "face.geo.need_two": {
        "en": "Enrol at least two faces in the face book to see the map (the sample photos are a quick start).",
        "zh": "请在人脸库中至少登记两张人脸才能看到分布图（登记示例照片最快）。",
    },
    "face.geo.map": {"en": "Enrolled faces and the probe, PCA to 2-D", "zh": "已登记人脸与待查人脸，PCA 降到二维"},
    "face.geo.map_note": {
        "en": "Dotted lines join the probe (the face book photo) to every enrolled face, labelled with the true "
        "128-d L2 distance; a projection can only shrink distances.",
        "zh": "虚线把待查人脸（人脸库页的照片）与每张已登记人脸相连，标注的是真实的 128 维 L2 距离；投影只会让距离变短。",
    },
    "face.geo.axis": {"en": "PC{number} ({share:.0%} of variance)", "zh": "主成分 {number}（解释 {share:.0%} 的方差）"},
    "face.geo.probe": {"en": "probe", "zh": "待查"},
    "face.geo.triplet": {"en": "Triplet loss", "zh": "三元组损失"},
    "face.geo.anchor": {"en": "Anchor A", "zh": "锚点 A"},
    "face.geo.positive": {"en": "Positive P (same person)", "zh": "正例 P（同一人）"},
    "face.geo.negative": {"en": "Negative N (other person)", "zh": "负例 N（另一人）"},
    "face.geo.alpha": {"en": "Margin α", "zh": "间隔 α"},
    "face.geo.triplet_zero": {
        "en": "Loss 0: the negative is already farther than the positive by at least α; this triplet teaches nothing.",
        "zh": "损失为 0：负例比正例远出至少 α，这个三元组已经学不到东西。",
    },
    "face.geo.triplet_active": {
        "en": "Loss > 0: training would pull P towards A and push N away until d(A,N) ≥ d(A,P) + α.",
        "zh": "损失大于 0：训练会把 P 拉近 A、把 N 推远，直到 d(A,N) ≥ d(A,P) + α。",
    },
    "face.geo.triplet_labels": {
        "en": "Note: P should show the anchor's person and N another person; this choice does not.",
        "zh": "注意：P 应是锚点本人、N 应是另一个人，当前的选择不符合。",
    },
    "face.geo.hist": {"en": "Genuine and impostor pairs", "zh": "真实配对与冒名配对"},
    "face.geo.need_pairs": {
        "en": "For the histogram, enrol at least two photos of one person and at least one other person.",
        "zh": "要画直方图，请至少为一个人登记两张照片，并至少登记另一个人。",
    },
    "face.geo.genuine": {"en": "genuine (same person)", "zh": "真实配对（同一人）"},
    "face.geo.impostor": {"en": "impostor (different people)", "zh": "冒名配对（不同的人）"},
    "face.geo.pairs": {"en": "Pairs", "zh": "配对数"},
    "face.geo.far": {"en": "False accept rate", "zh": "误识率（FAR）"},
    "face.geo.frr": {"en": "False reject rate", "zh": "拒识率（FRR）"},
    "face.geo.rates_note": {
        "en": "Raising the threshold trades false accepts for false rejects; {genuine} genuine and {impostor} "
        "impostor pairs.",
        "zh": "提高阈值会用更多的拒识换取更少的误识；共 {genuine} 个真实配对、{impostor} 个冒名配对。",
    },
    "face.theory": {
        "en": "**Verification vs identification.** Verification answers *are these two faces the same person?* "
        "(1:1, a threshold on one distance). Identification answers *who is this?* (1:N, the nearest of many "
        "enrolled faces, or *unknown* if none is close enough).\n\n"
        "**One-shot learning.** A classifier needs many photos per person and retraining for each new one. "
        "Instead, learn a function f that maps a face to a vector so that distances mean identity; a new "
        "person is then one photo: store f(photo).\n\n"
        "**Siamese network.** The *same* network f (shared weights) embeds both faces; the decision is "
        "d(f(x₁), f(x₂)) against a threshold τ. With unit vectors, cosine and L2 distance are two views of "
        "one number.\n\n"
        "**Triplet loss.** Training shows an anchor A, a positive P (same person) and a negative N (other "
        "person) and asks for d(A,P) + α ≤ d(A,N); the margin α keeps the classes apart (FaceNet, 2015). "
        "SFace trains with a related sigmoid-constrained hypersphere loss.\n\n"
        "**Why an embedding database makes identification fast.** Enrolment stores a 128-d vector; "
        "identifying a probe is one matrix–vector product with all stored vectors (or an approximate "
        "nearest-neighbour index for millions), with no retraining when people are added or removed.",
        "zh": "**验证与识别。** 验证回答“这两张脸是不是同一个人？”（1:1，对一个距离设阈值）。"
        "识别回答“这是谁？”（1:N，在许多已登记人脸中找最近的那个；若都不够近，则为“未知”）。\n\n"
        "**单样本学习。** 分类器需要每人很多张照片，每加一个人都要重新训练。换一种思路：学习一个函数 f，"
        "把人脸映射成向量，使距离代表身份；于是新来一个人只需一张照片：保存 f(照片) 即可。\n\n"
        "**孪生网络。** 用*同一个*网络 f（共享权重）分别嵌入两张人脸，再把 d(f(x₁), f(x₂)) 与阈值 τ 比较。"
        "对单位向量而言，余弦相似度与 L2 距离是同一个量的两种看法。\n\n"
        "**三元组损失。** 训练时给出锚点 A、正例 P（同一人）和负例 N（另一人），要求 d(A,P) + α ≤ d(A,N)；"
        "间隔 α 让不同的人彼此分开（FaceNet，2015）。SFace 用的是与之相关的 sigmoid 约束超球面损失。\n\n"
        "**为什么嵌入数据库让识别很快。** 登记只需保存一个 128 维向量；识别一张待查人脸就是与全部已存向量做一次"
        "矩阵–向量乘法（上百万人时可用近似最近邻索引），增删人员都不需要重新训练。",
    },
}

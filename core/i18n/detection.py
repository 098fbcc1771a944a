"""Strings of the YOLOv3 detection page (``det.``)."""

STRINGS = {
    "det.intro": {
        "en": "YOLOv3 looks at the whole image once: every cell of a coarse grid predicts a few boxes around "
        "its anchor priors, with an objectness and 80 class probabilities. Thresholding and non-max "
        "suppression keep the best. The network runs once per image and setting; the sliders only re-filter.",
        "zh": "YOLOv3 对整张图只看一次：粗网格中的每个单元格围绕自己的锚框先验预测几个框，每个框带有一个目标置信度"
        "和 80 个类别概率，再经过阈值筛选和非极大值抑制留下最好的框。每张图片、每种设置只运行一次网络，"
        "拖动滑块只会重新筛选。",
    },
    "det.model": {"en": "Model", "zh": "模型"},
    "det.model.yolov3-tiny": {"en": "YOLOv3-tiny (2 scales, offline)", "zh": "YOLOv3-tiny（2 个尺度，离线）"},
    "det.model.yolov3": {"en": "YOLOv3 (Darknet-53, 3 scales)", "zh": "YOLOv3（Darknet-53，3 个尺度）"},
    "det.full_missing": {
        "en": "Full YOLOv3 is not installed; install it with `{command}` on a machine with internet.",
        "zh": "完整版 YOLOv3 未安装；可在联网的机器上用 `{command}` 安装。",
    },
    "det.size": {"en": "Input size (multiple of 32)", "zh": "输入尺寸（32 的倍数）"},
    "det.mode": {"en": "Resize", "zh": "缩放方式"},
    "det.mode.letterbox": {"en": "Letterbox (pad)", "zh": "信箱缩放（填充）"},
    "det.mode.stretch": {"en": "Stretch", "zh": "拉伸"},
    "det.mode.center_crop": {"en": "Centre crop", "zh": "中心裁剪"},
    "det.conf": {"en": "Confidence threshold", "zh": "置信度阈值"},
    "det.iou": {"en": "NMS IoU threshold", "zh": "NMS 的 IoU 阈值"},
    "det.classes": {"en": "Only these classes (empty: all)", "zh": "只显示这些类别（留空：全部）"},
    "det.classes_placeholder": {"en": "All 80 COCO classes", "zh": "全部 80 个 COCO 类别"},
    "det.view": {"en": "View", "zh": "视图"},
    "det.view.detections": {"en": "Detections", "zh": "检测结果"},
    "det.view.nms": {"en": "Before / after NMS", "zh": "NMS 前后"},
    "det.view.grid": {"en": "Grids and anchors", "zh": "网格与锚框"},
    "det.view.heatmap": {"en": "Objectness heatmaps", "zh": "目标置信度热力图"},
    "det.view.iou": {"en": "IoU playground", "zh": "IoU 游乐场"},
    "det.summary": {
        "en": "{candidates} candidate boxes from {scales} scales ({grids}); {over} over the threshold, "
        "{kept} kept after NMS. Network: {forward_ms:.0f} ms (once per input), filtering: {filter_ms:.1f} ms.",
        "zh": "{scales} 个尺度（{grids}）共给出 {candidates} 个候选框；{over} 个超过阈值，NMS 后保留 {kept} 个。"
        "网络：{forward_ms:.0f} 毫秒（每个输入只算一次），筛选：{filter_ms:.1f} 毫秒。",
    },
    "det.none": {
        "en": "Nothing over the confidence threshold. Lower it, or try another resize mode or input size.",
        "zh": "没有超过置信度阈值的框。可以调低阈值，或换一种缩放方式或输入尺寸。",
    },
    "det.col.class": {"en": "Class", "zh": "类别"},
    "det.col.score": {"en": "Confidence", "zh": "置信度"},
    "det.col.objectness": {"en": "Objectness", "zh": "目标置信度"},
    "det.col.class_prob": {"en": "Class probability", "zh": "类别概率"},
    "det.col.box": {"en": "Box x1, y1, x2, y2 (px)", "zh": "边框 x1, y1, x2, y2（像素）"},
    "det.col.scale": {"en": "Grid", "zh": "网格"},
    "det.col.cell": {"en": "Cell (column, row)", "zh": "单元格（列，行）"},
    "det.col.anchor": {"en": "Anchor w×h", "zh": "锚框 宽×高"},
    "det.nms_caption": {
        "en": "{before} boxes over the threshold before NMS (grey: suppressed), {after} after. Lower the "
        "confidence threshold to see the crowd of overlapping candidates NMS has to clean up.",
        "zh": "NMS 前有 {before} 个框超过阈值（灰色为被抑制的框），NMS 后剩 {after} 个。调低置信度阈值，"
        "就能看到 NMS 需要清理的大量重叠候选框。",
    },
    "det.before_nms": {"en": "Before NMS", "zh": "NMS 之前"},
    "det.after_nms": {"en": "After NMS", "zh": "NMS 之后"},
    "det.grid_scale": {"en": "Scale", "zh": "尺度"},
    "det.grid_option": {"en": "{rows}×{cols} grid, stride {stride}", "zh": "{rows}×{cols} 网格，步长 {stride}"},
    "det.grid_caption": {
        "en": "The network input ({size}×{size}) with this scale's grid. Filled: the cell responsible for each "
        "detection; white: the anchor prior it refined; colour: the final box. This scale's anchors "
        "(w×h, pixels): {anchors}.",
        "zh": "网络输入（{size}×{size}）及该尺度的网格。填充的格子：负责该检测的单元格；白框：它所修正的锚框先验；"
        "彩色框：最终预测框。该尺度的锚框（宽×高，像素）：{anchors}。",
    },
    "det.grid_none": {
        "en": "No detection comes from this scale at the current thresholds.",
        "zh": "在当前阈值下，没有检测结果来自这个尺度。",
    },
    "det.heat_caption": {
        "en": "Objectness σ(t_o) of every cell, the highest of its anchors: where the network believes an "
        "object's centre lies, before any class or threshold.",
        "zh": "每个单元格的目标置信度 σ(t_o)（取其各锚框中的最大值）：网络认为物体中心所在的位置，"
        "尚未考虑类别和阈值。",
    },
    "det.heat_title": {"en": "{rows}×{cols} grid", "zh": "{rows}×{cols} 网格"},
    "det.iou_a": {"en": "Box A (blue)", "zh": "框 A（蓝色）"},
    "det.iou_b": {"en": "Box B (red)", "zh": "框 B（红色）"},
    "det.iou_x": {"en": "x", "zh": "x 坐标"},
    "det.iou_y": {"en": "y", "zh": "y 坐标"},
    "det.iou_w": {"en": "width", "zh": "宽度"},
    "det.iou_h": {"en": "height", "zh": "高度"},
    "det.iou_intersection": {"en": "Intersection", "zh": "交集"},
    "det.iou_union": {"en": "Union", "zh": "并集"},
    "det.iou_value": {"en": "IoU", "zh": "交并比 IoU"},
    "det.iou_verdict": {
        "en": "With the NMS threshold at {threshold:.2f}, the weaker box of the same class would be {verdict}.",
        "zh": "NMS 阈值为 {threshold:.2f} 时，同一类别中较弱的那个框会被{verdict}。",
    },
    "det.iou_suppressed": {"en": "suppressed", "zh": "抑制"},
    "det.iou_kept": {"en": "kept", "zh": "保留"},
    "det.theory": {
        "en": "**Two-stage vs one-stage.** Two-stage detectors (R-CNN, Faster R-CNN) first propose regions, then "
        "classify each one. A one-stage detector such as YOLO predicts boxes and classes for the whole image "
        "in a single forward pass: faster, and it sees global context.\n\n"
        "**Grid cells.** The backbone downsamples by 32 (five stride-2 steps), so a 416×416 input gives a "
        "13×13 grid; YOLOv3 also predicts on 26×26 (and, full model, 52×52) grids for smaller objects. The "
        "cell containing an object's centre is responsible for it. This is also why the input side must be a "
        "multiple of 32: every halving must divide evenly, so the grids line up with the pixels.\n\n"
        "**Anchors.** Each cell refines a few anchor boxes (priors). Their sizes come from k-means on the "
        "training boxes with distance d = 1 − IoU(box, centroid), so they fit typical object shapes. The "
        "network predicts offsets t_x, t_y, t_w, t_h; the first formula below turns them into a box "
        "(σ keeps the centre inside its cell, s is the cell size in pixels).\n\n"
        "**Confidence** = objectness × class probability; boxes below the threshold are dropped.\n\n"
        "**IoU** measures overlap. **Non-max suppression** per class: sort by confidence, keep the best box, "
        "drop every other box whose IoU with it exceeds the threshold, repeat with the next remaining box.",
        "zh": "**两阶段与单阶段。** 两阶段检测器（R-CNN、Faster R-CNN）先提出候选区域，再对每个区域分类；"
        "YOLO 这样的单阶段检测器只做一次前向传播，就为整张图预测出框和类别：速度更快，而且能看到全局上下文。\n\n"
        "**网格单元。** 主干网络总共下采样 32 倍（五次步长为 2），所以 416×416 的输入得到 13×13 的网格；"
        "YOLOv3 还会在 26×26（完整版还有 52×52）的网格上预测，以照顾小物体。物体中心落在哪个单元格，就由哪个"
        "单元格负责预测它。这也是输入边长必须是 32 的倍数的原因：每次减半都要能整除，网格才能与像素对齐。\n\n"
        "**锚框。** 每个单元格修正几个锚框（先验框）。锚框尺寸由对训练集边框做 k-means 聚类得到，距离定义为 "
        "d = 1 − IoU(框, 聚类中心)，因此贴合常见物体的形状。网络预测偏移量 t_x、t_y、t_w、t_h，"
        "下面第一个公式把它们变成一个框（σ 让中心落在本单元格内，s 是单元格的像素边长）。\n\n"
        "**置信度** = 目标置信度 × 类别概率；低于阈值的框被丢弃。\n\n"
        "**IoU** 衡量两个框的重叠程度。**非极大值抑制** 按类别进行：按置信度排序，保留最好的框，删除与它 IoU "
        "超过阈值的其他框，再对剩下的下一个框重复。",
    },
    "det.err.cfg": {
        "en": "This Darknet .cfg file cannot be used: {detail}.",
        "zh": "无法使用这个 Darknet .cfg 文件：{detail}。",
    },
    "det.err.weights": {
        "en": "This Darknet .weights file does not fit the network: {detail}.",
        "zh": "这个 Darknet .weights 文件与网络结构不匹配：{detail}。",
    },
    "det.err.size": {
        "en": "The input size must be a multiple of 32 between {low} and {high}, not {size}.",
        "zh": "输入尺寸必须是 {low} 到 {high} 之间 32 的倍数，而不是 {size}。",
    },
}

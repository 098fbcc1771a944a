"""Strings of the Activations page (namespace ``act.``)."""

_NOTES = {
    "sigmoid": ("The classic squashing unit; still the right output for a yes/no probability, but in hidden "
                "layers its slope of at most 1/4 shrinks gradients layer after layer.",
                "经典的“挤压”单元；作为二分类的概率输出仍然合适，但放在隐藏层时它的斜率最多只有 1/4，"
                "梯度会一层层地变小。"),
    "tanh": ("A rescaled sigmoid, tanh(x) = 2σ(2x) − 1: zero-centred, so the next layer sees balanced inputs; "
             "still saturates on both sides.",
             "缩放过的 sigmoid：tanh(x) = 2σ(2x) − 1。输出以零为中心，下一层的输入更均衡；但两侧仍会饱和。"),
    "relu": ("max(0, x): slope exactly 1 for x > 0, so gradients pass through unchanged; the default of modern "
             "networks. A unit whose input is always negative gets no gradient and dies.",
             "max(0, x)：x > 0 时斜率恰好为 1，梯度原样通过，是现代网络的默认选择。"
             "若某个单元的输入总是负数，它就得不到梯度，成为“死亡”单元。"),
    "leaky_relu": ("ReLU with a small slope for x < 0, so no unit ever gets a zero gradient.",
                   "在 x < 0 处保留一个小斜率的 ReLU，任何单元的梯度都不会变成零。"),
    "prelu": ("Leaky ReLU whose negative slope a is learned by gradient descent, one per layer here.",
              "负半轴斜率 a 由梯度下降学习的 Leaky ReLU（这里每层一个 a）。"),
    "elu": ("Smooth exponential curve below zero, saturating at −α: mean activations closer to zero than ReLU.",
            "负半轴是平滑的指数曲线，饱和于 −α：激活值的均值比 ReLU 更接近零。"),
    "selu": ("ELU scaled by λ ≈ 1.05 with α ≈ 1.67, chosen so that activations keep mean 0 and variance 1 "
             "through depth (self-normalising networks, with LeCun init).",
             "以 λ ≈ 1.05、α ≈ 1.67 缩放的 ELU，这两个常数使激活值在层层传递中保持均值 0、方差 1"
             "（自归一化网络，配合 LeCun 初始化）。"),
    "gelu": ("x·Φ(x), Φ the standard normal CDF: a smooth ReLU that lets small negative values through; "
             "used in BERT and GPT.",
             "x·Φ(x)，Φ 为标准正态分布的累积分布函数：一种平滑的 ReLU，允许少量负值通过；BERT 和 GPT 都用它。"),
    "gelu_tanh": ("The tanh approximation of GELU used by the original BERT/GPT-2 code; within 0.001 of the exact one.",
                  "GELU 的 tanh 近似，原始 BERT / GPT-2 代码使用的版本；与精确值相差不到 0.001。"),
    "swish": ("x·σ(βx), found by automated search; β = 1 is SiLU, a large β approaches ReLU. Non-monotonic: "
              "a small dip below zero.",
              "x·σ(βx)，由自动搜索发现；β = 1 即 SiLU，β 很大时接近 ReLU。它不是单调的：零点左侧有一个小凹陷。"),
    "mish": ("x·tanh(softplus(x)): close to Swish, smooth everywhere; used in YOLOv4.",
             "x·tanh(softplus(x))：与 Swish 相近，处处光滑；YOLOv4 使用了它。"),
    "softplus": ("log(1 + eˣ), a smooth ReLU whose derivative is exactly the sigmoid; always positive.",
                 "log(1 + eˣ)，一种平滑的 ReLU，其导数正好是 sigmoid；输出总为正。"),
    "hardswish": ("x·ReLU6(x + 3)/6, a piecewise approximation of Swish without exp, made for phones (MobileNetV3).",
                  "x·ReLU6(x + 3)/6，不需要指数运算的分段 Swish 近似，专为手机设计（MobileNetV3）。"),
    "step": ("The perceptron's threshold: its derivative is 0 everywhere (undefined at 0), so gradient descent "
             "cannot train it; that is why smooth activations replaced it.",
             "感知机的阈值函数：导数处处为 0（在 0 处无定义），梯度下降无法训练它；这正是平滑激活函数取代它的原因。"),
}

STRINGS = {
    "act.intro": {
        "en": "What an activation function does, alone and inside a deep network: its curve and slope, how "
              "gradients survive many layers, and a small network you can train live.",
        "zh": "激活函数单独看是什么样，放进深层网络里又起什么作用：它的曲线与斜率、梯度如何穿过许多层，"
              "以及一个可以实时训练的小网络。",
    },
    "act.tab.functions": {"en": "Functions", "zh": "函数一览"},
    "act.tab.depth": {"en": "Gradients through depth", "zh": "梯度穿越深度"},
    "act.tab.playground": {"en": "Training playground", "zh": "训练游乐场"},
    # ---------------------------------------------------------------- function explorer
    "act.fn.select": {"en": "Functions", "zh": "激活函数"},
    "act.fn.derivative": {"en": "Show the derivative f′ (by autograd)", "zh": "显示导数 f′（由自动求导得到）"},
    "act.fn.range": {"en": "x range", "zh": "x 的范围"},
    "act.fn.params": {"en": "Parameters", "zh": "参数"},
    "act.fn.empty": {"en": "Pick at least one function.", "zh": "请至少选择一个函数。"},
    "act.fn.f": {"en": "f(x)", "zh": "函数 f(x)"},
    "act.fn.df": {"en": "f′(x)", "zh": "导数 f′(x)"},
    "act.fn.notes": {"en": "Notes", "zh": "特性对比"},
    "act.col.function": {"en": "Function", "zh": "函数"},
    "act.col.range": {"en": "Output range", "zh": "输出范围"},
    "act.col.zero": {"en": "Zero-centred", "zh": "以零为中心"},
    "act.col.saturation": {"en": "Saturates", "zh": "饱和"},
    "act.col.dead": {"en": "Dead units", "zh": "死亡单元"},
    "act.col.cost": {"en": "Cost", "zh": "计算代价"},
    "act.col.note": {"en": "Note", "zh": "说明"},
    "act.yes": {"en": "yes", "zh": "是"},
    "act.no": {"en": "no", "zh": "否"},
    "act.dead.yes": {"en": "possible", "zh": "可能出现"},
    "act.sat.both": {"en": "both sides", "zh": "两侧"},
    "act.sat.negative": {"en": "negative side", "zh": "负半轴"},
    "act.sat.none": {"en": "no", "zh": "不饱和"},
    "act.cost.cheap": {"en": "cheap (compare, multiply)", "zh": "低（比较、乘法）"},
    "act.cost.exp": {"en": "one exp", "zh": "一次指数运算"},
    "act.cost.heavy": {"en": "exp plus log / tanh / erf", "zh": "指数再加 log / tanh / erf"},
    "act.param.slope": {"en": "Leaky ReLU: negative slope", "zh": "Leaky ReLU：负半轴斜率"},
    "act.param.a": {"en": "PReLU: initial slope a", "zh": "PReLU：初始斜率 a"},
    "act.param.alpha": {"en": "ELU: α", "zh": "ELU：α 值"},
    "act.param.beta": {"en": "Swish: β", "zh": "Swish：β 值"},
    **{f"act.note.{k}": {"en": en, "zh": zh} for k, (en, zh) in _NOTES.items()},
    # ---------------------------------------------------------------- depth experiment
    "act.depth.intro": {
        "en": "A random batch goes through an MLP of square layers (Linear → [BatchNorm] → f) and a 10-class "
              "head with random labels; one backward pass. Per layer: the distribution of the activations and "
              "the size of the gradients. Try the classic settings below.",
        "zh": "一批随机数据通过由方阵层（Linear → [BatchNorm] → f）组成的 MLP，顶部是带随机标签的 10 类分类头，"
              "做一次反向传播。逐层显示：激活值的分布与梯度的大小。试试下面的经典设置。",
    },
    "act.depth.presets": {"en": "Classic settings", "zh": "经典设置"},
    "act.preset.vanishing": {"en": "Vanishing: sigmoid + N(0, 0.01²)", "zh": "梯度消失：sigmoid + N(0, 0.01²)"},
    "act.preset.exploding": {"en": "Exploding: ReLU + std 0.2", "zh": "梯度爆炸：ReLU + 标准差 0.2"},
    "act.preset.he": {"en": "Fixed: ReLU + He", "zh": "修正：ReLU + He 初始化"},
    "act.preset.xavier": {"en": "Fixed: tanh + Xavier", "zh": "修正：tanh + Xavier 初始化"},
    "act.depth.depth": {"en": "Depth (hidden layers)", "zh": "深度（隐藏层数）"},
    "act.depth.width": {"en": "Width (units per layer)", "zh": "宽度（每层单元数）"},
    "act.depth.activation": {"en": "Activation", "zh": "激活函数"},
    "act.depth.init": {"en": "Weight initialisation", "zh": "权重初始化"},
    "act.init.small": {"en": "N(0, 0.01²) (course notes)", "zh": "N(0, 0.01²)（课程笔记）"},
    "act.init.xavier": {"en": "Xavier / Glorot: std √(1/n)", "zh": "Xavier / Glorot：标准差 √(1/n)"},
    "act.init.he": {"en": "He / Kaiming: std √(2/n)", "zh": "He / Kaiming：标准差 √(2/n)"},
    "act.init.custom": {"en": "custom std", "zh": "自定义标准差"},
    "act.depth.std": {"en": "Custom std", "zh": "自定义标准差"},
    "act.depth.batchnorm": {"en": "BatchNorm after each Linear", "zh": "每个 Linear 之后加 BatchNorm"},
    "act.depth.dist": {"en": "Activations per layer", "zh": "各层激活值的分布"},
    "act.depth.grads": {"en": "Gradient size per layer (log scale)", "zh": "各层梯度大小（对数坐标）"},
    "act.depth.layer": {"en": "layer", "zh": "层"},
    "act.depth.value": {"en": "activation value", "zh": "激活值"},
    "act.depth.norm": {"en": "norm", "zh": "范数"},
    "act.trace.grad_w": {"en": "weight gradient ‖∂L/∂W‖", "zh": "权重梯度 ‖∂L/∂W‖"},
    "act.trace.delta": {"en": "backprop signal ‖∂L/∂z‖", "zh": "反向传播信号 ‖∂L/∂z‖"},
    "act.trace.std": {"en": "activation std", "zh": "激活值标准差"},
    "act.metric.ratio": {"en": "Signal, last ÷ first layer", "zh": "信号比值：最后一层 ÷ 第一层"},
    "act.metric.flat": {"en": "Saturated or dead units", "zh": "饱和或死亡的单元"},
    "act.metric.grad_first": {"en": "‖∂L/∂W‖ of layer 1", "zh": "第 1 层的 ‖∂L/∂W‖"},
    "act.verdict.vanishing": {
        "en": "Vanishing gradients: the signal shrinks on its way back, so the first layers barely learn.",
        "zh": "梯度消失：信号在反向传播途中不断变小，前面几层几乎学不到东西。",
    },
    "act.verdict.exploding": {
        "en": "Exploding: activations and gradients grow layer after layer; training diverges.",
        "zh": "梯度爆炸：激活值和梯度逐层增大，训练会发散。",
    },
    "act.verdict.healthy": {
        "en": "Healthy: the gradient keeps its scale from the last layer to the first.",
        "zh": "状态良好：梯度从最后一层到第一层都保持着相近的量级。",
    },
    # ---------------------------------------------------------------- playground
    "act.pg.intro": {
        "en": "Train a small network on a 2-D problem and watch its decision boundary form. For overfitting: "
              "few training points, many neurons, no regularisation; then add L2 or dropout.",
        "zh": "在二维问题上训练一个小网络，看着它的决策边界逐渐成形。想看过拟合：训练点少、神经元多、不加正则化；"
              "然后加上 L2 或 dropout 来治理。",
    },
    "act.pg.data": {"en": "Data", "zh": "数据"},
    "act.pg.network": {"en": "Network", "zh": "网络"},
    "act.pg.training": {"en": "Training", "zh": "训练"},
    "act.pg.dataset": {"en": "Dataset", "zh": "数据集"},
    "act.ds.circles": {"en": "circles", "zh": "同心圆"},
    "act.ds.xor": {"en": "XOR", "zh": "异或"},
    "act.ds.spirals": {"en": "two spirals", "zh": "双螺旋"},
    "act.ds.blobs": {"en": "gaussian blobs", "zh": "高斯团"},
    "act.ds.moons": {"en": "moons", "zh": "双月"},
    "act.pg.points": {"en": "Points", "zh": "数据点数"},
    "act.pg.noise": {"en": "Noise", "zh": "噪声"},
    "act.pg.train": {"en": "Training share (%)", "zh": "训练集比例（%）"},
    "act.pg.layers": {"en": "Hidden layers", "zh": "隐藏层数"},
    "act.pg.neurons": {"en": "Neurons per layer", "zh": "每层神经元数"},
    "act.pg.activation": {"en": "Activation", "zh": "激活函数"},
    "act.pg.batchnorm": {"en": "BatchNorm", "zh": "批归一化（BatchNorm）"},
    "act.pg.dropout": {"en": "Dropout rate", "zh": "Dropout 比例"},
    "act.pg.optimizer": {"en": "Optimizer", "zh": "优化器"},
    "act.opt.sgd": {"en": "SGD", "zh": "随机梯度下降 SGD"},
    "act.opt.momentum": {"en": "SGD + momentum 0.9", "zh": "SGD + 动量 0.9"},
    "act.opt.rmsprop": {"en": "RMSprop", "zh": "RMSprop 算法"},
    "act.opt.adam": {"en": "Adam", "zh": "Adam 算法"},
    "act.pg.lr": {"en": "Learning rate", "zh": "学习率"},
    "act.pg.l2": {"en": "L2 λ", "zh": "L2 正则化 λ"},
    "act.pg.speed": {"en": "Steps per frame", "zh": "每帧训练步数"},
    "act.pg.play": {"en": "Play", "zh": "开始"},
    "act.pg.pause": {"en": "Pause", "zh": "暂停"},
    "act.pg.step": {"en": "Step", "zh": "单步"},
    "act.pg.reset": {"en": "Reset", "zh": "重置"},
    "act.pg.preset_overfit": {"en": "Set up overfitting", "zh": "一键制造过拟合"},
    "act.pg.steps": {"en": "Step", "zh": "步数"},
    "act.pg.train_loss": {"en": "Train loss", "zh": "训练损失"},
    "act.pg.test_loss": {"en": "Test loss", "zh": "测试损失"},
    "act.pg.test_acc": {"en": "Test accuracy", "zh": "测试准确率"},
    "act.pg.boundary": {"en": "Decision boundary: P(class 1)", "zh": "决策边界：P(类别 1)"},
    "act.pg.losses": {"en": "Loss curves", "zh": "损失曲线"},
    "act.pg.loss": {"en": "loss", "zh": "损失"},
    "act.pg.train_points": {"en": "train, class {label}", "zh": "训练集，类别 {label}"},
    "act.pg.test_points": {"en": "test, class {label}", "zh": "测试集，类别 {label}"},
    "act.pg.train_curve": {"en": "train", "zh": "训练集"},
    "act.pg.test_curve": {"en": "test", "zh": "测试集"},
    "act.pg.stopped": {
        "en": "Paused after {steps} steps (the limit for one run); press Reset to start again.",
        "zh": "已训练 {steps} 步（单次运行的上限），已自动暂停；按“重置”重新开始。",
    },
    # ---------------------------------------------------------------- errors
    "act.err.unknown_activation": {"en": "Unknown activation function: {name}.", "zh": "未知的激活函数：{name}。"},
    "act.err.param_range": {
        "en": "Parameter {name} must lie between {low} and {high}.",
        "zh": "参数 {name} 必须在 {low} 和 {high} 之间。",
    },
    "act.err.unknown_init": {"en": "Unknown initialisation: {name}.", "zh": "未知的初始化方法：{name}。"},
    "act.err.depth_range": {
        "en": "Depth must be 1 to {depth} layers and width 1 to {width} units.",
        "zh": "深度须为 1 到 {depth} 层，宽度须为 1 到 {width} 个单元。",
    },
    "act.err.std_range": {"en": "The custom std must be above 0 and at most 10.", "zh": "自定义标准差须大于 0 且不超过 10。"},
    "act.err.unknown_dataset": {"en": "Unknown dataset: {name}.", "zh": "未知的数据集：{name}。"},
    "act.err.points_range": {
        "en": "The number of points must be between {low} and {high}.",
        "zh": "数据点数必须在 {low} 到 {high} 之间。",
    },
    "act.err.net_range": {
        "en": "The network may have 1 to {layers} hidden layers of 1 to {neurons} neurons.",
        "zh": "网络可以有 1 到 {layers} 个隐藏层，每层 1 到 {neurons} 个神经元。",
    },
    "act.err.unknown_optimizer": {"en": "Unknown optimizer: {name}.", "zh": "未知的优化器：{name}。"},
    # ---------------------------------------------------------------- theory
    "act.theory": {
        "en": "**Why a non-linearity?** Without one, a stack of linear layers is a single linear map "
              "(first formula): depth adds nothing. The activation g is what lets a network bend its decision "
              "boundary.\n\n"
              "**Why ReLU?** Sigmoid and tanh saturate: for large |z| their slope is almost 0, and the slope "
              "of the sigmoid is at most 1/4. Backpropagation multiplies by g′ once per layer, so the gradient "
              "shrinks geometrically. ReLU has slope exactly 1 for z > 0, it is cheap, and learning is much "
              "faster; its risk is dead units (z < 0 for every input), which Leaky ReLU avoids.\n\n"
              "**W^L: vanishing and exploding.** Take a deep linear net whose weights are all a bit above or "
              "below the identity: the output is W^L x, so activations and gradients grow or shrink "
              "exponentially with depth L.\n\n"
              "**Initialisation.** Choose the weight variance so that each layer keeps the variance of its "
              "input: Var(w) = 1/n for tanh (Xavier), 2/n for ReLU (He), n being the number of inputs of the "
              "unit; ReLU needs twice as much because it zeroes half of its inputs. The playground's loss adds "
              "the L2 term; dropout instead zeroes units at random during training.",
        "zh": "**为什么需要非线性？** 没有激活函数，多层线性层叠起来仍然只是一个线性映射（见第一个公式），"
              "加深网络毫无用处。正是激活函数 g 让网络能够弯曲它的决策边界。\n\n"
              "**为什么用 ReLU？** sigmoid 和 tanh 会饱和：|z| 较大时斜率几乎为 0，而且 sigmoid 的斜率最大只有 1/4。"
              "反向传播时每经过一层都要乘一次 g′，梯度便按几何级数缩小。ReLU 在 z > 0 时斜率恰好为 1，"
              "计算便宜，学习快得多；它的风险是死亡单元（对所有输入都有 z < 0），Leaky ReLU 可以避免。\n\n"
              "**W 的 L 次方：梯度消失与爆炸。** 设想一个深层线性网络，每层权重都比单位矩阵略大或略小："
              "输出是 W^L x，激活值和梯度会随深度 L 指数式地增大或缩小。\n\n"
              "**初始化。** 选择权重方差，使每一层保持输入的方差：tanh 用 Var(w) = 1/n（Xavier），"
              "ReLU 用 2/n（He），n 是该单元的输入个数；ReLU 把一半输入置零，所以需要两倍的方差。"
              "游乐场的损失函数加入了 L2 项；dropout 则是在训练时随机地把单元置零。",
    },
}

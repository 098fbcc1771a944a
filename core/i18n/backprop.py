"""Strings of the "How a network learns" page (namespace ``bp.``)."""

STRINGS = {
    "bp.intro": {
        "en": "How does a network learn? It scores its inputs, a **loss** says how wrong the scores are, "
        "**backpropagation** applies the chain rule node by node to find how each weight moves the loss, "
        "and gradient descent takes a step. Every number below is computed live with PyTorch; the gradients "
        "come from autograd.",
        "zh": "网络是如何学习的？它先给输入打分，**损失函数**衡量分数错得有多离谱，**反向传播**沿计算图逐个节点"
        "应用链式法则，求出每个权重如何影响损失，最后梯度下降迈出一步。下面的每个数字都由 PyTorch 实时计算，"
        "梯度来自 autograd。",
    },
    "bp.tab.losses": {"en": "Scores and losses", "zh": "得分与损失"},
    "bp.tab.logistic": {"en": "Why log loss", "zh": "为什么用对数损失"},
    "bp.tab.graph": {"en": "Computational graph", "zh": "计算图"},
    "bp.tab.gradcheck": {"en": "Gradient checking", "zh": "梯度检验"},
    "bp.tab.classifier": {"en": "Linear classifier", "zh": "线性分类器"},
    # scores and losses
    "bp.input.w": {"en": "Weights W (3 classes × 4 pixels, rows separated by ;)",
                   "zh": "权重 W（3 个类别 × 4 个像素，行之间用 ; 分隔）"},
    "bp.input.w.help": {"en": "One row per class: cat; car; frog.", "zh": "每个类别一行：猫；汽车；青蛙。"},
    "bp.input.b": {"en": "Bias b (3 numbers)", "zh": "偏置 b（3 个数）"},
    "bp.input.b.help": {"en": "One bias per class.", "zh": "每个类别一个偏置。"},
    "bp.input.x": {"en": "Image x (4 pixel values)", "zh": "图像 x（4 个像素值）"},
    "bp.input.x.help": {"en": "The image stretched into a column of 4 pixels.", "zh": "把图像拉成 4 个像素组成的列向量。"},
    "bp.true_class": {"en": "True class", "zh": "真实类别"},
    "bp.class.cat": {"en": "cat", "zh": "猫"},
    "bp.class.car": {"en": "car", "zh": "汽车"},
    "bp.class.frog": {"en": "frog", "zh": "青蛙"},
    "bp.delta": {"en": "Hinge margin Δ", "zh": "合页损失的间隔 Δ"},
    "bp.lambda": {"en": "Regularisation strength λ", "zh": "正则化强度 λ"},
    "bp.col.class": {"en": "Class", "zh": "类别"},
    "bp.col.score": {"en": "Score s", "zh": "得分 s"},
    "bp.col.prob": {"en": "Probability", "zh": "概率"},
    "bp.col.margin": {"en": "Hinge term max(0, s_j − s_y + Δ)", "zh": "合页项 max(0, s_j − s_y + Δ)"},
    "bp.col.loss": {"en": "Loss", "zh": "损失"},
    "bp.col.ours": {"en": "Ours (step by step)", "zh": "我们的（逐步计算）"},
    "bp.col.torch": {"en": "PyTorch", "zh": "PyTorch 结果"},
    "bp.col.reg": {"en": "+ λ‖W‖²", "zh": "+ λ‖W‖²（正则项）"},
    "bp.col.total": {"en": "Total", "zh": "总损失"},
    "bp.loss.softmax": {"en": "Softmax (cross-entropy)", "zh": "Softmax（交叉熵）"},
    "bp.loss.hinge": {"en": "Hinge (multiclass SVM)", "zh": "合页损失（多类 SVM）"},
    "bp.losses.caption": {
        "en": "The true class gets probability {prob:.2f}, so the cross-entropy is −log {prob:.2f} = {ce:.2f}; "
        "the hinge loss sums how far each wrong score comes within Δ of the true score: {hinge:.2f}. "
        "PyTorch's multi_margin_loss divides by the number of classes, hence × 3.",
        "zh": "真实类别的概率是 {prob:.2f}，所以交叉熵为 −log {prob:.2f} = {ce:.2f}；合页损失把每个错误类别的得分"
        "进入真实得分 Δ 范围内的距离加起来：{hinge:.2f}。PyTorch 的 multi_margin_loss 会除以类别数，所以要 × 3。",
    },
    "bp.fig.scores": {"en": "1. scores s", "zh": "1. 得分 s"},
    "bp.fig.exp": {"en": "2. exp(s)", "zh": "2. 取指数 exp(s)"},
    "bp.fig.probs": {"en": "3. normalise: p", "zh": "3. 归一化：概率 p"},
    # why log loss
    "bp.log.w": {"en": "Weight w of the model σ(w·x)", "zh": "模型 σ(w·x) 的权重 w"},
    "bp.log.mse": {"en": "Squared error (σ(wx) − y)²", "zh": "平方误差 (σ(wx) − y)²"},
    "bp.log.ce": {"en": "Cross-entropy (log loss)", "zh": "交叉熵（对数损失）"},
    "bp.log.verdict.convex": {
        "en": "**{loss}**: J″(w) ≥ 0 everywhere (smallest {low:.3g}): convex, one valley.",
        "zh": "**{loss}**：处处 J″(w) ≥ 0（最小值 {low:.3g}）：凸函数，只有一个谷底。",
    },
    "bp.log.verdict.not_convex": {
        "en": "**{loss}**: J″(w) drops to {low:.3g} (red stretches): not convex; gradient descent can crawl "
        "on its flat shoulders.",
        "zh": "**{loss}**：J″(w) 最低降到 {low:.3g}（红色部分）：非凸；梯度下降可能在平坦的肩部爬得很慢。",
    },
    "bp.log.caption": {
        "en": "J(w) is the mean over {points} labelled points of a 1-D logistic model; J′ and J″ come from autograd.",
        "zh": "J(w) 是一维逻辑回归模型在 {points} 个带标签点上的平均损失；J′ 与 J″ 由 autograd 求得。",
    },
    "bp.fig.j": {"en": "J(w)", "zh": "代价 J(w)"},
    "bp.fig.concave": {"en": "J″ < 0 (bends down)", "zh": "J″ < 0（向下弯）"},
    # computational graph
    "bp.mode": {"en": "Graph", "zh": "计算图"},
    "bp.mode.network": {"en": "2-2-1 network", "zh": "2-2-1 网络"},
    "bp.mode.expression": {"en": "Type an expression", "zh": "输入表达式"},
    "bp.network.caption": {
        "en": "Two inputs, two sigmoid hidden units (sharing the bias b1), one sigmoid output, squared error "
        "E = ½(t − o)²: the classic step-by-step example (Matt Mazur). Edit the numbers below.",
        "zh": "两个输入、两个 sigmoid 隐藏单元（共享偏置 b1）、一个 sigmoid 输出，平方误差 E = ½(t − o)²："
        "经典的逐步反向传播示例（Matt Mazur）。可以修改下面的数值。",
    },
    "bp.expr": {"en": "Expression f", "zh": "表达式 f"},
    "bp.expr.help": {
        "en": "Numbers, variables, + − * / **, and sigmoid, tanh, relu, exp, log, sqrt, sin, cos, abs. "
        "It is parsed, never run as Python.",
        "zh": "可用数字、变量、+ − * / **，以及 sigmoid、tanh、relu、exp、log、sqrt、sin、cos、abs。"
        "表达式只会被解析，绝不会作为 Python 代码执行。",
    },
    "bp.values": {"en": "Values (name=value, separated by commas)", "zh": "变量取值（name=value，用逗号分隔）"},
    "bp.values.help": {
        "en": "Variables whose names start with w or b are weights: gradient descent updates them.",
        "zh": "名称以 w 或 b 开头的变量是权重：梯度下降会更新它们。",
    },
    "bp.lr": {"en": "Learning rate η", "zh": "学习率 η"},
    "bp.step": {"en": "Backward step", "zh": "反向传播步数"},
    "bp.step.help": {
        "en": "0: forward pass only (green values). Each step handles one node, from the output backwards.",
        "zh": "0：只做前向传播（绿色数值）。每一步处理一个节点，从输出往回走。",
    },
    "bp.step.now": {
        "en": "Step {step} of {steps}: node **{node}** (highlighted) hands local derivative × upstream gradient "
        "to each of its inputs:",
        "zh": "第 {step} / {steps} 步：节点 **{node}**（高亮）把“局部导数 × 上游梯度”传给它的每个输入：",
    },
    "bp.step.done": {
        "en": "Backward pass complete: every node shows ∂f/∂node (red), equal to PyTorch autograd's.",
        "zh": "反向传播完成：每个节点都显示 ∂f/∂节点（红色），与 PyTorch autograd 的结果一致。",
    },
    "bp.col.variable": {"en": "Variable", "zh": "变量"},
    "bp.col.value": {"en": "Value", "zh": "取值"},
    "bp.col.grad": {"en": "Gradient ∂f/∂v (autograd)", "zh": "梯度 ∂f/∂v（autograd）"},
    "bp.col.after": {"en": "After one step w − η ∂f/∂w", "zh": "一步之后 w − η ∂f/∂w"},
    "bp.out.before": {"en": "Output f before the step", "zh": "更新前的输出 f"},
    "bp.out.after": {"en": "Output f after one step", "zh": "更新一步后的输出 f"},
    # gradient checking
    "bp.eps": {"en": "Step ε of the two-sided difference", "zh": "双边差分的步长 ε"},
    "bp.eps.help": {
        "en": "Too large: truncation error. Too small: round-off error. float64 has a wide sweet spot, float32 a narrow one.",
        "zh": "太大：截断误差；太小：舍入误差。float64 的最佳区间很宽，float32 则很窄。",
    },
    "bp.bug": {"en": "Plant a bug in the hand-written backward", "zh": "在手写的反向传播里埋一个 bug"},
    "bp.bug.help": {
        "en": "The tanh layer's backward uses 1 − y instead of 1 − y². Training would still run; the check catches it.",
        "zh": "tanh 层的反向传播用 1 − y 代替 1 − y²。训练照样能跑，但梯度检验能抓住它。",
    },
    "bp.col.param": {"en": "Parameter", "zh": "参数"},
    "bp.col.shape": {"en": "Shape", "zh": "形状"},
    "bp.col.error": {"en": "Relative error ({dtype})", "zh": "相对误差（{dtype}）"},
    "bp.col.verdict": {"en": "Verdict ({dtype})", "zh": "结论（{dtype}）"},
    "bp.verdict.fine": {"en": "fine (< 1e-7)", "zh": "正常（< 1e-7）"},
    "bp.verdict.borderline": {"en": "borderline", "zh": "临界，需留意"},
    "bp.verdict.suspicious": {"en": "suspicious (> 1e-5)", "zh": "可疑（> 1e-5）"},
    "bp.check.summary": {
        "en": "Largest relative error in float64: {worst:.2e}.",
        "zh": "float64 下最大的相对误差：{worst:.2e}。",
    },
    "bp.check.caption": {
        "en": "The MLP 3 → 5 (tanh, hand-written backward) → 3 with cross-entropy on 8 points. The curve is the largest "
        "relative error over its parameters for each ε; the black line is the ε chosen above.",
        "zh": "多层感知机 3 → 5（tanh，手写反向传播）→ 3，在 8 个点上计算交叉熵。曲线是每个 ε 下各参数中最大的相对"
        "误差；黑线是上面选定的 ε。",
    },
    "bp.fig.rel_error": {"en": "largest relative error", "zh": "最大相对误差"},
    "bp.fig.fine": {"en": "1e-7: fine below", "zh": "1e-7：低于此为正常"},
    "bp.fig.suspicious": {"en": "1e-5: suspicious above", "zh": "1e-5：高于此可疑"},
    # linear classifier
    "bp.cls.weights": {"en": "Weights and biases, one column per class", "zh": "权重与偏置，每列对应一个类别"},
    "bp.cls.loss": {"en": "Gradient descent on", "zh": "梯度下降所用损失"},
    "bp.cls.step": {"en": "Show step", "zh": "显示第几步"},
    "bp.cls.accuracy": {"en": "Accuracy", "zh": "准确率"},
    "bp.fig.step": {"en": "gradient-descent step", "zh": "梯度下降步数"},
    "bp.fig.loss": {"en": "loss (mean + λ‖W‖²)", "zh": "损失（平均值 + λ‖W‖²）"},
    # errors
    "bp.err.empty": {"en": "The field {field} is empty.", "zh": "字段 {field} 是空的。"},
    "bp.err.too_long": {"en": "The field {field} is longer than {limit} characters.",
                        "zh": "字段 {field} 超过了 {limit} 个字符。"},
    "bp.err.number": {"en": "In {field}, '{text}' is not a number.", "zh": "{field} 中的“{text}”不是数字。"},
    "bp.err.not_finite": {"en": "In {field}, every number must be finite (no NaN or inf).",
                          "zh": "{field} 中的每个数都必须是有限数（不能是 NaN 或 inf）。"},
    "bp.err.shape": {"en": "{field} needs {rows} row(s) of {cols} numbers.",
                     "zh": "{field} 需要 {rows} 行、每行 {cols} 个数。"},
    "bp.err.assignment": {"en": "In {field}, '{text}' is not of the form name=value.",
                          "zh": "{field} 中的“{text}”不是 name=value 的形式。"},
    "bp.err.syntax": {"en": "The expression cannot be parsed. Example: sigmoid(w0*x0 + w1*x1 + w2)",
                      "zh": "无法解析该表达式。示例：sigmoid(w0*x0 + w1*x1 + w2)"},
    "bp.err.unsafe": {"en": "The expression contains something not allowed ({what}): only numbers, variables, "
                      "+ − * / ** and the listed functions.",
                      "zh": "表达式包含不允许的内容（{what}）：只能使用数字、变量、+ − * / ** 和列出的函数。"},
    "bp.err.unknown_function": {"en": "Unknown function '{name}'. Allowed: {functions}.",
                                "zh": "未知函数“{name}”。允许的函数：{functions}。"},
    "bp.err.one_argument": {"en": "{name}(…) takes exactly one argument.", "zh": "{name}(…) 只接受一个参数。"},
    "bp.err.bad_name": {"en": "'{name}' cannot be a variable name: use a letter followed by letters or digits.",
                        "zh": "“{name}”不能作为变量名：请用字母开头，后接字母或数字。"},
    "bp.err.expr_not_finite": {"en": "The expression contains a number that is not finite.",
                               "zh": "表达式中含有非有限的数。"},
    "bp.err.too_big": {"en": "The expression is too large for a readable graph (more than {limit} nodes).",
                       "zh": "表达式太大，画不成清晰的计算图（超过 {limit} 个节点）。"},
    "bp.err.missing_values": {"en": "Give a value to: {names}.", "zh": "请为这些变量赋值：{names}。"},
    "bp.err.value_not_finite": {"en": "The forward value of node {node} is not finite (e.g. log of a negative "
                                "number or a huge exp). Change the values.",
                                "zh": "节点 {node} 的前向值不是有限数（例如对负数取 log 或 exp 过大）。请修改取值。"},
    "bp.err.grad_not_finite": {"en": "The gradient at node {node} is not finite (e.g. sqrt at 0). Change the values.",
                               "zh": "节点 {node} 处的梯度不是有限数（例如在 0 处求 sqrt）。请修改取值。"},
    "bp.err.scores_not_finite": {"en": "These numbers are too large: the scores overflow. Use smaller weights or pixels.",
                                 "zh": "这些数太大了：得分溢出。请使用较小的权重或像素值。"},
    "bp.err.label": {"en": "The label {label} is not a class index (0 to {classes} − 1).",
                     "zh": "标签 {label} 不是有效的类别编号（应为 0 到 {classes} − 1）。"},
    "bp.err.eps": {"en": "ε must be a number between 0 and 1 (got {eps}).", "zh": "ε 必须是 0 到 1 之间的数（收到的是 {eps}）。"},
    "bp.theory": {
        "en": "A linear classifier scores an image with **s = Wx + b**. The **hinge loss** wants the true class's "
        "score ahead of every other by a margin Δ; the **softmax loss** reads scores as unnormalised log "
        "probabilities (exp → normalise → −log of the true class). **λ‖W‖²** prefers small, spread-out weights. "
        "With a sigmoid inside, squared error makes J(w) non-convex, so logistic regression uses the log loss, "
        "which is convex. **Backpropagation** is the chain rule applied again and again on the computational "
        "graph: each node multiplies the gradient arriving from above by its local derivative and passes it on; "
        "a node used twice adds up what it receives. **Gradient checking** compares that with a two-sided "
        "difference, in float64, with the relative error.",
        "zh": "线性分类器用 **s = Wx + b** 给图像打分。**合页损失**要求真实类别的得分比其他类别至少高出间隔 Δ；"
        "**softmax 损失**把得分看作未归一化的对数概率（取指数 → 归一化 → 对真实类别取 −log）。**λ‖W‖²** 偏好"
        "较小、较分散的权重。在 sigmoid 之后用平方误差会使 J(w) 非凸，所以逻辑回归使用凸的对数损失。"
        "**反向传播**就是在计算图上一遍又一遍地使用链式法则：每个节点把从上游传来的梯度乘以自己的局部导数，"
        "再传下去；被使用两次的节点把收到的梯度相加。**梯度检验**用双边差分（在 float64 下）与之比较，看相对误差。",
    },
}

"""Strings of the Optimizers race page (namespace ``opt.``)."""

STRINGS = {
    "opt.intro": {
        "en": "Real `torch.optim` optimizers race from the same start on a loss surface. Pick the surface and "
        "the racers, tune each one's learning rate and hyperparameters, then press ▶ under the contour to "
        "watch the race. Click the contour to move the start.",
        "zh": "真实的 `torch.optim` 优化器从同一起点出发，在损失曲面上赛跑。选择曲面和参赛者，分别调节各自的学习率"
        "和超参数，然后点击等高线图下方的 ▶ 观看比赛。点击等高线图可以移动起点。",
    },
    # surfaces
    "opt.surface": {"en": "Loss surface", "zh": "损失曲面"},
    "opt.surface.quadratic": {"en": "Ill-conditioned quadratic", "zh": "病态二次函数"},
    "opt.surface.rosenbrock": {"en": "Rosenbrock (banana valley)", "zh": "Rosenbrock（香蕉形山谷）"},
    "opt.surface.beale": {"en": "Beale", "zh": "Beale 函数"},
    "opt.surface.himmelblau": {"en": "Himmelblau (four minima)", "zh": "Himmelblau（四个极小值）"},
    "opt.surface.saddle": {"en": "Saddle x² − y²", "zh": "鞍面 x² − y²"},
    "opt.surface.rastrigin": {"en": "Rastrigin (many local minima)", "zh": "Rastrigin（大量局部极小值）"},
    "opt.surface.plateau": {"en": "Plateau and cliff", "zh": "平台与悬崖"},
    "opt.note.quadratic": {
        "en": "f = (x²/κ + y²)/2: a long ravine. Curvature is 1 across it and 1/κ along it; κ is the condition number.",
        "zh": "f = (x²/κ + y²)/2：一条狭长的山谷。横向曲率为 1，纵向曲率为 1/κ，κ 即条件数。",
    },
    "opt.note.rosenbrock": {
        "en": "f = (1 − x)² + 100(y − x²)²: finding the curved valley is easy, following it to (1, 1) is slow.",
        "zh": "f = (1 − x)² + 100(y − x²)²：找到弯曲的山谷很容易，沿着它走到 (1, 1) 却很慢。",
    },
    "opt.note.beale": {
        "en": "Flat plateaus and steep ridges; the minimum is 0 at (3, 0.5).",
        "zh": "既有平坦的高原，也有陡峭的山脊；最小值 0 位于 (3, 0.5)。",
    },
    "opt.note.himmelblau": {
        "en": "Four minima of equal depth: where a racer ends depends on its start and its momentum.",
        "zh": "四个同样深的极小值：参赛者最终落在哪一个，取决于起点和它的动量。",
    },
    "opt.note.saddle": {
        "en": "No minimum: the origin is a saddle point. Start just off y = 0 and see who escapes first. "
        "Leaving the plot here counts as escaping, not as diverging.",
        "zh": "没有极小值：原点是鞍点。从稍微偏离 y = 0 的位置出发，看谁先逃离。在这里跑出图外算作逃离，而不是发散。",
    },
    "opt.note.rastrigin": {
        "en": "A bowl covered in local minima; the global minimum is 0 at the origin. Most racers get stuck.",
        "zh": "布满局部极小值的碗形曲面；全局最小值 0 位于原点。大多数参赛者都会被困住。",
    },
    "opt.note.plateau": {
        "en": "A high flat terrace (tiny gradients), a cliff (huge gradients), then a wide bowl with its minimum "
        "at (1.5, 0). Plain SGD stalls on the terrace; adaptive methods rescale the tiny gradient.",
        "zh": "先是一块高而平的台地（梯度极小），然后是悬崖（梯度极大），最后是最小值在 (1.5, 0) 的宽碗。"
        "普通 SGD 会停在台地上，自适应方法则会把微小的梯度放大。",
    },
    "opt.condition": {"en": "Condition number κ", "zh": "条件数 κ"},
    # racers and hyperparameters
    "opt.racers": {"en": "Racers", "zh": "参赛优化器"},
    "opt.kind.sgd": {"en": "SGD", "zh": "SGD"},
    "opt.kind.momentum": {"en": "Momentum", "zh": "动量法"},
    "opt.kind.nesterov": {"en": "Nesterov", "zh": "Nesterov 动量"},
    "opt.kind.adagrad": {"en": "Adagrad", "zh": "Adagrad"},
    "opt.kind.rmsprop": {"en": "RMSprop", "zh": "RMSprop"},
    "opt.kind.adam": {"en": "Adam", "zh": "Adam"},
    "opt.kind.adamw": {"en": "AdamW", "zh": "AdamW"},
    "opt.kind.nadam": {"en": "NAdam", "zh": "NAdam"},
    "opt.kind.radam": {"en": "RAdam", "zh": "RAdam"},
    "opt.racer_settings": {"en": "{name}: settings", "zh": "{name}：参数设置"},
    "opt.hyper.lr": {"en": "Learning rate η", "zh": "学习率 η"},
    "opt.hyper.momentum": {"en": "Momentum μ", "zh": "动量系数 μ"},
    "opt.hyper.beta1": {"en": "β1 (first moment)", "zh": "β1（一阶矩）"},
    "opt.hyper.beta2": {"en": "β2 (second moment)", "zh": "β2（二阶矩）"},
    "opt.hyper.eps": {"en": "ε", "zh": "ε"},
    "opt.hyper.alpha": {"en": "α (RMSprop smoothing)", "zh": "α（RMSprop 平滑系数）"},
    "opt.hyper.weight_decay": {"en": "Weight decay λ (decoupled)", "zh": "权重衰减 λ（解耦）"},
    # start, steps, noise, schedule
    "opt.race_settings": {"en": "Race", "zh": "比赛设置"},
    "opt.start_x": {"en": "Start x", "zh": "起点 x"},
    "opt.start_y": {"en": "Start y", "zh": "起点 y"},
    "opt.steps": {"en": "Steps", "zh": "步数"},
    "opt.noise": {
        "en": "Gradient noise (× typical gradient; mimics mini-batches)",
        "zh": "梯度噪声（× 典型梯度大小；模拟小批量）",
    },
    "opt.seed": {"en": "Noise seed", "zh": "噪声随机种子"},
    "opt.schedule": {"en": "Learning-rate schedule (all racers)", "zh": "学习率调度（所有参赛者）"},
    "opt.schedule.constant": {"en": "Constant", "zh": "固定不变"},
    "opt.schedule.step": {"en": "Step decay", "zh": "阶梯衰减"},
    "opt.schedule.exponential": {"en": "Exponential", "zh": "指数衰减"},
    "opt.schedule.inverse": {"en": "lr0 / (1 + decay·epoch)", "zh": "lr0 / (1 + decay·epoch)（反比衰减）"},
    "opt.schedule.warmup": {"en": "Linear warm-up", "zh": "线性预热"},
    "opt.step_size": {"en": "Decay every … steps", "zh": "每隔多少步衰减"},
    "opt.step_gamma": {"en": "Decay factor γ", "zh": "衰减因子 γ"},
    "opt.exp_gamma": {"en": "Factor per step γ", "zh": "每步衰减因子 γ"},
    "opt.decay": {"en": "Decay rate", "zh": "衰减率"},
    "opt.warmup": {"en": "Warm-up steps", "zh": "预热步数"},
    "opt.click_applied": {"en": "Start moved to ({x:.2f}, {y:.2f}).", "zh": "起点已移动到 ({x:.2f}, {y:.2f})。"},
    # views
    "opt.tab.contour": {"en": "Contour race", "zh": "等高线赛道"},
    "opt.tab.surface": {"en": "3-D surface", "zh": "三维曲面"},
    "opt.tab.loss": {"en": "Loss vs step", "zh": "损失随步数变化"},
    "opt.timing": {
        "en": "Race computed in {race_ms:.0f} ms, figures built in {fig_ms:.0f} ms.",
        "zh": "比赛计算耗时 {race_ms:.0f} 毫秒，图表生成耗时 {fig_ms:.0f} 毫秒。",
    },
    "opt.fig.log_loss": {"en": "log(1 + f − f*)", "zh": "log(1 + f − f*)（对数损失）"},
    "opt.fig.loss": {"en": "Loss f", "zh": "损失 f"},
    "opt.fig.gap": {"en": "f − f* (log scale)", "zh": "f − f*（对数坐标）"},
    "opt.fig.click_here": {"en": "click: start here", "zh": "点击：从这里出发"},
    "opt.fig.minimum": {"en": "Minimum", "zh": "极小值"},
    "opt.fig.start": {"en": "Start", "zh": "起点"},
    "opt.fig.step": {"en": "Step", "zh": "步数"},
    "opt.fig.play": {"en": "Play", "zh": "播放"},
    "opt.fig.pause": {"en": "Pause", "zh": "暂停"},
    # scoreboard
    "opt.scoreboard": {"en": "Scoreboard", "zh": "记分板"},
    "opt.eps_target": {"en": "Target ε: reached when f − f* ≤ ε", "zh": "目标 ε：当 f − f* ≤ ε 时视为到达"},
    "opt.col.racer": {"en": "Racer", "zh": "参赛者"},
    "opt.col.steps": {"en": "Steps to ε", "zh": "到达 ε 的步数"},
    "opt.col.final": {"en": "Final loss", "zh": "最终损失"},
    "opt.col.status": {"en": "Status", "zh": "状态"},
    "opt.col.nearest": {"en": "Nearest minimum", "zh": "最近的极小值"},
    "opt.status.reached": {"en": "reached ε", "zh": "已到达 ε"},
    "opt.status.running": {"en": "not there yet", "zh": "尚未到达"},
    "opt.status.diverged": {"en": "diverged at step {step}", "zh": "第 {step} 步发散"},
    "opt.status.escaped": {"en": "escaped at step {step}", "zh": "第 {step} 步逃离"},
    "opt.status.stuck": {"en": "still near the saddle", "zh": "仍在鞍点附近"},
    "opt.never": {"en": "—", "zh": "—"},
    # inside the optimizer
    "opt.inside": {"en": "Inside the optimizer", "zh": "优化器内部"},
    "opt.inside.racer": {"en": "Racer to inspect", "zh": "查看哪个参赛者"},
    "opt.inside.caption": {
        "en": "What torch keeps between steps, per coordinate (solid: x, dotted: y). The momentum buffer is "
        "torch's b = μb + g, so the course's velocity is v = −η·b. Adam's m̂ and v̂ are the bias-corrected "
        "moments; the effective learning rate η / (√v̂ + ε) is how far one unit of gradient moves each coordinate.",
        "zh": "torch 在两步之间保存的状态，按坐标分别画出（实线为 x，点线为 y）。动量缓冲是 torch 的 b = μb + g，"
        "因此课程中的速度为 v = −η·b。Adam 的 m̂ 和 v̂ 是经过偏差修正的矩估计；有效学习率 η / (√v̂ + ε) "
        "表示单位梯度能让每个坐标移动多远。",
    },
    "opt.panel.first": {"en": "Gradient and first moment", "zh": "梯度与一阶矩"},
    "opt.panel.second": {"en": "Second moment (log)", "zh": "二阶矩（对数坐标）"},
    "opt.panel.step": {"en": "Step size (log)", "zh": "步长（对数坐标）"},
    "opt.series.grad": {"en": "gradient g", "zh": "梯度 g"},
    "opt.series.momentum_buffer": {"en": "momentum buffer b", "zh": "动量缓冲 b"},
    "opt.series.m_hat": {"en": "m̂", "zh": "m̂（一阶矩）"},
    "opt.series.v_hat": {"en": "v̂", "zh": "v̂（二阶矩）"},
    "opt.series.square_avg": {"en": "mean square s", "zh": "均方 s"},
    "opt.series.sum": {"en": "sum of squares G", "zh": "平方和 G"},
    "opt.series.step": {"en": "|Δθ| actual step", "zh": "|Δθ| 实际步长"},
    "opt.series.effective_lr": {"en": "effective lr", "zh": "有效学习率"},
    # exponentially weighted average
    "opt.ewa": {"en": "Exponentially weighted average", "zh": "指数加权平均"},
    "opt.ewa.intro": {
        "en": "Momentum and Adam keep exponentially weighted averages of the gradient. Here one smooths a noisy "
        "series: v_t = β·v_(t−1) + (1 − β)·θ_t averages about the last 1 / (1 − β) values. Starting from v_0 = 0 "
        "makes the first values too small; dividing by (1 − β^t) corrects that bias.",
        "zh": "动量法和 Adam 都在维护梯度的指数加权平均。这里用它来平滑一条带噪声的序列："
        "v_t = β·v_(t−1) + (1 − β)·θ_t 大约是最近 1 / (1 − β) 个值的平均。由于从 v_0 = 0 开始，"
        "前几个值会偏小；除以 (1 − β^t) 即可修正这一偏差。",
    },
    "opt.ewa.beta": {"en": "β", "zh": "β"},
    "opt.ewa.window": {"en": "β = {beta:.2f} averages about the last {days:.0f} values.",
                       "zh": "β = {beta:.2f} 时大约平均最近 {days:.0f} 个值。"},
    "opt.ewa.data": {"en": "noisy data θ_t", "zh": "带噪声的数据 θ_t"},
    "opt.ewa.plain": {"en": "EWA v_t (biased)", "zh": "指数加权平均 v_t（有偏）"},
    "opt.ewa.corrected": {"en": "bias-corrected v_t / (1 − β^t)", "zh": "偏差修正 v_t / (1 − β^t)"},
    "opt.ewa.t": {"en": "t (day)", "zh": "t（天）"},
    "opt.ewa.value": {"en": "value", "zh": "数值"},
    # theory
    "opt.theory": {
        "en": "Every racer gets the same gradient g = ∇f(θ) and only decides how far to move. **SGD** steps "
        "against the gradient. In a ravine the gradient points mostly across the valley, so SGD zigzags from wall "
        "to wall and crawls along the floor. **Momentum** keeps a velocity v, an exponentially weighted sum of "
        "past gradients: the across-valley components alternate in sign and cancel out, the along-valley ones "
        "agree and add up, so oscillation is damped and progress speeds up (by about 1/(1 − μ)). **RMSprop** "
        "divides each coordinate by a running root-mean-square of its gradients, so steep and flat directions "
        "move at similar speeds. **Adam** combines both, with bias correction because its averages start at 0. "
        "A learning rate too large for the steepest curvature (η > 2/λ_max for SGD) makes the steps grow "
        "until the racer diverges.",
        "zh": "每个参赛者拿到的梯度 g = ∇f(θ) 都一样，区别只在于决定走多远。**SGD** 沿负梯度方向前进。"
        "在狭长的山谷里，梯度主要指向山谷两侧，于是 SGD 在两壁之间来回震荡，沿谷底却前进得很慢。"
        "**动量法** 维护一个速度 v，即过去梯度的指数加权和：横向分量正负交替、相互抵消，纵向分量方向一致、"
        "不断累积，因此震荡被抑制，前进速度加快（约为 1/(1 − μ) 倍）。**RMSprop** 用各坐标梯度的滑动均方根"
        "去除梯度，使陡峭方向和平缓方向以相近的速度前进。**Adam** 把两者结合起来，并因为平均值从 0 开始而做"
        "偏差修正。若学习率相对最陡的曲率过大（对 SGD 而言 η > 2/λ_max），步长会越来越大，最终发散。",
    },
    # errors
    "opt.err.condition": {"en": "The condition number must be between {low} and {high}.",
                          "zh": "条件数必须在 {low} 到 {high} 之间。"},
    "opt.err.surface": {"en": "Unknown loss surface: {name}.", "zh": "未知的损失曲面：{name}。"},
    "opt.err.kind": {"en": "Unknown optimizer: {name}.", "zh": "未知的优化器：{name}。"},
    "opt.err.lr": {"en": "The learning rate must be positive.", "zh": "学习率必须为正数。"},
    "opt.err.schedule": {"en": "Unknown learning-rate schedule: {name}.", "zh": "未知的学习率调度：{name}。"},
    "opt.err.hyper": {"en": "torch rejected these hyperparameters: {detail}", "zh": "torch 拒绝了这些超参数：{detail}"},
    "opt.err.no_racers": {"en": "Pick at least one racer.", "zh": "请至少选择一个参赛优化器。"},
    "opt.err.too_big": {"en": "At most {steps} steps and {racers} racers.", "zh": "最多 {steps} 步、{racers} 个参赛者。"},
    "opt.err.beta": {"en": "β must be in [0, 1).", "zh": "β 必须在 [0, 1) 区间内。"},
}

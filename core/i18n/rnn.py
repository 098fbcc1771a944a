"""Strings of the recurrent networks page (keys ``rnn.*``)."""

STRINGS = {
    "rnn.intro": {
        "en": "A recurrent network reads text one character at a time and carries what it has read in a hidden "
              "state **h**. Train a plain RNN, a GRU and an LSTM side by side on the same batches, let them write, "
              "and look inside their memory: which units track what, what the LSTM's gates open and close, and how "
              "fast the gradient from far back fades.",
        "zh": "循环神经网络逐个字符读入文本，并把读过的内容保存在隐藏状态 **h** 中。在同样的批次上并排训练普通 RNN、GRU 和 "
              "LSTM，让它们生成文字，再看看它们的记忆：哪些单元在跟踪什么，LSTM 的门何时打开、何时关闭，以及来自远处的梯度衰减得有多快。",
    },
    "rnn.corpus": {"en": "Text to learn", "zh": "训练文本"},
    "rnn.corpus.en": {"en": "English news (Lee corpus)", "zh": "英文新闻（Lee 语料）"},
    "rnn.corpus.zh": {"en": "Chinese: People's Daily 1998", "zh": "中文：1998 年《人民日报》"},
    "rnn.corpus.own": {"en": "Your own text", "zh": "你自己的文本"},
    "rnn.cells": {"en": "Cells to train side by side", "zh": "并排训练的单元"},
    "rnn.steps": {"en": "Training steps", "zh": "训练步数"},
    "rnn.settings": {"en": "Model and training settings", "zh": "模型与训练设置"},
    "rnn.hidden": {"en": "Hidden size", "zh": "隐藏层大小"},
    "rnn.layers": {"en": "Layers", "zh": "层数"},
    "rnn.seq": {"en": "Sequence length", "zh": "序列长度"},
    "rnn.seq_help": {
        "en": "Characters per training window: the gradient flows back through at most this many steps.",
        "zh": "每个训练窗口的字符数：梯度最多沿时间反向传播这么多步。",
    },
    "rnn.lr": {"en": "Learning rate (Adam)", "zh": "学习率（Adam）"},
    "rnn.clip": {"en": "Gradient clipping (max norm, 0 = off)", "zh": "梯度裁剪（最大范数，0 = 关闭）"},
    "rnn.clip_help": {
        "en": "Before each step the whole gradient is scaled down if its norm exceeds this value: one exploding "
              "gradient cannot throw the weights away.",
        "zh": "每一步之前，如果整个梯度的范数超过此值，就把梯度按比例缩小：一次梯度爆炸不会把权重推到很远。",
    },
    "rnn.upload": {"en": "Upload a .txt file (it wins over the box below)", "zh": "上传 .txt 文件（优先于下面的文本框）"},
    "rnn.own_text": {"en": "…or type or paste text here", "zh": "……或在此输入或粘贴文本"},
    "rnn.own_hint": {
        "en": "Upload a .txt file or paste a text of a few thousand characters or more: the model learns its characters.",
        "zh": "请上传 .txt 文件，或粘贴几千字以上的文本：模型会学习其中的字符。",
    },
    "rnn.train": {"en": "Train", "zh": "开始训练"},
    "rnn.progress": {
        "en": "Step {step} of {steps} · {seconds:.0f} s",
        "zh": "第 {step} / {steps} 步 · {seconds:.0f} 秒",
    },
    "rnn.not_trained": {
        "en": "Press **Train** above: the models appear here as soon as they are trained.",
        "zh": "请按上方的 **开始训练**：模型训练完成后会在这里出现。",
    },
    "rnn.inspect": {"en": "Model to look at", "zh": "要查看的模型"},
    "rnn.tab.sample": {"en": "Sample", "zh": "生成文本"},
    "rnn.tab.memory": {"en": "Inside the memory", "zh": "记忆内部"},
    "rnn.tab.unrolled": {"en": "Unrolled in time", "zh": "按时间展开"},
    "rnn.tab.gradients": {"en": "Gradients through time", "zh": "随时间传播的梯度"},
    "rnn.prime": {"en": "Prime text (the model reads it first)", "zh": "起始文本（模型先读入它）"},
    "rnn.temperature": {"en": "Temperature τ", "zh": "温度 τ"},
    "rnn.temp_help": {
        "en": "Below 1: safer, more repetitive text; above 1: more surprising, more mistakes.",
        "zh": "小于 1：更保守、更重复；大于 1：更出人意料，错误也更多。",
    },
    "rnn.length": {"en": "Characters to generate", "zh": "生成的字符数"},
    "rnn.sample": {"en": "Generated text", "zh": "生成的文本"},
    "rnn.dist_caption": {
        "en": "Each column is one generated character; the rows are the likeliest next characters at that step, "
              "darker is more probable. A dark top cell means the model was sure; a pale column means it hesitated.",
        "zh": "每一列是一个生成的字符；各行是该步最可能的下一个字符，颜色越深概率越大。顶格很深表示模型很确定；整列很浅表示它在犹豫。",
    },
    "rnn.probe": {"en": "Text to read (up to 400 characters)", "zh": "要读入的文本（最多 400 个字符）"},
    "rnn.layer": {"en": "Layer", "zh": "层"},
    "rnn.series": {"en": "Show", "zh": "显示"},
    "rnn.series.h": {"en": "hidden state h", "zh": "隐藏状态 h"},
    "rnn.series.c": {"en": "cell state c", "zh": "细胞状态 c"},
    "rnn.series.i": {"en": "input gate i", "zh": "输入门 i"},
    "rnn.series.f": {"en": "forget gate f", "zh": "遗忘门 f"},
    "rnn.series.g": {"en": "candidate g", "zh": "候选值 g"},
    "rnn.series.o": {"en": "output gate o", "zh": "输出门 o"},
    "rnn.series.r": {"en": "reset gate r", "zh": "重置门 r"},
    "rnn.series.z": {"en": "update gate z", "zh": "更新门 z"},
    "rnn.series.n": {"en": "candidate n", "zh": "候选值 n"},
    "rnn.rank": {"en": "Unit, by how much it varies (1 = most)", "zh": "单元（按变化幅度排序，1 = 变化最大）"},
    "rnn.rank_help": {
        "en": "Units are ranked by their variance over this text: a unit that never moves carries nothing about it.",
        "zh": "单元按其在这段文本上的方差排序：从不变化的单元不携带关于这段文本的任何信息。",
    },
    "rnn.coloured": {
        "en": "Unit **#{unit}**, {series}: red is high, blue is low (hover a character for its value).",
        "zh": "单元 **#{unit}**，{series}：红色表示高，蓝色表示低（鼠标悬停可看数值）。",
    },
    "rnn.position": {"en": "Time step to compute by hand", "zh": "手工计算的时间步"},
    "rnn.step_caption": {
        "en": "Step t = {t} (character '{char}'), first layer, first 6 units: the two sums, the gates and the new "
              "state, computed by hand from the model's own weights (equal to torch's output).",
        "zh": "第 t = {t} 步（字符“{char}”），第一层，前 6 个单元：两个加和、各个门和新的状态，均由模型自身的权重手工算出（与 torch 的输出一致）。",
    },
    "rnn.grad_intro": {
        "en": "‖∂h_T/∂h_t‖ against the distance T − t, measured by autograd on torch's own layers, for each cell at "
              "initialisation and after {steps} training steps (hidden size {hidden}) with gradient clipping at "
              "{clip} and without. Beside it: ‖W^L‖ of the plain RNN's recurrent matrix.",
        "zh": "‖∂h_T/∂h_t‖ 随距离 T − t 的变化，在 torch 自带的层上用自动求导测得：每种单元分别在初始化时、以及训练 {steps} 步"
              "（隐藏层大小 {hidden}）后——梯度裁剪阈值 {clip} 与不裁剪两种情况。旁边是普通 RNN 循环矩阵的 ‖W^L‖。",
    },
    "rnn.grad_run": {"en": "Train and measure", "zh": "训练并测量"},
    "rnn.grad_running": {"en": "Training the six models… {seconds:.0f} s", "zh": "正在训练六个模型……{seconds:.0f} 秒"},
    "rnn.grad_result": {
        "en": "At distance {at}, trained with clipping: RNN {rnn_clipped}, GRU {gru_clipped}, LSTM {lstm_clipped} "
              "(untrained: RNN {rnn_untrained}, GRU {gru_untrained}, LSTM {lstm_untrained}). The trained RNN's "
              "W_hh has σ_max = {sigma} and spectral radius {radius}: above 1, ‖W^L‖ alone would grow; the tanh′ ≤ 1 "
              "factor at every step pulls the real product down.",
        "zh": "在距离 {at} 处，带裁剪训练后：RNN {rnn_clipped}，GRU {gru_clipped}，LSTM {lstm_clipped}"
              "（未训练：RNN {rnn_untrained}，GRU {gru_untrained}，LSTM {lstm_untrained}）。训练后 RNN 的 W_hh 最大奇异值 "
              "σ_max = {sigma}，谱半径 {radius}：大于 1 时仅 ‖W^L‖ 会增长；而每一步 tanh′ ≤ 1 的因子把实际的乘积拉低。",
    },
    "rnn.state.untrained": {"en": "untrained", "zh": "未训练"},
    "rnn.state.clipped": {"en": "trained, clipped", "zh": "训练后（裁剪）"},
    "rnn.state.unclipped": {"en": "trained, not clipped", "zh": "训练后（不裁剪）"},
    "rnn.fig.bpc": {"en": "Bits per character", "zh": "每字符比特数"},
    "rnn.fig.grad_norm": {"en": "Gradient norm before clipping", "zh": "裁剪前的梯度范数"},
    "rnn.fig.train": {"en": "batch", "zh": "训练批次"},
    "rnn.fig.held_out": {"en": "held-out", "zh": "留出文本"},
    "rnn.fig.clip": {"en": "clipping threshold", "zh": "裁剪阈值"},
    "rnn.fig.step": {"en": "step", "zh": "步数"},
    "rnn.fig.bits": {"en": "bits / char", "zh": "比特 / 字符"},
    "rnn.fig.rank": {"en": "candidate rank", "zh": "候选排名"},
    "rnn.fig.generated": {"en": "generated character", "zh": "生成的字符"},
    "rnn.fig.text": {"en": "text", "zh": "文本"},
    "rnn.fig.unit": {"en": "unit", "zh": "单元"},
    "rnn.fig.unit_tracks": {"en": "Unit #{unit} over the text", "zh": "单元 #{unit} 在文本上的变化"},
    "rnn.fig.variance": {"en": "variance over the text", "zh": "在文本上的方差"},
    "rnn.fig.grad_title": {"en": "‖∂h_T/∂h_t‖ by autograd", "zh": "自动求导得到的 ‖∂h_T/∂h_t‖"},
    "rnn.fig.power_title": {"en": "‖W_hh^L‖ of the plain RNN", "zh": "普通 RNN 的 ‖W_hh^L‖"},
    "rnn.theory.recurrence": {
        "en": "**One cell, repeated.** The same weights are applied at every time step: the network unrolled over a "
              "text is as deep as the text is long, with the weights shared across the depth. Each character enters "
              "as a vector (here a learned embedding; for words, word2vec vectors in time order), and the state "
              "carries what came before.",
        "zh": "**同一个单元，反复使用。** 每个时间步都使用同样的权重：按文本展开后，网络的深度等于文本长度，各层共享权重。每个字符以向量形式输入"
              "（这里是学到的嵌入；对词而言就是按时间顺序输入的 word2vec 向量），状态则携带之前的信息。",
    },
    "rnn.theory.gradient": {
        "en": "**Vanishing and exploding gradients.** Back-propagation through time multiplies one Jacobian per "
              "step. If the largest singular value of W_hh is below 1 the product shrinks geometrically (the network "
              "forgets), above 1 it may explode (clipping the gradient norm keeps one bad step from ruining training).",
        "zh": "**梯度消失与梯度爆炸。** 随时间反向传播时，每一步都要乘一个雅可比矩阵。若 W_hh 的最大奇异值小于 1，乘积按几何级数缩小（网络“遗忘”）；"
              "大于 1 则可能爆炸（裁剪梯度范数可以防止一次糟糕的更新毁掉训练）。",
    },
    "rnn.theory.lstm": {
        "en": "**The LSTM** keeps a separate cell state c that is updated by addition: the forget gate f decides "
              "what to keep, the input gate i what to write, the output gate o what to show. With f near 1 the "
              "gradient flows along c almost unchanged. The GRU merges the gates into an update gate z and a reset gate r.",
        "zh": "**LSTM** 另有一个细胞状态 c，通过加法更新：遗忘门 f 决定保留什么，输入门 i 决定写入什么，输出门 o 决定输出什么。"
              "当 f 接近 1 时，梯度几乎不变地沿 c 传播。GRU 把这些门合并为更新门 z 和重置门 r。",
    },
    "rnn.theory.bpc": {
        "en": "**Bits per character** is the cross-entropy in base 2: guessing uniformly among V characters costs "
              "log₂ V bits; every bit less is structure the model has learned. Sampling divides the scores by a "
              "temperature τ before the softmax.",
        "zh": "**每字符比特数** 是以 2 为底的交叉熵：在 V 个字符中均匀猜测需要 log₂ V 比特；每少一比特，都是模型学到的结构。"
              "采样时先把得分除以温度 τ 再做 softmax。",
    },
    "rnn.err.unseen_chars": {
        "en": "The model never saw these characters in its training text: {chars}. Use characters of the training text.",
        "zh": "模型在训练文本中从未见过这些字符：{chars}。请使用训练文本中出现过的字符。",
    },
    "rnn.err.too_short": {
        "en": "The text has {chars} characters; with sequences of {seq} it needs at least {needed}. Use a longer "
              "text or a shorter sequence length.",
        "zh": "文本只有 {chars} 个字符；序列长度为 {seq} 时至少需要 {needed} 个。请使用更长的文本或更短的序列长度。",
    },
    "rnn.err.empty_prime": {"en": "Type a prime text for the model to start from.", "zh": "请输入一段起始文本，供模型从这里开始。"},
}

"""Strings of the attention page (namespace ``att.``)."""

STRINGS = {
    "att.intro": {
        "en": "Type a sentence and look inside **all-MiniLM-L6-v2**, a small BERT with 6 layers of 12 attention "
        "heads each. Every head decides, for each token, how much to look at every other token; the maps "
        "below show those weights.",
        "zh": "输入一句话，看看 **all-MiniLM-L6-v2** 内部在做什么：这是一个小型 BERT，共 6 层，每层 12 个注意力头。"
        "每个头都会为每个词元决定该把多少注意力分给其他各个词元，下面的图展示的就是这些权重。",
    },
    "att.input": {"en": "Sentence or text", "zh": "句子或文本"},
    "att.upload": {"en": "…or upload a .txt file", "zh": "……或上传 .txt 文件"},
    "att.loading": {"en": "Loading the model…", "zh": "正在加载模型……"},
    "att.computing": {"en": "Running the transformer…", "zh": "正在运行 Transformer……"},
    "att.tokens": {
        "en": "{count} tokens in this window, [CLS] and [SEP] included.",
        "zh": "本窗口共 {count} 个词元（含 [CLS] 与 [SEP]）。",
    },
    "att.note.non_english": {
        "en": "This model was trained on English only. Its vocabulary cuts Chinese (and most non-Latin text) "
        "into single characters and maps the characters it does not know to [UNK] ({unknown} of {total} "
        "tokens here), so its attention says little about the meaning. The tokens it actually sees:",
        "zh": "该模型只用英文训练过。它的词表会把中文（以及大多数非拉丁文字）切成单个汉字，不认识的字一律变成 [UNK]"
        "（本文共 {total} 个词元，其中 {unknown} 个是 [UNK]），因此这里的注意力很难反映语义。模型实际看到的词元如下：",
    },
    "att.note.windows": {
        "en": "This text has {tokens} tokens, but the model reads at most 512 at a time ({size} plus [CLS] and "
        "[SEP]). It has been cut into {windows} windows: choose the one to look at.",
        "zh": "这段文本共有 {tokens} 个词元，而模型一次最多只能读 512 个（{size} 个加上 [CLS] 和 [SEP]）。"
        "文本已被切成 {windows} 个窗口，请选择要查看的窗口。",
    },
    "att.window": {"en": "Window", "zh": "窗口"},
    "att.window.item": {
        "en": "Window {number}: tokens {start}–{end}",
        "zh": "第 {number} 个窗口：第 {start}–{end} 个词元",
    },
    "att.mode": {"en": "Show", "zh": "显示"},
    "att.mode.head": {"en": "One head", "zh": "单个注意力头"},
    "att.mode.mean": {"en": "Mean over heads", "zh": "各头的平均"},
    "att.mode.rollout": {"en": "Attention rollout", "zh": "注意力展开 (rollout)"},
    "att.layer": {"en": "Layer", "zh": "层"},
    "att.head": {"en": "Head", "zh": "头"},
    "att.head.number": {"en": "Head {number}", "zh": "头 {number}"},
    "att.hide_special": {"en": "Hide [CLS] / [SEP]", "zh": "隐藏 [CLS] / [SEP]"},
    "att.merge_words": {"en": "Merge word pieces into words", "zh": "把子词合并成整词"},
    "att.threshold": {"en": "Hide links weaker than", "zh": "隐藏低于此值的连接"},
    "att.threshold.help": {
        "en": "Weights below this value are left out of the heatmap and the head view.",
        "zh": "低于该值的权重不会画在热力图和注意力头视图中。",
    },
    "att.title.head": {"en": "Layer {layer}, head {head}", "zh": "第 {layer} 层，第 {head} 个头"},
    "att.title.mean": {
        "en": "Layer {layer}, mean over its {heads} heads",
        "zh": "第 {layer} 层，{heads} 个头的平均",
    },
    "att.title.rollout": {
        "en": "Attention rollout through layers 1–{layer}",
        "zh": "第 1–{layer} 层的注意力展开",
    },
    "att.axis.to": {"en": "attends to (key)", "zh": "被关注的词元（键）"},
    "att.axis.from": {"en": "token (query)", "zh": "发出注意力的词元（查询）"},
    "att.axis.weight": {"en": "weight", "zh": "权重"},
    "att.view": {"en": "View", "zh": "视图"},
    "att.view.heatmap": {"en": "Heatmap", "zh": "热力图"},
    "att.view.head": {"en": "Head view", "zh": "注意力头视图"},
    "att.view.model": {"en": "Model view", "zh": "模型总览"},
    "att.view.positional": {"en": "Positional encoding", "zh": "位置编码"},
    "att.view.by_hand": {"en": "Attention by hand", "zh": "手算注意力"},
    "att.heatmap.caption": {
        "en": "Each row is one token asking \"whom should I look at?\"; the row's colours are its answer and "
        "add up to 1. Hover a cell for the exact weight.",
        "zh": "每一行是一个词元在问“我该关注谁？”，这一行的颜色就是它的答案，加起来等于 1。把鼠标移到格子上可看到具体权重。",
    },
    "att.head_view.caption": {
        "en": "Layer {layer}: lines go from the chosen token (left) to the tokens it attends to (right). "
        "Each colour is a head; thicker lines carry more attention.",
        "zh": "第 {layer} 层：线条从所选词元（左）连向它关注的词元（右）。每种颜色代表一个头，线越粗，注意力越大。",
    },
    "att.token": {"en": "Token", "zh": "词元"},
    "att.heads": {"en": "Heads", "zh": "注意力头"},
    "att.model_view.caption": {
        "en": "All 6 × 12 heads at once, each scaled to its own strongest weight. Click a map (or use the "
        "layer and head sliders) to see it enlarged below.",
        "zh": "一次看全部 6 × 12 个头，每张小图按自身的最大权重缩放颜色。点击某张小图（或用层、头滑块选择），下方会放大显示。",
    },
    "att.pe.caption": {
        "en": "Attention itself ignores order, so the position of each token has to be added to its vector. "
        "The original Transformer adds fixed sine and cosine waves of different frequencies.",
        "zh": "注意力本身不分先后顺序，因此必须把每个词元的位置信息加进它的向量里。原始 Transformer "
        "加的是一组频率各不相同的固定正弦、余弦波。",
    },
    "att.pe.positions": {"en": "Positions", "zh": "位置数"},
    "att.pe.dim": {"en": "Model dimension d", "zh": "模型维度 d"},
    "att.pe.matrix": {"en": "Positional encoding (position × dimension)", "zh": "位置编码矩阵（位置 × 维度）"},
    "att.pe.similarity": {
        "en": "Dot product of every pair of positions",
        "zh": "任意两个位置编码的点积",
    },
    "att.pe.position": {"en": "position", "zh": "位置"},
    "att.pe.dimension": {"en": "dimension", "zh": "维度"},
    "att.pe.token": {"en": "token", "zh": "词元"},
    "att.pe.added": {
        "en": "PE added to embeddings (the first {tokens} tokens of this window, d = 384)",
        "zh": "把位置编码加到词嵌入上（本窗口前 {tokens} 个词元，d = 384）",
    },
    "att.pe.embedding": {"en": "Word-piece embeddings × √d", "zh": "子词嵌入 × √d"},
    "att.pe.encoding": {"en": "+ positional encoding", "zh": "+ 位置编码"},
    "att.pe.sum": {"en": "= the transformer's input", "zh": "= Transformer 的输入"},
    "att.hand.caption": {
        "en": "Edit Q, K and V (one row per token) and follow each step of softmax(QKᵀ / (√d·τ))·V. "
        "The temperature τ sharpens (τ < 1) or flattens (τ > 1) the weights; τ = 1 is the transformer's formula.",
        "zh": "编辑 Q、K、V（每个词元一行），逐步跟着 softmax(QKᵀ / (√d·τ))·V 计算。温度 τ 小于 1 时权重更集中，"
        "大于 1 时更平均；τ = 1 就是 Transformer 用的公式。",
    },
    "att.hand.tokens": {"en": "Tokens", "zh": "词元个数"},
    "att.hand.dim": {"en": "Dimension d", "zh": "维度 d"},
    "att.hand.temperature": {"en": "Temperature τ", "zh": "温度 τ"},
    "att.hand.scores": {"en": "1. Scores QKᵀ", "zh": "1. 打分 QKᵀ"},
    "att.hand.scaled": {
        "en": "2. Scaled: ÷ (√{d} · {temperature:.1f})",
        "zh": "2. 缩放：÷ (√{d} · {temperature:.1f})",
    },
    "att.hand.weights": {"en": "3. Softmax of each row", "zh": "3. 每行做 softmax"},
    "att.hand.output": {"en": "4. Weights × V", "zh": "4. 权重 × V"},
    "att.hand.check": {
        "en": "PyTorch's scaled_dot_product_attention on the same Q, K, V differs by at most {delta:.1e}.",
        "zh": "对同样的 Q、K、V，PyTorch 的 scaled_dot_product_attention 与上面结果的最大差异为 {delta:.1e}。",
    },
    "att.theory": {
        "en": "**Self-attention** rebuilds each word as a weighted sum of the value vectors of all the words in "
        "the sentence; the weights come from how well its query matches each word's key, through a softmax. "
        "Dividing by √d keeps the dot products from growing with the dimension and saturating the softmax.\n\n"
        "**Multi-head**: each layer runs several attentions side by side, each with its own projections, so "
        "one head can track the previous word while another links a pronoun to its noun; their outputs are "
        "concatenated and mixed by W^O.\n\n"
        "**Encoder layer** = multi-head self-attention + a position-wise feed-forward network, each wrapped "
        "in a residual connection and layer normalisation. MiniLM stacks 6 of them.\n\n"
        "**Position**: attention treats its input as a set, so the position is added to each embedding — as "
        "fixed sinusoids in the original Transformer, as learned vectors in BERT and MiniLM.\n\n"
        "**Rollout** follows attention through the layers: average the heads, add the identity for the "
        "residual path, and multiply the layers.",
        "zh": "**自注意力**把每个词重新表示为句中所有词的值向量（value）的加权和；权重由它的查询向量（query）与各个词的"
        "键向量（key）的匹配程度经 softmax 得到。除以 √d 是为了不让点积随维度增大而变大，以免 softmax 饱和。\n\n"
        "**多头注意力**：每一层并行运行多组注意力，各有自己的投影矩阵，于是一个头可以盯着前一个词，另一个头可以把代词"
        "和它指代的名词连起来；各头的输出拼接后再经 W^O 混合。\n\n"
        "**编码器层** = 多头自注意力 + 逐位置的前馈网络，两者都套上残差连接和层归一化。MiniLM 叠了 6 个这样的层。\n\n"
        "**位置**：注意力把输入当作一个集合，不分先后，所以要把位置加到每个词嵌入上——原始 Transformer 用固定的正弦波，"
        "BERT 和 MiniLM 用可学习的位置向量。\n\n"
        "**注意力展开（rollout）**沿着各层追踪注意力的流动：先对各头取平均，加上单位矩阵表示残差通路，再把各层相乘。",
    },
    "att.err.no_tokens": {
        "en": "The text has no characters the model can read (only spaces, control or zero-width characters).",
        "zh": "这段文本里没有模型能读取的字符（只有空白、控制字符或零宽字符）。",
    },
    "att.err.range": {
        "en": "The {name} must be between 1 and {maximum}; got {value}.",
        "zh": "{name} 须在 1 到 {maximum} 之间，收到的是 {value}。",
    },
}

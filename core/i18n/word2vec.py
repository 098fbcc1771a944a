"""Strings of the word2vec page (namespace ``w2v.``)."""

STRINGS = {
    "w2v.intro": {
        "en": "Words become points in space: words used in similar contexts end up close together. "
              "Train word2vec here on English Wikipedia, on the Chinese *People's Daily* or on your own text, "
              "or take the ready-made GloVe vectors, then ask for neighbours, analogies and maps.",
        "zh": "词被表示成空间中的点：出现在相似上下文里的词，彼此靠得更近。你可以在这里用英文维基百科、"
              "《人民日报》语料或自己的文本现场训练 word2vec，也可以直接使用训练好的 GloVe 词向量，"
              "然后查看近邻、类比和词向量地图。",
    },
    # choosing a space
    "w2v.source": {"en": "Word vectors", "zh": "词向量来源"},
    "w2v.source.glove": {"en": "GloVe 6B, 50-d (pretrained, English)", "zh": "GloVe 6B 50 维（预训练，英文）"},
    "w2v.source.train": {"en": "Train word2vec here", "zh": "在这里训练 word2vec"},
    "w2v.restrict": {"en": "Search among the most frequent N words", "zh": "只在最常见的 N 个词中查找"},
    "w2v.restrict_help": {
        "en": "GloVe's 400,000 rows are sorted by frequency; the rare ones include junk tokens "
              "(paris → “prohertrib”). Searching only the frequent rows hides them.",
        "zh": "GloVe 的 40 万个词按词频排序，低频词里有不少垃圾词（paris 的近邻会出现“prohertrib”）。"
              "只在高频词中查找就能避开它们。",
    },
    "w2v.loading_glove": {"en": "Loading GloVe (400,000 words)…", "zh": "正在加载 GloVe（40 万个词）……"},
    "w2v.corpus": {"en": "Corpus", "zh": "语料"},
    "w2v.corpus.peoples-daily": {"en": "People's Daily, January 1998 (Chinese, ~950k words)",
                                 "zh": "《人民日报》1998 年 1 月（中文，约 95 万词）"},
    "w2v.corpus.wiki": {"en": "English Wikipedia sample (106 articles, ~450k words)",
                        "zh": "英文维基百科样本（106 篇文章，约 45 万词）"},
    "w2v.corpus.upload": {"en": "My own text (.txt upload)", "zh": "我自己的文本（上传 .txt）"},
    "w2v.upload": {"en": "Upload a .txt file (UTF-8 or GB18030)", "zh": "上传 .txt 文件（UTF-8 或 GB18030 编码）"},
    "w2v.upload_help": {
        "en": "Chinese text is segmented into words with jieba; English is lower-cased and split with "
              "gensim's simple_preprocess. A few thousand words or more give a meaningful space.",
        "zh": "中文用 jieba 分词；英文转成小写后用 gensim 的 simple_preprocess 切分。"
              "至少几千个词，训练出的空间才有意义。",
    },
    "w2v.upload_hint": {"en": "Upload a text file to train on it.", "zh": "请上传一个文本文件，用它来训练。"},
    "w2v.segmenting": {"en": "Splitting the text into words…", "zh": "正在分词……"},
    "w2v.segmented": {"en": "{tokens} words. First sentence as segmented: {sample}",
                      "zh": "共 {tokens} 个词。第一句的分词结果：{sample}"},
    # settings
    "w2v.arch": {"en": "Architecture", "zh": "模型结构"},
    "w2v.arch_help": {
        "en": "CBOW predicts a word from the average of its context; skip-gram predicts each context word "
              "from the word. Skip-gram is slower but better for rare words and small corpora.",
        "zh": "CBOW 用上下文的平均向量预测中心词；skip-gram 用中心词预测每个上下文词。"
              "skip-gram 更慢，但对低频词和小语料效果更好。",
    },
    "w2v.objective": {"en": "Output layer", "zh": "输出层"},
    "w2v.objective.ns": {"en": "Negative sampling", "zh": "负采样"},
    "w2v.objective.hs": {"en": "Hierarchical softmax", "zh": "层次 softmax"},
    "w2v.negative": {"en": "Noise words per pair (k)", "zh": "每个正样本配的负样本数 k"},
    "w2v.window": {"en": "Context window (words each side)", "zh": "上下文窗口（每侧词数）"},
    "w2v.dims": {"en": "Vector dimensions", "zh": "向量维数"},
    "w2v.min_count": {"en": "Ignore words seen fewer times than", "zh": "忽略出现次数少于此值的词"},
    "w2v.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "w2v.seed": {"en": "Random seed", "zh": "随机种子"},
    "w2v.train": {"en": "Train", "zh": "开始训练"},
    "w2v.not_trained": {
        "en": "No model with these settings yet. Press Train: it runs in the background, and once trained "
              "the model is kept for everyone who picks the same corpus and settings.",
        "zh": "还没有用这些设置训练过的模型。点“开始训练”：训练在后台进行，训练好的模型会保留下来，"
              "任何人选择相同的语料和设置都可以直接使用。",
    },
    "w2v.state.queued": {"en": "Waiting for a free training slot…", "zh": "正在排队，等待空闲的训练名额……"},
    "w2v.state.running": {"en": "Training: epoch {epoch} of {epochs} done ({seconds:.0f} s)",
                          "zh": "训练中：已完成 {epoch}/{epochs} 轮（{seconds:.0f} 秒）"},
    "w2v.state.done": {"en": "Trained: {epoch} epochs in {seconds:.1f} s", "zh": "训练完成：{epoch} 轮，用时 {seconds:.1f} 秒"},
    "w2v.state.stopped": {"en": "Stopped after {epoch} of {epochs} epochs: exploring the vectors trained so far",
                          "zh": "已在第 {epoch}/{epochs} 轮后停止：下面使用目前已训练好的向量"},
    "w2v.state.failed": {"en": "Training failed.", "zh": "训练失败。"},
    "w2v.sizes": {"en": "{tokens} words in the corpus, vocabulary {vocab}", "zh": "语料共 {tokens} 个词，词表大小 {vocab}"},
    "w2v.loss_title": {"en": "Training loss per epoch", "zh": "每轮的训练损失"},
    "w2v.epoch": {"en": "epoch", "zh": "轮次"},
    "w2v.loss": {"en": "loss", "zh": "损失"},
    # exploring
    "w2v.space": {"en": "Vocabulary: {size} words, {dims} dimensions.", "zh": "词表：{size} 个词，{dims} 维。"},
    "w2v.neighbours": {"en": "Nearest neighbours", "zh": "最近邻"},
    "w2v.word": {"en": "Word", "zh": "词"},
    "w2v.topn": {"en": "How many neighbours", "zh": "近邻个数"},
    "w2v.col.word": {"en": "word", "zh": "词"},
    "w2v.col.cosine": {"en": "cosine similarity", "zh": "余弦相似度"},
    "w2v.col.to_mean": {"en": "cosine to the group's mean", "zh": "与整组平均向量的余弦"},
    "w2v.analogy": {"en": "Analogy: a − b + c", "zh": "类比：a − b + c"},
    "w2v.analogy.a": {"en": "a", "zh": "a"},
    "w2v.analogy.b": {"en": "− b", "zh": "− b"},
    "w2v.analogy.c": {"en": "+ c", "zh": "+ c"},
    "w2v.method": {"en": "Scoring", "zh": "打分方式"},
    "w2v.method.3cosadd": {"en": "3CosAdd", "zh": "3CosAdd（加法）"},
    "w2v.method.3cosmul": {"en": "3CosMul", "zh": "3CosMul（乘法）"},
    "w2v.analogy_answer": {"en": "**{a}** − **{b}** + **{c}** ≈ **{d}**", "zh": "**{a}** − **{b}** + **{c}** 约等于 **{d}**"},
    "w2v.odd": {"en": "Odd one out", "zh": "找出不同类的词"},
    "w2v.odd.words": {"en": "Words (three or more, separated by spaces)", "zh": "若干个词（至少三个，用空格分隔）"},
    "w2v.odd.answer": {"en": "The odd one out: **{word}**", "zh": "不同类的词：**{word}**"},
    "w2v.sim": {"en": "Similarity", "zh": "相似度"},
    "w2v.sim.a": {"en": "First word", "zh": "第一个词"},
    "w2v.sim.b": {"en": "Second word", "zh": "第二个词"},
    # map
    "w2v.map": {"en": "Map of the space", "zh": "词向量地图"},
    "w2v.map.content": {"en": "Show", "zh": "显示"},
    "w2v.map.content.neighbourhood": {"en": "the query, the analogy and their neighbours",
                                      "zh": "查询词、类比词及它们的近邻"},
    "w2v.map.content.frequent": {"en": "the most frequent words", "zh": "最常见的词"},
    "w2v.map.method": {"en": "Projection", "zh": "降维方法"},
    "w2v.map.pca": {"en": "PCA", "zh": "PCA（主成分分析）"},
    "w2v.map.tsne": {"en": "t-SNE", "zh": "t-SNE"},
    "w2v.map.dims": {"en": "Dimensions", "zh": "维数"},
    "w2v.map.count": {"en": "How many frequent words", "zh": "显示多少个常见词"},
    "w2v.map.too_few": {"en": "Too few words to draw a map.", "zh": "词太少，画不出地图。"},
    "w2v.map.projecting": {
        "en": "Projecting the map (t-SNE takes a few seconds); once drawn, it is cached.",
        "zh": "正在降维画地图（t-SNE 需要几秒钟）；画好后地图会被缓存。",
    },
    "w2v.map.caption.pca": {
        "en": "PCA keeps the directions of largest variance: parallel offsets such as man→king and "
              "woman→queen stay roughly parallel (orange arrows: b → a and c → answer).",
        "zh": "PCA 保留方差最大的方向，因此 man→king 与 woman→queen 这类平行的偏移在图上仍大致平行"
              "（橙色箭头：b → a 与 c → 答案）。",
    },
    "w2v.map.caption.tsne": {
        "en": "t-SNE keeps each word's neighbourhood but bends distances and directions: clusters are "
              "meaningful, arrows between clusters are not.",
        "zh": "t-SNE 保留每个词的邻域，但会扭曲距离和方向：聚类有意义，不同聚类之间的箭头方向没有意义。",
    },
    # evaluation
    "w2v.eval": {"en": "Evaluation", "zh": "评测"},
    "w2v.eval.analogy_en": {"en": "Analogy accuracy (questions-words sample)", "zh": "类比准确率（questions-words 抽样）"},
    "w2v.eval.analogy_zh": {"en": "Analogy accuracy (Chinese capitals set)", "zh": "类比准确率（中文首都/省会题集）"},
    "w2v.eval.analogy_detail": {"en": "{correct} of {total} correct; {skipped} skipped (unknown words)",
                                "zh": "{total} 题中答对 {correct} 题；{skipped} 题因含未知词而跳过"},
    "w2v.eval.wordsim": {"en": "Spearman ρ on wordsim353", "zh": "wordsim353 上的 Spearman ρ"},
    "w2v.eval.wordsim_detail": {"en": "{pairs} word pairs rated by people; {oov:.1f}% unknown",
                                "zh": "{pairs} 个人工打分的词对；{oov:.1f}% 含未知词"},
    "w2v.eval.wordsim_na": {"en": "wordsim353 is an English set: it does not apply to a Chinese space.",
                            "zh": "wordsim353 是英文数据集，不适用于中文词向量。"},
    "w2v.eval.note": {
        "en": "Change the settings (skip-gram vs CBOW, window, dimensions, epochs), retrain and compare: "
              "the same corpus gives better or worse spaces.",
        "zh": "改变设置（skip-gram 与 CBOW、窗口、维数、轮数）后重新训练再比较：同一份语料可以得到好坏不同的词向量。",
    },
    # errors
    "w2v.err.oov": {"en": "“{word}” is not in the vocabulary. Did you mean: {close}?",
                    "zh": "词表里没有“{word}”。你是不是想找：{close}？"},
    "w2v.err.oov_nothing_close": {"en": "“{word}” is not in the vocabulary, and no word is spelled like it.",
                                  "zh": "词表里没有“{word}”，也找不到写法相近的词。"},
    "w2v.err.no_word": {"en": "Please type a word.", "zh": "请输入一个词。"},
    "w2v.err.odd_needs_three": {"en": "Give at least three different known words.",
                                "zh": "请至少给出三个不同的、词表中有的词。"},
    "w2v.err.too_few_words": {
        "en": "The text has only {tokens} words; word2vec needs at least {minimum} (thousands are better).",
        "zh": "这段文本只有 {tokens} 个词；word2vec 至少需要 {minimum} 个（几千个更好）。",
    },
    "w2v.err.no_vocab": {
        "en": "No word occurs at least {min_count} times: lower “ignore words seen fewer times than”.",
        "zh": "没有任何词出现至少 {min_count} 次：请调低“忽略出现次数少于此值的词”。",
    },
    # theory
    "w2v.theory.vectors": {
        "en": "**One-hot vs dense.** A one-hot vector has one 1 among |V| zeros: every two words are equally "
              "far apart, and nothing is shared. word2vec gives each word a dense vector of a few hundred "
              "numbers instead, learned so that words in similar contexts (“You shall know a word by the "
              "company it keeps”) get similar vectors. Multiplying the one-hot vector by the weight matrix "
              "W simply picks the word's row: that row *is* its vector.",
        "zh": "**one-hot 与稠密向量。** one-hot 向量在 |V| 个 0 中只有一个 1：任意两个词的距离都一样，"
              "彼此之间没有任何共享信息。word2vec 给每个词一个只有几百维的稠密向量，并让出现在相似上下文中的词"
              "得到相似的向量（“观其伴，知其义”）。one-hot 向量乘以权重矩阵 W，恰好取出该词对应的那一行："
              "这一行就是它的词向量。",
    },
    "w2v.theory.cbow": {
        "en": "**CBOW** (continuous bag of words): average the vectors of the context words, predict the "
              "word in the middle. Fast; smooths over rare words.",
        "zh": "**CBOW**（连续词袋）：把上下文词的向量取平均，用来预测中间的词。速度快，但会把低频词“平均掉”。",
    },
    "w2v.theory.skipgram": {
        "en": "**Skip-gram**: from the middle word, predict each word around it. Each pair is a training "
              "example, so rare words get more updates.",
        "zh": "**skip-gram**：用中间的词去预测它周围的每个词。每一对词都是一个训练样本，低频词也能得到更多更新。",
    },
    "w2v.theory.negative": {
        "en": "**Negative sampling.** A softmax over the whole vocabulary is too expensive. Instead, train a "
              "binary classifier: is (centre word, context word) a real pair from the text (label 1), or a "
              "pair with a random noise word drawn from the unigram distribution to the power 3/4 (label 0)? "
              "k noise words per real pair. Hierarchical softmax is the other option: a binary tree over the "
              "vocabulary, log₂|V| yes/no decisions per word.",
        "zh": "**负采样。** 对整个词表做 softmax 代价太高。于是改为训练一个二分类器：(中心词, 上下文词) 是"
              "文本中真实出现的词对（标签 1），还是与按词频 3/4 次方随机抽取的噪声词组成的假词对（标签 0）？"
              "每个真实词对配 k 个噪声词。另一种做法是层次 softmax：在词表上建一棵二叉树，每个词只需做 "
              "log₂|V| 次是/否判断。",
    },
    "w2v.theory.input": {
        "en": "**Why the input vectors are kept.** The network has two matrices: input vectors v (the rows "
              "of W) and output vectors u. Training makes u·v large for real pairs, so words that share "
              "contexts are pushed towards the same output vectors and end up with similar input vectors. "
              "The task itself (predicting neighbours) is thrown away; the input vectors are the product.",
        "zh": "**为什么保留输入向量。** 网络有两个矩阵：输入向量 v（W 的行）和输出向量 u。训练让真实词对的 u·v "
              "变大，于是拥有相同上下文的词会被推向相同的输出向量，它们的输入向量也就彼此接近。"
              "预测邻居这个任务本身最后被丢掉，真正要的是输入向量。",
    },
    "w2v.theory.analogy": {
        "en": "**Analogies.** If vectors encode relations as offsets, then king − man + woman lands near "
              "queen, and paris − france + germany near berlin. On the Chinese corpus: 北京 − 中国 + 日本 ≈ "
              "东京. 3CosAdd adds cosines; 3CosMul multiplies them, so one large similarity cannot dominate.",
        "zh": "**类比。** 如果词向量把“关系”编码成向量差，那么 king − man + woman 会落在 queen 附近，"
              "paris − france + germany 会落在 berlin 附近。在中文语料上：北京 − 中国 + 日本 ≈ 东京。"
              "3CosAdd 把余弦相加；3CosMul 把余弦相乘，"
              "避免单个很大的相似度主导结果。",
    },
}

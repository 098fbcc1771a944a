"""The formulas the attention page teaches, as LaTeX: attention, multi-head, the encoder block, PE, rollout."""

THEORY = [
    r"z_i = \sum_j \alpha_{ij}\, v_j, \qquad"
    r"\alpha_{ij} = \frac{\exp(q_i \cdot k_j / \sqrt{d_k})}{\sum_{j'} \exp(q_i \cdot k_{j'} / \sqrt{d_k})}",
    r"\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\!\left(\frac{Q K^\top}{\sqrt{d_k}}\right) V",
    r"\operatorname{MultiHead}(X) = \operatorname{Concat}(\mathrm{head}_1, \dots, \mathrm{head}_h)\, W^O, \quad"
    r"\mathrm{head}_i = \operatorname{Attention}(X W_i^Q, X W_i^K, X W_i^V)",
    r"X' = \operatorname{LayerNorm}(X + \operatorname{MultiHead}(X)), \qquad"
    r"Y = \operatorname{LayerNorm}(X' + \operatorname{FFN}(X'))",
    r"PE_{(pos,\,2i)} = \sin\!\left(pos / 10000^{2i/d}\right), \qquad"
    r"PE_{(pos,\,2i+1)} = \cos\!\left(pos / 10000^{2i/d}\right)",
    r"\tilde{A}^{(l)} = \tfrac12 \bar{A}^{(l)} + \tfrac12 I, \qquad"
    r"\text{rollout}^{(l)} = \tilde{A}^{(l)}\, \tilde{A}^{(l-1)} \cdots \tilde{A}^{(1)}",
]

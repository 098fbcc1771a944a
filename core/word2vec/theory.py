"""The idea behind the word2vec page, in reading order: text keys (translated by the page), formulas, diagrams.

Each block is (kind, value): ``text`` an i18n key, ``latex`` a formula, ``graph`` a Graphviz diagram.
"""
from __future__ import annotations

from core.word2vec.figures import CBOW_DOT, SKIPGRAM_DOT

THEORY: tuple[tuple[str, str], ...] = (
    ("text", "w2v.theory.vectors"),
    ("latex", r"\text{one-hot: } x_{\text{king}} = (0,\dots,0,1,0,\dots,0) \in \{0,1\}^{|V|}"
              r"\qquad v_{\text{king}} = W^\top x_{\text{king}} \in \mathbb{R}^{d}"),
    ("text", "w2v.theory.cbow"),
    ("graph", CBOW_DOT),
    ("latex", r"p(w_t \mid \text{ctx}) = \operatorname{softmax}\big(u_{w_t}^\top \bar v\big),\quad"
              r"\bar v = \tfrac{1}{2m}\sum_{0<|j|\le m} v_{w_{t+j}}"),
    ("text", "w2v.theory.skipgram"),
    ("graph", SKIPGRAM_DOT),
    ("latex", r"\max \sum_t \sum_{0<|j|\le m} \log p(w_{t+j} \mid w_t)"),
    ("text", "w2v.theory.negative"),
    ("latex", r"\log \sigma(u_o^\top v_c) + \sum_{k=1}^{K} \mathbb{E}_{w_k \sim P_n}\log \sigma(-u_{w_k}^\top v_c),"
              r"\quad P_n(w) \propto f(w)^{3/4}"),
    ("text", "w2v.theory.input"),
    ("text", "w2v.theory.analogy"),
    ("latex", r"\cos(x, y) = \frac{x^\top y}{\|x\|\,\|y\|}"),
    ("latex", r"\text{3CosAdd: } \arg\max_x \cos(x,a) - \cos(x,b) + \cos(x,c)\qquad"
              r"\text{3CosMul: } \arg\max_x \frac{\cos(x,a)\cos(x,c)}{\cos(x,b)+\varepsilon}"),
)

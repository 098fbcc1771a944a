"""The network unrolled in time, and one step with its numbers filled in.

``dot`` draws the same cell repeated over the characters, with the one weight matrix W_hh
carried along (Graphviz, drawn by ``st.graphviz_chart``). ``step_table`` takes one position of a
text and shows, for a few units, the two sums a step adds (input part and recurrent part), the
gates and the new state, computed by ``core.rnn.cells`` from the model's own weights.
"""
from __future__ import annotations

import torch

from core.rnn import cells
from core.rnn.figures import shown
from core.rnn.model import CharRNN
from core.rnn.vocab import Vocab

EQUATIONS = {  # one step of each cell, as torch computes it (core.rnn.cells)
    "rnn": r"h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})",
    "gru": r"\begin{aligned} r_t &= \sigma(W_{ir} x_t + b_{ir} + W_{hr} h_{t-1} + b_{hr}) \\"
           r" z_t &= \sigma(W_{iz} x_t + b_{iz} + W_{hz} h_{t-1} + b_{hz}) \\"
           r" n_t &= \tanh(W_{in} x_t + b_{in} + r_t \odot (W_{hn} h_{t-1} + b_{hn})) \\"
           r" h_t &= (1 - z_t) \odot n_t + z_t \odot h_{t-1} \end{aligned}",
    "lstm": r"\begin{aligned} i_t &= \sigma(W_{ii} x_t + b_{ii} + W_{hi} h_{t-1} + b_{hi}) \qquad"
            r" f_t = \sigma(W_{if} x_t + b_{if} + W_{hf} h_{t-1} + b_{hf}) \\"
            r" g_t &= \tanh(W_{ig} x_t + b_{ig} + W_{hg} h_{t-1} + b_{hg}) \qquad"
            r" o_t = \sigma(W_{io} x_t + b_{io} + W_{ho} h_{t-1} + b_{ho}) \\"
            r" c_t &= f_t \odot c_{t-1} + i_t \odot g_t \qquad h_t = o_t \odot \tanh(c_t) \end{aligned}",
}
THEORY = (  # (text key, formula) pairs of the page's theory block
    ("rnn.theory.recurrence", r"h_t = \tanh(W_{xh} x_t + W_{hh} h_{t-1} + b), \qquad"
                              r"\hat y_t = \operatorname{softmax}(W_{hy} h_t)"),
    ("rnn.theory.gradient", r"\frac{\partial h_T}{\partial h_t} = \prod_{k=t+1}^{T} \operatorname{diag}(1 - h_k^2)\,"
                            r"W_{hh}, \qquad \Big\|\frac{\partial h_T}{\partial h_t}\Big\| \le"
                            r"\big(\sigma_{\max}(W_{hh})\big)^{T-t}"),
    ("rnn.theory.lstm", EQUATIONS["lstm"]),
    ("rnn.theory.bpc", r"\text{bpc} = -\frac{1}{T}\sum_t \log_2 p(x_{t+1} \mid x_{\le t}), \qquad"
                       r"p_i = \frac{\exp(s_i/\tau)}{\sum_j \exp(s_j/\tau)}"),
)


def dot(cell: str, chars: str, steps: int = 5) -> str:
    """Graphviz source: x_t → [cell] → h_t for ``steps`` characters; states flow right, weights shared."""
    name = cell.upper()
    carried = (lambda t: f"h{t}, c{t}") if cell == "lstm" else (lambda t: f"h{t}")  # noqa: E731
    lines = ["digraph { rankdir=BT; nodesep=0.5; node [fontname=Helvetica, fontsize=11];",
             'h0 [label="h₀ = 0", shape=plaintext];']
    previous = "h0"
    for t, ch in enumerate(chars[:steps], start=1):
        label = shown(ch).replace("\\", "\\\\").replace('"', '\\"')
        lines += [f'x{t} [label="x{t}\\n{label}", shape=box, style=rounded];',
                  f'c{t} [label="{name}\\nW_xh, W_hh, b", shape=box, style="filled", fillcolor="#dbe9f6"];',
                  f'y{t} [label="softmax\\nŷ{t}", shape=ellipse];',
                  f"x{t} -> c{t}; c{t} -> y{t} [label=\"h{t}\"];",
                  f'{previous} -> c{t} [label="{carried(t - 1)}", color="#d62728", penwidth=2];']
        previous = f"c{t}"
    shown_steps = min(steps, len(chars))
    lines.append("{rank=same; h0; " + " ".join(f"c{t};" for t in range(1, shown_steps + 1)) + "}")
    lines.append("}")
    return "\n".join(lines)


@torch.no_grad()
def step_table(model: CharRNN, vocab: Vocab, text: str, position: int, units: int = 6) -> dict[str, list]:
    """Columns for the first layer at ``position`` of ``text`` (0-based), first ``units`` units.

    ``W_ih x + b_ih`` and ``W_hh h + b_hh`` are shown per gate block, then each gate, ``c`` and ``h``.
    Checked in tests: the ``h`` column equals torch's first-layer output at that position.
    """
    cell = model.config.cell
    ids = vocab.encode(text[:position + 1])  # (t+1,)
    x = model.embed(ids)  # (t+1, E)
    weights = cells.LayerWeights.of(model.recurrent, 0)
    h = torch.zeros(1, model.config.hidden)
    c = torch.zeros(1, model.config.hidden) if cell == "lstm" else None
    for x_t in x[:-1]:
        out = cells.step(cell, weights, x_t[None], h, c)
        h, c = out.h, out.c
    h_before, c_before = h, c
    out = cells.step(cell, weights, x[-1][None], h, c)
    x_part = (x[-1] @ weights.w_ih.T + weights.b_ih).view(-1, model.config.hidden)  # (G, H)
    h_part = (h_before[0] @ weights.w_hh.T + weights.b_hh).view(-1, model.config.hidden)  # (G, H)
    names = cells.GATES[cell] or ("h",)
    columns: dict[str, list] = {"unit": list(range(units)), "h_{t-1}": h_before[0, :units].tolist()}
    if c_before is not None:
        columns["c_{t-1}"] = c_before[0, :units].tolist()
    for gate, xs, hs in zip(names, x_part, h_part):
        columns[f"W_i{gate} x + b"] = xs[:units].tolist()
        columns[f"W_h{gate} h + b"] = hs[:units].tolist()
    for gate, value in out.gates.items():
        columns[gate] = value[0, :units].tolist()
    if out.c is not None:
        columns["c_t"] = out.c[0, :units].tolist()
    columns["h_t"] = out.h[0, :units].tolist()
    return columns

"""Recurrent networks page timings: training steps per second per cell, and what a slider move costs.

Training: one Adam step (forward, backward, clipping, update) of the page's char-level model on
the English corpus, with torch's fused layer (``nn.RNN`` / ``nn.GRU`` / ``nn.LSTM``, what the page
trains) against the peer: the very same weights stepped by a plain Python loop over
``nn.RNNCell`` / ``nn.GRUCell`` / ``nn.LSTMCell``, same batches (the two losses are checked equal).
Sliders: the page through ``Home.py`` in AppTest (script run, as the server does it) with trained
models in the server-wide store: a rerun after moving the unit, the gate, the temperature, against a
rerun where nothing changed (the peer: the frame and the page's fixed part). Goal: under 100 ms.

    .venv/bin/python bench/bench_rnn.py [--steps 20] [--threads 1]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
from torch import nn  # noqa: E402

from core.rnn import corpora  # noqa: E402
from core.rnn import vocab as voc  # noqa: E402
from core.rnn.model import CELLS, CharRNN, ModelConfig, build  # noqa: E402
from core.rnn.train import TrainSettings, train_step  # noqa: E402

_CELL_OF = {"rnn": nn.RNNCell, "gru": nn.GRUCell, "lstm": nn.LSTMCell}


class LoopedCharRNN(nn.Module):
    """The peer: the same model with its recurrent layer stepped in Python, one ``nn.*Cell`` call per character."""

    def __init__(self, fused: CharRNN) -> None:
        super().__init__()
        config = fused.config
        self.cell_kind = config.cell
        self.embed = nn.Embedding(config.vocab_size, config.embedding)
        self.cell = _CELL_OF[config.cell](config.embedding, config.hidden)
        self.head = nn.Linear(config.hidden, config.vocab_size)
        self.embed.load_state_dict(fused.embed.state_dict())
        self.head.load_state_dict(fused.head.state_dict())
        self.cell.load_state_dict({name.removesuffix("_l0"): p for name, p in fused.recurrent.state_dict().items()})

    def forward(self, ids: torch.Tensor, state=None) -> tuple[torch.Tensor, None]:
        x = self.embed(ids)  # (B, T, E)
        h = torch.zeros(ids.shape[0], self.cell.hidden_size)
        c = torch.zeros_like(h)
        outputs = []
        for t in range(ids.shape[1]):
            if self.cell_kind == "lstm":
                h, c = self.cell(x[:, t], (h, c))
            else:
                h = self.cell(x[:, t], h)
            outputs.append(h)
        return self.head(torch.stack(outputs, dim=1)), None  # (B, T, V)


def bench_training(steps: int) -> None:
    settings = TrainSettings()
    text = corpora.english()
    vocab = voc.Vocab.of(text)
    data = vocab.encode(text)
    print(f"\n## Training steps per second (hidden {settings.hidden}, sequence {settings.seq_len}, "
          f"batch {settings.batch_size}, {torch.get_num_threads()} thread(s), {steps} steps, median of 3)")
    print(f"{'cell':<6}{'torch layer':>14}{'Python loop':>14}{'ratio':>8}{'same loss':>11}")
    for cell in CELLS:
        rates, first_losses = {}, {}
        for kind in ("fused", "loop"):
            fused = build(ModelConfig(len(vocab), cell, settings.hidden, 1, settings.embedding), settings.seed)
            model = fused if kind == "fused" else LoopedCharRNN(fused)
            optimizer = torch.optim.Adam(model.parameters(), lr=settings.lr)
            generator = torch.Generator().manual_seed(0)
            batches = [voc.batch(data, settings.batch_size, settings.seq_len, generator) for _ in range(steps + 2)]
            first_losses[kind] = train_step(model, optimizer, *batches[0], settings.clip)[0]
            train_step(model, optimizer, *batches[1], settings.clip)  # warm-up
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                for x, y in batches[2:]:
                    train_step(model, optimizer, x, y, settings.clip)
                runs.append(steps / (time.perf_counter() - start))
            rates[kind] = statistics.median(runs)
        same = abs(first_losses["fused"] - first_losses["loop"]) < 1e-4
        ratio = rates['fused'] / rates['loop']
        print(f"{cell:<6}{rates['fused']:>12.1f}/s{rates['loop']:>12.1f}/s{ratio:>8.2f}{str(same):>11}")


def bench_sliders(repeat: int) -> None:
    from streamlit.testing.v1 import AppTest

    from core.i18n import translate

    at = AppTest.from_file(str(ROOT / "Home.py"), default_timeout=600)
    at.query_params["steps"] = "50"  # the defaults otherwise (hidden 128, three cells): trained once, then shared
    at.run()
    at.switch_page("pages/rnn.py").run()
    at.button(key="rnn_train").click().run()
    while not any(r.key == "rnn_cell" for r in at.radio):
        time.sleep(0.5)
        at.run()

    def timed(change) -> float:
        times = []
        for i in range(repeat):
            change(i)
            start = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - start)
            assert not at.exception, [e.value for e in at.exception]
        return statistics.median(times) * 1e3

    print(f"\n## Server time per rerun, AppTest through Home.py (median of {repeat}, ms)")
    results = [("sample tab: nothing changed (peer)", timed(lambda i: None)),
               ("sample tab: temperature", timed(lambda i: at.slider(key="rnn_temp").set_value(0.5 + 0.05 * i)))]
    at.session_state["rnn_tab"] = translate("rnn.tab.memory", "en")
    at.run()
    results += [("memory tab: nothing changed (peer)", timed(lambda i: None)),
                ("memory tab: unit (rank)", timed(lambda i: at.slider(key="rnn_rank").set_value(1 + i))),
                ("memory tab: gate", timed(lambda i: at.radio(key="rnn_series").set_value("ifoch"[i % 5])))]
    at.session_state["rnn_tab"] = translate("rnn.tab.unrolled", "en")
    at.run()
    results.append(("unrolled tab: position", timed(lambda i: at.slider(key="rnn_pos").set_value(3 + i))))
    for name, ms in results:
        print(f"{name:<38}{ms:>8.1f}   {'under' if ms < 100 else 'OVER'} the 100 ms goal")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20, help="timed training steps per model")
    parser.add_argument("--repeat", type=int, default=9, help="reruns per slider")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (the app uses one per request)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    bench_training(args.steps)
    bench_sliders(args.repeat)


if __name__ == "__main__":
    main()

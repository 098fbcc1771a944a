"""all-MiniLM-L6-v2 (a 6-layer, 12-head BERT) loaded from the installed registry package.

Loaded once per server by the page (``st.cache_resource``): the one cache, so none here.

``attn_implementation="eager"`` matters: with the default SDPA kernel ``output_attentions=True``
silently returns no attention maps. Nothing here ever asks a model hub.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from transformers import AutoModel, AutoTokenizer, PreTrainedModel, PreTrainedTokenizerFast  # noqa: E402
from transformers.utils import logging as hf_logging  # noqa: E402

from core.assets import resolve  # noqa: E402
from core.device import device  # noqa: E402

MAX_TOKENS = 512  # the model's learned position embeddings stop here (incl. [CLS] and [SEP])


@dataclass(frozen=True)
class MiniLM:
    """The tokenizer and the frozen encoder, shared by every session."""

    tokenizer: PreTrainedTokenizerFast
    model: PreTrainedModel

    @property
    def layers(self) -> int:
        return self.model.config.num_hidden_layers

    @property
    def heads(self) -> int:
        return self.model.config.num_attention_heads


def load_minilm() -> MiniLM:
    """Load tokenizer and model from the package folder (verified by the asset registry).

    Every call loads anew: the app keeps one copy per server (the page's ``st.cache_resource``),
    the command line loads it once per run.
    """
    for asset_id in ("minilm-config", "minilm-tokenizer"):
        resolve(asset_id)
    folder = resolve("minilm-weights").parent
    hf_logging.disable_progress_bar()  # no "Loading weights" bar in the server log or the CLI
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    model = AutoModel.from_pretrained(folder, local_files_only=True, attn_implementation="eager")
    model = model.to(device()).eval().requires_grad_(False)
    return MiniLM(tokenizer, model)

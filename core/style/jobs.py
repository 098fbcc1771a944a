"""A Gatys optimisation as work for the one job mechanism (``core.jobs``).

The optimisation is a generator of ``Progress`` (``core.style.gatys``); here it becomes a
job's work: each step is reported as a ``GatysResult`` (the step with the settings it was made
with, for the cost chart, and the style image at the generated size, for the Gram-matrix view),
a Stop ends it after the current step, and the last one is the job's result.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image
from torch import Tensor

from core.jobs import JobControl
from core.style.gatys import GatysConfig, Progress, optimise
from core.style.images import fit_side
from core.tensors import to_tensor
from core.style.vgg import FeatureNet


@dataclass(frozen=True)
class GatysResult:
    """An optimisation so far: its settings, the style image as optimised against, and the last step."""

    config: GatysConfig
    style: Tensor  # (1, 3, H, W) in [0, 1]
    last: Progress | None  # None when stopped before the first step


def gatys_work(net: FeatureNet, content: Image.Image, style: Image.Image,
               config: GatysConfig) -> Callable[[JobControl[GatysResult]], GatysResult]:
    """The job's work; settings beyond the server's caps are refused now, before it queues."""
    config.check()

    def work(control: JobControl[GatysResult]) -> GatysResult:
        result = GatysResult(config, to_tensor(fit_side(style, config.size, 1)), None)
        for progress in optimise(net, content, style, config):
            result = GatysResult(config, result.style, progress)
            control.report(result)
            if control.stopped:
                break
        return result
    return work

"""The style transfer page's settings as link parameters (``core.url_state``).

Photos are never in a link (uploads are the reader's); the settings of each mode are. VGG layers
offered in a link are those of the offline VGG16, which the larger VGG19 also has.
"""
from __future__ import annotations

from core.settings import LIMITS
from core.style import arbitrary, fast
from core.style.gatys import INITS, OPTIMIZERS
from core.style.vgg import DEFAULT_CONTENT_LAYER, DEFAULT_STYLE_LAYERS
from core.url_state import Param

MODES = ("fast", "arbitrary", "gatys")
BETAS = ("1", "3", "10", "30", "100", "300", "1000", "10000")  # β offered (strings: a select slider's options)
VGG16_RELU = tuple(f"relu{block}_{index}" for block, count in enumerate((2, 2, 3, 3, 3), 1)
                   for index in range(1, count + 1))


def side_param(key: str, name: str, default: int) -> Param:
    return Param(key, name, min(default, LIMITS.max_style_size), low=64, high=LIMITS.max_style_size)


PARAMS: list[Param] = [
    Param("style_mode", "mode", MODES[0], options=MODES),
    Param("style_keep_colours", "colours", False),
    Param("style_fast_index", "style", 18, low=0, high=fast.NUM_STYLES - 1),
    Param("style_fast_blend", "blend", False),
    Param("style_fast_second", "style2", 6, low=0, high=fast.NUM_STYLES - 1),
    Param("style_fast_share", "mix2", 0.5, low=0.0, high=1.0),
    side_param("style_fast_side", "size", 512),
    Param("style_fast_strength", "strength", 1.0, low=0.0, high=1.0),
    Param("style_arb_other", "with", "own", options=("own", "second")),
    Param("style_arb_mix", "t", 1.0, low=0.0, high=1.0),
    side_param("style_arb_side", "asize", arbitrary.CONTENT_SIDE),
    Param("style_g_content_layer", "content", DEFAULT_CONTENT_LAYER, options=VGG16_RELU),
    Param("style_g_style_layers", "layers", DEFAULT_STYLE_LAYERS, options=VGG16_RELU),
    *(Param(f"style_g_w_{layer}", f"w.{layer}", 1.0, low=0.0, high=1.0) for layer in VGG16_RELU),
    Param("style_g_alpha", "alpha", 1.0, low=0.0, high=100.0),
    Param("style_g_beta", "beta", "30", options=BETAS),
    Param("style_g_optimizer", "opt", OPTIMIZERS[0], options=OPTIMIZERS),
    Param("style_g_lr", "lr", 0.02, low=0.005, high=0.1),
    Param("style_g_init", "init", INITS[0], options=INITS),
    side_param("style_g_size", "gsize", 192),
    Param("style_g_steps", "steps", min(60, LIMITS.max_style_steps), low=5, high=LIMITS.max_style_steps),
]

"""The values the Activations page offers on its select sliders, and its one-click presets.

Presets are widget values by key (what the page's buttons write into the session): the classic
vanishing and exploding set-ups and their fixes, and a network that overfits a small noisy set.
"""
from __future__ import annotations

LR_CHOICES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
L2_CHOICES = [0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
STD_CHOICES = [0.001, 0.003, 0.01, 0.03, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0]
WIDTH_CHOICES = [16, 32, 64, 128, 256, 512]

DEPTH_PRESETS = {
    "vanishing": {"act_depth_act": "sigmoid", "act_depth_init": "small", "act_depth_bn": False},
    "exploding": {"act_depth_act": "relu", "act_depth_init": "custom", "act_depth_std": 0.2, "act_depth_bn": False},
    "he": {"act_depth_act": "relu", "act_depth_init": "he", "act_depth_bn": False},
    "xavier": {"act_depth_act": "tanh", "act_depth_init": "xavier", "act_depth_bn": False},
}
PRESET_MIN_DEPTH = 20  # a preset deepens the network to at least this, so the effect shows
OVERFIT = {"act_pg_dataset": "circles", "act_pg_points": 100, "act_pg_noise": 0.2, "act_pg_train": 30,
           "act_pg_layers": 4, "act_pg_neurons": 64, "act_pg_l2": 0.0, "act_pg_dropout": 0.0, "act_pg_opt": "adam",
           "act_pg_lr": 0.01, "act_pg_bn": False, "act_pg_act": "relu"}


def depth_preset(name: str, depth: int) -> dict:
    """The widget values preset ``name`` sets, the network ``depth`` raised to PRESET_MIN_DEPTH."""
    return {**DEPTH_PRESETS[name], "act_depth_depth": max(depth, PRESET_MIN_DEPTH)}

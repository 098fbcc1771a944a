"""Settings in the URL: defaults left out, links read back, bad values ignored."""
from __future__ import annotations

import pytest

from core.url_state import Param, from_query, to_query

PARAMS = [
    Param("det_conf", "conf", 0.25, low=0.0, high=1.0),
    Param("det_size", "size", 416, low=128, high=1024),
    Param("det_mode", "mode", "letterbox", options=("letterbox", "stretch", "crop")),
    Param("det_grid", "grid", False),
    Param("opt_racers", "racers", ("sgd", "adam"), options=("sgd", "momentum", "adam", "rmsprop")),
    Param("att_text", "text", "The animal didn't cross the street", max_len=50),
]
DEFAULTS = {p.key: p.default for p in PARAMS}


def test_defaults_are_left_out_of_the_link() -> None:
    assert to_query(PARAMS, DEFAULTS) == {}


def test_changed_values_round_trip() -> None:
    changed = {"det_conf": 0.4, "det_size": 608, "det_mode": "crop", "det_grid": True,
               "opt_racers": ("momentum", "rmsprop", "adam"), "att_text": "它 累 了"}
    query = to_query(PARAMS, {**DEFAULTS, **changed})
    assert query == {"conf": "0.4", "size": "608", "mode": "crop", "grid": "1", "racers": "momentum~rmsprop~adam",
                     "text": "它 累 了"}
    assert from_query(PARAMS, query) == changed


@pytest.mark.parametrize("name, text", [
    ("conf", "1.5"), ("conf", "nan"), ("conf", "abc"), ("size", "0.5"), ("size", "99999"),
    ("mode", "fisheye"), ("grid", "yes"), ("racers", "sgd~lion"), ("text", "x" * 51),
])
def test_malformed_or_out_of_range_values_are_ignored(name: str, text: str) -> None:
    assert from_query(PARAMS, {name: text}) == {}


def test_unknown_names_are_ignored_and_good_ones_kept() -> None:
    assert from_query(PARAMS, {"lang": "zh", "zoom": "3", "conf": "0.1"}) == {"det_conf": 0.1}


def test_a_number_with_options_must_be_one_of_them() -> None:
    """A select slider's value must be one of its options (input sizes are multiples of 32)."""
    size = Param("det_size", "size", 416, options=(320, 352, 384, 416))
    assert from_query([size], {"size": "352"}) == {"det_size": 352}
    assert from_query([size], {"size": "330"}) == {}


STEPS = Param("opt_lr", "lr", 0.001, options=(1e-5, 1.5e-5, 0.0003, 0.001, 0.3, 1.0, 7.0))
RANGE = Param("act_range", "range", (-5.0, 5.0), low=-20.0, high=20.0)


def test_select_slider_steps_and_range_ends_round_trip() -> None:
    values = {"opt_lr": 1.5e-5, "act_range": (-10.0, 2.5)}
    query = to_query([STEPS, RANGE], values)
    assert query == {"lr": "1.5e-05", "range": "-10.0~2.5"}
    assert from_query([STEPS, RANGE], query) == values


@pytest.mark.parametrize("param, text", [
    (STEPS, "0.002"), (STEPS, "1e9"), (RANGE, "-5.0"), (RANGE, "-30~1"), (RANGE, "a~b"), (RANGE, "1~2~3"),
])
def test_numbers_off_the_steps_or_out_of_range_are_ignored(param: Param, text: str) -> None:
    assert from_query([param], {param.name: text}) == {}


def test_text_too_long_for_a_link_is_left_out() -> None:
    text = Param("att_text", "text", "short", max_len=10)
    assert to_query([text], {"att_text": "x" * 11}) == {}
    assert to_query([text], {"att_text": "x" * 10}) == {"text": "x" * 10}

"""The playground's play / pause / step / reset rules, over one session's state mapping (no streamlit).

The page keeps a session's ``Playground`` and its flags in ``st.session_state`` and redraws on a timer
(a fragment) while playing. These functions are the whole state machine, written against a plain
mapping so a test drives them with a dict: a new network when the data or the network changed, the
same one otherwise; buttons only set flags; a timer built for the other state asks for a full rerun,
so a late tick never trains; playing stops at ``MAX_STEPS``.
"""
from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

from core.activations.playground import MAX_STEPS, Playground

RUN, KEY, PLAYING, TIMER, SEED = "act_pg", "act_pg_key", "act_pg_playing", "act_pg_timer", "act_pg_seed"
DRAWN = "act_pg_drawn"  # (playground id, steps, language) and what was drawn for it


def seed(state: MutableMapping[str, Any]) -> int:
    """The initialisation seed of the next network (reset draws a new one)."""
    return state.get(SEED, 0)


def current(state: MutableMapping[str, Any], key: tuple, build: Callable[[], Playground], lr: float,
            l2: float) -> Playground:
    """The session's playground: ``build()`` when ``key`` (data + network) changed, else the running one.

    Learning rate and L2 apply to the running network at once: they change training, not the network.
    """
    if state.get(KEY) != key:
        state[RUN] = build()
        state[KEY] = key
    playground: Playground = state[RUN]
    playground.set_hyper(lr, l2)
    return playground


def playing(state: MutableMapping[str, Any]) -> bool:
    return state.get(PLAYING, False)


def set_playing(state: MutableMapping[str, Any], value: bool) -> None:
    state[PLAYING] = value


def reset(state: MutableMapping[str, Any]) -> None:
    """A fresh network with a new random initialisation, paused."""
    state[SEED] = seed(state) + 1
    state[PLAYING] = False
    state.pop(KEY, None)


def arm_timer(state: MutableMapping[str, Any]) -> bool:
    """Note and return whether the page's timer runs: it does while playing."""
    state[TIMER] = playing(state)
    return state[TIMER]


def needs_full_rerun(state: MutableMapping[str, Any]) -> bool:
    """True when the timer was built for the other state, or the network was dropped (reset)."""
    return playing(state) != state.get(TIMER, False) or KEY not in state


def frame(state: MutableMapping[str, Any], steps: int, stepped: bool) -> bool:
    """One frame: train ``steps`` steps when playing or when Step was pressed; True when it just hit MAX_STEPS."""
    playground: Playground = state[RUN]
    if stepped or playing(state):
        playground.train(steps)
    if playground.steps >= MAX_STEPS:
        state[PLAYING] = False
        return True
    return False


def drawn(state: MutableMapping[str, Any], lang: str, draw: Callable[[Playground, str], Any]) -> Any:
    """``draw(playground, lang)``, redone only when training moved the playground on, or it is a new one.

    A rerun that trains nothing (paused, a slider elsewhere on the page) reuses the last drawing.
    """
    playground: Playground = state[RUN]
    key = (id(playground), playground.steps, lang)
    if state.get(DRAWN, (None,))[0] != key:
        state[DRAWN] = (key, draw(playground, lang))
    return state[DRAWN][1]

"""The app's side of the model server: POST ``.npz`` to ``DLVL_SERVE_ADDRESS/<route>``, nothing more.

Plain urllib, so an app replica never imports Ray. ``remote_or_local`` is the one switch the
core functions use: with no address configured it runs the in-process pass; with one, it asks
the server and, if the server cannot be reached, either says so clearly (a ``UserError`` the
page translates) or, with ``DLVL_SERVE_FALLBACK=1``, runs in-process after all.
"""
from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from core.errors import UserError
from core.serve.config import serve_config
from core.serve.wire import pack, unpack

T = TypeVar("T")
Arrays = dict[str, np.ndarray]
log = logging.getLogger(__name__)


class ServeUnavailable(Exception):
    """The model server did not answer (down, unreachable, timed out, or failed inside)."""


def call(route: str, arrays: Arrays, params: dict[str, Any] | None = None) -> Arrays:
    """One request to ``route`` (e.g. ``detect``, ``style/fast``); the server's arrays back."""
    config = serve_config()
    request = urllib.request.Request(f"{config.address}/{route}", data=pack(arrays, params), method="POST",
                                     headers={"Content-Type": "application/octet-stream"})
    try:
        with urllib.request.urlopen(request, timeout=config.timeout_s) as response:
            return unpack(response.read())[0]
    except urllib.error.HTTPError as error:
        if error.code == 422:  # bad input, found by the server: the same message the in-process path gives
            body = json.loads(error.read().decode("utf-8"))
            raise UserError(body["key"], **body["params"]) from None
        raise ServeUnavailable(f"{route}: HTTP {error.code}") from error
    except (urllib.error.URLError, OSError) as error:
        raise ServeUnavailable(f"{route}: {error}") from error


def remote_or_local(route: str, request: Callable[[], tuple[Arrays, dict[str, Any]]],
                    decode: Callable[[Arrays], T], local: Callable[[], T]) -> T:
    """The pass's answer from the model server when one is configured, else (or as fallback) ``local()``.

    ``request()`` builds the arrays and parameters to send, only when they are sent.
    """
    config = serve_config()
    if not config.enabled:
        return local()
    try:
        return decode(call(route, *request()))
    except ServeUnavailable as error:
        if config.fallback:
            log.warning("model server unavailable (%s): running in-process", error)
            return local()
        raise UserError("serve.err.unavailable", address=config.address) from error

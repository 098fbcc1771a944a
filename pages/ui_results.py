"""Results to take away: charts whose toolbar exports a PNG, tables as CSV, images as PNG.

Every download is deferred: the button holds a callable that Streamlit runs only when the reader clicks it.
Encoding on every rerun cost a classroom server more than any network pass (bench/load.py: a fifth of its
CPU went to PNGs nobody downloaded).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from PIL import Image

from core.image_input import png_bytes
from pages.ui import tr


CHART_FORMATS = ("png", "svg")  # what plotly's own toolbar export writes; the reader picks one in the sidebar


def chart(figure: Any, key: str, container: Any = st, **kwargs: Any) -> Any:
    """A plotly chart whose toolbar camera downloads it, named after the chart, as PNG or SVG (the
    reader's choice of ``chart_format``, in the sidebar of every page).

    ``kwargs`` go to ``st.plotly_chart`` (``on_select``, ``width``…); the result is its return value.
    """
    chosen = st.session_state.get("chart_format", CHART_FORMATS[0])
    export = {"format": chosen if chosen in CHART_FORMATS else CHART_FORMATS[0], "filename": key, "scale": 2}
    return container.plotly_chart(figure, key=key, config={"displaylogo": False, "toImageButtonOptions": export},
                                  **kwargs)


def download_csv(table: Any, file_name: str, key: str, container: Any = st) -> None:
    """A table (pandas DataFrame, or a dict of equal-length columns) as a UTF-8 CSV download."""
    def csv_bytes() -> bytes:
        frame = table if isinstance(table, pd.DataFrame) else pd.DataFrame(table)
        return frame.to_csv(index=False).encode("utf-8-sig")

    download_bytes(tr("ui.download_csv"), csv_bytes, file_name, "text/csv", key, container)


def download_png(image: Image.Image, file_name: str, key: str, container: Any = st) -> None:
    """An image result as a PNG download."""
    download_bytes(tr("ui.download_png"), lambda: png_bytes(image), file_name, "image/png", key, container)


def download_bytes(label: str, make: Callable[[], bytes], file_name: str, mime: str, key: str,
                   container: Any = st) -> None:
    """A download button whose bytes ``make()`` builds when it is clicked, not on every rerun."""
    container.download_button(label, make, file_name=file_name, mime=mime, key=key, icon=":material/download:",
                              on_click="ignore")



"""Results to take away: charts whose toolbar exports a PNG, tables as CSV, images as PNG."""
from __future__ import annotations

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
    frame = table if isinstance(table, pd.DataFrame) else pd.DataFrame(table)
    container.download_button(tr("ui.download_csv"), frame.to_csv(index=False).encode("utf-8-sig"),
                              file_name=file_name, mime="text/csv", key=key, icon=":material/download:")


def download_png(image: Image.Image, file_name: str, key: str, container: Any = st) -> None:
    """An image result as a PNG download."""
    container.download_button(tr("ui.download_png"), png_bytes(image), file_name=file_name, mime="image/png",
                              key=key, icon=":material/download:")



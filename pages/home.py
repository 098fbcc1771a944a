"""Home: what the lab is, a card per page, the device and the status of every model and data set."""
from __future__ import annotations

import streamlit as st

from core.assets.registry import INSTALL_COMMAND
from pages.catalog import PAGES
from pages.serving import FrameTexts, frame_texts
from pages.ui import lang, page_title, tr


def show_assets(texts: FrameTexts) -> None:
    if texts.missing:
        st.warning(tr("home.assets_missing", missing=texts.missing, count=texts.assets, command=INSTALL_COMMAND))
    else:
        st.success(tr("home.assets_ok", count=texts.assets))
    with st.expander(tr("home.models")):
        st.dataframe(texts.table, hide_index=True)


def main() -> None:
    page_title("app.title")
    st.markdown(f"**{tr('app.tagline')}**")
    st.markdown(tr("home.intro"))
    for section, pages in PAGES.items():
        st.subheader(tr(section))
        columns = st.columns(len(pages))
        for column, (page_id, icon) in zip(columns, pages):
            with column.container(border=True):
                st.markdown(f"**{tr(f'page.{page_id}')}**")
                st.caption(tr(f"blurb.{page_id}"))
                st.page_link(f"pages/{page_id}.py", label=tr("home.open"), icon=icon)
    st.divider()
    texts = frame_texts(lang())
    st.caption(texts.device)
    show_assets(texts)


main()

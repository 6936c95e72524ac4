"""Overview: the corpus at a glance, the article table (opens the Reader), the stance map, uploads."""

import streamlit as st

from ui import components, views
from ui.components import setup_page

page = setup_page("overview")
st.title(page.t("overview.title"))
st.caption(page.t("overview.caption"))

articles = page.frames.articles
n = views.counts(articles)
total = len(page.corpus.articles)
cols = st.columns(4)
cols[0].metric(page.t("overview.articles"), f"{n['articles']} / {total}" if n["articles"] != total else total)
cols[1].metric(page.t("overview.authors"), n["authors"])
cols[2].metric(page.t("overview.sources"), n["sources"])
cols[3].metric(page.t("overview.dates"),
               f"{n['first']} – {n['last']}" if n["first"] else page.t("overview.undated"))


def _open_selected(ids: list[str], key: str) -> None:
    rows = st.session_state[key].selection.rows
    if rows:
        st.session_state["_open_article"] = ids[rows[0]]
        st.session_state["_overview_table_n"] = st.session_state.get("_overview_table_n", 0) + 1


if "_open_article" in st.session_state:
    st.switch_page("pages/reader.py", query_params=page.url(article=st.session_state.pop("_open_article")))

st.subheader(page.t("overview.table"))
if articles.empty:
    st.info(page.t("empty.filtered") if total else page.t("empty.corpus"))
else:
    st.caption(page.t("overview.table_help"))
    table = views.article_table(articles, page.lang)
    key = f"overview_table_{st.session_state.get('_overview_table_n', 0)}"
    ids = list(articles["article_id"])
    st.dataframe(table, key=key, on_select=lambda: _open_selected(ids, key), selection_mode="single-row",
                 hide_index=True, width="stretch")
    components.download_csv(page, views.stance_table(articles), "articles", "overview_table_csv")

    st.subheader(page.t("overview.map"))
    components.chart(page, "stance_map", (articles, page.subtitle), views.stance_table(articles),
                     "stance-map", "overview_map")

st.subheader(page.t("overview.upload"))
files = st.file_uploader(page.t("overview.upload_label"), accept_multiple_files=True, key="overview_upload")
if files:
    try:
        results, added = components.save_uploads(files, page.lang)
    except ImportError as exc:
        st.warning(page.t("overview.upload_unavailable", error=exc))
    else:
        st.dataframe(results, hide_index=True, width="stretch", key="overview_upload_results")
        if added:
            st.rerun()

if not page.corpus.rejected.empty:
    st.subheader(page.t("overview.rejected"))
    st.caption(page.t("overview.rejected_help"))
    st.dataframe(components.rejected_table(page.corpus.rejected, page.folders, page.lang), hide_index=True,
                 width="stretch", key="overview_rejected")

"""Keywords: top terms compared, term × article heatmap, word clouds, distinctive terms, KWIC."""

import streamlit as st

from ui import cache, components, views
from ui.components import setup_page

page = setup_page("keywords")
st.title(page.t("keywords.title"))
st.caption(page.t("keywords.caption"))
page.require_articles()
frames, articles = page.frames, page.frames.articles
titles = views.titles(articles)
key = (page.folders, page.signature)
ids = tuple(titles)

n = st.slider(page.t("keywords.n"), 5, 50, 20, step=5, key="keywords_n")
top = views.top_terms_table(frames.terms, frames.surfaces, articles, n)
st.subheader(page.t("keywords.top"))
components.chart(page, "term_bars", (frames.terms, frames.surfaces, articles, n, page.subtitle), top,
                 "top-terms", "keywords_bars")
st.subheader(page.t("keywords.heatmap"))
components.chart(page, "term_heatmap", (frames.terms, frames.surfaces, articles, n, page.subtitle), top,
                 "term-heatmap", "keywords_heatmap")

st.subheader(page.t("keywords.cloud"))
scope = st.selectbox(page.t("keywords.cloud_scope"), ["*", *titles],
                     format_func=lambda a: page.t("keywords.all_filtered") if a == "*" else titles[a],
                     key="keywords_cloud")
cloud_ids = ids if scope == "*" else (scope,)
try:
    png = cache.wordcloud(*key, cloud_ids)
except Exception as exc:  # e.g. no CJK font installed: say so, keep the page
    st.warning(page.t("keywords.cloud_error", error=exc))
else:
    if png is None:
        st.info(page.t("keywords.cloud_empty"))
    else:
        st.image(png, width="stretch")
        st.download_button(page.t("download.png"), lambda: cache.wordcloud(*key, cloud_ids, scale=3),
                           file_name=f"{components.file_name('wordcloud')}.png",
                           mime="image/png", key="keywords_cloud_png", icon=":material/download:")

st.subheader(page.t("keywords.distinctive"))
st.caption(page.t("keywords.distinctive_help"))
by_col, group_col = st.columns([2, 3])
by = by_col.radio(page.t("keywords.group_by"), views.GROUP_KINDS, format_func=lambda k: page.t(f"keywords.by.{k}"),
                  key="keywords_group_by", horizontal=True)
groups = views.groups(articles, by)
names = views.group_names(groups, by, titles, page.lang)
group = group_col.selectbox(page.t("keywords.group"), list(groups), format_func=names.get, key="keywords_group")
if group is None or len(groups[group]) == len(articles):
    st.info(page.t("keywords.no_rest"))
else:
    members = set(groups[group])
    scores = cache.distinctive(*key, groups[group], tuple(a for a in ids if a not in members))
    components.chart(page, "distinctive_bars",
                     (scores, frames.surfaces, n, page.subtitle, names[group], page.t("keywords.rest"),
                      len(articles)),
                     scores.assign(display=scores["term"].map(lambda k: frames.surfaces.get(k, k))),
                     f"distinctive-{by}", "keywords_distinctive")

st.subheader(page.t("keywords.kwic"))
default = top["display"].iloc[0] if not top.empty else ""
term = st.text_input(page.t("keywords.term"), value=default, key="keywords_term", max_chars=50).strip()
if term:
    lines = cache.kwic_lines(*key, ids, term)
    if lines.empty:
        st.info(page.t("keywords.kwic_none", term=term))
    else:
        st.caption(page.t("keywords.kwic_count", n=len(lines), k=lines["article_id"].nunique()))
        table = views.kwic_table(lines, articles, page.lang)
        st.dataframe(table, hide_index=True, width="stretch", key="keywords_kwic",
                     column_config=views.kwic_columns(page.lang))
        components.download_csv(page, lines, f"kwic-{term}", "keywords_kwic_csv")

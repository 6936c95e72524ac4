"""Stance: both axes across articles, the evidence behind each score, stance through an article."""

import streamlit as st

from ui import components, views
from ui.components import setup_page
from ui.i18n import axis_label, stance_label

page = setup_page("stance")
st.title(page.t("stance.title"))
st.caption(page.t("stance.caption"))
page.require_articles()
articles, sentences = page.frames.articles, page.frames.sentences
titles = views.titles(articles)
ids = list(titles)

st.subheader(page.t("stance.across"))
for axis in ("china", "agi"):
    components.chart(page, "stance_bars", (articles, axis, page.subtitle), views.stance_table(articles),
                     f"stance-{axis}", f"stance_bars_{axis}")

st.subheader(page.t("stance.evidence"))
st.caption(page.t("stance.evidence_help"))
pick, axis_pick = st.columns([3, 1])
article = pick.selectbox(page.t("choose_article"), ids, format_func=titles.get, key="stance_article")
axis = axis_pick.radio(page.t("axis.label"), ("china", "agi"), format_func=lambda a: axis_label(a, page.lang),
                       key="stance_axis", horizontal=True)
rows = views.evidence(sentences, article, axis)
row = articles.set_index("article_id").loc[article]
st.markdown(f"**{axis_label(axis, page.lang)}: {stance_label(row[axis + '_label'], page.lang)}** "
            f"({row[axis + '_score']:+.2f})")
if rows.empty:
    st.info(page.t("stance.no_evidence"))
else:
    shown = rows.head(12)
    st.caption(page.t("stance.shown", n=len(shown), total=len(rows)))
    st.markdown(components.evidence_html(shown, axis, page.lang), unsafe_allow_html=True)
    components.download_csv(page, views.evidence_table(rows, axis), f"evidence-{axis}-{article}", "stance_evidence_csv")

st.subheader(page.t("stance.trajectory"))
components.chart(page, "stance_trajectory", (sentences, axis, page.subtitle, titles),
                 sentences[["article_id", "index", "text", axis, f"{axis}_score"]], f"trajectory-{axis}",
                 "stance_trajectory")

st.subheader(page.t("stance.compare"))
a_col, b_col = st.columns(2)
pair = (
    a_col.selectbox(page.t("stance.left"), ids, format_func=titles.get, key="stance_left"),
    b_col.selectbox(page.t("stance.right"), ids, index=min(1, len(ids) - 1), format_func=titles.get,
                    key="stance_right"),
)
for column, article_id in zip((a_col, b_col), pair):
    with column:
        meta = articles.set_index("article_id").loc[article_id]
        st.markdown(f"#### {components.md_text(meta['title'])}")
        st.caption(components.md_text(views.byline(meta)) or page.t("reader.no_byline"))
        for ax in ("china", "agi"):
            st.metric(axis_label(ax, page.lang), stance_label(meta[f"{ax}_label"], page.lang),
                      f"{meta[f'{ax}_score']:+.2f}", delta_color="off", delta_arrow="off")
            top = views.evidence(sentences, article_id, ax).head(3)
            if not top.empty:
                st.markdown(components.evidence_html(top, ax, page.lang), unsafe_allow_html=True)

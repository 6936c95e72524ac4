"""Reader: one article, clean text with metadata, topic tags and stance-bearing sentences highlighted."""

import streamlit as st

from ui import components, views
from ui.components import setup_page
from ui.i18n import axis_label, stance_label

page = setup_page("reader", keep=("article",))
st.title(page.t("reader.title"))
st.caption(page.t("reader.caption"))
corpus = page.corpus
if corpus.articles.empty:
    st.info(page.t("empty.corpus"))
    st.stop()

article = components.choose_article(page, key="reader_article")
if article is None:
    st.info(page.t("empty.filtered"))
    st.stop()
if article not in set(page.frames.articles["article_id"]):
    st.info(page.t("reader.outside"))

meta = corpus.articles.set_index("article_id").loc[article]
st.header(components.md_text(meta["title"]), anchor=False)
st.caption(" · ".join(x for x in (components.md_text(views.byline(meta)),
                                  meta["title_derived"] and page.t("reader.title_derived")) if x)
           or page.t("reader.no_byline"))
cols = st.columns(2)
for column, axis in zip(cols, ("china", "agi")):
    column.metric(axis_label(axis, page.lang), stance_label(meta[f"{axis}_label"], page.lang),
                  f"{meta[f'{axis}_score']:+.2f}", delta_color="off", delta_arrow="off")
topic_ids = views.article_topics(corpus.topics, article)
tags = " ".join(f":blue-badge[{components.md_text(page.topic_names.get(x, x))}]" for x in topic_ids) or page.t("reader.no_topics")
st.markdown(f"**{page.t('reader.topics')}:** {tags}")
with st.expander(page.t("reader.meta.file")):
    st.dataframe(views.metadata_table(meta, page.lang), hide_index=True, width="stretch", key="reader_meta")

axis = st.radio(page.t("reader.highlight"), ("both", "china", "agi"), horizontal=True, key="reader_axis",
                format_func=lambda a: page.t("reader.both") if a == "both" else axis_label(a, page.lang))
st.markdown(components.legend_html(page.lang, axis), unsafe_allow_html=True)
sentences = corpus.sentences[corpus.sentences["article_id"] == article]
st.markdown(components.article_html(sentences, axis, page.lang), unsafe_allow_html=True)

if st.toggle(page.t("reader.removed"), key="reader_removed"):
    removed = corpus.removed.get(article, [])
    if removed:
        st.dataframe(views.removed_table(removed, page.lang), hide_index=True, width="stretch",
                     key="reader_removed_table")
    else:
        st.caption(page.t("reader.removed_none"))

"""Topics: article × topic coverage, what each article says about a topic, stance by topic."""

import streamlit as st

from ui import components, views
from ui.components import setup_page
from ui.i18n import axis_label

DRILL_ARTICLES = 15  # articles whose sentences are printed; the CSV download has them all

page = setup_page("topics")
st.title(page.t("topics.title"))
st.caption(page.t("topics.caption"))
page.require_articles()
articles, sentences, topics = page.frames.articles, page.frames.sentences, page.frames.topics
titles = views.titles(articles)
names = page.topic_names

st.subheader(page.t("topics.heatmap"))
components.chart(page, "topic_heatmap", (topics, articles, names, page.subtitle),
                 views.coverage_table(topics, articles, names), "topic-coverage", "topics_heatmap")

st.subheader(page.t("topics.drill"))
topic = st.selectbox(page.t("topics.choose"), list(names), format_func=names.get, key="topics_topic")
rows = views.topic_sentences(sentences, topic)
shown = views.busiest_articles(rows, DRILL_ARTICLES)
if len(shown) < rows["article_id"].nunique():
    st.caption(page.t("topics.drill_capped", shown=len(shown), total=rows["article_id"].nunique()))
by_article = dict(tuple(rows[rows["article_id"].isin(shown)].groupby("article_id", sort=False)))
for article_id in shown:
    said = by_article[article_id]
    st.markdown(f"**{components.md_text(titles[article_id])}** — {page.t('topics.sentences', n=len(said))}")
    st.markdown(components.stance_sentences_html(said, page.lang), unsafe_allow_html=True)
touching = set(rows["article_id"])
silent = [titles[a] for a in titles if a not in touching]
if silent:
    st.caption(page.t("topics.silent", n=len(silent), titles=components.md_text("; ".join(silent[:20])) + ("…" if len(silent) > 20 else "")))
if not rows.empty:
    components.download_csv(page, rows[["article_id", "index", "text", "china", "china_score", "agi", "agi_score"]],
                            f"topic-{topic}-sentences", "topics_sentences_csv")

st.subheader(page.t("topics.matrix"))
axis = st.radio(page.t("axis.label"), ("china", "agi"), format_func=lambda a: axis_label(a, page.lang),
                key="topics_axis", horizontal=True)
components.chart(page, "stance_by_topic", (topics, names, axis, page.subtitle, titles),
                 views.topic_stance_table(topics, axis, names), f"stance-by-topic-{axis}", "topics_matrix")

"""Pure table shaping for the pages (no Streamlit): what each table or chart shows, in plain pandas."""

from __future__ import annotations

import pandas as pd

from ui.i18n import stance_label, t


def article_table(articles: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the Overview table: title, authors, source, date and both stance labels (translated)."""
    dash = "—"
    table = pd.DataFrame({
        t("col.title", lang): articles["title"],
        t("col.authors", lang): articles["authors_display"].replace("", None).fillna(dash),
        t("col.source", lang): articles["source"].fillna(dash),
        t("col.date", lang): articles["date"].dt.strftime("%Y-%m-%d").fillna(dash),
        t("col.china", lang): articles["china_label"].map(lambda x: stance_label(x, lang)),
        t("col.agi", lang): articles["agi_label"].map(lambda x: stance_label(x, lang)),
    })
    return table.reset_index(drop=True)


def stance_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Return the data behind the stance charts (one row per article)."""
    return articles[["article_id", "title", "authors_display", "source", "date",
                     "china_label", "china_score", "agi_label", "agi_score"]].reset_index(drop=True)


def counts(articles: pd.DataFrame) -> dict:
    """Return the corpus counts of the Overview: articles, authors, sources, first and last date."""
    dates = articles["date"].dropna()
    return {
        "articles": len(articles),
        "authors": len({a for names in articles["authors"] for a in names if a}),
        "sources": articles["source"].dropna().nunique(),
        "first": dates.min().date() if not dates.empty else None,
        "last": dates.max().date() if not dates.empty else None,
    }


def titles(articles: pd.DataFrame, width: int = 60) -> dict[str, str]:
    """Map article id to a short display title (for selectboxes)."""
    def short(title: str) -> str:
        return title if len(title) <= width else title[: width - 1] + "…"

    return {row.article_id: short(str(row.title)) for row in articles.itertuples()}


def evidence(sentences: pd.DataFrame, article_id: str, axis: str) -> pd.DataFrame:
    """Return an article's stance-bearing sentences on `axis`, strongest first (then in reading order)."""
    rows = sentences[(sentences["article_id"] == article_id) & (sentences[axis] != "none")].copy()
    rows["_strength"] = rows[f"{axis}_score"].abs()
    rows = rows.sort_values(["_strength", "index"], ascending=[False, True], kind="mergesort")
    return rows.drop(columns="_strength").reset_index(drop=True)


def evidence_table(rows: pd.DataFrame, axis: str) -> pd.DataFrame:
    """Return evidence sentences as a download table."""
    return rows[["article_id", "index", "text", axis, f"{axis}_score", f"cues_{axis}"]].rename(
        columns={axis: "label", f"{axis}_score": "score", f"cues_{axis}": "cues"})


def topic_sentences(sentences: pd.DataFrame, topic_id: str) -> pd.DataFrame:
    """Return the sentences that touch a topic, in reading order within each article."""
    mask = sentences["topics"].map(lambda ids: topic_id in ids)
    return sentences[mask].sort_values(["article_id", "index"]).reset_index(drop=True)


def busiest_articles(rows: pd.DataFrame, limit: int) -> list[str]:
    """Return the ids of the `limit` articles with the most rows, most first (ties in reading order)."""
    counts = rows.groupby("article_id", sort=False).size()
    return counts.sort_values(ascending=False, kind="stable").index[:limit].tolist()


def coverage_table(topics: pd.DataFrame, articles: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Return topic shares as article × topic (the heatmap's data)."""
    if topics.empty:
        return pd.DataFrame()
    wide = topics.pivot_table(index="article_id", columns="topic_id", values="share", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[c for c in names if c in wide.columns])
    wide.columns = [names.get(c, c) for c in wide.columns]
    title = articles.set_index("article_id")["title"]
    wide.insert(0, "title", title.reindex(wide.index))
    return wide.reset_index()


def topic_stance_table(topics: pd.DataFrame, axis: str, names: dict[str, str]) -> pd.DataFrame:
    """Return each topic's stance per article on `axis` (the stance-by-topic data)."""
    rows = topics[topics["mentions"] > 0][["article_id", "topic_id", "mentions", f"{axis}_label", f"{axis}_score"]]
    rows = rows.assign(topic=rows["topic_id"].map(lambda x: names.get(x, x)))
    return rows.reset_index(drop=True)


def top_terms_table(terms: pd.DataFrame, surfaces: dict[str, str], articles: pd.DataFrame, n: int) -> pd.DataFrame:
    """Return the n most frequent terms of the filtered articles with their count in each article."""
    total = terms.groupby("term")["count"].sum().sort_values(ascending=False, kind="mergesort")
    top = list(total.index[:n])
    wide = (terms[terms["term"].isin(top)]
            .pivot_table(index="term", columns="article_id", values="count", aggfunc="sum", fill_value=0))
    wide = wide.reindex(index=top, columns=[a for a in articles["article_id"] if a in wide.columns], fill_value=0)
    wide.insert(0, "total", total.reindex(top).astype(int))
    wide.insert(0, "display", [surfaces.get(k, k) for k in top])
    return wide.reset_index()


GROUP_KINDS = ("article", "author", "source", "china", "agi")


def groups(articles: pd.DataFrame, kind: str) -> dict[str, tuple[str, ...]]:
    """Return {group value: article ids} for a grouping of the (filtered) articles."""
    out: dict[str, list[str]] = {}
    for row in articles.itertuples():
        if kind == "article":
            keys = [row.article_id]
        elif kind == "author":
            keys = [a for a in row.authors if a]
        elif kind == "source":
            keys = [row.source] if isinstance(row.source, str) and row.source else []
        else:
            keys = [getattr(row, f"{kind}_label")]
        for key in keys:
            out.setdefault(key, []).append(row.article_id)
    return {k: tuple(v) for k, v in sorted(out.items(), key=lambda kv: str(kv[0]))}


def kwic_table(lines: pd.DataFrame, articles: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return KWIC lines with their article title and 1-based sentence number."""
    title = articles.set_index("article_id")["title"]
    return pd.DataFrame({
        t("col.article", lang): lines["article_id"].map(title),
        t("col.index", lang): lines["sentence_index"].astype(int) + 1,
        t("col.left", lang): lines["left"],
        t("col.keyword", lang): lines["keyword"],
        t("col.right", lang): lines["right"],
    })


def article_topics(topics: pd.DataFrame, article_id: str) -> list[str]:
    """Return the topic ids an article touches, largest share first."""
    rows = topics[(topics["article_id"] == article_id) & (topics["mentions"] > 0)]
    return list(rows.sort_values(["share", "topic_id"], ascending=[False, True])["topic_id"])


def removed_table(removed: list[dict], lang: str) -> pd.DataFrame:
    """Return what the cleaner removed from an article, with the rule that removed it."""
    return pd.DataFrame({
        t("col.text", lang): [r.get("text", "") for r in removed],
        t("col.rule", lang): [r.get("rule", "") for r in removed],
    })


def byline(row) -> str:
    """Return 'authors · source · date' of an article row (blank parts left out)."""
    date = row["date"]
    parts = [row["authors_display"], row["source"], None if pd.isna(date) else date.date().isoformat()]
    return " · ".join(p for p in parts if isinstance(p, str) and p)


def group_names(groups: dict, kind: str, titles: dict[str, str], lang: str) -> dict[str, str]:
    """Return display names of the groups of `groups(articles, kind)`."""
    from ui.i18n import axis_label

    if kind == "article":
        return {g: titles.get(g, g) for g in groups}
    if kind in ("china", "agi"):
        return {g: f"{stance_label(g, lang)} · {axis_label(kind, lang)}" for g in groups}
    return {g: str(g) for g in groups}


def metadata_table(meta, lang: str) -> pd.DataFrame:
    """Return an article's file metadata as label/value rows."""
    unknown = t("reader.unknown", lang)
    rows = [
        ("reader.meta.file", meta["path"]), ("reader.meta.url", meta["url"]),
        ("reader.meta.language", meta["language"]), ("reader.meta.script", meta["script"]),
        ("reader.meta.encoding", meta["encoding"]), ("reader.meta.chars", meta["chars"]),
        ("reader.meta.sentences", meta["n_sentences"]),
    ]
    return pd.DataFrame({"": [t(k, lang) for k, _ in rows],
                         " ": [unknown if v is None or v == "" else str(v) for _, v in rows]})


def kwic_columns(lang: str) -> dict:
    """Return st.dataframe column settings that line KWIC up on the keyword (left context right-aligned)."""
    import streamlit as st  # column configs only; the rest of this module stays Streamlit-free

    return {
        t("col.left", lang): st.column_config.TextColumn(alignment="right", width="large"),
        t("col.keyword", lang): st.column_config.TextColumn(alignment="center", width="small"),
        t("col.right", lang): st.column_config.TextColumn(width="large"),
    }

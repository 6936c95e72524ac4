"""Interface strings in English and Chinese; `t(key, lang)` looks one up (pure, no Streamlit)."""

from __future__ import annotations

LANGS = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "中文"}

STRINGS: dict[str, tuple[str, str]] = {
    # App and navigation
    "app.title": ("China–AGI discourse", "中国与AGI话语"),
    "page.overview": ("Overview", "概览"),
    "page.stance": ("Stance", "立场"),
    "page.topics": ("Topics", "话题"),
    "page.keywords": ("Keywords", "关键词"),
    "page.reader": ("Reader", "阅读"),
    # Sidebar
    "lang.label": ("Language", "语言"),
    "filters.header": ("Filters", "筛选"),
    "filters.author": ("Author", "作者"),
    "filters.source": ("Source", "来源"),
    "filters.topic": ("Topic", "话题"),
    "filters.china": ("Stance on China's AI", "对中国AI的立场"),
    "filters.agi": ("Stance on AGI", "对AGI的立场"),
    "filters.date": ("Date range", "日期范围"),
    "filters.no_dates": ("No article carries a date.", "没有文章带有日期。"),
    "filters.query": ("Search text", "全文搜索"),
    "filters.query_help": ("Title, author, source or any sentence (simplified or traditional).",
                           "标题、作者、来源或正文（简体或繁体均可）。"),
    "filters.reset": ("Reset filters", "重置筛选"),
    "filters.none": ("All articles", "全部文章"),
    "filters.showing": ("{n} of {total} articles", "共 {total} 篇，显示 {n} 篇"),
    "filters.or": (" or ", "或"),
    "filters.sep": ("; ", "；"),
    "filters.from": ("from {d}", "自 {d}"),
    "filters.to": ("until {d}", "至 {d}"),
    "filters.search": ("text contains “{q}”", "含“{q}”"),
    # Stance labels and axes
    "stance.optimistic": ("optimistic", "乐观"),
    "stance.skeptical": ("skeptical", "怀疑"),
    "stance.mixed": ("mixed", "混合"),
    "stance.none": ("no stance", "无立场"),
    "axis.china": ("China's AI", "中国AI"),
    "axis.agi": ("AGI", "AGI"),
    "axis.label": ("Stance axis", "立场维度"),
    # Common
    "col.title": ("Title", "标题"),
    "col.authors": ("Authors", "作者"),
    "col.source": ("Source", "来源"),
    "col.date": ("Date", "日期"),
    "col.china": ("China's AI", "中国AI"),
    "col.agi": ("AGI", "AGI"),
    "col.china_score": ("China score", "中国AI得分"),
    "col.agi_score": ("AGI score", "AGI得分"),
    "col.sentence": ("Sentence", "句子"),
    "col.index": ("Sentence no.", "句序"),
    "col.label": ("Stance", "立场"),
    "col.score": ("Score", "得分"),
    "col.cues": ("Cues", "线索词"),
    "col.article": ("Article", "文章"),
    "col.file": ("File", "文件"),
    "col.result": ("Result", "结果"),
    "col.reason": ("Reason", "原因"),
    "col.text": ("Removed text", "删除的文字"),
    "col.rule": ("Rule", "规则"),
    "col.left": ("Left context", "左文"),
    "col.keyword": ("Keyword", "关键词"),
    "col.right": ("Right context", "右文"),
    "download.csv": ("Download data (CSV)", "下载数据（CSV）"),
    "download.png": ("Download image (PNG)", "下载图片（PNG）"),
    "empty.filtered": ("No article matches the filters. Loosen or reset them in the sidebar.",
                       "没有符合筛选条件的文章。请在侧栏放宽或重置筛选。"),
    "empty.corpus": ("The corpus is empty: add articles on the Overview page.",
                     "语料库为空：请在概览页上传文章。"),
    "error.load": ("The corpus could not be loaded: {error}", "无法加载语料库：{error}"),
    "error.chart": ("This chart could not be drawn: {error}", "无法绘制此图：{error}"),
    "loading": ("Reading and analysing {done} of {total} files…", "正在读取并分析第 {done}/{total} 个文件…"),
    "loaded": ("Corpus ready: {n} files.", "语料库就绪：{n} 个文件。"),
    "choose_article": ("Article", "文章"),
    # Overview
    "overview.title": ("Overview", "概览"),
    "overview.caption": ("Chinese-language commentary on DeepSeek, China's AI and AGI: stance, topics and keywords.",
                         "关于DeepSeek、中国AI与AGI的中文评论：立场、话题与关键词。"),
    "overview.articles": ("Articles", "文章"),
    "overview.authors": ("Authors", "作者"),
    "overview.sources": ("Sources", "来源"),
    "overview.dates": ("Date range", "日期范围"),
    "overview.undated": ("undated", "无日期"),
    "overview.table": ("Articles", "文章列表"),
    "overview.table_help": ("Select a row to open the article in the Reader.", "选择一行即可在阅读页打开该文章。"),
    "overview.map": ("Stance map", "立场地图"),
    "overview.upload": ("Add articles", "添加文章"),
    "overview.upload_label": ("Upload .txt, .md or .html files (UTF-8, GBK or Big5; up to 20 MB each)",
                              "上传 .txt、.md 或 .html 文件（UTF-8、GBK 或 Big5；每个不超过 20 MB）"),
    "overview.upload_added": ("added", "已添加"),
    "overview.upload_duplicate": ("already in the library", "已在库中"),
    "overview.upload_rejected": ("rejected", "已拒绝"),
    "overview.upload_unavailable": ("Uploading is not available: {error}", "暂时无法上传：{error}"),
    "overview.rejected": ("Files that could not be read", "无法读取的文件"),
    "overview.rejected_help": ("These files stay out of every chart; the reason is given for each.",
                               "这些文件不参与任何图表，原因见下。"),
    # Stance
    "stance.title": ("Stance", "立场"),
    "stance.caption": ("Optimism or skepticism about China's AI and about AGI, with the sentences behind each score.",
                       "对中国AI及AGI的乐观或怀疑，以及每个得分背后的句子。"),
    "stance.across": ("Both axes across articles", "各文章的两个立场维度"),
    "stance.evidence": ("Evidence sentences", "证据句"),
    "stance.evidence_help": ("Stance-bearing sentences of the article, strongest first, with the cues that fired.",
                             "该文章中带立场的句子，按强度排序，并列出触发的线索词。"),
    "stance.no_evidence": ("No sentence of this article takes a stance on this axis.", "该文章在此维度上没有带立场的句子。"),
    "stance.trajectory": ("Stance through the article", "文章中的立场走向"),
    "stance.compare": ("Two articles side by side", "两篇文章对比"),
    "stance.left": ("Left article", "左侧文章"),
    "stance.right": ("Right article", "右侧文章"),
    "stance.shown": ("Showing the {n} strongest of {total}.", "显示最强的 {n} 句（共 {total} 句）。"),
    # Topics
    "topics.title": ("Topics", "话题"),
    "topics.caption": ("Which topics each article covers, what it says about them, and with which stance.",
                       "每篇文章涉及哪些话题、说了什么、持何种立场。"),
    "topics.heatmap": ("Topic coverage", "话题覆盖"),
    "topics.drill": ("What each article says about a topic", "各文章对某一话题的论述"),
    "topics.choose": ("Topic", "话题"),
    "topics.silent": ("{n} articles do not touch this topic: {titles}", "{n} 篇文章未涉及此话题：{titles}"),
    "topics.matrix": ("Stance by topic", "按话题的立场"),
    "topics.sentences": ("{n} sentences", "{n} 句"),
    # Keywords
    "keywords.title": ("Keywords", "关键词"),
    "keywords.caption": ("Term frequencies, word clouds, distinctive terms and keywords in context.",
                         "词频、词云、特征词与关键词上下文。"),
    "keywords.n": ("Number of terms", "词数"),
    "keywords.top": ("Top terms compared", "高频词对比"),
    "keywords.heatmap": ("Term × article heatmap", "词语×文章热图"),
    "keywords.cloud": ("Word cloud", "词云"),
    "keywords.cloud_scope": ("Articles in the cloud", "词云范围"),
    "keywords.all_filtered": ("All filtered articles", "全部已筛选文章"),
    "keywords.cloud_empty": ("No terms to draw.", "没有可绘制的词语。"),
    "keywords.cloud_error": ("The word cloud could not be drawn: {error}", "无法绘制词云：{error}"),
    "keywords.distinctive": ("Distinctive terms", "特征词"),
    "keywords.distinctive_help": ("Weighted log-odds with an informative prior (Monroe et al. 2008): "
                                  "z > 1.96 marks terms the group uses clearly more than the rest of the filtered articles.",
                                  "带信息先验的加权对数几率（Monroe 等，2008）：z > 1.96 表示该组使用明显多于其余已筛选文章。"),
    "keywords.group_by": ("Compare", "比较对象"),
    "keywords.group": ("Group", "组"),
    "keywords.by.article": ("an article", "一篇文章"),
    "keywords.by.author": ("an author", "一位作者"),
    "keywords.by.source": ("a source", "一个来源"),
    "keywords.by.china": ("a stance on China's AI", "对中国AI的立场"),
    "keywords.by.agi": ("a stance on AGI", "对AGI的立场"),
    "keywords.no_rest": ("Nothing to compare against: the group holds every filtered article.",
                         "没有对照：该组已包含全部已筛选文章。"),
    "keywords.kwic": ("Keyword in context", "关键词上下文"),
    "keywords.term": ("Search a term", "搜索词语"),
    "keywords.kwic_none": ("“{term}” does not occur in the filtered articles.", "已筛选文章中没有“{term}”。"),
    "keywords.kwic_count": ("{n} occurrences in {k} articles", "{k} 篇文章中出现 {n} 次"),
    # Reader
    "reader.title": ("Reader", "阅读"),
    "reader.caption": ("One article, clean, with its stance-bearing sentences highlighted.",
                       "单篇文章的清洗文本，带立场的句子以颜色标出。"),
    "reader.outside": ("This article is outside the current filters.", "该文章不在当前筛选范围内。"),
    "reader.highlight": ("Highlight stance on", "高亮立场"),
    "reader.both": ("both axes", "两个维度"),
    "reader.topics": ("Topics", "话题"),
    "reader.no_topics": ("no topic of the taxonomy", "无分类话题"),
    "reader.removed": ("Show what the cleaner removed", "显示清洗时删除的内容"),
    "reader.removed_none": ("The cleaner removed nothing from this article.", "清洗时未删除任何内容。"),
    "reader.legend": ("Colours: blue optimistic, vermillion skeptical; underline: the other axis.",
                      "颜色：蓝色为乐观，朱红为怀疑。"),
    "reader.meta.url": ("Link", "链接"),
    "reader.meta.language": ("Language", "语言"),
    "reader.meta.script": ("Script", "字体"),
    "reader.meta.encoding": ("Encoding", "编码"),
    "reader.meta.chars": ("Characters", "字数"),
    "reader.meta.sentences": ("Sentences", "句数"),
    "reader.meta.file": ("File", "文件"),
    "reader.title_derived": ("title taken from the first line", "标题取自首行"),
    "reader.unknown": ("unknown", "未知"),
    "reader.no_byline": ("Author, source and date unknown", "作者、来源与日期不详"),
}


def t(key: str, lang: str = "en", **values) -> str:
    """Return the interface string `key` in `lang` ("en" or "zh"), formatted with `values`."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "zh" else pair[0]
    return text.format(**values) if values else text


def stance_label(label: str | None, lang: str = "en") -> str:
    """Return the display name of a stance label."""
    return t(f"stance.{label or 'none'}", lang)


def axis_label(axis: str, lang: str = "en") -> str:
    """Return the display name of a stance axis."""
    return t(f"axis.{axis}", lang)


def topic_label(topic: dict, lang: str = "en") -> str:
    """Return a topic's name in both languages, the interface language first."""
    first, second = (topic["name_zh"], topic["name_en"]) if lang == "zh" else (topic["name_en"], topic["name_zh"])
    return first if first == second else f"{first} · {second}"


def topic_labels(taxonomy: list[dict], lang: str = "en") -> dict[str, str]:
    """Map topic id to its bilingual display name."""
    return {topic["id"]: topic_label(topic, lang) for topic in taxonomy}

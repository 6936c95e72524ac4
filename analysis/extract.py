"""Format-specific extraction: plain text, Markdown (optional YAML front matter), saved web pages.

Each returns `Extracted(text, meta)`: `text` is line-oriented article text (Markdown headings keep
their `#` marks so later steps can tell headings from paragraphs), `meta` holds the metadata the
format itself declares (front matter keys, HTML <title>/<meta>/canonical link).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import metadata

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_FRONT = re.compile(r"\A\s*---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(\s*<?(?:https?://|/|#|mailto:)[\x21-\x28\x2a-\x3d\x3f-\x7e]*>?(?:\s+\"[^\"\n]*\")?\s*\)")
_BROKEN_LINK = re.compile(r"\[([^\[\]\n]+)\]\(\s*(?=https?://)")  # "[text](url and more prose…)"
_REF_DEF = re.compile(r"^\s*\[[^\[\]\n]+\]:\s*\S+.*$", re.M)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_BULLET = re.compile(r"^\s*(?:[-*+•·]\s+)+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_TREE = re.compile(r"^[\s│├└┌┐┘┤┬┴┼─━┃|`]+(?=\S)")
_TAG = re.compile(r"</?(?:br|p|div|span|strong|em|b|i|u|sup|sub|font|center|small)\b[^>\n]*>", re.I)
_CODE_INLINE = re.compile(r"`([^`\n]+)`")

FRONT_MATTER_KEYS = {
    "title": ("title", "headline", "标题", "標題"),
    "authors": ("authors", "author", "byline", "creator", "creators", "writer", "作者"),
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "pub_date", "created", "datetime", "日期"),
    "source": ("source", "publisher", "publication", "site", "site_name", "sitename", "media", "来源", "來源"),
    "url": ("url", "link", "canonical", "canonical_url", "original_url", "source_url", "permalink", "原文链接"),
}


@dataclass
class Extracted:
    """Article text of one file plus the metadata its format declared."""

    text: str
    meta: dict = field(default_factory=dict)
    format: str = "txt"


def split_front_matter(text: str) -> tuple[dict, str]:
    """Split YAML front matter ("---" … "---") from the text; malformed front matter stays text."""
    match = _FRONT.match(text)
    if not match:
        return {}, text
    try:
        import frontmatter
        post = frontmatter.loads(text[match.start():])
    except Exception:  # bad YAML: read its simple "key: value" lines, drop the block
        return _loose_front_matter(match.group(1) or ""), text[match.end():]
    if not isinstance(post.metadata, dict) or not post.metadata:
        return {}, text
    return dict(post.metadata), post.content


def _loose_front_matter(block: str) -> dict:
    """Read "key: value" lines of front matter YAML refused (unquoted colons, unclosed brackets)."""
    values = {}
    for line in block.split("\n"):
        found = re.match(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$", line)
        if found and found.group(2).strip(" :'\"[]{}"):
            values[found.group(1)] = found.group(2).strip(" '\"")
    return values


def _first(values: dict, keys: tuple[str, ...]):
    """Return the first non-empty value among `keys` (case-insensitive) in a mapping."""
    folded = {str(k).casefold(): v for k, v in values.items()}
    for key in keys:
        value = folded.get(key.casefold())
        if value not in (None, "", [], {}):
            return value
    return None


def meta_from_mapping(values: dict) -> dict:
    """Map front-matter style keys to record fields (title, authors, date, source, url)."""
    meta: dict = {}
    title = _first(values, FRONT_MATTER_KEYS["title"])
    if title is not None:
        meta["title"] = metadata.clean_title(str(title))
    authors = metadata.split_authors(_first(values, FRONT_MATTER_KEYS["authors"]))
    if authors:
        meta["authors"] = authors
    date = metadata.normalise_date(_first(values, FRONT_MATTER_KEYS["date"]))
    if date:
        meta["date"] = date
    source = _first(values, FRONT_MATTER_KEYS["source"])
    url = _first(values, FRONT_MATTER_KEYS["url"])
    if isinstance(source, str) and source.strip().startswith(("http://", "https://")):
        url = url or source
        source = None
    if isinstance(source, dict):
        source = source.get("name")
    if source:
        meta["source"] = str(source).strip()
    if isinstance(url, str) and url.strip().startswith(("http://", "https://")):
        meta["url"] = url.strip()
    return {k: v for k, v in meta.items() if v}


def markdown_to_text(text: str) -> str:
    """Reduce Markdown to readable lines: links → their text, no emphasis/bullets/fences; keep `#` headings."""
    text = _REF_DEF.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    lines = []
    for line in text.split("\n"):
        if line.strip().startswith(("```", "~~~")):
            continue
        if _BROKEN_LINK.search(line):
            line = _repair_broken_link(line)
        line = _TREE.sub("", _QUOTE.sub("", line))
        line = _BULLET.sub("", line)
        line = _EMPHASIS.sub(r"\2", line)
        line = _ITALIC.sub(r"\1", line)
        line = _CODE_INLINE.sub(r"\1", line)
        lines.append(line)
    return "\n".join(lines)


def _repair_broken_link(line: str) -> str:
    """Fix "[text](url prose…)" (a link whose ")" drifted): keep text and prose, drop the URL and stray ")"."""
    match = _BROKEN_LINK.search(line)
    rest = line[match.end():]
    url = re.match(r"https?://[\x21-\x7e]*?(?=[^\x21-\x7e]|$)", rest)
    rest = rest[url.end():] if url else rest
    fixed = line[:match.start()] + match.group(1) + rest
    if fixed.count(")") > fixed.count("("):
        cut = fixed.rfind(")")
        fixed = fixed[:cut] + fixed[cut + 1:]
    return fixed


# ---------------------------------------------------------------- HTML
_META_KEYS = {
    "title": ("og:title", "twitter:title", "dc.title", "title", "headline", "sailthru.title"),
    "authors": ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author", "twitter:creator"),
    "date": ("article:published_time", "datepublished", "publishdate", "publish_date", "pubdate", "date",
             "dc.date", "dc.date.issued", "og:published_time", "sailthru.date", "parsely-pub-date", "article:modified_time"),
    "source": ("og:site_name", "application-name", "publisher", "article:publisher", "dc.publisher", "source"),
    "url": ("og:url", "twitter:url"),
    "description": ("description", "og:description", "twitter:description"),
}
_TITLE_SITE = re.compile(r"^(?P<main>.{4,}?)\s*(?:\s[-|–—]\s|_|[|｜])\s*(?P<tail>[^-|–—_｜]{1,30})$")


def html_meta(tree) -> dict:
    """Read title, authors, date, source and url from <title>, <meta> tags and the canonical link."""
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").strip().casefold()
        value = (node.get("content") or "").strip()
        if key and value and key not in found:
            found[key] = value
    meta: dict = {}
    for name, keys in _META_KEYS.items():
        for key in keys:
            if found.get(key):
                meta[name] = found[key]
                break
    title_node = tree.find(".//title")
    page_title = title_node.text_content().strip() if title_node is not None else ""
    if not meta.get("title") and page_title:
        meta["title"] = _strip_site_name(page_title, meta.get("source"))
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").casefold().split() and link.get("href", "").startswith("http"):
            meta["url"] = link.get("href").strip()
            break
    out: dict = {}
    if meta.get("title"):
        out["title"] = metadata.clean_title(meta["title"])
    if meta.get("authors"):
        authors = metadata.split_authors(meta["authors"])
        if authors and not all(a.startswith(("http", "@")) for a in authors):
            out["authors"] = [a for a in authors if not a.startswith(("http", "@"))]
    if meta.get("date"):
        out["date"] = metadata.normalise_date(meta["date"])
    if meta.get("source") and not meta["source"].startswith("http"):
        out["source"] = meta["source"]
    if meta.get("url", "").startswith("http"):
        out["url"] = meta["url"]
    return {k: v for k, v in out.items() if v}


def _strip_site_name(title: str, site: str | None) -> str:
    """Drop a trailing " - Site" / "_Site" / " | Site" part from a page <title>."""
    match = _TITLE_SITE.match(title)
    if match and (not site or site in match["tail"] or match["tail"] in site or len(match["tail"]) <= 20):
        return match["main"].strip()
    return title


def _fallback_text(tree) -> str:
    """Visible text of a page's body when trafilatura finds no main text (short or odd pages)."""
    for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    body = tree.find(".//body")
    node = body if body is not None else tree
    blocks = []
    for element in node.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "td", "div"):
        if element.tag == "div" and element.find(".//p") is not None:
            continue
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(("#" * int(element.tag[1]) + " " if element.tag[0] == "h" and element.tag[1:].isdigit() else "") + text)
    return "\n".join(dict.fromkeys(blocks)) or " ".join(node.text_content().split())


def extract_html(html: str) -> Extracted:
    """Main text of a saved web page (trafilatura) plus metadata from its head."""
    import lxml.html
    meta: dict = {}
    tree = None
    try:
        # lxml refuses a str that starts with an encoding declaration (XHTML): drop it first.
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
        meta = html_meta(tree)
    except Exception:  # lxml refuses empty or exotic documents: fall back to trafilatura alone
        tree = None
    text = ""
    try:
        import trafilatura
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
        if doc is not None:
            found = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
            text = found.get("text") or ""
            fallback = meta_from_mapping({
                "title": found.get("title"), "author": found.get("author"), "date": found.get("date"),
                "source": found.get("sitename"), "url": found.get("url")})
            for key, value in fallback.items():
                meta.setdefault(key, value)
    except Exception:  # trafilatura failing on one odd page must not fail the parse
        text = ""
    if not text.strip() and tree is not None:
        text = _fallback_text(tree)
    return Extracted(text, meta, "html")


def extract(text: str, suffix: str) -> Extracted:
    """Dispatch on the file suffix: HTML → trafilatura; Markdown and text → front matter + Markdown cleanup."""
    suffix = suffix.lower()
    if suffix in HTML_SUFFIXES:
        return extract_html(text)
    values, content = split_front_matter(text)
    meta = meta_from_mapping(values) if values else {}
    return Extracted(markdown_to_text(content), meta, "md" if suffix in MARKDOWN_SUFFIXES else "txt")

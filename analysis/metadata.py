"""Article metadata from text conventions: header lines, bylines, WeChat lines, dates, authors.

Everything here works on single lines or short strings; `read_header` walks the opening lines
of an article and says which of them are metadata (so they leave the body) and what they hold.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable

# ---------------------------------------------------------------- header keys
# Key (as written, case-folded) → field. Fields outside SPEC ("editor", "other") are read only to
# take the line out of the body.
KEYS = {
    "title": "标题 標題 题目 題目 文章标题 文章標題 title headline",
    "authors": "作者 撰文 撰稿 文 作者名 记者 記者 文字 author authors by byline writer writers",
    "source": "来源 來源 出处 出處 本文来源 本文來源 文章来源 文章來源 信息来源 資料來源 转载自 轉載自 转自 轉自 刊物 "
              "出版 媒体 媒體 公众号 公眾號 source publisher publication",
    "date": "日期 发布时间 發布時間 發佈時間 发表时间 發表時間 发布日期 發布日期 发表日期 發表日期 时间 時間 "
            "更新时间 更新時間 刊发时间 date published posted updated",
    "url": "链接 鏈接 連結 链结 原文链接 原文鏈接 原文連結 原文地址 原文网址 原文網址 网址 網址 地址 url link "
           "source_url original_url permalink",
    "editor": "编辑 編輯 责任编辑 責任編輯 责编 責編 主编 主編 审核 審核 校对 校對 排版 editor",
    "translator": "翻译 翻譯 译者 譯者 编译 編譯 translator translated_by",
    "other": "原文标题 原文標題 原标题 原標題 文章类别 文章類別 类别 類別 分类 分類 栏目 欄目 标签 標籤 关键词 關鍵詞 "
             "关键字 關鍵字 文章类型 字数 字數 阅读时间 閱讀時間 tags category categories keywords",
}
# Keys are separated by spaces; a key that itself has a space is written with "_" ("source_url").
KEY_FIELD = {key.replace("_", " "): name for name, keys in KEYS.items() for key in keys.split()}

_EMPHASIS = re.compile(r"\*\*|__")
_KEY_LINE = re.compile(r"^[-*•·>\s]*[【\[]?(?P<key>[^:：|｜丨【】\[\]]{1,16}?)[】\]]?\s*(?P<sep>[:：|｜丨/／])\s*(?P<value>.*)$")
_SEPARATOR = re.compile(r"^[-—–=_*·•~#+\s]+$")
_HEADING = re.compile(r"^#{1,6}\s+")
_URL = re.compile(r"https?://[^\s<>\"'()（）【】\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")

# ---------------------------------------------------------------- dates
_MONTHS = {m: i for i, names in enumerate(
    ["jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"], 1)
    for m in names.split()}
_MONTH_RE = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9, "十": 10}
_DATE_PATTERNS = [
    re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]?"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:T\d{2}|(?!\d))"),
    re.compile(_MONTH_RE + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})", re.I),
    re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r",?\s+(?P<y>(?:19|20)\d{2})", re.I),
    re.compile(r"(?P<y>[〇零○Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>[一二三四五六七八九十]{1,3})\s*[日号號]"),
]
_TIME = r"(?:\s*(?:T|\s)\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"


def _cn_number(text: str) -> int:
    """Read a Chinese numeral: digit by digit for years (二〇二五), with 十 for days and months."""
    if "十" not in text:
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _valid(year: int, month: int, day: int) -> str | None:
    """Return YYYY-MM-DD for a real calendar date, else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value) -> str | None:
    """Return the first date in `value` (str, date or datetime) as YYYY-MM-DD, else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(value):
            groups = match.groupdict()
            try:
                if groups.get("mon"):
                    month = _MONTHS[groups["mon"].lower().rstrip(".")]
                    year, day = int(groups["y"]), int(groups["d"])
                elif groups["y"].isdigit():
                    year, month, day = int(groups["y"]), int(groups["m"]), int(groups["d"])
                else:
                    year, month, day = (_cn_number(groups[k]) for k in ("y", "m", "d"))
            except (KeyError, ValueError):
                continue
            found = _valid(year, month, day)
            if found:
                return found
    return None


_DATE_LINE_REST = re.compile(
    r"发布于|發佈於|發布於|发表于|發表於|发布时间|发布|發佈|發布|更新于|更新於|published|posted|updated|on|"
    r"星期[一二三四五六日天]|周[一二三四五六日天]|週[一二三四五六日天]|上午|下午|AM|PM|GMT|UTC|CST|"
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?|T|[\s,.:：\-/|｜()（）\[\]【】]", re.I)


def is_date_line(line: str) -> bool:
    """Tell whether a line holds only a date (and maybe a time or weekday): a dateline, not prose."""
    if len(line) > 60 or not normalise_date(line):
        return False
    rest = line
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    return not _DATE_LINE_REST.sub("", rest)


# ---------------------------------------------------------------- authors
_NAME_SPLIT = re.compile(r"\s*(?:[、，,;；/／|｜&＆]|\s+and\s+|\s+以及\s+)\s*")
_HE = re.compile(r"(?<=[\u4e00-\u9fff·]{2})\s*[和与與及]\s*(?=[\u4e00-\u9fff]{2})")
_AUTHOR_PREFIX = re.compile(
    r"^(?:作者|撰文|撰稿|文字|本文作者|原作者|记者|記者|本报记者|本報記者|本刊记者|特约作者|特約作者|特约评论员|特約評論員|"
    r"专栏作者|專欄作者|author|authors|by|written by|文)\s*[:：/／|｜丨]?\s*", re.I)
_AUTHOR_SUFFIX = re.compile(r"(?:\s*(?:等|著)|\s+(?:撰|撰文|文|编译|編譯|报道|報道)|\s*[/|｜]\s*文)$")
_LATIN_NAME_TOKEN = re.compile(r"^[A-Z][A-Za-z.'\-]*$")


def _top_level_split(text: str, pattern: re.Pattern) -> list[str]:
    """Split `text` on `pattern`, but never inside brackets (keeps "銀劍(Jianyin Roachell)" whole)."""
    parts, depth, start = [], 0, 0
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch in "(（[【《":
            depth += 1
        elif ch in ")）]】》":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = pattern.match(text, pos)
            if match and match.end() > pos:
                parts.append(text[start:pos])
                start = pos = match.end()
                continue
        pos += 1
    parts.append(text[start:])
    return parts


def clean_author(name: str) -> str:
    """Strip a role prefix ("作者：", "By "), a suffix ("等", "著") and stray punctuation from one name."""
    name = _EMPHASIS.sub("", name).strip(" \t\u3000-—–·•:：,，、;；【】[]")
    for _ in range(2):
        name = _AUTHOR_PREFIX.sub("", name).strip()
        name = _AUTHOR_SUFFIX.sub("", name).strip()
    return name.strip(" \t\u3000-—–•:：,，、;；【】[]")


def split_authors(value) -> list[str]:
    """Split an author field into people: 、，,;；/ "and" "和" separate, brackets and "·" names stay whole."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        names: list[str] = []
        for item in value:
            names.extend(split_authors(item if isinstance(item, str) else str(item.get("name", "")) if isinstance(item, dict) else str(item)))
        return _unique(names)
    text = clean_author(str(value))
    if not text:
        return []
    parts = []
    for part in _top_level_split(text, _NAME_SPLIT):
        parts.extend(_top_level_split(part, _HE))
    names = [clean_author(p) for p in parts]
    return _unique([n for n in names if _plausible_name(n)])


def _plausible_name(name: str) -> bool:
    """Reject fragments that are not names: empty, too long, sentences, URLs."""
    if not name or len(name) > 60 or "http" in name or re.search(r"[。！？!?]", name):
        return False
    if normalise_date(name) or not re.search(r"[^\W\d_]", name):
        return False  # "2025-03-01" after "作者：陈静 |" is a date, not a person
    return bool(re.search(r"[\w\u4e00-\u9fff]", name))


def _unique(items: list[str]) -> list[str]:
    """Drop duplicates (ignoring case and spaces), keeping the first spelling and the order."""
    seen, out = set(), []
    for item in items:
        key = re.sub(r"\s+", "", item).casefold()
        if key and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def names_key(name: str) -> str:
    """Return a comparison key for a name (no spaces, no brackets' content, case-folded)."""
    return re.sub(r"[\s()（）]|\(.*?\)|（.*?）", "", name).casefold()


# ---------------------------------------------------------------- bylines
_ROLE = (r"特约评论员|特約評論員|特约作者|特約作者|专栏作者|專欄作者|专栏作家|專欄作家|特约撰稿人|特約撰稿人|撰稿人|"
         r"评论员|評論員|首席记者|记者|記者|研究员|研究員|通讯员|通訊員|实习生|實習生|作者|编辑|編輯")
_BYLINE = re.compile(r"^[【\[（(]?\s*(?:文|撰文|作者|文字|文图|文圖|文\s*&\s*图|记者|記者)\s*[/／|｜丨]\s*(?P<body>[^】\]）)]+?)\s*[】\]）)]?$")
_BYLINE_CREDIT_CUT = re.compile(r"\s+(?:编辑|編輯|责编|責編|审核|審核|校对|校對|排版|图|圖|图片|圖片|设计|設計|视觉|視覺|出品|策划|策劃)\s*[/／|｜丨:：]")
_ORG_ROLE = re.compile(rf"^(?P<org>.*?)(?P<role>{_ROLE})\s*(?P<names>.+)$")
_LOCAL_ORG = re.compile(r"^(?:本报|本報|本刊|本网|本網|本台|本站|本社)$")
_BY_EN = re.compile(r"^(?:by|written by)\s+(?P<names>[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3})*)$", re.I)
_WECHAT = re.compile(
    r"^(?P<orig>原创|原創)?\s*(?P<who>[^\s\d][^\n]{0,60}?)\s+(?P<date>(?:19|20)\d{2}(?:年\d{1,2}月\d{1,2}日|[-/.]\d{1,2}[-/.]\d{1,2}))"
    r"(?:\s+\d{1,2}:\d{2})?(?:\s+\S{1,10})?$")
_BIO = re.compile(
    r"^(?!.*[。！？!?])[^\n]{2,40}?(?:科学家|科學家|研究员|研究員|教授|讲师|講師|博士|博士生|院士|创始人|創始人|首席执行官|首席執行官|"
    r"CEO|CTO|COO|总裁|總裁|董事长|董事長|主任|所长|所長|院长|院長|主编|主編|记者|記者|分析师|分析師|顾问|顧問|专家|專家|学者|學者|"
    r"合伙人|合夥人|经理|經理|总监|總監|工程师|工程師|律师|律師|评论员|評論員|撰稿人|作家|研究所|研究院|研究中心|实验室|實驗室|"
    r"大学|大學|学院|學院|基金会|基金會|智库|智庫)(?:[)）])?$")
_AUTHOR_NOTE = re.compile(r"^[（(]?\s*(?:本文)?作者(?:系|为|為|是|简介|簡介)\s*[:：]?(?P<bio>.{2,80}?)[)）]?$")


def parse_byline(line: str) -> dict | None:
    """Read a byline ("【文/观察者网专栏作者 熊节、塞尔吉奥·阿马德乌】", "By A and B") into authors/source."""
    match = _BYLINE.match(line)
    if match:
        body = _BYLINE_CREDIT_CUT.split(match.group("body"))[0].strip()
        org = None
        role = _ORG_ROLE.match(body)
        if role and role.group("names").strip():
            org, body = role.group("org").strip(), role.group("names").strip()
        elif re.search(r"[\u4e00-\u9fff]", body) and " " in body:
            head, _, tail = body.rpartition(" ")
            if re.fullmatch(r"[\u4e00-\u9fff]{2,20}", head.strip()):
                org, body = head.strip(), tail
        authors = split_authors(body)
        if not authors:
            return None
        meta: dict = {"authors": authors}
        if org and not _LOCAL_ORG.match(org):
            meta["source"] = org
        return meta
    match = _BY_EN.match(line.strip())
    if match and len(line) <= 80:
        return {"authors": split_authors(match.group("names"))}
    return None


def parse_wechat_line(line: str) -> dict | None:
    """Read a WeChat account line ("原创 张三 某某科技评论 2025年02月05日 08:30") into authors/source/date."""
    if len(line) > 80:
        return None
    match = _WECHAT.match(line.strip())
    if not match:
        return None
    who = match.group("who").split()
    if not who or any(re.search(r"[。，,！？]", w) for w in who):
        return None
    if not match.group("orig") and len(who) != 1:
        return None  # without 原创 only "Account 2025-02-05 08:30" is unambiguous
    meta: dict = {"date": normalise_date(match.group("date")), "source": who[-1]}
    if len(who) > 1:
        meta["authors"] = split_authors(" ".join(who[:-1]).replace(" ", "、"))
    return meta


def parse_key_line(line: str) -> tuple[str, str, object] | None:
    """Read a "key: value" metadata line → (field, key, value); None if the key is not a metadata key."""
    plain = _EMPHASIS.sub("", line).strip()
    match = _KEY_LINE.match(plain)
    if not match:
        return None
    key = re.sub(r"\s+", " ", match.group("key").strip()).casefold()
    name = KEY_FIELD.get(key)
    if not name:
        return None
    sep, value = match.group("sep"), match.group("value").strip()
    if sep in "/／" and name != "authors":
        return None  # "文/张三" is a byline; "日期/时间" is not a key line
    if name in ("authors",) and key == "文" and sep in ":：":
        return None  # "文：" rarely means author
    if name == "date":
        date = normalise_date(value)
        return (name, key, date) if date else None
    if name == "url":
        url = _URL.search(value)
        return (name, key, url.group(0)) if url else (("other", key, value) if value else None)
    if name == "authors":
        authors = split_authors(value)
        return (name, key, authors) if authors else None
    if name in ("title", "source"):
        value = value.strip("《》 ")
        return (name, key, value) if value else None
    return name, key, value


# ---------------------------------------------------------------- titles
_TITLE_MARKS = re.compile(r"\s*(?:[（(【\[]\s*(?:转载|轉載|转|轉|原创|原創|全文|附全文|深度|独家|獨家|译|譯|编译|編譯|repost)\s*[）)】\]])\s*", re.I)
_SENTENCE_END = re.compile(r"[。.]$")


def clean_title(title: str | None) -> str | None:
    """Tidy a title: strip heading marks, emphasis, "（转载）"-style tags and outer quotes/brackets."""
    if not title:
        return None
    title = _HEADING.sub("", _EMPHASIS.sub("", str(title))).strip()
    title = _TITLE_MARKS.sub(" ", title).strip()
    title = re.sub(r"\s+", " ", title)
    if len(title) > 2 and title[0] + title[-1] in ("《》", "【】", "“”", '""'):
        title = title[1:-1].strip()
    return title or None


def strip_author_prefix(title: str | None, authors: list[str]) -> str | None:
    """Drop an "Author(s): " prefix from a title when every name in it is a known author."""
    if not title or not authors:
        return title
    match = re.match(r"^(?P<prefix>[^:：]{1,40}?)\s*[:：]\s*(?P<rest>.+)$", title)
    if not match:
        return title
    known = {names_key(a) for a in authors}
    named = split_authors(match.group("prefix"))
    if named and all(names_key(n) in known for n in named):
        return match.group("rest").strip()
    return title


def derive_title(body: str, limit: int = 40) -> str | None:
    """Derive a readable title from the first sentence of the body, shortened to ~`limit` chars with …."""
    for line in body.split("\n"):
        line = _HEADING.sub("", line).strip()
        if not line or _SEPARATOR.match(line):
            continue
        first = re.split(r"(?<=[。！？!?])|(?<=\.)\s", line, maxsplit=1)[0].strip()
        first = first.rstrip("。.！!？?；;：:，, ")
        if len(first) <= limit:
            return first or None
        cut = first[:limit]
        if re.search(r"[A-Za-z]$", cut) and " " in cut:  # do not break an English word
            cut = cut.rsplit(" ", 1)[0]
        return cut.rstrip("，,、；;：: ") + "…"
    return None


def looks_like_title(line: str) -> bool:
    """Tell whether a standalone opening line reads as a title (short, not a finished sentence)."""
    text = _HEADING.sub("", _EMPHASIS.sub("", line)).strip()
    if not text or _SEPARATOR.match(text) or _URL.fullmatch(text):
        return False
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    if han >= 4 and len(text) > 80 or han < 4 and len(text) > 160:
        return False
    if _SENTENCE_END.search(text) or text.endswith((":", "：", "，", ",", "、", ";", "；")):
        return False
    return True


# ---------------------------------------------------------------- header
@dataclass
class Header:
    """What the opening lines of an article held, and where the body begins."""

    meta: dict = field(default_factory=dict)
    start: int = 0
    removed: list[dict] = field(default_factory=list)


def _merge(meta: dict, found: dict) -> None:
    """Fill fields of `meta` from `found`: first value wins, authors accumulate."""
    for key, value in found.items():
        if value in (None, "", []):
            continue
        if key == "authors":
            meta["authors"] = _unique(meta.get("authors", []) + list(value))
        elif key not in meta:
            meta[key] = value


def meta_from_line(line: str) -> tuple[dict, str] | None:
    """Read metadata from one line wherever it stands → (fields, rule id), or None."""
    if len(line) > 200:
        return None
    byline = parse_byline(line)
    if byline:
        return byline, "byline"
    key_line = parse_key_line(line)
    if key_line:
        name, _key, value = key_line
        fields = {name: value} if name in ("title", "authors", "source", "date", "url") else {}
        if name in ("authors", "source") and normalise_date(line):
            fields["date"] = normalise_date(line)  # "作者：陈静 | 2025-03-01"
        return fields, f"meta_{name}"
    wechat = parse_wechat_line(line)
    if wechat:
        return wechat, "wechat_account_line"
    note = _AUTHOR_NOTE.match(line)
    if note:
        return {}, "author_bio"
    return None


def read_header(lines: list[str], boilerplate: Callable[[str], str | None] | None = None,
                max_lines: int = 40) -> Header:
    """Walk the opening lines: metadata lines, bylines, a dateline, one title line → Header.

    Stops at the first line that is none of these (the first paragraph). `boilerplate(line)`
    returns a rule id for lines to drop on the way (e.g. "点击蓝字关注" at the top).
    """
    header = Header()
    title_at = None
    after_author = False
    i = 0
    for i, raw in enumerate(lines[:max_lines]):
        line = raw.strip()
        if not line or _SEPARATOR.match(line):
            continue
        if is_date_line(line):
            _merge(header.meta, {"date": normalise_date(line)})
            header.removed.append({"text": line, "rule": "meta_date"})
            continue
        found = meta_from_line(line)
        if found:
            fields, rule = found
            _merge(header.meta, fields)
            header.removed.append({"text": line, "rule": rule})
            after_author = bool(fields.get("authors")) or (after_author and rule == "author_bio")
            continue
        if after_author and _BIO.match(line):
            header.removed.append({"text": line, "rule": "author_bio"})
            continue
        rule = boilerplate(line) if boilerplate else None
        if rule:
            header.removed.append({"text": line, "rule": rule})
            continue
        after_author = False
        if title_at is None and "title" not in header.meta and looks_like_title(line) and _has_more(lines, i):
            title_at = i
            header.meta["title"] = clean_title(line)
            header.removed.append({"text": line, "rule": "title_line"})
            continue
        header.start = i
        return header
    header.start = min(len(lines), max_lines)
    return header


def _has_more(lines: list[str], i: int) -> bool:
    """Tell whether any non-blank line follows line i."""
    return any(line.strip() and not _SEPARATOR.match(line.strip()) for line in lines[i + 1:i + 200])

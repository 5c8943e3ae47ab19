"""Who and what a narrative report is about, read from its title line and its sentences.

- The title line names the project and often the unit and year: ``施甸县2019年度建档立卡贫困人口生态
  护林员项目绩效评价报告`` (place, year, project), ``南县财政局2020年度 机关整体支出绩效评价报告`` (a
  unit's overall spending: the unit is the project), ``保山市图书馆2022年度项目支出绩效自评报告(2022年
  中央支持…补助资金`` (unit, year, the project in brackets), ``2021年葡萄酒产业发展项目支出绩效评价评定
  等次为优`` (a news headline). ``2019年度`` dates the report and is left out of the name; a name
  that begins ``2021年`` keeps it, as the report names the project so — unless the document also
  names it without the year.
- The year comes from the title, else from what the text says of the project (``2020年…``), never
  from a date of writing, evaluating or publishing: a report of 2023 evaluates 2022.
- Kind: ``受X财政局委托``, ``财政厅…安排…评审中心…开展绩效评价``, a firm as 评价机构 make it a
  finance evaluation (``finance``); a department that commissions a third party for its own
  project makes it ``department``; a unit's own 自评 is ``self``.
- Numbers: a report number and a document number only where labelled as the report's own
  (``报告编号:``, ``文号:``, or a 发文字号 standing alone as the report's heading), never a number
  the text cites (``根据《…通知》(宁财〔绩〕发〔2022〕68号)``).
- The evaluation date as printed (``二○二三年九月二十八日``) from a labelled 报告日期 or the date
  line of the signature.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..cells import one_line, short
from ..draft import Draft
from ..places import named_offices
from .dates import find_dates, full_date
from .prose import plain, without_citations

# --- the title line -------------------------------------------------------------------------------

_TITLE_WORD = re.compile(r"(?:支出)?绩效(?:目标)?(?:自评价?|评价|评估|考评|管理)?")
_TITLE_END = re.compile(r"(?:报告书?|说明|公示|公告|通报|情况|结果)(?:[（(][^（）()]*[)）]?)?$")
_HEADLINE = re.compile(r"(?:项目|资金|工程|经费|专项|整体)(?:支出)?绩效(?:自评价?|评价|评估)")
_PROJECT_END = re.compile(r"(?:项目|资金|工程|经费|专项|计划|补助|整体|债券|政策|建设|支出)$")
_YEAR_SPLIT = re.compile(r"^(?P<prefix>.*?)(?P<year>(?:19|20)\d{2})年(?P<du>度)?(?P<rest>.*)$")
_OVERALL = {"部门整体", "机关整体", "单位整体", "整体", "部门整体支出", "机关整体支出", "单位整体支出"}
_GENERIC = {"", "项目", "项目支出", "专项资金", "财政支出项目", "财政专项资金", "专项", "财政支出"}
_BRACKETED = re.compile(r"[（(](?P<inner>[^（）()]{4,})[)）]?$")
_FILE = re.compile(r"\.(?:docx?|pdf|xlsx?|wps|txt)$", re.I)
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d{1,2}[.．、])")

# A unit (not a place) ends with what offices and institutions are called; an organ of
# government is a 主管部门, an institution (图书馆, 中心, 学校) carries the project out.
_ORGAN_END = r"(?:局|厅|委员会|管委会|管理委员会|人民政府|政府|办公室|办事处|部|委|署|办)"
_INSTITUTION_END = r"(?:馆|中心|院|学校|小学|中学|大学|学院|医院|卫生院|站|所|社区|公司|队|会|团|台|园)"
_UNIT_END = re.compile(rf"(?:{_ORGAN_END}|{_INSTITUTION_END})$")
_ORGAN = re.compile(rf"{_ORGAN_END}$")


@dataclass
class Title:
    line: str
    name: str  # the project as the title names it
    year: int | None = None
    unit: str | None = None  # a unit the title names before the year (南县财政局, 保山市图书馆)
    overall: bool = False  # a unit's overall spending: the unit is the project
    form: str = ""  # 绩效评价简版报告, when the title calls the report so


def is_title_line(text: str) -> bool:
    flat = re.sub(r"\s+", "", text)
    if not 6 <= len(flat) <= 90 or "绩效" not in flat or _NUMBERED.match(flat) or _FILE.search(flat):
        return False
    if re.search(r"[。；;，,：:•]", flat) or flat.startswith(("根据", "按照", "为了", "经")):
        return False
    return bool(_TITLE_END.search(flat) or _HEADLINE.search(flat))


def is_signature(text: str) -> bool:
    """A line that signs a report off: a unit's name or a date, alone on its line."""
    flat = re.sub(r"\s+", "", text)
    if full_date(flat) is not None:
        return True
    return 4 <= len(flat) <= 40 and not re.search(r"[，。；：:,]", flat) and bool(_UNIT_END.search(flat)) and not _NUMBERED.match(flat)


def parse_title(line: str) -> Title:
    flat = re.sub(r"\s+", "", line)
    word = _TITLE_WORD.search(flat)
    head = flat[: word.start()] if word else flat
    if not word or not head or not _PROJECT_END.search(head):
        return Title(line, flat)  # no project named before 绩效: the heading is the title
    form = ""
    suffix = flat[word.start():]
    if re.search(r"简版|简要", suffix):
        form = re.sub(r"^支出", "", re.sub(r"[（(].*$", "", suffix))
    head = re.sub(r"支出$", "", head) if not head.endswith(("整体支出",)) else head[:-2]
    split = _YEAR_SPLIT.match(head)
    prefix, year, rest, dated = "", None, head, False
    if split:
        prefix, year, rest, dated = split.group("prefix"), int(split.group("year")), split.group("rest"), bool(split.group("du"))
    unit = prefix if prefix and _UNIT_END.search(prefix) else None
    if rest in _OVERALL and unit:
        return Title(line, unit, year, unit, overall=True, form=form)
    bracket = _BRACKETED.search(suffix)
    if rest in _GENERIC and bracket:
        return Title(line, bracket.group("inner"), year, unit, form=form)
    if rest in _GENERIC:
        return Title(line, flat, year, unit, form=form)
    name = rest if dated or year is None or prefix else f"{year}年{rest}"
    return Title(line, name, year, unit, form=form)


def _same_project(a: str, b: str) -> bool:
    return re.sub(r"^(?:19|20)\d{2}年度?", "", a) == re.sub(r"^(?:19|20)\d{2}年度?", "", b)


def _without_place_and_year(name: str) -> str:
    """宁波市2022年度城市绿化项目 → 城市绿化项目: a place and 年度 before the project name the report,
    not the project (as in a title)."""
    split = _YEAR_SPLIT.match(name)
    if split and split.group("du") and split.group("rest") and not _UNIT_END.search(split.group("prefix") or "-"):
        return split.group("rest")
    return name


def _in_body_name(paragraphs: list[str]) -> str | None:
    """The project as a sentence names it when the report has no title line."""
    for text in paragraphs[:40]:
        stated = without_citations(plain(text))
        match = re.search(r"对(?P<name>[^，。；,、对]{4,60}?(?:项目|资金|工程))(?:的)?(?:开展|进行|实施)了?(?:绩效|整体支出绩效)?(?:评价|评估)", stated)
        if match:
            return _without_place_and_year(match.group("name"))
        match = re.search(r"该(?P<name>[^，。；,、]{4,40}?)项目(?:于|在|是|由|自|从)", stated)
        if match:
            name = match.group("name")
            return name if re.search(r"(?:资金|经费|工程)$", name) else name + "项目"
        match = re.search(r"项目名称\s*[:：]\s*(?P<name>[^\s，。；]+)", text)
        if match:
            return match.group("name")
    return None


# --- the page a report was published on -----------------------------------------------------------

_META_LABELS = ("索引号", "发布机构", "发文机关", "文章来源", "信息来源", "来源", "发布日期", "发文日期", "发布时间", "更新时间",
                "成文日期", "公开目录", "主题分类", "主题词", "文号", "浏览量", "浏览次数", "公开方式", "公开范围", "时间")
_META = re.compile(r"(?P<label>" + "|".join(sorted(_META_LABELS, key=len, reverse=True)) + r")\s*[:：]?\s*")


_CHROME = re.compile(r"无障碍|适老化|注册|登录|打印本页|字体大小|关闭窗口|浏览次数|浏览量|视力保护|保护视力")


def is_page_chrome(text: str) -> bool:
    """A line of the web page around a report (menus, 发布机构 and 发布日期 fields), not its prose."""
    if _CHROME.search(text):
        return True
    labels = [m for m in _META.finditer(text) if m.group("label") not in ("来源", "时间")]
    return bool(labels) and (labels[0].start() == 0 or bool(re.search(r"\s", text[: labels[0].start()][-2:])))


def page_metadata(paragraphs: list[str]) -> dict[str, str]:
    """The labelled fields of the web page a report was published on (发布机构, 文号, 发布日期 …),
    in a line (``索引号 … 发布机构 施甸县林业和草原局``) or one per line (``• 发布机构`` / ``• 保山市…``)."""
    tokens: list[str] = []
    after_label = False
    for text in paragraphs[:30]:
        line = text.strip().lstrip("•·●▪-").strip()
        if not line or len(line) > 400:
            after_label = False
            continue
        starts = _META.match(line)
        value_line = after_label and len(line) <= 40 and not re.search(r"[，。；,]", line)
        if not (starts or value_line or is_page_chrome(line)):
            after_label = False
            continue  # prose: 经费来源于… is no 来源 field
        after_label = bool(starts) and not line[starts.end():].strip()
        position = 0
        for match in _META.finditer(line):
            if match.start() > position:
                tokens.extend(line[position:match.start()].split())
            tokens.append("\0" + match.group("label"))
            position = match.end()
        tokens.extend(line[position:].split())
    found: dict[str, str] = {}
    for index, token in enumerate(tokens):
        if token.startswith("\0") and index + 1 < len(tokens) and not tokens[index + 1].startswith("\0"):
            found.setdefault(token[1:], tokens[index + 1])
    return found


# --- a cover page: 项目名称 / 项目单位 / 评价机构 / 报告日期 lines -----------------------------------------

_COVER_LABELS = {
    "title": ("项目名称", "项目全称", "评价项目", "评价对象"),
    "implementer": ("项目实施单位", "实施单位", "项目单位", "资金使用单位"),
    "department": ("项目主管部门", "主管部门", "预算部门", "预算单位"),
    "evaluator": ("评价机构", "评价单位", "受托机构", "第三方评价机构", "评价组织机构", "评估机构"),
    "commissioned_by": ("委托单位", "委托方", "委托机构", "委托部门"),
    "method": ("评价方式", "评价类型", "评价方法"),
    "evaluated_on": ("报告日期", "评价日期", "出具日期", "完成日期", "报告时间"),
    "report_number": ("报告编号", "报告文号", "评价报告编号"),
    "document_number": ("文号", "发文字号", "文件编号"),
    "year": ("项目年度", "预算年度", "评价年度", "年度"),
    "period": ("项目起止时间", "项目实施期", "项目实施期限", "实施期限", "项目周期", "起止时间", "实施时间", "项目实施时间"),
}
_COVER = re.compile(
    r"^(?P<label>" + "|".join(sorted((w for words in _COVER_LABELS.values() for w in words), key=len, reverse=True))
    + r")\s*(?:[:：]\s*|\s+)(?P<value>\S.{0,80})$"
)
_COVER_KEY = {word: key for key, words in _COVER_LABELS.items() for word in words}
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def cover_fields(paragraphs: list[str]) -> dict[str, str]:
    """Fields a cover page or a labelled line gives (``项目名称        优 抚``, ``评价机构：…``), first of each;
    a name spaced out on a cover (优 抚) is read closed up."""
    found: dict[str, str] = {}
    for text in paragraphs:
        line = text.strip()
        if len(line) > 100 or "\n" in line:
            continue
        match = _COVER.match(line)
        if not match:
            continue
        value = match.group("value").strip()
        if re.search(r"[。；]$", value) and len(value) > 30:
            continue  # a sentence that begins with the word, not a labelled value
        key = _COVER_KEY[match.group("label")]
        if key not in ("evaluated_on", "period"):
            value = _CJK_SPACE.sub("", value)
        found.setdefault(key, re.sub(r"\s+", " ", value))
    return found


# --- identity -------------------------------------------------------------------------------------

_LABELLED_DEPARTMENT = re.compile(r"(?:项目主管部门|主管部门|预算单位|预算部门)\s*[:：]\s*([^\s，。；:：]+)")
_LABELLED_IMPLEMENTER = re.compile(r"(?:项目实施单位|实施单位|项目单位|资金使用单位)\s*[:：]\s*([^\s，。；:：]+)")
_EVALUATOR = re.compile(r"^(?:评价机构|评价单位|受托机构|第三方评价机构|评价组织机构|评估机构)\s*[:：]\s*(\S.*)$")
_FIRM = re.compile(r"公司|事务所|研究院|研究所|研究中心|评审中心|评估中心|咨询|协会|大学|学院|第三方")
# The unit's own evaluation group is no evaluator of its own: 部门(单位)评价组, 自评小组.
_OWN_GROUP = re.compile(r"^(?:部门|单位|部门[（(]单位[)）]|本单位|本部门)?\s*(?:自评|评价|绩效评价|绩效自评)(?:工作)?(?:小组|组)$")
_COMMISSIONED = re.compile(r"受(?P<by>[^，。；,、受]{2,30}?)(?:的)?委托")
_ARRANGED = re.compile(
    r"(?P<by>[\u4e00-\u9fff]{0,12}?财政(?:厅|局|部|部门))(?:于[^，。；,]{0,20}?)?(?:安排|委托|组织|聘请)"
    r"(?P<evaluator>[^，。；,]{2,40}?)(?:对|就|为)[^。；]{0,120}?(?:开展|进行|实施)[^。；]{0,12}?(?:评价|评估|评审)"
)
_EVALUATOR_NAME = r"[^，。；,]{0,40}?(?:公司|事务所|研究院|研究所|中心|协会|学院|大学|第三方机构|第三方)(?:[（(][^（）()]{2,10}[)）])?"
_HIRED = re.compile(rf"委托(?P<evaluator>{_EVALUATOR_NAME})")
# 受X委托，Y于…对…开展评价 / 由Y实施: the evaluator as the subject of the evaluating.
_DOING = re.compile(rf"(?:委托[,，]\s*|由)(?P<evaluator>{_EVALUATOR_NAME})(?:于[^，。；,]{{0,20}}?)?[,，]?\s*"
                    r"(?:对|就|负责|具体|组织)?[^。；]{0,80}?(?:开展|实施|进行|承担)[^。；]{0,12}?(?:评价|评估)")
_CLAUSE_ORGAN = re.compile(rf"^(?P<organ>[\u4e00-\u9fff（）()]{{2,30}}?{_ORGAN_END})")
_SELF = re.compile(r"自评")
_THIRD_PARTY = re.compile(r"第三方")
_EVALUATION = re.compile(r"评价|评审|评估|绩效")
_REPORT_NUMBER = re.compile(r"(?:报告编号|报告文号|评价报告编号|编\s*号)\s*[:：]\s*(?P<number>[^\s，。；]{3,40})")
_DOCUMENT_NUMBER = r"[\u4e00-\u9fff]{1,10}(?:[〔\[［(（]\s*[\u4e00-\u9fff]{0,4}\s*[〕\]］)）])?[\u4e00-\u9fff]{0,6}[〔\[［]\d{4}[〕\]］]\s*\d{1,5}\s*号"
_LABELLED_DOCUMENT = re.compile(rf"(?<![索引])(?:文号|发文字号|文件编号)\s*[:：]?\s*(?P<number>{_DOCUMENT_NUMBER})")
_STANDALONE_DOCUMENT = re.compile(rf"^\s*(?P<number>{_DOCUMENT_NUMBER})\s*$")
_DATE_LABEL = re.compile(r"(?:报告日期|评价日期|出具日期|完成日期|报告时间|评价完成时间|日期)\s*[:：]\s*(?P<date>.+)$")
_PUBLISHED = re.compile(r"发布|发文|更新|成文|浏览|来源")


def read_identity(paragraphs: list[str], draft: Draft) -> None:
    meta = page_metadata(paragraphs)
    cover = cover_fields(paragraphs)
    titles = [parse_title(text) for text in paragraphs if is_title_line(text)]
    title = _title(titles, paragraphs, cover, draft)
    _year(title, paragraphs, cover, draft)
    department, implementer = _units(title, paragraphs, meta, cover, draft)
    _kind(paragraphs, meta, cover, department, implementer, draft)
    _numbers(paragraphs, title, cover, draft)
    _evaluated_on(paragraphs, cover, draft)


def _title(titles: list[Title], paragraphs: list[str], cover: dict[str, str], draft: Draft) -> Title | None:
    if cover.get("title"):
        draft.put("title", cover["title"])
        for title in titles:
            if title.year:
                return Title(title.line, cover["title"], title.year, title.unit)
        return titles[-1] if titles else None
    if not titles:
        name = _in_body_name(paragraphs)
        if name:
            draft.put("title", name)
            draft.note(f"原件没有标题行，项目名称取自正文“{short(name, 40)}”，请核对")
        return None
    chosen = titles[-1]
    # The same project named with and without its year (a cover and a heading): the name is without.
    for other in titles:
        if other is chosen or not _same_project(other.name, chosen.name):
            continue
        name = other.name if len(other.name) < len(chosen.name) else chosen.name
        chosen = Title(chosen.line, name, chosen.year or other.year, chosen.unit or other.unit,
                       chosen.overall or other.overall, chosen.form or other.form)
    draft.put("title", chosen.name)
    distinct = [t for t in titles if not _same_project(t.name, chosen.name)]
    if distinct:
        draft.put("program", distinct[0].name)
    if chosen.form:
        draft.put("form", chosen.form)
    if chosen.year is None:
        year = next((t.year for t in titles if t.year), None)
        if year:
            chosen.year = year
    return chosen


def _year(title: Title | None, paragraphs: list[str], cover: dict[str, str], draft: Draft) -> None:
    if title is not None and title.year:
        draft.put("year", str(title.year))
        draft.put("year_sources", {"标题": title.year})
        return
    labelled = re.match(r"\s*((?:19|20)\d{2})\s*年?度?\s*$", cover.get("year", ""))
    if labelled:
        draft.put("year", labelled.group(1))
        draft.put("year_sources", {"年度": int(labelled.group(1))})
        return
    period = find_dates(cover.get("period", ""))
    if period:
        years = sorted({mention.year for mention in period})
        draft.put("year", str(years[0]))
        draft.put("year_sources", {"项目起止时间": years[0]})
        if len(years) > 1:
            draft.note(f"项目起止时间“{cover['period']}”跨年，按开始的 {years[0]} 年记为项目年份，请核对 year")
        return
    # What the text says of the project's year: 2020年东川区…试点工作, 2019年度…; not a date
    # (2024年3月至5月 is when it was evaluated) and not a cited document's year.
    years: Counter = Counter()
    for text in paragraphs[:60]:
        stated = without_citations(plain(text))
        if _PUBLISHED.search(stated[:12]):
            continue
        dated = {(m.start, m.end) for m in find_dates(stated) if m.month is not None}
        for match in re.finditer(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)(?![\d一二三四五六七八九十]{1,2}月)", stated):
            if any(start <= match.start() < end for start, end in dated):
                continue
            years[int(match.group(1))] += 1
    if not years:
        return
    year, count = years.most_common(1)[0]
    draft.put("year", str(year))
    draft.put("year_sources", {"正文": year})
    if len(years) > 1:
        said = "、".join(f"{y} 年 {n} 处" for y, n in sorted(years.items()))
        draft.note(f"原件标题没有写年份，正文写到 {said}，按最多的 {year} 年记为项目年份，请核对 year")


def _units(title: Title | None, paragraphs: list[str], meta: dict[str, str], cover: dict[str, str],
           draft: Draft) -> tuple[str | None, str | None]:
    whole = "\n".join(paragraphs)
    department = cover.get("department") or next(
        (m.group(1) for m in (_LABELLED_DEPARTMENT.search(text) for text in paragraphs) if m), None)
    implementer = cover.get("implementer") or next(
        (m.group(1) for m in (_LABELLED_IMPLEMENTER.search(text) for text in paragraphs) if m), None)
    if title is not None and title.unit:
        if title.overall or _ORGAN.search(title.unit):
            department = department or title.unit
        else:
            implementer = implementer or title.unit
    if department is None:
        heading = _heading_organ(paragraphs, title)
        if heading:
            department = heading
    publisher = meta.get("发布机构") or meta.get("发文机关")
    if department is None and publisher and _ORGAN.search(publisher) and "财政" not in publisher:
        if implementer is None and (title is None or title.unit is None):
            department = publisher
            draft.note(f"原件未标明主管部门，按网页所载发布机构“{publisher}”记为主管部门，请核对")
        elif publisher not in (implementer or ""):
            draft.note(f"网页所载发布机构为“{publisher}”，原件未标明其为主管部门，记录未写 department，请核对")
    if department is None and implementer is None:
        third_party = bool(_THIRD_PARTY.search(whole)) or any(
            _FIRM.search(m.group(1)) for m in (_EVALUATOR.match(t) for t in paragraphs[:20]) if m)
        # an office named after a known place: 昆明市东川区民政局, 云南省民政厅
        organs = Counter(name for text in paragraphs for name in named_offices(text))
        organs = Counter({name: count for name, count in organs.items() if "财政" not in name or not third_party})
        if organs and not third_party:
            name, count = organs.most_common(1)[0]
            if count >= 2:
                department = name
                draft.note(f"原件未写明主管部门，按正文反复出现的“{name}”（{count} 次）记为主管部门和评价单位，请核对")
    draft.put("department", department)
    draft.put("implementer", implementer)
    return department, implementer


def _heading_organ(paragraphs: list[str], title: Title | None) -> str | None:
    """An organ named on a line of its own right above the title (宁夏…产业园区管委会)."""
    if title is None:
        return None
    for index, text in enumerate(paragraphs[:20]):
        if text == title.line and index > 0:
            above = re.sub(r"\s+", "", paragraphs[index - 1])
            if re.fullmatch(r"[\u4e00-\u9fff（）()]{4,40}", above) and _ORGAN.search(above) and not is_page_chrome(above):
                return above
            return None
    return None


def _kind(paragraphs: list[str], meta: dict[str, str], cover: dict[str, str], department: str | None,
          implementer: str | None, draft: Draft) -> None:
    evaluator = cover.get("evaluator") or next(
        (m.group(1).strip() for m in (_EVALUATOR.match(text.strip()) for text in paragraphs[:40]) if m), None)
    own_group = bool(evaluator and _OWN_GROUP.match(re.sub(r"\s+", "", evaluator)))
    if own_group:
        evaluator = None
    commissioned_by = cover.get("commissioned_by")
    kind = None
    if commissioned_by:
        kind = "finance" if "财政" in commissioned_by else "department"
    method = cover.get("method", "")
    if "自评" in method and not commissioned_by:
        kind = "self"
        own_group = True
    for text in paragraphs:
        for sentence in re.split(r"[。；;]", without_citations(plain(text))):
            if not _EVALUATION.search(sentence):
                continue
            arranged = _ARRANGED.search(sentence)
            if arranged and commissioned_by is None:
                commissioned_by = _organ_name(arranged.group("by"))
                evaluator = evaluator or arranged.group("evaluator").strip()
                kind = "finance"
            commissioned = _COMMISSIONED.search(sentence)
            if commissioned and commissioned_by is None:
                commissioned_by = commissioned.group("by").strip()
                kind = "finance" if "财政" in commissioned_by else "department"
            doing = _DOING.search(sentence)
            if doing and evaluator is None and not doing.group("evaluator").strip().startswith("第三方"):
                evaluator = doing.group("evaluator").strip()
            hired = _HIRED.search(sentence)
            if hired:
                named = hired.group("evaluator").strip()
                if evaluator is None and not named.startswith("第三方"):
                    evaluator = named
                if commissioned_by is None:
                    organ = _commissioner_before(sentence[: hired.start()])
                    if organ:
                        commissioned_by = organ
                        kind = "finance" if "财政" in organ else "department"
    if evaluator is None and not own_group:
        signature = _signature_unit(paragraphs)
        if signature and _FIRM.search(signature):
            evaluator = signature
            draft.note(f"评价机构按文末署名“{signature}”记录，请核对")
    whole = "\n".join(paragraphs)
    external = bool(evaluator and _FIRM.search(evaluator))
    third_party = external or any(_THIRD_PARTY.search(s) and _EVALUATION.search(s)
                                  for text in paragraphs for s in re.split(r"[。；;]", text))
    if kind is None and third_party:
        publisher = meta.get("文章来源") or meta.get("来源") or meta.get("发布机构") or ""
        kind = "finance"
        if "财政" in publisher:
            draft.note(f"原件为第三方机构评价，未写明委托方；发布单位为“{publisher}”，按财政评价（finance）记录，请核对")
        elif "重点评价" in whole:
            draft.note("原件为第三方机构开展的重点评价，未写明委托方，按财政评价（finance）记录，请核对")
        else:
            draft.note("原件为第三方机构评价，未写明委托方，按财政评价（finance）记录，请核对 kind 与 commissioned_by")
    if kind is None:
        kind = "self"
        if not _SELF.search(whole) and not own_group:
            draft.note("原件未写明评价类型，按单位自评（self）记录，请核对")
    draft.put("kind", kind)
    draft.put("commissioned_by", commissioned_by)
    if kind == "self":
        draft.put("evaluator", evaluator or department or implementer)
    else:
        draft.put("evaluator", evaluator)
        if evaluator is None:
            draft.note("原件未写明评价机构的名称，记录未写 evaluator")


def _organ_name(text: str) -> str:
    """The organ of a phrase that runs into it (为加强管理市财政局 → 市财政局)."""
    offices = named_offices(text)
    if offices and text.endswith(offices[-1]):
        return offices[-1]
    return re.sub(r"^.*(?:[为经由并后在将对和与及]|根据|按照|要求)(?=[\u4e00-\u9fff]{1,10}财政)", "", text)


def _commissioner_before(text: str) -> str | None:
    """The organ that commissions: the subject of the clause that says 委托 (…管委会高度重视,…,委托第三方机构)."""
    for clause in reversed(re.split(r"[，,、:：]", text)):
        match = _CLAUSE_ORGAN.match(clause.strip())
        if match:
            return match.group("organ")
    return None


def _signature_unit(paragraphs: list[str]) -> str | None:
    """The unit that signs the report off: its name on one of the last lines, above a date or last."""
    tail = [text.strip() for text in paragraphs[-3:] if text.strip()]
    for text in reversed(tail):
        if full_date(text) is not None:
            continue
        return re.sub(r"\s+", "", text) if is_signature(text) else None
    return None


def _numbers(paragraphs: list[str], title: Title | None, cover: dict[str, str], draft: Draft) -> None:
    if cover.get("report_number") and not re.fullmatch(r"[无/—-]+", cover["report_number"]):
        draft.put("report_number", cover["report_number"])
    number = re.fullmatch(_DOCUMENT_NUMBER, re.sub(r"\s+", "", cover.get("document_number", "")))
    if number:
        draft.put("document_number", number.group(0))
    for text in paragraphs[:60]:
        match = _REPORT_NUMBER.search(text)
        if match and "report_number" not in draft.fields and "索引" not in text[: match.start()]:
            draft.put("report_number", match.group("number"))
        match = _LABELLED_DOCUMENT.search(text)
        if match and "document_number" not in draft.fields:
            draft.put("document_number", re.sub(r"\s+", "", match.group("number")))
    if "document_number" in draft.fields:
        return
    # A 发文字号 on a line of its own near the report's title is the report's own number.
    head = paragraphs[:12]
    if title is not None and title.line in head:
        around = head[max(0, head.index(title.line) - 3): head.index(title.line) + 3]
        for text in around:
            match = _STANDALONE_DOCUMENT.match(text)
            if match:
                draft.put("document_number", re.sub(r"\s+", "", match.group("number")))
                return


def _evaluated_on(paragraphs: list[str], cover: dict[str, str], draft: Draft) -> None:
    """The date the report gives itself: a labelled 报告日期, or the date line of its signature."""
    dates = find_dates(cover.get("evaluated_on", ""))
    if dates and dates[0].month is not None:
        draft.put("evaluated_on", dates[0].text)
        return
    for text in paragraphs:
        match = _DATE_LABEL.search(text.strip())
        if match and not _PUBLISHED.search(text[: match.start()]):
            value = one_line(match.group("date"))
            dates = find_dates(value)
            if dates and dates[0].month is not None:
                draft.put("evaluated_on", dates[0].text)
                return
    for text in reversed(paragraphs[-6:]):
        found = full_date(text)
        if found is not None:
            draft.put("evaluated_on", found.text)
            return
    # a cover page: the date on a line of its own before the report's first section
    for text in paragraphs[:15]:
        if _NUMBERED.match(text.strip()):
            break
        found = full_date(text)
        if found is not None:
            draft.put("evaluated_on", found.text)
            return

"""From a run of atoms (the cells of a flattened table) to tables with rows.

Rows come from what the text shows (row-end markers, line breaks in bordered layouts) and, where
it shows nothing, from the form's own words: a field label (项目名称), a section label (年度总体
目标), a funds row (年度资金总额, 其中：…) starts a row. An indicator table is rebuilt from its
header: the header's words name the columns, and :func:`..tables.rows.segment` finds the rows.
Category cells written once above blank or missing cells are taken to span them (an inferred
merge), so every row knows its category, as it would in the Word file.
"""

from __future__ import annotations

import re

from ...document import Merge, Table
from ...tables.kinds import fit, is_blank
from ...tables.rows import (
    BORDERED,
    EXPLICIT,
    GLUED,
    HARD,
    MARKED,
    NONE,
    PARAGRAPHS,
    SOFT,
    Atom,
    Layout,
    Rebuilt,
    segment,
)
from ...tables.vocabulary import (
    INDICATOR_EXACT,
    MONEY_EXACT,
    MONEY_PART_ROW,
    MONEY_TOTAL_ROW,
    SECTION_LABELS,
    category_levels,
    field_of,
    indicator_role,
    is_frame,
    is_total_label,
    money_role,
    normal,
)
from . import displaced

_STOP = re.compile(
    r"^(说明|其他需要说明事项|注[:：]|注\d|备注[:：]|评价结论|存在问题|改进措施|项目名称|专项名称|填表人|项目负责人|单位负责人|"
    r"联系电话|部门联系人|财务负责人|主要领导|审核人|填报说明|填表说明)"
)
_SECTIONS = {normal(word) for word in SECTION_LABELS}


def join_split_labels(atoms: list[Atom]) -> list[Atom]:
    """A header word broken over two cells (``年初`` | ``预算数``, ``实际`` | ``完成值``, ``分`` | ``值``)
    is one cell: joined when the pieces together are a header word and the first alone is not."""
    out: list[Atom] = []
    index = 0
    while index < len(atoms):
        atom = atoms[index]
        # a bracketed qualifier on its own ((%)、(分)、(万元)) belongs to the label before it
        if out and out[-1].text and re.fullmatch(r"[（(][^()（）]{1,6}[)）]", atom.text.strip()) and atom.brk != HARD:
            out[-1] = Atom(out[-1].text + atom.text.strip(), out[-1].brk, out[-1].glued)
            index += 1
            continue
        if index + 1 < len(atoms) and atom.text and atoms[index + 1].text and atoms[index + 1].brk != HARD:
            joined = atom.text + atoms[index + 1].text
            def known(text):
                return indicator_role(text) or money_role(text) or field_of(text) or normal(text) in _SECTIONS

            # joined when together they are a header word exactly and one piece alone is not
            alone = known(atom.text) and known(atoms[index + 1].text)
            if not alone and len(joined) <= 12 and _whole_word(joined):
                out.append(Atom(joined, atom.brk, atom.glued))
                index += 2
                continue
        out.append(atom)
        index += 1
    return out


def _whole_word(text: str) -> bool:
    flat = normal(text)
    return bool(flat in INDICATOR_EXACT or flat in MONEY_EXACT or field_of(text) or flat in _SECTIONS
                or category_levels(text))


def tables(atoms: list[Atom], layout: Layout, lines_are_rows: bool, scattered: bool = False) -> list[Table]:
    """The tables in a run of atoms: indicator tables rebuilt, everything else in label rows.
    ``scattered``: the text is in a page's drawing order, so a header's words may lie apart."""
    atoms = join_split_labels(atoms)
    found: list[Table] = []
    position = 0
    while position < len(atoms):
        listed = _numbered_list(atoms, position)
        if listed is not None:
            begin, end, table = listed
            if begin > position:
                found.extend(_plain(atoms[position:begin], lines_are_rows))
            found.append(table)
            position = end
            continue
        header = find_header(atoms, position)
        if header is None and scattered:
            header = _scattered_header(atoms, position)
        if position == 0 and (orphan := _headerless_start(atoms, header[0] if header else len(atoms), layout)):
            stop, table = orphan
            found.append(table)
            position = stop
            continue
        if header is None:
            found.extend(_plain(atoms[position:], lines_are_rows))
            break
        begin, end, roles, header_rows = header
        if scattered:
            end, roles, header_rows = _more_header_words(atoms, end, roles, header_rows)
        if begin > position:
            found.extend(_plain(atoms[position:begin], lines_are_rows))
        stop = _body_end(atoms, end)
        rebuilt = _segment(atoms[end:stop], roles, _marked(atoms[end:stop], layout), scattered)
        if scattered:
            paired = _paired_by_order(atoms[end:stop], roles)
            if paired is not None and len(paired.rows) > _good_rows(rebuilt.rows, roles):
                rebuilt = paired
        total_end = _total_end(atoms, stop)
        found.append(_indicator_table(header_rows, roles, rebuilt.rows, _total_atoms(atoms, stop, total_end, rebuilt), rebuilt))
        position = total_end
    return [table for table in found if any(any(cell.strip() for cell in row) for row in table.cells)]


_LIST_WORDS = ("序号", "项目名称", "主管部门", "项目单位", "评价得分", "得分", "评价结果", "评价等级", "备注", "实施单位",
               "预算单位", "资金名称", "项目类型", "自评得分", "评价分值")


def _numbered_list(atoms: list[Atom], start: int):
    """A list of projects (评价结果公示: 序号 | 主管部门 | 项目单位 | 项目名称 | … | 评价得分 | …),
    its rows numbered 1, 2, 3…: rows are cut at their numbers, whatever the text lost of its rows.
    Returns (begin, end, table) or None."""
    for begin in range(start, len(atoms)):
        if normal(atoms[begin].text) != "序号":
            continue
        end = begin + 1
        while end < len(atoms) and not is_blank(atoms[end].text) and not re.fullmatch(r"\d+", atoms[end].text.strip()):
            end += 1
        header = [atom.text for atom in atoms[begin:end]]
        known = sum(1 for text in header if normal(text) in _LIST_WORDS or money_role(text) or field_of(text))
        if len(header) < 4 or known < 3 or not any(normal(text) == "项目名称" for text in header):
            return None
        rows, index, expected = [], end, 1
        while index < len(atoms) and atoms[index].text.strip() == str(expected):
            following = index + 1
            while following < len(atoms) and atoms[following].text.strip() != str(expected + 1) \
                    and following - index <= len(header):
                following += 1
            rows.append([atom.text for atom in atoms[index:following]])
            index, expected = following, expected + 1
        if not rows:
            return None
        return begin, index, Table([header, *rows], spans_known=False)
    return None


# Column orders of the forms, for an indicator table whose header the text lost (it starts mid-table).
_USUAL_HEADERS = (
    ["category", "subcategory", "name", "nature", "target", "measure_unit", "actual", "weight", "score", "note"],
    ["category", "subcategory", "name", "target", "actual", "weight", "score", "note"],
)


def _headerless_start(atoms: list[Atom], before: int, layout: Layout):
    """A text that starts inside an indicator table (its header cut off with the page above):
    rows up to a 合计/总分 row, each with a name and small figures, read in the column order of
    the form they fit best. Returns (where the table ends, the table) or None."""
    total = next((i for i in range(min(before, len(atoms))) if is_total_label(atoms[i].text)), None)
    if total is None or total < 6:
        return None
    body = atoms[:total]
    figures = sum(1 for atom in body if re.fullmatch(r"\d{1,3}(\.\d+)?", atom.text.strip()))
    if figures < 4 or any(field_of(atom.text) for atom in body):
        return None
    readings = [(segment(body, roles, _marked(body, layout)), roles) for roles in _USUAL_HEADERS]
    rebuilt, roles = max(readings, key=lambda item: item[0].score / max(1, len(item[0].rows)))
    if len(rebuilt.rows) < 2:
        return None
    end = _total_end(atoms, total)
    header = ["（原件从指标表中间开始，没有表头；按常见表样的栏目顺序读出）"] + [""] * (len(roles) - 1)
    table = _indicator_table([header], roles, rebuilt.rows, atoms[total:end], rebuilt)
    table.header_roles = dict(enumerate(roles))  # the columns, since no header row names them
    return end, table


# The order a national form gives its columns: a header whose words lie scattered is read in it.
_CANONICAL = ["frame", "category", "subcategory", "name", "nature", "target", "measure_unit", "adjusted_target", "actual",
              "weight", "score", "coefficient", "core", "rule", "note"]


def _scattered_header(atoms: list[Atom], start: int):
    """Header words apart from each other (a PDF's text layer in drawing order): the columns are
    the roles the words name, in the national form's order; the rows start after the first word.
    Read this way only when the words are all there: a name column and two value columns."""
    for begin in range(start, len(atoms)):
        if indicator_role(atoms[begin].text) not in ("category", "subcategory", "name"):
            continue  # an indicator header opens with its category or name columns
        roles = {}
        for index in range(begin, min(begin + 40, len(atoms))):
            role = indicator_role(atoms[index].text)
            if role and role not in roles:
                roles[role] = index
        values = set(roles) & {"target", "actual", "weight", "score"}
        if "name" in roles and len(values) >= 2:
            ordered = [role for role in _CANONICAL if role in roles]
            return begin, begin + 1, ordered, [[atoms[roles[role]].text for role in ordered]]
    return None


_VALUE_ROLES = ("target", "actual", "weight", "score")


def _more_header_words(atoms: list[Atom], end: int, roles: list[str], header_rows):
    """In drawing order a header's last words may come a few cells after its first row of figures
    (… 决策依据 2 2 复核分 评价标准及依据): columns they name are added, the words skipped."""
    added = list(roles)
    for index in range(end, min(end + 12, len(atoms))):
        role = indicator_role(atoms[index].text)
        if role in ("review_score", "rule", "note", "explanation") and role not in added:
            added.append(role)
            header_rows = [header_rows[0] + [atoms[index].text], *header_rows[1:]]
    return end, added, header_rows


def _segment(body: list[Atom], roles: list[str], layout: Layout, scattered: bool) -> Rebuilt:
    """The rows of an indicator table's body. Where the text is in a page's drawing order, a few
    rows may come piecewise (their names first, the rest of their figures after): such blocks are
    read by order (displaced.py), the cells around them as usual."""
    found = displaced.blocks(body, roles) if scattered else []
    if not found:
        return segment(body, roles, layout)
    result = Rebuilt(paired_rows=[])
    position = 0
    for block in found + [displaced.Block(len(body), len(body), [])]:
        if block.begin > position:
            part = segment(body[position:block.begin], roles, layout)
            result.rows += part.rows
            result.leftovers += part.leftovers
            result.split_numbers += part.split_numbers
            result.score += part.score
        result.paired_rows += range(len(result.rows), len(result.rows) + len(block.rows))
        result.rows += block.rows
        position = block.end
    return result


def _good_rows(rows: list[dict[int, str]], roles: list[str]) -> int:
    """Rows with a name and every value column filled."""
    wanted = [i for i, role in enumerate(roles) if role in _VALUE_ROLES or role == "name"]
    return sum(1 for row in rows if all(row.get(i, "").strip() for i in wanted))


def _paired_by_order(body: list[Atom], roles: list[str]) -> Rebuilt | None:
    """A PDF's text layer may give a table column group by column group: all the names, then all
    the figures (or the reverse). When the figures fall into whole rows of the header's value
    columns and there are as many names, the n-th name goes with the n-th row of figures — the
    only reading the text allows, and noted as such."""
    value_cols = [i for i, role in enumerate(roles) if role in _VALUE_ROLES]
    name_col = roles.index("name") if "name" in roles else None
    if name_col is None or len(value_cols) < 2:
        return None
    tuples: list[list[str]] = []
    names: list[str] = []
    stray: list[str] = []  # figures in no whole row: the total row's, or the text's loss
    index = 0
    while index < len(body):
        window = [atom.text for atom in body[index:index + len(value_cols)]]
        if len(window) == len(value_cols) and all(fit(roles[col], text) > 0.5 for col, text in zip(value_cols, window)):
            tuples.append(window)
            index += len(value_cols)
            continue
        text = body[index].text.strip()
        if text and fit("name", text) >= 1.0 and not category_levels(text) and not indicator_role(text) and not is_frame(text):
            if names and re.fullmatch(r"[率数度性量值额比例]", text):
                names[-1] += text  # a name's last character the PDF set on a line of its own
            elif len(text) == 1:
                pass  # a lone character of a spaced-out label (绩 效 指 标)
            else:
                names.append(text)
        elif _TOTAL_FIGURE.fullmatch(text):
            stray.append(text)
        index += 1
    if len(tuples) < 2 or len(names) != len(tuples):
        return None
    rows = []
    for name, figures in zip(names, tuples):
        row = {name_col: name}
        row.update(dict(zip(value_cols, figures)))
        rows.append(row)
    return Rebuilt(rows=rows, leftovers=stray, split_numbers=[], score=0.0, paired=True)


_TOTAL_FIGURE = re.compile(r"[\d.]+%?|[优良中差]|优秀|良好|合格|不合格")


def _total_atoms(atoms: list[Atom], stop: int, end: int, rebuilt: Rebuilt) -> list[Atom]:
    """The total row's label and figures. In a text given column group by column group, the 总分
    label may stand alone, its figures left behind at the end of the body (two or three figures
    in no whole row: 满分, 得分, 等级) — those are the total's, the only row they can belong to."""
    total = atoms[stop:end]
    if rebuilt.paired and len(total) == 1 and 1 <= len(rebuilt.leftovers) <= 3:
        total = total + [Atom(text) for text in rebuilt.leftovers]
        rebuilt.leftovers = []
    return total


def _marked(body: list[Atom], layout: Layout) -> Layout:
    """Pipes that end most rows with a run of pipes mark every row end; trust them then."""
    if layout is MARKED:
        hard = sum(1 for atom in body if atom.brk == HARD)
        if hard * 14 < len(body):
            return BORDERED
    return layout


def find_header(atoms: list[Atom], start: int):
    """The next indicator-table header at or after ``start``: (begin, end, roles, header rows).

    A header may take two rows: ``绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | …`` over
    ``一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位`` (the second row splits the
    first's 年度指标值 into its parts); the columns are then the second row's, followed by the
    first row's columns after 年度指标值."""
    index = start
    previous = None  # a header row without a name column, waiting for its second row
    while index < len(atoms):
        run = _role_run(atoms, index)
        if run is None:
            index += 1
            if previous is not None and index - previous[1] > 3:
                previous = None
            continue
        begin, end, roles = run
        header_rows = [[atom.text for atom in atoms[begin:end]]]
        if "name" not in roles:
            previous = run if "target" in roles else None
            index = end
            continue
        if not ({"target", "weight", "score", "actual"} & set(roles)) and previous is None:
            index = end
            continue
        if previous is not None and begin - previous[1] <= 3:
            # the first header row came before this one
            p_begin, p_end, p_roles = previous
            roles = roles + p_roles[p_roles.index("target") + 1:]
            header_rows = [[atom.text for atom in atoms[p_begin:p_end]], header_rows[0]]
            return _with_frame(atoms, start, p_begin, end, roles, header_rows, second_begin=begin)
        second = _role_run(atoms, end)
        if second is not None and "target" in roles:
            b2, e2, roles2 = second
            if "name" in roles2 and ({"nature", "measure_unit", "target"} & set(roles2)):
                roles = roles2 + roles[roles.index("target") + 1:]
                header_rows.append([atom.text for atom in atoms[b2:e2]])
                return _with_frame(atoms, start, begin, e2, roles, header_rows, second_begin=b2)
        return _with_frame(atoms, start, begin, end, roles, header_rows)
    return None


def _with_frame(atoms, start, begin, end, roles, header_rows, second_begin=None):
    """Blank header cells just after a row end, left of the first word, or a 绩效指标 label there:
    the frame column the national form merges down its left edge."""
    if second_begin is not None:
        return begin, end, roles, header_rows
    lead = begin
    while lead > start and is_blank(atoms[lead - 1].text) and atoms[lead].brk != HARD:
        lead -= 1
        if atoms[lead].brk == HARD:
            break
    if lead < begin and atoms[lead].brk == HARD:
        roles = ["frame"] * (begin - lead) + roles
        header_rows = [[""] * (begin - lead) + header_rows[0], *header_rows[1:]]
        begin = lead
    elif begin > start and is_frame(atoms[begin - 1].text):
        roles = ["frame", *roles]
        header_rows = [[atoms[begin - 1].text] + header_rows[0], *header_rows[1:]]
        begin -= 1
    return begin, end, roles, header_rows


def _role_run(atoms: list[Atom], index: int):
    """A run of header words starting at ``index``: (begin, end, roles), blank cells allowed inside."""
    if index >= len(atoms) or indicator_role(atoms[index].text) is None or field_of(atoms[index].text):
        return None
    roles: list[str] = []
    end = index
    while end < len(atoms):
        text = atoms[end].text
        role = indicator_role(text)
        if role is not None and not (roles and atoms[end].brk == HARD and len(roles) >= 3):
            if role in roles and role not in ("target",) and len(roles) >= 3:
                break
            if role == "category" and any(r not in ("frame", "blank") for r in roles):
                break  # 一级指标 opens a header row: a second header row starts here
            roles.append(role)
            end += 1
            continue
        if is_blank(text) and end + 1 < len(atoms) and indicator_role(atoms[end + 1].text) and not is_blank(atoms[end + 1].text):
            roles.append("blank")
            end += 1
            continue
        break
    roles = [role for role in roles]
    if len([role for role in roles if role != "blank"]) < 3:
        return None
    # a blank header cell inside the run: a column nobody named (kept, read as a note column)
    return index, end, [("note" if role == "blank" else role) for role in roles]


def _body_end(atoms: list[Atom], start: int) -> int:
    for index in range(start, len(atoms)):
        text = atoms[index].text.strip()
        if not text:
            continue
        flat = normal(text)
        if is_total_label(text) or _STOP.match(flat) or (index > start and _role_run(atoms, index) and find_header(atoms, index)):
            return index
        if field_of(text) in ("title", "department", "implementer"):
            return index
    return len(atoms)


def _total_end(atoms: list[Atom], stop: int) -> int:
    """The total row: its label and the figures after it (a 总分 row holds two or three)."""
    if stop >= len(atoms) or not is_total_label(atoms[stop].text):
        return stop
    index = stop + 1
    taken = 0
    while index < len(atoms) and taken < 4:
        text = atoms[index].text.strip()
        if re.fullmatch(r"[\d.]+%?|[优良中差]|优秀|良好|合格|不合格|—|-|", text):
            index += 1
            taken += 1 if text else 0
            continue
        break
    return index


def _indicator_table(header_rows, roles, rows, total_atoms, rebuilt) -> Table:
    width = len(roles)
    grid: list[list[str]] = []
    merges: list[Merge] = []
    if len(header_rows) == 2:
        first, second = _two_row_header(header_rows, roles, merges)
        grid.extend([first, second])
    else:
        grid.append((header_rows[0] + [""] * width)[:width])
    first_data = len(grid)
    for row in rows:
        grid.append([row.get(col, "") for col in range(width)])
    if total_atoms:
        grid.append([atom.text for atom in total_atoms])
    merges += _inferred_merges(grid, roles, first_data, rows)
    table = Table.from_origins(grid, merges, spans_known=False)
    table.rebuilt = rebuilt  # what the row builder split or left over, for the notes
    return table


def _two_row_header(header_rows, roles, merges) -> tuple[list[str], list[str]]:
    """The upper header row laid over its columns: its 年度指标值 spans the columns the lower row
    splits it into (指标性质 | 指标值 | 度量单位); what it has before that spans the lower row's
    category and name columns; what it has after follows in order."""
    upper, lower = header_rows
    width = len(roles)
    upper_roles = [indicator_role(text) or ("frame" if is_frame(text) else "") for text in upper]
    target = upper_roles.index("target") if "target" in upper_roles else 0
    split = next((i for i, role in enumerate(roles[:len(lower)]) if role in ("nature", "target", "measure_unit")), len(lower))
    first = [""] * width
    before = " ".join(text for text in upper[:target] if text.strip())
    for col in range(split):
        first[col] = before
    for col in range(split, len(lower)):
        first[col] = upper[target] if target < len(upper) else ""
    for offset, text in enumerate(upper[target + 1:]):
        if len(lower) + offset < width:
            first[len(lower) + offset] = text
    if split > 1 and before:
        merges.append(Merge(0, 0, 0, split - 1))
    if len(lower) - split > 1:
        merges.append(Merge(0, split, 0, len(lower) - 1))
    second = (lower + [""] * width)[:width]
    return first, second


def _inferred_merges(grid, roles, first, rows) -> list[Merge]:
    """Category, sub-category and frame cells left blank (or missing) below a written one span
    down to it: the text says nothing else, and the Word form it came from merged them."""
    merges: list[Merge] = []
    spanning = [col for col, role in enumerate(roles) if role in ("frame", "category", "subcategory")]
    last = first + len(rows) - 1
    for col in spanning:
        top = None
        for r in range(first, last + 2):
            text = grid[r][col].strip() if r <= last else "x"
            restart = bool(text) or r > last
            if col > 0 and r <= last and any(grid[r][c].strip() for c in spanning if c < col):
                restart = True  # a new parent category starts a new group below it
            if restart:
                if top is not None and r - 1 > top:
                    merges.append(Merge(top, col, r - 1, col))
                top = r if r <= last and text else None
    return merges


def _plain(atoms: list[Atom], lines_are_rows: bool) -> list[Table]:
    """Rows of a part that is not an indicator table: cut at row ends, and before labels where the
    text shows no row ends at all."""
    rows: list[list[str]] = []
    current: list[str] = []
    for atom in atoms:
        starts = atom.brk == HARD or (lines_are_rows and atom.brk == SOFT) or (current and _starts_row(atom.text))
        if starts and current:
            rows.append(current)
            current = []
        current.append(atom.text)
    if current:
        rows.append(current)
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    return [Table(rows, spans_known=False)] if rows else []


_FORM_TITLE = re.compile(r"(绩效(目标)?自评(价)?表|绩效评价表|自评报告|评价报告)")


def _starts_row(text: str) -> bool:
    flat = normal(text)
    if not flat:
        return False
    if len(flat) <= 40 and _FORM_TITLE.search(flat):
        return True  # a form's title line opens the next form
    return bool(field_of(text) or flat in _SECTIONS or MONEY_TOTAL_ROW.match(flat) or MONEY_PART_ROW.match(flat)
                or (money_role(text) == "initial"))


__all__ = ["BORDERED", "EXPLICIT", "GLUED", "PARAGRAPHS", "HARD", "MARKED", "NONE", "SOFT", "Atom", "find_header", "join_split_labels", "tables"]

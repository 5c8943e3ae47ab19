"""Characters a PDF's font tables name wrongly, put right.

A CJK font draws 门 and the radical ⻔ with one glyph; Chromium, Word and other producers often
write the radical's code point into the PDF's ToUnicode table, so the text reads 部⻔, ⽀出, ⾃评
although the page shows 部门, 支出, 自评. Kangxi radicals (U+2F00–U+2FD5) and compatibility
ideographs (U+F900–U+FAFF) have a canonical twin that NFKC gives; the CJK radicals supplement
(U+2E80–U+2EF3) has none in Python's tables, so the twins of those a report can show are listed
here (after Unicode's EquivalentUnifiedIdeograph data). Where a radical's twin differs between
simplified and traditional fonts (⼾: 户 or 戶) the simplified one is taken, as reports are.
"""

from __future__ import annotations

import unicodedata

_SUPPLEMENT = dict(zip(
    "⺁⺄⺅⺆⺌⺍⺕⺜⺝⺟⺠⺤⺨⺩⺮⺶⺷⺹⺾⺿⻀⻁⻂⻃⻄⻅⻆⻈⻉⻋⻌⻏⻐⻑⻓⻔⻖⻗⻘⻙⻚⻛⻜⻝⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "厂乙亻冂小小彐日月母民爫犭王竹羊羊耂艹艹艹虎衤覀西见角讠贝车辶阝钅長长门阝雨青韦页风飞食饣马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
))


def canonical(text: str) -> str:
    if not text or not ("\u2e80" <= text[0] <= "\u2fdf" or "\uf900" <= text[0] <= "\ufaff"):
        return text
    if text in _SUPPLEMENT:
        return _SUPPLEMENT[text]
    if text == "\u2f3e":
        return "户"  # the door radical's NFKC twin is 戶; simplified fonts draw it as 户
    return unicodedata.normalize("NFKC", text)

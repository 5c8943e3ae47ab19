"""One synthetic record: its identity, money, indicator table, defects and narrative, built from
one seeded random stream, written as the text of its file. The tables it draws from are data
(tables.py); its scores and grades come from the scheme files (scores.py)."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from jixiao.core.values import parse_value as _parse_value

from .scores import execution_score, grade_for, grade_ladder, q2, row_score
from .tables import (
    COMMON_STREETS, DEFECTS, EXEC_REASONS, FIRM_KINDS, FIRMS, FORMS, GEN_C, GEN_SAT, GEN_SOC, GEN_SUS, GEN_T, GIVEN,
    MET_WORDS, MISS_REASONS, MISS_REASONS_QUALITATIVE, MISS_REASONS_SATISFACTION, ORG_SENTENCES, PARTIAL_WORDS,
    PROBLEMS, PROVINCES, STREETS, SUGGESTIONS, SURNAMES, TOPICS, TOPICS_BY_SLUG,
)

CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
_TARGET = re.compile(r"^(=|≥|>=|>|≤|<=|<)?(\d+(?:\.\d+)?)(?:~(\d+(?:\.\d+)?))?(.*)$")
_NEEDS_QUOTES = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`=<≥≤“ ]|[,\[\]{}]|: |\s#|:$|^\s|\s$")
_RESERVED = {"", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"}


_QUOTED: dict[str, str] = {}


def y(value) -> str:
    """A scalar for the front matter: plain when safe, else double-quoted."""
    text = value if isinstance(value, str) else str(value)
    written = _QUOTED.get(text)
    if written is None:
        written = text
        if text in _RESERVED or _NEEDS_QUOTES.search(text):
            written = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if len(_QUOTED) < 50000:  # names and words recur; free text does not need to stay
            _QUOTED[text] = written
    return written


def num(value: Decimal) -> str:
    """A weight or score as a unit writes it: 7.5, 0.5, 10, 7.94."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _pick_weighted(rng: random.Random, pairs):
    total = sum(weight for _, weight in pairs)
    point = rng.random() * total
    for item, weight in pairs:
        point -= weight
        if point < 0:
            return item
    return pairs[-1][0]


@dataclass
class Place:
    province: str
    city: str
    city_py: str
    district: str | None
    street: str | None
    municipality: bool

    @property
    def region(self) -> list[str]:
        parts = [self.province] if self.municipality else [self.province, self.city]
        if self.district:
            parts.append(self.district)
        if self.street:
            parts.append(self.street)
        return parts

    @property
    def city_short(self) -> str:
        if self.city.endswith("自治州"):
            return self.city[:2]
        return self.city[:-1]

    @property
    def province_short(self) -> str:
        for suffix in ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"):
            if self.province.endswith(suffix):
                return self.province[: -len(suffix)]
        return self.province

    @property
    def name(self) -> str:
        """How the narrative names the place: 苏州市姑苏区, 上海市闵行区古美路街道."""
        parts = [self.city] + ([self.district] if self.district else []) + ([self.street] if self.street else [])
        return "".join(parts)


# --- indicators --------------------------------------------------------------------------------


@dataclass
class Row:
    category: str
    subcategory: str | None
    name: str
    target: str | None
    weight: Decimal | None  # None on a 其中 sub-row: shown as printed, not scored
    actual: str | None = None
    score: Decimal | None = None
    note: str | None = None
    explanation: str | None = None
    rule: str | None = None
    met: bool = True
    execution: bool = False


@dataclass
class Target:
    op: str  # "", "=", "≥", ">=", ">", "≤", "<=", "<"
    value: Decimal | None  # None: qualitative
    unit: str
    word: str | None

    @property
    def upper(self) -> bool:
        return self.op in ("≤", "<=", "<")

    @property
    def percent(self) -> bool:
        return self.unit == "%"


def _draw_target(rng: random.Random, choice: str, ascii_ops: bool) -> tuple[str, Target]:
    match = _TARGET.match(choice)
    if not match:
        return choice, Target("", None, "", choice)
    op, low, high, unit = match.group(1) or "", match.group(2), match.group(3), match.group(4)
    if high is not None:
        lo, hi = float(low), float(high)
        raw = lo * (hi / lo) ** rng.random() if lo > 0 else lo + (hi - lo) * rng.random()
        decimals = len(low.split(".")[1]) if "." in low else 0
        value = _round_nice(raw, decimals)
    else:
        value = Decimal(low)
    if ascii_ops:
        op = {"≥": ">=", "≤": "<="}.get(op, op)
    text = f"{op}{num(value)}{unit}"
    return text, Target(op, value, unit, None)


def _round_nice(raw: float, decimals: int) -> Decimal:
    if decimals:
        return Decimal(str(round(raw, decimals)))
    if raw >= 10000:
        step = 1000
    elif raw >= 1000:
        step = 100
    elif raw >= 200:
        step = 10
    else:
        step = 1
    return Decimal(max(step, int(round(raw / step)) * step))




def _fmt_amount(value: Decimal, decimals: int) -> str:
    """An actual value as units write it: 165, 96.5, 100 (not 100.0)."""
    return num(value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def _actual_for(rng: random.Random, target: Target, met: bool, style: dict) -> tuple[str, Decimal | None]:
    """The actual value as written, and the completion ratio (for an unmet quantitative row)."""
    if target.value is None:
        if met:
            if style["qual_as_percent"]:
                return "100%", None
            return (target.word if rng.random() < 0.65 else rng.choice(MET_WORDS)), None
        word = rng.choice(PARTIAL_WORDS)
        return word, None
    value, unit = target.value, target.unit
    decimals = 1 if (target.percent or value != value.to_integral_value()) else 0
    if value == 0:  # "=0" (no accidents): met means 0
        return ("0" + unit if met else "1" + unit), None
    if met:
        if target.op in ("=", ""):
            actual = value
        elif target.upper:
            actual = value * Decimal(str(round(0.7 + 0.3 * rng.random(), 3)))
        else:
            if target.percent:
                room = min(HUNDRED, value * Decimal("1.2")) - value
                actual = value + room * Decimal(str(round(rng.random(), 3)))
                if target.op == ">" and actual == value:
                    actual = value + Decimal("0.1")
            else:
                actual = value * Decimal(str(round(1 + 0.2 * rng.random(), 3)))
                if target.op == ">":
                    actual = max(actual, value + 1)
        actual_text = _fmt_amount(actual, decimals)
        if target.op == ">" and Decimal(actual_text) <= value:
            actual_text = _fmt_amount(value + (Decimal("0.1") if decimals else Decimal(1)), decimals)
        if target.upper and Decimal(actual_text) > value:
            actual_text = _fmt_amount(value, decimals)
        if not target.upper and Decimal(actual_text) > value * Decimal("1.3"):  # Suzhou deducts above 130%
            actual_text = _fmt_amount(value, decimals) if target.op != ">" else actual_text
        prefix = "=" if (style["eq_actual"] and target.op == "=") else ""
        return f"{prefix}{actual_text}{unit}", None
    # unmet: 3%–12% short (or over, for an upper bound)
    gap = Decimal(str(round(0.03 + 0.09 * rng.random(), 3)))
    if target.upper:
        actual = value * (1 + gap)
        actual_text = _fmt_amount(actual, decimals)
        if Decimal(actual_text) <= value:
            actual_text = _fmt_amount(value + (Decimal("0.1") if decimals else Decimal(1)), decimals)
        ratio = value / Decimal(actual_text)
    elif target.percent:
        shortfall = max(Decimal(1), (value * gap).quantize(Decimal("0.1")))
        actual_text = _fmt_amount(value - shortfall, 1)
        ratio = Decimal(actual_text) / value
    else:
        actual = value * (1 - gap)
        actual_text = _fmt_amount(actual, decimals)
        if Decimal(actual_text) >= value:
            actual_text = _fmt_amount(value - (Decimal("0.1") if decimals else Decimal(1)), decimals)
        ratio = Decimal(actual_text) / value
    return f"{actual_text}{unit}", ratio


def _split(rng: random.Random, total: Decimal, count: int, step: Decimal) -> list[Decimal]:
    """``total`` split over ``count`` parts, each a positive multiple of ``step``, summing exactly."""
    units = int(total / step)
    if count <= 1 or units < count:
        return [total] if count <= 1 else [total / count] * count
    weights = [0.6 + rng.random() for _ in range(count)]
    scale = sum(weights)
    parts = [max(1, int(units * w / scale)) for w in weights]
    parts[-1] += units - sum(parts)
    while parts[-1] < 1:  # borrow from the largest
        big = max(range(count - 1), key=lambda i: parts[i])
        parts[big] -= 1
        parts[-1] += 1
    return [step * p for p in parts]


# --- the record ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Generated:
    """One generated record: its id, year, file text and the defects it carries."""

    id: str
    year: int
    text: str
    defects: tuple[str, ...]

    @property
    def relpath(self) -> str:
        return f"reports/{self.year}/{self.id}.md"


class RecordBuilder:
    def __init__(self, index: int, seed: int, defective: bool, attempt: int = 0):
        self.index = index
        self.seed = seed
        stream = f"jixiao-corpus:{seed}:{index}" + (f":{attempt}" if attempt else "")
        self.rng = random.Random(stream)
        self.defective = defective
        self.defects: list[str] = []

    # -- identity --

    def identity(self):
        rng = self.rng
        self.scheme = _pick_weighted(rng, [(form.scheme, form.share) for form in FORMS.values()])
        scheme = self.scheme
        if scheme == "suzhou-2024":
            self.year = rng.randint(2021, 2025)
        elif scheme == "suzhou-2018":
            self.year = rng.randint(2015, 2020)
        elif scheme == "minhang-2020":
            self.year = rng.randint(2018, 2025)
        else:
            self.year = _pick_weighted(rng, [(year, 1 + (year - 2015) * 0.6) for year in range(2015, 2026)])
        if scheme == "minhang-2020":
            topic = TOPICS_BY_SLUG["shequ"] if rng.random() < 0.55 else rng.choice(TOPICS)
        else:
            topic = rng.choice(TOPICS)
        self.topic = topic
        levels = list(topic.depts)
        level = "street" if levels == ["street"] else _pick_weighted(rng, [("city", 45), ("district", 55)])
        if level not in topic.depts:
            level = levels[0]
        self.level = level
        self.place = self._place(level)
        self.kind = "self" if scheme != "national-2020" else _pick_weighted(rng, [("self", 80), ("department", 12), ("finance", 8)])
        self.department = self._department()
        self.implementer = rng.choice(topic.impl) if rng.random() < 0.85 else None
        title = rng.choice(topic.titles)
        if rng.random() < 0.35:
            title = f"{self.year}年{title}"
        if level == "street" and rng.random() < 0.3:
            title = f"（{self.implementer or '党建办'}）{title}"
        self.title = title
        self.short_title = title.split("年", 1)[1] if title.startswith(str(self.year) + "年") else title
        self.program = rng.choice(topic.program) if topic.program and rng.random() < 0.4 else None
        self.id = f"{self.place.city_py}-{self.year}-{topic.slug}-{self.index + 1:05d}"
        # writing habits of this unit
        self.style = {
            "ascii_ops": rng.random() < 0.15,
            "eq_actual": rng.random() < 0.2,
            "qual_as_percent": scheme == "suzhou-2024" and rng.random() < 0.8,
            "plain_money": rng.random() < 0.4,
            "plain_total": rng.random() < 0.3,
        }

    def _place(self, level: str) -> Place:
        rng = self.rng
        if self.scheme.startswith("suzhou"):
            province = "江苏省"
            city = next(c for p, _, cities in PROVINCES if p == province for c in cities if c[0] == "苏州市")
        elif self.scheme == "minhang-2020":
            province = "上海市"
            city = next(cities[0] for p, _, cities in PROVINCES if p == province)
            level = level if level != "city" else "district"
        else:
            entry = rng.choice(PROVINCES)
            province, city = entry[0], rng.choice(entry[2])
        municipality = province == city[0]
        district = street = None
        districts = city[2].split()
        if self.scheme == "minhang-2020":
            district = "闵行区"
        elif level in ("district", "street"):
            district = rng.choice(districts)
        if level == "street":
            street = rng.choice(STREETS.get(district, COMMON_STREETS))
        if self.scheme.startswith("suzhou") and level == "district" and rng.random() < 0.5:
            district = None  # a city unit, the project is the city's
        self.level = "city" if district is None else level
        return Place(province, city[0], city[1], district, street, municipality)

    def _department(self) -> str:
        rng, place, level = self.rng, self.place, self.level
        suffixes = self.topic.depts.get(level) or self.topic.depts.get("district") or next(iter(self.topic.depts.values()))
        suffix = rng.choice(suffixes)
        if level == "street":
            street = place.street or "城关街道"
            district_full = (place.city + place.district) if place.municipality or rng.random() < 0.4 else place.district
            if street.endswith("镇"):
                return f"{district_full}{street}人民政府"
            if place.municipality:
                return f"{place.city}{place.district}人民政府{street}办事处"
            return f"{district_full}{street}办事处"
        if level == "city":
            owner = place.city if place.city.endswith("市") else place.city_short + "州"
            prefix_owner = place.city
        else:
            owner = place.district
            prefix_owner = (place.city + place.district) if (place.municipality or rng.random() < 0.3) else place.district
        if suffix == "委组织部":
            return f"中共{owner}委组织部"
        if suffix == "生态环境分局":
            return f"{place.city}生态环境局{place.district[:-1]}分局"
        return f"{prefix_owner}{suffix}"

    # -- money --

    def money(self):
        rng = self.rng
        scheme = self.scheme
        if scheme.startswith("suzhou"):
            unit = "万元"
        elif scheme == "minhang-2020":
            unit = "元"
        else:
            unit = "万元" if rng.random() < 0.6 else "元"
        if "unit-mismatch" in self.planned:
            unit = "元"
        self.true_unit = unit
        low, high = {"city": (2e5, 2e8), "district": (5e4, 5e7), "street": (2e4, 5e6)}[self.level]
        if "unit-mismatch" in self.planned:
            low, high = max(low, 1.2e6), max(high, 3e7)
        yuan = low * (high / low) ** rng.random()
        step = Decimal("0.1") if unit == "万元" else Decimal(100)
        if unit == "万元":
            initial = Decimal(str(round(yuan / 10000, 1 if yuan < 5e6 else 0)))
            if initial <= 0:
                initial = Decimal("2.0")
        else:
            initial = Decimal(int(round(yuan / 100)) * 100)
        initial = initial.quantize(CENT)
        roll = rng.random()
        if roll < 0.55:
            adjustment = ZERO
        elif roll < 0.8:
            adjustment = -(initial * Decimal(str(round(0.02 + 0.23 * rng.random(), 3)))).quantize(step, rounding=ROUND_DOWN)
        else:
            adjustment = (initial * Decimal(str(round(0.02 + 0.28 * rng.random(), 3)))).quantize(step, rounding=ROUND_DOWN)
        adjustment = adjustment.quantize(CENT)
        full_year = initial + adjustment
        unallocated = ZERO
        if rng.random() < 0.18:
            unallocated = q2(full_year * Decimal(str(round(0.005 + 0.06 * rng.random(), 4))))
        appropriated = full_year - unallocated
        rate_pick = rng.random()
        if rate_pick < 0.35:
            executed = appropriated
        else:
            if rate_pick < 0.8:
                ratio = 0.95 + 0.0499 * rng.random()
            elif rate_pick < 0.95:
                ratio = 0.80 + 0.15 * rng.random()
            else:
                ratio = 0.55 + 0.25 * rng.random()
            executed = q2(appropriated * Decimal(str(round(ratio, 5))))
            if executed >= appropriated:
                executed = appropriated - CENT
        balance = appropriated - executed
        split = rng.random()
        if balance == 0 or split < 0.45:
            carried = ZERO
        elif split < 0.75:
            carried = balance
        else:
            carried = q2(balance * Decimal(str(round(rng.random(), 3))))
        recovered = balance - carried
        self.unit = unit
        self.b = {
            "initial": initial,
            "adjustment": adjustment,
            "full_year": full_year,
            "appropriated": appropriated,
            "unallocated": unallocated,
            "executed": executed,
            "balance": balance,
            "carried_forward": carried,
            "recovered": recovered,
        }
        self.rate = q2(executed / appropriated * HUNDRED) if appropriated else ZERO
        self.stated_rate = self.rate
        self.money_step = CENT if unit == "万元" else Decimal(1)
        self._subprojects()
        self._funding()

    def _subprojects(self):
        rng = self.rng
        count = _pick_weighted(rng, [(0, 30 if not self.scheme.startswith("suzhou") else 8), (1, 10), (2, 14), (3, 16), (4, 14), (5, 9), (6, 6)])
        if "subproject-overspend" in self.planned and count < 2:
            count = rng.randint(2, 5)
        if "unit-mismatch" in self.planned and count < 1:  # as in the 2018 Suzhou seed: a 万元 table beside 元 figures
            count = rng.randint(1, 4)
        self.subs: list[list] = []
        self.sub_total_row = False
        if count == 0:
            return
        names = list(self.topic.subs) + ["项目管理及第三方服务", "宣传培训"]
        rng.shuffle(names)
        names = names[:count] if count > 1 else [self.short_title]
        full, executed = self.b["full_year"], self.b["executed"]
        step = Decimal(1) if self.unit == "元" else CENT
        budgets = _split(rng, full, count, step if full / step >= count else CENT)
        budget_cents = [int(b * 100) for b in budgets]
        shortfall = int((full - executed) * 100)
        weights = [rng.random() + 0.05 for _ in budgets]
        scale = sum(weights)
        shorts = [min(bc, int(shortfall * w / scale)) for bc, w in zip(budget_cents, weights)]
        left = shortfall - sum(shorts)
        for i in range(count):
            take = min(left, budget_cents[i] - shorts[i])
            shorts[i] += take
            left -= take
        self.subs = [[name, b, Decimal(bc - s) / 100] for name, b, bc, s in zip(names, budgets, budget_cents, shorts)]
        self.sub_total_row = count >= 2 and rng.random() < 0.7

    def _funding(self):
        rng = self.rng
        self.funding: list[dict] = []
        if rng.random() > 0.25:
            return
        full, initial, executed = self.b["full_year"], self.b["initial"], self.b["executed"]
        step = Decimal(1) if self.unit == "元" else CENT
        if rng.random() < 0.5 and self.level != "city":
            prov_level = "自治区财政" if "自治区" in self.place.province else ("市级财政" if self.place.municipality else "省级财政")
            levels = ["中央财政", prov_level] + ([] if self.place.municipality else ["市级财政"])
            local = "街道财政" if self.level == "street" and rng.random() < 0.3 else ("区级财政" if self.place.district and self.place.district.endswith("区") else "县级财政")
            chosen = [lv for lv in levels if rng.random() < 0.5] + [local]
            amounts = _split(rng, full, len(chosen), step if full / step >= len(chosen) else CENT)
            self.funding.append({"source": rng.choice(["合计", "年度资金总额"]), "total": True, "amount": full})
            for name, amount in zip(chosen, amounts):
                self.funding.append({"source": name, "amount": amount})
        else:
            carry_in = ZERO
            if self.b["adjustment"] > 0 and rng.random() < 0.6:
                carry_in = self.b["adjustment"]
            carry_exec = min(carry_in, q2(executed * carry_in / full)) if full else ZERO
            self.funding.append({"source": "年度资金总额", "total": True, "initial": initial, "full_year": full, "executed": executed})
            self.funding.append({"source": "其中：当年财政拨款", "initial": initial, "full_year": full - carry_in, "executed": executed - carry_exec})
            self.funding.append({"source": "上年结转资金", "initial": ZERO, "full_year": carry_in, "executed": carry_exec})
            if rng.random() < 0.5:
                self.funding.append({"source": "其他资金", "initial": ZERO, "full_year": ZERO, "executed": ZERO})

    # -- indicators --

    def indicators(self):
        rng, scheme, topic = self.rng, self.scheme, self.topic
        ascii_ops = self.style["ascii_ops"]
        rows: list[Row] = []
        self.unmet_plan = _pick_weighted(rng, [(0, 55), (1, 28), (2, 12), (3, 5)])
        pools = {
            "q": list(topic.q),
            "p": list(topic.p),
            "t": list(topic.t) + GEN_T,
            "c": list(topic.c) + GEN_C,
            "soc": list(topic.soc) + GEN_SOC,
            "sus": list(topic.sus) + GEN_SUS,
            "sat": list(topic.sat) + GEN_SAT,
        }
        for pool in pools.values():
            rng.shuffle(pool)

        def take(pool: str, n: int) -> list[str]:
            items = pools[pool][:n]
            pools[pool] = pools[pool][n:]
            return items

        def spec_row(spec: str, category: str, subcategory: str | None, weight: Decimal) -> Row:
            name, choices = spec.split("|", 1)
            target_text, target = _draw_target(rng, rng.choice(choices.split(",")), ascii_ops)
            row = Row(category, subcategory, name, target_text, weight)
            row._target = target  # type: ignore[attr-defined]
            return row

        def fixed(category: str, name: str, target: str, weight: str, explanation=None, rule=None) -> Row:
            _, parsed = _draw_target(rng, target, False)
            row = Row(category, None, name, target, Decimal(weight), explanation=explanation, rule=rule)
            row._target = parsed  # type: ignore[attr-defined]
            return row

        def fixed_rows(form) -> list[Row]:
            """The rows every copy of the form prints (forms.yaml), the budget execution row marked."""
            made = []
            for category, specs in form.fixed_rows.items():
                for spec in specs:
                    row = fixed(category, spec.name, spec.target, spec.weight, spec.explanation, spec.rule)
                    row.execution = spec.name == "预算执行率"
                    made.append(row)
            return made

        if scheme == "national-2020":
            n_q = rng.randint(2, 5)
            n_p = rng.randint(1, 3)
            n_t = rng.randint(1, 2)
            n_c = rng.randint(0, 2)
            n_soc = rng.randint(1, 3)
            n_sus = rng.randint(1, 2)
            n_sat = rng.randint(1, 2)
            output = (
                [("数量指标", s) for s in take("q", n_q)]
                + [("质量指标", s) for s in take("p", n_p)]
                + [("时效指标", s) for s in take("t", n_t)]
                + [("成本指标", s) for s in take("c", n_c)]
            )
            benefit = [("社会效益指标", s) for s in take("soc", n_soc)] + [("可持续影响指标", s) for s in take("sus", n_sus)]
            satisfaction = [("服务对象满意度指标", s) for s in take("sat", n_sat)]
            total_rows = len(output) + len(benefit) + len(satisfaction) + 1
            while total_rows < 10:
                extra = take("q", 1) or take("p", 1) or take("t", 1)
                if not extra:
                    break
                output.append(("数量指标" if extra[0] in topic.q else "质量指标" if extra[0] in topic.p else "时效指标", extra[0]))
                total_rows += 1
            for group, category, points in ((output, "产出指标", 50), (benefit, "效益指标", 30), (satisfaction, "满意度指标", 10)):
                weights = _split(rng, Decimal(points), len(group), Decimal(1) if points / len(group) >= 2 else Decimal("0.5"))
                for (sub, spec), weight in zip(group, weights):
                    rows.append(spec_row(spec, category, sub, weight))
            execution = fixed("预算执行", "预算执行率", "=100%" if rng.random() < 0.7 else "100%", "10")
            execution.execution = True
            rows.append(execution)
            self.categories = {}
        elif scheme == "suzhou-2024":
            rows += fixed_rows(FORMS[scheme])
            n_out = rng.choice([2, 3, 4, 4, 5, 6])
            specs = take("q", rng.randint(1, min(3, n_out - 1)))
            specs += take("p", 1) + take("t", 1) + take("c", 1)
            specs = specs[:n_out]
            while len(specs) < n_out:
                specs += take("p", 1) or take("t", 1) or take("soc", 1)
            for spec in specs:
                rows.append(spec_row(spec, "产出目标", None, Decimal(30) / n_out))
            n_eff = rng.choice([1, 2, 2])
            for spec in (take("soc", 1) + take("sus", 1) + take("soc", 1))[:n_eff]:
                rows.append(spec_row(spec, "效益目标", None, Decimal("17.5") / n_eff))
            n_sat = rng.choice([1, 1, 2])
            for spec in take("sat", n_sat):
                rows.append(spec_row(spec, "满意度目标", None, Decimal("17.5") / n_sat))
            self.categories = {}
        elif scheme == "suzhou-2018":
            rows += fixed_rows(FORMS[scheme])
            out_specs = take("q", rng.randint(2, 4)) + take("p", rng.randint(0, 2))
            res_specs = take("soc", rng.randint(1, 2)) + take("sat", rng.randint(1, 2))
            inf_specs = take("sus", rng.randint(1, 2))
            inf_specs += list(FORMS[scheme].media_rows[: rng.randint(0, 3)])
            for specs, category, points in ((out_specs, "产出目标", 24), (res_specs, "结果目标", 26), (inf_specs, "影响力目标", 6)):
                weights = _split(rng, Decimal(points), len(specs), Decimal(1))
                for spec, weight in zip(specs, weights):
                    rows.append(spec_row(spec, category, None, weight))
            self.categories = {"投入目标": Decimal(24), "产出目标": Decimal(24), "结果目标": Decimal(26), "影响力目标": Decimal(6)}
        else:  # minhang-2020
            rows += fixed_rows(FORMS[scheme])
            out_specs = ["项目完成率|=100%", "项目完成合格率|=100%,≥95%", "项目完成及时率|=100%"] if rng.random() < 0.5 else take("q", rng.randint(1, 3)) + take("p", 1) + take("t", 1)
            eff_specs = take("soc", rng.randint(1, 3))
            inf_specs = take("sus", 1) + take("sat", rng.randint(1, 2))
            for specs, category, points in ((out_specs, "产出目标", 34), (eff_specs, "效果目标", 15), (inf_specs, "影响力目标", 15)):
                weights = _split(rng, Decimal(points), len(specs), Decimal(1))
                for spec, weight in zip(specs, weights):
                    row = spec_row(spec, category, None, weight)
                    row.explanation = f"反映{row.name}情况。"
                    row.rule = f"{row.name}达到目标值得满分；未达到的，按实际完成值占目标值的比例计分。"
                    rows.append(row)
            self.categories = {"投入与管理": Decimal(36), "产出目标": Decimal(34), "效果目标": Decimal(15), "影响力目标": Decimal(15)}
        self.rows = rows
        self._score_rows()

    def sub_rows(self):
        """Some national forms break a count down in a 其中 row printed without 分值 or 得分, as
        real forms do (濉溪 2019: 其中:农村低保对象中建档立卡贫困人口数量); the figures are a part of
        the row above. A stream of its own, so that every other figure stays as it was."""
        rng = random.Random(f"jixiao-corpus-subrows:{self.seed}:{self.index}")
        if self.scheme != "national-2020" or rng.random() >= 0.2:
            return
        for position, row in enumerate(self.rows):
            target, actual = _parse_value(row.target), _parse_value(row.actual)
            if (row.subcategory == "数量指标" and row.weight is not None and target.number and target.number >= 10
                    and target.unit and not target.percent and actual.number and actual.unit == target.unit
                    and actual.comparator is None):
                part = Decimal(rng.choice(("0.3", "0.4", "0.5")))
                target_part = (target.number * part).quantize(Decimal(1), rounding=ROUND_HALF_UP)
                actual_part = (actual.number * part).quantize(Decimal(1), rounding=ROUND_HALF_UP)
                op = row.target[: len(row.target) - len(row.target.lstrip("=≥≤<>"))]
                sub = Row(row.category, row.subcategory, f"其中：{row.name}（重点对象）", f"{op}{target_part}{target.unit}",
                          None, actual=f"{actual_part}{actual.unit}", met=row.met)
                self.rows.insert(position + 1, sub)
                return

    def _score_rows(self):
        rng, scheme = self.rng, self.scheme
        rows = self.rows
        candidates = [
            i for i, row in enumerate(rows)
            if not row.execution and row.category != "决策目标" and row._target.value != 0  # type: ignore[attr-defined]
        ]
        quantitative = [i for i in candidates if rows[i]._target.value is not None and rows[i]._target.value != 0]  # type: ignore[attr-defined]
        unmet = set(rng.sample(candidates, min(self.unmet_plan, len(candidates))))
        silent = None
        if "target-missed-no-note" in self.planned and quantitative:
            silent = rng.choice(quantitative)
            unmet.add(silent)
        elif "target-missed-no-note" in self.planned:
            self.planned.discard("target-missed-no-note")
        for i, row in enumerate(rows):
            target = row._target  # type: ignore[attr-defined]
            if row.execution:
                row.actual = f"{self.stated_rate}%"
                row.score = execution_score(scheme, row.category, row.name, row.target, row.weight, self.stated_rate)
                row.met = row.score == row.weight
                if self.stated_rate < 100:
                    row.note = rng.choice(EXEC_REASONS) + "。"
                continue
            met = i not in unmet
            actual, ratio = _actual_for(rng, target, met, self.style)
            row.actual, row.met = actual, met
            row.score = row_score(scheme, row.category, row.name, row.target, row.weight, actual, met, ratio)
            if not met:
                if row.score >= row.weight:  # a rounding step too small to show: make the gap visible
                    row.score = q2(row.weight * Decimal("0.9"))
                if i != silent:
                    if "满意" in row.name or "满意" in row.category:
                        reasons = MISS_REASONS_SATISFACTION
                    elif target.value is None:
                        reasons = MISS_REASONS_QUALITATIVE
                    else:
                        reasons = MISS_REASONS
                    row.note = rng.choice(reasons) + "。"
        self.silent = silent
        if silent is not None:
            self.defects.append("target-missed-no-note")

    # -- defects in the table --

    def table_defects(self):
        rng = self.rng
        rows = self.rows
        self.weight_total = Decimal(FORMS[self.scheme].full_marks)
        # other defects leave the silently missed row alone, so that it stays visible
        others = [r for i, r in enumerate(rows) if not r.execution and i != self.silent]
        if "weight-total-mismatch" in self.planned:
            row = rng.choice(others)
            delta = rng.choice([Decimal("0.5"), Decimal(1), Decimal(2)])
            if rng.random() < 0.5 and row.weight > delta:
                delta = -delta
            was_full = row.score == row.weight
            row.weight += delta
            if was_full:
                row.score = row.weight
            elif row.score is not None and row.score > row.weight:
                row.score = row.weight
            self.defects.append("weight-total-mismatch")
        total = sum((r.score for r in rows if r.score is not None), ZERO)
        self.total = total
        self.grade = grade_for(self.scheme, total)
        if "score-missing" in self.planned:
            row = rng.choice(others)
            row.score = None  # the declared total still counts it, as in the Minhang seed
            self.defects.append("score-missing")
        if "total-mismatch" in self.planned:
            delta = rng.choice([Decimal("0.5"), Decimal(1), Decimal(2), Decimal("1.5"), Decimal(3)])
            if total + delta > self.weight_total:
                delta = -delta
            self.total = total + delta
            self.grade = grade_for(self.scheme, self.total)
            self.defects.append("total-mismatch")
        if "grade-mismatch" in self.planned:
            ladder = grade_ladder(self.scheme)
            at = ladder.index(self.grade)
            self.grade = ladder[at + 1] if at == 0 or (at < len(ladder) - 1 and rng.random() < 0.5) else ladder[at - 1]
            self.defects.append("grade-mismatch")

    # -- defects in the money --

    def money_defects(self):
        rng, b = self.rng, self.b
        if "subproject-overspend" in self.planned:
            done = False
            order = list(range(len(self.subs)))
            rng.shuffle(order)
            for i in order:
                name, budget, spent = self.subs[i]
                over = max(CENT, q2(budget * Decimal(str(round(0.05 + 0.3 * rng.random(), 3)))))
                need = budget - spent + over
                donors = [j for j in order if j != i and self.subs[j][2] >= need]
                if donors:
                    j = donors[0]
                    self.subs[i][2] += need
                    self.subs[j][2] -= need
                    done = True
                    break
            if done:
                self.defects.append("subproject-overspend")
        if "money-identity" in self.planned:
            which = rng.choice(["unallocated", "balance", "recovered"])
            delta = max(CENT, q2(b["appropriated"] * Decimal(str(round(0.01 + 0.05 * rng.random(), 4)))))
            if self.unit == "元":
                delta = delta.quantize(Decimal(1)) or Decimal(1)
            if which == "unallocated":
                b["unallocated"] += delta
            elif which == "balance":
                b["balance"] += delta
            else:
                b["recovered"] += delta
            self.defects.append("money-identity")
        if "unit-mismatch" in self.planned:
            self.unit = "万元"  # the header; figures stay in 元
            wan = Decimal(10000)
            for sub in self.subs:
                sub[1], sub[2] = q2(sub[1] / wan), q2(sub[2] / wan)
            for row in self.funding:
                for key in ("amount", "initial", "full_year", "executed"):
                    if key in row:
                        row[key] = q2(row[key] / wan)
            self.defects.append("unit-mismatch")

    def plan_defects(self):
        self.planned: set[str] = set()
        if not self.defective:
            return
        rng = self.rng
        pool = list(DEFECTS)
        if not grade_ladder(self.scheme):
            pool.remove("grade-mismatch")
        count = 1 if rng.random() < 0.7 else 2
        self.planned = set(rng.sample(pool, count))

    def ensure_defect(self):
        """A planned defect that found nothing to act on (no sub-project could overspend) is
        replaced, so that every record chosen to be defective is."""
        if self.defective and not self.defects:
            delta = Decimal(1) if self.total + 1 <= self.weight_total else Decimal(-1)
            self.total += delta
            self.grade = grade_for(self.scheme, self.total)
            self.defects.append("total-mismatch")

    def stated_rate_defect(self):
        if "execution-rate-mismatch" not in self.planned:
            return
        rng, b = self.rng, self.b
        options = []
        if b["initial"] and b["full_year"] != b["appropriated"]:
            options.append(q2(b["executed"] / b["full_year"] * HUNDRED))
        if b["initial"] != b["appropriated"]:
            options.append(q2(b["executed"] / b["initial"] * HUNDRED))
        if self.rate < 100:
            options.append(Decimal("100.00"))
        options.append(q2(self.rate - Decimal(str(round(0.5 + 3 * rng.random(), 2)))))
        options = [o for o in options if o != self.rate and Decimal(0) < o <= Decimal(150)]
        self.stated_rate = rng.choice(options) if options else q2(self.rate - 1)
        self.defects.append("execution-rate-mismatch")

    # -- text --

    def money_text(self, value: Decimal) -> str:
        if self.true_unit == "万元" and self.style["plain_money"]:
            return num(q2(value))
        return format(q2(value), "f")

    def front_matter(self) -> str:
        out = ["---", f"id: {self.id}", f"title: {y(self.title)}"]
        if self.program:
            out.append(f"program: {y(self.program)}")
        out.append(f"year: {self.year}")
        out.append(f"kind: {self.kind}")
        out.append(f"form: {y(self.form)}")
        out.append(f"department: {y(self.department)}")
        if self.implementer:
            out.append(f"implementer: {y(self.implementer)}")
        out.append("region: [" + ", ".join(y(part) for part in self.place.region) + "]")
        out.append(f"evaluator: {y(self.evaluator)}")
        out.append(f"evaluated_on: {y(self.evaluated_on)}")
        out.append(f"scheme: {self.scheme}")
        out.append(f"unit: {self.unit}")
        m = self.money_text
        b = self.b
        out.append("budget:")
        out.append(f"  initial: {m(b['initial'])}")
        out.append(f"  adjustment: {m(b['adjustment'])}")
        if self.scheme in ("national-2020", "minhang-2020"):
            out.append(f"  full_year: {m(b['full_year'])}")
        out.append(f"  appropriated: {m(b['appropriated'])}")
        out.append(f"  unallocated: {m(b['unallocated'])}")
        if self.scheme == "suzhou-2024":
            out.append(f"  unallocated_recovered: {m(b['unallocated'])}")
        out.append(f"  executed: {m(b['executed'])}")
        out.append(f"  balance: {m(b['balance'])}")
        out.append(f"  carried_forward: {m(b['carried_forward'])}")
        out.append(f"  recovered: {m(b['recovered'])}")
        out.append(f"  execution_rate: {self.stated_rate}%")
        if self.scheme == "minhang-2020":
            out.append(f"  previous_execution_rate: {self.previous_rate}%")
        if self.funding:
            out.append("funding:")
            for row in self.funding:
                parts = [f"source: {y(row['source'])}"]
                if row.get("total"):
                    parts.append("total: true")
                for key in ("amount", "initial", "full_year", "executed"):
                    if key in row:
                        parts.append(f"{key}: {m(row[key])}")
                out.append("  - {" + ", ".join(parts) + "}")
        if self.subs:
            out.append("subprojects:")
            if self.sub_total_row:
                budget_sum = sum((s[1] for s in self.subs), ZERO)
                spent_sum = sum((s[2] for s in self.subs), ZERO)
                out.append(f"  - {{name: 合计, total: true, budget: {m(budget_sum)}, spent: {m(spent_sum)}}}")
            for name, budget, spent in self.subs:
                out.append(f"  - {{name: {y(name)}, budget: {m(budget)}, spent: {m(spent)}}}")
        out.append("indicator_columns: [" + ", ".join(self.columns) + "]")
        out.append("indicators:")
        for row in self.rows:
            parts = [f"category: {y(row.category)}"]
            if row.subcategory:
                parts.append(f"subcategory: {y(row.subcategory)}")
            parts.append(f"name: {y(row.name)}")
            if row.explanation:
                parts.append(f"explanation: {y(row.explanation)}")
            if row.rule:
                parts.append(f"rule: {y(row.rule)}")
            if row.target is not None:
                parts.append(f"target: {y(row.target)}")
            if row.weight is not None:
                parts.append(f"weight: {num(row.weight)}")
            if row.actual is not None:
                parts.append(f"actual: {y(row.actual)}")
            if row.score is not None:
                parts.append(f"score: {num(row.score)}")
            if row.note:
                parts.append(f"note: {y(row.note)}")
            out.append("  - {" + ", ".join(parts) + "}")
        if self.categories:
            out.append("categories:")
            for name, points in self.categories.items():
                out.append(f"  {y(name)}: {num(points)}")
        out.append("declared:")
        total_text = num(self.total) if self.style["plain_total"] else format(q2(self.total), "f")
        out.append(f"  total: {total_text}")
        if self.grade:
            out.append(f"  grade: {self.grade}")
        out.append(f"  weight_total: {num(self.weight_total)}")
        out.append("source:")
        out.append(f"  note: {y(f'合成记录：由 scripts/gen-corpus 生成（第 {self.index + 1} 条），数字与文字均为虚构，仅供测试。')}")
        if self.contacts:
            out.append("internal:")
            out.append("  contacts:")
            for name, role in self.contacts:
                out.append(f"    - {{name: {y(name)}, role: {y(role)}}}")
            out.append(f"  reviewers: [{y(self.reviewer)}]")
        out.append("---")
        return "\n".join(out) + "\n"

    def paperwork(self):
        rng = self.rng
        scheme, kind = self.scheme, self.kind
        if scheme.startswith("suzhou"):
            self.form = "苏州市级财政支出项目绩效自评表"
        elif scheme == "minhang-2020":
            self.form = f"{self.year}年度财政项目绩效自评价表"
        elif kind == "self":
            self.form = "项目支出绩效自评表"
        elif kind == "department":
            self.form = "部门评价报告"
        else:
            self.form = "财政重点绩效评价报告"
        if kind == "self":
            self.evaluator = self.department
        elif kind == "finance" and rng.random() < 0.3:
            self.evaluator = f"{self.place.city}财政局"
        else:
            self.evaluator = f"{self.place.province_short}{rng.choice(FIRMS)}{rng.choice(FIRM_KINDS)}"
        month, day = rng.randint(2, 7), rng.randint(1, 28)
        if rng.random() < 0.3:
            self.evaluated_on = f"{self.year + 1}/{month}/{day}"
        else:
            self.evaluated_on = f"{self.year + 1}-{month:02d}-{day:02d}"
        self.previous_rate = q2(Decimal(str(round(85 + 15 * rng.random(), 2)))) if rng.random() < 0.7 else Decimal("0.00")
        if scheme == "national-2020":
            self.columns = ["category", "subcategory", "name", "target", "weight", "actual", "score", "note"]
        elif scheme == "minhang-2020":
            self.columns = ["category", "name", "explanation", "target", "weight", "rule", "actual", "score", "note"]
        else:
            self.columns = ["category", "name", "target", "weight", "actual", "score", "note"]
        self.contacts = []
        if rng.random() < 0.2:
            roles = ["财务负责人", "项目负责人", "经办人", "科长", "副主任"]
            for _ in range(rng.randint(1, 2)):
                self.contacts.append((rng.choice(SURNAMES) + rng.choice(GIVEN), rng.choice(roles)))
            self.reviewer = rng.choice(SURNAMES) + rng.choice(GIVEN)

    # -- narrative --

    def narrative(self) -> str:
        """The report's text: seven sections from sentence templates and the record's own figures,
        2–6 KB of UTF-8, its length varying from record to record as real reports do."""
        rng = self.rng
        unit = self.unit
        m = self.money_text
        b = self.b
        topic = self.topic
        ctx = {
            "place": self.place.name,
            "dept": self.department,
            "title": f"“{self.short_title}”",
            "short": self.short_title,
            "impl": self.implementer or "项目实施科室",
            "year": self.year,
        }

        def fill(text: str) -> str:
            return text.format_map(ctx)

        # every random draw happens here, before any length fitting, so the text is deterministic
        bg = [fill(s) for s in topic.bg]
        doc_no = f"{self.place.city_short}财{rng.choice('教社农行建预')}〔{self.year - 1}〕{rng.randint(3, 160)}号"
        org = rng.sample(ORG_SENTENCES, len(ORG_SENTENCES))
        acts = [fill(s) for s in topic.acts]
        problems_generic = rng.sample(PROBLEMS, len(PROBLEMS))
        suggestions_all = rng.sample(SUGGESTIONS, len(SUGGESTIONS))
        exec_reason = rng.choice(EXEC_REASONS)
        highlight_keys = [rng.random() for _ in self.rows]
        target_size = rng.uniform(2300, 5600)
        p = {
            "bg": rng.randint(1, len(bg)),
            "org": rng.randint(2, 4),
            "acts": rng.randint(1, len(acts)),
            "detail": rng.random() < 0.5,
            "goals_full": rng.random() < 0.6,
            "problems": rng.randint(1, 3),
            "suggestions": rng.randint(2, 4),
            "sub_detail": rng.random() < 0.7,
        }
        by_cat: dict[str, list[tuple[int, Row]]] = {}
        for i, row in enumerate(self.rows):
            if not row.execution:
                by_cat.setdefault(row.category, []).append((i, row))
        numerals = "一二三四五六七八九十"

        cache: dict[tuple, tuple[str, int]] = {}

        def section(name: str, keys: tuple, make) -> tuple[str, int]:
            """A section's text and its size in bytes, made once for each setting of its keys."""
            key = (name,) + tuple(p[k] for k in keys)
            if key not in cache:
                text = _join_sections([(name, make())])
                cache[key] = (text, len(text.encode("utf-8")))
            return cache[key]

        def overview() -> list[str]:
            para = bg[: p["bg"]]
            if self.place.city.endswith("市") and not self.place.municipality:
                para.append(f"根据{self.place.city_short}市财政局、{self.department}有关文件（{doc_no}）要求，该项目列入{self.year}年度部门预算，由{ctx['impl']}具体组织实施。")
            else:
                para.append(f"根据有关文件（{doc_no}）要求，该项目列入{self.year}年度部门预算，由{ctx['impl']}具体组织实施。")
            para.append(
                f"{self.year}年项目年初预算数{m(b['initial'])}{unit}，"
                + (f"当年调整{m(b['adjustment'])}{unit}，" if b["adjustment"] else "年中未作调整，")
                + f"财政拨款{m(b['appropriated'])}{unit}，实际支付{m(b['executed'])}{unit}，预算执行率{self.stated_rate}%。"
            )
            if len(self.subs) >= 2:
                para.append(f"项目资金主要用于{'、'.join(s[0] for s in self.subs)}等{len(self.subs)}个方面。")
            if self.funding and "amount" in self.funding[-1]:
                parts = "，".join(f"{row['source']}{m(row['amount'])}{unit}" for row in self.funding if not row.get("total"))
                para.append(f"资金来源为：{parts}。")
            return ["".join(para)]

        def annual() -> list[str]:
            lines = []
            for i, (category, rows) in enumerate(by_cat.items(), 1):
                shown = rows if p["goals_full"] else rows[:3]
                items = "，".join(f"{r.name}{_target_phrase(r.target)}" for _, r in shown)
                more = "等" if len(shown) < len(rows) else ""
                lines.append(f"{i}.{_plain_category(category)}：{items}{more}。")
            return [f"{self.year}年度绩效目标为：" + "".join(lines)]

        def implementation() -> list[str]:
            impl = ["".join(f"{numerals[i]}是{fill(s)}" for i, s in enumerate(org[: p["org"]]))]
            impl.append("".join(acts[: p["acts"]]))
            exec_para = (
                f"资金执行方面，全年财政拨款{m(b['appropriated'])}{unit}，实际支付{m(b['executed'])}{unit}，"
                f"资金结余结转{m(b['balance'])}{unit}，其中结转{m(b['carried_forward'])}{unit}、财政收回{m(b['recovered'])}{unit}，"
                f"预算执行率为{self.stated_rate}%。"
            )
            if len(self.subs) >= 2 and p["sub_detail"]:
                exec_para += "其中，" + "；".join(f"{s[0]}预算{m(s[1])}{unit}，实际支出{m(s[2])}{unit}" for s in self.subs) + "。"
            impl.append(exec_para)
            return impl

        def effects() -> list[str]:
            results = []
            for i, (category, rows) in enumerate(by_cat.items()):
                if p["detail"]:
                    shown = rows
                else:  # highlights: the missed targets and one or two others
                    shown = [(j, r) for j, r in rows if not r.met]
                    shown += sorted((x for x in rows if x[1].met), key=lambda x: highlight_keys[x[0]])[: max(1, 2 - len(shown))]
                    shown.sort(key=lambda x: x[0])
                entries = []
                for n, (_, row) in enumerate(shown, 1):
                    verdict = "已完成年度目标" if row.met else "未完成年度目标"
                    target = f"目标值为{row.target}，" if row.target else ""
                    entries.append(f"{n}.{row.name}，{target}实际完成值为{row.actual}，{verdict}。")
                results.append(f"（{numerals[i]}）{_plain_category(category)}完成情况")
                results.append("".join(entries))
            results.append("".join(fill(s) for s in topic.effects))
            return results

        def problems() -> list[str]:
            items = []
            for row in self.rows:
                if not row.met and not row.execution and row.note:
                    items.append(f"{row.name}未达到年度目标。目标值为{row.target}，实际完成{row.actual}，主要原因是{row.note.rstrip('。')}。")
            if self.stated_rate < 100:
                items.append(f"预算执行率未达到100%。全年预算执行率为{self.stated_rate}%，主要原因是{exec_reason}。")
            items += problems_generic[: p["problems"]]
            return ["".join(f"{i}.{s}" for i, s in enumerate(items, 1))]

        def suggestions() -> list[str]:
            return ["".join(f"{i}.{s}" for i, s in enumerate(suggestions_all[: p["suggestions"]], 1))]

        goals_text = _join_sections([("项目总目标", ["".join(f"{i}.{g}。" for i, g in enumerate(topic.goals, 1))])])
        goals = (goals_text, len(goals_text.encode("utf-8")))

        def parts() -> list[tuple[str, int]]:
            return [
                section("项目概况", ("bg",), overview),
                goals,
                section("年度绩效目标", ("goals_full",), annual),
                section("项目实施情况", ("org", "acts", "sub_detail"), implementation),
                section("项目管理成效", ("detail",), effects),
                section("存在的问题及原因", ("problems",), problems),
                section("改进建议", ("suggestions",), suggestions),
            ]

        def measure() -> int:  # sections are joined by one newline each
            made = parts()
            return sum(size for _, size in made) + len(made) - 1

        # fit towards this record's length, then within the hard bounds of 2–6 KB
        shrink = [("detail", False), ("goals_full", False), ("sub_detail", False), ("org", 2), ("acts", 1), ("bg", 1), ("problems", 1), ("suggestions", 2)]
        grow = [("problems", 3), ("suggestions", 4), ("org", 4), ("acts", len(acts)), ("bg", len(bg)), ("detail", True), ("problems", len(PROBLEMS)), ("suggestions", len(SUGGESTIONS)), ("org", len(ORG_SENTENCES))]
        size = measure()
        for key, value in shrink:
            if size <= target_size:
                break
            p[key] = value
            size = measure()
        for key, value in grow:
            if size >= 2100:
                break
            p[key] = value
            size = measure()
        text = "\n".join(text for text, _ in parts())
        return text


def _plain_category(category: str) -> str:
    """产出指标 → 产出目标, 投入与管理 → 投入与管理目标, as narratives name the parts."""
    base = category.removesuffix("指标").removesuffix("目标")
    return base + "目标"


def _target_phrase(target: str | None) -> str:
    if not target:
        return ""
    for op, word in ((">=", "不低于"), ("<=", "不高于"), ("≥", "不低于"), ("≤", "不高于"), (">", "高于"), ("<", "低于"), ("=", "达到")):
        if target.startswith(op):
            return word + target[len(op):]
    if target[0].isdigit():
        return "达到" + target
    return "达到“" + target + "”"


def _join_sections(sections) -> str:
    out = []
    for title, paras in sections:
        out.append(f"## {title}\n")
        for para in paras:
            out.append(para + "\n")
    return "\n".join(out)



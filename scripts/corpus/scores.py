"""Scores and grades for generated records, from the scheme files through the portal's own scorer
(jixiao.core.scoring): the corpus never re-codes a scheme, so a generated record and `jixiao check`
cannot disagree about what the scheme says.

Where a scheme gives a range (a qualitative level of 60%–80% of the weight, Minhang's execution
bands) the unit's score is a point inside it: a met target earns the top of its range, a missed one
the middle (an execution rate between two bands: in proportion to where it lies). Where a scheme
leaves a row to the evaluator, the generated evaluator scores as the record's own figures suggest:
the share of the target reached, or the level the word written has in the table of
``EVALUATOR_READS_WORDS_AS``."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from jixiao.core.record.model import Indicator
from jixiao.core.schemes import load_schemes
from jixiao.core.scoring import score_indicator

from .tables import EVALUATOR_READS_WORDS_AS, PARTIAL_WORDS

SCHEMES = load_schemes()
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _evaluator_table():
    table = SCHEMES[EVALUATOR_READS_WORDS_AS].qualitative
    missing = [word for word in PARTIAL_WORDS if table.level_of(word) is None]
    if missing:  # forms.yaml and the scheme files must agree: no score is made up here
        raise ValueError(f"forms.yaml: {EVALUATOR_READS_WORDS_AS} has no level for {missing}")
    return table


EVALUATOR_TABLE = _evaluator_table()


@lru_cache(maxsize=1 << 16)  # the same rows recur across records: score each once
def row_score(scheme: str, category: str, name: str, target: str | None, weight: Decimal, actual: str,
              met: bool, ratio: Decimal | None = None, stated_rate: Decimal | None = None) -> Decimal:
    """What the unit declares for one indicator row: the scheme's score for the values written.
    ``ratio``: how much of the target was reached, when the values say so (for the evaluator)."""
    row = Indicator.model_construct(category=category, name=name, target=target, weight=weight, actual=actual)
    result = score_indicator(row, SCHEMES[scheme], stated_rate)
    if result.computed is not None:
        return result.computed
    if result.low is not None:
        return result.high if met else q2((result.low + result.high) / 2)
    return _evaluator(weight, actual, met, ratio)


@lru_cache(maxsize=1 << 16)
def execution_score(scheme: str, category: str, name: str, target: str, weight: Decimal, rate: Decimal) -> Decimal:
    """The budget execution row's score for the rate the form states; inside a band that gives a
    range, in proportion to where the rate lies between the band's bounds."""
    row = Indicator.model_construct(category=category, name=name, target=target, weight=weight, actual=f"{rate}%")
    result = score_indicator(row, SCHEMES[scheme], rate)
    if result.computed is not None:
        return result.computed
    if result.low is None:
        return _evaluator(weight, f"{rate}%", rate >= HUNDRED, min(rate, HUNDRED) / HUNDRED)
    rule = SCHEMES[scheme].execution
    band = rule.band_for(rate)
    above = rule.bands.index(band) - 1
    upper = rule.bands[above].min if above >= 0 else None
    if upper is None or upper == band.min:
        return result.high
    return q2(result.low + (result.high - result.low) * (min(rate, upper) - band.min) / (upper - band.min))


def _evaluator(weight: Decimal, actual: str, met: bool, ratio: Decimal | None) -> Decimal:
    if met:
        return weight
    if ratio is not None:
        return q2(weight * ratio)
    level = EVALUATOR_TABLE.level_of(actual)
    if level is None:
        raise ValueError(f"no level for the word “{actual}” in {EVALUATOR_READS_WORDS_AS}")
    low, high = level.score
    return q2(weight * (low + high) / 2)


def grade_for(scheme: str, total: Decimal) -> str | None:
    """The grade the scheme gives ``total``; None where the scheme sets no grades (Suzhou)."""
    band = SCHEMES[scheme].grade_for(total)
    return band.label if band else None


def grade_ladder(scheme: str) -> list[str]:
    """The scheme's grades, best first (empty when it sets none)."""
    return [band.label for band in SCHEMES[scheme].grades]

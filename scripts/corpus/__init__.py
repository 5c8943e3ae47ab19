"""A generator of realistic synthetic records, for load tests, benchmarks and checker tests: the
tooling behind `scripts/gen-corpus` and `scripts/bench`, not part of the portal's package.

Every record is built from one seeded random stream (``random.Random("jixiao-corpus:<seed>:<i>")``),
so record *i* of a corpus does not depend on how many records are generated, and the same seed
always gives the same bytes. Figures are computed in ``Decimal`` with two places, rounded half up,
and obey the identities of the domain (指标结余数 = 年初 + 调整 − 拨款; 结余 = 拨款 − 支付 =
结转 + 收回; sub-projects sum to the totals; weights sum to the form's full marks; the declared
total is the sum of the scores and the grade follows from it).

Its tables are YAML files beside this package (places, topics, texts, forms: tables.py); every
score and grade comes from the scheme files through the portal's own scorer (scores.py), so the
corpus cannot drift from the schemes it claims to follow.

A share of the records (``defect_share``) carries one or two real-world defects in its figures
(see :data:`DEFECTS`); the format is always valid, so every record loads with no findings.
Files are written by plain string building: a YAML dumper would be ten times slower.
"""

from .records import Generated
from .tables import DEFECTS, PROVINCES, SCHEMES
from .writing import defective_indices, generate, generate_record, main, plan_attempts, write_corpus

__all__ = [
    "DEFECTS",
    "PROVINCES",
    "SCHEMES",
    "Generated",
    "defective_indices",
    "generate",
    "generate_record",
    "plan_attempts",
    "write_corpus",
    "main",
]

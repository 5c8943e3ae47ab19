"""A validated record made smaller by sharing what many records hold alike.

At 100,000 reports a build holds every record at once. A validated model keeps, beside each
object's fields, the set of the field names it was given (pydantic's ``__pydantic_fields_set__``),
a new set for every row of every table: a third of a record's memory. And the same amounts
(0, 100, a weight of 10) are a new ``Decimal`` every time they are written. Equal field-name sets
become one shared frozenset and equal amounts one shared ``Decimal``: a loaded record is never
changed afterwards, so sharing them is safe, and nothing reads the difference.

Equal here means written alike: ``Decimal("10")`` and ``Decimal("10.0")`` are equal numbers
but show differently (figures are shown as written), so amounts are shared by their text.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

_FIELD_SETS: dict[frozenset, frozenset] = {}
_AMOUNTS: dict[str, Decimal] = {}
_AMOUNTS_KEPT = 200_000  # distinct amounts kept for sharing; the rest stay as they are


def shared_field_set(names) -> frozenset:
    names = frozenset(names)
    return _FIELD_SETS.setdefault(names, names)


def shared_amount(amount: Decimal) -> Decimal:
    text = str(amount)
    kept = _AMOUNTS.get(text)
    if kept is not None:
        return kept
    if len(_AMOUNTS) < _AMOUNTS_KEPT:
        _AMOUNTS[text] = amount
    return amount


def compact(model: BaseModel) -> None:
    """Share the field-name sets and amounts of ``model`` and of every model it holds, in its
    fields, lists and mappings alike."""
    pending = [model]
    while pending:
        current = pending.pop()
        object.__setattr__(current, "__pydantic_fields_set__", shared_field_set(current.__pydantic_fields_set__))
        containers = [current.__dict__]
        while containers:
            values = containers.pop()
            for key, value in (values.items() if isinstance(values, dict) else enumerate(values)):
                # Texts and empty fields, most of a record, are passed over before any isinstance
                # (three of them a value were a fifth of reading a record).
                kind = value.__class__
                if kind is str or value is None:
                    continue
                if kind is Decimal or isinstance(value, Decimal):
                    values[key] = shared_amount(value)
                elif isinstance(value, BaseModel):
                    pending.append(value)
                elif isinstance(value, (list, dict)):
                    containers.append(value)

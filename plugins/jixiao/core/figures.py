"""How the portal writes a figure: one module for every page, message, export and JSON file.

Two kinds of figure are written differently. A figure a unit declared is written as the unit wrote
it (:func:`fmt`: 96.00 stays 96.00); a figure the portal computed is written without the trailing
zeros arithmetic leaves (:func:`plain`: 82.0 → 82). Neither is ever in exponent form. Basis texts
round to a few places (:func:`short`, :func:`fixed`), and JSON gets numbers (:func:`number`).

Rounding here is for showing only; scoring rounds its own results (``scoring.round2``).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

RATE_PLACES = 4  # a rate (percent) in the data files: 95.1234


def fmt(value) -> str:
    """A declared figure as the unit wrote it: 96.00 stays 96.00, never in exponent form; — for none."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def plain(value) -> str:
    """A figure the portal computed, without the trailing zeros arithmetic leaves: 82.0 → 82."""
    if isinstance(value, Decimal):
        value = value.normalize()
        return format(value, "f") if value != 0 else "0"
    return fmt(value)


def fixed(value: Decimal, places: int) -> str:
    """Rounded half up to exactly ``places`` decimals: 31.0784 at 2 → 31.08, 31 → 31.00."""
    return format(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP), "f")


def short(value: Decimal, places: int = 4) -> str:
    """A figure for Chinese basis text: no exponent, no trailing zeros, at most ``places`` decimals
    (rounded half up only when it has more)."""
    quantized = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) if value.as_tuple().exponent < -places else value
    text = format(quantized, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def number(value):
    """Decimal → JSON number, exactly as far as the digits go (81.94 stays 81.94, 82.00 → 82);
    anything else as it is."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


def rate_value(value: Decimal | None) -> Decimal | None:
    """A rate to the places the data files give it (:data:`RATE_PLACES`), as a Decimal."""
    return None if value is None else value.quantize(Decimal(1).scaleb(-RATE_PLACES))


def rate(value: Decimal | None):
    """A rate as a JSON number, to :data:`RATE_PLACES` places."""
    return number(rate_value(value))

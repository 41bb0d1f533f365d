"""Number mechanisms: digit strings by shape, and composing number words into a value.

No vocabulary here: which word means what comes from the `number_word` lexicon in `rules/`.
A word's role follows from its value (1–9 one, 10–19 teen, 20–90 ten, 100–900 hundred) or from
its `scale` / `fraction` attribute, so a desk editor only writes `بیست = 20`.
"""
from __future__ import annotations

import re
from decimal import Decimal

# Separators between digit groups, as they appear in the NORMALIZED text (digits are ASCII there).
THOUSANDS = ",٬،"
DECIMAL = ".٫/"
# A decimal point may lead («٫۴۵», ".45") where no word, digit or other separator stands before it
# (after a word, «شدند.۴۵», the point ends a sentence).
NUMERIC_PIECE = r"(?:(?<![\w.٫,٬،/:\-])[.٫](?=[0-9]))?[0-9]+(?:[,٬،.٫/:\-][0-9]+)*"
LEADING_POINT = ".٫"

# Shape symbols: one character per numeric piece in the symbol string the matcher runs on.
SHAPE_INT = {1: "a", 2: "a", 3: "b", 4: "c"}   # 5+ digits -> "e"
INT_SHAPES = "abceg"   # plain ints by digit count, grouped ints
NUM_SHAPES = "abcegf"  # ints and decimals
SHAPES = {
    "a": "1–2 digits", "b": "3 digits", "c": "4 digits", "e": "5+ digits", "z": "leading zero",
    "g": "grouped thousands", "f": "decimal", "y": "numeric date", "t": "time of day",
    "r": "dash range", "o": "other digit string (phone, id)",
}

_SEP = re.compile(r"[^0-9]")


_ONE = Decimal(1)
MAX_DIGITS = 40   # a longer digit string is an identifier, never a number (and never converted)


def shape(piece: str) -> str:
    """Classify a digit piece (``NUMERIC_PIECE``) by its form, never by its value."""
    if len(piece) > MAX_DIGITS:
        return "o"
    if piece.isascii() and piece.isdigit():
        if len(piece) > 1 and piece[0] == "0":
            return "z"
        return SHAPE_INT.get(len(piece), "e")
    groups = _SEP.split(piece)
    seps = _SEP.findall(piece)
    lens = [len(g) for g in groups]
    if all(s in THOUSANDS for s in seps):
        if lens[0] <= 3 and all(n == 3 for n in lens[1:]) and groups[0][0] != "0":
            return "g"
        return "o"
    if len(seps) == 1 and seps[0] in DECIMAL and groups[0][:1] != "0" or (
        len(seps) == 1 and seps[0] in DECIMAL and groups[0] == "0"):
        return "f"
    if seps[-1] in DECIMAL and all(s in THOUSANDS for s in seps[:-1]) and lens[0] <= 3 and all(n == 3 for n in lens[1:-1]):
        return "f"
    if len(seps) == 2 and seps[0] == seps[1] and seps[0] in "/-." and _date_like(lens):
        return "y"
    if all(s == ":" for s in seps) and len(seps) in (1, 2) and lens[0] <= 2 and all(n == 2 for n in lens[1:]):
        return "t"
    if seps == ["-"] and lens[0] <= 6 and lens[1] <= 6:
        return "r"
    return "o"


def _date_like(lens: list[int]) -> bool:
    return (lens[0] in (2, 4) and lens[1] <= 2 and lens[2] <= 2) or (lens[0] <= 2 and lens[1] <= 2 and lens[2] in (2, 4))


def parse_digits(piece: str) -> tuple[Decimal, Decimal]:
    """Value and stated precision of an int/grouped/decimal piece: «۲٫۵» -> (2.5, 0.1)."""
    if piece.isdigit():   # the common case: plain ASCII digits (the text layer folded the rest)
        return Decimal(piece), _ONE
    s = piece
    for ch in THOUSANDS:
        s = s.replace(ch, "")
    frac = ""
    for ch in DECIMAL:
        if ch in s:
            s, frac = s.split(ch, 1)
            break
    if frac:
        return Decimal(f"{s}.{frac}"), Decimal(1).scaleb(-len(frac))
    return Decimal(s), Decimal(1)


def digit_groups(piece: str) -> tuple[int, ...]:
    """The integer groups of a numeric date, time or dash range piece."""
    return tuple(int(g) for g in _SEP.split(piece))


# --- number words -----------------------------------------------------------

ROLE_ONE, ROLE_TEEN, ROLE_TEN, ROLE_HUNDRED, ROLE_SCALE, ROLE_FRACTION = "O", "E", "T", "H", "S", "F"


def role(value: Decimal, attrs: dict) -> str | None:
    """The part a number word plays in composition, from its value and attributes."""
    if attrs.get("scale"):
        return ROLE_SCALE
    if attrs.get("fraction") or value != value.to_integral_value():
        return ROLE_FRACTION
    v = int(value)
    if 0 <= v <= 9:
        return ROLE_ONE
    if 10 <= v <= 19:
        return ROLE_TEEN
    if v < 100 and v % 10 == 0:
        return ROLE_TEN
    if v < 1000 and v % 100 == 0:
        return ROLE_HUNDRED
    return None


def compose(parts: list[tuple[Decimal, bool, Decimal]]) -> tuple[Decimal, Decimal]:
    """Compose (value, is_scale, precision) parts into one number and its stated precision.

    Additive parts sum within a group. A scale larger than every scale before it multiplies
    everything so far («سه هزار میلیارد», «۳ هزار و ۶۰۰ میلیارد» = 3600 × 10⁹); a smaller one
    multiplies only the pending group («یک میلیون و دویست هزار»). English "hundred" scales the
    group only. The precision is that of the last group times the scale applied to it.
    """
    total = Decimal(0)
    current = Decimal(0)
    cur_prec = Decimal(1)
    precision = Decimal(1)
    pending = False
    largest = Decimal(0)
    for value, is_scale, prec in parts:
        if is_scale:
            if value < 1000:          # "hundred": scales the group only
                current = (current if pending else Decimal(1)) * value
                pending = True
                continue
            group = current if pending else (Decimal(0) if total else Decimal(1))
            if value > largest:
                total = (total + group) * value
                precision = (cur_prec if pending else precision) * value
                largest = value
            else:
                total += (group or Decimal(1)) * value
                precision = cur_prec * value
            current, cur_prec, pending = Decimal(0), Decimal(1), False
        else:
            current += value
            cur_prec = min(cur_prec, prec) if pending else prec
            pending = True
    if pending:
        total += current
        precision = cur_prec
    return total, precision


def as_number(d: Decimal) -> int | float:
    """JSON-friendly: ints stay ints."""
    return int(d) if d == d.to_integral_value() else float(d)

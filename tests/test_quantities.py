"""Quantities and money (rules/units.rules, engine/quantities.py): base units, conversions, spans."""
import json

import pytest

from rasti import Engine


def _one(engine: Engine, text: str, kind: str | None = None):
    found = [m for m in engine.mentions(text) if kind is None or m.kind == kind]
    assert len(found) == 1, f"{text!r}: {[(m.kind, m.text) for m in engine.mentions(text)]}"
    m = found[0]
    assert m.text == text[m.start:m.end]
    return m


# text, kind, value (stated unit), unit, base_value, base_unit, dimension
CASES = [
    ("۱۵۰۰ کیلومتر", "quantity", 1500, "km", 1500000, "meter", "length"),
    ("۱٫۵ هزار کیلومتر", "quantity", 1500, "km", 1500000, "meter", "length"),
    ("یک هزار و پانصد کیلومتر", "quantity", 1500, "km", 1500000, "meter", "length"),
    ("1,500 km", "quantity", 1500, "km", 1500000, "meter", "length"),
    ("۱۲ متر", "quantity", 12, "m", 12, "meter", "length"),
    ("۱۲۰ میلی‌متر", "quantity", 120, "mm", 0.12, "meter", "length"),
    ("930 miles", "quantity", 930, "mile", 1496689.92, "meter", "length"),
    ("۱۲ تن گندم", "quantity", 12, "tonne", 12000, "kilogram", "mass"),
    ("۲۰۰ کیلوگرم", "quantity", 200, "kg", 200, "kilogram", "mass"),
    ("۵ هزار هکتار", "quantity", 5000, "hectare", 50000000, "square_meter", "area"),
    ("۵۰۰ متر مربع", "quantity", 500, "m2", 500, "square_meter", "area"),
    ("۲ میلیون بشکه", "quantity", 2000000, "barrel", 317974589.856, "liter", "volume"),
    ("۲۰ میلیون متر مکعب", "quantity", 20000000, "m3", 20000000000, "liter", "volume"),
    ("۱۲۰ کیلومتر بر ساعت", "quantity", 120, "km/hour", 100 / 3, "meter_per_second", "speed"),
    ("۷۲ km/h", "quantity", 72, "km/hour", 20, "meter_per_second", "speed"),
    ("۷۲ kph", "quantity", 72, "km/hour", 20, "meter_per_second", "speed"),
    ("۵۰۰ هزار بشکه در روز", "quantity", 500000, "barrel/day", 500000 * 158.987294928 / 86400,
     "liter_per_second", "volume_per_time"),
    ("1.4 million bpd", "quantity", 1400000, "barrel/day", 1400000 * 158.987294928 / 86400,
     "liter_per_second", "volume_per_time"),
    ("۱۰۰۰ مگاوات", "quantity", 1000, "MW", 1000000000, "watt", "power"),
    ("۳ واحد درصد", "quantity", 3, "percentage_point", 3, "percentage_point", "percentage_point"),
    ("افزایش ۲۰ درصدی", "percent", 20, "percent", 20, "percent", "percentage"),
    ("۵٫۹ ریشتر", "quantity", 5.9, "richter", 5.9, "richter", "magnitude"),
    ("۵ میلیون دلار", "money", 5000000, "USD", 5000000, "USD", "money"),
    ("۵ میلیارد دلار", "money", 5000000000, "USD", 5000000000, "USD", "money"),
    ("۱۰۰ هزار تومان", "money", 100000, "IRT", 1000000, "IRR", "money"),
    ("۳۶ هزار میلیارد ریال", "money", 36000000000000, "IRR", 36000000000000, "IRR", "money"),
    ("۲ همت", "money", 2000000000000, "IRT", 20000000000000, "IRR", "money"),
    ("۳٫۶ همت", "money", 3600000000000, "IRT", 36000000000000, "IRR", "money"),
    ("۲۰ یورو", "money", 20, "EUR", 20, "EUR", "money"),
    ("$5 million", "money", 5000000, "USD", 5000000, "USD", "money"),
    ("£3bn", "money", 3000000000, "GBP", 3000000000, "GBP", "money"),
    ("1.4 trillion rials", "money", 1400000000000, "IRR", 1400000000000, "IRR", "money"),
]


@pytest.mark.parametrize("text,kind,value,unit,base_value,base_unit,dim", CASES, ids=[c[0] for c in CASES])
def test_base_value(engine, text, kind, value, unit, base_value, base_unit, dim):
    m = _one(engine, text, kind)
    assert m.value == pytest.approx(value)
    assert m.interval == (pytest.approx(value), pytest.approx(value))
    assert m.extra["unit"] == unit
    assert m.extra["base_value"] == pytest.approx(base_value, rel=1e-9)
    assert m.extra["base_interval"] == (pytest.approx(base_value, rel=1e-9), pytest.approx(base_value, rel=1e-9))
    assert m.extra["base_unit"] == base_unit
    assert m.extra["dimension"] == dim


def test_four_spellings_of_1500_km_are_one_value(engine):
    texts = ["۱۵۰۰ کیلومتر", "۱٫۵ هزار کیلومتر", "یک هزار و پانصد کیلومتر", "1,500 km"]
    ms = [_one(engine, t, "quantity") for t in texts]
    assert {(m.value, m.extra["base_value"], m.extra["base_unit"]) for m in ms} == {(1500, 1500000, "meter")}
    assert all(isinstance(m.extra["base_value"], int) for m in ms)   # ints stay ints


def test_units_of_one_dimension_convert(engine):
    km = _one(engine, "۱٫۵ کیلومتر", "quantity")
    m = _one(engine, "۱۵۰۰ متر", "quantity")
    assert (km.extra["base_value"], km.extra["base_unit"]) == (m.extra["base_value"], m.extra["base_unit"])
    ton = _one(engine, "۲ تن برنج", "quantity")
    kg = _one(engine, "۲ هزار کیلوگرم", "quantity")
    assert ton.extra["base_value"] == kg.extra["base_value"] == 2000


def test_rial_and_toman_convert(engine):
    toman = _one(engine, "۱ تومان", "money")
    rial = _one(engine, "۱۰ ریال", "money")
    assert toman.extra["base_unit"] == rial.extra["base_unit"] == "IRR"
    assert toman.extra["base_value"] == rial.extra["base_value"] == 10
    assert (toman.extra["unit"], rial.extra["unit"]) == ("IRT", "IRR")
    # همت = هزار میلیارد تومان
    hemat = _one(engine, "۲ همت", "money")
    words = _one(engine, "۲ هزار میلیارد تومان", "money")
    assert hemat.value == words.value == 2 * 10**12
    assert hemat.extra["base_value"] == words.extra["base_value"] == 2 * 10**13


def test_currencies_never_convert(engine):
    usd = _one(engine, "۵ دلار", "money")
    eur = _one(engine, "۵ یورو", "money")
    gbp = _one(engine, "۵ پوند", "money")
    assert len({usd.extra["base_unit"], eur.extra["base_unit"], gbp.extra["base_unit"]}) == 3
    assert usd.extra["base_unit"] == "USD" and eur.extra["base_unit"] == "EUR"
    sign = _one(engine, "$5", "money")
    assert sign.extra["unit"] == "USD" and sign.extra["base_value"] == 5
    cad = _one(engine, "۵ دلار کانادا", "money")
    assert cad.extra["base_unit"] == "CAD" and cad.text == "۵ دلار کانادا"
    assert _one(engine, "۵ ریال سعودی", "money").extra["base_unit"] == "SAR"


def test_hedged_amount_is_an_interval_in_both_units(engine):
    m = _one(engine, "حدود ۲ میلیون بشکه", "quantity")
    assert m.value is None and m.hedge == "around"
    assert m.interval == (1800000, 2200000)
    lo, hi = m.extra["base_interval"]
    assert lo == pytest.approx(1800000 * 158.987294928) and hi == pytest.approx(2200000 * 158.987294928)
    assert m.extra["base_value"] is None
    assert m.extra["stated"] == 2000000
    gt = _one(engine, "بیش از ۲۰ هزار دلار", "money")
    assert gt.interval == (20000, None) and gt.extra["base_interval"] == (20000, None)
    r = _one(engine, "۲ تا ۳ میلیارد دلار", "money")
    assert r.hedge == "range" and r.interval == (2000000000, 3000000000)


def test_hedge_before_a_currency_sign(engine):
    m = _one(engine, "around $83", "money")
    assert m.hedge == "around" and m.interval == (pytest.approx(74.7), pytest.approx(91.3))
    assert m.text == "around $83"


def test_precision_is_scaled(engine):
    m = _one(engine, "۲٫۵ میلیون بشکه", "quantity")
    assert m.precision == 100000
    assert m.extra["base_precision"] == pytest.approx(100000 * 158.987294928)


def test_tonne_or_people(engine):
    m = _one(engine, "۱۲ تن گندم")
    assert (m.kind, m.text, m.extra["base_value"]) == ("quantity", "۱۲ تن", 12000)
    for text in ("۱۲ تن کشته شدند", "۱۲ تن از معترضان بازداشت شدند", "۱۲ تن در این حادثه جان باختند"):
        ms = engine.mentions(text)
        assert [(x.kind, x.value) for x in ms] == [("number", 12)], text


def test_rate_is_not_in_the_year(engine):
    kinds = {(m.kind, m.text) for m in engine.mentions("۱۰ میلیون تن در سال ۱۴۰۲")}
    assert ("quantity", "۱۰ میلیون تن") in kinds
    assert ("date", "سال ۱۴۰۲") in kinds


def test_money_range(engine):
    m = _one(engine, "$10 to $15", "money")
    assert m.interval == (10, 15) and m.hedge == "range" and m.extra["base_interval"] == (10, 15)
    assert not [x for x in engine.mentions("۱۰ دلار تا ۱۵ یورو") if x.hedge == "range"]


def test_spans_in_running_text(engine):
    text = ("صادرات نفت به حدود ۲ میلیون بشکه در روز رسید و درآمد آن ۵ میلیارد دلار بود؛ "
            "قیمت هر کیلو برنج ۱۰۰ هزار تومان است و ۱۲ تن کشته شدند. The pipeline is 1,500 km long.")
    ms = engine.mentions(text)
    for m in ms:
        assert m.text == text[m.start:m.end]
    got = {(m.kind, m.text) for m in ms}
    assert ("quantity", "حدود ۲ میلیون بشکه در روز") in got
    assert ("money", "۵ میلیارد دلار") in got
    assert ("money", "۱۰۰ هزار تومان") in got
    assert ("quantity", "1,500 km") in got
    assert ("number", "۱۲") in got


def test_spans_with_noise(engine):
    # Arabic yeh/kaf, a diacritic and an RLM: offsets still point into the original text
    text = "فاصله \u200f۱۵۰۰ كيلومتر است و هزينه ۵ ميليارد دلارً"
    ms = [m for m in engine.mentions(text) if m.kind in ("quantity", "money")]
    assert len(ms) == 2
    for m in ms:
        assert m.text == text[m.start:m.end]
    assert ms[0].text == "۱۵۰۰ كيلومتر"


def test_mentions_are_json(engine):
    for text in ("حدود ۲ میلیون بشکه", "۵ میلیون دلار", "۱۲۰ کیلومتر بر ساعت"):
        for m in engine.mentions(text):
            json.dumps(m.to_dict(), ensure_ascii=False)


def test_weak_words_before_a_unit(engine):
    assert _one(engine, "یک دلار", "money").value == 1
    assert _one(engine, "ده کیلومتر", "quantity").extra["base_value"] == 10000
    assert engine.mentions("یک مقام آمریکایی گفت") == []


def test_table_unit_label_is_not_an_amount(engine):
    assert not [m for m in engine.mentions("ارقام به میلیارد تومان") if m.kind == "money"]

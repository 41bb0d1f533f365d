"""`compare` over 1k, 10k and 100k synthetic articles' facts: the cost must grow with the number
of facts, not its square (claims are grouped by subject key and time, never compared all pairs).

The articles are built directly as `Article`s with mentions and facts (reading 100,000 texts would
measure `read`, not `compare`). Each story has 10 articles published over 5 days; each article has
5 facts: missiles fired on the story's day (most outlets agree, one in ten says another number),
a death toll that rises over the days (a running total), a contract value in rials or tomans, a
percentage and an undated count. Stories share their subject keys (as real news does: every
disaster has a «کشته»); they differ in their dates (a story every 20 days), as real stories do.

    pytest benchmarks/test_bench_compare.py --benchmark-only -s     # tables + the growth summary

The summary prints seconds per size and per fact and writes `.benchmarks/compare.json`.
Nothing here asserts a speed.
"""
from __future__ import annotations

import gc
import json
import random
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from rasti.verify.compare import claims_of, compare_claims, rules_of
from rasti.claims.facts import Fact
from rasti.model import Article, Mention

SIZES = (1_000, 10_000, 100_000)
PER_STORY = 10
SUBJECTS = ["موشک کروز", "پهپاد", "رزمناو", "هواپیما", "خودرو", "موضع", "پایگاه", "روستا"]


def _article(rng: random.Random, story: int, k: int) -> Article:
    day0 = date(1900, 1, 1) + timedelta(days=story * 20)
    pub = day0 + timedelta(days=k // 2)
    parts: list[str] = []
    mentions: list[Mention] = []
    facts: list[Fact] = []

    def sentence(words_before: str, number: int, subject: str, words_after: str, *, day: date | None,
                 key: str, pred: str | None, kind: str = "number", extra: dict | None = None,
                 cumulative: bool = False, precision: float = 1) -> None:
        start = sum(len(p) for p in parts)
        s = ""
        dm = None
        if day is not None:
            dtext = day.isoformat()
            dm = Mention("date", dtext, start, start + len(dtext), day.isoformat(), (day.isoformat(), day.isoformat()),
                         "bench:1", extra={"valid": True}, id=f"m{len(mentions) + 1}")
            mentions.append(dm)
            s += dtext + " "
        s += words_before
        ns = start + len(s)
        ntext = str(number)
        m = Mention(kind, ntext, ns, ns + len(ntext), number, (number, number), "bench:2", precision,
                    extra=dict(extra or {}), id=f"m{len(mentions) + 1}")
        mentions.append(m)
        s += ntext + " " + subject + " " + words_after + ".\n"
        end = start + len(s)
        time_ = {"value": day.isoformat(), "source": "sentence", "mention": dm.id} if dm else \
            {"value": pub.isoformat(), "source": "published"}
        facts.append(Fact(f"f{len(facts) + 1}", {"key": key, "text": subject}, {"key": pred, "text": pred} if pred else None,
                          number, (number, number), (extra or {}).get("unit"), precision, None, time_, cumulative,
                          pub.isoformat() if cumulative else None, None, (ns, ns + len(ntext) + 1 + len(subject)),
                          (start, end), (m.id,), "bench:3", kind))
        parts.append(s)

    fired = 26 if rng.random() > 0.1 else rng.choice((18, 24, 30))
    sentence("", fired, SUBJECTS[story % len(SUBJECTS)], "شلیک شد", day=day0,
             key=SUBJECTS[story % len(SUBJECTS)], pred="شلیک کردن")
    toll = 10 + 7 * (k // 2) + rng.choice((0, 0, 0, 1))
    sentence("تاکنون ", toll, "نفر", "کشته شدند", day=None, key="کشته", pred="کشته شدن", cumulative=True)
    if rng.random() < 0.5:
        sentence("ارزش قرارداد ", 36, "هزار میلیارد ریال", "است", day=day0, key="ارزش", pred=None, kind="money",
                 precision=1, extra={"unit": "IRR", "base_unit": "IRR", "base_value": 36 * 10 ** 12,
                                     "base_interval": (36 * 10 ** 12, 36 * 10 ** 12), "base_precision": 10 ** 12})
    else:
        sentence("ارزش قرارداد ", 3600, "میلیارد تومان", "است", day=day0, key="ارزش", pred=None, kind="money",
                 precision=1, extra={"unit": "IRT", "base_unit": "IRR", "base_value": 36 * 10 ** 12,
                                     "base_interval": (36 * 10 ** 12, 36 * 10 ** 12), "base_precision": 10 ** 10})
    sentence("نرخ مشارکت ", 55 if rng.random() > 0.05 else 61, "درصد", "بود", day=day0, key="نرخ مشارکت",
             pred=None, kind="percent")
    sentence("", 4 + (story % 3), "رزمناو", "در حمله حضور داشتند", day=None, key="رزمناو", pred="مشارکت داشتن")
    return Article(f"s{story}-{k}", "".join(parts), pub.isoformat(), tuple(mentions), facts=tuple(facts))


def synthetic(n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    return [_article(rng, i // PER_STORY, i % PER_STORY) for i in range(n)]


_CACHE: dict[int, list[Article]] = {}


def articles(n: int) -> list[Article]:
    if n not in _CACHE:
        _CACHE[n] = synthetic(n)
    return _CACHE[n]


def run_compare(rules, arts: list[Article]):
    claims = [c for i, a in enumerate(arts) for c in claims_of(a, rules, i)]
    return compare_claims(claims, rules, story=False)


@pytest.mark.parametrize("n", SIZES, ids=[f"{n // 1000}k" for n in SIZES])
def test_compare(benchmark, engine, n):
    rules = rules_of(engine)
    arts = articles(n)
    benchmark.group = "compare"
    benchmark.extra_info["articles"] = n
    benchmark.extra_info["facts"] = sum(len(a.facts) for a in arts)
    out = benchmark.pedantic(run_compare, args=(rules, arts), rounds=1 if n >= 100_000 else 3, iterations=1)
    assert out.contradictions and out.updates and out.agreements


def test_compare_growth_summary(engine):
    """Seconds per size, per fact, and the ratio to linear growth from the smallest size."""
    rules = rules_of(engine)
    rows = []
    for n in SIZES:
        arts = articles(n)
        facts = sum(len(a.facts) for a in arts)
        gc.collect()
        t = time.perf_counter()
        claims = [c for i, a in enumerate(arts) for c in claims_of(a, rules, i)]
        t_claims = time.perf_counter() - t
        t = time.perf_counter()
        out = compare_claims(claims, rules, story=False)
        t_decide = time.perf_counter() - t
        rows.append({"articles": n, "facts": facts, "claims": len(claims), "read_claims_s": round(t_claims, 3),
                     "decide_s": round(t_decide, 3), "total_s": round(t_claims + t_decide, 3),
                     "us_per_fact": round((t_claims + t_decide) / facts * 1e6, 1),
                     "contradictions": len(out.contradictions), "updates": len(out.updates),
                     "agreements": len(out.agreements)})
    base = rows[0]["total_s"] / rows[0]["facts"]
    print("\ncompare growth (articles, facts, claims -> seconds; per fact; x linear from the smallest)")
    for r in rows:
        r["x_linear"] = round(r["total_s"] / r["facts"] / base, 2)
        print(f"  {r['articles']:>7} articles {r['facts']:>7} facts {r['claims']:>7} claims: "
              f"read {r['read_claims_s']:7.2f} s + decide {r['decide_s']:6.2f} s = {r['total_s']:7.2f} s  "
              f"{r['us_per_fact']:7.1f} us/fact  x{r['x_linear']:.2f}  "
              f"({r['contradictions']} contradictions, {r['updates']} updates, {r['agreements']} agreements)")
    out_dir = Path(".benchmarks")
    out_dir.mkdir(exist_ok=True)
    (out_dir / "compare.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")

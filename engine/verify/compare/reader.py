"""Reading claims from one article (`claims_of`): each fact becomes a `Claim` (its subject key
refined with rules/compare.rules when the fact only says «نفر» or took a verb for its subject,
its value as an interval in the base unit, when it happened), and three more kinds are read from
the mentions the facts left: tolls («به ۴۱ رسید»), event dates («حملات از ۳۰ سپتامبر آغاز شد»)
and stated weekdays («روز سه‌شنبه ۱۵ مهر»). Parts, changes, projections and superlatives are
not claims."""
from __future__ import annotations

import re
from datetime import date

from ...model import Article, Mention
from ...read.text import normalize
from .claim import Claim, with_time
from .figures import figure_claims
from .frames import frame_claims, merge_frames
from .lexicons import _kfold
from .rules import CompareRules
from .sentences import NUMERIC, _is_day, _last, _sentence_span, _Sentences, _windows
from .values import _figure, _num, _ord, _widen
from .when import _near_publication, _stated_time


class _ClaimReader:
    """Reads the claims of one article with the compare rules of its Engine."""

    def __init__(self, rules: CompareRules) -> None:
        self.r = rules

    # -- what a fact is about
    def _clean_measure(self, key: str, kind: str = "number") -> str | None:
        """«نرخ تورم/eases» -> «نرخ تورم»; «نرخ تورم/annual» -> «نرخ تورم/سالانه»."""
        if "/" not in key:
            return key
        head, _, qual = key.partition("/")
        implied = self.r.implied_key.get(qual)
        if implied is not None and self.r.generic_measure.get(head) is not None:
            # «شمار جان‌باختگان», «آمار قربانیان»: the toll itself, if the figure is a count
            return str(implied.value) if kind == "number" else None
        q = self.r.qualifier.get(qual)
        if q is not None:
            return f"{head}/{q.value}"
        if self.r.junk.get(qual) is not None or qual.isascii() or self.r.generic.get(qual) is not None:
            return head
        return key

    def _needs_context(self, key: str) -> bool:
        return (self.r.generic.get(key) is not None or self.r.junk.get(key) is not None
                or (key.isascii() and len(key) <= 2))

    def _from_context(self, kind: str, before: str, after: str) -> str | None:
        """What an unnamed figure is of, from its clause. A count: a word of implied_subject after
        the number («۱۲ نفر کشته شدند»), else before it («شمار جان‌باختگان … به ۹ نفر رسید»).
        A percent or amount: a measure of rules/facts.rules before it («نرخ تورم سالانه … به ۴۵٫۲
        درصد رسیده»), with a qualifier right after the measure."""
        if kind == "number":
            after = self.r.clause_and.split(f" {after} ")[0]    # «۱۲ نفر کشته و ۸۰ نفر زخمی»
            hit = next(iter(self.r.implied.finditer(after)), None) or _last(self.r.implied.finditer(before))
            return str(hit[2].value) if hit is not None else None
        # an apposition («نرخ تورم نقطه‌ای، یعنی درصد تغییر شاخص قیمت …، در آذر ۳۹٫۴ درصد») is not the measure
        before = "،".join(p for p in before.split("،") if not self.r.apposition.match(p.strip()))
        mh = _last(self.r.measure.finditer(before))
        if mh is None:
            return None
        key = str(mh[2].value)
        rest = before[mh[1]:]
        q = next(iter(self.r.qual_text.finditer(rest)), None)
        if q is not None and not rest[:q[0]].strip():
            key += f"/{q[2].value}"
        return key

    def subject(self, fact, m: Mention | None, text: str, sents: "_Sentences") -> str | None:
        key = self._clean_measure(str(fact.subject.get("key") or ""), fact.kind)
        if not key:
            return None
        if "/" not in key and fact.span[0] < (m.start if m is not None else fact.span[0]):
            # "annual inflation rate … 45.2 percent": an English qualifier comes before the measure
            words = normalize(text[max(fact.sentence[0], fact.span[0] - 30):fact.span[0]]).normalized.split()
            q = self.r.qualifier.get(words[-1]) if words else None
            if q is not None and self.r.measure_key.get(key) is not None:
                key = f"{key}/{q.value}"
        implied = self.r.implied_key.get(key) if "/" not in key else None
        if implied is not None:
            return str(implied.value)          # «۱۶۵ شهید», «۹۵ مجروح»: a toll word the facts stage kept
        if fact.kind == "number" and m is not None:
            pre = normalize(text[max(fact.sentence[0], m.start - 20):m.start]).normalized
            hit = _last(self.r.toll_before.finditer(pre))
            if hit is not None and not pre[hit[1]:].strip():   # «شهادت ۵۳ دانش‌آموز»
                toll = str(hit[2].value)
                return toll if self._needs_context(key.split("/")[0]) else f"{toll}/{key}"
        if not self._needs_context(key.split("/")[0]):
            return key
        pred = (fact.predicate or {}).get("key")
        e = self.r.implied_key.get(pred)
        if e is not None:
            return str(e.value)
        a, b = (m.start, m.end) if m is not None else fact.span
        return self.context_key(fact.kind, text, a, b, fact.sentence[0], fact.sentence[1], sents)

    def context_key(self, kind: str, text: str, a: int, b: int, sa: int, sb: int, sents: "_Sentences") -> str | None:
        """What an unnamed figure at [a, b) is of: a count from its clause, a measured figure
        (percent, amount) from a measure earlier in its sentence («نرخ تورم نقطه‌ای، یعنی …، در آذر
        ماه ۳۹٫۴ درصد»)."""
        if kind == "number":
            before, after = _windows(text, a, b, sa, sb, sents)
        else:
            before, after = _windows(text, a, b, sa, sb, sents, words=25, clause=False)
        return self._from_context(kind, before, after)

    # -- one article
    def read(self, article: Article, seq: int = 0, figures: bool = True) -> list[Claim]:
        sents = _Sentences(article)
        out: list[Claim] = []
        in_facts: set[str] = set()
        for f in article.facts:
            in_facts.update(f.mentions)
            c = self.from_fact(f, article, sents, seq)
            if c is not None:
                out.append(c)
        out.extend(self.tolls(article, sents, in_facts, seq))
        out.extend(self.orphans(article, sents, in_facts, seq))
        # Frame claims say which event only through the article's day: an undated article's stay
        # out of compare (on real same-claim clusters spanning years, 286 of 303 contradictions
        # were such claims compared as one event, «۷۵ به» against «-۱۵ به» among them).
        if article.published is not None:
            values: dict[int, tuple[int, int]] = {}
            out = merge_frames(out, frame_claims(self, article, sents, seq, generic=False), sents, True, values)
            out = merge_frames(out, frame_claims(self, article, sents, seq, generic=True), sents, False, values)
        out.extend(self.events(article, sents, seq))
        out.extend(self.weekdays(article, sents, seq, alone=figures))
        if figures and article.published is not None:
            out.extend(figure_claims(article, sents, self.r.figure_key, seq, self.r.figure_day_key))
        return self.placed(out, article)

    def placed(self, claims: list[Claim], article: Article) -> list[Claim]:
        """Each claim with its event and place (claims.scene): a frame claim's as its frame read
        them, another's from its sentence, else the lead. A dateline's place is not the event's
        (an agency's desk), so it does not keep claims apart. Also the script of its article."""
        latin = _latin(article.text)
        for c in claims:
            c.latin = latin
        if not self.r.scene or not claims:
            return claims
        framed = {(fc.start, fc.end, fc.frame): fc for fc in article.claims} if any(c.frame for c in claims) else {}
        reader = self.r.scene.reader(article.text)
        for c in claims:
            fc = framed.get((c.start, c.end, c.frame)) if c.frame else None
            s = fc if fc is not None else reader.at(c.start, c.end)
            c.event = s.event
            if s.where_source != "dateline":
                c.place, c.place_in = s.where, s.where_in
                c.place_known = self.r.scene.knows(s.where)
            c.scene_from = (s.event_source, s.where_source)
        return claims

    def is_partial(self, text: str, end: int, number_end: int | None = None) -> bool:
        """«۲۳ نفر از مصدومان …», «۵۰۰ چادر دیگر»: a part of, or an addition to, another figure,
        right after the fact or as the last words of its own span («مرگ ۶۵۵ نفر دیگر»)."""
        after = normalize(text[end:end + 40]).normalized
        hit = next(iter(self.r.partial.finditer(after)), None)
        if hit is not None and not after[:hit[0]].strip():
            return True
        if number_end is None or number_end >= end:
            return False
        tail = normalize(text[number_end:end]).normalized
        return any(not tail[h[1]:].strip() for h in self.r.partial.finditer(tail))

    def is_change(self, f, text: str, m: Mention | None = None) -> bool:
        """«۱۲ درصد افزایش», «افزایش ۳۸ درصدی»: the figure is a change, not a level. A figure
        right after «به» is the level reached, whatever verb follows («به ۴۰ درصد افزایش یافت»)."""
        if self.r.change_key.get(str(f.subject.get("key") or "").split("/")[-1]) is not None:
            return True
        after = normalize(text[f.span[1]:f.span[1] + 30]).normalized
        hit = next(iter(self.r.change.finditer(after)), None)
        start = m.start if m is not None else f.span[0]
        reached = self.r.reached.search(normalize(text[max(f.sentence[0], start - 6):start]).normalized)
        if hit is not None and not after[:hit[0]].strip() and not reached:
            return True
        if m is not None:
            before = normalize(text[max(f.sentence[0], m.start - 20):m.start]).normalized
            hit = _last(self.r.change.finditer(before))
            return hit is not None and not before[hit[1]:].strip()
        return False

    def is_hypothetical(self, text: str, a: int, b: int, sa: int, sb: int, sents: "_Sentences") -> bool:
        """A projection, target or condition in the figure's clause, or a superlative before it."""
        before, after = _windows(text, a, b, sa, sb, sents)
        words = []
        for w in after.split()[:4]:              # «… ۴۰ درصد رسیده بود و پیش‌بینی می‌کنیم …»: another clause
            if w.lower() in self.r.and_words:
                break
            words.append(w)
        after = " ".join(words)
        hits = [h for h in self.r.projection.finditer(before) if getattr(h[2].attrs.get("where"), "name", None) != "after"]
        return (bool(hits) or next(iter(self.r.projection.finditer(after)), None) is not None
                or next(iter(self.r.superlative.finditer(before)), None) is not None)

    def from_fact(self, f, article: Article, sents: _Sentences, seq: int) -> Claim | None:
        m = sents.by_id.get(f.mentions[0]) if f.mentions else None
        if self.is_partial(article.text, f.span[1], m.end if m is not None else None) or self.is_change(f, article.text, m):
            return None
        a, b = (m.start, m.end) if m is not None else f.span
        if self.is_hypothetical(article.text, a, b, f.sentence[0], f.sentence[1], sents):
            return None
        key = self.subject(f, m, article.text, sents)
        if not key:
            return None
        own = key                        # the key before «هر»: «قیمت هر کیلو» names no good
        if f.kind in ("money", "quantity"):
            before, _ = _windows(article.text, a, b, f.sentence[0], f.sentence[1], sents, words=6)
            per = self.r.per_item_key
            if next(iter(self.r.per_item.finditer(before)), None) is not None and not key.endswith(per):
                key += per               # «قیمت هر دستگاه ۹۰ میلیارد تومان»: per item, not a total
        ex = m.extra if m is not None else {}
        if ex.get("base_unit"):
            unit = str(ex["base_unit"])
            iv = ex.get("base_interval") or (ex.get("base_value"), ex.get("base_value"))
            value = ex.get("base_value")
            precision = ex.get("base_precision")
        else:
            unit = "percent" if f.kind == "percent" else (f.unit or "count")
            iv = f.interval or (f.value, f.value)
            value = f.value
            precision = f.precision
        lo, hi = _num(iv[0]), _num(iv[1])
        if lo is None and hi is None:
            return None
        flo, fhi, lop, hip = _widen(lo, hi, _num(precision))
        strong, tlo, thi, alts = _stated_time(f, m, sents, self.r.months)
        pred = (f.predicate or {}).get("key")
        stated = ()
        if m is not None and m.extra.get("base_unit"):
            stated = (_num(m.value), _num(m.interval[0]) if m.interval else None, _num(m.interval[1]) if m.interval else None,
                      str(m.extra.get("unit") or ""), str(m.extra.get("unit_text") or m.extra.get("unit") or ""))
        mono = self.r.monotone.get(key) or self.r.monotone.get(key.split("/")[0]) or self.r.monotone.get(pred)
        series = mono.origin if mono is not None else None
        window = mono.attrs.get("window") if mono is not None else None
        mutable = self.r.mutable.get(key) is not None
        period = next((d for d in sents.within(f.sentence[0], f.span[0]) if d.kind == "date" and d.extra.get("range")
                       and d.interval and _ord(d.interval[0]) is not None and _ord(d.interval[1]) is not None), None)
        if period is not None:   # «از ۳۰ سپتامبر تا ۱۵ مهر … ١١٢ هدف»: a total over a period
            strong, tlo, thi, alts = True, _ord(period.interval[0]), _ord(period.interval[1]), ()
        running = period is not None or bool(f.cumulative) and (bool((f.time or {}).get("interval")) or next(iter(
            self.r.running.finditer(normalize(article.text[f.sentence[0]:f.sentence[1]]).normalized)), None) is not None)
        loose = not pred and bool(self.r.months.locative.search(normalize(article.text[max(0, f.span[0] - 6):f.span[0]]).normalized))
        span_of = None
        if f.cumulative and not running and m is not None:
            lo_ = f.sentence[0]
            for d in sents.within(f.sentence[0], m.start):
                if d.kind in NUMERIC:
                    lo_ = d.end
            span_of = next((_num(d.value) for d in reversed(sents.within(lo_, m.start)) if d.kind == "duration"), None)
        head = key.split("/")[0]
        named = (_kfold(head) in self.r.named and (unit != "percent" or self.r.rate.get(head) is not None)
                 and not ("/" not in own and self.r.bare.get(head) is not None))
        return Claim(
            article.id, article.published, f.id, f.kind, key, str(f.subject.get("text") or key), pred, unit,
            flo, fhi, lop, hip, _num(value) if value is not None else None,
            [lo, hi], f.hedge, _figure(lo, hi, value, f.hedge), strong, tlo, thi, alts,
            series, int(window) if isinstance(window, (int, float)) and not isinstance(window, bool) else None,
            running, mutable, f.span[0], f.span[1], article.text[f.span[0]:f.span[1]],
            f.attribution, f.rule, seq, loose, stated, span_of, (), tuple(f.sentence), named)

    def tolls(self, article: Article, sents: _Sentences, in_facts: set[str], seq: int) -> list[Claim]:
        """"has risen to 41", «به ۴۱ رسید»: a toll whose number was not made a fact."""
        out = []
        text = article.text
        for m in article.mentions:
            if m.kind != "number" or m.id in in_facts or m.value is None and m.interval is None:
                continue
            pre = normalize(text[max(0, m.start - 6):m.start]).normalized
            if not self.r.reached.search(pre):
                continue
            sa, sb = _sentence_span(text, m.start, m.end)
            before, after = _windows(text, m.start, m.end, sa, sb, sents, words=24)
            ih = _last(self.r.implied.finditer(before))
            rise = next(iter(self.r.rise.finditer(before + " " + after)), None)
            if ih is None or rise is None:
                continue
            key = str(ih[2].value)
            lo, hi = (_num(m.interval[0]), _num(m.interval[1])) if m.interval else (_num(m.value),) * 2
            flo, fhi, lop, hip = _widen(lo, hi, _num(m.precision))
            mono = self.r.monotone.get(key)
            out.append(Claim(
                article.id, article.published, f"t{len(out) + 1}", "number", key, ih[2].forms[0], None, "count",
                flo, fhi, lop, hip, _num(m.value), [lo, hi], m.hedge, _figure(lo, hi, m.value, m.hedge),
                False, None, None, (), mono.origin if mono is not None else None, None, True, False,
                m.start, m.end, text[m.start:m.end], None, rise[2].origin, seq, sentence=(sa, sb)))
        return out

    def orphans(self, article: Article, sents: _Sentences, in_facts: set[str], seq: int) -> list[Claim]:
        """A percent or amount the facts stage left without a subject, with a measure of
        rules/facts.rules earlier in its sentence: «نرخ تورم سالانه … در آذر ۱۴۰۲ به ۴۵٫۲ درصد رسیده»."""
        from ...claims.facts import Fact
        out = []
        text = article.text
        for m in article.mentions:
            if m.kind not in ("percent", "quantity", "money") or m.id in in_facts:
                continue
            if m.value is None and not m.interval:
                continue
            sa, sb = _sentence_span(text, m.start, m.end)
            key = None
            if m.kind == "money":
                pre = normalize(text[max(sa, m.start - 20):m.start]).normalized
                hit = _last(self.r.valued.finditer(pre))
                if hit is not None and not pre[hit[1]:].strip():
                    key = str(hit[2].value)     # «قرارداد ۳۶ هزار میلیارد تومانی»: the contract's value
            key = key or self.context_key(m.kind, text, m.start, m.end, sa, sb, sents)
            if not key:
                continue
            f = Fact(id=f"o{len(out) + 1}", subject={"key": key, "text": key}, predicate=None, value=m.value,
                     interval=m.interval, unit=m.extra.get("unit") or ("percent" if m.kind == "percent" else None),
                     precision=m.precision, hedge=m.hedge, time={"source": "unknown"}, cumulative=False, as_of=None,
                     attribution=None, span=(m.start, m.end), sentence=(sa, sb), mentions=(m.id,), rule=m.rule,
                     kind=m.kind)
            c = self.from_fact(f, article, sents, seq)
            if c is not None:
                out.append(c)
        return out

    def events(self, article: Article, sents: _Sentences, seq: int) -> list[Claim]:
        """«حملات از ۳۰ سپتامبر آغاز شد»: the date an event started (or ended) on."""
        out = []
        text = article.text
        for m in article.mentions:
            if not _is_day(m):
                continue
            d = _ord(m.value)
            if d is None:
                continue
            sa, sb = _sentence_span(text, m.start, m.end)
            after = normalize(text[m.end:min(sb, m.end + 120)]).normalized
            before = normalize(text[max(sa, m.start - 100):m.start]).normalized
            verb = next(iter(self.r.event_verb.finditer(after)), None)
            noun = None
            if verb is not None and len(after[:verb[0]].split()) <= 10:
                noun = _last(self.r.event_noun.finditer(after[:verb[0]])) or _last(self.r.event_noun.finditer(before))
            else:
                verb = _last(self.r.event_verb.finditer(before))
                if verb is not None and len(before[verb[1]:].split()) <= 8:
                    noun = next(iter(self.r.event_noun.finditer(before[verb[1]:])), None)
                    noun = noun or next(iter(self.r.event_noun.finditer(after[:60])), None)
            if verb is None or noun is None:
                continue
            key, pred = str(noun[2].value), str(verb[2].value)
            out.append(Claim(
                article.id, article.published, f"e{len(out) + 1}", "event", key, noun[2].forms[0], pred, "date",
                d - 0.5, d + 0.5, True, True, d, [d, d], None, float(d), False, None, None, (),
                None, None, False, False, m.start, m.end, m.text, None, verb[2].origin, seq, sentence=(sa, sb)))
        return out

    def weekdays(self, article: Article, sents: _Sentences, seq: int, alone: bool = True) -> list[Claim]:
        """«روز سه‌شنبه ۱۵ مهر»: the weekday an article gives a day; with ``alone`` also a weekday
        named alone ("on Saturday"), loose: like a figure, it meets only in a story (never stored)."""
        out = []
        text = article.text
        ms = sents.mentions
        for i, m in enumerate(ms):
            if not _is_day(m):
                continue
            wd, a, b = m.extra.get("weekday"), m.start, m.end
            if wd is None:   # «امروز چهارشنبه»: a weekday written right after a relative day
                nxt = ms[i + 1] if i + 1 < len(ms) else None
                if nxt is not None and nxt.kind == "weekday" and not text[m.end:nxt.start].strip():
                    wd, b = nxt.value, nxt.end
            d = _near_publication(m, article.published) if m.extra.get("year_inferred") else _ord(m.value)
            only = alone and wd is None and bool(m.extra.get("weekday_only")) and d is not None
            if only:   # "on Saturday": the day the weekday alone names; it may agree, never contradict
                wd = date.fromordinal(d).weekday()
            if not isinstance(wd, int) or d is None:
                continue
            b = self._restated_day(text, ms, i, d, b)
            out.append(Claim(
                article.id, article.published, f"w{len(out) + 1}", "weekday", self.r.weekday_key, self.r.weekday_key, None,
                "weekday", wd - 0.5, wd + 0.5, True, True, wd, [wd, wd], None, float(wd), True, d, d, (),
                None, None, False, False, a, b, text[a:b], None, m.rule, seq, loose=only))
        return out

    def _restated_day(self, text: str, ms: list, i: int, d: int, b: int) -> int:
        """The end of a stated day together with the same day written again right after it
        («سه‌شنبه ۸ آذر (۲۹ نوامبر)»): one statement of one day, in two calendars."""
        for n in ms[i + 1:i + 3]:
            if n.start < b:
                continue
            if n.kind != "date" or not _is_day(n) or text[b:n.start].strip(" \u200c\u200f(") \
                    or _ord(n.value) != d:
                break
            b = n.end + (1 if text[n.end:n.end + 1] == ")" else 0)
        return b


def claims_of(article: Article, rules: CompareRules, seq: int = 0, figures: bool = False) -> list[Claim]:
    """Every comparable claim of one article (facts, tolls, event dates, stated weekdays; with ``figures``
    its bare figures too, figures.py, as `compare` reads them; a fact store keeps none)."""
    return with_time(_ClaimReader(rules).read(article, seq, figures), article)


_LATIN_LETTER = re.compile(r"[A-Za-z]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z]")


def _latin(text: str) -> bool:
    """Is an article written in Latin letters (an English report): most of its letters are?
    (Counted in C over its first 4,000 characters: this runs once per article compared.)"""
    head = text[:4000]
    return len(_LATIN_LETTER.findall(head)) > len(_OTHER_LETTER.findall(head))

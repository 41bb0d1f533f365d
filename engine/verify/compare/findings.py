"""Writing the findings: a contradiction, update or agreement is recorded once (``self.seen``),
with the severity and rule origin of its `verdict` line and its message in Persian and English
(lexicon `compare_message` of rules/compare.rules)."""
from __future__ import annotations

from datetime import date

from .claim import Claim
from .messages import _event_day, _fill, _fmt, _fmt_day, _show, _weekday_name, _what, _when, _when_pub
from .result import Finding


class _Findings:
    """The recording half of the decider: needs ``self.r`` (the compare rules), ``self.out``
    (the Comparison being filled), ``self.seen`` (the findings already recorded) and
    ``self.agreed`` (per figure, the index of its agreement in ``self.out.agreements``) and
    ``self._gathered`` (per figure, its members until `finish_agreements`)."""

    def _outside(self, *cs: Claim) -> bool:
        """A finding that is not this decision's: against a store a running total's window is
        decided for one new claim, so one that does not involve it is another window's; and
        claims of two events or places (`scene_ok`) are no finding at all."""
        f = getattr(self, "_focus", None)
        return (f is not None and not any(c is f for c in cs)) or not self.scene_ok(*cs)

    def contradict(self, a: Claim, b: Claim, verdict: str | None, fell: bool = False) -> None:
        if verdict is None or self._outside(a, b):
            return
        if verdict == "unordered":   # no order to tell: the smaller figure first, whatever the input order
            a, b = sorted((a, b), key=lambda c: (c.figure, c.article, c.start))
        elif (a.published or "", a.seq, a.start) > (b.published or "", b.seq, b.start) and not fell:
            a, b = b, a
        k = ("c", id(a), id(b))
        if k in self.seen or ("c", id(b), id(a)) in self.seen:
            return
        self.seen.add(k)
        sev, rule = self.r.verdict(verdict if a.kind != "weekday" else "weekday")
        if a.kind == "event":
            sev, rule = self.r.verdict("event_date")
        if fell and a.series:
            rule = a.series if verdict == "fell" else rule
        if a.frame or b.frame:   # «claim quake.magnitude; disjoint»: the frame and the compare rule that decided
            rule = f"claim {a.frame or b.frame}; {verdict}"
        shape = ("weekday" if a.kind == "weekday" else "event" if a.kind == "event" else "fell" if fell
                 else "unordered" if verdict == "unordered" else "plain")
        self.out.contradictions.append(Finding("contradiction", sev, self.message(a, b, fell, shape), (a, b), rule, shape))

    def update(self, level: list[Claim], c: Claim) -> None:
        prev = level[0]
        if not (prev.new or c.new) or prev.article == c.article or self._outside(prev, c):
            return
        k = ("u", id(prev), id(c))
        if k in self.seen:
            return
        self.seen.add(k)
        _, rule = self.r.verdict("rose")
        rule = c.series or rule
        if c.frame or prev.frame:
            rule = f"claim {c.frame or prev.frame}; rose"
        msg = {lang: self.msg("update", lang, what=_what(c, self.r, lang == "fa"), **self._pair(prev, c, lang == "fa"))
               for lang in ("fa", "en")}
        self.out.updates.append(Finding("update", "info", msg, (prev, c), rule))

    def agree(self, A: list[Claim], B: list[Claim]) -> None:
        members: dict[str, Claim] = {}
        for c in list(A) + list(B):
            members.setdefault(c.article, c)
        if len(members) < 2 or not any(c.new for c in members.values()) or self._outside(*members.values()):
            return
        k = ("a",) + tuple(sorted(id(c) for c in members.values()))
        if k in self.seen:
            return
        self.seen.add(k)
        ms = list(members.values())
        same = A is B
        # One agreement per figure: two groups that agree on what reads as the same figure
        # («۲۶ موشک کروز» with and without its verb) are one line, with the outlets of both.
        # The members are gathered per figure and the finding written once, by finish_agreements:
        # rewriting it on every join made a figure that many groups share cost quadratic time.
        figure = self._agreement_key(ms, same)
        acc = self._gathered.get(figure)
        if acc is None:
            acc = self._gathered[figure] = ([], set(), same)
            self.agreed[figure] = len(self.out.agreements)
            self.out.agreements.append(None)
        members_, seen, _ = acc
        for c in ms:
            if (c.article, c.start, c.end) not in seen:
                seen.add((c.article, c.start, c.end))
                members_.append(c)

    def finish_agreements(self) -> None:
        """Write each figure's agreement from the members gathered for it (see `agree`)."""
        _, rule = self.r.verdict("overlap")
        for figure, (ms, _, same) in self._gathered.items():
            self.out.agreements[self.agreed[figure]] = Finding(
                "agreement", "info", self._agreement_message(ms, same), tuple(ms), rule)
        self._gathered.clear()

    def _agreement_key(self, ms: list[Claim], same: bool) -> tuple:
        """What an agreement says, without its count: the figure(s) and what they count."""
        shown = tuple(dict.fromkeys(_show(c, True, self.r) for c in ms))
        return ("same" if same else "compatible", _what(ms[0], self.r, True), _show(ms[0], True, self.r) if same else shown)

    def _agreement_message(self, ms: list[Claim], same: bool) -> dict:
        """«۵ رسانه بر ۲۶ موشک کروز توافق دارند», or the `compatible` line for overlapping values."""
        c0, n = ms[0], len({c.article for c in ms})
        msg = {}
        for lang in ("fa", "en"):
            fa = lang == "fa"
            what = _what(c0, self.r, fa)
            if same:
                msg[lang] = self.msg("agreement", lang, outlets=_fmt(n, fa), value=_show(c0, fa, self.r), what=what)
            else:
                values = self.r.messages.get("values_joiner", lang).join(dict.fromkeys(_show(c, fa, self.r) for c in ms))
                msg[lang] = self.msg("compatible", lang, values=values, what=what, outlets=_fmt(n, fa))
        return msg

    def msg(self, key: str, lang: str, **values) -> str:
        """Message `key` of lexicon `compare_message` (rules/compare.rules) in ``lang``, its
        embedded runs isolated (messages._fill)."""
        return _fill(self.r, key, lang, **values)

    def _pair(self, earlier: Claim, later: Claim, fa: bool) -> dict:
        """The placeholders of a running total's two reports: values, articles, publication days."""
        return {"earlier": _show(earlier, fa, self.r), "earlier_article": earlier.article,
                "earlier_published": _when_pub(earlier, fa),
                "later": _show(later, fa, self.r), "later_article": later.article,
                "later_published": _when_pub(later, fa)}

    def message(self, a: Claim, b: Claim, fell: bool, shape: str = "") -> dict:
        out = {}
        for lang in ("fa", "en"):
            fa = lang == "fa"
            first, second = _show(a, fa, self.r), _show(b, fa, self.r)
            if a.kind == "weekday":
                day = int(a.tlo)
                actual = date.fromordinal(day).weekday()
                out[lang] = self.msg("weekday", lang, day=_fmt_day(day, fa), first=first, second=second,
                                     actual=_weekday_name(actual, fa, self.r))
            elif a.kind == "event":
                out[lang] = self.msg("event", lang, what=_what(a, self.r, fa), first=first, second=second)
            elif fell:
                out[lang] = self.msg("fell", lang, what=_what(a, self.r, fa), earlier_event=_event_day(a, fa, self.r),
                                     later_event=_event_day(b, fa, self.r), **self._pair(a, b, fa))
            elif shape == "unordered":
                p = self._pair(a, b, fa)
                out[lang] = self.msg("unordered", lang, what=_what(a, self.r, fa), first=p["earlier"],
                                     first_article=a.article, first_published=p["earlier_published"],
                                     second=p["later"], second_article=b.article, second_published=p["later_published"])
            else:
                out[lang] = self.msg("contradiction", lang, first=first, second=second, what=_what(a, self.r, fa),
                                     when=_when(a, b, fa, self.r))
        return out


def drop_restated(agreements: list[Finding]) -> list[Finding]:
    """The agreements without those of bare figures (figures.py) that an agreement on a named
    claim already makes, outlet for outlet at the same places (a day: in the same sentences, the
    day those claims are dated by), and without those of weekdays named alone on every side (each
    day was read from its name: they cannot but agree). Run on the whole comparison (one process,
    or the parts merged), so that both give the same findings."""
    named: dict[str, list[tuple[int, int, int]]] = {}
    for i, f in enumerate(agreements):
        for c in f.claims:
            if c.kind != "figure":
                named.setdefault(c.article, []).append((c.start, c.end, i))

    def held(c: Claim, a: int, b: int) -> bool:
        if c.unit == "date" and len(c.sentence) == 2:   # the named claim is in the day's sentence
            return c.sentence[0] <= a and b <= c.sentence[1]
        return a < c.end and c.start < b

    def restated(f: Finding) -> bool:
        common: set[int] | None = None
        for c in f.claims:
            hit = {i for a, b, i in named.get(c.article, ()) if held(c, a, b)}
            common = hit if common is None else common & hit
            if not common:
                return False
        return bool(common)

    def derived(f: Finding) -> bool:   # weekdays named alone on both sides: the day was read from the name
        return all(c.kind == "weekday" and c.loose for c in f.claims)

    return [f for f in agreements if not (f.claims and ((f.claims[0].kind == "figure" and restated(f)) or derived(f)))]


"""Claims of the frames of rules/claims/ (`Article.claims`) as compare claims: the frame decides
what is compared with what (its `what` and `who` make the key; its event and place keep claims apart) and how a figure may move
(`fixed`: disjoint values contradict; `monotone`: a running total that may rise within its window;
`mutable`: comparable only on one day). A frame of rank `GENERIC_RANK` or more takes its value
mention from the fact path; a lower one (the long tail: «تعداد X», a counted noun) only claims a
mention no fact made a claim of."""
from __future__ import annotations

from ...claims.facts import Fact
from ...model import Article
from .claim import Claim
from .sentences import _is_day, _sentence_span, _Sentences
from .values import _ord
from .when import _adjacent_day_mentions, _near_publication

GENERIC_RANK = 10
OVERRIDE_RANK = 40   # tolls: their frame's binding replaces any fact of the mention («killed or wounded»)


def frame_key(c) -> str:
    """What a frame claim is about: «سهم آرا/الف», «طلا», «دلار/13:00» (a `when` the frame captures
    is part of it: a price at 13:00 is another figure than the one at the close). Its place and event
    are not part of the key: claims of different places or events are kept apart by grouping
    (group.by_scene), where a claim that names none still meets the others."""
    parts = [c.what or c.frame] + [p for p in (c.who, c.when) if p]
    return "/".join(" ".join(str(p).split()) for p in parts)


def frame_claims(reader, article: Article, sents: _Sentences, seq: int,
                 generic: bool) -> list[tuple[Claim, str, int, bool]]:
    """(compare claim, its value mention's id, the frame's rank, whether it names a who) for each frame claim of the article: the specific
    frames (``generic`` False) or the long-tail ones (True)."""
    out: list[tuple[Claim, str, int, bool]] = []
    for k, fc in enumerate(article.claims):
        if (fc.rank < GENERIC_RANK) != generic or fc.scope:
            continue
        sa, sb = _sentence_span(article.text, fc.start, fc.end)
        key = frame_key(fc)
        if fc.kind == "date":       # the day of the event itself: compared as a day, in any calendar
            out.extend((c, fc.mention, fc.rank, bool(fc.who)) for c in event_day(reader, fc, key, article, sents, seq, (sa, sb)))
            continue
        m = sents.by_id.get(fc.mention) if fc.mention else None
        # a duration's value is in days («۱۰ سال» 3650): compared in days, shown as stated
        days = fc.kind == "duration" and m is not None and isinstance(m.extra.get("amount"), (int, float))
        f = Fact(id=f"c{k + 1}", subject={"key": key, "text": fc.what or key}, predicate=None, value=fc.value,
                 interval=fc.interval, unit="day" if days else fc.unit, precision=fc.precision, hedge=fc.hedge,
                 time={"source": "unknown"}, cumulative=False, as_of=None, attribution=None,
                 span=(fc.start, fc.end), sentence=(sa, sb), mentions=(fc.mention,) if fc.mention else (),
                 rule=fc.rule, kind=fc.kind)
        c = reader.from_fact(f, article, sents, seq)
        if c is None:
            continue
        c.key, c.subject, c.predicate, c.frame = key, fc.what or key, None, fc.frame
        if days:
            n, written = m.extra["amount"], str(fc.unit or "")
            c.stated = (n, n, n, written, written)
        c.series = fc.rule if fc.movement == "monotone" else None
        c.series_window = fc.window if fc.movement == "monotone" else None
        c.cumulative = fc.movement == "monotone" and c.cumulative
        c.mutable = fc.movement == "mutable"
        c.loose, c.named, c.rule = False, True, fc.rule
        out.append((c, fc.mention, fc.rank, bool(fc.who)))
    return out


def event_day(reader, fc, key: str, article: Article, sents: _Sentences, seq: int,
              sentence: tuple[int, int]) -> list[Claim]:
    """A frame claim whose value is a day («حمله روز چهارشنبه ۱۵ مهر انجام شد», "… on October 8"):
    an event claim of that day (a year-less day in the year nearest the publication). `fixed`:
    another day in another article is a contradiction, the same day in another calendar agrees
    (a spelling written next to it that is the same day, «۱۵ مهر (۷ اكتبر)», adds nothing). A
    spelling next to it that is another day («۱۵ مهر ۱۳۹۴ (۸ اکتبر ۲۰۱۵)») is a second claim of
    the article, spanning that spelling: the outlets that say 7 October disagree with its 8."""
    m = sents.by_id.get(fc.mention)
    if m is None or not _is_day(m):
        return []
    d = _near_publication(m, article.published) if m.extra.get("year_inferred") else _ord(m.value)
    if d is None:
        return []
    days = [(d, fc.start, fc.end, fc.text)]
    for o, om in _adjacent_day_mentions(m, sents, article.text, reader.r.months):
        if o != d and om.start < fc.end and fc.start < om.end:
            days.append((o, om.start, om.end, article.text[om.start:om.end]))
    return [Claim(article.id, article.published, f"d{a}", "event", key, fc.what or key, None, "date",
                  v - 0.5, v + 0.5, True, True, v, [v, v], None, float(v), False, None, None,
                  (), None, None, False, False, a, b, text, None, fc.rule,
                  seq, sentence=sentence, frame=fc.frame) for v, a, b, text in days]


def merge_frames(out: list[Claim], framed: list[tuple[Claim, str, int, bool]], sents: _Sentences, specific: bool,
                 values: dict[int, tuple[int, int]] | None = None) -> list[Claim]:
    """The article's claims with its frame claims merged in. A frame claim whose value mention the
    fact path already made a claim of another thing the lexicons name stays out (that claim is
    kept, as compare always read it); a specific frame replaces a claim of its own subject and replaces a claim of a guessed subject («خوی» for
    «زلزله ۵.۹ ریشتری خوی …»), and a toll's frame (rank `OVERRIDE_RANK` or more) any claim of its
    mention: "40 killed or wounded" is no claim about the killed; a long-tail frame only claims a mention no other claim holds.
    ``values`` (shared by the calls for one article) holds each merged frame claim's value span: a frame
    claim whose words only pass over another figure («۴۰ هزار از ۹۰ هزار واجد شرایط») does not hold it.
    A frame claim that names its who (a candidate, a side) keeps the claim it replaces, loose: an outlet
    that does not name the candidate, or names it in another script, may agree with it, never contradict."""
    values = {} if values is None else values
    for c, mid, rank, who in framed:
        m = sents.by_id.get(mid)
        a, b = (m.start, m.end) if m is not None else (c.start, c.end)
        # a frame claim that only passes over this mention does not hold it, nor does the other
        # side of the same pair mention («6-2»: the winner's and the loser's goals)
        over = [o for o in out if o.start < b and a < o.end and o.kind not in ("event", "weekday")
                and not (id(o) in values and (not (values[id(o)][0] < b and a < values[id(o)][1])
                                              or values[id(o)] == (a, b)))]
        # a named subject the frame does not share stays; the same subject is the frame's (its
        # binding wins: «۱۲ نفر کشته و ۳۰ نفر زخمی» is not 12 «کشته» who were «زخمی شدن»)
        if (rank < OVERRIDE_RANK and any(o.named and o.key.split("/")[0] != c.key.split("/")[0] for o in over)) \
                or (over and not specific):
            continue
        if over and who:
            for o in over:
                o.loose = True
        elif over:
            out = [o for o in out if not any(o is x for x in over)]
            if rank < OVERRIDE_RANK:   # «۸۹۰ هزار داوطلب … نتایج را دیدند»: the fact's verb still splits the count
                c.predicate = next((o.predicate for o in over if o.predicate), None)
        values[id(c)] = (a, b)
        out.append(c)
    return out

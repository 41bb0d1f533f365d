"""Where a claim is and what event it is about: the `where` and `event` of a claim, read with the
lexicons of rules/claims/scene.rules from the claim's own sentence, else from the article's lead
(its first sentences), else (a place only) from its dateline.

Compare keeps claims of two different events, or of two different places, apart: a running total
belongs to one event («۲۲ زخمی» of a bus crash is no fall from a decade's «۳ میلیون مصدوم»).
A place carries the region it lies in (`in=`), so a city and its province meet.

Nothing here is a word of any language: the lexicons name the event kinds, the places and the
markers that introduce a place («شهرستان X»)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..read.text import SENT_END, Text, fold, normalize, sentence_span

EVENT_LEXICON = "claim_event_kind"
PLACE_LEXICON = "claim_place"
MARKER_LEXICON = "claim_place_marker"
NOT_PLACE_LEXICON = "claim_not_a_place"
LOCATIVE_LEXICON = "claim_place_locative"
SCENE_LEXICONS = (EVENT_LEXICON, PLACE_LEXICON, MARKER_LEXICON, NOT_PLACE_LEXICON, LOCATIVE_LEXICON)

LEAD_SENTENCES = 2       # the lead: the article's first sentences (a headline is one) …
LEAD_CHARS = 400         # … within its first characters
DATELINE_CHARS = 40      # a dateline's place opens the text and is followed by a dash or a comma

_DATELINE_AFTER = re.compile(r"\s*[-–—،,(/]")
_WORD = re.compile(r"[^\W\d_][\w\u200c]*")


@dataclass(frozen=True, slots=True)
class Setting:
    """What a claim's scene is: its event kind and place, and where each was read
    (`sentence`, `lead`, `dateline`, or `frame` for a slot the claim block captured)."""
    event: str | None = None
    event_source: str | None = None
    where: str | None = None
    where_source: str | None = None
    where_in: str | None = None      # the region the place lies in (its `in=`)


def _key(s: str) -> str:
    """A spelling's lookup form: folded, lower case, without spaces or ZWNJ."""
    return re.sub(r"[\s\u200c]+", "", fold(s).lower())


def _value(e: Any) -> str:
    v = e.value
    return v.name if hasattr(v, "name") else str(v)


_SPACES = re.compile(r"[\s\u200c]+")
_JOIN = "\0"      # a space or ZWNJ inside a spelling: matches none, a space or a ZWNJ


def _trie_regex(forms: list[list[str]]) -> str:
    """One regex for many spellings, as a trie (a shared prefix is tried once, where an
    alternation of whole spellings would try each at every place of the text)."""
    trie: dict = {}
    for words in forms:
        node = trie
        for ch in _JOIN.join(words):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"[\s\u200c]*" if ch == _JOIN else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body
    return emit(trie)


class _Finder:
    """A lexicon searched for in normalized text, spaces and ZWNJ loose, case folded."""

    def __init__(self, lex) -> None:
        self.entries: dict[str, Any] = {}
        forms: list[list[str]] = []
        for e in (lex.entries if lex is not None else ()):
            for form in e.forms:
                words = [w for w in re.split(r"[\s\u200c]+", fold(form).lower()) if w]
                if words:
                    self.entries.setdefault("".join(words), e)
                    forms.append(words)
        self.rx = re.compile(r"(?<!\w)" + _trie_regex(forms) + r"(?!\w)", re.I) if forms else None

    def find(self, text: str) -> list[tuple[int, int, Any]]:
        if self.rx is None:
            return []
        out = []
        for m in self.rx.finditer(text):
            e = self.entries.get(_SPACES.sub("", m.group().lower()))   # the text is normalized already
            if e is not None:
                out.append((m.start(), m.end(), e))
        return out


class Scene:
    """The scene lexicons of a ruleset, compiled once (picklable with the frames)."""

    def __init__(self, lexicons: dict) -> None:
        self.events = _Finder(lexicons.get(EVENT_LEXICON))
        self.places = _Finder(lexicons.get(PLACE_LEXICON))
        self.markers = _Finder(lexicons.get(MARKER_LEXICON))
        self.not_places = _Finder(lexicons.get(NOT_PLACE_LEXICON))
        self.locatives = _Finder(lexicons.get(LOCATIVE_LEXICON))
        # a place by any of its spellings, or its value, folded: (its value, its region)
        self.known: dict[str, tuple[str, str | None]] = {}
        for key, e in self.places.entries.items():
            self.known.setdefault(key, (_value(e), self._within(e)))
            self.known.setdefault(_key(_value(e)), (_value(e), self._within(e)))
        self.values = {_value(e) for e in self.places.entries.values()}
        # kinds felt far from where they are (`wide`: a quake): their claims' places do not part them
        self.wide = {_value(e) for e in self.events.entries.values() if e.attrs.get("wide")}

    @staticmethod
    def _within(e: Any) -> str | None:
        v = e.attrs.get("in")
        return None if v is None or v is True else (v.name if hasattr(v, "name") else str(v))

    def __bool__(self) -> bool:
        return self.events.rx is not None or self.places.rx is not None

    def place_of(self, word: str | None) -> tuple[str | None, str | None]:
        """A place as a frame captured it («اهواز», "Ahvaz"): its value and region when the
        lexicon knows it, else the words as written."""
        if not word:
            return None, None
        return self.known.get(_key(word), (" ".join(word.split()), None))

    def knows(self, place: str | None) -> bool:
        """Is ``place`` one of the lexicon's places (by its value)?"""
        return bool(place) and place in self.values

    def reader(self, text: str, norm: Text | None = None) -> "SceneReader":
        return SceneReader(self, text, norm)

    # -- one stretch of normalized text
    def events_in(self, t: str) -> list[tuple[int, int, str]]:
        return [(a, b, _value(e)) for a, b, e in self.events.find(t)]

    def places_in(self, t: str) -> list[tuple[int, int, str, str | None, bool]]:
        """Places named in ``t``: the lexicon's, and the word after a marker («شهرستان نیشابور»),
        each with whether a locative word stands right before it («در قم», "in Qom")."""
        found = [(a, b, _value(e), self._within(e)) for a, b, e in self.places.find(t)]
        starts = [a for a, _, _, _ in found]
        for a, b, _ in self.markers.find(t):
            if any(pa >= b and not t[b:pa].strip() for pa in starts):
                found = [(a, *f[1:]) if f[0] >= b and not t[b:f[0]].strip() else f for f in found]
                continue          # «شهرستان سرپل ذهاب»: the lexicon's place right after the marker
            w = _WORD.match(t, b + len(t[b:b + 3]) - len(t[b:b + 3].lstrip()))
            if w is not None and not self.not_places.find(w.group()):
                found.append((a, w.end(), w.group(), None))
        ends = {b for _, b, _ in self.locatives.find(t)} if found else set()
        out = [(a, b, v, w, any(e <= a and not t[e:a].strip() for e in ends)) for a, b, v, w in found]
        out.sort()
        return out


def _one_place(places: list) -> tuple | None:
    """The one place a stretch names (a city and the region it lies in are one: the city), or
    None when it names none or several («به وقت کابل … هرات»: not one place's claim). A place
    after a locative word («در امارات») is preferred to one that only acts («تلافی تهران»)."""
    if not places:
        return None
    located = [p for p in places if p[4]]        # «در قم»: a place the sentence puts something in
    places = located or places
    inner = [p for p in places if not any(q[3] == p[2] for q in places)]   # drop a region its city names
    return inner[0] if len({p[2] for p in inner}) == 1 else None


def _nearest(hits: list, a: int, b: int) -> Any:
    """The hit nearest the span [a, b): inside it, else the closest before, else after."""
    best, dist = None, None
    for h in hits:
        d = 0 if h[0] < b and a < h[1] else (a - h[1] if h[1] <= a else (h[0] - b) + 0.5)
        if dist is None or d < dist:
            best, dist = h, d
    return best


class SceneReader:
    """The scene of each claim of one article: its events and places are found once, over the
    whole normalized text (``norm`` when the caller has it), and looked up by sentence."""

    def __init__(self, scene: Scene, text: str, norm: Text | None = None) -> None:
        self.scene = scene
        self.text = text
        self._norm = norm
        self._hits: tuple[list, list] | None = None
        self._lead: tuple | None = None

    def _all(self) -> tuple[list, list]:
        if self._hits is None:
            t = self._norm if self._norm is not None and self._norm.original == self.text else normalize(self.text)
            events = [(*t.to_original(x, y), v) for x, y, v in self.scene.events_in(t.normalized)]
            places = [(*t.to_original(x, y), *rest) for x, y, *rest in self.scene.places_in(t.normalized)]
            self._hits = (events, places)
        return self._hits

    def _read(self, a: int, b: int) -> tuple[list, list]:
        """Events and places of text[a:b], at original offsets."""
        events, places = self._all()
        return [e for e in events if a <= e[0] < b], [p for p in places if a <= p[0] < b]

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        return sentence_span(self.text, start, end)

    def _dateline(self, p: tuple) -> bool:
        """A place that opens a line of the head, a dash or comma after it: «اهواز - ایرنا -»,
        "AHVAZ, Iran, March 25 (…) -" after a headline."""
        if p[0] >= LEAD_CHARS or _DATELINE_AFTER.match(self.text, p[1]) is None:
            return False
        line = self.text.rfind("\n", 0, p[0]) + 1
        return p[0] - line < DATELINE_CHARS and not self.text[line:p[0]].strip(" \t\u200f\u200e\ufeff")

    def lead(self) -> tuple:
        """(event, place, region, dateline place, its region) of the article's lead."""
        if self._lead is None:
            end, n = 0, 0
            for m in SENT_END.finditer(self.text, 0, LEAD_CHARS):
                if self.text[end:m.start()].strip():
                    n += 1
                end = m.end()
                if n >= LEAD_SENTENCES:
                    break
            end = end if n >= LEAD_SENTENCES else min(len(self.text), LEAD_CHARS)
            events, places = self._read(0, end)
            dl = next((p for p in places if self._dateline(p)), None)
            ev = events[0][2] if events else None
            pl = _one_place([p for p in places if p is not dl])
            self._lead = (ev, pl[2] if pl else None, pl[3] if pl else None,
                          dl[2] if dl else None, dl[3] if dl else None)
        return self._lead

    def at(self, start: int, end: int, where: str | None = None) -> Setting:
        """The scene of the claim at [start, end) of the original text; ``where``: the place its
        frame captured, if any."""
        sa, sb = self.sentence(start, end)
        events, places = self._read(sa, sb)
        lead = None
        ev = _nearest(events, start, end)
        if ev is not None:
            event, esrc = ev[2], "sentence"
        else:
            lead = self.lead()
            event, esrc = lead[0], ("lead" if lead[0] else None)
        if where:
            w, win = self.scene.place_of(where)
            return Setting(event, esrc, w, "frame", win)
        pl = _one_place([p for p in places if not self._dateline(p)])
        if pl is not None:
            return Setting(event, esrc, pl[2], "sentence", pl[3])
        lead = lead or self.lead()
        if lead[1]:
            return Setting(event, esrc, lead[1], "lead", lead[2])
        if lead[3]:
            return Setting(event, esrc, lead[3], "dateline", lead[4])
        return Setting(event, esrc)

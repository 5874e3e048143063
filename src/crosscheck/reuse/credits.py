"""Explicit credit to an upstream source, read as evidence that two reports share one.

Forms read (each a ``Credit`` with offsets and ``kind``):

- ``dateline``: the wire credit the ingest found in the dateline ("BEIRUT (AP) —");
- ``read-more``: "Read More on The US Sun", "Read the full story at ..." (a rewrite pointing at
  the story it rewrote; usually marked as furniture, which does not stop it being a credit);
- ``wire-tag``: "(AP)", "(Reuters)", "(AFP)" in the text;
- ``additional-reporting``: "Additional reporting by ...", "Reporting by ...";
- ``contributed``: "X contributed to this report";
- ``whole-story``: "according to Reuters" or "Reuters reported" when the sentence says nothing
  else (a credit for the story); inside a reported claim it is the claim's attribution, which the
  attribution annotator reads, and is not taken here.

Names are normalised (``outlet_name``) so that "AP", "The Associated Press" and "apnews.com"
are one source.
"""

from __future__ import annotations

import re

from crosscheck.reuse.records import Credit, ReuseDoc

__all__ = ["upstream_credits", "outlet_name", "OUTLET_ALIASES"]

# Spellings of the same outlet, folded to one name. Keys are casefolded, without a leading "the".
OUTLET_ALIASES: dict[str, str] = {
    "ap": "Associated Press", "associated press": "Associated Press", "apnews.com": "Associated Press",
    "reuters": "Reuters", "thomson reuters": "Reuters", "reuters.com": "Reuters",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "france 24": "France 24",
    "cnn": "CNN", "cnn.com": "CNN", "bbc": "BBC", "bbc news": "BBC", "bbc.co.uk": "BBC", "bbc.com": "BBC",
    "us sun": "The US Sun", "u.s. sun": "The US Sun", "the-sun.com": "The US Sun",
    "sun": "The Sun", "thesun.co.uk": "The Sun",
    "upi": "UPI", "united press international": "UPI", "dpa": "dpa", "xinhua": "Xinhua",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg", "pa": "PA Media", "press association": "PA Media",
    "pa media": "PA Media", "interfax": "Interfax", "tass": "TASS", "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
}
_WIRES = "AP|Associated Press|Reuters|AFP|Agence France-Presse|UPI|dpa|Xinhua|Bloomberg|PA|CNN|Interfax|TASS"

def _name(group: str = "name") -> str:
    """A capitalised name of up to a few words ("The US Sun", "Agence France-Presse")."""
    return rf"(?P<{group}>(?:[Tt]he )?[A-Z][\w.&'’-]*(?:[ -](?:[A-Z][\w.&'’-]*|of|and|for|on)){{0,5}})"


_NAME = _name()
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("read-more", re.compile(r"\b(?i:read (?:more|the (?:full|original) (?:story|article)) (?:on|at|from|in)) " + _NAME)),
    ("wire-tag", re.compile(r"\((?P<name>" + _WIRES + r")\)")),
    ("additional-reporting", re.compile(r"\b(?i:(?:additional )?reporting by) " + _NAME)),
    ("contributed", re.compile(_NAME + r" contributed to this (?:report|story|article)")),
    ("originally-published", re.compile(r"\b(?i:(?:originally|first) (?:published|appeared) (?:on|in|by)) " + _NAME)),
]
# a sentence that is only a credit: "According to Reuters." / "Reuters reported." / "Source: AFP"
_WHOLE_STORY = re.compile(
    r"\W*(?:(?i:(?:this is |that is )?according to (?:a report (?:by|from|in) )?)" + _NAME + r"|" + _name("name2")
    + r" (?:reported|reports|first reported this)|(?i:source:)\s*" + _name("name3") + r")\W*"
)


def _is_outlet_like(raw: str) -> bool:
    """"Read More on The US Sun" credits an outlet; "READ MORE ON SYRIA" is a section link: a
    shouted name counts only when it is a known outlet."""
    bare = raw.removeprefix("The ").removeprefix("the ")
    return outlet_name(raw) in OUTLET_ALIASES.values() or not (bare.isupper() and len(bare) > 4)


def outlet_name(raw: str) -> str:
    """One name per outlet: "AP"/"The Associated Press"/"apnews.com" -> "Associated Press"."""
    folded = re.sub(r"\s+", " ", raw.strip().strip(".,;:)(").casefold())
    folded = re.sub(r"^(?:www\.)?", "", folded)
    bare = folded.removeprefix("the ").strip()
    if bare in OUTLET_ALIASES:
        return OUTLET_ALIASES[bare]
    return " ".join(w if w.isupper() else w.capitalize() for w in raw.strip().strip(".,;:)(").split()
                    if w.casefold() != "the") or raw.strip()


def _dateline_credit(doc: ReuseDoc) -> list[Credit]:
    if not doc.dateline_credit:
        return []
    at = doc.text.find(doc.dateline_credit, 0, 400)
    start, end = (at, at + len(doc.dateline_credit)) if at >= 0 else (0, 0)
    return [Credit(start, end, outlet_name(doc.dateline_credit), doc.dateline_credit, "dateline")]


def _whole_story(doc: ReuseDoc) -> list[Credit]:
    spans = list(doc.sentences) + [(s, e) for s, e, _ in doc.boilerplate]
    found = []
    for start, end in spans:
        m = _WHOLE_STORY.fullmatch(doc.text, start, end)
        if m:
            group = next(g for g in ("name", "name2", "name3") if m.group(g))
            name = m.group(group).rstrip(".,;: ")
            found.append(Credit(m.start(group), m.start(group) + len(name), outlet_name(name), name, "whole-story"))
    return found


def upstream_credits(doc: ReuseDoc) -> tuple[Credit, ...]:
    """Every explicit credit in ``doc``, in text order, one per span."""
    found = _dateline_credit(doc)
    for kind, pattern in _FORMS:
        for m in pattern.finditer(doc.text):
            name = m.group("name").rstrip(".,;: ")
            if kind == "read-more" and not _is_outlet_like(name):
                continue
            found.append(Credit(m.start("name"), m.start("name") + len(name), outlet_name(name), name, kind))
    found += _whole_story(doc)
    seen: set[tuple[int, int]] = set()
    unique = []
    for credit in sorted(found, key=lambda c: (c.start, c.end)):
        if (credit.start, credit.end) not in seen:
            seen.add((credit.start, credit.end))
            unique.append(credit)
    return tuple(unique)

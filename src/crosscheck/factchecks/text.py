"""Text as the matcher sees it: social-media noise removed, words, names and numbers.

Claims arrive as news sentences, debate lines or tweets. A tweet's URLs, ``pic.twitter.com`` links,
``@handles`` and ``#hashtags`` carry little of the claim: URLs are dropped, a handle or hashtag
becomes its words ("#AustralianFires" -> "Australian Fires"), and a trailing "— Name (@handle) date"
signature is cut, so that the words left are the claim's.
"""

from __future__ import annotations

import re

__all__ = ["normalise", "words", "names", "numbers", "STOPWORDS"]

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.I)
_SIGNATURE = re.compile(r"\s[—–-]{1,2}\s[^—–\n]{1,80}\(@\w+\)\s*\w*\s*\d{0,2},?\s*\d{0,4}\s*$")
_TAG = re.compile(r"[@#](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NAME = re.compile(r"\b[A-Z][a-zA-Z'’.-]+(?:\s+(?:[A-Z][a-zA-Z'’.-]+|de|la|van|von|al|bin))*")
_NUMBER = re.compile(r"(?<![\w.])[$£€]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent|million|billion|trillion|thousand))?", re.I)
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

STOPWORDS = frozenset("""a about after all also an and any are as at be been but by can could did do does
for from had has have he her his how i if in into is it its just me more my no not now of on one or our out
over said says she so than that the their them then there these they this to up us was we were what when
which who will with would you your rt via amp""".split())
# Capitalised words that start sentences or are titles, not names
_NOT_NAMES = frozenset("""The A An This That These Those It In On At For But And Or If When While After Before
As By From With Without Says Said According Mr Mrs Ms Dr President Senator Governor Rep Sen Gov Breaking
Video Photo Watch Rumor Claim Fact Check New Just Today Yesterday I We You He She They His Her Our Their My
There Here What Why How Who Where Which No Not Yes Some All Every Many Most Now Then Also So Because""".split())


def normalise(text: str) -> str:
    """The claim's own words: URLs and a tweet's signature dropped, handles and hashtags as words."""
    text = _URL.sub(" ", text)
    text = _SIGNATURE.sub(" ", text)
    text = _TAG.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text)
    return " ".join(text.split())


def words(text: str) -> list[str]:
    """Lower-case content words (stop words dropped; "s" of a possessive kept off)."""
    return [w.removesuffix("'s") for w in _WORD.findall(text.lower().replace("’", "'")) if w not in STOPWORDS]


def names(text: str) -> set[str]:
    """Capitalised word runs that look like names ("Joe Biden", "Ontario"), lower-cased; each
    word of a multi-word name is kept too, so "Biden" meets "Joe Biden"."""
    out: set[str] = set()
    for m in _NAME.finditer(text):
        parts = [p.strip(".'’-") for p in m.group(0).split() if p not in _NOT_NAMES]
        parts = [p for p in parts if len(p) > 1]
        if not parts:
            continue
        out.add(" ".join(parts).lower())
        out.update(p.lower() for p in parts if p[0].isupper() and len(p) > 2)
    return out


def numbers(text: str) -> set[float]:
    """Numbers written in the text as values ("45%" -> 45, "$4,300" -> 4300, "23 million" -> 2.3e7).
    Years count as numbers: a fact-check of 2019's figure is not one of 2021's."""
    out: set[float] = set()
    for m in _NUMBER.finditer(text):
        s = m.group(0).lower()
        digits = re.match(r"[$£€]?([\d,]*\d(?:\.\d+)?)", s)
        if not digits:
            continue
        try:
            value = float(digits.group(1).replace(",", ""))
        except ValueError:
            continue
        for word, scale in _SCALE.items():
            if s.endswith(word):
                value *= scale
        out.add(value)
    return out

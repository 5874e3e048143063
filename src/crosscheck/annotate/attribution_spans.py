"""What an attribution governs (its scope), how the source spoke (its channel), and anonymous
descriptions, read off the same spaCy parse as ``attribution``.

- Scope: the reported content only. "Hundreds of people gathered in Manchester, where they told
  Sky News they could not wait": the crowd count is the reporter's; "they" said only "they could
  not wait". For a reporting verb the scope is its clausal complement ("said [that ...]"), or,
  for "..., police said" parsed with the statement as the head clause, that clause without the
  verb's own subtree; for "according to X" the stretch of the sentence it closes or opens.
  The source, the cue, the channel, the time of saying ("said on Monday") and leading "that" /
  "where" / "saying" are not part of it.
- Channel: "in a statement", "on X", "in an interview with CNN", "on Telegram" hang on the verb
  or trail the source's name ("the Ukrainian Centre ... on X"); they are kept out of the source.
- Anonymity clause: "a spokesperson for the agency, who asked not to be named": the clause is
  part of the source's description and makes it anonymous.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["channel_tokens", "is_anonymity_clause", "scope_tokens", "CHANNEL"]

_PLATFORMS = (r"X|Twitter|Facebook|Telegram|Instagram|YouTube|TikTok|Weibo|WhatsApp|Threads|Bluesky|Truth\s+Social|LinkedIn"
              r"|Reddit|Snapchat|VKontakte|VK|Signal|social\s+media|(?:state\s+)?(?:television|TV|radio)")
_MEDIA = (r"statement|interview|tweet|post|posting|press\s+release|news\s+release|release|e-?mail|letter|video|blog(?:\s+post)?"
          r"|message|speech|broadcast|briefing|news\s+conference|press\s+conference|conference\s+call|filing|podcast|op-ed|column"
          r"|memo|note|address|account|page|channel|website|feed|livestream|documentary|report|transcript|text|call")
# A prepositional phrase that says how a source spoke: matched against the whole phrase's text.
CHANNEL = re.compile(
    rf"(?:(?:in|on|via|through|during)\s+(?:(?:a|an|the|his|her|its|their|[A-Z][\w.&-]*\s?['’]s)\s+)?(?:[\w.&'’-]+\s+){{0,3}}?"
    rf"(?:{_MEDIA})s?|(?:on|via)\s+(?:{_PLATFORMS}))(?:\s+(?:with|to|on|for|from|by)\s+[^,;]{{1,50}})?",
    re.I,
)
_ANONYMITY = re.compile(
    r"\b(?:not\s+to\s+be\s+(?:named|identified|quoted)|anonymity|anonymous(?:ly)?|on\s+(?:the\s+)?condition|unnamed"
    r"|declined\s+to\s+be\s+(?:named|identified)|not\s+authori[sz]ed\s+to|without\s+being\s+(?:named|identified))\b",
    re.I,
)
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
_LEAD_WORDS = frozenset({"that", "where", "when", "saying", "as", "while", "and", "but", ":", ",", "-", "—", "–"})
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "``", "''", "`"})


def is_anonymity_clause(clause: Any) -> bool:
    """Does this relative clause say the source is unnamed ("who asked not to be named")?"""
    return bool(_ANONYMITY.search(" ".join(t.text for t in clause.subtree)))


def channel_tokens(verb: Any, source: list[Any]) -> list[Any]:
    """The channel phrase: a prepositional child of the reporting verb, or one trailing the
    source's name ("the Ukrainian Centre ... on X"), whose whole text is a channel."""
    candidates = [c for c in verb.children if c.dep_ == "prep"] if verb is not None else []
    source_ids = {t.i for t in source}
    candidates += [c for t in source for c in t.children if c.dep_ == "prep" and c.i in source_ids and c.i > t.i]
    for prep in sorted(candidates, key=lambda c: c.i):
        clauses = {t.i for t in prep.subtree if t.dep_ in ("acl", "relcl", "ccomp") for t in t.subtree}
        phrase = [t for t in prep.subtree if t.i not in clauses]  # "in a statement [that ...]"
        if CHANNEL.fullmatch(" ".join(t.text for t in phrase).replace(" 's", "'s").rstrip(".")):  # "on X." at the end
            return phrase
    return []


def scope_tokens(verb: Any, found_scope: set[int], linear: bool, exclude: set[int], doc_tokens: list[Any]) -> list[Any]:
    """The tokens of the reported content, in order, trimmed of leading links and punctuation."""
    base = doc_tokens[0].i
    if linear or verb is None:
        ids = set(found_scope)
    else:
        content = [c for c in verb.children if c.dep_ in _CONTENT_DEPS and c.i not in exclude]
        if content:
            ids = {t.i for c in content for t in c.subtree}
        elif verb.dep_ in ("advcl", "parataxis", "conj", "ccomp") and verb.i > verb.head.i and verb.head.i not in exclude:
            ids = {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}  # "..., police said"
        else:
            ids = set(found_scope)
    ids -= exclude
    tokens = [doc_tokens[i - base] for i in sorted(ids) if 0 <= i - base < len(doc_tokens)]
    quoted = False
    while tokens and (tokens[0].lower_ in _LEAD_WORDS or tokens[0].is_punct or tokens[0].text in _QUOTES):
        quoted = quoted or tokens[0].text in _QUOTES
        tokens.pop(0)
    if quoted:  # 'tweeted that "reports suggest X," but ...': the quote ends the reported words
        close = next((k for k, t in enumerate(tokens) if t.text in _QUOTES), None)
        tokens = tokens[:close] if close else tokens
    while tokens and (tokens[-1].is_punct or tokens[-1].text in _QUOTES):
        tokens.pop()
    return tokens

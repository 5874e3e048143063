"""Attribution: who a sentence's statement comes from, read off spaCy's dependency parse.

Three constructions, each with a cue lexicon:

- a reporting verb with a subject: "Biden said ...", "..., Reuters reports", "they told Sky News";
- "according to X" (X is the source; its scope is the clause it closes or opens);
- "quoted/citing/quoting X": X is the source and the verb's subject (or the noun the participle
  hangs on) is the reporter it came *via* ("Interfax quoted an unnamed source").

Attributions nested in another's scope become chains: the inner source ``via`` the outer. Each
record carries the span it governs (``scope_*``) and the channel ("in a statement", "on X") apart
from the source; see ``attribution_spans``.
Passive "is said to" is a hedge, not an attribution (see ``hedges``); "said" as an adjective or
without a reported complement is not a cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from crosscheck.annotate.attribution_spans import channel_tokens, is_anonymity_clause, scope_tokens
from crosscheck.annotate.nlp import coarse_pos
from crosscheck.annotate.records import Attribution

__all__ = ["find_attributions", "has_cue", "primary_attribution", "REPORTING_VERBS", "ANONYMOUS_HEADS"]

_VERB_LEMMAS = (
    "say tell report claim state announce confirm deny add explain insist warn note write tweet allege "
    "accuse argue acknowledge admit reveal disclose assert testify predict declare stress tell inform "
    "describe maintain speculate purport dismiss point"
)
_IRREGULAR = {"say": ["said", "says"], "tell": ["told"], "write": ["wrote", "written"], "deny": ["denies", "denied"],
              "testify": ["testifies", "testified"], "admit": ["admitted", "admitting"]}


def _forms(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", stem + "ed", stem + "ing", lemma + "ed"}
    forms.update(_IRREGULAR.get(lemma, []))
    return forms


REPORTING_VERBS: frozenset[str] = frozenset(f for lemma in _VERB_LEMMAS.split() for f in _forms(lemma))
_SOURCE_OBJECT_VERBS = frozenset({"quoted", "quoting", "quote", "quotes", "citing", "cited", "cite", "cites"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "advcl"})
# Unnamed individuals and vague groups. Institutions named by a common noun ("police said", "the
# company said") are identifiable from the story, so they are not here and not anonymous.
ANONYMOUS_HEADS: frozenset[str] = frozenset(
    "source sources official officials campaigner campaigners activist activists witness witnesses eyewitness "
    "eyewitnesses resident residents report reports some insider insiders people person expert experts analyst "
    "analysts observer observers diplomat diplomats someone somebody others many aide aides critics locals "
    "rumours rumors friend friends relative relatives neighbour neighbours neighbor neighbors survivor survivors "
    "colleague colleagues acquaintance".split()
)
# Documents: anonymous unless a name says whose ("a Post report" is named, "reports" are not).
_DOCUMENT_HEADS = frozenset("report reports account accounts statement statements document documents study".split())
# Verbs whose noun object is the reported content ("Woodward confirmed the revelation").
_NOUN_CONTENT_VERBS = frozenset(
    f for lemma in "confirm deny announce reveal admit report claim dismiss disclose acknowledge".split() for f in _forms(lemma)
)
_ANONYMOUS_MODIFIERS = frozenset({"unnamed", "anonymous", "unidentified", "undisclosed"})
_MAX_SOURCE_TOKENS = 12


@dataclass(slots=True, eq=False)  # identity semantics: the nesting checks ask "this very one?"
class _Found:
    cue: list[Any]
    source: list[Any]
    head: Any
    scope: set[int]
    linear: bool = False  # scope is a stretch of text ("..., according to X"), not a subtree
    reporter: _Found | None = None
    outer: list[_Found] = field(default_factory=list)
    channel: list[Any] = field(default_factory=list)


_CUE_WORD = re.compile(
    r"\b(?:according\s+to|" + "|".join(sorted(REPORTING_VERBS | _SOURCE_OBJECT_VERBS, key=len, reverse=True)) + r")\b", re.I
)


_CUE_SET = frozenset(REPORTING_VERBS | _SOURCE_OBJECT_VERBS)
_WORD_RUN = re.compile(r"\w+")
_ACCORDING_TO = re.compile(r"\baccording\s+to\b")


def has_cue(text: str, start: int = 0, end: int | None = None) -> bool:
    """Does the sentence hold a reporting cue at all? Sentences without one need no parse."""
    end = len(text) if end is None else end
    piece = text[start:end]
    if piece.isascii() and not (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")):
        # The same answer as the regex, 3x faster: in ASCII text a case-insensitive whole-word
        # match is a lower-cased maximal word run in the cue set (checked on 13,632 FNC-1 sentences).
        low = piece.lower()
        return not _CUE_SET.isdisjoint(_WORD_RUN.findall(low)) or ("according" in low and _ACCORDING_TO.search(low) is not None)
    return _CUE_WORD.search(text, start, end) is not None


def find_attributions(text: str, start: int, end: int, doc: Any) -> tuple[Attribution, ...]:
    """Every attribution in the sentence ``text[start:end]`` parsed as ``doc``, innermost
    sources first, each with its ``via`` chain. Offsets are into ``text``."""
    if doc is None or len(doc) == 0:
        return ()
    base = _doc_base(doc, start)
    tokens = list(doc)
    found = _according_to(tokens) + _reporting_verbs(tokens)
    found = _merge_reporters(found)
    _nest(found)
    leaves = [f for f in found if not any(f in g.outer for g in found)]
    leaves.sort(key=lambda f: (_depth(f.cue[0]), f.cue[0].i))
    for f in found:
        _split_channel(f)
    return tuple(_record(text, base, f, tokens) for f in leaves)


def _split_channel(f: _Found) -> None:
    """Move "in a statement" / "on X" out of the source into ``channel``."""
    verb = f.cue[0] if f.cue[0].tag_.startswith("VB") else None
    f.channel = channel_tokens(verb, f.source)
    ids = {t.i for t in f.channel}
    rest = [t for t in f.source if t.i not in ids]
    while rest and (rest[-1].is_punct or rest[-1].dep_ in ("cc", "prep")):
        rest.pop()
    if rest:
        f.source = rest


def primary_attribution(attributions: tuple[Attribution, ...]) -> Attribution | None:
    """The attribution of the sentence's main statement: the one whose cue sits highest in the
    parse (``find_attributions`` returns them in that order)."""
    return attributions[0] if attributions else None


def _doc_base(doc: Any, start: int) -> int:
    return 0 if hasattr(doc, "doc") and doc.doc is not doc else start


def _depth(tok: Any) -> int:
    d = 0
    while tok.head.i != tok.i and d < 200:
        tok, d = tok.head, d + 1
    return d


def _according_to(tokens: list[Any]) -> list[_Found]:
    out: list[_Found] = []
    for tok in tokens:
        rel = tok.i - tokens[0].i
        if tok.lower_ != "according" or rel + 1 >= len(tokens) or tokens[rel + 1].lower_ != "to":
            continue
        to = tokens[tok.i + 1 - tokens[0].i]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
        if not objs:
            continue
        head = objs[0]
        source = _source_tokens(head)
        out.append(_Found(cue=[tok, to], source=source, head=head, scope=set(), linear=True))
    # Scope of a sentence-final "..., according to X": the stretch back to the previous one;
    # of a leading "According to X, ...": the stretch up to the next one.
    n0, n1 = tokens[0].i, tokens[-1].i + 1
    for k, f in enumerate(out):
        if f.cue[0].i - n0 <= 2:
            stop = out[k + 1].cue[0].i if k + 1 < len(out) else n1
            f.scope = set(range(f.source[-1].i + 1, stop))
        else:
            begin = out[k - 1].source[-1].i + 1 if k > 0 else n0
            f.scope = set(range(begin, f.cue[0].i))
    return out


def _reporting_verbs(tokens: list[Any]) -> list[_Found]:
    out: list[_Found] = []
    for tok in tokens:
        low = tok.lower_
        if low not in REPORTING_VERBS and low not in _SOURCE_OBJECT_VERBS:
            continue
        if not tok.tag_.startswith("VB") or tok.dep_ in ("amod", "compound"):
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue  # "never revealed why": no statement made
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) and low not in _SOURCE_OBJECT_VERBS:
            agent = _agent(tok)
            if agent is not None:  # "was reported by the New York Daily News"
                scope = {t.i for t in tok.subtree} - {t.i for t in agent.subtree}
                out.append(_Found(cue=[tok], source=_source_tokens(agent), head=agent, scope=scope))
            continue  # else "is said to", "was reported": a hedge or an agentless passive
        if low in _SOURCE_OBJECT_VERBS:
            found = _source_object(tok)
            if found:
                out.append(found)
            continue
        subj = _subject(tok)
        if subj is None or subj.lower_ in ("i", "we") or not _has_content(tok):
            continue  # first-person "I told them" sits inside someone else's quote
        cue = [tok] + _recipient(tok)
        scope = {t.i for t in tok.subtree} - {t.i for t in subj.subtree}
        out.append(_Found(cue=cue, source=_source_tokens(subj), head=subj, scope=scope, reporter=_quoted_by(subj)))
    return out


def _agent(verb: Any) -> Any | None:
    for c in verb.children:
        if c.dep_ == "agent":
            objs = [g for g in c.children if g.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _quoted_by(subj: Any) -> _Found | None:
    """"The source quoted by Reuters said": the subject came via the agent of "quoted"."""
    for c in subj.children:
        if c.dep_ == "acl" and c.lower_ in _SOURCE_OBJECT_VERBS:
            agent = _agent(c)
            if agent is not None:
                return _Found(cue=[c], source=_source_tokens(agent), head=agent, scope=set())
    return None


def _subject(verb: Any) -> Any | None:
    subjects = sorted((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: coarse_pos(c) != "PROPN")
    if not subjects:
        # "Fleeing residents have reported": the small parser makes the participle a clausal
        # subject and the noun its object.
        for c in verb.children:
            if c.dep_ == "csubj":
                objs = [g for g in c.children if g.dep_ == "dobj" and coarse_pos(g) in ("NOUN", "PROPN")]
                return objs[0] if objs else None
    for c in subjects[:1]:
            if c.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head  # "the minister, who said ..."
            return c
    if verb.dep_ == "conj":
        return _subject(verb.head)
    return None


def _has_content(verb: Any) -> bool:
    if any(c.dep_ in _CONTENT_DEPS for c in verb.children):
        return True
    if verb.lower_ in _NOUN_CONTENT_VERBS and any(c.dep_ == "dobj" for c in verb.children):
        return True
    if verb.lower_.startswith("point") and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return False
    if verb.dep_ in ("ccomp", "parataxis") or (verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" for c in verb.children)):
        return True
    doc = verb.doc
    sent = verb.sent if doc.has_annotation("SENT_START") else doc
    if any(t.tag_ in ("``", "''") or t.text in ('"', "“", "”") for t in sent):
        return True
    # "..., the minister said." with the statement parsed as the verb's head clause
    if verb.dep_ in ("advcl", "conj") and verb.i > verb.head.i and verb.lower_ in ("said", "says", "reports", "reported"):
        return True
    # A misparsed complement ("An analyst firm said last week that only 40,000 ... were sold"): a main
    # reporting verb followed by another verb still introduces a statement; "said goodbye." does not.
    return verb.dep_ == "ROOT" and any(t.tag_.startswith("VB") for t in sent if t.i > verb.i)


def _recipient(verb: Any) -> list[Any]:
    """"told Sky News": the addressee belongs to the cue when it is a name."""
    if verb.lower_ not in ("told", "tell", "tells", "telling"):
        return []
    for c in verb.children:
        if c.dep_ in ("dobj", "dative") and coarse_pos(c) == "PROPN":
            return [t for t in c.subtree if t.i <= c.i]
    return []


def _source_object(verb: Any) -> _Found | None:
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not objs:
        return None
    obj = objs[0]
    reporter_tok = _subject(verb)
    if reporter_tok is None and verb.dep_ in ("acl", "advcl"):
        reporter_tok = verb.head if verb.dep_ == "acl" else _subject(verb.head)
    scope = {t.i for t in verb.subtree} - {t.i for t in obj.subtree if t.i <= obj.i}
    reporter = None
    if reporter_tok is not None:
        reporter = _Found(cue=[verb], source=_source_tokens(reporter_tok), head=reporter_tok, scope=set())
    return _Found(cue=[verb], source=_source_tokens(obj), head=obj, scope=scope, reporter=reporter)


def _source_tokens(head: Any) -> list[Any]:
    """The source phrase: the head's subtree without clauses hanging on it, kept short."""
    drop: set[int] = set()
    anonymity = [c for c in head.children if c.dep_ in ("relcl", "acl") and is_anonymity_clause(c)]
    for c in head.children:
        if c in anonymity:
            continue  # "a spokesperson for the agency, who asked not to be named": part of the description
        if c.dep_ in ("relcl", "acl", "advcl", "punct") and not (c.dep_ == "punct" and c.i < head.i):
            drop.update(t.i for t in c.subtree)
        elif c.dep_ == "prep" and c.i > head.i and any(g.ent_type_ in ("DATE", "TIME") for g in c.subtree):
            drop.update(t.i for t in c.subtree)  # "the US in 2017 said": the date is not the source
    keep = [t for t in head.subtree if t.i not in drop]
    if len(keep) > _MAX_SOURCE_TOKENS and not anonymity:
        keep = [t for t in head.lefts if t.dep_ in ("compound", "amod", "det", "poss", "nummod")] + [head]
    while keep and keep[0].is_punct:
        keep.pop(0)
    while keep and keep[-1].is_punct:
        keep.pop()
    return keep or [head]


def _merge_reporters(found: list[_Found]) -> list[_Found]:
    """A quote/cite reporter that is already a source ("according to agencies citing X") is that
    attribution: keep one record, the cited source via the reporter's own cue."""
    merged = list(found)
    for f in found:
        if f.reporter is None:
            continue
        for g in found:
            if g is not f and g.reporter is None and g.head.i == f.reporter.head.i:
                f.reporter = g
                if g in merged:
                    merged.remove(g)
    return merged


def _nest(found: list[_Found]) -> None:
    for f in found:
        outers = []
        for g in found:
            if g is f or f.cue[0].i not in g.scope:
                continue
            if not g.linear and g.cue[0].i in f.scope and not f.linear and _depth(g.cue[0]) >= _depth(f.cue[0]):
                continue
            if f.linear and g.cue[0].i in f.scope and not g.linear:
                continue
            outers.append(g)
        outers.sort(key=lambda g: len(g.scope))
        f.outer = outers


def _record(text: str, base: int, f: _Found, tokens: list[Any]) -> Attribution:
    via: list[Attribution] = []
    if f.reporter is not None:
        via.append(_single(text, base, f.reporter, (), tokens))
        via.extend(_single(text, base, g, (), tokens) for g in f.reporter.outer if g is not f)
    seen = {id(f), id(f.reporter)} | {id(g) for g in (f.reporter.outer if f.reporter else [])}
    via.extend(_single(text, base, g, (), tokens) for g in f.outer if id(g) not in seen)
    return _single(text, base, f, tuple(via), tokens)


def _single(text: str, base: int, f: _Found, via: tuple[Attribution, ...], tokens: list[Any]) -> Attribution:
    ss, se = _span(f.source, base)
    cs, ce = _span(f.cue, base)
    verb = f.cue[0] if not f.linear and f.cue[0].tag_.startswith("VB") else None
    exclude = {t.i for g in [f, *f.outer] for t in g.source + g.cue + g.channel}
    if verb is not None:
        exclude |= {t.i for c in verb.children if c.dep_ in ("npadvmod", "advmod", "aux", "neg", "nsubj", "dative")
                    or (c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.subtree)) for t in c.subtree}
    scope = scope_tokens(verb, f.scope, f.linear, exclude, tokens) if f.scope else []
    sc = _span(scope, base) if scope else (None, None)
    ch = _span(f.channel, base) if f.channel else None
    return Attribution(
        source=text[ss:se], source_start=ss, source_end=se, source_head=f.head.text,
        cue=text[cs:ce], cue_start=cs, cue_end=ce, anonymous=_anonymous(f.head), via=via,
        scope_start=sc[0], scope_end=sc[1], channel=text[ch[0]:ch[1]] if ch else None,
        channel_start=ch[0] if ch else None, channel_end=ch[1] if ch else None,
    )


def _span(tokens: list[Any], base: int) -> tuple[int, int]:
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    end = last.idx + len(last.text)
    if len(last.text) > 1 and last.text.endswith(".") and "." not in last.text[:-1] and last.i == last.sent.end - 1:
        end -= 1  # "on X." tokenised as one token at the end of the sentence
    return base + first.idx, base + end


def _anonymous(head: Any) -> bool:
    if any(c.lower_ in _ANONYMOUS_MODIFIERS for c in head.children):
        return True
    if any(c.dep_ in ("relcl", "acl") and is_anonymity_clause(c) for t in head.subtree for c in t.children if t.i - head.i < 8):
        return True  # "a guest at the dinner, who asked not to be identified" (the clause may hang on "dinner")
    if head.tag_ == "CD" or head.lower_ in ("some", "many", "several", "most", "one"):
        of = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if of:  # "two of the country's top officials"
            return _anonymous(of[0])
    if head.lower_ in _DOCUMENT_HEADS:
        return not any(coarse_pos(c) == "PROPN" for c in head.children if c.dep_ in ("compound", "poss", "nmod"))
    if coarse_pos(head) == "PROPN":
        return False
    if head.lower_ in ANONYMOUS_HEADS:
        return True
    if head.tag_ == "NNS" and any(c.dep_ == "nummod" for c in head.children) and not any(
        coarse_pos(c) == "PROPN" for c in head.children
    ):
        return True  # "three media outlets": counted, unnamed
    return any(c.dep_ == "poss" and c.lower_ in ANONYMOUS_HEADS for c in head.children)

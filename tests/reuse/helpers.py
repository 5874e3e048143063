"""Build ReuseDocs from sentences we wrote: one sentence per line, furniture by the lexicon."""

from __future__ import annotations

from crosscheck.clean import iter_lines, lexicon_spans
from crosscheck.reuse import ReuseDoc


def doc(article_id: str, text: str, published: str | None = None, source: str = "outlet.example",
        credit: str | None = None) -> ReuseDoc:
    furniture = lexicon_spans(text)
    sentences = tuple((ln.start, ln.end) for ln in iter_lines(text)
                      if not any(b.start <= ln.start and ln.end <= b.end for b in furniture))
    return ReuseDoc(article_id, source, text, published, sentences,
                    tuple((b.start, b.end, b.reason) for b in furniture), credit)


SOURCE = [
    "The harbour authority closed the northern dock on Tuesday after a cargo crane collapsed onto a moored ferry.",
    "Two dock workers were taken to the regional hospital with leg injuries, the authority said in a statement.",
    "Inspectors will examine the crane's hydraulic arm, which engineers had flagged for repairs in March.",
    "Ferry services to the island were suspended until Thursday while divers checked the hull for damage.",
    "The union representing the dock workers has asked for an independent inquiry into maintenance schedules.",
    "Local traders said the closure would delay deliveries of fuel and fresh food to the island's two villages.",
    "The crane, built in 1998, was due to be replaced next year under a modernisation plan approved by the council.",
    "A spokesperson for the ferry operator said no passengers had been on board when the crane fell.",
]

PARAPHRASE = [
    "On Tuesday the harbour authority shut the northern dock after a cargo crane collapsed onto a moored ferry.",
    "The authority stated in a statement that two dock workers were taken to the regional hospital with leg injuries.",
    "Inspectors will examine the crane's hydraulic arm, which engineers had flagged for repair work in March.",
    "Ferry services to the island were halted until Thursday while divers checked the hull for damage.",
    "The union representing the dock workers has requested an independent inquiry into maintenance schedules.",
    "Local traders stated the closure would delay deliveries of fuel and fresh food to the island's two villages.",
    "The crane, built in 1998, was due to be replaced next year under a modernisation plan the council approved.",
]

INDEPENDENT = [
    "A crane toppled at the harbour's northern dock on Tuesday morning, crushing part of a ferry.",
    "Witnesses described a loud crack before the arm of the crane gave way.",
    "\"Two dock workers were taken to the regional hospital with leg injuries,\" the harbour authority said.",
    "Island residents now face a wait of at least two days for the next ferry crossing.",
    "The dock workers' union called the accident a warning that had been ignored for years.",
    "Engineers had raised concerns about the crane in March, according to documents seen by this newspaper.",
    "The council approved a plan to modernise the harbour's equipment last autumn.",
]

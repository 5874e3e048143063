"""Copies, rewrites and shared upstream sources (issue #10).

Pure functions over small typed records, so the corpus stage can call them for each new article
against the candidates its index returns:

- ``reuse_keys(doc)``: LSH keys of the article's sentences for a posting index of candidates;
- ``candidate_sources(keys, postings)``: the stored articles worth comparing, most shared keys first;
- ``detect_reuse(a, b)``: a ``ReuseLink`` (aligned passages, strength, direction) or None;
- ``upstream_credits(doc)``: explicit credits ("(AP)", "Read More on The US Sun", ...);
- ``independence_groups(docs, links)``: which articles count as one source, and why.

Importing this package loads no third-party library; rapidfuzz and datasketch load on first use.
"""

from crosscheck.reuse.align import detect_reuse
from crosscheck.reuse.credits import outlet_name, upstream_credits
from crosscheck.reuse.groups import independence_groups
from crosscheck.reuse.keys import bands_and_rows, candidate_sources, reuse_keys
from crosscheck.reuse.records import (
    Credit,
    Direction,
    IndependenceGroup,
    Passage,
    ReuseDoc,
    ReuseLink,
    ReuseSettings,
    Strength,
)

__all__ = [
    "ReuseDoc", "ReuseLink", "Passage", "Credit", "IndependenceGroup", "ReuseSettings", "Strength",
    "Direction", "detect_reuse", "reuse_keys", "candidate_sources", "bands_and_rows", "upstream_credits", "outlet_name",
    "independence_groups",
]

"""The claim-level corrections log: what each new version of an article changed, claim by claim,
whether the outlet said so (a correction note) or edited silently, and the notes editors record.

``claim_changes`` and ``corrections_log`` read the store; ``compare_versions`` is the pure
comparison of two versions; ``find_notes`` finds an outlet's correction notes in a text.
"""

from crosscheck.corrections.align import ClaimChange, VersionDiff, change_id, compare_versions
from crosscheck.corrections.log import claim_changes, corrections_log, version_diffs
from crosscheck.corrections.notes import TextNote, find_notes
from crosscheck.corrections.render import render_log

__all__ = [
    "ClaimChange",
    "TextNote",
    "VersionDiff",
    "change_id",
    "claim_changes",
    "compare_versions",
    "corrections_log",
    "find_notes",
    "render_log",
    "version_diffs",
]

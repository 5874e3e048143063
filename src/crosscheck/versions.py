"""What changed between two versions of one document, line by line, with offsets into both texts.

The corrections trail rests on this: a corrected figure or an appended "Correction:" line shows
as a replaced or inserted line, pointing at the exact characters in the old and the new text.
difflib is enough here: news text is short and lines are paragraphs.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from crosscheck.clean import iter_lines

__all__ = ["Change", "diff_versions"]


@dataclass(frozen=True, slots=True)
class Change:
    op: str  # "replace" | "insert" | "delete"
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str

    def to_json(self) -> dict[str, object]:
        old_focus, new_focus = self.focus()
        return {"op": self.op, "old_start": self.old_start, "old_end": self.old_end, "new_start": self.new_start,
                "new_end": self.new_end, "old_text": self.old_text, "new_text": self.new_text,
                "old_focus": old_focus, "new_focus": new_focus}

    def focus(self, context: int = 3) -> tuple[str, str]:
        """The words that differ, with a few words of context either side ("said 73 miners")."""
        a, b = self.old_text.split(), self.new_text.split()
        p = 0
        while p < min(len(a), len(b)) and a[p] == b[p]:
            p += 1
        q = 0
        while q < min(len(a), len(b)) - p and a[-1 - q] == b[-1 - q]:
            q += 1
        lo = max(0, p - context)

        def cut(words: list[str]) -> str:
            hi = len(words) - max(0, q - context)
            return ("… " if lo else "") + " ".join(words[lo:hi]) + (" …" if hi < len(words) else "")

        return cut(a), cut(b)


def diff_versions(old: str, new: str) -> list[Change]:
    a, b = list(iter_lines(old)), list(iter_lines(new))
    matcher = difflib.SequenceMatcher(a=[x.text for x in a], b=[x.text for x in b], autojunk=False)
    changes = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        os_ = a[i1].start if i1 < i2 else (a[i1 - 1].end if i1 else 0)
        oe = a[i2 - 1].end if i1 < i2 else os_
        ns = b[j1].start if j1 < j2 else (b[j1 - 1].end if j1 else 0)
        ne = b[j2 - 1].end if j1 < j2 else ns
        changes.append(Change(op, os_, oe, ns, ne, old[os_:oe], new[ns:ne]))
    return changes

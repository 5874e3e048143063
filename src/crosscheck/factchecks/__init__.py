"""Published fact-checks (ClaimReview): import them, and match claims against them.

``claimreview`` reads the formats fact-checkers publish; ``importer`` stores them (versioned, like
articles) and keeps the matching index current; ``index`` retrieves candidates (BM25 and embedding
neighbours); ``matcher`` re-ranks them and decides; ``stage`` matches every check-worthy claim of a run.
Nothing heavy is imported here.
"""

from __future__ import annotations

__all__: list[str] = []

"""Errors with stable codes.

Every error says what went wrong, why, and how to fix it. The CLI prints ``str(error)`` as one
line and maps the class to an exit code; tests match on ``code``.
"""

from __future__ import annotations

__all__ = [
    "CrosscheckError",
    "UsageError",
    "InputError",
    "StoreError",
    "ModelError",
    "MissingExtraError",
    "PipelineError",
    "DeskError",
    "PermissionDenied",
    "NotFound",
    "InvalidInput",
]


class CrosscheckError(Exception):
    """Base class. ``code`` is stable across releases (E1xx input, E2xx store, E3xx models...)."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class UsageError(CrosscheckError):
    """The call itself is wrong (unknown name, bad option). Exit code 2."""

    code = "E001"
    exit_code = 2


class InputError(CrosscheckError):
    """One input (file, record, line) cannot be read. Names the place and the reason."""

    code = "E100"

    def __init__(self, place: str, reason: str, *, code: str | None = None) -> None:
        self.place = place
        self.reason = reason
        super().__init__(f"{place}: {reason}", code=code)


# Codes of fact-check import problems (``crosscheck factchecks import``), one line each, like ingest's.
FACTCHECK_CODES = {
    "E120": "the file holds no ClaimReview record (not JSON-LD, a feed, CSV, or a page with ld+json)",
    "E121": "a record without the claim reviewed (claimReviewed, claim or statement)",
    "E122": "a record without a rating (reviewRating.alternateName, ratingValue, textualRating or a rating column)",
    "E123": "a line or block that is not valid JSON",
    "E124": "a CSV file without a claim column",
    "E125": "a record that is not an object (a bare string or number where a ClaimReview belongs)",
}


class StoreError(CrosscheckError):
    code = "E200"


class ReviewConflict(StoreError):
    """Someone else saved the review since this writer read it; ``current`` is what they saved."""

    code = "E210"

    def __init__(self, claim_id: str, current: object) -> None:
        super().__init__(f"claim {claim_id}: the review was changed by someone else meanwhile")
        self.current = current


class ModelError(CrosscheckError):
    """A model file is missing, damaged or does not match its recorded hash."""

    code = "E300"


class MissingExtraError(ModelError):
    """An optional dependency is not installed; the message gives the pip line."""

    code = "E301"

    def __init__(self, package: str, purpose: str) -> None:
        super().__init__(
            f"{purpose} needs the Python package '{package}', which is not installed; "
            f"install it with: pip install -r requirements.txt -r requirements-models.txt "
            f"(or pip install {package})"
        )


class PipelineError(CrosscheckError):
    """Stages assembled so that one needs what no earlier stage produces."""

    code = "E400"


class DeskError(CrosscheckError):
    """The review desk refused an action (E6xx); the web app maps each subclass to an HTTP status."""

    code = "E600"


class PermissionDenied(DeskError):
    """The user's role may not do this; the message names the role that may."""

    code = "E601"


class NotFound(DeskError):
    """No claim, story, article or user by that name."""

    code = "E602"


class InvalidInput(DeskError):
    """A verdict outside the vocabulary, a source link that is not http(s), a bad user name or role..."""

    code = "E603"
    exit_code = 2

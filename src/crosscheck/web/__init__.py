"""The review desk web app (``crosscheck serve``): FastAPI, server-rendered Jinja pages, a JSON API.

Importing this package imports no web framework; ``create_app`` does, so ``crosscheck --help``
stays light.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "DeskConfig"]


def __getattr__(name: str) -> Any:
    if name in ("create_app", "DeskConfig"):
        from crosscheck.web import app

        return getattr(app, name)
    raise AttributeError(name)

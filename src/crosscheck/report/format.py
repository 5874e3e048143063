"""Small formatting helpers shared by the table and HTML renderings."""

from __future__ import annotations

from typing import Any

__all__ = ["number", "quantity_range", "claim_counts", "attribution_chain"]


def number(x: float | int | None) -> str:
    if x is None:
        return "?"
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def quantity_range(q: dict[str, Any]) -> str:
    """"14", "5,000–13,000", "≥ 20", "≤ 40", with the unit after."""
    low, high = q.get("low"), q.get("high")
    if low is not None and high is not None:
        value = number(low) if low == high else f"{number(low)}–{number(high)}"
    elif low is not None:
        value = f"≥ {number(low)}"
    elif high is not None:
        value = f"≤ {number(high)}"
    else:
        value = "?"
    if q.get("approximate"):
        value = "~" + value
    return f"{value} {q.get('unit') or ''}".rstrip()


def claim_counts(claims: list[dict[str, Any]]) -> str:
    worthy = [c for c in claims if c.get("label") == "check-worthy"]
    unattributed = sum(1 for c in worthy if not c.get("attribution"))
    hedged = sum(1 for c in worthy if c.get("hedges"))
    anonymous = sum(1 for c in worthy if c.get("attribution") and c["attribution"].get("anonymous"))
    return (f"{len(claims)} claims, {len(worthy)} check-worthy: {unattributed} with no attribution, "
            f"{anonymous} anonymously sourced, {hedged} hedged")


def attribution_chain(attr: dict[str, Any] | None) -> str:
    """"a source in the ministry (citing, anonymous) via Interfax (reported) via Reuters (reports)":
    the source, then every reporter the statement came through, as the JSON's ``via`` lists them."""
    if not attr:
        return "(no attribution)"

    def one(a: dict[str, Any]) -> str:
        return f"{a['source']} ({a['cue']}{', anonymous' if a.get('anonymous') else ''})"

    return " via ".join([one(attr), *(one(v) for v in attr.get("via") or [])])


def factcheck_html(f: dict[str, Any]) -> str:
    """One matched fact-check as a line of HTML: rating, fact-checker, date, link, score and reason.
    The link is kept only when it is http(s): a fact-check file is input, not trusted markup."""
    from html import escape

    url = f.get("url") or ""
    link = f' <a href="{escape(url)}">{escape(url)}</a>' if url.startswith(("http://", "https://")) else ""
    later = " (published after the article)" if f.get("later") else ""
    return (f'<div class=factcheck>fact-checked: <strong>{escape(f.get("rating") or "?")}</strong> by '
            f'{escape(f.get("publisher") or "?")}, {escape(f.get("date") or "undated")}{later}{link} '
            f'· score {f["score"]:.2f} · {escape(f["reason"])}<br><q>{escape(f.get("claim") or "")}</q></div>')

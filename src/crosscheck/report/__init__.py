"""The report: one JSON document (a public contract, see ``schema/report.schema.json``) and its
table and HTML renderings. ``build_report`` gathers what the store holds for the chosen articles;
renderers never compute anything new."""

from __future__ import annotations

from crosscheck.report.build import SCHEMA_VERSION, build_report, load_schema, validate_report

__all__ = ["SCHEMA_VERSION", "build_report", "load_schema", "validate_report", "render"]


def render(report: dict, fmt: str) -> str:  # type: ignore[type-arg]
    if fmt == "json":
        import json

        return json.dumps(report, indent=2, ensure_ascii=False, sort_keys=False)
    if fmt == "html":
        from crosscheck.report.html import render_html

        return render_html(report)
    from crosscheck.report.table import render_table

    return render_table(report)

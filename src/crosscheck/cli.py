"""The command line: a thin layer over library functions.

Exit codes: 0 all good, 1 runtime error or some inputs skipped, 2 usage error.
Library errors become one line on stderr at this boundary, never a traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from crosscheck.errors import CrosscheckError

DEFAULT_DB = "crosscheck.db"


def _fail(err: CrosscheckError) -> None:
    click.echo(f"crosscheck: {err}", err=True)
    sys.exit(err.exit_code)


class StoreTarget(click.ParamType):
    """A SQLite file (checked as a file path: not a folder) or a postgresql:// URL (kept as text).
    A URL's password never appears in a usage error."""

    name = "FILE|URL"
    _file = click.Path(dir_okay=False, path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        from crosscheck.store.dsn import is_postgres_url

        if isinstance(value, Path):
            return value
        if is_postgres_url(str(value)):
            return str(value)
        return self._file.convert(value, param, ctx)  # type: ignore[no-any-return]


# precedence: --db, then $CROSSCHECK_DB, then crosscheck.db in the current folder
db_option = click.option(
    "--db",
    "db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="CROSSCHECK_DB",
    show_envvar=True,
    type=StoreTarget(),
    help="The store: a SQLite file (created if missing) or a postgresql://user@host/db URL.",
)
config_option = click.option(
    "--config",
    "config_path",
    default=None,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML file overriding defaults.toml (only what it sets).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="crosscheck")
def main() -> None:
    """crosscheck: read news, pull out check-worthy claims, cross-check them across sources."""


@main.command()
# readable=False: an unreadable file is one skipped input (E110, exit 1), as inside a folder,
# not a usage error that stops the whole run
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@db_option
@config_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no per-file lines.")
def ingest(paths: tuple[Path, ...], db: Path | str, config_path: Path | None, quiet: bool) -> None:
    """Read files and folders (txt, HTML, JSONL, RSS/Atom, WARC) into the store."""
    from crosscheck.api import ingest_paths

    try:
        summary = ingest_paths(list(paths), db=db, config_path=config_path, progress=not quiet)
    except CrosscheckError as err:
        _fail(err)
        return
    for problem in summary.skipped:
        click.echo(f"skipped: {problem}", err=True)
    for note in summary.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(summary.line(), err=True)
    sys.exit(1 if summary.skipped else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, readable=False))
@db_option
@config_option
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False, path_type=Path), help="Write report.json, report.html and report.txt here.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table", show_default=True, help="What to print on stdout.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no per-file lines.")
def check(paths: tuple[Path, ...], db: Path | str, config_path: Path | None, out_dir: Path | None, fmt: str, quiet: bool) -> None:
    """Ingest PATHS (if any), run every analysis stage, and write the report."""
    from crosscheck.api import run_check

    try:
        result = run_check(list(paths), db=db, config_path=config_path, out_dir=out_dir, fmt=fmt, progress=not quiet)
    except CrosscheckError as err:
        _fail(err)
        return
    for problem in result.summary.skipped:
        click.echo(f"skipped: {problem}", err=True)
    for note in result.summary.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(result.summary.line(), err=True)
    sys.stdout.write(result.rendered)
    if not result.rendered.endswith("\n"):
        sys.stdout.write("\n")
    sys.exit(1 if result.summary.skipped else 0)


@main.group()
def factchecks() -> None:
    """Published fact-checks (ClaimReview): import them, match text against them."""


@factchecks.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False))
@db_option
@config_option
def factchecks_import(paths: tuple[Path, ...], db: str, config_path: Path | None) -> None:
    """Read ClaimReview JSON-LD, pages with ld+json, JSONL feeds and CSV files (and folders) into the store."""
    from crosscheck.config import load_config
    from crosscheck.factchecks.service import import_paths

    try:
        result = import_paths(list(paths), db, load_config(config_path))
    except CrosscheckError as err:
        _fail(err)
        return
    summary = result.summary
    for problem in summary.skipped:
        click.echo(f"skipped: {problem}", err=True)
    click.echo(summary.line().replace("read ", "fact-checks: read ", 1), err=True)
    if result.rematch_error is not None:
        click.echo(f"stored claims: not matched again: {result.rematch_error} (the fact-checks are imported; "
                   "`crosscheck check` matches every current article)", err=True)
        sys.exit(result.rematch_error.exit_code)
    click.echo(f"stored claims: {result.rematch.line()}", err=True)
    sys.exit(1 if summary.skipped else 0)


@factchecks.command("match")
@click.argument("text")
@db_option
@config_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--top", default=None, type=int, help="At most this many matches (default: [factchecks] top).")
def factchecks_match(text: str, db: str, config_path: Path | None, fmt: str, top: int | None) -> None:
    """Print the stored fact-checks about TEXT (those above the calibrated threshold), best first."""
    from crosscheck.config import load_config
    from crosscheck.factchecks.service import match_text

    try:
        found = match_text(text, db, load_config(config_path), top=top)
    except CrosscheckError as err:
        _fail(err)
        return
    if fmt == "json":
        click.echo(json.dumps([m.to_json() for m in found], indent=1, ensure_ascii=False))
        return
    if not found:
        click.echo("no stored fact-check matches this claim")
    for m in found:
        f = m.factcheck
        click.echo(f"{m.score:.2f}  {f.rating or '?'}  {f.publisher or '?'}  {f.published or 'undated'}  {f.url or ''}")
        click.echo(f"      claim: {f.claim}")
        click.echo(f"      why: {m.reason}")


def _bench_epilog() -> str:
    from crosscheck.bench import BENCHMARKS, describe

    # \b keeps click from rewrapping the list into one paragraph
    return "Benchmarks:\n\n\b\n" + "\n".join(f"  {name:<14} {describe(name)}" for name in BENCHMARKS)


@main.command(epilog=_bench_epilog())
@click.argument("name")
@click.option("--data", "data_dir", default=None, type=click.Path(file_okay=False, path_type=Path), help="Shared data folder (default ../shared/data or $CROSSCHECK_DATA).")
@click.option("--limit", default=None, type=int, help="Use only the first N items (smoke runs; numbers are then not comparable).")
def bench(name: str, data_dir: Path | None, limit: int | None) -> None:
    """Run benchmark NAME; the last output line is JSON with the headline numbers."""
    from crosscheck.bench import benchmark_module, run_benchmark
    from crosscheck.paths import shared_data_dir

    try:
        benchmark_module(name)  # an unknown name is a usage error before any data is looked for
        data = data_dir or shared_data_dir()
        assert data is not None
        opts: dict[str, Any] = {}
        if limit is not None:
            opts["limit"] = limit
        result = run_benchmark(name, data, _echo_out, **opts)
    except CrosscheckError as err:
        _fail(err)
        return
    click.echo(json.dumps(result, sort_keys=True))


@main.command()
@click.argument("name")
@click.option("--data", "data_dir", default=None, type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False, path_type=Path), help="Where to write the weights (default: a new version NAME-2, NAME-3, ... in $CROSSCHECK_HOME/models or ~/.local/share/crosscheck/models; never the installed package).")
@click.option("--seed", default=13, show_default=True, type=int)
def train(name: str, data_dir: Path | None, out_dir: Path | None, seed: int) -> None:
    """Train model NAME from the shared data, deterministically."""
    from crosscheck.paths import shared_data_dir
    from crosscheck.training import run_training

    try:
        data = data_dir or shared_data_dir()
        assert data is not None
        result = run_training(name, data, out_dir, _echo_out, seed=seed)
    except CrosscheckError as err:
        _fail(err)
        return
    click.echo(json.dumps(result, sort_keys=True))


@main.command()
@db_option
@config_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table", show_default=True, help="table for the terminal, json for scripts, html for a publishable corrections page.")
@click.option("--out", "out_file", default=None, type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
def corrections(db: Path, config_path: Path | None, fmt: str, out_file: Path | None) -> None:
    """The claim-level corrections log: claims added, removed and changed by later versions, silent edits flagged."""
    from crosscheck.config import DeskSettings, load_config
    from crosscheck.corrections import corrections_log, render_log

    try:
        config = load_config(config_path)
        outlet = config.settings(DeskSettings).outlet_name
        store = _open_existing(db, config)
        try:
            text = render_log(corrections_log(store), fmt, outlet=outlet)
        finally:
            store.close()
    except CrosscheckError as err:
        _fail(err)
        return
    _write(text, out_file)


@main.group()
def export() -> None:
    """Export reviewed claims in a standard format."""


@export.command("claimreview")
@db_option
@config_option
@click.option("--out", "out_file", default=None, type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
def export_claimreview(db: Path, config_path: Path | None, out_file: Path | None) -> None:
    """schema.org ClaimReview JSON-LD for every claim whose verdict an editor approved."""
    from crosscheck.claimreview import claimreviews, desk_outlet
    from crosscheck.config import load_config

    try:
        config = load_config(config_path)
        outlet = desk_outlet(config)
        store = _open_existing(db, config)
        try:
            reviews = claimreviews(store, outlet)
        finally:
            store.close()
    except CrosscheckError as err:
        _fail(err)
        return
    _write(json.dumps(reviews, indent=2, ensure_ascii=False) + "\n", out_file)
    click.echo(f"{len(reviews)} ClaimReview record(s)", err=True)


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep 127.0.0.1 unless behind a proxy).")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--secure-cookies", is_flag=True, help="Mark cookies Secure (when served over HTTPS behind a proxy).")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info"]), default="info", show_default=True)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Server processes (one per core).")
@config_option
def serve(db: Path | str, host: str, port: int, secure_cookies: bool, log_level: str, workers: int,
          config_path: Path | None) -> None:
    """Run the review desk web app on the store ([desk] settings from --config)."""
    from crosscheck.web.serve import serve_desk

    try:
        serve_desk(db, host=host, port=port, secure_cookies=secure_cookies, log_level=log_level, workers=workers,
                   config_path=config_path)
    except CrosscheckError as err:
        _fail(err)


@main.group()
def user() -> None:
    """Manage review desk accounts (reviewer, editor, admin)."""


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


def _desk_store(db: Path | str) -> Any:
    from crosscheck.config import load_config

    return _open_existing(db, load_config(None))


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["reviewer", "editor", "admin"]), required=True)
@db_option
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin (scripts).")
def user_add(name: str, role: str, db: Path | str, password_stdin: bool) -> None:
    """Add user NAME; the password is prompted for (twice), never taken from the command line."""
    from crosscheck.desk.accounts import add_user

    try:
        password = _read_password(password_stdin)
        store = _desk_store(db)
        try:
            add_user(store, name, role, password, actor="cli")
        finally:
            store.close()
    except CrosscheckError as err:
        _fail(err)
        return
    click.echo(f"added {name} ({role})", err=True)


@user.command("list")
@db_option
def user_list(db: Path | str) -> None:
    """List accounts: name, role, active or disabled."""
    try:
        store = _desk_store(db)
    except CrosscheckError as err:
        _fail(err)
        return
    try:
        for u in store.list_users():
            click.echo(f"{u.name}\t{u.role}\t{'active' if u.active else 'disabled'}\t{u.created_at}")
    finally:
        store.close()


def _change_user(db: Path | str, name: str, **change: Any) -> None:
    from crosscheck.desk.accounts import set_active, set_role

    try:
        store = _desk_store(db)
        try:
            if "role" in change:
                u = set_role(store, name, change["role"], actor="cli")
            else:
                u = set_active(store, name, change["active"], actor="cli")
        finally:
            store.close()
    except CrosscheckError as err:
        _fail(err)
        return
    click.echo(f"{u.name}: {u.role}, {'active' if u.active else 'disabled'}", err=True)


@user.command("set-role")
@click.argument("name")
@click.argument("role", type=click.Choice(["reviewer", "editor", "admin"]))
@db_option
def user_set_role(name: str, role: str, db: Path | str) -> None:
    """Give user NAME another ROLE."""
    _change_user(db, name, role=role)


@user.command("disable")
@click.argument("name")
@db_option
def user_disable(name: str, db: Path | str) -> None:
    """Disable user NAME: signed out everywhere, cannot sign in (the history keeps their name)."""
    _change_user(db, name, active=False)


@user.command("enable")
@click.argument("name")
@db_option
def user_enable(name: str, db: Path | str) -> None:
    """Enable a disabled user NAME again."""
    _change_user(db, name, active=True)


def _open_existing(db: Path | str, config: Any) -> Any:
    """A store that must already hold data: a mistyped --db is an error, not a new empty file."""
    from crosscheck.config import StoreSettings
    from crosscheck.errors import UsageError
    from crosscheck.store import open_store

    if "://" not in str(db) and not Path(db).exists():
        raise UsageError(f"{db}: no such store; give the --db that 'crosscheck ingest' or 'check' wrote", code="E002")
    return open_store(db, config.settings(StoreSettings).backend)


def _write(text: str, out_file: Path | None) -> None:
    if out_file is None:
        sys.stdout.write(text)
        return
    try:
        out_file.write_text(text, encoding="utf-8")
    except OSError as exc:
        _fail(CrosscheckError(f"{out_file}: cannot write ({exc.strerror})", code="E130"))


def _echo_out(line: str) -> None:
    click.echo(line)


def entry() -> None:
    """Console entry point: unexpected errors become one line (CROSSCHECK_DEBUG=1 shows the traceback)."""
    import os

    try:
        main()
    except KeyboardInterrupt:
        click.echo("crosscheck: interrupted; the unfinished batch was rolled back, earlier data is intact", err=True)
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the boundary: never a bare traceback for users
        if os.environ.get("CROSSCHECK_DEBUG"):
            raise
        click.echo(f"crosscheck: internal error: {type(exc).__name__}: {exc} (set CROSSCHECK_DEBUG=1 for the traceback, and please report it)", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    entry()

"""The desk as a person uses it: a real headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright; no browser is downloaded) against ``crosscheck serve`` on the example corpus.

Screenshots of the main pages are written to tests/web/screens/ (ignored by git; override with
CROSSCHECK_SCREENS) for a person to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.server import serve_subprocess

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PASSWORDS = {"rita": "rita's long passphrase", "eddie": "eddie's long passphrase"}
REPO = Path(__file__).resolve().parents[2]


def _chromium_or_skip() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("/usr/bin/chromium is missing: .ci/run installs Debian's chromium package before the tests")
    pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")


def _cli(*args: str, stdin: str | None = None) -> None:
    proc = subprocess.run([sys.executable, "-m", "crosscheck", *args], input=stdin, capture_output=True, text=True,
                          timeout=600, cwd=REPO)
    assert proc.returncode == 0, f"{args}: {proc.stderr[-2000:]}"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def example_db(request, tmp_path_factory):
    """The example corpus checked into a store of each backend: the same walk-through runs on both."""
    _chromium_or_skip()
    pg = request.getfixturevalue("pg_server") if request.param == "postgres" else None
    db = pg.create() if pg else str(tmp_path_factory.mktemp("desk") / "example.db")
    _cli("check", "examples/corpus", "--db", db, "--quiet")
    _cli("user", "add", "rita", "--role", "reviewer", "--db", db, "--password-stdin", stdin=PASSWORDS["rita"] + "\n")
    _cli("user", "add", "eddie", "--role", "editor", "--db", db, "--password-stdin", stdin=PASSWORDS["eddie"] + "\n")
    yield db
    if pg:
        pg.drop(db)


@pytest.fixture(scope="module")
def screens() -> Path:
    folder = Path(os.environ.get("CROSSCHECK_SCREENS") or Path(__file__).parent / "screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser():
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _sign_in(page, base: str, name: str) -> None:
    page.goto(base + "/queue")
    assert page.url.startswith(base + "/login?next=")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("button[type=submit]")
    page.wait_for_url(base + "/queue")


def test_a_review_from_sign_in_to_the_corrections_log(example_db, browser, screens):
    with serve_subprocess(example_db, "--log-level", "warning") as base:
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        page = ctx.new_page()
        page.set_default_timeout(20_000)
        blocked: list[str] = []
        page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(base + "/login")
        page.screenshot(path=str(screens / "login.png"))

        # a reviewer signs in, lands where she was going, opens the story
        _sign_in(page, base, "rita")
        page.screenshot(path=str(screens / "queue.png"))
        page.click("nav.main-nav >> text=Stories")
        page.screenshot(path=str(screens / "stories.png"))
        page.click("td.title a")
        assert page.locator("li.claim").count() > 20
        assert page.locator("li.claim .badge.st-corroborated").count() > 0
        assert page.locator("li.claim .badge.st-conflicting").first.inner_text() == "Conflicting reports"
        page.screenshot(path=str(screens / "story.png"))

        # she reviews a conflicting claim from the queue
        page.goto(base + "/queue?status=conflicting")
        claim_link = page.locator("td.claim-cell a").first
        claim_text = claim_link.inner_text()
        claim_link.click()
        assert page.locator("h1.claim-title").inner_text() == claim_text
        assert page.locator("mark").inner_text() == claim_text
        assert page.locator("li.rel-conflicts").count() > 0
        page.check("input[name=verdict][value=inaccurate]")
        page.fill("textarea[name=note]", "The regional office gives a different count; see its statement.")
        page.fill("textarea[name=sources]", "https://example.org/regional-office-statement")
        page.click("text=Save verdict")
        page.wait_for_url("**#review")
        assert page.locator("#review .verdict.v-inaccurate").first.inner_text().lower() == "inaccurate"
        history = page.locator("#history ol.audit li").first
        assert "rita" in history.inner_text() and "save" in history.inner_text()
        assert "The regional office gives a different count" in history.inner_text()
        page.screenshot(path=str(screens / "claim.png"), full_page=True)
        claim_url = page.url.split("#")[0]

        # what she may not do: no editor tools, the users page and a lock refused by the server
        assert page.locator("text=Editor").count() == 0
        assert page.locator("nav.main-nav >> text=Users").count() == 0
        response = page.goto(base + "/users")
        assert response is not None and response.status == 403
        assert "Not allowed" in page.inner_text("h1")
        page.goto(claim_url)
        token = page.locator("input[name=csrf_token]").first.get_attribute("value")
        version = page.locator("form.review-form input[name=version]").get_attribute("value")
        r = page.request.post(claim_url + "/lock", form={"csrf_token": token, "version": version})
        assert r.status == 403

        # an editor approves and locks it; the reviewer then finds it locked
        editor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        _sign_in(editor, base, "eddie")
        editor.goto(claim_url)
        editor.click("text=Approve verdict")
        editor.wait_for_url("**#review")
        editor.click("button:text-is('Lock')")
        editor.wait_for_url("**#review")
        assert editor.locator("#review .tag-lock").count() > 0
        page.reload()
        assert "only an editor can change it" in page.inner_text("#review")
        assert [x.split()[1] for x in page.locator("#history ol.audit > li > div").all_inner_texts()][:3] == ["lock", "approve", "save"]

        # two people open the same claim; the second to save sees the first one's verdict, keeps their text
        page.goto(base + "/queue")
        other_url = base + page.locator("td.claim-cell a").first.get_attribute("href")
        page.goto(other_url)
        editor.goto(other_url)
        page.check("input[name=verdict][value=accurate]")
        page.fill("textarea[name=note]", "Matches the governor's statement.")
        page.click("text=Save verdict")
        page.wait_for_url("**#review")
        editor.check("input[name=verdict][value=misleading]")
        editor.fill("textarea[name=note]", "The editor's own careful wording.")
        editor.click("text=Save verdict")
        alert = editor.locator(".alert.conflict")
        assert "rita saved this review while you were editing it" in alert.inner_text()
        assert "Matches the governor's statement." in alert.inner_text()
        assert editor.locator("textarea[name=note]").input_value() == "The editor's own careful wording."
        assert editor.locator("input[name=verdict][value=misleading]").is_checked()
        editor.screenshot(path=str(screens / "conflict.png"), full_page=True)
        editor.click("text=Save verdict")  # saving again, having seen it, replaces it knowingly
        editor.wait_for_url("**#review")
        assert editor.locator("#review .verdict.v-misleading").count() > 0

        # a corrected version is ingested while the desk runs; the corrections log shows it
        _cli("check", "examples/corpus-update", "--db", str(example_db), "--quiet")
        page.click("nav.main-nav >> text=Corrections")
        card = page.locator("main article.correction").first
        assert "version 2" in card.inner_text() and "replaced version 1" in card.inner_text()
        assert card.locator("li.change").count() >= 1
        assert card.locator("text=silent edit: the new text carries no correction note").count() >= 1
        assert card.locator("li.change del").count() >= 1 and card.locator("li.change ins").count() >= 1
        page.screenshot(path=str(screens / "corrections.png"), full_page=True)
        assert blocked == []  # nothing on any page needed what the CSP forbids
        ctx.close()

"""Against a real running server: two reviewers saving the same claim at the same instant (real
HTTP clients, real threads, a pool of SQLite connections), and ``crosscheck serve`` / ``crosscheck
user`` as a user runs them."""

from __future__ import annotations

import subprocess
import sys
import threading

import httpx
import pytest

from tests.web.conftest import PASSWORD
from tests.web.server import serve_in_thread, serve_subprocess, sign_in_http


def test_two_reviewers_saving_at_once_one_wins_the_other_sees_it(desk):
    from crosscheck.web.app import DeskConfig, create_app

    app = create_app(desk.path, DeskConfig(pool_size=4))
    with serve_in_thread(app) as base, httpx.Client() as rita, httpx.Client() as rob:
        tokens = {"rita": sign_in_http(rita, base, "rita", PASSWORD), "rob": sign_in_http(rob, base, "rob", PASSWORD)}
        for claim_id in desk.claim_ids:
            barrier = threading.Barrier(2)
            answers: dict[str, httpx.Response] = {}

            def save(name: str, client: httpx.Client, verdict: str) -> None:
                body = {"verdict": verdict, "note": f"{name}'s note", "sources": [], "version": 0}
                barrier.wait()
                answers[name] = client.put(f"{base}/api/claims/{claim_id}/review", json=body,
                                           headers={"X-CSRF-Token": tokens[name]})

            threads = [threading.Thread(target=save, args=("rita", rita, "accurate")),
                       threading.Thread(target=save, args=("rob", rob, "misleading"))]
            for t in threads:
                t.start()
            for t in threads:
                t.join(30)
            codes = sorted(r.status_code for r in answers.values())
            assert codes == [200, 409], (claim_id, {k: (v.status_code, v.text[:200]) for k, v in answers.items()})
            winner = next(k for k, v in answers.items() if v.status_code == 200)
            loser = "rob" if winner == "rita" else "rita"
            conflict = answers[loser].json()
            assert conflict["current"]["note"] == f"{winner}'s note" and conflict["current"]["version"] == 1
            # the loser, having seen it, saves on top of it knowingly: nothing is lost, both are in the history
            client = rita if loser == "rita" else rob
            again = client.put(f"{base}/api/claims/{claim_id}/review", json={"verdict": "unverified", "note": "after seeing",
                               "sources": [], "version": 1}, headers={"X-CSRF-Token": tokens[loser]})
            assert again.status_code == 200
            history = client.get(f"{base}/api/claims/{claim_id}").json()["history"]
            assert [(h["actor"], h["after"]["note"]) for h in history] == [(winner, f"{winner}'s note"), (loser, "after seeing")]


def test_crosscheck_user_and_serve_from_the_command_line(tmp_path, desk):
    db = str(desk.path)

    def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "crosscheck", *args], input=stdin, capture_output=True, text=True,
                              timeout=120)

    added = cli("user", "add", "nora", "--role", "editor", "--db", db, "--password-stdin", stdin="nora's long password\n")
    assert added.returncode == 0, added.stderr
    assert cli("user", "add", "nora", "--role", "editor", "--db", db, "--password-stdin", stdin="nora's long password\n").returncode == 1
    assert cli("user", "add", "bad name", "--role", "editor", "--db", db, "--password-stdin", stdin="x" * 12 + "\n").returncode == 2
    assert cli("user", "add", "shorty", "--role", "editor", "--db", db, "--password-stdin", stdin="short\n").returncode == 2
    assert cli("user", "set-role", "nora", "admin", "--db", db).returncode == 0
    assert cli("user", "disable", "rob", "--db", db).returncode == 0
    listing = cli("user", "list", "--db", db).stdout.splitlines()
    rows = {line.split("\t")[0]: line.split("\t")[1:3] for line in listing}
    assert rows["nora"] == ["admin", "active"] and rows["rob"] == ["reviewer", "disabled"]
    assert "long password" not in " ".join(listing)
    missing = cli("serve", "--db", str(tmp_path / "absent.db"))
    assert missing.returncode == 2 and "no such store" in missing.stderr
    desk.store.close()
    with serve_subprocess(desk.path) as base, httpx.Client() as nora:
        assert httpx.get(base + "/queue", follow_redirects=False).status_code == 303
        token = sign_in_http(nora, base, "nora", "nora's long password")
        assert nora.get(base + "/queue").status_code == 200
        r = nora.post(base + "/api/claims/c_b2/lock", json={"version": 0}, headers={"X-CSRF-Token": token})
        assert r.status_code == 200 and r.json()["locked"] is True
        with httpx.Client() as rob:
            rob.get(base + "/login")
            r = rob.post(base + "/login", data={"username": "rob", "password": PASSWORD, "csrf_token": rob.cookies.get("cc_login")})
            assert r.status_code == 401  # disabled from the command line


@pytest.mark.parametrize("args", [("user", "add", "x", "--role", "editor", "--password", "secret123456")], ids=["password-flag"])
def test_no_password_on_the_command_line(args):
    proc = subprocess.run([sys.executable, "-m", "crosscheck", *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "No such option" in proc.stderr


def test_desk_settings_come_from_the_configuration(tmp_path):
    """[desk] in a --config file sets the server's session length, sign-in limit and page size; a wrong
    value stops `crosscheck serve` before it listens, with one line naming the file and the key."""
    from crosscheck.config import load_config
    from crosscheck.web.app import DeskConfig

    good = tmp_path / "desk.toml"
    good.write_text("[desk]\nsession_hours = 2\nlogin_attempts = 3\npage_size = 20\n", encoding="utf-8")
    got = DeskConfig.from_settings(load_config(good), secure_cookies=True)
    assert (got.session_hours, got.login_attempts, got.page_size, got.secure_cookies) == (2, 3, 20, True)
    assert DeskConfig.from_settings(None) == DeskConfig()  # defaults.toml and the class agree

    bad = tmp_path / "bad.toml"
    bad.write_text('[desk]\npage_size = "many"\n', encoding="utf-8")
    db = tmp_path / "x.db"
    from crosscheck.store import open_store

    open_store(db).close()
    proc = subprocess.run([sys.executable, "-m", "crosscheck", "serve", "--db", str(db), "--config", str(bad),
                           "--port", "1"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "bad.toml" in lines[0] and "'page_size' must be a whole number" in lines[0]

"""The desk's security suite. Routes are enumerated from the app itself, so a route added later is
covered without editing these tests."""

from __future__ import annotations

import re

import pytest

from crosscheck.model import Story, StoryMember
from tests.web.conftest import PASSWORD, add_article, claim_on, csrf_of, sign_in

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PUBLIC = {"/login"}


def app_routes(app) -> list[tuple[str, str]]:
    """(method, path) of every route the app answers, static files excepted; routers included into
    the app are walked too (FastAPI keeps them as included-router entries)."""
    from starlette.routing import Mount

    out = []
    for route in app.routes:
        if isinstance(route, Mount):
            continue
        contexts = list(route.effective_route_contexts()) if hasattr(route, "effective_route_contexts") else [route]
        for ctx in contexts:
            out += [(m, ctx.path) for m in sorted(ctx.methods or ()) if m != "HEAD"]
    return out


def fill(path: str, desk) -> str:
    return (path.replace("{claim_id}", "c_a1").replace("{story_id}", desk.story_id).replace("{name}", "rita"))


def test_the_app_has_the_routes_the_tests_rely_on(app):
    routes = set(app_routes(app))
    assert ("GET", "/queue") in routes and ("PUT", "/api/claims/{claim_id}/review") in routes
    assert ("GET", "/api/openapi.json") in routes
    assert len(routes) >= 25


def test_every_route_without_a_session_is_refused(app, desk, client_for):
    client = client_for()
    checked = 0
    for method, path in app_routes(app):
        if path in PUBLIC:
            continue
        r = client.request(method, fill(path, desk), follow_redirects=False, json={} if method in UNSAFE and path.startswith("/api/") else None)
        if path.startswith("/api/"):
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.json()["error"] == "E605"
        else:
            assert r.status_code == 303, (method, path, r.status_code)
            assert r.headers["location"].startswith("/login?next=")
        checked += 1
    assert checked >= 25


def test_a_forged_or_expired_cookie_is_no_session(app, desk, client_for):
    client = client_for()
    client.cookies.set("cc_session", "forged-token")
    assert client.get("/api/me").status_code == 401
    assert client.get("/queue", follow_redirects=False).status_code == 303


def test_static_files_and_login_answer_without_a_session(client_for):
    client = client_for()
    assert client.get("/static/desk.css").status_code == 200
    assert client.get("/login").status_code == 200


@pytest.mark.parametrize("token", [None, "", "wrong-token"], ids=["missing", "empty", "wrong"])
def test_every_write_needs_the_csrf_token(app, desk, client_for, token):
    client = client_for("ada")
    headers = {} if token is None else {"X-CSRF-Token": token}
    writes = [(m, p) for m, p in app_routes(app) if m in UNSAFE and p not in PUBLIC]
    assert len(writes) >= 12
    for method, path in writes:
        url = fill(path, desk)
        if path.startswith("/api/"):
            r = client.request(method, url, json={"version": 0, "verdict": "accurate"}, headers=headers)
        else:
            data = {"version": "0", "verdict": "accurate"} | ({} if token is None else {"csrf_token": token})
            r = client.request(method, url, data=data, follow_redirects=False)
        assert r.status_code == 403, (method, path, r.status_code, r.text[:200])
    # nothing was written, and the session still works
    assert desk.store.get_reviews(["c_a1"]) == {}
    assert client.get("/api/me").status_code == 200


def test_the_csrf_token_of_another_session_is_refused(app, desk, client_for):
    rita, rob = client_for("rita"), client_for("rob")
    r = rita.put("/api/claims/c_a1/review", json={"verdict": "accurate", "version": 0},
                 headers={"X-CSRF-Token": csrf_of(rob)})
    assert r.status_code == 403
    r = rita.put("/api/claims/c_a1/review", json={"verdict": "accurate", "version": 0},
                 headers={"X-CSRF-Token": csrf_of(rita)})
    assert r.status_code == 200


EDITOR_API = [("POST", "/api/claims/c_a1/assign", {"assignee": "rob", "version": 0}),
              ("POST", "/api/claims/c_a1/approve", {"version": 0}),
              ("POST", "/api/claims/c_a1/lock", {"version": 0}),
              ("POST", "/api/claims/c_a1/unlock", {"version": 0}),
              ("POST", "/api/corrections/notes", {"doc_key": "k", "article_id": "a", "note": "n", "published": True})]
ADMIN_API = [("GET", "/api/users", None), ("POST", "/api/users", {"name": "mallory", "role": "admin", "password": PASSWORD}),
             ("PATCH", "/api/users/rita", {"role": "admin"})]
EDITOR_PAGES = ["/claims/c_a1/assign", "/claims/c_a1/approve", "/claims/c_a1/lock", "/claims/c_a1/unlock",
                "/corrections/notes"]
ADMIN_PAGES = [("GET", "/users", None), ("POST", "/users", {"name": "mallory", "role": "admin", "password": PASSWORD}),
               ("POST", "/users/rita", {"role": "admin"})]


def test_a_reviewer_cannot_use_editor_or_admin_routes(desk, client_for):
    client = client_for("rita")
    token = csrf_of(client)
    for method, path, body in EDITOR_API + ADMIN_API:
        r = client.request(method, path, json=body, headers={"X-CSRF-Token": token})
        assert r.status_code == 403, (method, path, r.status_code)
        assert r.json()["error"] == "E601"
    for path in EDITOR_PAGES:
        r = client.post(path, data={"csrf_token": token, "version": "0", "assignee": "rob"}, follow_redirects=False)
        assert r.status_code == 403, path
    for method, path, body in ADMIN_PAGES:
        r = client.request(method, path, data=(body or {}) | {"csrf_token": token} if method == "POST" else None,
                           follow_redirects=False)
        assert r.status_code == 403, path
    assert desk.store.get_reviews(["c_a1"]) == {}
    assert desk.store.get_user("mallory") is None and desk.store.get_user("rita").role == "reviewer"


def test_an_editor_cannot_manage_accounts(desk, client_for):
    client = client_for("eddie")
    token = csrf_of(client)
    for method, path, body in ADMIN_API:
        assert client.request(method, path, json=body, headers={"X-CSRF-Token": token}).status_code == 403
    assert client.get("/users").status_code == 403


def test_a_locked_claim_refuses_a_reviewer(desk, client_for):
    eddie, rita = client_for("eddie"), client_for("rita")
    r = eddie.post("/api/claims/c_a1/lock", json={"version": 0}, headers={"X-CSRF-Token": csrf_of(eddie)})
    assert r.status_code == 200 and r.json()["locked"] is True
    r = rita.put("/api/claims/c_a1/review", json={"verdict": "accurate", "version": 1}, headers={"X-CSRF-Token": csrf_of(rita)})
    assert r.status_code == 403 and "locked" in r.json()["message"]
    page = rita.get("/claims/c_a1").text
    assert "only an editor can change it" in page and 'action="/claims/c_a1/review"' not in page


XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&'


def test_hostile_text_is_escaped_everywhere(desk, client_for):
    store = desk.store
    art = add_article(store, f"{XSS} headline\nThe count was {XSS} 40 people, officials said.", f"evil{XSS}.example",
                      "k-xss", f"Title {XSS}", author=XSS, url="javascript:alert(document.cookie)")
    with store.transaction():
        store.put_claims(art.id, [claim_on(art, 1, 0.99, "c_x1", attribution={"source": XSS, "cue": "said"}),
                                  claim_on(art, 0, 0.2, "c_x0", label="non-factual")])
        store.add_story(Story("story_xss", f"Story {XSS}", (), "2025-03-04", "2025-03-04"))
        store.add_story_member(StoryMember(art.id, "story_xss", 0.0, "new story"))
    client = client_for("rita")
    token = csrf_of(client)
    r = client.put("/api/claims/c_x1/review", headers={"X-CSRF-Token": token},
                   json={"verdict": "misleading", "note": f"note {XSS}", "sources": ['https://ok.example/"><script>alert(1)</script>&x=\''], "version": 0})
    assert r.status_code == 200, r.text
    for path in ("/", "/stories/story_xss", "/queue", "/claims/c_x1", f"/queue?source=evil{XSS}.example"):
        html = client.get(path).text
        assert "<script>alert(1)</script>" not in html, path
        assert "<img src=x" not in html, path
        assert re.search(r"&lt;script&gt;alert\(1\)&lt;/script&gt;", html), path
        assert html.count("<script") == 0, path  # the desk ships no script at all
    claim_page = client.get("/claims/c_x1").text
    assert 'href="https://ok.example/&#34;&gt;&lt;script&gt;' in claim_page  # the link cannot leave its attribute
    assert "note &lt;script&gt;" in claim_page
    assert "javascript:" not in claim_page  # an article URL that is not http(s) is not linked
    # hostile source links are refused, not stored
    for bad in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "//evil.example/x", "ftp://x.example/",
                "https://ok.example/\nSet-Cookie: x"):
        r = client.put("/api/claims/c_x1/review", headers={"X-CSRF-Token": token},
                       json={"verdict": "misleading", "note": "", "sources": [bad], "version": 1})
        assert r.status_code == 422, bad
    assert store.get_reviews(["c_x1"])["c_x1"].version == 1


def test_security_headers_on_pages_api_and_login(client_for):
    anon, ada = client_for(), client_for("ada")
    for r in (anon.get("/login"), ada.get("/queue"), ada.get("/api/me"), anon.get("/api/me"), anon.get("/static/desk.css")):
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "same-origin"


def test_session_cookie_is_httponly_and_samesite(client_for):
    client = client_for()
    r = sign_in(client, "ada")
    cookie = [v for k, v in r.headers.multi_items() if k == "set-cookie" and v.startswith("cc_session=")][0].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/" in cookie


SQL_META = ["' OR 1=1 --", "%", "_", "\"", "'", "'; DROP TABLE reviews; --", "\\", "c_a1' OR '1'='1"]


@pytest.mark.parametrize("value", SQL_META, ids=["or-1-1", "percent", "underscore", "dquote", "squote", "drop", "backslash", "quoted-or"])
def test_sql_metacharacters_in_every_filter(desk, client_for, value):
    client = client_for("ada")
    for name in ("story", "source", "assignee"):
        for path in ("/api/queue", "/queue"):
            r = client.get(path, params={name: value, "reviewed": "any"})
            assert r.status_code == 200, (name, path)
        assert client.get("/api/queue", params={name: value, "reviewed": "any"}).json()["total"] == 0, name
    for name in ("status", "verdict", "reviewed"):  # closed vocabularies: refused with the valid choices
        assert client.get("/api/queue", params={name: value}).status_code == 422, name
        assert client.get("/queue", params={name: value}).status_code == 422, name
    assert client.get("/api/queue", params={"page": value}).status_code == 422
    for path in (f"/api/claims/{value}", f"/api/stories/{value}"):
        assert client.get(path).status_code in (404, 405), path
    # the store is intact and the right rows still come back
    assert client.get("/api/queue", params={"reviewed": "any"}).json()["total"] == 4


def test_filters_return_exactly_the_matching_rows(desk, client_for):
    client = client_for("ada")
    q = client.get("/api/queue", params={"source": "river-post.example"}).json()
    assert {i["id"] for i in q["items"]} == {"c_b1", "c_b2"}
    q = client.get("/api/queue", params={"status": "conflicting"}).json()
    assert {i["id"] for i in q["items"]} == {"c_a1", "c_b1"}
    q = client.get("/api/queue", params={"story": desk.story_id, "size": 2}).json()
    assert q["total"] == 4 and [i["id"] for i in q["items"]] == ["c_a1", "c_b1"]  # most check-worthy first


def test_login_is_rate_limited_per_name_and_per_address(client_for):
    client = client_for()
    for _ in range(5):
        assert sign_in(client, "ada", "wrong password!").status_code == 401
    assert sign_in(client, "ada", "wrong password!").status_code == 429
    assert sign_in(client, "ada").status_code == 429  # even the right password, until the window passes
    # the address is limited too: another name from the same client address
    assert sign_in(client, "rita").status_code == 429


def test_login_without_its_form_token_is_refused(client_for):
    client = client_for()
    r = client.post("/login", data={"username": "ada", "password": PASSWORD, "csrf_token": "x"}, follow_redirects=False)
    assert r.status_code == 403 and "cc_session" not in r.headers.get("set-cookie", "")


@pytest.mark.parametrize("target,expected", [("/queue?status=conflicting", "/queue?status=conflicting"),
                                             ("//evil.example/", "/"), ("https://evil.example/", "/"),
                                             ("/\\evil.example", "/"), ("javascript:alert(1)", "/")],
                         ids=["local", "protocol-relative", "absolute", "backslash", "javascript"])
def test_login_redirects_only_to_local_paths(client_for, target, expected):
    r = sign_in(client_for(), "ada", next_path=target)
    assert r.status_code == 303 and r.headers["location"] == expected


def test_logout_ends_the_session(client_for):
    client = client_for("rita")
    token = csrf_of(client)
    cookie = client.cookies.get("cc_session")
    assert client.post("/logout", data={"csrf_token": token}, follow_redirects=False).status_code == 303
    client.cookies.set("cc_session", cookie)  # replaying the old cookie does not bring the session back
    assert client.get("/api/me").status_code == 401


def test_a_disabled_user_is_signed_out_at_once(desk, client_for):
    rita, ada = client_for("rita"), client_for("ada")
    assert rita.get("/api/me").status_code == 200
    r = ada.patch("/api/users/rita", json={"active": False}, headers={"X-CSRF-Token": csrf_of(ada)})
    assert r.status_code == 200 and r.json()["active"] is False
    assert rita.get("/api/me").status_code == 401
    assert sign_in(client_for(), "rita").status_code == 401


def test_no_page_loads_anything_from_the_network(desk, client_for):
    client = client_for("ada")
    for path in ("/", f"/stories/{desk.story_id}", "/queue", "/claims/c_a1", "/corrections", "/users", "/login"):
        html = client.get(path).text
        for tag in re.findall(r"<(?:link|script|img|iframe|source|video|audio)\b[^>]*>", html):
            assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag), (path, tag)
        assert "<script" not in html and "style=" not in html, path  # no inline script or style for the CSP to forbid

"""The alignment on real article bodies (FNC-1, read from ../shared at run time) segmented by the
real segmenter: edits we make to them must give exactly the changes we made, and nothing else."""

from __future__ import annotations

import re

import pytest

from crosscheck.corrections import compare_versions
from crosscheck.model import Article, Claim, article_id
from tests.ingest.fixtures import load_fnc1

NUMBER = re.compile(r"(?<![\w.,])\d{2,}(?![\w.,]\d)")


@pytest.fixture(scope="module")
def bodies(shared_data):
    return [s.body for s in load_fnc1(shared_data, 60)]


def _version(text: str, n: int, segmenter) -> tuple[Article, list[Claim]]:
    aid = article_id("fnc1.example", text)
    (sentences,) = segmenter.run([text], [()])
    art = Article(aid, "k", n, "fnc1.example", "txt", text, ingested_at=f"2016-03-0{n}T00:00:00+00:00")
    claims = [Claim(f"c_{aid[:8]}_{s.start}", aid, s.start, s.end, 0.9, "check-worthy", "certain", {})
              for s in sentences if not s.boilerplate]
    return art, claims


def _diff(old: str, new: str, segmenter):
    return compare_versions(*_version(old, 1, segmenter), *_version(new, 2, segmenter)).changes


def test_self_diff_and_moved_paragraphs_give_nothing(bodies, segmenter):
    for body in bodies[:20]:
        assert _diff(body, body, segmenter) == ()
        paras = [p for p in body.split("\n") if p.strip()]
        if len(paras) > 2:
            moved = "\n".join([paras[1], paras[0], *paras[2:]])
            assert _diff(body, moved, segmenter) == (), paras[:2]


def test_one_number_edited_is_one_changed_claim(bodies, segmenter):
    tried = 0
    for body in bodies:
        m = NUMBER.search(body)
        if m is None:
            continue
        edited = body[: m.start()] + str(int(m.group()) + 1) + body[m.end() :]
        changes = _diff(body, edited, segmenter)
        assert [c.kind for c in changes] == ["changed"], (m.group(), [c.focus for c in changes])
        assert m.group() in changes[0].old_text and str(int(m.group()) + 1) in changes[0].new_text
        tried += 1
    assert tried >= 10


def test_a_sentence_split_at_and_is_no_change(bodies, segmenter):
    tried = 0
    for body in bodies:
        m = re.search(r"\w{4,}, and (?=[a-z])", body)
        if m is None:
            continue
        cut = m.end() - len(", and ")
        tail = body[m.end() :]
        split = body[:cut] + ". And " + tail
        assert _diff(body, split, segmenter) == ()
        tried += 1
    assert tried >= 5


def test_bench_plants_each_edit_and_scores_it(shared_data):
    from crosscheck.bench.corrections import plant_edits, run

    body = "Rescuers said 37 miners were trapped, and five had died.\n\nThe mine closed in 2019. It had 450 workers."
    kinds = [name for name, _, _ in plant_edits(body, [(0, 56), (58, 82), (83, 102)], "An unrelated sentence about a harbour crane that fell.", [(0, 55)])]
    assert kinds == ["number", "number_noted", "split", "removed", "number_removed", "added"]
    lines: list[str] = []
    result = run(shared_data, lines.append, limit=20)
    assert result["bodies"] == 20 and result["versions"] >= 60
    assert set(result["exact_by_edit"]) == {"number", "number_noted", "split", "moved", "removed", "number_removed", "added"}
    assert 0 <= result["exact"] <= 1 and lines[-1].startswith("20 bodies")

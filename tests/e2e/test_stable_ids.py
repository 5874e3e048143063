"""Ids that stay the same as the corpus grows: entities and stories, through the real pipeline."""

from __future__ import annotations


from crosscheck.api import run_check


def _entity_of(report, spelling):
    return {e["id"] for e in report["entities"] for m in e["mentions"] if m["text"] == spelling}


def test_recheck_one_file_keeps_entity_ids(tmp_path, examples_dir):
    db = tmp_path / "c.db"
    whole = run_check([examples_dir / "corpus"], db=db).report
    person = _entity_of(whole, "Radomír Kostelets")
    assert len(person) == 1
    files = sorted((examples_dir / "corpus").iterdir())
    holder = next(f for f in files if "Radomír Kostelets" in f.read_text(encoding="utf-8"))
    alone = run_check([holder], db=db).report
    assert _entity_of(alone, "Radomír Kostelets") == person
    every = {e["id"] for e in whole["entities"]}
    assert {e["id"] for e in alone["entities"]} <= every


def test_seeds_linked_and_stable_when_rechecked_alone(tmp_path, seeds_dir):
    db = tmp_path / "s.db"
    both = run_check([seeds_dir], db=db).report
    places = {e["id"] for e in both["entities"] if {m["text"] for m in e["mentions"]} >= {"Sednaya", "Saydnaya"}}
    assert len(places) == 1, "Sednaya and Saydnaya are one place"
    bashar = _entity_of(both, "Bashar al-Assad")
    assert len(bashar) == 1
    namings = {m["text"] for e in both["entities"] if e["id"] in bashar for m in e["mentions"]}
    assert {"Assad", "al-Assad"} <= namings and not any("Hafez" in n for n in namings)
    for seed in sorted(seeds_dir.glob("*.txt")):
        again = run_check([seed], db=db).report
        assert _entity_of(again, "Bashar al-Assad") <= bashar
        for e in again["entities"]:
            assert e["id"] in {x["id"] for x in both["entities"]}
    # a new store that sees the seeds one at a time, in the other order, links the same names
    other = tmp_path / "o.db"
    for seed in sorted(seeds_dir.glob("*.txt"), reverse=True):
        run_check([seed], db=other)
    again = run_check([], db=other).report
    groups = lambda r: sorted(sorted({m["text"] for m in e["mentions"]}) for e in r["entities"])  # noqa: E731
    assert groups(again) == groups(both)


def _groups_of(report):
    entities = sorted(sorted({(m["article_id"], m["start"], m["end"]) for m in e["mentions"]}) for e in report["entities"])
    stories = sorted(sorted(s["article_ids"]) for s in report["stories"])
    return entities, stories


def test_same_entities_and_stories_in_1_2_and_5_batches(tmp_path, examples_dir):
    import random

    files = sorted((examples_dir / "corpus").iterdir())
    reference = _groups_of(run_check([examples_dir / "corpus"], db=tmp_path / "one.db").report)
    for n, seed in ((2, 1), (5, 2), (5, 3)):
        order = list(files)
        random.Random(seed).shuffle(order)
        db = tmp_path / f"b{n}_{seed}.db"
        for k in range(n):
            run_check(order[k::n], db=db)
        assert _groups_of(run_check([], db=db).report) == reference, f"{n} batches, order {seed}"

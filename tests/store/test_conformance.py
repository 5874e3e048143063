"""The conformance suite, run against every backend (the ``store`` fixture in conftest.py)."""

from __future__ import annotations

from tests.store.conformance import StoreConformance


class TestStoreConformance(StoreConformance):
    pass


def test_a_run_lock_wraps_a_run_and_nests(store):
    from tests.store.conformance import make_article

    a = make_article()
    with store.run_lock():
        with store.run_lock():  # a library caller may nest runs in one process
            with store.transaction():
                store.add_article(a, store.begin_batch("test", "cfg"))
    assert store.has_article(a.id)
    with store.run_lock():  # released: taken again at once
        pass

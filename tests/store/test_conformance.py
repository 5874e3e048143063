"""The conformance suite, run against every backend (the ``store`` fixture in conftest.py)."""

from __future__ import annotations

from tests.store.conformance import StoreConformance


class TestStoreConformance(StoreConformance):
    pass

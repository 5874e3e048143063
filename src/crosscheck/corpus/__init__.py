"""Corpus stages: they read the whole store through its indexes and update what new articles change."""

"""crosscheck: claim-level cross-checking of news reporting.

Importing this package imports no model library (spaCy, onnxruntime, trafilatura, ...):
stages load their models on first use. ``tests/test_imports.py`` holds us to that.
"""

from crosscheck.errors import CrosscheckError

__version__ = "0.1.0"
__all__ = ["CrosscheckError", "__version__"]

"""The review desk's library: accounts and review actions with their role rules.

The web app (``crosscheck.web``) and the CLI (``crosscheck user ...``) are thin layers over it.
"""

from crosscheck.desk.accounts import add_user, hash_password, role_at_least, set_active, set_role, verify_password
from crosscheck.desk.reviews import approve, assign, current_review, may, parse_sources, save_verdict, set_lock

__all__ = [
    "add_user", "hash_password", "role_at_least", "set_active", "set_role", "verify_password",
    "approve", "assign", "current_review", "may", "parse_sources", "save_verdict", "set_lock",
]

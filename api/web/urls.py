"""Where a page may send the visitor next: only back into Kawal, never to another site."""

from urllib.parse import urlsplit

from flask import request


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site (``/kotak-masuk?scope=mine``), else None.

    A login or language link carries ``next``; an absolute or scheme-relative URL there would make
    Kawal an open redirect.
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def here() -> str:
    """The current page's path and query, for a ``next`` field that brings the visitor back."""
    query = request.query_string.decode("utf-8", "replace")
    return request.path + (f"?{query}" if query else "")

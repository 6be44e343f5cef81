"""Kawal's web layer: the app factory, REST API (/api/v1) and CLI. Domain work happens in ``engine``.

The factory lives in ``api.app`` and is imported when called: gunicorn's master imports ``api.server`` (its worker
class and hooks) and so this package, and everything imported here would stay the master's old code after
``systemctl reload``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

    from engine.config import Settings


def create_app(settings: Settings | None = None) -> Flask:
    """The Flask app (``api.app.create_app``)."""
    from api.app import create_app as factory

    return factory(settings)

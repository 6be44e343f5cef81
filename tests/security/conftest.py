"""Fixtures of the security tests."""

import pytest


@pytest.fixture
def another_app(settings):
    """``another_app()`` -> one more Kawal app on the test's database (another web process), closed afterwards."""
    from api import create_app
    from api.extensions import db

    made = []

    def make(custom=None):
        app = create_app(custom or settings)
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()

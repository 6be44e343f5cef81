"""Fixtures of the web page tests."""

import pytest

from tests.web.pages import Browser


@pytest.fixture
def browser(app):
    """``browser("ppid")``: a separate logged-in browser per officer; ``browser()`` one not logged in."""

    def _browser(username=None):
        b = Browser(app.test_client())
        if username:
            response = b.login(username)
            assert response.status_code == 302, response.get_data(as_text=True)
        return b

    return _browser

"""A browser for the web pages: Flask's test client with the session's CSRF token.

``browser("petugas")`` logs that officer in through the login form, like a person would, and
its ``post`` adds the CSRF token the pages put in every form.
"""

import re

from tests.conftest import PASSWORD

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    found = TOKEN.search(html)
    assert found, "the page has no form with a CSRF token"
    return found[1]


class Browser:
    def __init__(self, client):
        self.client = client
        self.token = None

    def get(self, path, **kwargs):
        response = self.client.get(path, **kwargs)
        found = TOKEN.search(response.get_data(as_text=True))
        if found:
            self.token = found[1]
        return response

    def post(self, path, data=None, csrf=True, **kwargs):
        data = dict(data or {})
        if csrf:
            if self.token is None:
                self.get("/masuk")
            data.setdefault("csrf_token", self.token)
        return self.client.post(path, data=data, **kwargs)

    def login(self, username, password=PASSWORD):
        self.get("/masuk")
        response = self.post("/masuk", {"username": username, "password": password})
        self.token = None  # a login starts a new session, with a new token
        return response


def text(response) -> str:
    return response.get_data(as_text=True)

"""The ``web`` blueprint: every server-rendered page adds its routes here.

One blueprint keeps endpoint names short (``web.inbox``, ``web.task``) and gives every page the same
templates/ and static/ folders. A later area with a different audience (the public portal, the
auditor console) may bring its own blueprint; the error pages, CSRF, languages and the session work
for any path outside /api/ (see ``api.web.errors`` and ``api.web.security``), whichever blueprint
serves it.
"""

from flask import Blueprint

bp = Blueprint(
    "web",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/assets",  # /static is Flask's own; /assets is ours alone
)

"""Kawal's server-rendered web application (Jinja2, no JavaScript needed).

``init_app(app)`` is the one call ``create_app`` makes, after the REST API is set up. It adds:

- sessions for officers (``session``: Flask-Login over the users table; /masuk, /keluar);
- CSRF protection of every form outside /api/ and the pages' security headers (``security``);
- Bahasa Indonesia and English (``i18n``: Flask-Babel, catalogs in api/translations; /bahasa/<code>);
- HTML error pages outside /api/, JSON inside it as before (``errors``);
- what every page's frame shows: navigation and the task counter (``layout``, templates/base.html);
- the officers' pages: the front desk's record of a request that did not come online (``desk``) and its
  correction of a requester's data (``requester``) and of an objection's proxy (``proxy``), the inbox and
  task actions (``inbox``), the task page (``task``), the case page with its diagram (``case``), the auditor
  console (``audit``), its list of access changes (``audit_access``: /audit/akses), its case search
  (``audit_cases``: /audit/kasus) and its list of identity reads (``audit_identity``: /audit/baca-identitas), the
  public information list (``dip``), the registers and reports (``reports``: /laporan), the dashboard (``dashboard``:
  /dasbor), the administrator's officers' accounts (``users``: /pengguna) and the office's units (``units``: /unit),
  each officer's own account and password (``account``: /akun), and the administrator's incidents: work that kept
  failing, retried (``incidents``: /insiden);
- the public portal: requests, objections, complaints, receipts and the status page (``portal``: filing,
  following, the access code, receipts, repeats, letters and the legal path), the public information list
  and the service pages (``portal.catalogue``), the yearly announcement and the satisfaction survey.
All routes live on the ``web`` blueprint (``blueprint``); the JSON Schema form widgets are
``schema_form``, labels and due states ``display``.

Paths are Indonesian words, as their readers read them: /kotak-masuk, /tugas/<id>, /kasus/<ticket>,
/audit, /publik.
"""

from flask import Flask

from api.web import (  # noqa: F401 - routes
    account,
    audit,
    audit_access,
    audit_cases,
    audit_identity,
    calendar,
    case,
    case_messages,
    dashboard,
    desk,
    desk_replies,
    dip,
    errors,
    events,
    fees,
    i18n,
    inbox,
    incidents,
    layout,
    letters,
    portal,
    proxy,
    reported,
    reports,
    requester,
    security,
    session,
    task,
    units,
    users,
    waiting,
    workbench,
)
from api.web.blueprint import bp


def init_app(app: Flask) -> None:
    session.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    layout.init_app(app)
    errors.init_app(app)  # last: it wraps the JSON handlers create_app registered before it
    app.register_blueprint(bp)

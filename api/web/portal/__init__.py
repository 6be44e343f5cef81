"""The public portal (no login): file a request, an objection or a complaint, and follow it.

Paths are Indonesian and stable: /publik, /publik/permohonan, /publik/keberatan, /publik/pengaduan,
/publik/tanda-terima, /publik/status, /publik/pengaduan/pesan, /publik/status/pesan (a request's or an objection's
message to the desk, engine.requester_messages); the public information list at
/publik/informasi and the office's service pages at /publik/halaman/<slug> (``catalogue``).
Every filing goes through the same engine function as the REST API (``intake.submit_request``,
``intake.file_objection``, ``complaints.submit_complaint``, ``complaints.reporter_message``), so the page
and the API can never accept different data.

The access code is a credential: it is typed into a POST form and never put in a URL or a log.
After filing, the ticket and the new code wait in the session only until the receipt page shows
them once (POST -> redirect -> GET). The same form sent again files nothing (``repeats``): from
the same browser it shows that receipt once more; when the first answer was lost, the server's record
of the form's key finds the case, which gets a new access code. After a successful status look-up the
session keeps a marker of the verified tickets (never the code) for ``VERIFIED_FOR`` seconds of
inactivity, so the status page can be reloaded, a complaint's reporter can answer the team and
download their own files, and linked cases of the same chain can be opened without typing the code
again. A wrong ticket or code gets one generic answer that does not say whether the ticket exists.
"""

from api.web.portal import (  # noqa: F401 - routes
    announcement,
    catalogue,
    contact,
    correction,
    desk_message,
    filing,
    following,
    lost_code,
    objection_unregistered,
    survey,
)

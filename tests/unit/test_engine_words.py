"""What the engine words for a requester outside a page (the status's next step, a text message's reply) comes from
the catalogs (engine.catalogs: English message ids, portal.po's Bahasa Indonesia), word for word what the inline
id/en pairs said before."""

from types import SimpleNamespace

from engine import queries, text_status
from engine.catalogs import catalog


def test_a_message_or_request_the_reporter_has_not_answered_is_their_next_step_in_their_language():
    message, request = SimpleNamespace(id=1, kind="message"), SimpleNamespace(id=2, kind="question")
    assert queries._question_step(message, "dalam_klarifikasi", "id") == (
        "Tim pengaduan mengirim pesan kepada Anda dan menunggu jawaban Anda. Bacalah dan jawab di halaman pesan"
        " pengaduan Anda."
    )
    assert queries._question_step(message, "dalam_klarifikasi", "en") == (
        "The complaint team has sent you a message and is waiting for your answer. Read it and answer on your"
        " complaint's messages page."
    )
    assert queries._question_step(request, "dalam_klarifikasi", "id") == (
        "Tim pengaduan meminta kelengkapan data atau bukti kepada Anda dan menunggu jawaban Anda. Jawablah di halaman"
        " pesan pengaduan Anda."
    )


def test_once_the_reporter_answered_in_time_the_next_step_is_the_teams_in_their_language():
    case = SimpleNamespace(status="dalam_klarifikasi", deadlines=[SimpleNamespace(name="BUKTI", status="met")])
    assert queries._answered_step(case, "id", lambda: True) == (
        "Jawaban dan bukti Anda sudah kami terima; tim pengaduan sedang menilainya. Anda akan diberi tahu hasilnya."
    )
    assert queries._answered_step(case, "en", lambda: True) == (
        "We have received your answer and evidence; the complaint team is assessing them. You will be told the outcome."
    )
    assert queries._answered_step(case, "en", lambda: False) == (  # a text without a file: an answer
        "We have received your answer; the complaint team is assessing it. You will be told the outcome."
    )


def test_a_dispute_brought_on_the_objection_is_named_in_the_next_step():
    disputes = [{"ticket": "SIP-2026-000001", "status_label": "Diterima"}]
    assert queries._dispute_step(disputes, "id") == (
        "Sengketa atas keberatan ini sudah diajukan kepada Komisi Informasi: SIP-2026-000001 (Diterima). Ikuti"
        " perkembangannya di halaman sengketa tersebut."
    )
    assert queries._dispute_step(disputes, "en") == (
        "A dispute on this objection is before the Information Commission: SIP-2026-000001 (Diterima). Follow it on"
        " the dispute's own page."
    )


def test_a_text_replys_deadline_and_link_lines_in_both_languages():
    said = {
        locale: [
            catalog(locale).gettext(text_status.DUE) % {"day": "16 Des 2026"},
            catalog(locale).gettext(text_status.YOURS) % {"day": "16 Des 2026"},
            catalog(locale).gettext(text_status.MORE) % {"url": "https://kawal.example/publik/status"},
        ]
        for locale in ("id", "en")
    }
    assert said["id"] == [
        "Batas waktu: 16 Des 2026.",
        "Batas waktu Anda: 16 Des 2026.",
        "Rincian: https://kawal.example/publik/status",
    ]
    assert said["en"] == [
        "Deadline: 16 Des 2026.",
        "Your deadline: 16 Des 2026.",
        "Details: https://kawal.example/publik/status",
    ]

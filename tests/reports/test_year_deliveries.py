"""The demo year hands the information over as its written notices gave it (engine.demo_year, engine.delivery).

A tester found 2025 receipts of ``kawal demo year`` (PPID-2025-000037, PPID-2025-000001) saying "by e-mail" and then
"handed over on paper or shown in person; no electronic files": every delivery of the year was an e-mail without a
file. Now an e-mail, or a digital copy however it goes, carries its files, and the receipt lists them.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from sqlalchemy import select

from engine import fees
from engine.letters import production
from engine.models import Case, CaseEvent, Letter


def _receipt_text(year, session, case: Case) -> str:
    letter = session.scalar(
        select(Letter).where(
            Letter.case_id == case.id, Letter.kind == "berita_acara_serah_terima", Letter.locale == "id"
        )
    )
    made = production.produce(year.rt, production.prepare(session, year.rt, letter.id))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(made)).pages))


def test_every_delivery_of_the_year_by_e_mail_or_of_a_digital_copy_carries_its_files(year):
    seen = {"email": 0, "digital": 0, "paper_or_shown": 0}
    with year.sessions() as session:
        for story in year.told("permohonan_informasi"):
            case = session.scalar(select(Case).where(Case.ticket == story.ticket))
            delivered = session.scalars(
                select(CaseEvent.data).where(CaseEvent.case_id == case.id, CaseEvent.type == "information_delivered")
            ).all()
            for record in delivered:
                digital = story.plan.get("copy") in fees.DIGITAL
                if record["method"] == "email" or digital:
                    assert record["files"], (story.ticket, record["method"], story.plan.get("copy"))
                    seen["email" if record["method"] == "email" else "digital"] += 1
                else:
                    seen["paper_or_shown"] += 1
        assert seen["email"], seen
        assert seen["paper_or_shown"], seen
        by_email = next(
            s
            for s in year.told("permohonan_informasi")
            if s.plan.get("delivered_on") and s.plan["asked"]["delivery_method"] == "email" and s.plan.get("copy")
        )
        text = _receipt_text(year, session, session.scalar(select(Case).where(Case.ticket == by_email.ticket)))
    assert "Cara penyerahan : melalui e-mail" in text
    assert "Berkas berikut dikirim melalui e-mail" in text
    assert ".pdf" in text
    assert "cetak" not in text
    assert "diperlihatkan" not in text

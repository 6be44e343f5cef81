"""The DIP's PDF writes its days as the office's letters do (engine.letters.render.long_date): "1 Juli 2026", never
"01-07-2026", which read as January 7th to a reader of American dates and as no one else's writing in Kawal."""

from datetime import UTC, datetime

import time_machine

from engine import dip, dip_io
from tests.dip.conftest import item_data


def test_the_dip_pdf_dates_its_items_and_its_state_in_words_as_the_letters_do(keeper):
    keeper.run("ppid", dip.create_item, item_data(title="Laporan Keuangan Semester I"), publish=True)
    with time_machine.travel(datetime(2026, 12, 7, 3, 0, tzinfo=UTC)), keeper.sessions() as s:
        pdf = dip_io.export_pdf(s, keeper.rt, compress=False)
    assert b"1 Juli 2026" in pdf  # the item's made_on, 2026-07-01
    assert b"Keadaan per 7 Desember 2026, 10:00 WIB" in pdf
    assert b"01-07-2026" not in pdf
    assert b"07-12-2026" not in pdf

"""The audit export streams whole events in pieces of about 64 KiB, not one write per event."""

import json

from flask import Flask

from api.exports import CHUNK, Readable, export_response


def _rows(n):
    def rows():
        for i in range(n):
            yield {
                "ticket": f"REQ-2026-{i:06d}",
                "seq": 1,
                "at": "2026-12-01T02:00:00.000000+00:00",
                "type": "case_opened",
                "actor": "system",
                "data": {"catatan": "ñ" * (i % 50)},
                "prev_hash": "0" * 64,
                "hash": f"{i:064x}",
            }

    return rows


def _pieces(fmt, n):
    with Flask(__name__).test_request_context():
        response = export_response(_rows(n), fmt, Readable(agency="KANTOR"))
        return list(response.response)


def test_a_large_jsonl_export_comes_in_few_pieces_and_every_event_whole_and_in_order():
    pieces = _pieces("jsonl", 5000)
    assert 1 < len(pieces) < 50
    assert all(len(p) >= CHUNK for p in pieces[:-1])
    lines = b"".join(p if isinstance(p, bytes) else p.encode() for p in pieces).decode().splitlines()
    assert [json.loads(line)["ticket"] for line in lines] == [f"REQ-2026-{i:06d}" for i in range(5000)]


def test_a_large_csv_export_comes_in_few_pieces_with_one_header_and_every_row():
    pieces = _pieces("csv", 5000)
    assert 1 < len(pieces) < 80
    text = b"".join(p if isinstance(p, bytes) else p.encode() for p in pieces).decode()
    rows = text.splitlines()
    assert rows[0].startswith("\ufeffinstansi,tiket,urutan")  # opened by the byte order mark, once
    assert len(rows) == 5001
    assert rows[-1].split(",")[1] == "REQ-2026-004999"


def test_a_small_export_is_one_piece():
    assert len(_pieces("jsonl", 3)) == 1

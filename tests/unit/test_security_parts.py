"""Pure parts: the identity vault, access codes, the audit chain and settings."""

import base64
import os
from datetime import UTC, datetime

import pytest
from cryptography.exceptions import InvalidTag

from engine import tickets
from engine.audit import GENESIS, event_hash, verify_rows
from engine.config import ConfigError, load_settings
from engine.vault import Vault, key_id


def _key():
    return os.urandom(32)


def test_vault_round_trips_identity_and_hides_it_at_rest():
    vault = Vault((_key(),))
    kid, blob = vault.seal({"name": "Ani Wijaya", "nik": "3171234507890001"})
    assert b"Ani" not in blob
    assert b"3171234507890001" not in blob
    assert vault.open(kid, blob) == {"name": "Ani Wijaya", "nik": "3171234507890001"}


def test_vault_key_rotation_opens_old_data_and_seals_with_the_new_key():
    old, new = _key(), _key()
    kid, blob = Vault((old,)).seal({"name": "Ani"})
    rotated = Vault((new, old))
    assert rotated.open(kid, blob) == {"name": "Ani"}
    assert rotated.seal({"name": "Budi"})[0] == key_id(new)


def test_vault_refuses_tampered_ciphertext_and_unknown_keys():
    vault = Vault((_key(),))
    kid, blob = vault.seal({"name": "Ani"})
    with pytest.raises(InvalidTag):
        vault.open(kid, blob[:-1] + bytes([blob[-1] ^ 1]))
    with pytest.raises(LookupError):
        Vault((_key(),)).open(kid, blob)


def test_access_code_has_at_least_112_bits_and_reads_forgivingly():
    shown, stored = tickets.new_access_code()
    assert len(shown.replace("-", "")) * 5 >= 112
    assert tickets.code_matches(stored, shown.lower().replace("-", " "))
    assert tickets.code_matches(stored, shown.replace("0", "O").replace("1", "I"))
    assert not tickets.code_matches(stored, tickets.new_access_code()[0])
    assert not tickets.code_matches(None, shown)
    assert stored != shown


def _chain(n=3, ticket="PPID-2026-000001"):
    rows, prev = [], GENESIS
    for seq in range(1, n + 1):
        at = datetime(2026, 12, 2, 3, seq, tzinfo=UTC)
        digest = event_hash(prev, ticket, seq, at, "status_changed", "system", {"status": f"s{seq}"})
        rows.append(
            {
                "ticket": ticket,
                "seq": seq,
                "at": at.isoformat(),
                "type": "status_changed",
                "actor": "system",
                "data": {"status": f"s{seq}"},
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    return rows


def test_intact_chain_verifies():
    assert list(verify_rows(_chain())) == []


@pytest.mark.parametrize(
    ("tamper", "seq"),
    [
        (lambda rows: rows[1].update(actor="intruder"), 2),
        (lambda rows: rows.pop(1), 3),
        (lambda rows: rows[2].update(hash="0" * 64), 3),
        (lambda rows: rows[0].update(at="2026-12-01T00:00:00+00:00"), 1),
    ],
)
def test_any_change_to_history_breaks_the_chain_at_that_event(tamper, seq):
    rows = _chain()
    tamper(rows)
    assert [b.seq for b in verify_rows(rows)] == [seq]


def test_an_export_holds_each_case_together_and_a_case_split_apart_is_told():
    """The check remembers only the case it reads (flat memory over a million cases): cases one after another
    verify; a case whose later events were moved after another case's is told where they resume."""
    first, second = _chain(3, "PPID-2026-000001"), _chain(2, "PPID-2026-000002")
    assert list(verify_rows(first + second)) == []
    split = first[:2] + second + first[2:]
    assert [(b.ticket, b.seq, b.reason) for b in verify_rows(split)] == [
        ("PPID-2026-000001", 3, "expected event 1, found 3")
    ]


def test_production_needs_secret_vault_key_and_database():
    with pytest.raises(ConfigError) as missing:
        load_settings({"KAWAL_ENV": "production"})
    assert "KAWAL_SECRET_KEY" in str(missing.value)
    key = base64.b64encode(os.urandom(32)).decode()
    settings = load_settings(
        {
            "KAWAL_ENV": "production",
            "KAWAL_SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
            "KAWAL_VAULT_KEY": key,
            "KAWAL_DATABASE_URL": "postgresql+psycopg://db/kawal",
            "KAWAL_PUBLIC_URL": "https://ppid.kanwil-jatim.go.id",
            "KAWAL_OFFICE_NAME": "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR",
        }
    )
    assert settings.production


def test_vault_key_must_be_32_bytes_of_base64():
    with pytest.raises(ConfigError):
        load_settings({"KAWAL_VAULT_KEY": base64.b64encode(b"short").decode()})
    with pytest.raises(ConfigError):
        load_settings({"KAWAL_VAULT_KEY": "not base64!"})


def test_embedded_default_needs_no_redis():
    assert load_settings({}).redis_url is None

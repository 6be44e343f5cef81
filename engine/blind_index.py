"""Finding a requester by name or NIK without decrypting the vault: a blind index of keyed hashes.

The vault (engine.vault) seals each identity with AES-GCM under a random nonce, so equal names give
different ciphertexts and a database query cannot compare them. Beside each PPID requester's party, and each
proxy's (engine.proxy_party: the inbox finds the cases a proxy filed or acted in by the proxy's name), we
keep a few tokens: HMAC-SHA256 of ``nik:<16 digits>`` and of ``name:<word>`` for each word of the name
(a proxy's: ``proxy-name:<word>``, no NIK), case, accents and punctuation folded, under the search key, cut to
128 bits (``PartyToken``). A search computes the same tokens from what the officer typed and looks them up by
index, the requesters' and the proxies' apart.

What this leaks, and what it does not: without the key a token cannot be tested against a guessed name
or NIK (a plain hash of a 16-digit NIK could be brute-forced in minutes; a keyed one cannot). With read
access to the table one learns only which parties share a name word. Tokens are never logged, exported
or returned; the search words are not logged either (the request log holds no query strings).
A complaint's reporter is never indexed, so no search can point at a whistleblower.

The search key is ``KAWAL_SEARCH_KEY`` if set, else derived from ``KAWAL_SECRET_KEY``; after changing
either, ``kawal search reindex`` rebuilds the tokens from the vault.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

from sqlalchemy import and_, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from engine import kinds
from engine.config import Settings
from engine.models import Case, CaseProxy, Party, PartyToken
from engine.vault import Vault

TOKEN_HEX = 32  # 128 bits: collisions stay negligible, and the column says nothing more than that
NIK = re.compile(r"\d{16}")
_WORD = re.compile(r"[^\W_]+")
MIN_WORD = 2  # single letters (initials) are not indexed: they would match half the register
# A proxy's name words are tokens of their own, apart from requesters' (``name:`` / ``proxy-name:``): a search reads
# each group's few tokens, never both groups' thousands of a common name word twice.
REQUESTER, PROXY = "requester", "proxy"
NAMES = {REQUESTER: "name:", PROXY: "proxy-name:"}
PROXY_PARTY = "kuasa"  # the vault's role of a proxy's party (engine.proxy_party.ROLE)


def search_key(settings: Settings) -> bytes:
    if settings.search_key:
        return settings.search_key
    return hmac.new(settings.secret_key.encode(), b"kawal-blind-index", hashlib.sha256).digest()


def details_key(settings: Settings) -> bytes:
    """The key of a complaint's commitment to its reporter's words (engine.audit.words_commitment), derived from
    ``KAWAL_SECRET_KEY`` as the search key is, for that purpose alone: the history keeps a keyed hash of what the
    reporter typed, which no guess of a short field can be tested against without the key. A commitment made under
    another key (the secret changed since) is not checked by the chain check; its chain still is."""
    return hmac.new(settings.secret_key.encode(), b"kawal-complaint-details", hashlib.sha256).digest()


def _token(key: bytes, text: str) -> str:
    return hmac.new(key, b"kawal-party:" + text.encode(), hashlib.sha256).hexdigest()[:TOKEN_HEX]


def words(text: str) -> list[str]:
    """The words of a name as the index keeps them: accents dropped, case folded, no punctuation."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(c))
    return [w for w in _WORD.findall(plain.casefold()) if len(w) >= MIN_WORD]


def tokens_of(key: bytes, identity: dict, role: str = REQUESTER) -> set[str]:
    found = {_token(key, NAMES[role] + w) for w in words(identity.get("name", ""))}
    nik = nik_token(key, identity) if role == REQUESTER else None
    return found | {nik} if nik else found


def nik_token(key: bytes, identity: dict) -> str | None:
    """The token of a requester's NIK (16 digits), or None when their identity has none (a legal entity's deed)."""
    nik = re.sub(r"\D", "", str(identity.get("nik") or ""))
    return _token(key, "nik:" + nik) if NIK.fullmatch(nik) else None


def index_party(
    session: Session, key: bytes, party: Party, identity: dict, *, new: bool = False, role: str = REQUESTER
) -> None:
    """(Re)write the tokens of one requester's (or proxy's) party in the caller's transaction (``new``: it has none
    yet)."""
    if not new:
        session.execute(delete(PartyToken).where(PartyToken.party_id == party.id))
    session.add_all(PartyToken(party_id=party.id, token=t) for t in sorted(tokens_of(key, identity, role)))


def query_tokens(key: bytes, query: str, role: str = REQUESTER) -> tuple[str | None, list[str]]:
    """What an officer typed, as tokens: the NIK's (16 digits; requesters only) and the name words' (all must
    match)."""
    digits = re.sub(r"[\s.-]", "", query)
    if NIK.fullmatch(digits):  # a NIK is a requester's, never a word of anyone's name: a proxy has none to match
        return (_token(key, "nik:" + digits), []) if role == REQUESTER else (None, [])
    return None, sorted({_token(key, NAMES[role] + w) for w in words(query)})


def parties_matching(key: bytes, query: str, role: str = REQUESTER):
    """A subquery of the party ids whose NIK is the query, or whose name has every word of it; or None."""
    nik, names = query_tokens(key, query, role)
    if nik is not None:
        return select(PartyToken.party_id).where(PartyToken.token == nik)
    if not names:
        return None
    return (
        select(PartyToken.party_id)
        .where(PartyToken.token.in_(names))
        .group_by(PartyToken.party_id)
        .having(func.count() == len(names))
    )


def party_matches(key: bytes, query: str, party_id, role: str = REQUESTER):
    """The match of ``parties_matching`` as a condition on a column of party ids: the party has each token (one
    indexed probe per token and row). For a query that walks rows and stops early, where collecting every
    party of a common name word first would cost more than the walk; None when the query has no token."""
    nik, names = query_tokens(key, query, role)
    wanted = [nik] if nik is not None else names
    if not wanted:
        return None
    return and_(*(exists().where(PartyToken.party_id == party_id, PartyToken.token == token) for token in wanted))


def reindex(session: Session, key: bytes, vault: Vault) -> int:
    """Rebuild the tokens of every PPID requester and every proxy from the vault (after a change of key, or an
    upgrade that indexes more parties); returns how many parties."""
    session.execute(delete(PartyToken))
    requesters = select(Case.requester_party_id).where(Case.kind != kinds.COMPLAINT)
    parties = session.scalars(
        select(Party).where(or_(Party.id.in_(requesters), Party.id.in_(select(CaseProxy.party_id)))).order_by(Party.id)
    )
    count = 0
    for party in parties:
        index_party(session, key, party, vault.read(party), role=PROXY if party.role == PROXY_PARTY else REQUESTER)
        count += 1
    return count


def index_unindexed_proxies(session: Session, key: bytes, vault: Vault) -> int:
    """Index the proxies that have no tokens yet: those linked to their cases by migration 0032, before Kawal
    indexed proxies (``kawal db upgrade`` runs this; a proxy whose name has no word to index is read again each
    time, and still has none). Returns how many were indexed."""
    unindexed = select(Party).where(
        Party.id.in_(select(CaseProxy.party_id)), ~exists().where(PartyToken.party_id == Party.id)
    )
    count = 0
    for party in session.scalars(unindexed.order_by(Party.id)).all():
        identity = vault.read(party)
        if tokens_of(key, identity, PROXY):
            index_party(session, key, party, identity, new=True, role=PROXY)
            count += 1
    return count

"""Settings from ``KAWAL_*`` environment variables: every one is documented here and in the README."""

import base64
import hashlib
import importlib.util
import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from engine import regions
from engine.calendar import parse_office_schedule

DEV_SECRET = "kawal-development-secret-not-for-production"  # noqa: S105 - development default, refused in production

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS_DIR = ROOT / "workflows"
FORMS_DIR = ROOT / "forms"


SECOND_FACTOR_GROUPS = ("pengelola_wbs", "admin")
LETTER_NUMBER_PATTERN = "B-{seq}/{office}/{series}/{month_roman}/{year}"
SIGNATORY_LANES = ("ppid", "atasan_ppid", "pimpinan", "petugas_layanan", "tim_pengaduan")
# Where a complaint's resolution clock (SLA) starts: its receipt (the earliest reading, the agency's deadline:
# legal-process.md §2.2) or its classification (the tier is known then). KAWAL_COMPLAINT_SLA_FROM.
COMPLAINT_SLA_STARTS = ("penerimaan", "klasifikasi")
# The court that hears a challenge of the Commission's decision (UU 14/2008 Pasal 47; legal-process.md §5.2 row 9):
# the administrative court (PTUN) when the public body is a state body, as a Kanwil is; else the district court (PN).
# KAWAL_COURT_OF_CHALLENGE.
COURTS_OF_CHALLENGE = ("ptun", "pn")
# The Komisi Informasi that hears the office's disputes (UU 14/2008 Pasal 27; Perki 1/2013 on competence;
# legal-process.md §5.1): the Central one for a central public body, and in principle for a vertical unit of a central
# ministry such as a Kanwil; a provincial or district body's own Komisi Informasi Provinsi (or Kabupaten/Kota). Some
# provincial Commissions hear a vertical unit's disputes too, so the office names its own. KAWAL_COMMISSION_NAME,
# KAWAL_COMMISSION_ADDRESS, KAWAL_COMMISSION_WEBSITE.
COMMISSION_NAME = "Komisi Informasi Pusat"
COMMISSION_WORDS = "komisi informasi"  # what the name must start with: the Commission's own name, not "KI Jatim"
EXEMPTION_LANES = ("atasan_ppid", "pimpinan")  # those who can open sealed identities or grant themselves any role


class ConfigError(RuntimeError):
    pass


@dataclass(frozen=True)
class Settings:
    env: str = "development"  # KAWAL_ENV: development | production | test
    database_url: str = "sqlite:///kawal.db"  # KAWAL_DATABASE_URL
    secret_key: str = DEV_SECRET  # KAWAL_SECRET_KEY: signs API tokens
    vault_keys: tuple[bytes, ...] = ()  # KAWAL_VAULT_KEY: base64 32-byte keys, comma-separated, newest first
    # KAWAL_SEARCH_KEY: base64 32-byte key of the blind index of names and NIKs (engine.blind_index); unset =
    # derived from KAWAL_SECRET_KEY. Changing it (or the secret it derives from) needs `kawal search reindex`.
    search_key: bytes | None = field(default=None, repr=False)
    redis_url: str | None = None  # KAWAL_REDIS_URL: unset = embedded mode, no Redis
    # Embedded mode: the Unix datagram socket of the `kawal clock` process, woken after each commit
    # (`kawal serve` sets it for the clock it starts); unset = the clock sweeps only each minute.
    clock_socket: str | None = None  # KAWAL_CLOCK_SOCKET
    office_timezone: str = "Asia/Jakarta"  # KAWAL_OFFICE_TZ: WIB, WITA (Asia/Makassar) or WIT (Asia/Jayapura)
    # KAWAL_OFFICE_PROVINCE: the office's province, by its Kemendagri code (engine.regions, "35" Jawa Timur): the
    # province a complaint's recording form offers for the place of the events; unset = the officer chooses.
    office_province: str | None = None
    # KAWAL_OFFICE_HOURS: "08:00-16:00", then ";"-separated hours per weekday and dated exceptions, e.g.
    # "07:30-16:00; jumat=07:30-16:30; 2027-02-08..2027-03-09=08:00-15:00 Ramadan" (engine.calendar).
    # A deadline ends at the close of its day; a receipt after closing counts, on the lenient reading,
    # from the next working day.
    office_hours: str = "08:00-16:00"
    completion_window_days: int = 3  # KAWAL_COMPLETION_WINDOW_DAYS: working days a requester has to complete
    ticket_prefix: str = "PPID"  # KAWAL_TICKET_PREFIX: register numbers look like PPID-2026-000123
    token_ttl_seconds: int = 8 * 3600  # KAWAL_TOKEN_TTL: lifetime of an API token
    notify_channels: tuple[str, ...] = ("log",)  # KAWAL_NOTIFY_CHANNELS: log, smtp, webhook (comma-separated)
    # Delivery channels (notifications.channels): SMTP when the host is set, the webhook when URL and secret are.
    smtp_host: str | None = None  # KAWAL_SMTP_HOST: the mail server; enables the smtp channel
    smtp_port: int | None = None  # KAWAL_SMTP_PORT: unset = 25, or 465 with KAWAL_SMTP_SSL
    smtp_from: str = "ppid@localhost"  # KAWAL_SMTP_FROM: From and envelope sender
    smtp_user: str | None = None  # KAWAL_SMTP_USER: log in with this user and KAWAL_SMTP_PASSWORD
    smtp_password: str | None = field(default=None, repr=False)  # KAWAL_SMTP_PASSWORD
    smtp_starttls: bool = False  # KAWAL_SMTP_STARTTLS=1: upgrade with STARTTLS
    smtp_ssl: bool = False  # KAWAL_SMTP_SSL=1: implicit TLS (SMTPS); not with STARTTLS
    webhook_url: str | None = None  # KAWAL_WEBHOOK_URL: an SMS/WhatsApp gateway's http(s) URL
    webhook_secret: str | None = field(default=None, repr=False)  # KAWAL_WEBHOOK_SECRET: HMAC key (UTF-8)
    # KAWAL_TEXT_NUMBER: the office's SMS/WhatsApp number, as the portal prints it, to which the public texts
    # "STATUS <ticket> <code>" (the gateway posts it to Kawal: api.views.gateway); shown only with the secret set.
    text_number: str | None = None
    # A message claimed this long ago by a sender that died is sent again (notifications.delivery).
    stale_claim_seconds: int = 600  # KAWAL_STALE_CLAIM_SECONDS
    # KAWAL_WORKER_NICE: `kawal worker` lowers its own CPU priority by this much (0-19), so that when the cores are
    # busy the officers' and requesters' requests go first and letters and messages catch up after; 0 keeps it equal.
    worker_nice: int = 10
    # Complaints (legal-process.md §7): SLA tiers and the reporter's evidence window, in working days.
    complaint_verification_days: int = 3  # KAWAL_COMPLAINT_VERIFICATION_DAYS (SP4N-LAPOR!: 3)
    complaint_sla_days: int = 14  # KAWAL_COMPLAINT_SLA_DAYS: not oversight-relevant
    complaint_oversight_sla_days: int = 60  # KAWAL_COMPLAINT_OVERSIGHT_SLA_DAYS: oversight-relevant
    complaint_sla_from: str = "penerimaan"  # KAWAL_COMPLAINT_SLA_FROM: penerimaan | klasifikasi
    court_of_challenge: str = "ptun"  # KAWAL_COURT_OF_CHALLENGE: ptun (a state public body) | pn
    # KAWAL_COMMISSION_NAME: the Komisi Informasi that hears the office's disputes, by its full name: what the
    # superior's response to an objection names unless the superior names another for that case, what the requester's
    # mail of that response and the portal's way to the Commission name. KAWAL_COMMISSION_ADDRESS (one line) and
    # KAWAL_COMMISSION_WEBSITE (http(s)://) are printed beside it when set.
    commission_name: str = COMMISSION_NAME
    commission_address: str = ""
    commission_website: str = ""
    # A unit asked for a request's information or a complaint's clarification answers within this many working days
    # of the referral (legal-process.md §7.5: an internal coordination limit; reminded, then escalated).
    unit_response_days: int = 5  # KAWAL_UNIT_RESPONSE_DAYS
    # The complaint team sends an oversight-relevant complaint to the Inspectorate General (its Nota Dinas) within this
    # many working days of the classification (legal-process.md §7.2 stage 3: SP4N-LAPOR! forwards within 3; §7.5: an
    # internal coordination limit; reminded, then escalated to the WBS managers).
    itjen_referral_days: int = 3  # KAWAL_ITJEN_REFERRAL_DAYS
    evidence_window_days: int = 10  # KAWAL_EVIDENCE_WINDOW_DAYS: the reporter's time to answer
    # KAWAL_KPK_REFERRAL_THRESHOLD: a complaint's examination that recorded a state loss of at least this many rupiah
    # is followed up by referral to the KPK, or the follow-up says why not (legal-process.md §7.2 stage 7 [V2];
    # engine.complaint_rules); 0: no reason asked.
    kpk_referral_threshold: int = 1_000_000_000
    files_dir: Path = Path("kawal-files")  # KAWAL_FILES_DIR: attachments, encrypted, outside the database
    max_attachment_bytes: int = 10 * 1024 * 1024  # KAWAL_MAX_ATTACHMENT_BYTES (per file; 5 files a message)
    download_days: int = 30  # KAWAL_DOWNLOAD_DAYS: how long delivered files stay downloadable with the access code
    # KAWAL_EMAIL_ATTACHMENT_MAX_BYTES: delivered files e-mailed together up to this size (before base64, which adds
    # a third); above it the e-mail tells the requester to download them with the ticket and access code.
    email_attachment_max_bytes: int = 7 * 1024 * 1024
    # Where sealed files live (engine.storage): the local folder (KAWAL_FILES_DIR) unless KAWAL_S3_BUCKET is set,
    # then an S3-compatible store (needs boto3: pip install 'kawal[s3]'). Files are encrypted before they go.
    s3_bucket: str | None = None  # KAWAL_S3_BUCKET
    s3_endpoint: str | None = None  # KAWAL_S3_ENDPOINT: e.g. https://minio.example.go.id:9000; unset = AWS
    s3_region: str | None = None  # KAWAL_S3_REGION
    s3_access_key: str | None = field(default=None, repr=False)  # KAWAL_S3_ACCESS_KEY
    s3_secret_key: str | None = field(default=None, repr=False)  # KAWAL_S3_SECRET_KEY
    s3_prefix: str = ""  # KAWAL_S3_PREFIX: a folder inside the bucket, e.g. "kawal/"
    # KAWAL_DELIVERY_DAYS: working days to hand over the information after the fee is paid (or after a written
    # notice sent late); the law sets none (legal-process.md §3.5), so 3, the office's own promptness.
    delivery_days: int = 3
    # KAWAL_COMPLIANCE_DAYS: working days to carry out a final Commission/court decision, counted from the day it
    # became final, or a mediation agreement that names no date, from its date (legal-process.md §5.3: KI DKI
    # 2025 gave 14 working days); an agreement's own date for carrying it out wins.
    compliance_days: int = 14
    # Officers' logins (engine.throttle): failures counted in a sliding window, in the database.
    login_max_failures: int = 5  # KAWAL_LOGIN_MAX_FAILURES: failed logins of one username before it waits
    login_window_seconds: int = 15 * 60  # KAWAL_LOGIN_WINDOW_SECONDS: how long a failure counts
    login_max_failures_per_address: int = 20  # KAWAL_LOGIN_MAX_FAILURES_PER_ADDRESS: any usernames, one address
    # Since failures are counted per (address, username) pair, a stranger's guesses never lock an officer
    # out; from all addresses together a username gets this many before only the right password plus the
    # second factor still gets in (a distributed guessing run).
    login_max_failures_per_username: int = 50  # KAWAL_LOGIN_MAX_FAILURES_PER_USERNAME
    # Groups whose officers log in with a TOTP second factor (engine.totp); approving an identity reveal
    # needs it whatever this says. The test environment defaults to none, so fixtures log in with a password.
    second_factor_groups: tuple[str, ...] = SECOND_FACTOR_GROUPS  # KAWAL_SECOND_FACTOR_GROUPS (comma-separated)
    # KAWAL_REVEAL_DAYS: calendar days an approved reveal of a whistleblower's identity stays open to the officer who
    # asked, from the decision (engine.complaints.reveal_open_until); then it is sealed again and a new request,
    # decided again, is needed. A week: time to act on the reason given, never access for good.
    reveal_days: int = 7
    # Wrong access codes (engine.guard): counted in the database per ticket and per address.
    code_max_failures: int = 10  # KAWAL_CODE_MAX_FAILURES: wrong codes for one ticket within the window
    code_max_failures_per_address: int = 20  # KAWAL_CODE_MAX_FAILURES_PER_ADDRESS: any tickets, one address
    code_window_seconds: int = 15 * 60  # KAWAL_CODE_WINDOW_SECONDS
    # What the public may send (engine.quotas), counted in the database across processes.
    quota_filings_per_hour: int = 10  # KAWAL_QUOTA_FILINGS_PER_HOUR: public filings from one address
    quota_messages_per_day: int = 20  # KAWAL_QUOTA_MESSAGES_PER_DAY: reporter messages, per case and per address
    quota_bytes_per_day: int = 100 * 1024 * 1024  # KAWAL_QUOTA_BYTES_PER_DAY: attachment bytes, per case and address
    quota_incident_after: int = 20  # KAWAL_QUOTA_INCIDENT_AFTER: refusals of one key in a day open an incident
    min_free_bytes: int = 1024 * 1024 * 1024  # KAWAL_MIN_FREE_BYTES: uploads stop before the files' disk has less
    # The agency's letters (engine.letters): letterhead, numbering, signatories, verification, signing.
    public_url: str = "http://127.0.0.1:5000"  # KAWAL_PUBLIC_URL: where the public reaches Kawal (QR on letters)
    public_url_set: bool = False  # KAWAL_PUBLIC_URL was given: else `kawal serve` names its own address
    # KAWAL_AGENCY_NAME: the public body's name: the letterhead's first line, every page's header, every export.
    agency_name: str = "KEMENTERIAN AGAMA REPUBLIK INDONESIA"
    # KAWAL_OFFICE_NAME: the issuing office, the letterhead's second line. The office must set it to its full name,
    # its province included ("KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI JAWA TIMUR"): this default is a placeholder
    # that names no province on purpose, since a guessed one would put a letter in another office's name.
    office_name: str = "KANTOR WILAYAH KEMENTERIAN AGAMA"
    office_address: str = ""  # KAWAL_OFFICE_ADDRESS: street, city, postal code
    office_contact: str = ""  # KAWAL_OFFICE_CONTACT: telephone, e-mail, website (one line)
    office_city: str = "Jakarta"  # KAWAL_OFFICE_CITY: the place printed before a letter's date (set it with the name)
    office_logo: Path | None = None  # KAWAL_OFFICE_LOGO: a PNG, JPEG or SVG file for the letterhead
    office_code: str = "PPID"  # KAWAL_OFFICE_CODE: the office's code in letter numbers ({office})
    # KAWAL_COMPLAINT_OFFICE_CODE: the complaint unit's code, {office} in a complaint's letter numbers (the complaint
    # team is not the PPID: engine.letters.numbering); unset, the office's own code, so an upgrade renumbers nothing.
    complaint_office_code: str = ""
    # KAWAL_LETTER_NUMBER_PATTERN: {seq} the letter type's yearly counter, {series} its code, {office},
    # {month} / {month_roman} and {year} of the letter's date; {seq}, {series} and {year} are required.
    letter_number_pattern: str = LETTER_NUMBER_PATTERN
    letter_templates_dir: Path | None = None  # KAWAL_LETTER_TEMPLATES_DIR: the agency's templates, searched first
    # Who signs for each lane: KAWAL_SIGNATORY_PPID, _ATASAN_PPID, _PIMPINAN, _PETUGAS_LAYANAN, _TIM_PENGADUAN, each
    # "Name; Position; NIP" (engine.letters.context.Signatory).
    signatories: dict = field(default_factory=dict)
    exemption_lane: str = "atasan_ppid"  # KAWAL_EXEMPTION_LANE: who determines exempt information (or pimpinan)
    # PAdES signing of every letter (engine.letters.signing) when both are set: PEM files; the key may be
    # encrypted with KAWAL_LETTER_SIGNING_PASSPHRASE. Needs pyHanko (pip install 'kawal[sign]').
    signing_key: Path | None = None  # KAWAL_LETTER_SIGNING_KEY
    signing_cert: Path | None = None  # KAWAL_LETTER_SIGNING_CERT
    signing_passphrase: str | None = None  # KAWAL_LETTER_SIGNING_PASSPHRASE
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host are believed (werkzeug ProxyFix);
    # 0 = none: the connection's peer is the client. Behind one nginx: 1, or every caller shares its address.
    trusted_proxies: int = 0  # KAWAL_TRUSTED_PROXIES
    # KAWAL_WORKFLOW_CACHE: case instances each process keeps loaded after a committed run (engine.instances), so
    # the next run of the case skips deserializing it; 0 = off. The test environment defaults to 0: every scenario
    # test then saves and restores the instance between steps (STYLE.md rule 9).
    workflow_cache: int = 256
    workflows_dir: Path = WORKFLOWS_DIR
    forms_dir: Path = FORMS_DIR
    extra: dict = field(default_factory=dict)

    @property
    def production(self) -> bool:
        return self.env == "production"


def _vault_keys(raw: str | None, secret: str) -> tuple[bytes, ...]:
    if not raw:
        # Development only: a key derived from the development secret, so a restart can still decrypt.
        return (hashlib.sha256(b"kawal-vault:" + secret.encode()).digest(),)
    keys = []
    for part in raw.split(","):
        try:
            key = base64.b64decode(part.strip(), validate=True)
        except ValueError as exc:
            raise ConfigError("KAWAL_VAULT_KEY must be base64 keys separated by commas") from exc
        if len(key) != 32:
            raise ConfigError("KAWAL_VAULT_KEY: each key must decode to 32 bytes")
        keys.append(key)
    return tuple(keys)


MAX_TRUSTED_PROXIES = 5
"""More hops than this in front of one office's server is a misreading of the setting, not a layout."""


def _flag(env, name: str) -> bool:
    return (env.get(name) or "").strip().lower() in ("1", "true", "yes", "on")


MIN_SECRET_BYTES = 32
"""The shortest secret production accepts (KAWAL_SECRET_KEY, KAWAL_WEBHOOK_SECRET): 256 bits if random."""
MIN_DISTINCT_BYTES = 8
"""A vault key (32 random bytes) of fewer than twice this many different bytes is no key."""
MIN_DISTINCT_CHARACTERS = 12
"""A secret written with fewer different characters is a word or a pattern repeated ("changeme-changeme-...",
"1234567890..."), whatever its length; `openssl rand -base64 48` gives 31 or more, a 64-digit hex string 13 or more
(in 20,000 draws of each)."""


def _require_strong(name: str, secret: bytes) -> None:
    """Production refuses a known, short or trivial secret: with one, anyone can mint a token or a session."""
    if secret in (DEV_SECRET.encode(), b""):
        raise ConfigError(f"{name}: the development default is public; use a random one of {MIN_SECRET_BYTES}+ bytes")
    if len(secret) < MIN_SECRET_BYTES:
        raise ConfigError(f"{name} must be at least {MIN_SECRET_BYTES} bytes (e.g. `openssl rand -base64 48`)")
    if len(set(secret)) < MIN_DISTINCT_CHARACTERS:
        raise ConfigError(f"{name} is trivial (too few different characters); use a random secret")


def _require_strong_keys(keys: tuple[bytes, ...]) -> None:
    """Production's vault keys: never the key derived from the development secret, never a trivial one."""
    for key in keys:
        if key == _vault_keys(None, DEV_SECRET)[0]:
            raise ConfigError("KAWAL_VAULT_KEY: the development key is public; use `openssl rand -base64 32`")
        if len(set(key)) < 2 * MIN_DISTINCT_BYTES:
            raise ConfigError("KAWAL_VAULT_KEY: a key is trivial (too few different bytes); use 32 random bytes")


# KAWAL_WEB_BIND: where gunicorn listens in production (deploy/gunicorn.conf.py reads it there); `kawal serve
# --production` keeps the part of it its --host or --port does not replace.
WEB_BIND = "127.0.0.1:8000"


def web_bind(environ: dict | None = None) -> str:
    """The address production's gunicorn binds (KAWAL_WEB_BIND, else ``WEB_BIND``)."""
    env = os.environ if environ is None else environ
    return env.get("KAWAL_WEB_BIND") or WEB_BIND


def load_settings(environ: dict | None = None, **overrides) -> Settings:
    """Read settings from the environment; production refuses to start without its secrets."""
    env = os.environ if environ is None else environ
    mode = env.get("KAWAL_ENV", "development")
    if mode not in ("development", "production", "test"):
        raise ConfigError(f"KAWAL_ENV must be development, production or test, not {mode!r}")
    if mode == "production":
        # KAWAL_PUBLIC_URL: every letter prints it (QR code, verification address); its default is this machine.
        required = ("KAWAL_SECRET_KEY", "KAWAL_VAULT_KEY", "KAWAL_DATABASE_URL", "KAWAL_PUBLIC_URL")
        missing = [name for name in required if not env.get(name)]
        if missing:
            raise ConfigError("production refuses to start without " + ", ".join(missing))
        _require_strong("KAWAL_SECRET_KEY", env["KAWAL_SECRET_KEY"].encode())
        if env.get("KAWAL_WEBHOOK_URL") and not env.get("KAWAL_WEBHOOK_SECRET"):
            raise ConfigError(
                "KAWAL_WEBHOOK_SECRET is missing: KAWAL_WEBHOOK_URL is set, and the gateway's messages are signed with"
                f" it; use a random one of {MIN_SECRET_BYTES}+ bytes (e.g. `openssl rand -base64 48`)"
            )
        if env.get("KAWAL_WEBHOOK_URL") or env.get("KAWAL_WEBHOOK_SECRET"):  # it also opens the texts' way in
            _require_strong("KAWAL_WEBHOOK_SECRET", env.get("KAWAL_WEBHOOK_SECRET", "").encode())
    secret = env.get("KAWAL_SECRET_KEY") or DEV_SECRET
    numbers = {
        "completion_window_days": ("KAWAL_COMPLETION_WINDOW_DAYS", 3),
        "token_ttl_seconds": ("KAWAL_TOKEN_TTL", 8 * 3600),
        "complaint_verification_days": ("KAWAL_COMPLAINT_VERIFICATION_DAYS", 3),
        "complaint_sla_days": ("KAWAL_COMPLAINT_SLA_DAYS", 14),
        "complaint_oversight_sla_days": ("KAWAL_COMPLAINT_OVERSIGHT_SLA_DAYS", 60),
        "evidence_window_days": ("KAWAL_EVIDENCE_WINDOW_DAYS", 10),
        "unit_response_days": ("KAWAL_UNIT_RESPONSE_DAYS", 5),
        "itjen_referral_days": ("KAWAL_ITJEN_REFERRAL_DAYS", 3),
        "max_attachment_bytes": ("KAWAL_MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024),
        "download_days": ("KAWAL_DOWNLOAD_DAYS", 30),
        "reveal_days": ("KAWAL_REVEAL_DAYS", 7),
        "email_attachment_max_bytes": ("KAWAL_EMAIL_ATTACHMENT_MAX_BYTES", 7 * 1024 * 1024),
        "delivery_days": ("KAWAL_DELIVERY_DAYS", 3),
        "compliance_days": ("KAWAL_COMPLIANCE_DAYS", 14),
        "login_max_failures": ("KAWAL_LOGIN_MAX_FAILURES", 5),
        "login_window_seconds": ("KAWAL_LOGIN_WINDOW_SECONDS", 15 * 60),
        "login_max_failures_per_address": ("KAWAL_LOGIN_MAX_FAILURES_PER_ADDRESS", 20),
        "stale_claim_seconds": ("KAWAL_STALE_CLAIM_SECONDS", 600),
        "login_max_failures_per_username": ("KAWAL_LOGIN_MAX_FAILURES_PER_USERNAME", 50),
        "code_max_failures": ("KAWAL_CODE_MAX_FAILURES", 10),
        "code_max_failures_per_address": ("KAWAL_CODE_MAX_FAILURES_PER_ADDRESS", 20),
        "code_window_seconds": ("KAWAL_CODE_WINDOW_SECONDS", 15 * 60),
        "quota_filings_per_hour": ("KAWAL_QUOTA_FILINGS_PER_HOUR", 10),
        "quota_messages_per_day": ("KAWAL_QUOTA_MESSAGES_PER_DAY", 20),
        "quota_bytes_per_day": ("KAWAL_QUOTA_BYTES_PER_DAY", 100 * 1024 * 1024),
        "quota_incident_after": ("KAWAL_QUOTA_INCIDENT_AFTER", 20),
        "min_free_bytes": ("KAWAL_MIN_FREE_BYTES", 1024 * 1024 * 1024),
    }
    whole = {}
    for key, (name, default) in numbers.items():
        try:
            whole[key] = int(env.get(name, str(default)))
        except ValueError as exc:
            raise ConfigError(f"{name} must be a whole number") from exc
        if whole[key] < 1:
            raise ConfigError(f"{name} must be at least 1")
    try:
        whole["kpk_referral_threshold"] = int(env.get("KAWAL_KPK_REFERRAL_THRESHOLD", "1000000000"))
    except ValueError as exc:
        raise ConfigError("KAWAL_KPK_REFERRAL_THRESHOLD must be a whole number of rupiah (0: no reason asked)") from exc
    if whole["kpk_referral_threshold"] < 0:
        raise ConfigError("KAWAL_KPK_REFERRAL_THRESHOLD must be 0 or more")
    try:
        whole["trusted_proxies"] = int(env.get("KAWAL_TRUSTED_PROXIES", "0"))
    except ValueError as exc:
        raise ConfigError("KAWAL_TRUSTED_PROXIES must be a whole number (the proxies in front, 0 for none)") from exc
    if not 0 <= whole["trusted_proxies"] <= MAX_TRUSTED_PROXIES:
        raise ConfigError(f"KAWAL_TRUSTED_PROXIES must be between 0 and {MAX_TRUSTED_PROXIES}")
    try:
        whole["workflow_cache"] = int(env.get("KAWAL_WORKFLOW_CACHE", "0" if mode == "test" else "256"))
    except ValueError as exc:
        raise ConfigError("KAWAL_WORKFLOW_CACHE must be a whole number (0 turns the cache off)") from exc
    if whole["workflow_cache"] < 0:
        raise ConfigError("KAWAL_WORKFLOW_CACHE must be 0 or more")
    raw_nice = env.get("KAWAL_WORKER_NICE", "10")
    if not raw_nice.strip().isdigit() or int(raw_nice) > 19:
        raise ConfigError(f"KAWAL_WORKER_NICE must be between 0 and 19, not {raw_nice!r}")
    whole["worker_nice"] = int(raw_nice)
    smtp_port = (env.get("KAWAL_SMTP_PORT") or "").strip()
    if smtp_port and not smtp_port.isdigit():
        raise ConfigError(f"KAWAL_SMTP_PORT must be a number, not {smtp_port!r}")
    office_hours = env.get("KAWAL_OFFICE_HOURS", "08:00-16:00")
    try:
        parse_office_schedule(office_hours)
    except ValueError as exc:
        raise ConfigError(f"KAWAL_OFFICE_HOURS: {exc}") from None
    office_province = (env.get("KAWAL_OFFICE_PROVINCE") or "").strip() or None
    if office_province is not None and office_province not in regions.PROVINCES:
        raise ConfigError(
            f"KAWAL_OFFICE_PROVINCE must be a province's Kemendagri code (11 Aceh ... 35 Jawa Timur ... 96 Papua Barat"
            f" Daya), not {office_province!r}"
        )
    default_factor = "" if mode == "test" else ",".join(SECOND_FACTOR_GROUPS)
    raw_factor = env.get("KAWAL_SECOND_FACTOR_GROUPS", default_factor)
    factor_groups = tuple(g.strip() for g in raw_factor.split(",") if g.strip())
    if any(not g.replace("_", "").isalnum() for g in factor_groups):
        raise ConfigError("KAWAL_SECOND_FACTOR_GROUPS must be group codes separated by commas")
    letters = _letter_settings(env)
    vault_keys = _vault_keys(env.get("KAWAL_VAULT_KEY"), secret)
    search_key = _vault_keys(env["KAWAL_SEARCH_KEY"], secret)[0] if env.get("KAWAL_SEARCH_KEY") else None
    if mode == "production":
        _require_strong_keys(vault_keys)
    values = dict(
        env=mode,
        database_url=env.get("KAWAL_DATABASE_URL") or f"sqlite:///{Path.cwd() / 'kawal.db'}",
        secret_key=secret,
        vault_keys=vault_keys,
        search_key=search_key,
        redis_url=env.get("KAWAL_REDIS_URL") or None,
        clock_socket=env.get("KAWAL_CLOCK_SOCKET") or None,
        office_timezone=env.get("KAWAL_OFFICE_TZ", "Asia/Jakarta"),
        office_hours=office_hours,
        office_province=office_province,
        ticket_prefix=env.get("KAWAL_TICKET_PREFIX", "PPID"),
        files_dir=Path(env.get("KAWAL_FILES_DIR") or Path.cwd() / "kawal-files"),
        **whole,
        second_factor_groups=factor_groups,
        notify_channels=tuple(c.strip() for c in env.get("KAWAL_NOTIFY_CHANNELS", "log").split(",") if c.strip()),
        smtp_host=(env.get("KAWAL_SMTP_HOST") or "").strip() or None,
        smtp_port=int(smtp_port) if smtp_port else None,
        smtp_from=(env.get("KAWAL_SMTP_FROM") or "").strip() or "ppid@localhost",
        smtp_user=env.get("KAWAL_SMTP_USER") or None,
        smtp_password=env.get("KAWAL_SMTP_PASSWORD") or None,
        smtp_starttls=_flag(env, "KAWAL_SMTP_STARTTLS"),
        smtp_ssl=_flag(env, "KAWAL_SMTP_SSL"),
        webhook_url=(env.get("KAWAL_WEBHOOK_URL") or "").strip() or None,
        webhook_secret=env.get("KAWAL_WEBHOOK_SECRET") or None,
        text_number=(env.get("KAWAL_TEXT_NUMBER") or "").strip()[:40] or None,
        **_s3_settings(env),
        **letters,
    )
    if mode == "production":  # last, so that any other wrong setting is named first, as before
        # Every placeholder at once: named one per run, the example file took five starts to get through.
        wrong = _office_placeholders(values["public_url"], values["office_name"])
        wrong += _mail_placeholders(values["smtp_host"], values["smtp_from"], env.get("KAWAL_ANCHOR_DIGEST_TO") or "")
        if len(wrong) == 1:
            raise ConfigError(wrong[0])
        if wrong:
            raise ConfigError(
                f"production refuses to start until these {len(wrong)} settings are changed in the environment"
                " file:\n" + "\n".join(f"- {problem}" for problem in wrong)
            )
    values.update(overrides)
    return Settings(**values)


# Hosts that are no office's public address: the example file's and RFC 2606's reserved names, this machine.
PLACEHOLDER_LABELS = frozenset({"example", "localhost"})
PLACEHOLDER_TLDS = frozenset({"example", "invalid", "localhost", "test", "local"})
PLACEHOLDER_MARKS = ("...", "…")  # the example file's placeholders to complete ("PROVINSI ...")


def _placeholder_host(host: str) -> bool:
    """A host no office has: none, the example file's (``example.go.id``), RFC 2606's, this machine."""
    host = host.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")
    labels = host.split(".")
    try:
        own = ipaddress.ip_address(host)
        local = own.is_loopback or own.is_unspecified or own.is_link_local
    except ValueError:
        local = False
    return not host or local or bool(PLACEHOLDER_LABELS & set(labels)) or labels[-1] in PLACEHOLDER_TLDS


def _this_machine(host: str) -> bool:
    host = host.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost" or host.endswith(".localhost")


def _office_placeholders(public_url: str, office_name: str) -> list[str]:
    """Production refuses the example file's placeholders and this machine's own address: every letter prints the
    public address in its QR code and verification line, and the office's name in its letterhead. What is wrong, one
    line per setting."""
    wrong = []
    parts = urlsplit(public_url)
    if _placeholder_host(parts.hostname or ""):
        wrong.append(
            f"KAWAL_PUBLIC_URL: {public_url} is a placeholder or this machine's own address; set the address the"
            " public uses (e.g. https://ppid.your-office.go.id): every letter prints it in its QR code and"
            " verification address"
        )
    elif parts.scheme != "https":
        wrong.append(
            f"KAWAL_PUBLIC_URL must start with https:// in production, not {public_url}: the public reaches Kawal"
            " over HTTPS, and every letter prints the address"
        )
    if office_name == Settings.office_name or any(mark in office_name for mark in PLACEHOLDER_MARKS):
        wrong.append(
            f"KAWAL_OFFICE_NAME: set the office's full name, its province included (e.g. \"KANTOR WILAYAH KEMENTERIAN"
            f" AGAMA PROVINSI JAWA TIMUR\"), not {office_name!r}: every letter's letterhead and every page's header"
            " print it"
        )
    return wrong


def _mail_placeholders(smtp_host: str | None, smtp_from: str, anchor_to: str) -> list[str]:
    """Production refuses the example file's mail placeholders (``mail.example.go.id``, ``ppid@example.go.id``,
    ``inspektorat@example.go.id``) and this machine's own names: a server that does not exist fails every message
    in the outbox, a sender at example.go.id is refused or sent to spam by the receiving servers, and the audit
    anchor's digest would go to nobody. The sender is checked when mail is on (``KAWAL_SMTP_HOST``). The server may
    be this machine (a local relay such as Postfix on port 25), not a reserved name. What is wrong, one line per
    setting."""
    wrong = []
    if smtp_host is not None and _placeholder_host(smtp_host) and not _this_machine(smtp_host):
        wrong.append(
            f"KAWAL_SMTP_HOST: {smtp_host} is a placeholder; set the office's mail server (e.g."
            " mail.your-office.go.id), or leave it unset to send no mail"
        )
    if smtp_host is not None and _placeholder_host(smtp_from.rpartition("@")[2]):
        wrong.append(
            f"KAWAL_SMTP_FROM: {smtp_from} is a placeholder or this machine's own address; set the office's own"
            " sender (e.g. ppid@your-office.go.id): every message to requesters and officers is sent from it"
        )
    placeholders = [to for to in anchor_to.split() if _placeholder_host(to.rpartition("@")[2])]
    if placeholders:
        wrong.append(
            f"KAWAL_ANCHOR_DIGEST_TO: {' '.join(placeholders)} is a placeholder or this machine's own address; set"
            " the address of someone this server's administrators cannot overrule (e.g. the inspectorate's), or leave"
            " it unset: the monthly audit anchor's digest goes there"
        )
    return wrong


def _s3_settings(env) -> dict:
    """The S3-compatible store's settings (engine.storage.S3Storage); none of them without a bucket."""
    bucket = (env.get("KAWAL_S3_BUCKET") or "").strip() or None
    if bucket is None:
        return {}
    if importlib.util.find_spec("boto3") is None:
        raise ConfigError("KAWAL_S3_BUCKET needs boto3: pip install 'kawal[s3]'")
    endpoint = (env.get("KAWAL_S3_ENDPOINT") or "").strip() or None
    if endpoint and not endpoint.startswith(("http://", "https://")):
        raise ConfigError("KAWAL_S3_ENDPOINT must start with http:// or https://")
    prefix = (env.get("KAWAL_S3_PREFIX") or "").strip().lstrip("/")
    return {
        "s3_bucket": bucket,
        "s3_endpoint": endpoint,
        "s3_region": (env.get("KAWAL_S3_REGION") or "").strip() or None,
        "s3_access_key": env.get("KAWAL_S3_ACCESS_KEY") or None,
        "s3_secret_key": env.get("KAWAL_S3_SECRET_KEY") or None,
        "s3_prefix": prefix if not prefix or prefix.endswith("/") else prefix + "/",
    }


def _optional_path(env, name: str) -> Path | None:
    value = (env.get(name) or "").strip()
    return Path(value) if value else None


def check_number_pattern(pattern: str) -> None:
    """A letter number pattern: the placeholders known, and unique per letter type and year."""
    sample = {"seq": 1, "series": "PT", "office": "PPID", "month": 12, "month_roman": "XII", "year": 2026}
    try:
        pattern.format(**sample)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(f"KAWAL_LETTER_NUMBER_PATTERN: unknown or bad placeholder ({exc})") from None
    missing = [p for p in ("seq", "series", "year") if "{" + p not in pattern]
    if missing:
        raise ConfigError("KAWAL_LETTER_NUMBER_PATTERN must contain " + ", ".join("{" + p + "}" for p in missing))


def _letter_settings(env) -> dict:
    """The letters' settings (engine.letters): letterhead, numbering, signatories, verification, signing."""
    pattern = env.get("KAWAL_LETTER_NUMBER_PATTERN", LETTER_NUMBER_PATTERN)
    check_number_pattern(pattern)
    signatories = {}
    for lane in SIGNATORY_LANES:
        raw = env.get(f"KAWAL_SIGNATORY_{lane.upper()}")
        if raw:
            parts = [p.strip() for p in raw.split(";")]
            if len(parts) != 3 or not parts[0] or not parts[1]:
                raise ConfigError(f"KAWAL_SIGNATORY_{lane.upper()} must be 'Name; Position; NIP'")
            signatories[lane] = tuple(parts)
    sla_from = env.get("KAWAL_COMPLAINT_SLA_FROM", "penerimaan")
    if sla_from not in COMPLAINT_SLA_STARTS:
        raise ConfigError(f"KAWAL_COMPLAINT_SLA_FROM must be one of {', '.join(COMPLAINT_SLA_STARTS)}")
    court = env.get("KAWAL_COURT_OF_CHALLENGE", "ptun")
    if court not in COURTS_OF_CHALLENGE:
        raise ConfigError(f"KAWAL_COURT_OF_CHALLENGE must be one of {', '.join(COURTS_OF_CHALLENGE)}")
    commission = _commission_settings(env)
    lane = env.get("KAWAL_EXEMPTION_LANE", "atasan_ppid")
    if lane not in EXEMPTION_LANES:
        raise ConfigError(f"KAWAL_EXEMPTION_LANE must be one of {', '.join(EXEMPTION_LANES)}")
    public_url = env.get("KAWAL_PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/")
    if not public_url.startswith(("http://", "https://")):
        raise ConfigError("KAWAL_PUBLIC_URL must start with http:// or https://")
    key, cert = _optional_path(env, "KAWAL_LETTER_SIGNING_KEY"), _optional_path(env, "KAWAL_LETTER_SIGNING_CERT")
    if bool(key) != bool(cert):
        raise ConfigError("KAWAL_LETTER_SIGNING_KEY and KAWAL_LETTER_SIGNING_CERT go together")
    if key and importlib.util.find_spec("pyhanko") is None:
        raise ConfigError("signing letters needs pyHanko: pip install 'kawal[sign]'")
    texts = {
        "agency_name": ("KAWAL_AGENCY_NAME", Settings.agency_name),
        "office_name": ("KAWAL_OFFICE_NAME", Settings.office_name),
        "office_address": ("KAWAL_OFFICE_ADDRESS", ""),
        "office_contact": ("KAWAL_OFFICE_CONTACT", ""),
        "office_city": ("KAWAL_OFFICE_CITY", Settings.office_city),
        "office_code": ("KAWAL_OFFICE_CODE", Settings.office_code),
        "complaint_office_code": ("KAWAL_COMPLAINT_OFFICE_CODE", Settings.complaint_office_code),
    }
    return {
        **{
            key_: " ".join((env.get(name) or default).split())[:200] or default
            for key_, (name, default) in texts.items()
        },
        "public_url": public_url,
        "public_url_set": "KAWAL_PUBLIC_URL" in env,
        "office_logo": _optional_path(env, "KAWAL_OFFICE_LOGO"),
        "letter_number_pattern": pattern,
        "letter_templates_dir": _optional_path(env, "KAWAL_LETTER_TEMPLATES_DIR"),
        "signatories": signatories,
        "exemption_lane": lane,
        "complaint_sla_from": sla_from,
        "court_of_challenge": court,
        **commission,
        "signing_key": key,
        "signing_cert": cert,
        "signing_passphrase": env.get("KAWAL_LETTER_SIGNING_PASSPHRASE") or None,
    }


def _commission_settings(env) -> dict:
    """The Komisi Informasi of the office's disputes: its full name (``Komisi Informasi ...``), and its address and
    website when set. Spaces are folded, as the letterhead's lines are."""
    name = " ".join((env.get("KAWAL_COMMISSION_NAME") or COMMISSION_NAME).split())
    named = name.casefold().startswith(COMMISSION_WORDS + " ") and not any(mark in name for mark in PLACEHOLDER_MARKS)
    if not named or len(name) > 200:  # "Komisi Informasi" alone names none
        raise ConfigError(
            f"KAWAL_COMMISSION_NAME must be the full name of the Komisi Informasi that hears the office's disputes, at"
            f' most 200 characters (e.g. "{COMMISSION_NAME}" or "Komisi Informasi Provinsi Jawa Timur"), not'
            f" {name!r}: the superior's response to an objection and the requester's mail and status page name it"
        )
    address = " ".join((env.get("KAWAL_COMMISSION_ADDRESS") or "").split())
    if len(address) > 200:
        raise ConfigError("KAWAL_COMMISSION_ADDRESS must be one line of at most 200 characters")
    website = (env.get("KAWAL_COMMISSION_WEBSITE") or "").strip()
    parts = urlsplit(website) if website else None
    if parts is not None and (parts.scheme not in ("http", "https") or not parts.hostname or " " in website):
        raise ConfigError(f"KAWAL_COMMISSION_WEBSITE must be an http:// or https:// address, not {website!r}")
    return {"commission_name": name, "commission_address": address, "commission_website": website}

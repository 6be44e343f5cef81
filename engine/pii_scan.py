"""Personal data in a file about to go out: NIK, KK, NPWP, mobile numbers, e-mail addresses (issue 15, point 3).

Pure: text in, findings out; nothing is stored or logged here. ``read_text`` gets a file's text, one
string a page: a PDF's text layer (pypdf), an image's text through tesseract with the Indonesian
language pack when both are installed (Debian: ``tesseract-ocr tesseract-ocr-ind``). A file whose text
cannot be read (a scanned PDF without a text layer; an image without OCR) is a finding of its own,
``unreadable``, so nobody takes "nothing found" for "nothing there".

What counts, and why it is strict (a flag the officer learns to ignore is worse than none):

- NIK (Nomor Induk Kependudukan, UU 24/2013): 16 digits ``PP RR DD ddmmyy ssss``: a province code in use
  (``PROVINCES``), a regency 01-40 or a city 71-79, a district 01-99, a birth date that exists (a woman's
  day + 40), a serial 0001-9999. Written together or in four groups of four; not when the words just
  before name it as something else (a virtual account, a bank account, a billing code). About 1.4 % of
  random 16-digit numbers pass the structure (bench/pii_scan.py): an unnamed one may still be flagged.
- KK (Kartu Keluarga number): the same structure, the date being the card's issue date (no +40): a
  16-digit number of that structure with "KK" / "Kartu Keluarga" / "No. KK" just before it.
- NPWP: the old 15-digit form written ``99.999.999.9-999.999`` (or 15 digits after the word NPWP), and
  the new 16-digit form (2024, PMK 112/2022): a 16-digit number after the word NPWP (an entity's is ``0``
  + the old 15 digits; a person's is their NIK).
- Phone: Indonesian mobile numbers (``08``, ``+628``, ``628`` then 8-11 digits, with spaces, dots or
  dashes), the numbers that belong to a person. Landlines are left out: in an office's documents they
  are the office's own letterhead numbers.
- E-mail: any address but a role mailbox (``ppid@``, ``humas@``, ``info@``, ...: an office's, not a
  person's).

The requester's own NIK, phone and e-mail (``own``) are not findings: the file may be their own data.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date

from engine import regions

PROVINCES = frozenset(int(code) for code in regions.PROVINCES)  # Kemendagri codes in use
MAX_REGENCY = 40  # no province has more regencies (kabupaten 01-..); cities (kota) are 71-79
ROLE_MAILBOXES = frozenset(
    {
        "ppid", "humas", "info", "informasi", "admin", "administrator", "pengaduan", "sekretariat", "setjen",
        "kontak", "contact", "layanan", "helpdesk", "redaksi", "tu", "tatausaha", "persuratan", "noreply",
        "no-reply", "webmaster", "halo", "hotline", "lapor", "ult", "kehumasan", "protokol",
    }
)  # fmt: skip
KINDS = ("nik", "kk", "npwp", "telepon", "email", "unreadable")
LABELS = {
    "nik": ("NIK", "NIK"),
    "kk": ("nomor KK", "family card no."),
    "npwp": ("NPWP", "tax no. (NPWP)"),
    "telepon": ("nomor HP", "mobile no."),
    "email": ("alamat e-mail", "e-mail address"),
    "unreadable": ("teks tidak terbaca, periksa manual", "text not readable, check by eye"),
}

_SEP = r"[ .\-]"
# 16 digits, together or as 4 groups of 4; never part of a longer run of digits.
_SIXTEEN = re.compile(rf"(?<![\d.\-])(\d{{16}}|\d{{4}}(?:{_SEP}\d{{4}}){{3}})(?![\d]|[.\-]\d)")
_FIFTEEN = re.compile(r"(?<![\d.\-])(\d{15})(?![\d]|[.\-]\d)")
_NPWP_OLD = re.compile(r"(?<![\d.])(0?\d{2}\.\d{3}\.\d{3}\.\d-\d{3}\.\d{3})(?![\d]|\.\d)")
_MOBILE = re.compile(r"(?<![\d+])((?:\+62|62|0)[ .\-]?8[1-9]\d?(?:[ .\-]?\d){6,10})(?![\d])")  # 0800: toll-free
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
# 62.800.787.353 is an amount in thousands, not +62 800 787 353; nor is anything right after "Rp".
_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})+")
_MONEY_CONTEXT = re.compile(r"Rp\.?\s*$", re.IGNORECASE)
_KK_CONTEXT = re.compile(r"(?:\bK\.?K\b|kartu\s+keluarga)[^\d\n]{0,25}$", re.IGNORECASE)
# A number named as something else (a bank or virtual account, a billing code) is not a NIK.
_OTHER_CONTEXT = re.compile(
    r"(?:virtual\s+account|\bVA\b|rekening|billing|\bNTPN\b|\bNIB\b|\bNIP\b|kode|transaksi)[^\d\n]{0,25}$",
    re.IGNORECASE,
)
_NPWP_CONTEXT = re.compile(r"\bNPWP\b[^\d\n]{0,25}$", re.IGNORECASE)
_CONTEXT_CHARS = 40


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    value: str  # digits only (numbers) or the lower-cased address; "" for ``unreadable``
    page: int  # 1-based

    @property
    def masked(self) -> str:
        """What a person is shown: enough to find it on the page, not enough to copy it."""
        if self.kind == "email":
            local, _at, domain = self.value.partition("@")
            return f"{local[:1]}***@{domain}"
        if not self.value:
            return ""
        return self.value[:4] + "*" * (len(self.value) - 8) + self.value[-4:]

    def describe(self, locale: str = "id") -> str:
        label = LABELS[self.kind][0 if locale == "id" else 1]
        where = f"hlm. {self.page}" if locale == "id" else f"p. {self.page}"
        return f"{label} {self.masked} ({where})" if self.masked else f"{label} ({where})"


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def birth_date_valid(ddmmyy: str, female_offset: bool = True) -> bool:
    """A day that exists in some year of that century's two digits (a woman's NIK day is + 40)."""
    day, month, year = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    if female_offset and day > 40:
        day -= 40
    if not 1 <= month <= 12 or day < 1:
        return False
    for century in (1900, 2000):  # 29 February must exist in one of the readings
        try:
            date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def region_valid(number: str) -> bool:
    province, regency, district = int(number[:2]), int(number[2:4]), int(number[4:6])
    return (
        province in PROVINCES
        and (1 <= regency <= MAX_REGENCY or 71 <= regency <= 79)
        and district >= 1
        and int(number[12:]) >= 1
    )


def is_nik(number: str) -> bool:
    """16 digits with a region in use, a birth date that exists (women + 40) and a serial from 0001."""
    return len(number) == 16 and number.isdigit() and region_valid(number) and birth_date_valid(number[6:12])


def is_kk(number: str) -> bool:
    """A family card number: a region in use, an issue date that exists (no + 40), a serial from 0001."""
    return len(number) == 16 and number.isdigit() and region_valid(number) and birth_date_valid(number[6:12], False)


def normalize_phone(text: str) -> str:
    """``0812-3456-7890``, ``+62 812 3456 7890`` and ``6281234567890`` all read ``6281234567890``."""
    digits = _digits(text)
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return digits


def scan_text(pages: list[str], own: dict | None = None) -> list[Finding]:
    """Findings on each page, in page order then position; the requester's own NIK, phone, e-mail left out."""
    own = own or {}
    mine = {
        _digits(own.get("nik") or ""),
        normalize_phone(own.get("phone") or "") if own.get("phone") else "",
        (own.get("email") or "").strip().lower(),
    } - {""}
    found: list[Finding] = []
    for number, text in enumerate(pages, start=1):
        hits: list[tuple[int, Finding]] = []
        taken: list[range] = []
        for match in _NPWP_OLD.finditer(text):
            hits.append((match.start(), Finding("npwp", _digits(match.group(1)), number)))
            taken.append(range(match.start(), match.end()))
        for match in _SIXTEEN.finditer(text):
            value = _digits(match.group(1))
            before = text[max(0, match.start() - _CONTEXT_CHARS) : match.start()]
            if _NPWP_CONTEXT.search(before):
                kind = "npwp"
            elif _KK_CONTEXT.search(before):
                kind = "kk" if is_kk(value) else None
            elif _OTHER_CONTEXT.search(before):
                kind = None
            else:
                kind = "nik" if is_nik(value) else None
            if kind:
                hits.append((match.start(), Finding(kind, value, number)))
                taken.append(range(match.start(), match.end()))
        for match in _FIFTEEN.finditer(text):
            before = text[max(0, match.start() - _CONTEXT_CHARS) : match.start()]
            if _NPWP_CONTEXT.search(before):
                hits.append((match.start(), Finding("npwp", match.group(1), number)))
                taken.append(range(match.start(), match.end()))
        for match in _MOBILE.finditer(text):
            if any(match.start() in span for span in taken) or _AMOUNT.fullmatch(match.group(1)):
                continue
            if _MONEY_CONTEXT.search(text[max(0, match.start() - 6) : match.start()]):
                continue
            value = normalize_phone(match.group(1))
            if 11 <= len(value) <= 14:  # 62 + 8 + 8-11 digits
                hits.append((match.start(), Finding("telepon", value, number)))
        for match in _EMAIL.finditer(text):
            address = match.group(1).lower().rstrip(".")
            if address.split("@")[0] not in ROLE_MAILBOXES:
                hits.append((match.start(), Finding("email", address, number)))
        found += [f for _at, f in sorted(hits, key=lambda h: h[0]) if f.value not in mine]
    return found


# -- reading a file's text ------------------------------------------------------------------------------


def ocr_available() -> bool:
    """tesseract with the Indonesian pack (``ind``) is installed."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return False
    try:
        listed = subprocess.run(  # noqa: S603 - a fixed command, no shell
            [tesseract, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return "ind" in listed.stdout.split()


OCR_TIMEOUT = 60  # seconds for one image; a larger one is reported unreadable rather than hold the request


def read_text(media_type: str, data: bytes) -> list[str] | None:
    """The file's text, one string a page; None when it cannot be read (no text layer, no OCR)."""
    if media_type == "application/pdf":
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
        except (PdfReadError, ValueError, KeyError, TypeError):
            return None
        return pages if any(p.strip() for p in pages) else None
    if media_type in ("image/png", "image/jpeg") and ocr_available():
        try:
            done = subprocess.run(  # noqa: S603 - a fixed command; the image comes on stdin, never a path
                [shutil.which("tesseract") or "tesseract", "stdin", "stdout", "-l", "ind+eng"],
                input=data,
                capture_output=True,
                timeout=OCR_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        text = done.stdout.decode("utf-8", "replace")
        return [text] if done.returncode == 0 and text.strip() else None
    return None


def scan_file(media_type: str, data: bytes, own: dict | None = None) -> list[Finding]:
    """A file's findings; one ``unreadable`` finding when its text cannot be read."""
    pages = read_text(media_type, data)
    if pages is None:
        return [Finding("unreadable", "", 1)]
    return scan_text(pages, own)


def counts(findings: list[Finding]) -> dict[str, int]:
    """Findings by kind: what may be recorded (never the values)."""
    out: dict[str, int] = {}
    for f in findings:
        out[f.kind] = out.get(f.kind, 0) + 1
    return out

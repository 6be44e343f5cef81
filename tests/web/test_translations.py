"""Both languages render fully: every message of the pages has its Bahasa Indonesia translation."""

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from sqlalchemy import select

from api import language
from api.extensions import db
from engine.config import ROOT
from engine.models import User


def _source_messages() -> set:
    """Every message id in the web code, the engine and the templates, as `pybabel extract -F babel.cfg` finds it:
    (msgid, msgctxt), the context None but for the engine's ``NP_`` (engine.catalogs)."""
    method_map = [
        ("api/web/**.py", "python"),
        ("api/reports/**.py", "python"),
        ("engine/**.py", "python"),  # what the engine words for a reader (engine.catalogs)
        ("notifications/**.py", "python"),  # a message's words outside its templates (notifications.wording)
        ("api/web/templates/**.html", "jinja2"),
    ]
    keywords = {
        "_": None,
        "gettext": None,
        "ngettext": (1, 2),
        "_l": None,
        "lazy_gettext": None,
        "N_": None,
        "NP_": ((1, "c"), 2),
    }
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=keywords
    ):
        found.add((message[0] if isinstance(message, tuple) else message, context))
    return found


def _catalog(locale: str) -> list:
    """Every message of the language's catalogs: messages.po and each area's <area>.po, as i18n merges them."""
    messages = []
    for path in sorted((language.TRANSLATIONS / locale / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as po:
            messages.extend(read_po(po, locale=locale))
    return messages


def test_every_message_of_the_pages_is_translated_to_bahasa_indonesia():
    catalog = _catalog("id")
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id, m.context)
        for m in catalog
        if m.id and m.string and all(m.string if isinstance(m.string, tuple) else [m.string]) and not m.fuzzy
    }
    missing = sorted(_source_messages() - translated, key=lambda m: (m[0], m[1] or ""))
    assert not missing, f"add these to api/translations (see babel.cfg): {missing}"


def test_the_english_catalogs_translate_nothing_their_message_ids_are_the_english():
    """An English msgstr can only differ from its id by mistake: one held the Bahasa Indonesia, so an English
    form's error summary read "The form has errors Belum ada yang disimpan ...". Plural forms may spell out both."""
    wrong = [m.id for m in _catalog("en") if m.id and isinstance(m.id, str) and m.string and m.string != m.id]
    assert wrong == []


def test_catalogs_compile_from_the_po_files(app):
    with app.test_request_context():
        assert language.catalog("id").gettext("Inbox") == "Kotak masuk"
        assert language.catalog("en").gettext("Inbox") == "Inbox"
        assert language.catalog("id").ngettext("%(num)d working day left", "%(num)d working days left", 3) == (
            "%(num)d hari kerja lagi"
        )


def test_an_officers_language_choice_is_kept_on_the_account_for_their_e_mails(app, browser):
    officer = browser("petugas")
    officer.get("/bahasa/en?next=/kotak-masuk")
    with app.app_context():
        assert db.session.scalar(select(User.locale).where(User.username == "petugas")) == "en"
    browser().get("/bahasa/en")  # a visitor's choice is only a cookie


def test_a_message_has_one_translation_across_the_catalogs():
    """The catalogs are merged, a msgid's first translation wins (api.language.catalog): a msgid with two meanings
    showed the other's words ("Number" was "Nomor" on the report's figures, where it means "Jumlah"). A msgid with a
    msgctxt (engine.catalogs.NP_) is its own message."""
    words: dict[tuple, set[str]] = {}
    for message in _catalog("id"):
        if message.id:
            key = (message.id[0] if isinstance(message.id, tuple) else message.id, message.context)
            words.setdefault(key, set()).add(str(message.string))
    assert {key: found for key, found in words.items() if len(found) > 1} == {}


def test_a_file_s_size_is_written_with_the_reader_s_decimal_mark(app):
    """The status page showed "daftar-penerima.pdf (36.8 KB)" in Indonesian, where the pages write "80,0%"."""
    from flask_babel import force_locale

    from api.web.display import file_size

    with app.test_request_context(headers={"Accept-Language": "id"}):
        assert (file_size(37683), file_size(3 * 1024 * 1024 // 2), file_size(0)) == ("36,8 KB", "1,5 MB", "0,0 KB")
    with app.test_request_context(), force_locale("en"):
        assert file_size(37683) == "36.8 KB"

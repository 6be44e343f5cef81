"""A reporter's files lose their hidden data, and stay readable (engine.scrub; ecosystem-reliability §C.6)."""

import io

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter

from engine.scrub import Unreadable, without_metadata

NAME = "Zaenal Rahasiawan"
PHONE = "081377778888"


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (16, 16), "red")
    exif = Image.Exif()
    exif[0x013B] = NAME  # Artist
    exif[0x8298] = f"{NAME} {PHONE}"  # Copyright
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=f"by {NAME}".encode())
    return out.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME)
    info.add_itxt("Description", f"telepon {PHONE}")
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(out, format="PNG", pnginfo=info)
    return out.getvalue()


XMP = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    f"<dc:creator>{NAME} XMP</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
)


def _pdf_with_author() -> bytes:
    """A PDF naming its author in its document information and in an XMP stream of its catalogue and its page."""
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": f"{NAME} NIK 3171999988887777", "/Creator": "Ponsel Zaenal"})
    for holder in (writer.root_object, page):
        stream = StreamObject()
        stream.set_data(XMP.encode())
        stream.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
        holder[NameObject("/Metadata")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_photo_loses_its_exif_and_comment_and_keeps_its_picture():
    original = _jpeg_with_exif()
    assert NAME.encode() in original
    clean = without_metadata("image/jpeg", original)
    assert NAME.encode() not in clean
    assert PHONE.encode() not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert not image.getexif()
        assert image.size == (16, 16)
        with Image.open(io.BytesIO(original)) as before:
            assert image.tobytes() == before.tobytes()  # the same pixels: nothing re-encoded


def test_a_png_loses_its_text_and_keeps_its_picture():
    original = _png_with_text()
    clean = without_metadata("image/png", original)
    assert NAME.encode() not in clean
    assert PHONE.encode() not in clean
    with Image.open(io.BytesIO(clean)) as image:
        assert image.text == {}
        assert image.getpixel((0, 0)) == (0, 0, 255)


def test_a_pdf_loses_its_author_and_keeps_its_pages():
    original = _pdf_with_author()
    assert NAME.encode() in original
    assert f"{NAME} XMP".encode() in original
    clean = without_metadata("application/pdf", original)
    assert NAME.encode() not in clean  # nor in an XMP stream left behind unlinked
    assert b"Ponsel" not in clean
    reader = PdfReader(io.BytesIO(clean))
    assert len(reader.pages) == 1
    assert not reader.metadata or not any(reader.metadata.values())


@pytest.mark.parametrize(
    ("media_type", "data"),
    [
        ("image/jpeg", b"\xff\xd8\xff\xe1\xff\xffnot really a photo"),
        ("image/jpeg", b"\xff\xd8garbage"),
        ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("application/pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
    ],
)
def test_a_file_that_is_not_what_it_says_cannot_be_scrubbed_and_is_said_so(media_type, data):
    with pytest.raises(Unreadable):
        without_metadata(media_type, data)

"""The dashboard's SVG charts (api.web.charts): labels written whole, drawn at the stylesheet's size."""

from api.web import charts


def test_a_bar_s_label_is_written_whole_on_lines_a_phone_s_chart_holds():
    label = "Pengaduan Masyarakat: Baru / Belum Diverifikasi"
    lines = charts._lines(label)
    assert lines == ["Pengaduan Masyarakat: ", "Baru / Belum Diverifikasi"]  # the stage starts the second line
    assert "".join(lines) == label
    long = "Sengketa Informasi Publik: Menunggu Putusan Komisi Informasi Pusat Nonlitigasi"
    assert "".join(charts._lines(long)) == long
    assert max(len(line.rstrip()) for line in charts._lines(long)) <= charts.LINE_CHARS
    assert charts._lines("Melewati batas") == ["Melewati batas"]


def test_a_chart_is_stretched_to_its_column_not_scaled_so_its_text_keeps_its_size():
    svg = charts.bars([("Permohonan Informasi Publik: Diterima", 2)], "Tahap", "Batang")
    assert "viewBox" not in svg
    assert "…" not in svg
    assert '<tspan x="1" y="12">Permohonan Informasi Publik: </tspan><tspan x="1" y="28">Diterima</tspan>' in svg

"""A file's size limit in the words of a refusal: "lebih dari 10 MB", not "lebih dari 10485760 bita"."""

import pytest

from engine.files import size_words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (10 * 2**20, "10 MB"),
        (25 * 2**20 + 5, "25 MB"),
        (5 * 2**20 + 300_000, "5.2 MB"),
        (3000, "2.9 KB"),
        (500, "500 B"),
    ],
)
def test_a_limit_is_said_in_megabytes_or_kilobytes_rounded_down(n, words):
    assert size_words(n) == words

"""Withholding small complaint counts (engine.complaint_stats): what a reader cannot work out by subtraction."""

from engine.complaint_stats import _protect, cell, shown


def test_a_lone_withheld_count_takes_the_smallest_other_count_with_it():
    cells = _protect({"web": cell(12), "pos": cell(3), "email": cell(7), "telepon": cell(0)})
    assert {k: c.value for k, c in cells.items()} == {"web": 12, "pos": None, "email": None, "telepon": 0}


def test_two_withheld_counts_or_none_leave_the_others_shown():
    two = _protect({"web": cell(12), "pos": cell(3), "email": cell(2)})
    assert {k: c.value for k, c in two.items()} == {"web": 12, "pos": None, "email": None}
    none = _protect({"web": cell(12), "pos": cell(0)})
    assert {k: c.value for k, c in none.items()} == {"web": 12, "pos": 0}


def test_a_headline_count_from_one_to_four_is_withheld_zero_and_five_are_shown():
    assert [shown(n) for n in (0, 1, 4, 5, 40)] == [0, None, None, 5, 40]

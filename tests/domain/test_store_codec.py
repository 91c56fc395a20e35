"""Lists of texts in SQLite columns: what ``list_text`` writes, ``parse_list`` reads back,
and any other JSON list of texts reads as the json module reads it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prepdeck.store.codec import list_text, parse_list

texts = st.lists(st.text(max_size=12), max_size=6)


@given(texts)
def test_a_list_reads_back_as_written(values: list[str]) -> None:
    assert parse_list(list_text(values)) == tuple(values)


@given(texts, st.sampled_from([(", ", ": "), (",", ":")]), st.booleans())
def test_any_json_list_of_texts_reads_as_json_reads_it(
    values: list[str], separators: tuple[str, str], ascii_only: bool
) -> None:
    text = json.dumps(values, separators=separators, ensure_ascii=ascii_only)
    assert parse_list(text) == tuple(json.loads(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[]", ()),
        ('[""]', ("",)),
        ('["a", "b"]', ("a", "b")),
        ('["a","b"]', ("a", "b")),
        ('[ "a" ]', ("a",)),
        ('["say \\"hi\\"", "b"]', ('say "hi"', "b")),
        ('["a, b", "c"]', ("a, b", "c")),
    ],
)
def test_lists_in_each_shape(text: str, expected: tuple[str, ...]) -> None:
    assert parse_list(text) == expected


def test_a_malformed_list_is_refused_as_json_refuses_it() -> None:
    with pytest.raises(ValueError):
        parse_list('["]')

"""The rules of an Anki import that need no package: ids, field text, cloze notes."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from prepdeck.domain.ids import slug
from prepdeck.formats.apkg import AnkiNote, field_text_by_parser, fields_to_text, html_to_text
from prepdeck.library.anki_import import card_of, deck_ids
from prepdeck.library.imported_ids import checked_id
from prepdeck.store.codec import list_text


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("plain  text ", "plain text"),
        ("a<br>b<br/><br>c", "a\nb\n\nc"),
        ("<div>one</div><div>two</div><p>three</p>", "one\ntwo\nthree"),
        ("x &lt;y&gt; &amp;&nbsp;z", "x <y> & z"),
        ("see<img src='a.png'>[sound:a.mp3]<script>alert(1)</script> this", "see this"),
        ("<ul><li>first</li><li><b>second</b></li></ul>", "first\nsecond"),
    ],
)
def test_field_html_becomes_plain_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


FIELDS = [
    "<div>Question</div><div>at work &amp; how</div>",
    "<ul><li>one</li><li><i>two</i></li></ul>Keep it short.<br>",
    "<DIV class='x'>Upper</DIV><P>case</P>",
    '<img alt="a>b" src="x.png">after',
    "<div>a</div>\n<div>b</div>  <br/>  c",
    "before <!-- a comment --> after",
    "1 < 2 and <b>bold</b>",
    "<script>alert(1)</script>shown<style>p {}</style>",
    "[sound:x.mp3]<p></p><p>para</p>&nbsp;&nbsp;spaced\t\ttabs",
    "",
    "no tags at all",
]


def test_the_fast_way_gives_what_the_parser_gives() -> None:
    assert fields_to_text(FIELDS) == [field_text_by_parser(field) for field in FIELDS]
    assert [html_to_text(field) for field in FIELDS] == fields_to_text(FIELDS)


def test_ids_of_one_and_several_decks() -> None:
    assert deck_ids("spanish", ["Spanish"]) == {"Spanish": "spanish"}
    assert deck_ids("spanish", ["Spanish::Verbs", "Grammar", "Grammär"]) == {
        "Spanish::Verbs": "spanish-verbs",
        "Grammar": "spanish-grammar",
        "Grammär": "spanish-grammar-2",
    }
    assert checked_id(slug("My deck")) == "imported-my-deck"
    assert checked_id(slug("日本語")) == "imported"
    long = deck_ids("p", ["x" * 80, "y"])
    assert all(len(value) <= 64 for value in long.values())


def test_a_cloze_note_hides_its_deletions_and_a_note_without_answer_is_left_out() -> None:
    cloze = card_of(AnkiNote(1, "g", ("{{c1::Paris}} is in {{c2::France::country}}", ""), ()))
    assert cloze is not None
    assert (cloze.prompt, cloze.answer) == ("[...] is in [country]", "Paris is in France")
    assert card_of(AnkiNote(2, "h", ("<img src='x.png'>", "answer"), ())) is None
    later = card_of(AnkiNote(3, "i", ("front", "", "extra"), ("A::B", "a_b")))
    assert later is not None
    assert (later.answer, later.tags) == ("extra", ("a-b",))


@given(st.lists(st.text()))
def test_lists_are_stored_as_json_writes_them(values: list[str]) -> None:
    # The store writes a card's lists itself for speed; json must read back the same.
    assert list_text(values) == json.dumps(values, ensure_ascii=False)


def test_plain_lists_are_written_without_json() -> None:
    assert list_text(("behavioral", "topic-t5", "naïve")) == '["behavioral", "topic-t5", "naïve"]'
    assert list_text(('say "hi"', "a\\b")) == '["say \\"hi\\"", "a\\\\b"]'


PIECES = [
    "<div>", "</div>", "<p>", "</p>", "<br>", "<br/>", "</br>", "<b>", "</b>", "<li>",
    "<span style='a:b'>", "</span>", "<img src=\"x.png\">", "<SCRIPT>", "</script>",
    "<!-- c -->", "&amp;", "&nbsp;", "&lt;", "&gt;", "&quot;", "&#39;", "&", "&amp",
    "&#x41;", "&#10;", "amp;", "lt;", "<", ">", " ", "  ", "\t", "\n", "\xa0",
    "text", "x", "[sound:a.mp3]", "{{c1::a::b}}",
]  # fmt: skip


@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), max_size=4))
@example(["<text", ">"])
@example(["<text", "><"])
def test_any_mix_of_tags_gives_what_the_parser_gives(fields: list[str]) -> None:
    assert fields_to_text(fields) == [field_text_by_parser(field) for field in fields]

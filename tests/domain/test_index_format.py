"""Reading a deck index: its shape, its entries, and each problem at its place."""

from __future__ import annotations

import json

from prepdeck.formats.index import read_index, resolve_url

INDEX_URL = "https://example.org/decks/index.yaml"
HASH = "a" * 64


def entry(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "star-answers",
        "title": "STAR answers",
        "description": "Behavioural questions.",
        "version": "1.0.0",
        "url": "star.yaml",
        "sha256": HASH,
        "license": "CC-BY-4.0",
        "tags": ["behavioral"],
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}


def as_json(*entries: dict[str, object]) -> bytes:
    return json.dumps({"prepdeck-index": 1, "decks": list(entries)}, indent=2).encode()


def test_a_json_index_is_read_with_relative_urls_resolved() -> None:
    read = read_index(
        as_json(entry(), entry(id="sql", url="https://cdn.example/sql.yaml")), INDEX_URL
    )
    assert read.problems == []
    assert [e.id for e in read.entries] == ["star-answers", "sql"]
    assert read.entries[0].url == "https://example.org/decks/star.yaml"
    assert read.entries[1].url == "https://cdn.example/sql.yaml"
    assert read.entries[0].tags == ["behavioral"]
    assert read.entries[0].license == "CC-BY-4.0"


def test_a_yaml_index_is_read() -> None:
    text = f"""\
prepdeck-index: 1
decks:
  - id: star-answers
    title: STAR answers
    url: ../other/star.yaml
    sha256: {HASH.upper()}
    license: CC0-1.0
"""
    read = read_index(text.encode(), INDEX_URL)
    assert read.problems == []
    (only,) = read.entries
    assert only.url == "https://example.org/other/star.yaml"
    assert only.sha256 == HASH
    assert only.description == "" and only.version is None and only.tags == []


def test_an_entry_without_license_or_sha256_is_refused_at_its_line() -> None:
    read = read_index(as_json(entry(license=None), entry(id="b", sha256=None)), INDEX_URL)
    assert read.entries == []
    assert len(read.problems) == 2
    assert read.problems[0].startswith(f"{INDEX_URL}:4:5: deck 'star-answers' has no license")
    assert "has no sha256" in read.problems[1]


def test_bad_ids_versions_and_hashes_are_refused() -> None:
    read = read_index(
        as_json(
            entry(id="Bad Id"),
            entry(id="my-own"),
            entry(id="c", version="1.2"),
            entry(id="d", sha256="xyz"),
        ),
        INDEX_URL,
    )
    joined = "\n".join(read.problems)
    assert "'Bad Id' is not a deck id" in joined
    assert "'my-own': 'my-' is kept for personal decks" in joined
    assert "version '1.2' is not MAJOR.MINOR.PATCH" in joined
    assert "sha256 must be 64 hexadecimal digits" in joined
    assert read.entries == []


def test_a_syntax_error_names_its_line_and_column() -> None:
    text = b"prepdeck-index: 1\ndecks:\n  - id: a\n   title: [unclosed\n"
    read = read_index(text, "local/index.yaml")
    (problem,) = read.problems
    assert problem.startswith("local/index.yaml:4:")
    assert "YAML syntax error" in problem


def test_a_json_syntax_error_in_a_json_file_is_told_as_json() -> None:
    read = read_index(b'{"prepdeck-index": 1,\n "decks": [}\n', "https://x.org/index.json")
    (problem,) = read.problems
    assert problem.startswith("https://x.org/index.json:2:")
    assert "JSON syntax error" in problem


def test_tags_anchors_and_duplicate_keys_are_refused() -> None:
    text = b"prepdeck-index: !!int 1\ndecks: &d []\ndecks: []\n"
    problems = read_index(text, "i.yaml").problems
    assert any("tags are not allowed" in p for p in problems)
    assert any("anchors are not allowed" in p for p in problems)
    assert any(p.startswith("i.yaml:3:1: duplicate key 'decks'") for p in problems)


def test_json_with_tabs_is_read() -> None:
    data = as_json(entry()).replace(b"  ", b"\t")
    assert read_index(data, INDEX_URL).problems == []


def test_shape_problems() -> None:
    def one(text: str) -> str:
        (problem,) = read_index(text.encode(), "i.yaml").problems
        return problem

    assert one("") == "i.yaml: empty index"
    assert one("- a\n") == "i.yaml:1:1: an index is a mapping with prepdeck-index and decks"
    assert "missing prepdeck-index" in one("decks: []\n")
    assert "unquoted integer" in one("prepdeck-index: '1'\ndecks: []\n")
    assert "newer than this prepdeck reads" in one("prepdeck-index: 2\ndecks: []\n")
    assert one("prepdeck-index: 1\ndecks: {}\n") == "i.yaml:2:8: decks must be a list"
    assert "did you mean decks?" in one("prepdeck-index: 1\ndecks: []\ndeks: []\n")
    assert "did you mean license?" in one(
        f"prepdeck-index: 1\ndecks:\n- {{id: a, title: A, url: a.yaml, sha256: {HASH}, "
        "license: MIT, licence: MIT}\n"
    )
    assert one("prepdeck-index: 1\ndecks: [x]\n").startswith("i.yaml:2:9: each deck is a mapping")
    assert read_index(b"\xff\xfe", "i.yaml").problems == ["i.yaml: not UTF-8 text"]


def test_an_id_listed_twice_is_refused() -> None:
    problems = read_index(as_json(entry(), entry()), INDEX_URL).problems
    assert len(problems) == 1 and "listed twice (first at line 4)" in problems[0]


def test_an_empty_list_of_decks_is_an_index() -> None:
    read = read_index(b"prepdeck-index: 1\ndecks: []\n", INDEX_URL)
    assert read == ([], [])


def test_urls_resolve_against_urls_and_local_folders() -> None:
    assert resolve_url("https://h.org/a/index.json", "b/c.yaml") == "https://h.org/a/b/c.yaml"
    assert resolve_url("https://h.org/a/index.json", "/c.yaml") == "https://h.org/c.yaml"
    assert resolve_url("site/index.yaml", "c.yaml") == "site/c.yaml"
    assert resolve_url("site/index.yaml", "https://h.org/c.yaml") == "https://h.org/c.yaml"

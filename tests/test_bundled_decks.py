"""The decks shipped in ``decks/``: well formed, big enough, and written in their own words.

Structure is checked with PyYAML so these tests do not depend on the deck loader; when
``prepdeck.formats.deck.loader`` is available, every bundled deck must also load with no problem at
all (warnings included), as ``deck validate --strict`` demands.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
DECKS_DIR = REPO_ROOT / "decks"
# The advice articles the decks are grounded in sit beside the project, not in it.
SEEDS_DIR = Path(os.environ.get("PREPDECK_SEEDS_DIR") or REPO_ROOT.parent / "shared" / "seeds")

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 64
VERSION_RE = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
# Matched before lowercasing, so only ASCII letters count: "\u212a" (the Kelvin sign)
# lowercases to an ASCII "k", yet is not one.
WORD_RE = re.compile(r"[A-Za-z0-9']+")
NGRAM = 8

DECK_KEYS = {
    "prepdeck",
    "id",
    "title",
    "description",
    "author",
    "license",
    "version",
    "tags",
    "based_on",
    "cards",
}
CARD_KEYS = {"id", "kind", "prompt", "answer", "points", "followups", "tags", "seconds"}
KINDS = {"question", "scenario", "company-need"}

MIN_DECKS = 8
MIN_CARDS = 320
MIN_SCENARIOS = 25
MIN_COMPANY_NEEDS = 25
MAX_ANSWER_CHARS = 2000
BUNDLED_VERSION = (2, 0, 0)
"""Every deck of the second edition is at least this version: an update merges by card id."""

FAMILIES: dict[str, list[str]] = {
    "offer-and-negotiation": [
        "who-names-the-first-number",
        "counter-a-low-offer",
        "more-than-current-postholder",
        "benefits-beyond-salary",
        "counter-offer-from-current-employer",
        "exploding-offer-deadline",
        "declining-an-offer-graciously",
        "withdrawing-after-accepting",
        "accepting-in-writing",
        "start-date-around-notice",
    ],
    "interview-formats": [
        "recruiter-what-are-you-looking-for",
        "recruiter-contract-to-hire",
        "one-way-video-timed-answers",
        "video-presence-setup",
        "phone-screen-first-five-minutes",
        "panel-known-in-advance",
        "group-exercise-contribute",
        "hands-on-test-think-aloud",
        "roleplay-support-call-structure",
        "take-home-task-scope",
        "coffee-meeting-hiring-manager",
        "internal-interview-show-next-level",
    ],
    "behavioural-questions": [
        "strengths-with-evidence",
        "ethical-dilemma",
        "director-wants-admin-rights",
        "missed-a-deadline",
        "decision-without-full-information",
        "helped-struggling-colleague",
        "keeping-skills-current",
        "ideal-manager",
        "rate-yourself-one-to-ten",
        "excites-and-frustrates",
        "want-from-next-role",
        "first-morning-laptop-not-ready",
        "six-months-in",
        "persevered-for-months",
        "most-passionate-project",
        "hardest-problem-solved",
        "pushed-for-an-idea",
    ],
    "tough-questions": [
        "returning-after-years-out",
        "no-degree",
        "marketing-to-it-support",
        "relocating-to-the-city",
        "right-to-work-in-the-uk",
        "dbs-check-unspent-conviction",
        "ask-for-interview-adjustment",
    ],
    "it-network-technician": [
        "account-lockout-source",
        "password-reset-identity",
        "switching-loop",
        "spanning-tree-portfast",
        "wpa3-vs-wpa2",
        "dot1x-radius",
        "poe-power-budget",
        "copper-cable-limits",
        "static-vs-dynamic-routing",
        "incident-vs-problem",
    ],
    "follow-up-and-persistence": [
        "ask-hiring-manager-for-coffee",
        "months-out-of-work-pay-demand",
        "refuse-job-over-commute",
        "vet-employer-by-phone-first",
        "employer-postpones-decision",
        "manager-hires-only-people-they-know",
    ],
}
"""The families of questions candidates meet, each drilled by at least these cards."""

MERGED_AWAY: dict[str, str] = {
    "certification-exam-doubts": "credentials-vs-job-ready",
    "hands-on-proof": "credentials-vs-job-ready",
    "missing-requirements": "no-direct-experience",
    "ask-for-the-job": "anything-else-to-add",
    "real-not-performative-questions": "interview-is-about-their-need",
    "plan-first-30-days": "plan-structure-technician",
    "need-fewer-repeat-network-tickets": "bridge-after-hours-outages",
    "ask-for-feedback-after-rejection": "respond-to-rejection",
    "late-in-hiring-cycle": "lost-to-internal-candidate",
    "why-asking-advice-works": "ask-advice-at-end-of-interview",
}
"""Cards of the first edition that drilled the same skill as another, merged into it."""

NEAR_DUPLICATE_PROMPTS = 0.6
"""Two prompts sharing more than this share of their content words ask the same thing."""


@dataclass(frozen=True)
class BundledDeck:
    path: Path
    data: dict[str, Any]

    @property
    def cards(self) -> list[dict[str, Any]]:
        cards = self.data.get("cards")
        return cards if isinstance(cards, list) else []


def deck_paths() -> list[Path]:
    return sorted(DECKS_DIR.glob("*.yaml"))


def syntax_problems(path: Path, text: str) -> list[str]:
    """What plain YAML accepts but the deck format refuses: tags, anchors, aliases,
    duplicate keys and tab indentation."""
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(f"{path.name}:{number}: tab in indentation")
    for token in yaml.scan(text):
        if isinstance(token, yaml.TagToken | yaml.AnchorToken | yaml.AliasToken):
            line = token.start_mark.line + 1
            problems.append(f"{path.name}:{line}: {type(token).__name__} not allowed")
    root = yaml.compose(text)
    stack: list[yaml.Node] = [] if root is None else [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, value in node.value:
                if key.value in seen:
                    line = key.start_mark.line + 1
                    problems.append(f"{path.name}:{line}: duplicate key {key.value!r}")
                seen.add(key.value)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return problems


def load_bundled() -> list[BundledDeck]:
    decks = []
    for path in deck_paths():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), f"{path.name}: top level must be a mapping"
        decks.append(BundledDeck(path, data))
    return decks


def is_text_list(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def deck_problems(deck: BundledDeck) -> list[str]:
    name = deck.path.name
    data = deck.data
    problems = [f"{name}: unknown key {key!r}" for key in data if key not in DECK_KEYS]
    if type(data.get("prepdeck")) is not int or data.get("prepdeck") != 1:
        problems.append(f"{name}: prepdeck must be the unquoted integer 1")
    deck_id = data.get("id")
    if not isinstance(deck_id, str) or not ID_RE.match(deck_id) or len(deck_id) > ID_MAX:
        problems.append(f"{name}: bad deck id {deck_id!r}")
    elif deck_id == "my" or deck_id.startswith("my-"):
        problems.append(f"{name}: deck id {deck_id!r} is reserved for personal decks")
    elif deck.path.stem != deck_id:
        problems.append(f"{name}: file name does not match deck id {deck_id!r}")
    for key in ("title", "description", "author"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{name}: {key} must be non-empty text")
    if data.get("license") != "CC-BY-4.0":
        problems.append(f"{name}: license must be CC-BY-4.0, got {data.get('license')!r}")
    version = data.get("version")
    if not isinstance(version, str) or not VERSION_RE.match(version):
        problems.append(f"{name}: version must be MAJOR.MINOR.PATCH, got {version!r}")
    if not is_text_list(data.get("tags")) or not data.get("tags"):
        problems.append(f"{name}: tags must be a non-empty list of text")
    if not deck.cards:
        problems.append(f"{name}: cards must be a non-empty list")

    seen_ids: set[str] = set()
    for index, card in enumerate(deck.cards, start=1):
        if not isinstance(card, dict):
            problems.append(f"{name}: card #{index} is not a mapping")
            continue
        card_id = card.get("id")
        where = f"{name}: card {card_id or f'#{index}'}"
        problems += [f"{where}: unknown key {key!r}" for key in card if key not in CARD_KEYS]
        if not isinstance(card_id, str) or not ID_RE.match(card_id) or len(card_id) > ID_MAX:
            problems.append(f"{where}: missing or bad id {card_id!r}")
        elif card_id in seen_ids:
            problems.append(f"{where}: duplicate id")
        else:
            seen_ids.add(card_id)
        if card.get("kind", "question") not in KINDS:
            problems.append(f"{where}: unknown kind {card.get('kind')!r}")
        for key in ("prompt", "answer"):
            value = card.get(key)
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}: {key} must be non-empty text")
        answer = card.get("answer")
        if isinstance(answer, str) and len(answer) > MAX_ANSWER_CHARS:
            problems.append(f"{where}: answer has {len(answer)} characters")
        points = card.get("points")
        if not is_text_list(points) or not 2 <= len(points) <= 5:
            problems.append(f"{where}: needs 2 to 5 points of text")
        if "followups" in card and not is_text_list(card["followups"]):
            problems.append(f"{where}: followups must be a list of text")
        if "tags" in card and not is_text_list(card["tags"]):
            problems.append(f"{where}: tags must be a list of text")
        seconds = card.get("seconds")
        if type(seconds) is not int or seconds <= 0:
            problems.append(f"{where}: seconds must be an unquoted positive integer")
    return problems


def test_bundled_decks_follow_the_format_and_the_quotas() -> None:
    paths = deck_paths()
    assert len(paths) >= MIN_DECKS, f"expected at least {MIN_DECKS} decks in {DECKS_DIR.name}/"

    problems: list[str] = []
    for path in paths:
        problems += syntax_problems(path, path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)

    decks = load_bundled()
    for deck in decks:
        problems += deck_problems(deck)
    assert not problems, "\n".join(problems)

    deck_ids = Counter(deck.data["id"] for deck in decks)
    assert all(n == 1 for n in deck_ids.values()), f"deck ids repeat: {deck_ids}"

    cards = [card for deck in decks for card in deck.cards]
    kinds = Counter(card.get("kind", "question") for card in cards)
    assert len(cards) >= MIN_CARDS, f"{len(cards)} cards, expected at least {MIN_CARDS}"
    assert kinds["scenario"] >= MIN_SCENARIOS, f"only {kinds['scenario']} scenario cards"
    assert kinds["company-need"] >= MIN_COMPANY_NEEDS, (
        f"only {kinds['company-need']} company-need cards"
    )

    with_followups = sum(1 for card in cards if card.get("followups"))
    assert with_followups * 2 > len(cards), (
        f"only {with_followups} of {len(cards)} cards have followups"
    )

    owners: dict[str, list[str]] = {}
    for deck in decks:
        for card in deck.cards:
            key = card["prompt"].strip().casefold()
            owners.setdefault(key, []).append(f"{deck.data['id']}/{card['id']}")
    repeated = {prompt: where for prompt, where in owners.items() if len(where) > 1}
    assert not repeated, f"prompts repeated across decks: {repeated}"


def test_bundled_decks_load_without_any_problem() -> None:
    loader = pytest.importorskip(
        "prepdeck.formats.deck.loader",
        reason="the deck loader is not written yet",
        exc_type=ModuleNotFoundError,
    )
    paths = deck_paths()
    assert paths, f"no decks in {DECKS_DIR.name}/"
    for path in paths:
        result = loader.load_deck(path)
        problems = [
            f"{path.name}:{p.line}:{p.col}: {p.severity}: {p.message}" for p in result.problems
        ]
        assert not problems, "\n".join(problems)
        assert result.deck is not None, f"{path.name}: no deck and no problem reported"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert result.deck.id == data["id"]
        assert len(result.deck.cards) == len(data["cards"])
        assert all(card.explicit_id for card in result.deck.cards)


def words(text: str) -> list[str]:
    """Lowercase runs of ASCII letters, digits and ``'``; anything else separates."""
    return [word.lower() for word in WORD_RE.findall(text)]


def ngrams(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + NGRAM]) for i in range(len(tokens) - NGRAM + 1)}


def card_text(card: dict[str, Any]) -> str:
    parts = [card.get("prompt", ""), card.get("answer", "")]
    parts += card.get("points") or []
    parts += card.get("followups") or []
    return " ".join(str(part) for part in parts)


def test_no_card_repeats_eight_words_of_a_source_article() -> None:
    searched = SEEDS_DIR.resolve()
    if not searched.is_dir():
        state = "is not a folder" if searched.exists() else "is missing"
        pytest.skip(f"no source articles: {searched} {state} (set PREPDECK_SEEDS_DIR)")
    articles = sorted(searched.glob("*.txt"))
    if not articles:
        pytest.skip(f"no source articles: {searched} holds no *.txt file")
    source: dict[tuple[str, ...], str] = {}
    for article in articles:
        for gram in ngrams(words(article.read_text(encoding="utf-8"))):
            source.setdefault(gram, article.name)

    decks = load_bundled()
    assert decks, f"no decks in {DECKS_DIR.name}/"
    overlaps: list[str] = []
    for deck in decks:
        deck_id = deck.data.get("id", deck.path.stem)
        texts = [("(deck description)", str(deck.data.get("description", "")))]
        texts += [(str(card.get("id")), card_text(card)) for card in deck.cards]
        for card_id, text in texts:
            for gram in sorted(ngrams(words(text)) & source.keys()):
                overlaps.append(f"{deck_id}/{card_id} repeats {source[gram]}: {' '.join(gram)!r}")
    assert not overlaps, "\n".join(overlaps)


def test_overlap_helpers_split_words_and_find_shared_runs() -> None:
    assert words("Don’t re-use it, OK?") == ["don", "t", "re", "use", "it", "ok"]
    assert words("it's 24/7_x") == ["it's", "24", "7", "x"]
    assert words("\u212aelvin İstanbul café") == ["elvin", "stanbul", "caf"]
    long_run = "one two three four five six seven eight"
    assert ngrams(words("zero " + long_run + " nine")) & ngrams(words(long_run))
    assert not ngrams(words("one two three four five six seven"))


FIRST_EDITION = {
    "company-needs",
    "contingency-scenarios",
    "follow-up-and-persistence",
    "interview-collateral",
    "it-network-technician",
    "tough-questions",
}


def test_the_second_edition_covers_the_families_and_drops_the_merged_cards() -> None:
    decks = {deck.data["id"]: deck for deck in load_bundled()}
    ids = {deck_id: {card["id"] for card in deck.cards} for deck_id, deck in decks.items()}
    every_id = {card_id for deck_ids in ids.values() for card_id in deck_ids}

    missing = [
        f"{deck_id}/{card_id}"
        for deck_id, card_ids in FAMILIES.items()
        for card_id in card_ids
        if card_id not in ids.get(deck_id, set())
    ]
    assert not missing, f"families without their card: {missing}"
    kept_both = [f"{old} beside {kept}" for old, kept in MERGED_AWAY.items() if old in every_id]
    assert not kept_both, f"merged cards still bundled: {kept_both}"
    assert all(kept in every_id for kept in MERGED_AWAY.values())
    old_versions = {
        deck_id: decks[deck_id].data["version"]
        for deck_id in FIRST_EDITION
        if tuple(int(part) for part in decks[deck_id].data["version"].split(".")) < BUNDLED_VERSION
    }
    assert not old_versions, f"decks of the first edition not bumped: {old_versions}"


STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "you",
        "your",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "with",
        "as",
        "by",
        "from",
        "do",
        "does",
        "did",
        "what",
        "how",
        "why",
        "when",
        "who",
        "which",
        "would",
        "will",
        "can",
        "could",
        "should",
        "i",
        "me",
        "my",
        "we",
        "our",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "if",
        "not",
        "no",
        "so",
        "than",
        "then",
        "there",
        "about",
        "into",
        "out",
        "up",
        "just",
        "have",
        "has",
        "had",
        "am",
        "any",
        "all",
    ]
)


def content_words(text: str) -> frozenset[str]:
    """The words that carry a prompt's meaning, a plural or an -ing folded into its stem."""
    stems = set()
    for word in words(text):
        if word in STOP_WORDS:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        stems.add(word)
    return frozenset(stems)


def test_no_two_prompts_ask_the_same_thing() -> None:
    prompts = [
        (f"{deck.data['id']}/{card['id']}", content_words(card["prompt"]))
        for deck in load_bundled()
        for card in deck.cards
    ]
    close = []
    for index, (first, first_words) in enumerate(prompts):
        for second, second_words in prompts[index + 1 :]:
            shared = len(first_words & second_words) / len(first_words | second_words or {""})
            if shared > NEAR_DUPLICATE_PROMPTS:
                close.append(f"{first} ~ {second} ({shared:.2f})")
    assert not close, "prompts that ask the same thing:\n" + "\n".join(close)


def test_near_duplicate_prompts_are_caught() -> None:
    first = content_words("Tell me about a time you failed at work.")
    second = content_words("Tell me about a time when you failed at your work")
    assert len(first & second) / len(first | second) > NEAR_DUPLICATE_PROMPTS
    other = content_words("Tell me about a time you disagreed with your manager.")
    assert len(first & other) / len(first | other) < NEAR_DUPLICATE_PROMPTS

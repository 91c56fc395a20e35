"""``prepdeck transcribe`` and ``prepdeck rehearse``: spoken answers, offline."""

from __future__ import annotations

from pathlib import Path

import click

from prepdeck.cli.output import print_json, print_pairs
from prepdeck.errors import PrepdeckError

_WAV = click.Path(path_type=Path, dir_okay=True, exists=False)


@click.command("transcribe")
@click.argument("wav", metavar="FILE.wav", type=_WAV)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def transcribe(wav: Path, as_json: bool) -> None:
    """Turn a spoken answer into text on this machine, with its pace and filler words.
    Nothing is sent anywhere."""
    from prepdeck.reports.json import to_json
    from prepdeck.services import open_services

    with open_services() as services:
        transcript = services.rehearse.transcribe_file(wav)
    if as_json:
        print_json(to_json(transcript))
        return
    print_pairs(
        [
            ("Transcript", transcript.text or "(nothing heard)"),
            ("Length", f"{transcript.seconds} s"),
            ("Words", transcript.words),
            ("Pace", f"{transcript.wpm} words a minute" if transcript.wpm is not None else ""),
            ("Fillers", transcript.fillers),
        ]
    )


@click.command("rehearse")
@click.argument("ref", metavar="DECK/CARD")
@click.argument("wav", metavar="[FILE.wav]", type=_WAV, required=False)
@click.option(
    "--text",
    "text_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Judge a typed answer in this text file instead of a recording.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def rehearse(ref: str, wav: Path | None, text_file: Path | None, as_json: bool) -> None:
    """Which of a card's key points an answer covers, spoken (FILE.wav) or typed
    (--text FILE), and the grade they suggest. It suggests; you decide in the drill."""
    from prepdeck.prep.stories import parse_card_ref
    from prepdeck.reports.json import to_json
    from prepdeck.services import open_services

    if (wav is None) == (text_file is None):
        raise PrepdeckError("rehearse: give FILE.wav or --text FILE, one of them")
    deck_id, card_id = parse_card_ref(ref)
    with open_services() as services:
        if wav is not None:
            report = services.rehearse.rehearse_file(deck_id, card_id, wav)
        else:
            assert text_file is not None
            report = services.rehearse.rehearse_text(deck_id, card_id, text_file)
    if as_json:
        print_json(to_json(report))
        return
    from prepdeck.srs.state import Rating

    pairs: list[tuple[str, object]] = [("Transcript", report.transcript or "(nothing heard)")]
    if report.seconds is not None:
        pace = f"{report.wpm} words a minute" if report.wpm is not None else ""
        pairs.append(("Length", f"{report.seconds} s, {pace}"))
    pairs.append(("Fillers", report.fillers))
    pairs.append(("Points", f"{report.points_hit} of {len(report.points)} covered"))
    print_pairs(pairs)
    for point in report.points:
        click.echo(f"  {'[x]' if point.hit else '[ ]'} {point.text}")
    if report.suggested_rating is not None:
        rating = Rating(report.suggested_rating)
        click.echo(f"Suggested grade: {rating.name.capitalize()} ({int(rating)})")

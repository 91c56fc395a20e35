"""``prepdeck optimize``: FSRS parameters fitted to your own reviews."""

from __future__ import annotations

import click

from prepdeck.cli.output import json_time, print_json, print_pairs
from prepdeck.errors import PrepdeckError


@click.command("optimize")
@click.option("--dry-run", is_flag=True, help="Fit and report, change nothing.")
@click.option("--undo", is_flag=True, help="Put back the parameters the last fit replaced.")
@click.option(
    "--retention", is_flag=True, help="Suggest the desired retention that costs least time."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def optimize(dry_run: bool, undo: bool, retention: bool, as_json: bool) -> None:
    """Fit FSRS's parameters to your applied reviews and show how much better they predict
    your recall (log loss and RMSE, before and after); apply them, replaying every card's
    schedule, unless --dry-run. Cram reviews that did not change a schedule are left out."""
    from prepdeck.services import open_services

    if sum((dry_run, undo, retention)) > 1:
        raise PrepdeckError("optimize: give one of --dry-run, --undo and --retention")
    with open_services() as services:
        if retention:
            _retention(services.retention_advice(), services.config.desired_retention, as_json)
        elif undo:
            _undo(services, as_json)
        else:
            _fit(services, apply=not dry_run, as_json=as_json)


def _fit(services: object, *, apply: bool, as_json: bool) -> None:
    from prepdeck.cli.progress import progress_bar
    from prepdeck.services import Services

    assert isinstance(services, Services)
    with progress_bar("Replaying every card") as advance:
        fit = services.optimize(apply=apply, progress=None if as_json else advance)
    if as_json:
        print_json(
            {
                "parameters": list(fit.parameters),
                "reviews_used": fit.reviews_used,
                "log_loss_before": fit.log_loss_before,
                "log_loss_after": fit.log_loss_after,
                "rmse_before": fit.rmse_before,
                "rmse_after": fit.rmse_after,
                "applied": fit.applied,
            }
        )
        return
    print_pairs(
        [
            ("Reviews used", f"{fit.reviews_used:,}"),
            ("Log loss", f"{fit.log_loss_before:.4f} -> {fit.log_loss_after:.4f}"),
            ("RMSE", f"{fit.rmse_before:.4f} -> {fit.rmse_after:.4f}"),
            ("Parameters", ", ".join(f"{weight:.4f}" for weight in fit.parameters)),
        ]
    )
    if fit.applied:
        click.echo(
            f"Applied: {fit.cards_replayed:,} cards rescheduled with your own parameters "
            "(prepdeck optimize --undo puts the old ones back)."
        )
    elif not fit.better:
        click.echo("Not applied: the fitted parameters predict your reviews no better.")
    else:
        click.echo("Not applied (--dry-run).")


def _undo(services: object, as_json: bool) -> None:
    from prepdeck.cli.progress import progress_bar
    from prepdeck.services import Services

    assert isinstance(services, Services)
    with progress_bar("Replaying every card") as advance:
        restored = services.undo_optimize(None if as_json else advance)
    if as_json:
        print_json(
            {
                "parameters": None if restored is None else list(restored.parameters),
                "fitted_at": None if restored is None else json_time(restored.fitted_at),
            }
        )
        return
    if restored is None:
        click.echo("Undone: FSRS's default parameters are in force again.")
    else:
        click.echo(
            f"Undone: the parameters fitted {restored.fitted_at.astimezone():%Y-%m-%d %H:%M} "
            "are in force again."
        )


def _retention(advice: object, configured: float, as_json: bool) -> None:
    from prepdeck.srs.fit import RetentionAdvice

    assert isinstance(advice, RetentionAdvice)
    current, suggested = advice
    if as_json:
        print_json(
            {
                "desired_retention": current.desired_retention,
                "suggested_retention": suggested.desired_retention,
                "seconds_per_card_now": current.seconds_per_card,
                "seconds_per_card_suggested": suggested.seconds_per_card,
                "remembered_now": current.remembered,
                "remembered_suggested": suggested.remembered,
            }
        )
        return
    print_pairs(
        [
            ("Desired retention now", f"{configured:.2f}"),
            ("Suggested", f"{suggested.desired_retention:.2f}"),
            (
                "Review time per card remembered",
                f"{current.seconds_per_card:.0f} s -> {suggested.seconds_per_card:.0f} s",
            ),
            (
                "Cards remembered after a year",
                f"{current.remembered:,.0f} -> {suggested.remembered:,.0f}",
            ),
        ]
    )
    if abs(suggested.desired_retention - configured) < 0.005:
        click.echo("Your desired retention already costs the least time: nothing to change.")
        return
    saving = 1 - suggested.seconds_per_card / current.seconds_per_card
    click.echo(
        f"Setting desired_retention = {suggested.desired_retention:.2f} in config.toml would "
        f"{'save' if saving >= 0 else 'cost'} about {abs(saving):.0%} of the review time per "
        "card remembered (a year simulated with your parameters and daily limits)."
    )

"""Which automatic backups to keep: the newest of each of the last days and weeks.

A backup taken every day the app is used would fill the disk in a few years, and one
kept only for today is no help when a mistake is found a week later. So the newest
backup of each of the last ``DAILY_KEPT`` days that have one is kept, and the newest of
each of the last ``WEEKLY_KEPT`` ISO weeks that have one; the rest may go. Days are app
days (the day start hour applied), so a late-night session and its backup share a day.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)
Group = TypeVar("Group", bound=Hashable)

DAILY_KEPT = 7
WEEKLY_KEPT = 4


def _newest_of_each(days: Mapping[Key, date], group: dict[Key, Group]) -> dict[Group, Key]:
    newest: dict[Group, Key] = {}
    for key in sorted(days, key=lambda key: days[key]):
        newest[group[key]] = key
    return newest


def backups_to_keep(days: Mapping[Key, date]) -> set[Key]:
    """The keys of ``days`` (each backup's app day) that the rule keeps.

    Among backups of the same day the one listed last is taken as the newest, so give
    them in the order they were taken.
    """
    by_day = _newest_of_each(days, {key: day for key, day in days.items()})
    by_week = _newest_of_each(days, {key: day.isocalendar()[:2] for key, day in days.items()})
    kept = {by_day[day] for day in sorted(by_day, reverse=True)[:DAILY_KEPT]}
    kept |= {by_week[week] for week in sorted(by_week, reverse=True)[:WEEKLY_KEPT]}
    return kept

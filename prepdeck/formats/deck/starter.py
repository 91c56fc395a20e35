"""The starter deck ``prepdeck deck new`` writes: every field of deck format 1, explained
in comments, with one card of each kind to copy from. It validates under ``--strict``."""

from __future__ import annotations

STARTER = """\
# A prepdeck deck (format 1). Check it with: prepdeck deck validate --strict FILE
# Every value is kept exactly as you type it: no, yes, 1:30 and ~ stay text.
prepdeck: 1
id: {deck_id}                 # lower-case letters, digits and dashes; decks are found by it
title: {title}
description: |
  What this deck prepares people for, in a sentence or two.
author: Your Name
license: CC-BY-4.0            # an SPDX identifier: how others may reuse your cards
version: 0.1.0                # MAJOR.MINOR.PATCH; raise it with each release you publish
tags: [interview]
# based_on:                   # the works your cards draw on, if any
#   - {{title: A book or article, url: https://example.org, license: CC-BY-4.0}}
cards:
  # A tough question: the kind asked across the table.
  - id: why-this-role         # keep ids stable: reviews hang on them
    kind: question
    prompt: Why do you want this role?
    answer: |
      Name one thing the team needs, then the result from your past work that shows
      you can deliver it. End on what you want to learn there.
    points:                   # the key points a good answer covers; ticked when drilling
      - Names a need of the team
      - Gives a result with a number
      - Ends on what they will learn
    followups:
      - What would you do in your first month?
    tags: [motivation]
    seconds: 90               # the answer's time budget

  # A scenario: something that can go wrong on the day, and what you will do.
  - id: video-call-drops
    kind: scenario
    prompt: Your video call drops ten minutes into the interview.
    answer: |
      Rejoin at once; if that fails, phone or email the interviewer with a number to
      call you on. Back on the call, pick up where you were in one sentence.
    points:
      - Rejoins at once
      - Has a second way to reach them ready
      - Resumes without a long apology

  # A company need: find out what they need, then tie your experience to it.
  - id: need-faster-releases
    kind: company-need
    prompt: >-
      They need to release more often without breaking things. What have you done
      that shows you can help?
    answer: |
      One story: the situation, what you changed, and the number that moved.
    points:
      - A concrete story
      - What you changed yourself
      - The result, measured
"""


def starter_deck(deck_id: str) -> str:
    """The starter deck's text for ``deck_id``, titled after it."""
    title = deck_id.replace("-", " ").capitalize()
    return STARTER.format(deck_id=deck_id, title=title)

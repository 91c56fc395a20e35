"""The database schema and the numbered migrations that build it.

``PRAGMA user_version`` holds the schema version: the number of migrations applied.
Migration N takes a database from version N-1 to N; a new schema change is a new function
appended to ``MIGRATIONS`` (and ``store.db.LATEST_VERSION`` raised to their number, which
lets a start at the latest version skip this module), never an edit of an old one,
because users' databases sit at every older version. Migrations run with foreign keys
on; one that rebuilds a table must switch them off around its work itself.

Schema (version 1)
==================

``decks`` -- one row per installed deck, keyed by the deck id.
    Metadata copied from the deck file (title, description, author, license, version;
    ``tags`` and ``based_on`` as JSON lists), ``source`` (``bundled``, ``file``, or the URL
    or index it came from), ``content_hash`` of the installed file, ``removed`` (hidden,
    history kept), ``paused`` (kept out of the queue), the per-deck limits
    ``new_per_day``/``reviews_per_day`` (NULL: the global limit), ``installed_at`` and
    ``updated_at``.

``cards`` -- one row per card ever installed.
    ``no`` is the stable card number handed to FSRS (never reused, hence AUTOINCREMENT);
    (``deck_id``, ``card_id``) is the card's identity and is unique. Content columns
    mirror deck format 1 (lists as JSON). ``position`` is the card's place in the file;
    ``retired`` marks cards gone from the deck (hidden, history kept); ``suspended`` and
    ``buried_until`` (an app day, ``YYYY-MM-DD``: hidden until that day starts) keep a
    card out of the queue. The FSRS schedule is ``state``, ``step``, ``stability``,
    ``difficulty``, ``due``, ``last_review``: all NULL for a card never reviewed.
    ``last_review_ms`` repeats ``last_review`` as Unix milliseconds (a CHECK keeps the
    two within a millisecond of each other) so the queue ranks thousands of due cards by
    retrievability without parsing a date per card. ``reps`` and ``lapses`` count applied
    reviews and review-state cards forgotten (for leeches).
    ``reset_at`` is when progress was last reset: replays ignore reviews before it.

``card_versions`` -- the text a card had before a re-install changed it.
    One row per replaced version, with the time it was replaced and the deck version
    that carried it.

``reviews`` -- the append-only review log, the truth the card schedules are a cache of.
    ``review_id`` (32 hex digits, unique), the card's identity, ``rating`` (1-4),
    ``reviewed_at``, the app ``day`` it belongs to (computed by the caller from the day
    start hour, stored so daily figures are plain SQL), ``mode`` (``drill``, ``cram``),
    ``applied`` (1 when it changed the schedule), ``duration_ms``, ``points_hit``,
    ``points_total``, the schedule before (``*_before``, so undo restores it exactly) and
    after the review (a review that was not applied repeats the unchanged schedule), and
    the typed ``draft`` if any.

Times are UTC text in one fixed shape (see ``codec``), so text order is time order.
Partial indexes serve the queue and the per-deck counts without touching retired,
suspended or (for due cards) new rows. The log has no index on ``reviewed_at``: each
index costs every grade a page write, and the queries by time (retention over the
last days) narrow by ``day`` first; a full export sorts.

Version 2
=========

Two partial indexes on ``cards`` for the queue, which keeps only the weakest due cards:

``cards_learning`` -- cards in a learning or relearning step, by deck and due time.
    They are few and come first, so finding them no longer reads every due card.

``cards_weak`` -- review cards by ``last_review_ms + 4 days * stability``: the moment a
    card has gone four times its stability since its last review. After a break the
    weakest cards are among those past that moment, read in order from this index
    instead of ranking every due card (see ``Queue.due``). Each grade of a review card
    moves its entry: about three more pages written per grade, some 11 in all.

Version 3
=========

``reviews_failed`` -- the reviews rated Again, by card and time. Counting leeches (cards
with four lapses or more; each lapse is an Again) starts from this index alone, in card
order, and reads only the few cards failed that often instead of visiting every card;
only a grade of Again writes to it.

Version 4
=========

``cards_due`` is rebuilt holding every column of a card's schedule (and its card id), so
ranking the due cards reads the index alone: the ranked rows no longer go back to the
table, each a visit to a page of card text. Its key and its rows are the same.

Version 5
=========

``interviews`` -- one row per interview the user is preparing for.
    ``name`` as typed and ``name_key``, its lowercased form, unique: names are unique
    whatever their case. ``at`` is when it takes place (UTC text, as every time);
    ``decks`` the deck ids it is about as a JSON list, empty for every active deck at
    the time of use; ``note`` free text (empty for none); ``deck_id`` its personal deck
    (``my-interview-*``, created with its first card, so it may not exist yet; unique,
    no foreign key); ``created_at``.

Version 6
=========

``cards_memory`` -- every card not retired, suspended ones included, by deck, kind,
    stability, last review (Unix ms) and card id. Readiness reads this index alone, never
    a card's text: per deck and kind, the cards never reviewed (no stability) are one
    range, in card id order, and are only counted; the reviewed ones are the next range,
    and SQLite computes their recall. A cram ranking the cards of its decks reads it
    alone too (it holds ``suspended`` and ``buried_until``), unless it filters by tag.
    Each grade moves its card's entry: about two more pages written per grade.

Version 7
=========

``sources`` -- one row per deck index the user registered (``prepdeck source add``).
    ``url`` unique, ``added_at``; ``index_text`` the index as last fetched (UTF-8 text,
    already checked) and ``fetched_at`` when, the cache ``deck search`` answers from;
    ``entries`` (version 8) the entries read from it, as JSON, so a search need not read
    the index again (NULL for a cache kept before version 8).

Version 9
=========

``debriefs`` -- what the user wrote after an interview, one row per interview.
    ``name_key`` the interview's (a foreign key to ``interviews``, unique); ``written_at``
    when last saved; ``surprises`` the questions that surprised them, as a JSON list (each
    also became a card of the interview's own deck); ``went_well`` and ``to_change`` (what
    they would do differently), free text, empty for none.

``dismissed_follow_ups`` -- the follow-up reminders the user dismissed.
    ``name_key`` the interview's (a foreign key to ``interviews``), ``kind`` (``thank-you``
    or ``check-in``) and ``dismissed_at``; one row per interview and kind.

Both belong to one interview: deleting it deletes its rows (``ON DELETE CASCADE``), so an
interview of the same name added later is debriefed and reminded afresh. The cards its
surprises became stay in its deck, which comes back with that name.

Version 10
==========

``stories`` -- the user's STAR stories, one row per story, keyed by ``id`` (a slug).
    ``title``, ``situation``, ``task`` (empty for none), ``action``, ``result``; ``metric``
    the number that proves it (NULL for none); ``tags`` a JSON list; ``created_at`` and
    ``updated_at``. Each story is also drilled as the card of its id in the personal deck
    ``my-stories``, written with the story (``store.stories``).

``story_links`` -- which cards a story answers: (``story_id``, ``deck_id``, ``card_id``),
    many to many. No foreign key to ``cards``: a link hangs on the card's identity, as
    reviews do, so a deck removed and installed again keeps its links. Deleting a story
    deletes its links (``ON DELETE CASCADE``). ``story_links_by_card`` finds the stories of
    one card.

Version 11
==========

``own_answers`` -- the answer the user wrote for a card, in their own words.
    Keyed by the card's identity (``deck_id``, ``card_id``) with no foreign key to
    ``cards``: an answer outlives a card retired by an update and a deck removed and
    installed again; only ``deck remove --purge`` deletes a deck's answers with it.
    ``answer`` is never empty (an empty answer deletes the row); ``updated_at`` when last
    saved.

Version 12
==========

``cards_listed`` -- every card not retired, by deck and place in its file, with its id
    and prompt. Coverage lists the cards a scope leaves uncovered, up to every card of a
    large home, in that order: it reads this index alone, in order, instead of each
    card's whole row and a sort (a quarter less time over 100,000 cards). Only a query
    that says ``position >= 0`` (coverage's) can read it. Only what changes a card's
    text, place or retirement writes to it (an install or update of a deck, a card or
    story edited); a grade never does.

Version 13
==========

``reviews_by_day`` -- rebuilt as (``day``, ``duration_ms``), and ``reviews_by_deck_day``
    -- (``deck_id``, ``day``, ``duration_ms``): the review log by app day, overall and per
    deck, with the time each review took. The progress report's year of days (reviews
    and minutes per day) is one walk of one of them, never a row of the log itself; the
    streak seeks from one day with reviews to the one before (``review_days``), so it
    reads a few entries per day instead of every review, overall and for each deck.

``reviews_retained`` -- the reviews true retention counts (applied, of a card in review
    state beforehand), by app day, with the time, card and rating: retention over the last
    30 days, by deck or by kind, reads a range of it and no row of the log.

A grade writes one entry to each of the two indexes by day, and one to
``reviews_retained`` when its card was in review state; ``cards_kind`` changes only with
a deck's install or update.

``cards_kind`` -- each card's kind by its identity, so retention by kind finds the kind
    of each reviewed card in this index alone.

Version 14
==========

``cards``' check on ``state`` reads ``state = 1 OR state = 2 OR state = 3`` instead of
``state IN (1, 2, 3)``, which means the same: SQLite evaluated the list of three by
building a temporary b-tree for every row written, a tenth of the time of an install or
of an update to a card's schedule. Only the table's text in the schema changes (a check
is not stored in any row), so no row is copied.

Version 15
==========

``parameter_sets`` -- FSRS parameters fitted to the user's own reviews (``optimize``).
    ``parameters`` the 21 weights as a JSON list; ``fitted_at``; ``reviews_used`` the
    reviews whose recall the fit predicted and ``log_reviews`` the applied reviews in the
    log then (the settings screen offers a new fit when the log has grown by half);
    ``log_loss_before``/``rmse_before`` the figures of the set in force before it and
    ``log_loss_after``/``rmse_after`` its own, on the same reviews. ``applied`` is 1 for
    the one set in force (a unique partial index allows no second); none in force means
    FSRS's default parameters. A set applied over another names it in ``replaced_by`` of
    the older row, so ``optimize --undo`` finds the set to bring back; an undone set keeps
    its row, with ``undone_at``.

Version 16
==========

``spoken_answers`` -- what is kept of an answer spoken in the drill, one row per review
    that had one: ``review_id`` (a foreign key to ``reviews``, deleted with it, so an
    undo or a purge takes it too), the ``transcript``, the recording's length in
    ``seconds``, its ``words`` and ``fillers``, and ``audio``, the file name of the
    recording in the home's ``audio`` folder (NULL unless ``keep_audio`` is on). The
    stats' pace per week joins it to the log by review id.

Version 17
==========

Sync between homes through a shared folder or a git remote (``prepdeck.sync``):

``sync_home`` -- one row: this database's ``home_id`` (16 hex digits, made on the first
    sync; kept here rather than in a file beside the database, so a backup restored or a
    database copied carries the id with the log it describes, and sync can tell when two
    databases write under one id), ``pushed_to`` the highest review row pushed and
    ``pushed_review`` that row's ``review_id`` (an undo may delete the last row and a
    later grade take its number again).

``sync_batches`` -- every batch file of the remote this database wrote or read, by
    ``home_id`` and ``name``, with its ``sha256`` and ``complete`` (0 when some of its
    reviews named cards not installed here, or one of its items could not be taken: it
    is read again on each sync).

``sync_items`` -- for each personal item that travels (``kind`` and ``key``: an own
    answer, a personal card, a deck, a story, an interview), the ``digest`` of its
    content when last pushed or pulled, and the ``stamp`` and ``home_id`` of the version
    held: the order "last writer wins" compares.

``reviews.origin`` -- the home a review was pulled from; NULL for a review made (or
    imported from a file) here. Only the latter are pushed.

Version 18
==========

``reviews_unpushed_when_deleted`` -- a trigger: when a review made here is deleted (an
    undo, a deck purged), ``sync_home.pushed_to`` goes back below its row. A review's row
    number is reused once the rows above it are gone, so without it a later review taking
    a number already pushed would never be pushed; with it, the rows from there on are
    pushed again, and a home that pulls them twice keeps one of each (by ``review_id``).
    It runs on deletes only, never on a grade.

Version 19
==========

Three indexes of ``cards`` are rebuilt, for a grade that writes fewer pages and a queue
read from its indexes alone:

``cards_memory`` -- the same columns, keyed by deck, kind, ``stability IS NULL``,
    ``last_review_ms IS NULL`` and card id before stability and last review: a card's
    entry keeps its place when a grade changes its schedule (only its first review moves
    it), so the grade rewrites one page of it instead of moving the entry from one page
    to another (about 1.3 pages of some 16 less per grade). Per deck and kind, the cards
    never reviewed are still one range and the reviewed ones the next, for a query that
    names the expressions as the index does: ``(stability IS NULL) = 1`` or ``= 0``.

``cards_learning`` -- also holds the rest of a card's schedule and its card id, so the
    cards in a learning step are read from it alone, not each from its row.

``cards_new`` -- holds the card number right after the place in the file, and the card
    id, so the new cards of a deck come out of it alone in the order they are dealt, with
    no sort and no visit to their rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

Migration = Callable[[sqlite3.Connection], None]

_VERSION_1 = (
    """
    CREATE TABLE decks (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        description TEXT,
        author TEXT,
        license TEXT,
        version TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        based_on TEXT NOT NULL DEFAULT '[]',
        source TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
        paused INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
        new_per_day INTEGER CHECK (new_per_day >= 0),
        reviews_per_day INTEGER CHECK (reviews_per_day >= 0),
        installed_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE cards (
        no INTEGER PRIMARY KEY AUTOINCREMENT,
        deck_id TEXT NOT NULL REFERENCES decks (id) ON DELETE CASCADE,
        card_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        prompt TEXT NOT NULL,
        answer TEXT NOT NULL,
        points TEXT NOT NULL DEFAULT '[]',
        followups TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        seconds INTEGER,
        explicit_id INTEGER NOT NULL DEFAULT 1 CHECK (explicit_id IN (0, 1)),
        position INTEGER NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        suspended INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
        buried_until TEXT,
        state INTEGER CHECK (state IN (1, 2, 3)),
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due TEXT,
        last_review TEXT,
        last_review_ms INTEGER,
        reps INTEGER NOT NULL DEFAULT 0,
        lapses INTEGER NOT NULL DEFAULT 0,
        reset_at TEXT,
        UNIQUE (deck_id, card_id),
        CHECK ((state IS NULL) = (due IS NULL)),
        CHECK ((last_review IS NULL AND last_review_ms IS NULL)
               OR (last_review_ms IS NOT NULL
                   AND abs(last_review_ms - (julianday(last_review) - 2440587.5) * 86400000.0)
                       < 2.0))
    )
    """,
    # Each index below lists the columns of its WHERE clause too: SQLite (before 3.42 or
    # so) only reads a partial index alone, without the table, if it holds every column
    # the query names.
    "CREATE INDEX cards_active ON cards (deck_id, retired) WHERE retired = 0",
    """
    CREATE INDEX cards_due
    ON cards (deck_id, due, buried_until, state, stability, last_review_ms, retired, suspended)
    WHERE state IS NOT NULL AND retired = 0 AND suspended = 0
    """,
    """
    CREATE INDEX cards_new
    ON cards (deck_id, position, buried_until, state, retired, suspended)
    WHERE state IS NULL AND retired = 0 AND suspended = 0
    """,
    """
    CREATE TABLE card_versions (
        id INTEGER PRIMARY KEY,
        card_no INTEGER NOT NULL REFERENCES cards (no) ON DELETE CASCADE,
        replaced_at TEXT NOT NULL,
        deck_version TEXT,
        kind TEXT NOT NULL,
        prompt TEXT NOT NULL,
        answer TEXT NOT NULL,
        points TEXT NOT NULL,
        followups TEXT NOT NULL,
        tags TEXT NOT NULL,
        seconds INTEGER
    )
    """,
    "CREATE INDEX card_versions_by_card ON card_versions (card_no, id)",
    """
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        review_id TEXT NOT NULL UNIQUE CHECK (length(review_id) = 32),
        deck_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        reviewed_at TEXT NOT NULL,
        day TEXT NOT NULL,
        mode TEXT NOT NULL,
        applied INTEGER NOT NULL CHECK (applied IN (0, 1)),
        duration_ms INTEGER,
        points_hit INTEGER,
        points_total INTEGER,
        state_before INTEGER,
        step_before INTEGER,
        stability_before REAL,
        difficulty_before REAL,
        due_before TEXT,
        last_review_before TEXT,
        state INTEGER,
        step INTEGER,
        stability REAL,
        difficulty REAL,
        due TEXT,
        last_review TEXT,
        draft TEXT,
        FOREIGN KEY (deck_id, card_id) REFERENCES cards (deck_id, card_id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX reviews_by_card ON reviews (deck_id, card_id, reviewed_at)",
    "CREATE INDEX reviews_by_day ON reviews (day)",
)


def _run(statements: Sequence[str]) -> Migration:
    def migrate(connection: sqlite3.Connection) -> None:
        # One statement at a time: executescript() would commit the open transaction.
        for statement in statements:
            connection.execute(statement)

    return migrate


_VERSION_2 = (
    # Both list the columns of their WHERE clause, as the indexes of version 1 do.
    """
    CREATE INDEX cards_learning
    ON cards (deck_id, due, buried_until, state, retired, suspended)
    WHERE state <> 2 AND retired = 0 AND suspended = 0
    """,
    # The key is written exactly as the queue writes it (345600000 ms = 4 days).
    """
    CREATE INDEX cards_weak
    ON cards (last_review_ms + 345600000.0 * stability, deck_id, due, buried_until, state,
              stability, last_review_ms, retired, suspended)
    WHERE state = 2 AND retired = 0 AND suspended = 0
    """,
)


_VERSION_3 = (
    # Lists rating, the column of its WHERE clause, as the other partial indexes do.
    """
    CREATE INDEX reviews_failed ON reviews (deck_id, card_id, reviewed_at, rating)
    WHERE rating = 1
    """,
)


_VERSION_4 = (
    "DROP INDEX cards_due",
    """
    CREATE INDEX cards_due
    ON cards (deck_id, due, buried_until, state, stability, last_review_ms, retired, suspended,
              card_id, step, difficulty, last_review)
    WHERE state IS NOT NULL AND retired = 0 AND suspended = 0
    """,
)


_VERSION_5 = (
    """
    CREATE TABLE interviews (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        name_key TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        decks TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '',
        deck_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )
    """,
)


_VERSION_6 = (
    # Readiness sums and a cram ranks and counts every active card of its decks at a
    # moment: this holds all either reads to do so, so neither reads the table's rows.
    # Lists retired, the column of its WHERE clause, as the other partial indexes do.
    """
    CREATE INDEX cards_memory
    ON cards (deck_id, kind, stability, last_review_ms, card_id, suspended, buried_until,
              retired)
    WHERE retired = 0
    """,
)


_VERSION_7 = (
    """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        added_at TEXT NOT NULL,
        index_text TEXT,
        fetched_at TEXT,
        CHECK ((index_text IS NULL) = (fetched_at IS NULL))
    )
    """,
)


_VERSION_8 = (
    # The checked entries of each cached index, as JSON: a search decodes them instead of
    # reading and checking every index again, which took most of a second at 5,000 decks.
    "ALTER TABLE sources ADD COLUMN entries TEXT",
)


_VERSION_9 = (
    # Keyed by the interview's name_key, which is unique: its rows go when it does.
    """
    CREATE TABLE debriefs (
        id INTEGER PRIMARY KEY,
        name_key TEXT NOT NULL UNIQUE REFERENCES interviews (name_key) ON DELETE CASCADE,
        written_at TEXT NOT NULL,
        surprises TEXT NOT NULL DEFAULT '[]',
        went_well TEXT NOT NULL DEFAULT '',
        to_change TEXT NOT NULL DEFAULT ''
    )
    """,
    """
    CREATE TABLE dismissed_follow_ups (
        name_key TEXT NOT NULL REFERENCES interviews (name_key) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('thank-you', 'check-in')),
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (name_key, kind)
    )
    """,
)


_VERSION_10 = (
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        situation TEXT NOT NULL,
        task TEXT NOT NULL DEFAULT '',
        action TEXT NOT NULL,
        result TEXT NOT NULL,
        metric TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    # The primary key serves "the cards of a story"; this index "the stories of a card".
    """
    CREATE TABLE story_links (
        story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        deck_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        PRIMARY KEY (story_id, deck_id, card_id)
    )
    """,
    "CREATE INDEX story_links_by_card ON story_links (deck_id, card_id)",
)


_VERSION_11 = (
    # The primary key is the lookup of every reveal: one probe of this index, no scan.
    """
    CREATE TABLE own_answers (
        deck_id TEXT NOT NULL,
        card_id TEXT NOT NULL,
        answer TEXT NOT NULL CHECK (answer <> ''),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (deck_id, card_id)
    ) WITHOUT ROWID
    """,
)


_VERSION_12 = (
    # Lists retired, the column of its WHERE clause, as the other partial indexes do.
    # "position >= 0" holds for every card but is written by no other query: SQLite takes
    # a partial index only for a query that states its WHERE, so the queue and the search,
    # which also read a deck in file order, keep to the indexes made for them.
    """
    CREATE INDEX cards_listed
    ON cards (deck_id, position, no, card_id, prompt, retired)
    WHERE retired = 0 AND position >= 0
    """,
)


_VERSION_13 = (
    "DROP INDEX reviews_by_day",
    "CREATE INDEX reviews_by_day ON reviews (day, duration_ms)",
    "CREATE INDEX reviews_by_deck_day ON reviews (deck_id, day, duration_ms)",
    # Partial: true retention counts only these reviews, a fraction of the log. It holds
    # the columns of its WHERE too, so that SQLite reads it alone, with no row of the log.
    """
    CREATE INDEX reviews_retained
    ON reviews (day, reviewed_at, deck_id, card_id, rating, applied, state_before)
    WHERE applied = 1 AND state_before = 2
    """,
    "CREATE INDEX cards_kind ON cards (deck_id, card_id, kind)",
)


_STATE_CHECK_AS_LIST = "state INTEGER CHECK (state IN (1, 2, 3))"
_STATE_CHECK_AS_COMPARISONS = "state INTEGER CHECK (state = 1 OR state = 2 OR state = 3)"


def _version_14(connection: sqlite3.Connection) -> None:
    # SQLite's own way for a change that touches no stored row (its ALTER TABLE page):
    # the table's text is rewritten and the schema cookie bumped, so that every other
    # connection reads the schema again.
    (table_sql,) = connection.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cards'"
    ).fetchone()
    if _STATE_CHECK_AS_LIST not in table_sql:
        raise sqlite3.DatabaseError("the cards table has no check on its state as expected")
    (cookie,) = connection.execute("PRAGMA schema_version").fetchone()
    connection.execute("PRAGMA writable_schema = ON")
    try:
        connection.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'cards'",
            (table_sql.replace(_STATE_CHECK_AS_LIST, _STATE_CHECK_AS_COMPARISONS),),
        )
        connection.execute(f"PRAGMA schema_version = {int(cookie) + 1}")
    finally:
        connection.execute("PRAGMA writable_schema = OFF")


_VERSION_15 = (
    """
    CREATE TABLE parameter_sets (
        id INTEGER PRIMARY KEY,
        parameters TEXT NOT NULL,
        fitted_at TEXT NOT NULL,
        reviews_used INTEGER NOT NULL CHECK (reviews_used >= 0),
        log_reviews INTEGER NOT NULL CHECK (log_reviews >= 0),
        log_loss_before REAL NOT NULL,
        log_loss_after REAL NOT NULL,
        rmse_before REAL NOT NULL,
        rmse_after REAL NOT NULL,
        applied INTEGER NOT NULL CHECK (applied IN (0, 1)),
        replaced_by INTEGER REFERENCES parameter_sets (id),
        undone_at TEXT
    )
    """,
    "CREATE UNIQUE INDEX parameter_sets_in_force ON parameter_sets (applied) WHERE applied = 1",
)


_VERSION_16 = (
    """
    CREATE TABLE spoken_answers (
        review_id TEXT PRIMARY KEY REFERENCES reviews (review_id) ON DELETE CASCADE,
        transcript TEXT NOT NULL,
        seconds REAL NOT NULL CHECK (seconds >= 0),
        words INTEGER NOT NULL CHECK (words >= 0),
        fillers INTEGER NOT NULL CHECK (fillers >= 0),
        audio TEXT
    ) WITHOUT ROWID
    """,
)


_VERSION_17 = (
    """
    CREATE TABLE sync_home (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        home_id TEXT NOT NULL,
        pushed_to INTEGER NOT NULL DEFAULT 0,
        pushed_review TEXT
    )
    """,
    """
    CREATE TABLE sync_batches (
        home_id TEXT NOT NULL,
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        complete INTEGER NOT NULL DEFAULT 1 CHECK (complete IN (0, 1)),
        PRIMARY KEY (home_id, name)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE sync_items (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        digest TEXT NOT NULL,
        stamp TEXT NOT NULL,
        home_id TEXT NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID
    """,
    "ALTER TABLE reviews ADD COLUMN origin TEXT",
)


_VERSION_18 = (
    """
    CREATE TRIGGER reviews_unpushed_when_deleted AFTER DELETE ON reviews
    WHEN OLD.origin IS NULL
    BEGIN
        UPDATE sync_home SET pushed_to = OLD.id - 1, pushed_review = NULL
        WHERE pushed_to >= OLD.id;
    END
    """,
)

_VERSION_19 = (
    "DROP INDEX cards_memory",
    # Keyed by card id before what a grade changes, so a grade rewrites the entry in place;
    # whether the card was ever reviewed comes before it, so that either kind of card is
    # one range. Lists retired, the column of its WHERE clause, as the other partial
    # indexes do.
    """
    CREATE INDEX cards_memory
    ON cards (deck_id, kind, stability IS NULL, last_review_ms IS NULL, card_id, stability,
              last_review_ms, suspended, buried_until, retired)
    WHERE retired = 0
    """,
    "DROP INDEX cards_learning",
    """
    CREATE INDEX cards_learning
    ON cards (deck_id, due, buried_until, state, retired, suspended, card_id, step, stability,
              difficulty, last_review)
    WHERE state <> 2 AND retired = 0 AND suspended = 0
    """,
    "DROP INDEX cards_new",
    """
    CREATE INDEX cards_new
    ON cards (deck_id, position, no, card_id, buried_until, state, retired, suspended)
    WHERE state IS NULL AND retired = 0 AND suspended = 0
    """,
)

MIGRATIONS: tuple[Migration, ...] = (
    _run(_VERSION_1),
    _run(_VERSION_2),
    _run(_VERSION_3),
    _run(_VERSION_4),
    _run(_VERSION_5),
    _run(_VERSION_6),
    _run(_VERSION_7),
    _run(_VERSION_8),
    _run(_VERSION_9),
    _run(_VERSION_10),
    _run(_VERSION_11),
    _run(_VERSION_12),
    _run(_VERSION_13),
    _version_14,
    _run(_VERSION_15),
    _run(_VERSION_16),
    _run(_VERSION_17),
    _run(_VERSION_18),
    _run(_VERSION_19),
)
"""Migration N (1-based) is ``MIGRATIONS[N - 1]``."""

"""Every exception prepdeck raises on purpose, in two families.

``PrepdeckError`` and its subclasses are messages for the user: each front end shows
them as they are (the CLI prints one line per line of the message and exits 1), never a
traceback. ``InternalSignal`` and its subclasses are not: they carry a finding or a
stop from the code that meets it to the code that reports it, which always catches
them. They are kept outside ``PrepdeckError`` so that none is ever printed as a user's
message by mistake; one that escapes is a bug, and ends as one (a crash log, exit 2).
"""

from __future__ import annotations

# -- Messages for the user ------------------------------------------------------------


class PrepdeckError(Exception):
    """A problem the user can act on; the CLI prints it and exits 1."""

    located = False
    """True when each line already starts with the file it is about (``PATH:`` or
    ``PATH:LINE:COL:``), so the CLI prints it without a program prefix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class LocatedError(PrepdeckError):
    """A message each line of which starts with what it is about (a file's path, a URL, a
    deck): the CLI prints it without a program prefix."""

    located = True


class DeckError(LocatedError):
    """A deck file was refused; ``lines`` holds one ``PATH:LINE:COL: message`` per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class ConfigError(LocatedError):
    """``config.toml`` holds a value prepdeck cannot use; each line starts with the file."""


class FileError(LocatedError):
    """A file named by the user cannot be used; the message starts with its path."""


class UnwritableFile(LocatedError):
    """The file a command was asked to write (``-o FILE``) cannot be written."""

    def __init__(self, path: str, error: OSError) -> None:
        super().__init__(f"{path}: cannot be written ({error.strerror or error})")


class ReviewFileError(LocatedError):
    """A review file was refused; each line starts with the file (and line) it is about."""


class AnswersFileError(LocatedError):
    """An answers file was refused; each line starts with the file (and line) it is about."""


class FetchError(LocatedError):
    """A deck could not be downloaded; the message starts with the URL."""


class IndexFileError(LocatedError):
    """A deck index was refused; ``lines`` holds one ``URL:LINE:COL: message`` per problem."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


class StoryFileError(LocatedError):
    """A story file was refused; each line starts with the file (and line) it is about."""


class ChecksumError(LocatedError):
    """A deck's bytes do not match the sha256 asked for; the message starts with the deck."""


class StoreError(PrepdeckError):
    """The database cannot be opened, read, written, backed up or upgraded.

    Only failures of the database itself: a change the store turns down is a
    ``RefusedError``. ``problem`` is what went wrong; the message adds ``advice``, what
    to do, when the error knows it. The CLI prints the message in one line; the start-up
    screen shows the problem alone above its own list of steps, so the advice is not
    given twice.
    """

    def __init__(self, problem: str, *, advice: str | None = None) -> None:
        super().__init__(problem if advice is None else f"{problem}; {advice}")
        self.problem = problem
        self.advice = advice


class DamagedDatabaseError(StoreError):
    """The database file is damaged, or is not a prepdeck database: only a backup brings
    its data back, and prepdeck never writes to it."""


class RefusedError(PrepdeckError):
    """The store turned a change down, the database being fine: a card id twice in one
    deck, text that cannot be stored, an undo of a review that is no longer its card's
    latest, a grade given on a screen another window has made stale."""


class ServeError(PrepdeckError):
    """``prepdeck serve`` cannot listen where it was asked to (a port in use, an address
    this machine does not have)."""


class NotFoundError(PrepdeckError):
    """An id the user named does not exist."""


class QueryError(PrepdeckError):
    """A search names a kind or state that does not exist."""


class ExportError(PrepdeckError):
    """A deck cannot be exported as asked."""


class PersonalCardError(PrepdeckError):
    """A card the user wrote cannot be added as it is."""


class MomentError(PrepdeckError):
    """A time the user typed cannot be read, or could mean more than one moment."""


class InterviewError(PrepdeckError):
    """An interview cannot be added or changed as asked: a name taken, a time past."""


class SpeechError(PrepdeckError):
    """Speech cannot be heard or transcribed: no input device, no engine, a model missing."""


class AudioFileError(LocatedError):
    """An audio file named by the user cannot be read as WAV; the message starts with its
    path."""


class StoryError(PrepdeckError):
    """A story cannot be added, changed or linked as asked: a part missing, an id taken."""


class NotEnoughReviewsError(PrepdeckError):
    """Too few reviews to fit FSRS parameters to; ``missing`` says how many more."""

    def __init__(self, message: str, *, missing: int) -> None:
        super().__init__(message)
        self.missing = missing


class SyncError(PrepdeckError):
    """A sync cannot start or finish: no remote named, a folder missing, git missing or
    its push refused."""


# -- Signals inside prepdeck ----------------------------------------------------------


class InternalSignal(Exception):
    """Raised and caught inside prepdeck; never a message for the user as it stands.

    The code that catches one turns it into what the user sees (a ``PrepdeckError``, a
    problem listed with its position, an exit status) or ends a walk early with it.
    """


class DeckFileError(InternalSignal):
    """A path that names no deck file prepdeck will read; the message follows ``PATH: ``.

    Its reader adds the path as the user gave it, as a problem or a ``FileError``.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class YamlSyntaxError(InternalSignal):
    """Malformed YAML at ``line``:``col``. ``problem`` is the parser's own words for it,
    and ``context`` what it was reading, begun at ``context_line``, when it says so.

    The deck loader lists it as a problem of the file, with a hint when one fits."""

    def __init__(
        self,
        line: int,
        col: int,
        message: str,
        *,
        problem: str = "",
        context: str = "",
        context_line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message
        self.problem = problem
        self.context = context
        self.context_line = context_line


class ExtraDocumentError(InternalSignal):
    """A second YAML document begins at ``line``:``col``; the loader lists it as a problem."""

    def __init__(self, line: int, col: int) -> None:
        super().__init__("more than one YAML document")
        self.line = line
        self.col = col


class TooManyIssues(InternalSignal):
    """Raised once more YAML issues are found than are kept: the rest of the file is not
    read."""


class TooManyNodes(InternalSignal):
    """Raised at the first YAML node past the cap, which stops a file of millions of tiny
    values from taking minutes and gigabytes before it is refused."""

    def __init__(self, line: int, col: int) -> None:
        super().__init__("too many nodes")
        self.line = line
        self.col = col


class TooManyProblems(InternalSignal):
    """Ends the walk of a deck file (YAML or CSV) already known to be refused with more
    problems than are kept."""


class MalformedLicense(InternalSignal):
    """A licence expression does not parse; its check reports it as not well formed."""


class RowProblems(InternalSignal):
    """Everything wrong with one row of a review file, one message per problem; the file's
    reader lists them, each after the file and line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class BadBatch(InternalSignal):
    """A sync batch that does not read whole: what is wrong, and on which line; the sync
    reports it with the batch's name as a warning, skips it and merges the rest."""


class StdoutClosed(InternalSignal):
    """Standard output was closed by its reader (``prepdeck reviews export | head -1``);
    the command ends quietly with the status a shell gives a broken pipe."""


class AppCrashed(InternalSignal):
    """The app stopped on a bug; carries its traceback for the crash log."""

    def __init__(self, report: str) -> None:
        super().__init__("the app stopped on an internal error")
        self.report = report

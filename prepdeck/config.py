"""``config.toml`` in the home: the user's settings, checked key by key."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from prepdeck.errors import ConfigError

DEFAULT_THEME = "textual-dark"


_NO_KEYS: Mapping[str, str] = MappingProxyType({})
"""The keymap of a config without one: read-only, as it is shared by each such config."""


class Config(NamedTuple):
    """The settings. A named tuple rather than a frozen dataclass: every start, the app's
    first frame among them, defines it, and a dataclass of eleven fields costs several
    times as much to define; it compares by its fields all the same, and ``_replace``
    copies it with some of them changed."""

    desired_retention: float = 0.90
    new_per_day: int = 10
    reviews_per_day: int = 200
    day_start_hour: int = 4
    minutes_per_day: int = 15
    """The daily budget a plan to an interview lays its reviews out in."""
    theme: str = DEFAULT_THEME
    keymap: Mapping[str, str] = _NO_KEYS
    serve_token: str | None = None
    """The token ``prepdeck serve`` asks of a browser; None: a new one each time it starts."""
    speech_model: str | None = None
    """A faster-whisper model folder to transcribe with, instead of pocketsphinx."""
    keep_audio: bool = False
    """Keep the recording of each spoken answer in the home's ``audio`` folder."""
    sync_remote: str | None = None
    """The folder or git remote ``sync`` merges through when given none."""


KEYS = (
    "desired_retention",
    "new_per_day",
    "reviews_per_day",
    "day_start_hour",
    "minutes_per_day",
    "theme",
    "keymap",
    "serve_token",
    "speech_model",
    "keep_audio",
    "sync_remote",
)
# Patterns, not compiled ones: the re module compiles each on its first use, which most
# starts never come to (a TOML error, a token, a key to quote).
_TOML_POSITION = r"^(?P<message>.*?) \(at line (?P<line>\d+), column (?P<col>\d+)\)$"


SERVE_TOKEN_LENGTH = 16
_SERVE_TOKEN = r"[A-Za-z0-9_-]+"


def serve_token_problem(token: str) -> str | None:
    """What is wrong with ``token`` as the token of ``prepdeck serve``, or None.

    It travels in a URL, so it keeps to the characters a URL carries unchanged; and it is
    all that stands between the app and anyone who can reach the port, so it is long.
    """
    if not re.fullmatch(_SERVE_TOKEN, token):
        return "must be letters, digits, - and _ only"
    if len(token) < SERVE_TOKEN_LENGTH:
        return f"must be at least {SERVE_TOKEN_LENGTH} characters long"
    return None


ConfigStamp = tuple[int, int, int]
"""What tells one version of config.toml from another: modification time, size, inode."""


def config_stamp(path: Path) -> ConfigStamp | None:
    """The stamp of the file at ``path`` (None when there is none): a single stat, cheap
    enough to take whenever settings are about to be used."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def load_config(path: Path) -> Config:
    """The config at ``path``, defaults where it is silent; a missing file means all defaults."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise ConfigError(f"{path.name}: cannot be read ({error.strerror or error})") from None
    # Imported only here: a home with no config.toml, as most are, never needs the parser.
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path.name}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        match = re.match(_TOML_POSITION, str(error))
        if match:
            where = f"{path.name}:{match['line']}:{match['col']}"
            raise ConfigError(f"{where}: {match['message']}") from None
        raise ConfigError(f"{path.name}: {error}") from None
    return parse_config(data, path.name)


def parse_config(data: dict[str, Any], name: str = "config.toml") -> Config:
    problems: list[str] = []

    def bad(key: str, message: str) -> None:
        problems.append(f"{name}: {key}: {message}")

    for key in data:
        if key not in KEYS:
            import difflib  # only for the hint on a mistyped key

            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f"; did you mean {close[0]}?" if close else f"; known keys: {', '.join(KEYS)}"
            bad(key, "unknown key" + hint)

    values: dict[str, Any] = {}
    retention = data.get("desired_retention")
    if retention is not None:
        if isinstance(retention, bool) or not isinstance(retention, int | float):
            bad("desired_retention", "must be a number from 0.70 to 0.99")
        elif not 0.70 <= retention <= 0.99:
            bad("desired_retention", "must be 0.70-0.99")
        else:
            values["desired_retention"] = float(retention)
    for key, low, high in (
        ("new_per_day", 0, 10_000),
        ("reviews_per_day", 0, 100_000),
        ("day_start_hour", 0, 23),
        ("minutes_per_day", 1, 600),
    ):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            bad(key, f"must be a whole number {low}-{high}")
        elif not low <= value <= high:
            bad(key, f"must be {low}-{high}")
        else:
            values[key] = value
    theme = data.get("theme")
    if theme is not None:
        if not isinstance(theme, str) or not theme.strip():
            bad("theme", "must be a theme name, e.g. textual-dark or textual-light")
        else:
            values["theme"] = theme.strip()
    speech_model = data.get("speech_model")
    if speech_model is not None:
        # Whether the folder holds a model is checked when speech is used: a model moved
        # away must not stop every other command.
        if not isinstance(speech_model, str) or not speech_model.strip():
            bad("speech_model", "must be the path of a faster-whisper model folder, in quotes")
        else:
            values["speech_model"] = speech_model.strip()
    keep_audio = data.get("keep_audio")
    if keep_audio is not None:
        if not isinstance(keep_audio, bool):
            bad("keep_audio", "must be true or false")
        else:
            values["keep_audio"] = keep_audio
    keymap = data.get("keymap")
    if keymap is not None:
        if not isinstance(keymap, dict):
            bad("keymap", 'must be a table of action = "key", e.g. reveal = "r"')
        else:
            # Each entry on its own line; which actions exist and which keys clash is the
            # keymap check's to say (prepdeck.domain.keymap), as warnings.
            unusable = [
                action
                for action, keys in keymap.items()
                if not isinstance(keys, str) or not keys.strip()
            ]
            for action in unusable:
                bad("keymap", f'{action}: must be a key name in quotes, e.g. "v"')
            if not unusable:
                values["keymap"] = dict(keymap)
    token = data.get("serve_token")
    if token is not None:
        if not isinstance(token, str):
            bad("serve_token", "must be text in quotes")
        elif (problem := serve_token_problem(token)) is not None:
            bad("serve_token", problem)
        else:
            values["serve_token"] = token
    remote = data.get("sync_remote")
    if remote is not None:
        if not isinstance(remote, str) or not remote.strip():
            bad("sync_remote", "must be a folder path or a git URL in quotes")
        else:
            values["sync_remote"] = remote.strip()
    if problems:
        raise ConfigError("\n".join(problems))
    return Config(**values)


_BARE_KEY = r"[A-Za-z0-9_-]+"
_TOML_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string; control characters escaped, the rest kept as is."""
    out = []
    for char in text:
        if char in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_key(key: str) -> str:
    return key if re.fullmatch(_BARE_KEY, key) else _toml_string(key)


def config_text(config: Config) -> str:
    """``config`` as the text of a config.toml, every key written out."""
    lines = [
        "# prepdeck settings. Keys: desired_retention (0.70-0.99), new_per_day,",
        "# reviews_per_day, day_start_hour (0-23), minutes_per_day (1-600, a plan's daily",
        "# budget), theme, sync_remote (the folder or git remote of prepdeck sync), and",
        '# [keymap] (action = "key").',
        f"desired_retention = {config.desired_retention!r}",
        f"new_per_day = {config.new_per_day}",
        f"reviews_per_day = {config.reviews_per_day}",
        f"day_start_hour = {config.day_start_hour}",
        f"minutes_per_day = {config.minutes_per_day}",
        f"theme = {_toml_string(config.theme)}",
    ]
    if config.serve_token is not None:
        lines.append(f"serve_token = {_toml_string(config.serve_token)}")
    if config.speech_model is not None:
        lines.append(f"speech_model = {_toml_string(config.speech_model)}")
    if config.keep_audio:
        lines.append("keep_audio = true")
    if config.sync_remote:
        lines.append(f"sync_remote = {_toml_string(config.sync_remote)}")
    if config.keymap:
        lines += ["", "[keymap]"]
        lines += [
            f"{_toml_key(key)} = {_toml_string(value)}" for key, value in config.keymap.items()
        ]
    return "\n".join(lines) + "\n"


def save_config(path: Path, config: Config) -> None:
    """Write ``config`` to ``path`` so that ``load_config`` reads it back equal.

    A value ``load_config`` would refuse raises ``ConfigError`` and nothing is written. The
    file is replaced in one step (a temporary file renamed over it), so a crash leaves the
    old settings or the new ones, never half a file. Comments in the old file are lost.
    """
    import os
    import tempfile
    import tomllib

    text = config_text(config)
    # The written text is read back through the same checks as at start-up, so a value
    # the app would refuse next time is refused now, while the user can still fix it.
    try:
        checked = parse_config(tomllib.loads(text), path.name)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path.name}: cannot be written as TOML ({error})") from None
    if checked != config:
        # parse_config trims the theme name; anything else read back differently is a bug.
        raise ConfigError(f"{path.name}: theme: must not start or end with a space")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError(f"{path.name}: a value holds text that is not valid Unicode") from None
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        Path(temporary).replace(path)
        temporary = None
    except OSError as error:
        raise ConfigError(f"{path.name}: cannot be saved ({error.strerror or error})") from None
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)

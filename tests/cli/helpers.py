"""Run the real ``prepdeck`` command in a subprocess, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_prepdeck(*args: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PREPDECK_HOME=str(home), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "prepdeck", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )

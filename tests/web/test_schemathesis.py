"""Property-based API testing: the schemathesis command line, with every check it has
(`--checks all`), against the real server's /openapi.json (token included, so writes get
past auth into validation). Every answer must match what the API documents: statuses,
content types (problem+json for every error), schemas, Allow headers; no 5xx.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.web.conftest import PROJECT, TOKEN


def test_schemathesis_with_every_check_finds_no_failure(live_server: str, tmp_path: Path) -> None:
    schemathesis = Path(PROJECT / ".venv" / "bin" / "schemathesis")
    command = [
        str(schemathesis if schemathesis.exists() else "schemathesis"),
        "run",
        f"{live_server}/openapi.json",
        "--checks",
        "all",
        "--header",
        f"Authorization: Bearer {TOKEN}",
        "--max-examples",
        "10",
        "--seed",
        "20261208",
        "--no-color",
    ]
    # Run from the project, where schemathesis.toml says which refusals are correct answers.
    done = subprocess.run(
        command, cwd=PROJECT, capture_output=True, text=True, timeout=600, check=False
    )
    summary = done.stdout[-3000:]
    assert done.returncode == 0, summary
    generated = re.search(r"(\d+) generated, (\d+) passed", summary)
    assert generated and generated[1] == generated[2] and int(generated[1]) > 500, summary

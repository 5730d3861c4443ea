"""`orgraph demo --no-serve` builds the demo without blocking; `serve` is exercised by the live server."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from orgraph.cli import main


def test_demo_without_serving_builds_the_database(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(main, ["--db", str(db), "demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "ingested: demo/" in result.output and "serving" not in result.output
    assert db.exists()


def test_serve_rejects_a_bad_port(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "serve", "--port", "70000"])
    assert result.exit_code == 2 and "70000" in result.output

"""`orgraph plot`: report charts are valid SVG / PNG files drawn from the real graph."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from orgraph.cli import main
from orgraph.ingest import ingest_text
from orgraph.plot.layout import body_timeline, network
from orgraph.store import Store
from tests.conftest import shared_path

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plot") / "orgraph.db"
    store = Store(path)
    store.seed()
    ingest_text(
        store, shared_path("corpus/iom-un-relations.de.txt").read_text("utf-8"), "iom-un.de.txt"
    )
    store.close()
    return path


@pytest.fixture
def db(corpus: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(corpus, tmp_path / "orgraph.db"))


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--db", str(db), "plot", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_timeline_svg_is_valid_and_names_the_members(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "gmg.svg"
    assert "wrote" in run(db, "timeline", "GMG", "-o", str(out))
    root = ET.parse(out).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = out.read_text("utf-8")
    for member in (
        "World Bank",
        "United Nations Development Programme",
        "World Health Organization",
    ):
        assert member in text
    assert "Global Migration Group" in text  # the rename is marked


def test_network_png_is_a_real_image(db: Path, tmp_path: Path) -> None:
    from PIL import Image

    out = tmp_path / "net.png"
    run(db, "network", "--at", "2010", "-o", str(out))
    assert out.read_bytes()[:8] == PNG_MAGIC
    with Image.open(out) as image:
        image.verify()
        assert image.size[0] > 800 and image.size[1] > 600


def test_timeline_png_and_network_svg(db: Path, tmp_path: Path) -> None:
    run(db, "timeline", "Genfer Migrationsgruppe", "-o", str(tmp_path / "t.png"))
    assert (tmp_path / "t.png").read_bytes()[:8] == PNG_MAGIC
    run(db, "network", "--at", "Ende 2004", "-o", str(tmp_path / "n.svg"))
    assert ET.parse(tmp_path / "n.svg").getroot().tag.endswith("svg")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["timeline", "GMG", "-o", "x.pdf"], "must end in .svg or .png"),
        (["timeline", "Nowhere Org", "-o", "x.svg"], "unknown entity"),
        (["network", "--at", "someday", "-o", "x.svg"], "cannot read date"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--db", str(db), "plot", *args])
    assert result.exit_code == 2 and message in result.output
    assert not list(tmp_path.glob("x.*"))


def test_timeline_geometry_keeps_uncertainty(db: Path) -> None:
    chart = body_timeline(Store(db), "GMG", today=date(2020, 1, 1))
    # One row per member; its windows come first, so the certain span is drawn over them.
    assert len({b.member.id for b in chart.bars}) == len(chart.bars)
    undp = next(b for b in chart.bars if b.member.id == "undp")
    window, after, certain = undp.segments
    assert (window.kind, window.first, window.last) == (
        "window",
        date(2006, 1, 1),
        date(2006, 4, 30),
    )
    assert (certain.kind, certain.first) == ("certain", date(2006, 4, 30))
    # Ongoing, but the document vouches for it only up to its latest date (September 2016):
    # certain until then, a window of uncertainty after it.
    assert undp.ongoing and certain.last == date(2016, 9, 1)
    assert (after.kind, after.first, after.last) == ("window", date(2016, 9, 1), chart.axis[1])
    assert chart.axis[1] == date(2020, 12, 31)
    assert [r.new.id for r in chart.renames] == ["gmg"]
    assert "Genfer Migrationsgruppe" in chart.renames[0].old.aliases()


def test_network_edges_depend_on_the_date(db: Path) -> None:
    graph = network(Store(db))
    early = {e.claim.id for e, _ in graph.at(date(2004, 1, 1), date(2004, 12, 31))}
    later = {e.claim.id for e, _ in graph.at(date(2010, 1, 1), date(2010, 12, 31))}
    assert early < later
    assert all(0.0 <= x <= 1.0 and 0.0 <= y <= 1.0 for x, y in graph.positions.values())

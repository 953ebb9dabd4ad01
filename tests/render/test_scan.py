"""`scan` for people: a row of bars per category merged to fit the width, ASCII bars where Unicode cannot go, the
untimed count, and the verdict one sentence a line."""

from __future__ import annotations

from claude_doctor.model import ScanGroup, ScanResult, ScanSummary, ScanTimeline
from claude_doctor.render.console import Canvas, Terminal
from claude_doctor.render.human import draw
from claude_doctor.render.scan import bars, merged

STORM = ScanTimeline(
    bucket_s=60,
    start_epoch=1_795_000_000 - 1_795_000_000 % 86400,
    buckets=180,
    counts=(("overloaded", tuple(40 if 10 <= i < 25 else 0 for i in range(180))), ("billing", (1,) + (0,) * 179)),
    untimed=3,
)


GROUPS = (
    ScanGroup("overloaded", 529, "overloaded_error", None, "API overloaded", True, True, (), 600),
    ScanGroup("billing", 400, "invalid_request_error", None, "Credit balance too low", False, False, (), 1),
)


def summary(timeline: ScanTimeline | None) -> ScanSummary:
    return ScanSummary(("app.log",), 1000, 1 << 20, GROUPS, "601 Claude API errors in 1,000 lines.", timeline=timeline)


def test_bars_scale_to_the_busiest_bucket_and_never_hide_one_error() -> None:
    canvas = Canvas(Terminal())
    assert bars([0, 1, 4, 8], canvas) == " ▁▄█"
    assert bars([0, 1, 100], canvas)[1] == "▁"
    assert bars([0, 1, 4, 8], Canvas(Terminal(encodings=("ascii",)))) == " .=@"


def test_merged_adds_neighbours() -> None:
    assert merged((1, 2, 3, 4, 5), 2) == [3, 7, 5]


def test_timeline_fits_the_width_by_merging_buckets() -> None:
    from claude_doctor.render.scan import _timeline

    for width, per_bar in ((120, "2 minutes"), (60, "5 minutes")):
        canvas = Canvas(Terminal(width=width))
        _timeline(STORM, canvas)
        lines = canvas.text().splitlines()
        assert f"one bar per {per_bar}" in " ".join(lines[:2])
        rows = [line for line in lines if line.startswith("  overloaded")]
        assert len(rows) == 1
        assert rows[0].rstrip().endswith("600")  # the category's total
        assert all(len(line) <= width for line in lines)
        assert "3 errors had no timestamp" in canvas.text()


def test_json_and_screen_agree_on_the_span() -> None:
    doc = STORM.to_json()
    assert (doc["bucket"], doc["buckets"]) == ("1m", 180)
    assert doc["end"].endswith("T03:00:00Z")
    text = draw(ScanResult(summary=summary(STORM)), Terminal(width=100))
    assert "from " + doc["start"][:10] + " 00:00 to 03:00 UTC" in text
    assert "Errors over time" not in draw(ScanResult(summary=summary(None)), Terminal(width=100))


def test_verdict_one_sentence_a_line() -> None:
    verdict = "7 errors.\nFix first: Credit balance too low (1).\nBuy credits: `open billing`"
    text = draw(ScanResult(summary=ScanSummary((), 8, 10, (), verdict)), Terminal(width=80))
    assert text.splitlines()[-3:] == [
        "7 errors.",
        "Fix first: Credit balance too low (1).",
        "Buy credits: `open billing`",
    ]

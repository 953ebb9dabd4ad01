"""`scan` on generated logs with planted errors: exact counts and classifications, every corpus shape, bad inputs."""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from claude_doctor import inputs
from claude_doctor.decode import explain_text, find_all
from claude_doctor.entrypoint import fast_scan_args
from claude_doctor.scan import engine as scan_command
from claude_doctor.scan import occurrences, prefilter, reader, summary
from claude_doctor.scan.engine import scan_sources
from claude_doctor.scan.occurrences import Occurrence
from claude_doctor.scan.prefilter import candidate_lines
from claude_doctor.scan.summary import Tally, document, group

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "decode" / "corpus"
NOISE = "2026-11-25T10:00:00Z INFO worker.jobs job 81723 finished in 41ms (queue=default, attempts=1)\n"


def _make_log():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_log", ROOT / "benchmarks" / "make_log.py")
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _kept(tally: Tally) -> list[Occurrence]:
    assert tally.occurrences is not None
    return tally.occurrences


def _where(tally: Tally) -> list[tuple[int, str, str | None]]:
    return [(o.line, o.diagnosis.category, o.request_id) for o in _kept(tally)]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claude_doctor", "scan", *args],
        input=stdin.decode(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("logs") / "app.log"
    counts = _make_log().write_log(path, megabytes=3, error_rate=0.01, seed=11)
    return path, counts


def test_planted_counts_are_exact(planted: tuple[Path, dict[str, int]]) -> None:
    path, counts = planted
    proc = run("--json", str(path))
    assert proc.returncode == 1
    doc = json.loads(proc.stdout)
    assert doc["by_category"] == counts
    assert doc["errors"] == sum(counts.values())
    assert doc["lines"] == path.read_bytes().count(b"\n")
    assert doc["bytes"] == path.stat().st_size
    assert set(doc) >= {"files", "lines", "bytes", "errors", "by_category", "by_status", "groups"}
    top = doc["groups"][0]
    assert top["first_seen"] <= top["last_seen"]
    assert all(rid.startswith("req_") for rid in top["request_ids"])


def test_timeline_in_json(planted: tuple[Path, dict[str, int]]) -> None:
    """Every error is in one bucket of its category, or counted as untimed."""
    path, counts = planted
    doc = json.loads(run("--json", str(path)).stdout)
    timeline = doc["timeline"]
    rows = timeline["by_category"]
    assert set(rows) == set(counts)
    assert all(len(row) == timeline["buckets"] for row in rows.values())
    assert sum(map(sum, rows.values())) + timeline["untimed"] == doc["errors"]
    assert all(sum(rows[c]) <= counts[c] for c in counts)
    assert timeline["bucket"] in {"1m", "2m", "5m", "10m", "15m", "30m", "1h", "2h", "3h"}
    assert timeline["start"] <= doc["groups"][0]["first_seen"]


def test_parallel_and_gzip_agree_with_sequential(
    planted: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, counts = planted
    _totals, sequential = scan_sources([str(path)], workers=1, keep_occurrences=True)
    monkeypatch.setattr(scan_command, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(scan_command, "RANGE_BYTES", 256 * 1024)  # a dozen ranges over two processes
    totals, parallel = scan_sources([str(path)], workers=2, keep_occurrences=True)
    assert _where(parallel) == _where(sequential)
    assert document(totals, parallel.sorted()) == document(_totals, sequential.sorted())
    assert totals.lines == path.read_bytes().count(b"\n")
    zipped = tmp_path / "app.log.gz"
    zipped.write_bytes(gzip.compress(path.read_bytes()))
    _t, from_gzip = scan_sources([str(zipped)], workers=2)
    assert sum(g.count for g in from_gzip.groups.values()) == sum(counts.values())


def test_line_numbers_point_at_the_error(tmp_path: Path) -> None:
    log = tmp_path / "a.log"
    log.write_text(NOISE * 5 + "anthropic.RateLimitError: Error code: 429 - {'type': 'error'}\n" + NOISE)
    _totals, tally = scan_sources([str(log)], workers=1, keep_occurrences=True)
    assert [o.line for o in _kept(tally)] == [6]
    assert [g.first_at for g in tally.sorted()] == [(str(log), 6)]


@pytest.fixture(params=["native", "fallback"])
def matcher(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the SIMD matcher and again with the `bytes.find` fallback."""
    if request.param == "fallback":
        monkeypatch.setattr(prefilter, "_FINDER", None)
    return str(request.param)


@pytest.mark.parametrize("sample", sorted(p.stem for p in CORPUS.glob("*.txt")))
def test_every_corpus_shape_is_found_once_and_classified_like_explain(
    sample: str, tmp_path: Path, matcher: str
) -> None:
    text = (CORPUS / f"{sample}.txt").read_text(encoding="utf-8")
    expected = explain_text(text)
    log = tmp_path / "mixed.log"
    log.write_text(NOISE * 40 + text.rstrip("\n") + "\n" + NOISE * 40, encoding="utf-8")
    _totals, tally = scan_sources([str(log)], workers=1, keep_occurrences=True)
    found = _kept(tally)
    if expected.category == "unknown":
        assert found == []
        return
    assert candidate_lines(text.encode()), "the prefilter would skip this shape"
    assert len(found) == 1, [o.diagnosis.category for o in found]
    assert found[0].diagnosis.category == expected.category
    assert found[0].diagnosis.status == expected.status


@pytest.mark.parametrize("seed", range(4))
def test_a_dense_log_reads_like_explain_reads_each_error(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, matcher: str
) -> None:
    """Every corpus shape in one log, in random order, one to three log lines apart: scan (which decodes only the
    regions around candidate lines) finds each error once, as explain does on that error alone, and so does decoding
    the whole text record by record (no cut-short shape swallows its neighbours)."""
    rng = random.Random(seed)
    samples = sorted(CORPUS.glob("*.txt"))
    rng.shuffle(samples)
    texts = [p.read_text(encoding="utf-8").rstrip("\n") + "\n" for p in samples]
    text = "".join(NOISE * rng.randrange(1, 4) + t for t in texts)
    log = tmp_path / "dense.log"
    log.write_text(text, encoding="utf-8")
    each = [(d.category, d.status) for d in map(explain_text, texts) if d.category != "unknown"]
    assert [(d.category, d.status) for d in find_all(text)] == each
    _totals, found = scan_sources([str(log)], workers=1, keep_occurrences=True)
    assert [(o.diagnosis.category, o.diagnosis.status) for o in _kept(found)] == each
    monkeypatch.setattr(scan_command, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(scan_command, "RANGE_BYTES", 4096)
    _totals, in_parallel = scan_sources([str(log)], workers=2, keep_occurrences=True)
    assert _where(in_parallel) == _where(found)
    # Chunks of 2 KiB: many chunk edges, each cut before a log entry, none inside a traceback or an envelope.
    monkeypatch.setattr(reader, "CHUNK", 2048)
    for workers in (1, 2):
        _totals, small = scan_sources([str(log)], workers=workers, keep_occurrences=True)
        assert _where(small) == _where(found)


def test_a_truncated_gzip_keeps_what_came_before_the_damage(tmp_path: Path) -> None:
    lines = [NOISE] * 3000 + ["Error: connect ECONNREFUSED 127.0.0.1:443\n"] + [NOISE] * 3000
    data = gzip.compress("".join(lines * 20).encode())
    damaged = tmp_path / "app.log.gz"
    damaged.write_bytes(data[: len(data) * 3 // 4])
    totals, tally = scan_sources([str(damaged)], workers=1)
    assert any("gzip" in problem for problem in totals.problems)
    assert 10 <= sum(g.count for g in tally.groups.values()) < 20
    assert totals.files == [str(damaged)]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["scan", "a.log"], (["a.log"], False, None)),
        (["scan", "--json", "a.log", "b.log.gz", "-"], (["a.log", "b.log.gz", "-"], True, None)),
        (["scan", "--", "--json"], (["--json"], False, None)),
        (["scan", "a.log", "--lang", "zh-CN"], (["a.log"], False, "zh-CN")),
        (["scan", "--lang"], None),
        (["scan"], None),  # Typer says a file is missing
        (["scan", "--help"], None),
        (["scan", "--jsn", "a.log"], None),
        (["explain", "529"], None),
    ],
)
def test_fast_path_grammar(argv: list[str], expected: tuple[list[str], bool, str | None] | None) -> None:
    assert fast_scan_args(argv) == expected


def test_scan_skips_typer(tmp_path: Path) -> None:
    log = tmp_path / "a.log"
    log.write_text(NOISE)
    probe = (
        "import sys; from claude_doctor import entrypoint; entrypoint._run(sys.argv[1:]); print('typer' in sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe, "scan", "--json", str(log)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert proc.stdout.strip().endswith("False")


def test_stdin_and_empty(tmp_path: Path) -> None:
    proc = run(
        "--json", "-", stdin=(NOISE + 'API Error: 529 {"type":"error","error":{"type":"overloaded_error"}}\n').encode()
    )
    assert json.loads(proc.stdout)["by_category"] == {"overloaded": 1}
    empty = tmp_path / "empty.log"
    empty.write_text("")
    proc = run("--json", str(empty))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["errors"] == 0


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (bytes(range(256)) * 64, "binary"),
        (b"caf\xe9 " + NOISE.encode() + b"API Error: 529 Overloaded\n", "not UTF-8"),
        (gzip.compress((NOISE * 2000).encode())[:-300], "gzip"),
    ],
)
def test_bad_inputs_say_so_and_go_on(content: bytes, needle: str, tmp_path: Path) -> None:
    bad = tmp_path / ("bad.gz" if needle == "gzip" else "bad.log")
    bad.write_bytes(content)
    good = tmp_path / "good.log"
    good.write_text(NOISE + "Error: connect ECONNREFUSED 127.0.0.1:443\n")
    proc = run("--json", str(bad), str(good), str(tmp_path / "missing.log"), str(tmp_path))
    assert "Traceback" not in proc.stderr
    assert needle in proc.stderr
    assert "no such file" in proc.stderr
    assert "is a directory" in proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["by_category"].get("connect") == 1


def test_nothing_readable_exits_2(tmp_path: Path) -> None:
    proc = run(str(tmp_path / "missing.log"))
    assert proc.returncode == 2
    assert "no such file" in proc.stderr


def test_table_output(planted: tuple[Path, dict[str, int]]) -> None:
    path, _counts = planted
    proc = run(str(path))
    assert "rate_limited" in proc.stdout
    assert "Fix first:" in proc.stdout


def test_verdict_puts_what_cannot_clear_first() -> None:
    from claude_doctor.decode import explain_text as ex
    from claude_doctor.scan.occurrences import Occurrence
    from claude_doctor.scan.summary import verdict

    overloaded = ex('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')
    credit = ex("Credit balance is too low")
    occurrences = [Occurrence(overloaded, i, None) for i in range(9)] + [Occurrence(credit, 99, None)]
    text = verdict(group(occurrences), 1000)
    assert "90% are 529 overloaded_error" in text  # the status follows from the type (inferred)
    assert text.index("Fix first:") < text.index(credit.title)


def test_memory_does_not_grow_with_the_number_of_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tracemalloc

    monkeypatch.setattr(reader, "CHUNK", 64 * 1024)
    error = "2026-11-25T10:00:00Z ERROR anthropic.RateLimitError: Error code: 429 - {'type': 'error'}\n"
    peaks = []
    for errors in (2_000, 20_000):
        log = tmp_path / f"{errors}.log"
        log.write_text((NOISE + error) * errors)
        tracemalloc.start()
        _totals, tally = scan_sources([str(log)], workers=1)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert sum(g.count for g in tally.groups.values()) == errors
    assert peaks[1] < peaks[0] * 1.5, peaks  # ten times the errors, about the same memory


def test_progress_adds_up_to_the_bytes_on_disk(
    planted: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bar's total is the files' sizes on disk, so progress is counted in those bytes, compressed ones too."""
    path, _counts = planted
    zipped = tmp_path / "app.log.gz"
    zipped.write_bytes(gzip.compress(path.read_bytes()))
    monkeypatch.setattr(reader, "CHUNK", 256 * 1024)
    monkeypatch.setattr(scan_command, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(scan_command, "RANGE_BYTES", 512 * 1024)
    for name, workers in ((path, 1), (path, 2), (zipped, 1)):
        steps: list[int] = []
        scan_sources([str(name)], workers=workers, on_progress=steps.append)
        assert sum(steps) == name.stat().st_size, name
        assert len(steps) > 3  # it moves as the scan goes, not once at the end


# -- bounded work whatever the input -----------------------------------------------------------------------------------

LONG_LINE_LOG = (
    b"INFO start\n"
    + b"a" * 3_000_000
    + b" API Error: 529 hidden in the part read past\n"
    + b"Error: connect ECONNREFUSED 127.0.0.1:443\n"
)


@pytest.mark.parametrize(("workers", "parallel_min"), [(1, 10**12), (2, 1)])
def test_a_line_with_no_break_in_sight_is_cut_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int, parallel_min: int
) -> None:
    monkeypatch.setattr(reader, "MAX_LINE", 256 * 1024)
    monkeypatch.setattr(reader, "CHUNK", 64 * 1024)
    monkeypatch.setattr(scan_command, "PARALLEL_MIN_BYTES", parallel_min)
    monkeypatch.setattr(scan_command, "RANGE_BYTES", 1024 * 1024)
    log = tmp_path / "one-long-line.log"
    log.write_bytes(LONG_LINE_LOG)
    totals, tally = scan_sources([str(log)], workers=workers, keep_occurrences=True)
    assert [(o.diagnosis.category, o.line) for o in _kept(tally)] == [("connect", 3)]  # numbered past the cut line
    assert totals.lines == 3
    assert totals.bytes == len(LONG_LINE_LOG)
    (problem,) = totals.problems
    assert "1 line with no line break within 256 KiB (2.86 MiB)" in problem
    assert "only the first 256 KiB" in problem


def test_a_cut_line_is_reported_from_standard_input_too() -> None:
    long_line = b"a" * 20_000_000  # past 8 MiB and one more read of 8 MiB, with no break in sight
    proc = run("--json", "-", stdin=b"INFO start\n" + long_line + b"\nError: connect ECONNREFUSED 1.2.3.4:443\n")
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["errors"] == 1
    assert doc["groups"][0]["first_at"]["line"] == 3
    assert any("no line break within 8 MiB" in p for p in doc["problems"])
    assert "no line break within 8 MiB" in proc.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_stream_of_zeros_is_refused_at_once() -> None:
    for args in (["--json", "-"], ["--json", "/dev/zero"]):
        with open("/dev/zero", "rb") as zero:
            proc = subprocess.run(
                [sys.executable, "-m", "claude_doctor", "scan", *args],
                stdin=zero,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        assert proc.returncode == 2, args
        assert "binary" in proc.stderr
        assert "Traceback" not in proc.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_named_pipes_are_waited_for_a_bounded_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inputs, "WAIT_S", 0.3)
    silent, fed = tmp_path / "silent", tmp_path / "fed"
    os.mkfifo(silent)
    os.mkfifo(fed)
    good = tmp_path / "good.log"
    good.write_text(NOISE + "Error: connect ECONNREFUSED 127.0.0.1:443\n")

    def feed() -> None:
        with fed.open("wb") as handle:
            handle.write((NOISE + 'API Error: 529 {"type":"error","error":{"type":"overloaded_error"}}\n').encode())

    writer = threading.Thread(target=feed)
    writer.start()
    started = time.monotonic()
    totals, tally = scan_sources([str(silent), str(fed), str(good)], workers=1)
    writer.join()
    assert time.monotonic() - started < 5
    assert any("nothing arrived on" in p and "silent" in p for p in totals.problems), totals.problems
    assert totals.files == [str(fed), str(good)]
    assert sorted(g.category for g in tally.groups.values()) == ["connect", "overloaded"]


FREE_LIST_BLUR = 1024 * 1024  # bytes: freed objects parked in the interpreter's free lists, whatever the log


def test_memory_stays_flat_with_endless_kinds_of_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Made-up error types, each different: past summary.MAX_GROUPS kinds, new ones are counted together, and the
    decode cache stops at its own bound."""
    import gc
    import tracemalloc

    monkeypatch.setattr(summary, "MAX_GROUPS", 50)
    monkeypatch.setattr(occurrences, "CACHE_RECORDS", 100)
    monkeypatch.setattr(reader, "CHUNK", 2 * 1024)
    logs = []
    for kinds in (300, 3_000):
        log = tmp_path / f"{kinds}.log"
        log.write_text(
            "".join(f'API Error: 400 {{"type":"error","error":{{"type":"made_up_{i}_error"}}}}\n' for i in range(kinds))
        )
        logs.append((kinds, log))
    # A warm-up scan first, for first-use caches. What the scan keeps is measured after a full collection, which also
    # empties the interpreter's free lists (up to 2,000 freed tuples of each size, still counted as allocated): how
    # full they were when a run began depends on what ran before, so they only blur the peak, by a fixed amount.
    scan_sources([str(logs[-1][1])], workers=1)
    kept, peaks = [], []
    for kinds, log in logs:
        gc.collect()
        tracemalloc.start()
        _totals, tally = scan_sources([str(log)], workers=1)
        peaks.append(tracemalloc.get_traced_memory()[1])
        gc.collect()
        kept.append(tracemalloc.get_traced_memory()[0])
        tracemalloc.stop()
        assert len(tally.groups) <= 51
        assert sum(g.count for g in tally.groups.values()) == kinds
    assert kept[1] < kept[0] * 1.5, kept
    assert peaks[1] < peaks[0] * 1.5 + FREE_LIST_BLUR, peaks


def test_a_long_stream_over_worker_processes_agrees_with_one_process(
    planted: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Standard input and gzip files past STREAM_PARALLEL_AFTER: chunks handed to workers through shared memory, a
    few slots reused many times, give the same occurrences, line numbers and totals as one process."""
    path, _counts = planted
    zipped = tmp_path / "app.log.gz"
    zipped.write_bytes(gzip.compress(path.read_bytes()))
    totals_one, one = scan_sources([str(zipped)], workers=1, keep_occurrences=True)
    monkeypatch.setattr(reader, "CHUNK", 64 * 1024)
    monkeypatch.setattr(scan_command, "STREAM_PARALLEL_AFTER", 128 * 1024)
    totals_two, two = scan_sources([str(zipped)], workers=2, keep_occurrences=True)
    assert _where(two) == _where(one)
    assert document(totals_two, two.sorted()) == document(totals_one, one.sorted())
    assert totals_two.lines == path.read_bytes().count(b"\n")
    assert totals_two.bytes == path.stat().st_size


def test_long_lines_deep_in_a_stream_over_worker_processes_agree_with_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the first bytes, chunks are read straight into shared slots: a line cut to its head, a line longer than
    a slot but shorter than the cut, and an entry followed by long lines (a chunk that outgrows its slot) are read as
    one process reads them, line numbers and cuts included."""
    monkeypatch.setattr(reader, "MAX_LINE", 256 * 1024)
    monkeypatch.setattr(reader, "CHUNK", 64 * 1024)  # the same reads in both: where a line is cut depends on them
    error = "Error: connect ECONNREFUSED 127.0.0.1:443\n"
    parts = [NOISE * 3000, "x" * (900 * 1024) + " " + error, NOISE * 500, error, "y" * (200 * 1024) + "\n"]
    parts += [NOISE * 400, "INFO record\n" + ("z" * 60_000 + "\n") * 8, error, NOISE * 3000, error]
    data = "".join(parts * 2).encode()
    zipped = tmp_path / "app.log.gz"
    zipped.write_bytes(gzip.compress(data))
    totals_one, one = scan_sources([str(zipped)], workers=1, keep_occurrences=True)
    # more chunks held before the workers start than there are slots: the later ones are copied out and back
    monkeypatch.setattr(scan_command, "STREAM_PARALLEL_AFTER", 512 * 1024)
    totals_two, two = scan_sources([str(zipped)], workers=2, keep_occurrences=True)
    assert _where(two) == _where(one)
    assert len(_where(two)) == 6  # the error at the end of each cut line is not seen
    assert document(totals_two, two.sorted()) == document(totals_one, one.sorted())
    assert totals_two.lines == data.count(b"\n")
    assert totals_two.bytes == len(data)
    assert any("2 lines with no line break within 256 KiB" in problem for problem in totals_two.problems)


def test_a_damaged_gzip_over_worker_processes_keeps_what_came_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [NOISE] * 3000 + ["Error: connect ECONNREFUSED 127.0.0.1:443\n"] + [NOISE] * 3000
    data = gzip.compress("".join(lines * 20).encode())
    damaged = tmp_path / "app.log.gz"
    damaged.write_bytes(data[: len(data) * 3 // 4])
    monkeypatch.setattr(reader, "CHUNK", 256 * 1024)
    monkeypatch.setattr(scan_command, "STREAM_PARALLEL_AFTER", 512 * 1024)
    totals, tally = scan_sources([str(damaged)], workers=2)
    assert any("gzip" in problem for problem in totals.problems)
    assert 10 <= sum(g.count for g in tally.groups.values()) < 20


def test_standard_input_over_worker_processes(planted: tuple[Path, dict[str, int]]) -> None:
    """The real process, reading a pipe: the same answer as for the file."""
    path, _counts = planted
    from_file = json.loads(run("--json", str(path)).stdout)
    with path.open("rb") as source:
        cat = subprocess.Popen(["cat"], stdin=source, stdout=subprocess.PIPE)
        code = (
            "from claude_doctor.scan import engine, reader; reader.CHUNK = 64 * 1024; "
            "engine.STREAM_PARALLEL_AFTER = 128 * 1024; from claude_doctor.entrypoint import main; main()"
        )
        proc = subprocess.run(
            [sys.executable, "-c", code, "scan", "--json", "-"],
            stdin=cat.stdout,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert cat.stdout is not None
        cat.stdout.close()
        cat.wait()
    from_pipe = json.loads(proc.stdout)
    for key in ("lines", "bytes", "errors", "by_category", "by_status"):
        assert from_pipe[key] == from_file[key], key
    assert [g["first_at"]["line"] for g in from_pipe["groups"]] == [g["first_at"]["line"] for g in from_file["groups"]]

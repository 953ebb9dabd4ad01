"""The fast path in `entrypoint.py` is held to the Typer CLI in `cli.py`.

Parity: the same command line runs through the fast path (`python -m claude_doctor …` in a subprocess, as users run
it) and through Typer (`claude_doctor.cli.app` under `typer.testing.CliRunner`, in process, which never takes the
fast path); standard output, standard error and the exit code must be identical. Grammar: each flag and option the
fast path takes is the Typer option of the same name and meaning, and any command line Typer would parse differently
or reject makes the fast path step aside. Weight: the fast path's JSON forms load neither rich nor typer nor httpx
(nor, for `check --offline --json`, anything that speaks to the network).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claude_doctor import entrypoint
from claude_doctor.cli import ClientChoice, Language, OutputFormat, app
from claude_doctor.entrypoint import (
    CHECK_DEFAULTS,
    CHECK_FLAGS,
    CHECK_VALUES,
    CLIENT_CHOICES,
    EXPLAIN_FLAGS,
    FORMAT_CHOICES,
    LANG_CHOICES,
    SCAN_FLAGS,
    fast_check_args,
    fast_explain_args,
    fast_scan_args,
    root_language,
)

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "decode" / "corpus"
# Both paths see the same terminal: no colour, a fixed width (rich would otherwise ask the real terminal).
ENV = {"NO_COLOR": "1", "COLUMNS": "100"}
NOISE = "2026-11-25T10:00:00Z INFO worker.jobs job 81723 finished in 41ms (queue=default, attempts=1)\n"
ENVELOPE = (CORPUS / "json_overloaded_compact.txt").read_bytes()
TRACEBACK = (CORPUS / "py_traceback_refused.txt").read_bytes()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("parity")
    paste = root / "error.txt"
    paste.write_bytes((CORPUS / "curl_429_headers.txt").read_bytes())
    log = root / "app.log"
    errors = [(CORPUS / f"{n}.txt").read_text() for n in ("py_rate_limit_repr", "cc_api_error_529", "node_econnreset")]
    log.write_text("".join(NOISE * 7 + f"2026-11-25T10:0{i}:00Z ERROR {e.strip()}\n" for i, e in enumerate(errors)))
    zipped = root / "old.log.gz"
    zipped.write_bytes(gzip.compress(log.read_bytes()))
    clean = root / "clean.log"
    clean.write_text(NOISE * 20)
    return {
        "paste": str(paste),
        "log": str(log),
        "gz": str(zipped),
        "clean": str(clean),
        "missing": str(root / "gone.log"),
        "dir": str(root),
    }


# (id, argv with {file} placeholders, standard input). Every line here is one the fast path takes.
PARITY = [
    ("explain status", ["explain", "529"], b""),
    ("explain status json", ["explain", "--json", "529"], b""),
    ("explain flag after the term", ["explain", "529", "--json"], b""),
    ("explain error type", ["explain", "overloaded_error"], b""),
    ("explain error code json", ["explain", "--json", "enforced_spend_limit_reached"], b""),
    ("explain network term", ["explain", "ECONNREFUSED"], b""),
    ("explain pasted text", ["explain", "API Error: 529 " + ENVELOPE.decode().strip()], b""),
    ("explain Chinese relay text", ["explain", "无效的令牌 (request id: 20250720182654457470344fBdI4eO0)"], b""),
    ("explain unrecognised", ["explain", "the weather is lovely today"], b""),
    ("explain unrecognised json", ["explain", "--json", "the weather is lovely today"], b""),
    ("explain stdin", ["explain", "-"], ENVELOPE),
    ("explain stdin json", ["explain", "--json", "-"], TRACEBACK),
    ("explain stdin empty", ["explain", "-"], b""),
    ("explain file", ["explain", "{paste}"], b""),
    ("explain file json", ["explain", "--json", "{paste}"], b""),
    ("explain missing file", ["explain", "{missing}"], b""),
    ("explain directory", ["explain", "{dir}"], b""),
    ("explain list", ["explain", "--list"], b""),
    ("explain list json", ["explain", "--list", "--json"], b""),
    ("explain json list", ["explain", "--json", "--list"], b""),
    ("explain list ignores the term", ["explain", "--list", "529"], b""),
    ("explain repeated flag", ["explain", "--json", "--json", "529"], b""),
    ("explain -- then a flag as text", ["explain", "--", "--json"], b""),
    ("explain json -- then stdin", ["explain", "--json", "--", "-"], ENVELOPE),
    ("explain -- then a dash word", ["explain", "--", "-5"], b""),
    ("explain nothing", ["explain"], b""),
    ("explain empty argument", ["explain", ""], b""),
    ("scan file", ["scan", "{log}"], b""),
    ("scan file json", ["scan", "--json", "{log}"], b""),
    ("scan json after the file", ["scan", "{log}", "--json"], b""),
    ("scan gzip and plain", ["scan", "--json", "{gz}", "{log}"], b""),
    ("scan clean", ["scan", "{clean}"], b""),
    ("scan stdin", ["scan", "-"], (NOISE * 3).encode() + TRACEBACK),
    ("scan stdin json", ["scan", "--json", "-"], (NOISE * 3).encode() + ENVELOPE),
    ("scan missing", ["scan", "--json", "{missing}"], b""),
    ("scan a file and a missing one", ["scan", "{log}", "{missing}"], b""),
    ("scan -- then stdin", ["scan", "--json", "--", "-"], ENVELOPE),
    # --lang: the root option, the command's, both (the command's wins), in Chinese and English.
    ("explain root lang", ["--lang", "zh-CN", "explain", "529"], b""),
    ("explain root lang=", ["--lang=zh-CN", "explain", "overloaded_error"], b""),
    ("explain command lang", ["explain", "--lang", "zh-CN", "ECONNREFUSED"], b""),
    ("explain command lang after", ["explain", "529", "--lang=zh-CN"], b""),
    ("explain both langs", ["--lang", "zh-CN", "explain", "529", "--lang", "en"], b""),
    ("explain lang json", ["--lang", "zh-CN", "explain", "--json", "529"], b""),
    ("explain lang list", ["explain", "--list", "--lang", "zh-CN"], b""),
    ("explain lang unrecognised", ["explain", "--lang", "zh-CN", "the weather is lovely today"], b""),
    ("explain lang missing file", ["--lang", "zh-CN", "explain", "{missing}"], b""),
    ("scan root lang", ["--lang", "zh-CN", "scan", "{log}"], b""),
    ("scan command lang", ["scan", "{log}", "--lang", "zh-CN"], b""),
    ("scan lang missing", ["scan", "--lang=zh-CN", "{log}", "{missing}"], b""),
]


def _argv(template: list[str], files: dict[str, str]) -> list[str]:
    return [item.format(**files) if item.startswith("{") else item for item in template]


@pytest.mark.parametrize(("template", "stdin"), [row[1:] for row in PARITY], ids=[row[0] for row in PARITY])
def test_fast_path_prints_what_typer_prints(template: list[str], stdin: bytes, files: dict[str, str]) -> None:
    argv = _argv(template, files)
    root = root_language(argv)
    assert root is not None, "not a fast-path line"
    command = root[1]
    assert fast_explain_args(command) is not None or fast_scan_args(command) is not None, "not a fast-path line"
    fast = subprocess.run(
        [sys.executable, "-m", "claude_doctor", *argv],
        input=stdin,
        capture_output=True,
        env={**os.environ, **ENV},
        timeout=60,
        check=False,
    )
    slow = CliRunner().invoke(app, argv, input=stdin, env=ENV)
    assert slow.exception is None or isinstance(slow.exception, SystemExit), slow.exception
    assert (fast.returncode, fast.stderr.decode(), fast.stdout.decode()) == (slow.exit_code, slow.stderr, slow.stdout)
    assert fast.stdout or fast.stderr  # something was said


# --- the grammar: each fast-path flag is the Typer option of the same name; everything else falls back -----------


@cache
def _command(name: str) -> Any:
    return typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "flags"), [("explain", EXPLAIN_FLAGS), ("scan", SCAN_FLAGS)])
def test_every_fast_flag_is_the_typer_flag_of_that_name(name: str, flags: dict[str, str]) -> None:
    params = {p.name: p for p in _command(name).params}
    for flag, param in flags.items():
        assert param in params, f"{name} {flag}: cli.py has no parameter {param}"
        option = params[param]
        assert flag in option.opts, f"{name}: {param} is {option.opts} in cli.py, {flag} in the fast path"
        assert option.is_flag, f"{name} {flag} takes a value in cli.py"
        assert option.default is False


@pytest.mark.parametrize(("name", "flags"), [("explain", EXPLAIN_FLAGS), ("scan", SCAN_FLAGS)])
def test_every_other_typer_option_makes_the_fast_path_step_aside(name: str, flags: dict[str, str]) -> None:
    parse = fast_explain_args if name == "explain" else fast_scan_args
    command = _command(name)
    options = [p for p in command.params if p.param_type_name == "option"]
    help_option = command.get_help_option(command.make_context(name, ["x"] if name == "scan" else []))
    spellings = {opt for p in [*options, help_option] for opt in [*p.opts, *p.secondary_opts]}
    assert "--help" in spellings
    for spelling in sorted(spellings - set(flags)):
        assert parse([name, spelling, "a.log"]) is None, f"the fast path takes {name} {spelling}, which it ignores"
        assert parse([name, "a.log", spelling]) is None
    handled = {p.name for p in options if set(p.opts) <= set(flags) and not p.secondary_opts}
    assert handled == set(flags.values())


def test_the_positional_arguments_match() -> None:
    (explain_arg,) = [p for p in _command("explain").params if p.param_type_name == "argument"]
    assert (explain_arg.name, explain_arg.nargs, explain_arg.required) == ("arg", 1, False)
    (scan_files,) = [p for p in _command("scan").params if p.param_type_name == "argument"]
    assert (scan_files.name, scan_files.nargs, scan_files.required) == ("files", -1, True)


# Tokens a command line is drawn from: the flags, the separator, stdin, values, and options Typer knows or refuses.
TOKENS = ["--json", "--list", "--", "-", "529", "a.log", "", "x y", "-x", "--bogus", "--help", "--json=1", "-5"]
TOKENS += ["--lis", "--jso", "--lang", "--lang=zh-CN", "zh-CN", "en", "--lang=fr", "zh_CN", "--lan"]


def _typer_params(name: str, args: list[str]) -> dict[str, Any] | None:
    """What Typer's own parser makes of `args`, or None when it would not run the command (an error, --help)."""
    command = _command(name)
    try:
        ctx = command.make_context(name, list(args))
    except BaseException:  # usage errors and --help leave as Typer's own exceptions (SystemExit for help)
        return None
    params = dict(ctx.params)
    if params.get("lang") is not None:
        params["lang"] = params["lang"].value  # the choice as typed, as the fast path keeps it
    return params


@given(st.sampled_from(["explain", "scan"]), st.lists(st.sampled_from(TOKENS), max_size=5))
@settings(max_examples=500, deadline=None)
def test_the_fast_path_parses_as_typer_parses(name: str, args: list[str]) -> None:
    """When the fast path takes a command line, Typer parses it to the same values (and any option the fast path does
    not know stays at its default); when Typer would refuse it, the fast path does not take it, so that Typer prints
    the usage error."""
    typer_params = _typer_params(name, args)
    fast: dict[str, Any] | None = None
    if name == "explain":
        explain = fast_explain_args([name, *args])
        if explain is not None:
            fast = {"arg": explain[0], "json_out": explain[1], "list_all": explain[2], "lang": explain[3]}
    else:
        scan = fast_scan_args([name, *args])
        if scan is not None:
            fast = {"files": scan[0], "json_out": scan[1], "lang": scan[2]}
    if typer_params is None or fast is None:
        assert fast is None, f"the fast path takes {args}, which Typer refuses"
        return
    defaults = {p.name: p.default for p in _command(name).params}
    assert typer_params == {**defaults, **fast}


# --- weight: the JSON forms load nothing heavy --------------------------------------------------------------------

HEAVY = ("rich", "typer", "httpx", "httpcore", "dotenv", "anthropic", "pydantic")


def _imported(argv: list[str], stdin: bytes = b"") -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "claude_doctor", *argv],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()[-2000:]
    json.loads(proc.stdout)  # it did its work
    names = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines() if "import time:" in line]
    assert "claude_doctor.entrypoint" in names
    return {n.split(".")[0] for n in names}


@pytest.mark.parametrize(
    ("template", "stdin"),
    [
        (["explain", "--json", "529"], b""),
        (["explain", "--json", "-"], TRACEBACK),
        (["explain", "--list", "--json"], b""),
        (["scan", "--json", "{log}"], b""),
    ],
    ids=["explain --json 529", "explain --json -", "explain --list --json", "scan --json FILE"],
)
def test_json_forms_load_nothing_heavy(template: list[str], stdin: bytes, files: dict[str, str]) -> None:
    loaded = _imported(_argv(template, files), stdin)
    assert "claude_doctor" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_probe_sees_heavy_imports_when_they_happen() -> None:
    """The same probe on a Typer path does see typer: the test above can fail."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "claude_doctor", "explain", "--help"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0
    assert any(line.rsplit("|", 1)[-1].strip() == "typer" for line in proc.stderr.decode().splitlines())
    assert entrypoint.fast_explain_args(["explain", "--help"]) is None


# --- check: the same, for its options with values -----------------------------------------------------------------

KEY = "sk-ant-api03-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z" * 3 + "AbCdEfGhIjKl" + "AA"
# Offline lines (the network would make two runs differ; -v shows each check's time) and a usage error the command
# itself reports.
CHECK_PARITY = [
    ("check offline", ["check", "--offline"]),
    ("check offline strict", ["check", "--offline", "--strict", "--send", "--timeout", "5"]),
    ("check offline json", ["check", "--offline", "--json"]),
    ("check offline markdown", ["check", "--offline", "--format", "markdown"]),
    ("check offline github", ["check", "--offline", "--format=github", "--strict"]),
    ("check offline for python", ["check", "--offline", "--for", "python", "--for=claude-code"]),
    ("check offline missing key allowed", ["check", "--offline", "--allow-missing-key", "--model", "claude-x"]),
    ("check timeout zero", ["check", "--timeout=0"]),
    ("check offline in Chinese", ["--lang", "zh-CN", "check", "--offline"]),
    ("check offline github in Chinese", ["check", "--offline", "--format", "github", "--lang=zh-CN"]),
    ("check offline json in Chinese", ["check", "--lang", "zh-CN", "--offline", "--json"]),
]


def _steady(text: str) -> str:
    """The JSON report's per-check timings differ between two runs; nothing else may."""
    if not text.startswith("{"):
        return text
    document = json.loads(text)
    for check in document.get("checks", []):
        check.pop("duration_ms", None)
    return json.dumps(document)


@pytest.mark.parametrize("argv", [row[1] for row in CHECK_PARITY], ids=[row[0] for row in CHECK_PARITY])
def test_check_fast_path_prints_what_typer_prints(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = root_language(argv)
    assert root is not None, "not a fast-path line"
    assert fast_check_args(root[1]) is not None, "not a fast-path line"
    project = tmp_path / "project"
    (project / ".claude").mkdir(parents=True)
    (project / ".claude" / "settings.json").write_text('{"model": "claude-haiku-4-5"}')
    monkeypatch.chdir(project)
    env = {**ENV, "ANTHROPIC_API_KEY": KEY}
    fast = subprocess.run(
        [sys.executable, "-m", "claude_doctor", *argv],
        capture_output=True,
        cwd=project,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )
    slow = CliRunner().invoke(app, argv, env=env)
    assert slow.exception is None or isinstance(slow.exception, SystemExit), slow.exception
    assert (fast.returncode, fast.stderr.decode(), _steady(fast.stdout.decode())) == (
        slow.exit_code,
        slow.stderr,
        _steady(slow.stdout),
    )
    assert fast.stdout or fast.stderr


def test_check_choices_are_the_cli_enums() -> None:
    """Every choice the fast path takes is one Typer takes. A client `cli.ClientChoice` gains is still checked, through
    Typer, until it is added to CLIENT_CHOICES too (the fast path steps aside for a word it does not know)."""
    assert tuple(f.value for f in OutputFormat) == FORMAT_CHOICES
    typer_clients = [c.value for c in ClientChoice]
    assert set(CLIENT_CHOICES) <= set(typer_clients), set(CLIENT_CHOICES) - set(typer_clients)
    for name in typer_clients:
        parsed = fast_check_args(["check", "--for", name])
        assert parsed is None or parsed["for_clients"] == (name,)
        assert (parsed is None) == (name not in CLIENT_CHOICES)


def test_lang_is_the_typer_option_of_the_root_and_of_every_command() -> None:
    """`--lang` takes the same choices on both paths, before the command and among its options."""
    assert tuple(language.value for language in Language) == LANG_CHOICES
    root = typer.main.get_command(app)
    for command in [root, *(_command(name) for name in ("explain", "scan", "check", "mock"))]:
        (option,) = [p for p in command.params if p.name == "lang"]
        assert option.opts == ["--lang"]
        assert not option.is_flag
        assert option.default is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["explain", "529"], (None, ["explain", "529"])),
        (["--lang", "zh-CN", "explain", "529"], ("zh-CN", ["explain", "529"])),
        (["--lang=en", "scan", "a.log"], ("en", ["scan", "a.log"])),
        (["--lang", "zh_CN", "explain", "529"], None),  # Typer's choice is zh-CN: its error message
        (["--lang", "--json", "explain"], None),
        (["--lang"], None),
        (["--lang=", "explain"], None),
    ],
)
def test_the_root_lang(argv: list[str], expected: tuple[str | None, list[str]] | None) -> None:
    assert root_language(argv) == expected
    if expected is None:  # Typer refuses it too
        assert CliRunner().invoke(app, argv).exit_code == 2


def test_every_check_option_is_the_typer_option_of_that_name() -> None:
    params = {p.name: p for p in _command("check").params}
    for flag, name in CHECK_FLAGS.items():
        assert name in params, f"check {flag}: cli.py has no parameter {name}"
        assert flag in params[name].opts, f"check: {name} is {params[name].opts} in cli.py, {flag} in the fast path"
        assert params[name].is_flag, f"check {flag} takes a value in cli.py"
    for option, name in CHECK_VALUES.items():
        assert name in params, f"check {option}: cli.py has no parameter {name}"
        assert params[name].opts == [option], f"check: {name} is {params[name].opts} in cli.py, {option} here"
        assert not params[name].is_flag, f"check {option} takes no value in cli.py"
        assert params[name].multiple == (option == "--for")
    assert set(CHECK_DEFAULTS) == set(params), "the fast path's defaults name every parameter of cli.check"
    assert _typer_check([]) == CHECK_DEFAULTS


def test_every_other_check_option_makes_the_fast_path_step_aside() -> None:
    command = _command("check")
    help_option = command.get_help_option(command.make_context("check", []))
    spellings = {opt for p in [*command.params, help_option] for opt in [*p.opts, *p.secondary_opts]}
    assert "--help" in spellings
    for spelling in sorted(spellings - set(CHECK_FLAGS) - set(CHECK_VALUES)):
        assert fast_check_args(["check", spelling]) is None, f"the fast path takes check {spelling}"
        assert fast_check_args(["check", "--offline", spelling, "x"]) is None


def _typer_check(args: list[str]) -> dict[str, Any] | None:
    """Typer's parse of `check ARGS` in the form `shell.run_check` receives it (choices as the words typed)."""
    params = _typer_params("check", args)
    if params is None:
        return None
    fmt = params["output_format"]
    params["output_format"] = None if fmt is None else fmt.value  # `lang` is a choice as typed already
    params["for_clients"] = tuple(c.value for c in params["for_clients"] or ())
    return params


CHECK_TOKENS = ["--offline", "--json", "--strict", "-v", "--verbose", "--send", "--run-helpers", "--debug"]
CHECK_TOKENS += ["--run-project-helper", "--allow-missing-key", "--format", "--format=json", "--output", "--for"]
CHECK_TOKENS += ["--for=all", "--timeout", "--timeout=2", "--model", "--model=m", "json", "github", "yaml", "python"]
CHECK_TOKENS += ["claude-code", "PYTHON", "2.5", "-1", "1_0", "inf", "٣", " 3", "", "-", "--", "x.md", "--help"]
CHECK_TOKENS += ["--bogus", "-vx", "--json=1", "--form", "--timeout=1e3", "--output=", "--for=rust"]
CHECK_TOKENS += ["--lang", "--lang=zh-CN", "zh-CN", "en", "--lang=de"]


@given(st.lists(st.sampled_from(CHECK_TOKENS), max_size=6))
@settings(max_examples=600, deadline=None)
def test_the_check_fast_path_parses_as_typer_parses(args: list[str]) -> None:
    """When the fast path takes a check command line, Typer parses it to the same values; when Typer would refuse it,
    the fast path does not take it."""
    typer_params = _typer_check(args)
    fast = fast_check_args(["check", *args])
    if typer_params is None or fast is None:
        assert fast is None, f"the fast path takes {args}, which Typer refuses"
        return
    assert typer_params == fast


def test_offline_check_json_loads_nothing_heavy(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "claude_doctor", "check", "--offline", "--json"],
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "ANTHROPIC_API_KEY": KEY},
        timeout=60,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr.decode()[-2000:]
    json.loads(proc.stdout)
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines() if "import time:" in line}
    loaded = {n.split(".")[0] for n in names}
    assert "claude_doctor" in loaded
    assert not loaded & {*HEAVY, "ssl"}, sorted(loaded & {*HEAVY, "ssl"})

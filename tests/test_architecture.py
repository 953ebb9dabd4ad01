"""The package's layers, checked on its source: every `import` and `from … import` (in functions and under
TYPE_CHECKING too, and `importlib.import_module` with a literal name), every read of the environment, every file or
console call.

- only `render/`, `shell.py`, `cli.py` and `entrypoint.py` import `claude_doctor.render`;
- `render/` imports nothing of the package but `model`, `secrets`, `i18n` (the message layer it shows people's
  words through), `texts` (the walk over a result's strings) and itself;
- the pure layers (`catalog`, `decode`, `retry`, `secrets`, `model`, `checks/resolve`, and `hosts` and
  `checks/inventory` which they use) import only pure modules of the package, no I/O library, and read no
  environment variable, file or console;
- inside `checks/`, only `sources/`, `network/` and `api/` touch the machine;
- only `render/` calls `print`;
- no import cycle between the package's first-level subpackages and modules.

Each rule is a function over a source tree, so the tests at the bottom also run it on small made-up packages and
show that it catches what it should.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "claude_doctor"

RENDER = f"{PACKAGE}.render"
MAY_IMPORT_RENDER = (RENDER, f"{PACKAGE}.shell", f"{PACKAGE}.cli", f"{PACKAGE}.entrypoint")
RENDER_MAY_IMPORT = (RENDER, f"{PACKAGE}.model", f"{PACKAGE}.secrets", f"{PACKAGE}.i18n", f"{PACKAGE}.texts")
PURE = tuple(
    f"{PACKAGE}.{name}"
    for name in (
        "catalog",
        "decode",
        "retry",
        "secrets",
        "model",
        "checks.resolve",
        "hosts",  # whose host a name is: used by checks.resolve
        "checks.inventory",  # the plain data checks.resolve decides from
        "i18n",  # the message layer: sentences are built where they are decided, translated in render
        "texts",  # the one walk over a result's strings, shared by translation, masking and the renderers
    )
)
CHECKS = f"{PACKAGE}.checks"
MACHINE_READERS = tuple(f"{CHECKS}.{name}" for name in ("sources", "network", "api"))

# Libraries whose business is I/O: processes, sockets, TLS, HTTP, the file system, the SDK.
IO_MODULES = (
    "subprocess",
    "socket",
    "ssl",
    "select",
    "selectors",
    "http.client",
    "http.server",
    "urllib.request",
    "shutil",
    "tempfile",
    "multiprocessing",
    "asyncio",
    "httpx",
    "httpcore",
    "dotenv",
    "certifi",
    "anthropic",
)
_OS_IO = """environ environb getenv getenvb putenv unsetenv access stat lstat listdir scandir walk open remove unlink
rename replace mkdir makedirs rmdir chmod chown system popen fork kill getcwd read write"""
_OS_PATH_IO = "exists lexists isfile isdir islink getsize getmtime realpath expanduser expandvars"
_PATH_IO = """read_text read_bytes write_text write_bytes open exists is_file is_dir is_symlink stat lstat iterdir glob
rglob mkdir unlink rmdir touch chmod expanduser home cwd resolve readlink samefile"""
OS_IO = frozenset(_OS_IO.split())  # os.<name>
OS_PATH_IO = frozenset(_OS_PATH_IO.split())  # os.path.<name>
PATH_IO = frozenset(_PATH_IO.split())  # <anything>.<name>(): pathlib's file-system methods
BUILTIN_IO = frozenset({"open", "input"})
STREAMS = frozenset({"stdin", "stdout", "stderr"})


@dataclass(frozen=True)
class Use:
    """One import, or one call that touches the machine, in one module."""

    module: str  # the module it is in, dotted
    target: str  # the module imported, or the call: "os.environ", "open()", "Path.read_text()"
    line: int

    def __str__(self) -> str:
        return f"{self.module}:{self.line} {self.target}"


def package_modules(src: Path, package: str = PACKAGE) -> dict[str, Path]:
    """Every module of the package under `src`, by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _from_base(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    here = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    here = here[: len(here) - (node.level - 1)]
    return ".".join([*here, node.module] if node.module else here)


def _dynamic_target(node: ast.Call) -> str | None:
    """The module named by `importlib.import_module("…")` / `__import__("…")`; for an f-string, its literal head."""
    func = node.func
    named = (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
        isinstance(func, ast.Name) and func.id in {"import_module", "__import__"}
    )
    if not named or not node.args:
        return None
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
        return str(arg.values[0].value).rstrip(".") or None
    return None


def imports(modules: dict[str, Path]) -> list[Use]:
    """Every import anywhere in every module: at the top, in functions, under TYPE_CHECKING, in try blocks."""
    uses: list[Use] = []
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                uses += [Use(module, alias.name, node.lineno) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = _from_base(module, path, node)
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    is_module = any(within(known, submodule) for known in modules)
                    uses.append(Use(module, submodule if is_module else base, node.lineno))
            elif isinstance(node, ast.Call) and (target := _dynamic_target(node)) is not None:
                uses.append(Use(module, target, node.lineno))
    return uses


def machine_calls(modules: dict[str, Path]) -> list[Use]:
    """Reads of the environment, file-system calls, console streams and `open`/`input`, found by name."""
    uses: list[Use] = []
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            target = None
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                owner, attr = node.value.id, node.attr
                if (owner == "os" and attr in OS_IO) or (owner == "sys" and attr in STREAMS):
                    target = f"{owner}.{attr}"
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Attribute)
                and isinstance(node.value.value, ast.Name)
                and (node.value.value.id, node.value.attr) == ("os", "path")
                and node.attr in OS_PATH_IO
            ):
                target = f"os.path.{node.attr}"
            if isinstance(node, ast.ImportFrom) and node.module in {"os", "os.path", "sys"}:
                wanted = {"os": OS_IO, "os.path": OS_PATH_IO, "sys": STREAMS}[node.module]
                names = [alias.name for alias in node.names if alias.name in wanted]
                target = f"from {node.module} import {', '.join(names)}" if names else None
            if isinstance(node, ast.Call):
                if isinstance(node.func, ast.Name) and node.func.id in BUILTIN_IO:
                    target = f"{node.func.id}()"
                elif isinstance(node.func, ast.Attribute) and node.func.attr in PATH_IO:
                    target = f".{node.func.attr}()"
            if target is not None:
                uses.append(Use(module, target, getattr(node, "lineno", 0)))
    return uses


def within(name: str, prefixes: str | Iterable[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in ([prefixes] if isinstance(prefixes, str) else prefixes))


def _ours(use: Use, package: str = PACKAGE) -> bool:
    return within(use.target, package)


# -- the rules: each returns the offending uses, as text ---------------------------------------------------------------


def render_imported_outside_the_shell(uses: list[Use]) -> list[str]:
    return [str(u) for u in uses if within(u.target, RENDER) and not within(u.module, MAY_IMPORT_RENDER)]


def render_importing_the_package(uses: list[Use]) -> list[str]:
    return [str(u) for u in uses if within(u.module, RENDER) and _ours(u) and not within(u.target, RENDER_MAY_IMPORT)]


def impurity_in_pure_layers(uses: list[Use], calls: list[Use]) -> list[str]:
    bad = [
        u
        for u in uses
        if within(u.module, PURE) and ((_ours(u) and not within(u.target, PURE)) or within(u.target, IO_MODULES))
    ]
    bad += [c for c in calls if within(c.module, PURE)]
    return [str(u) for u in bad]


def machine_touched_outside_the_readers(uses: list[Use], calls: list[Use]) -> list[str]:
    """In checks/, only sources/, network/ and api/ do I/O; the rest decides and reports."""
    bad = [u for u in uses if within(u.target, IO_MODULES)] + calls
    return [str(u) for u in bad if within(u.module, CHECKS) and not within(u.module, MACHINE_READERS)]


def prints_outside_render(calls_and_prints: list[Use]) -> list[str]:
    return [str(u) for u in calls_and_prints if u.target == "print()" and not within(u.module, RENDER)]


def print_calls(modules: dict[str, Path]) -> list[Use]:
    return [
        Use(module, "print()", node.lineno)
        for module, path in modules.items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print"
    ]


def layer(module: str) -> str:
    """A first-level subpackage or module of the package; the package's own `__init__` is the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def layer_cycles(uses: list[Use]) -> list[str]:
    """Each cycle between first-level layers, with one import that makes each of its edges."""
    edges: dict[str, dict[str, Use]] = {}
    for u in uses:
        if _ours(u) and layer(u.module) != layer(u.target):
            edges.setdefault(layer(u.module), {}).setdefault(layer(u.target), u)
    found: list[str] = []
    seen: set[frozenset[str]] = set()
    for cycle in _cycles(edges):
        key = frozenset(cycle)
        if key in seen:
            continue
        seen.add(key)
        hops = zip(cycle, [*cycle[1:], cycle[0]], strict=True)
        found.append(" -> ".join([*cycle, cycle[0]]) + ": " + "; ".join(str(edges[a][b]) for a, b in hops))
    return found


def _cycles(edges: dict[str, dict[str, Use]]) -> Iterator[list[str]]:
    """One cycle through each node that lies on one (depth-first, from every node)."""
    for start in sorted(edges):
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        visited: set[str] = set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, {})):
                if nxt == start:
                    yield path
                    stack.clear()
                    break
                if nxt not in visited:
                    visited.add(nxt)
                    stack.append((nxt, [*path, nxt]))


# -- the package as it is ----------------------------------------------------------------------------------------------

MODULES = package_modules(ROOT)
USES = imports(MODULES)
CALLS = machine_calls(MODULES)


def test_the_walk_sees_the_package() -> None:
    """A guard against an empty walk passing every rule: known imports of each kind are found."""
    assert f"{CHECKS}.resolve.credential" in MODULES
    found = {(u.module, u.target) for u in USES}
    assert (f"{PACKAGE}.shell", f"{PACKAGE}.render") in found  # top level
    assert (f"{PACKAGE}.shell", f"{PACKAGE}.checks.options") in found  # under TYPE_CHECKING
    assert (f"{PACKAGE}.commands.check", f"{PACKAGE}.checks.remote") in found  # inside a function
    assert (f"{PACKAGE}.model", f"{PACKAGE}.model") in found  # importlib.import_module(f"claude_doctor.model.{…}")
    assert any(c.module == f"{CHECKS}.sources.environment" and c.target == "os.environ" for c in CALLS)


def test_only_the_shell_imports_render() -> None:
    found = render_imported_outside_the_shell(USES)
    assert not found, "\n".join(found)


def test_render_imports_only_the_model_secrets_and_itself() -> None:
    found = render_importing_the_package(USES)
    assert not found, "\n".join(found)


def test_pure_layers_do_no_io() -> None:
    found = impurity_in_pure_layers(USES, CALLS)
    assert not found, "\n".join(found)


def test_inside_checks_only_the_readers_touch_the_machine() -> None:
    found = machine_touched_outside_the_readers(USES, CALLS)
    assert not found, "\n".join(found)


def test_only_render_prints() -> None:
    found = prints_outside_render(print_calls(MODULES))
    assert not found, "\n".join(found)


def test_no_cycle_between_layers() -> None:
    found = layer_cycles(USES)
    assert not found, "\n".join(found)


# -- the rules catch what they should, on made-up packages -------------------------------------------------------------


def _package(tmp_path: Path, files: dict[str, str]) -> dict[str, Path]:
    for name, text in {"__init__.py": "", **files}.items():
        path = tmp_path / PACKAGE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package_modules(tmp_path)


def _all_violations(modules: dict[str, Path]) -> list[str]:
    uses, calls = imports(modules), machine_calls(modules)
    return [
        *render_imported_outside_the_shell(uses),
        *render_importing_the_package(uses),
        *impurity_in_pure_layers(uses, calls),
        *machine_touched_outside_the_readers(uses, calls),
        *prints_outside_render(print_calls(modules)),
        *layer_cycles(uses),
    ]


CLEAN = {
    "render/__init__.py": "from claude_doctor.model import Diagnosis\nfrom claude_doctor import secrets\n",
    "model/__init__.py": "import importlib\nimportlib.import_module(f'claude_doctor.model.{1}')\n",
    "secrets.py": "import re\n",
    "shell.py": "from claude_doctor.render import emit\nfrom claude_doctor.commands import check\n",
    "commands/check.py": "def run():\n    from claude_doctor.checks.remote import run_remote\n",
    "checks/remote.py": "from claude_doctor.checks.network import path\nfrom claude_doctor.checks import api\n",
    "checks/sources/git.py": "import subprocess\nimport os\nos.environ.get('HOME')\n",
    "checks/resolve/endpoint.py": "from claude_doctor.hosts import host_kind\nfrom ..inventory import Inventory\n",
    "checks/inventory.py": "import sys\nPLATFORM = sys.platform\n",
    "hosts.py": "import ipaddress\n",
}

VIOLATIONS: list[tuple[dict[str, str], str]] = [
    (
        {"decode/x.py": "def f():\n    from claude_doctor.render import emit\n"},
        "claude_doctor.decode.x:2 claude_doctor.render",
    ),
    ({"commands/x.py": "from claude_doctor import render\n"}, "claude_doctor.commands.x:1 claude_doctor.render"),
    ({"render/x.py": "from claude_doctor.checks import state\n"}, "claude_doctor.render.x:1 claude_doctor.checks"),
    ({"render/y.py": "from claude_doctor import __version__\n"}, "claude_doctor.render.y:1 claude_doctor"),
    (
        {"catalog/x.py": "import typing\nif typing.TYPE_CHECKING:\n    from claude_doctor.checks.sources import git\n"},
        "claude_doctor.catalog.x:3 claude_doctor.checks.sources.git",
    ),
    ({"decode/x.py": "import subprocess\n"}, "claude_doctor.decode.x:1 subprocess"),
    ({"decode/y.py": "def f():\n    import httpx.client\n"}, "claude_doctor.decode.y:2 httpx.client"),
    ({"retry.py": "import os\nTOKEN = os.environ.get('X')\n"}, "claude_doctor.retry:2 os.environ"),
    ({"model/x.py": "from os import getenv\n"}, "claude_doctor.model.x:1 from os import getenv"),
    ({"catalog/y.py": "TEXT = open('docs/errors.md').read()\n"}, "claude_doctor.catalog.y:1 open()"),
    (
        {"catalog/z.py": "from pathlib import Path\nPath('x').write_text('')\n"},
        "claude_doctor.catalog.z:2 .write_text()",
    ),
    (
        {"checks/resolve/x.py": "from claude_doctor.checks.api.client import ApiClient\n"},
        "claude_doctor.checks.resolve.x:1 claude_doctor.checks.api.client",
    ),
    ({"checks/resolve/y.py": "import socket\n"}, "claude_doctor.checks.resolve.y:1 socket"),
    ({"checks/local/x.py": "import subprocess\n"}, "claude_doctor.checks.local.x:1 subprocess"),
    ({"checks/state.py": "import os\nHOME = os.environ['HOME']\n"}, "claude_doctor.checks.state:2 os.environ"),
    ({"checks/local/y.py": "import os\nos.access('f', os.R_OK)\n"}, "claude_doctor.checks.local.y:2 os.access"),
    ({"scan/x.py": "print('hello')\n"}, "claude_doctor.scan.x:1 print()"),
    (
        {
            "decode/x.py": "from claude_doctor.scan import engine\n",
            "scan/engine.py": "def f():\n    from claude_doctor.decode import x\n",
        },
        "decode -> scan -> decode: claude_doctor.decode.x:1 claude_doctor.scan.engine; claude_doctor.scan.engine:2",
    ),
    (
        {"mock/x.py": "from claude_doctor.cli import app\n", "cli.py": "from claude_doctor import mock\n"},
        "cli -> mock -> cli",
    ),
]


def test_a_clean_made_up_package_passes(tmp_path: Path) -> None:
    assert _all_violations(_package(tmp_path, CLEAN)) == []


@pytest.mark.parametrize(("files", "expected"), VIOLATIONS, ids=[v[1].split(": ")[0] for v in VIOLATIONS])
def test_each_violation_is_caught(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    found = _all_violations(_package(tmp_path, {**CLEAN, **files}))
    assert any(expected in line for line in found), found

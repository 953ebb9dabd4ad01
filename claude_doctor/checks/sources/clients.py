"""Which of Claude's clients are on this machine: Claude Code (its files, `claude` on PATH and the version it links
to), the Python SDK (the `anthropic` package in the interpreter that would run the user's code, and whether the project
declares it) and the TypeScript SDK (`node_modules/@anthropic-ai/sdk`, `package.json`). Read only; what they would do
is `checks.resolve.clients`'s job.

The Python interpreter is found the way the user's code would be run: an activated virtual environment
(`VIRTUAL_ENV`, `CONDA_PREFIX`), else a `.venv` or `venv` in the project, else `python3` on PATH, which is asked for
its `sys.path` (bounded by a timeout). Nothing else is executed: Claude Code's version is read from where `claude`
links to, not by running it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from claude_doctor.checks.inventory import ClientInstall, Inventory
from claude_doctor.checks.sources.git import repo_root
from claude_doctor.i18n import Msg

if TYPE_CHECKING:
    from claude_doctor.checks.context import CheckContext

_VERSION = re.compile(r"^\d+\.\d+\.\d+(?:[.-][0-9A-Za-z.]+)?$")
_DIST_INFO = re.compile(r"^anthropic-(\d[^-]*)\.dist-info$", re.IGNORECASE)
# A requirement naming the package `anthropic` (not `anthropic-foo`): pyproject, requirements, setup.cfg, Pipfile.
_PY_REQUIREMENT = re.compile(r"""(?:^|["'\s,\[])anthropic(?:\[[^\]]*\])?\s*(?:[<>=!~;]=?[^"'\s,]*|["',\s]|$)""", re.M)
_PY_DECLARATIONS = ("pyproject.toml", "requirements.txt", "requirements-dev.txt", "setup.cfg", "setup.py", "Pipfile")
TS_PACKAGE = "@anthropic-ai/sdk"
CLAUDE_CODE_PACKAGE = "@anthropic-ai/claude-code"
PYTHON_QUERY_TIMEOUT = 2.0


def collect_clients(ctx: CheckContext, inv: Inventory) -> None:
    interpreters = _interpreters(ctx)
    inv.installs = {
        "claude_code": claude_code_install(ctx, inv),
        "python": python_install(ctx, interpreters),
        "typescript": typescript_install(ctx),
    }
    inv.clouds.libraries = _libraries(interpreters[0][1]) if interpreters else {}
    inv.clouds.sdk_clouds = python_clouds(ctx)


def _project_folders(ctx: CheckContext) -> list[Path]:
    """The working directory and its parents up to the repository root (just the working directory outside one)."""
    root = repo_root(ctx.cwd)
    if root is None:
        return [ctx.cwd]
    return [ctx.cwd, *(p for p in ctx.cwd.parents if p == root or root in p.parents)]


# -- Claude Code ------------------------------------------------------------------------------------------------------


def claude_code_install(ctx: CheckContext, inv: Inventory) -> ClientInstall:
    path = ctx.env.get("PATH")
    binary = shutil.which("claude", path=path) if path else None
    version = _claude_code_version(Path(binary)) if binary else None
    files = [ctx.pretty(p) for _level, p in inv.settings_files]
    if inv.claude_json is not None:
        files.append(ctx.pretty(inv.claude_json_path))
    if inv.oauth is not None:
        files.append(ctx.pretty(inv.oauth.path))
    where: str
    if binary:
        where = Msg("claude on PATH ({path})", path=binary)
    elif files:
        where = Msg("its files ({files}); claude is not on PATH", files=", ".join(files))
    else:
        where = ""
    return ClientInstall("claude_code", bool(binary or files), version, where)


def _claude_code_version(binary: Path) -> str | None:
    """The version `claude` links to: the native installer's `versions/<x.y.z>`, or npm's package.json."""
    try:
        real = binary.resolve()
    except (OSError, RuntimeError):
        return None
    if _VERSION.match(real.name):
        return real.name
    for folder in list(real.parents)[:4]:
        manifest = folder / "package.json"
        try:
            if manifest.is_file():
                data = json.loads(manifest.read_text(encoding="utf-8"))
                if isinstance(data, dict) and data.get("name") == CLAUDE_CODE_PACKAGE:
                    version = data.get("version")
                    return version if isinstance(version, str) else None
        except (OSError, ValueError, RecursionError):
            return None
    return None


# -- Python SDK ------------------------------------------------------------------------------------------------------


def python_install(ctx: CheckContext, interpreters: list[tuple[str, list[Path]]] | None = None) -> ClientInstall:
    interpreters = _interpreters(ctx) if interpreters is None else interpreters
    depends = _python_declaration(ctx)
    notes: list[str] = []
    chosen_label = interpreters[0][0] if interpreters else None
    version: str | None = None
    for index, (label, sites) in enumerate(interpreters):
        found = _anthropic_version(sites)
        if found is None:
            continue
        if index == 0:
            version = found
        else:
            notes.append(
                Msg(
                    "anthropic {version} is installed in {other}, but code run with {interpreter} does not see it",
                    version=found,
                    other=label,
                    interpreter=chosen_label,
                )
            )
        break
    where: str
    if version is not None:
        where = Msg("anthropic {version} in {interpreter}", version=version, interpreter=chosen_label)
    elif depends is not None:
        where = Msg("declared in {declaration}", declaration=depends)
        if chosen_label:
            notes.append(Msg("anthropic is not installed in {interpreter}", interpreter=chosen_label))
    else:
        where = ""
    return ClientInstall(
        "python", version is not None or depends is not None, version, where, depends, chosen_label, tuple(notes)
    )


def _interpreters(ctx: CheckContext) -> list[tuple[str, list[Path]]]:
    """(label, site-packages folders) of each interpreter the user's code could run with, the likeliest first."""
    out: list[tuple[str, list[Path]]] = []
    for name in ("VIRTUAL_ENV", "CONDA_PREFIX"):
        prefix = ctx.env.get(name)
        if prefix:
            out.append((Msg("{prefix} ({variable})", prefix=prefix, variable=name), _prefix_sites(Path(prefix))))
    for folder in _project_folders(ctx):
        for name in (".venv", "venv"):
            venv = folder / name
            if (venv / "pyvenv.cfg").is_file():
                out.append((ctx.pretty(venv), _prefix_sites(venv)))
    if not out:
        found = _path_python(ctx)
        if found is not None:
            out.append(found)
    return out


def _prefix_sites(prefix: Path) -> list[Path]:
    try:
        return [*sorted((prefix / "lib").glob("python3*/site-packages")), prefix / "Lib" / "site-packages"]
    except OSError:
        return []


def _path_python(ctx: CheckContext) -> tuple[str, list[Path]] | None:
    """`python3` (or `python`) on PATH, asked for its sys.path: the interpreter a plain `python3 app.py` uses."""
    path = ctx.env.get("PATH")
    if not path:
        return None
    binary = shutil.which("python3", path=path) or shutil.which("python", path=path)
    if binary is None:
        return None
    binary = _pyenv_target(Path(binary), ctx) or binary
    laid_out = _standard_sites(Path(binary), ctx)
    if laid_out is not None:
        return Msg("{python} (on PATH)", python=binary), laid_out
    try:
        proc = subprocess.run(
            [binary, "-c", "import sys, json; print(json.dumps(sys.path))"],
            env=dict(ctx.env),
            cwd=ctx.cwd,
            capture_output=True,
            timeout=min(PYTHON_QUERY_TIMEOUT, max(0.2, ctx.remaining())),
            check=False,
            stdin=subprocess.DEVNULL,
        )
        entries = json.loads(proc.stdout.decode("utf-8", "replace").strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return Msg("{python} (on PATH; its packages could not be listed)", python=binary), []
    sites = [Path(e) for e in entries if isinstance(e, str) and e and not e.endswith(".zip")]
    return Msg("{python} (on PATH)", python=binary), sites


_VERSIONED = re.compile(r"^python(\d+\.\d+)$")


def _standard_sites(binary: Path, ctx: CheckContext) -> list[Path] | None:
    """The site-packages folders of an interpreter laid out the standard way (a virtual environment, or
    `PREFIX/bin/pythonX.Y` with `PREFIX/lib/pythonX.Y`), read from the disk rather than by starting it (tens of
    milliseconds saved on every `check`); None when the layout does not say, and the interpreter must be asked."""
    try:
        real = binary.resolve()
        prefix = real.parent.parent
        config = binary.parent.parent / "pyvenv.cfg"
        if config.is_file():
            sites = _prefix_sites(binary.parent.parent)
            text = config.read_text(encoding="utf-8", errors="replace").lower()
            if "include-system-site-packages = true" not in text.replace("\t", " "):
                return sites
            prefix = real.parent.parent  # the base interpreter's own folders come after the environment's
        else:
            sites = []
        versioned = _VERSIONED.match(real.name)
        libs = sorted((prefix / "lib").glob("python3.*"))
        version = versioned.group(1) if versioned else (libs[0].name[6:] if len(libs) == 1 else None)
        if version is None or not (prefix / "lib" / f"python{version}").is_dir():
            return None
    except (OSError, RuntimeError):
        return None
    user = ctx.home / ".local" / "lib" / f"python{version}" / "site-packages"
    lib = f"python{version}"
    sites += [user, prefix / "lib" / lib / "site-packages"]
    # Debian's layout: packages pip installs as root, then the distribution's own.
    sites += [prefix / "local" / "lib" / lib / "dist-packages", prefix / "lib" / "python3" / "dist-packages"]
    return sites


def _pyenv_target(shim: Path, ctx: CheckContext) -> str | None:
    """The interpreter a pyenv shim would run, found the way pyenv finds it (PYENV_VERSION, the nearest
    `.python-version`, then `$PYENV_ROOT/version`), so that the shim's own start-up is not paid; None when it is not a
    shim or the version is `system`."""
    if shim.parent.name != "shims":
        return None
    root = shim.parent.parent
    version = (ctx.env.get("PYENV_VERSION") or "").split(":")[0].strip()
    try:
        if not version:
            for folder in [ctx.cwd, *ctx.cwd.parents]:
                marker = folder / ".python-version"
                if marker.is_file():
                    words = marker.read_text(encoding="utf-8", errors="replace").split()
                    version = words[0] if words else ""
                    break
        if not version and (root / "version").is_file():
            words = (root / "version").read_text(encoding="utf-8", errors="replace").split()
            version = words[0] if words else ""
    except (OSError, IndexError):
        return None
    if not version or version == "system":
        return None
    target = root / "versions" / version / "bin" / shim.name
    return str(target) if target.is_file() else None


def _anthropic_version(sites: list[Path]) -> str | None:
    for site in sites:
        try:
            if not site.is_dir():
                continue
            with os.scandir(site) as entries:
                for entry in entries:
                    match = _DIST_INFO.match(entry.name)
                    if match and entry.is_dir():
                        return match.group(1)
        except OSError:
            continue
    return None


def _python_declaration(ctx: CheckContext, *, extras: bool = False) -> str | None:
    """`file: line` of the first declaration of `anthropic` among the project's dependency files (with `extras`, of
    the first one that names an extra: `anthropic[bedrock]`)."""
    for folder in _project_folders(ctx):
        for name in _PY_DECLARATIONS:
            path = folder / name
            try:
                if not path.is_file() or path.stat().st_size > 1024 * 1024:
                    continue
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            match = next((m for m in _PY_REQUIREMENT.finditer(text) if not extras or "anthropic[" in m.group(0)), None)
            if match:
                line = text[text.rfind("\n", 0, match.start()) + 1 :].split("\n", 1)[0].strip()
                return f"{ctx.pretty(path)}: {line[:80]}"
    return None


# The SDK's cloud clients, by the name the project's code uses, and the extras that install what they need.
_CLOUD_CLASSES = (("AnthropicBedrockMantle", "bedrock"), ("AnthropicBedrock", "bedrock"), ("AnthropicVertex", "vertex"))
_CLOUD_EXTRA = re.compile(r"""anthropic\[([a-z_,\s-]+)\]""")
_SKIP_DIRS = frozenset({"node_modules", "venv", "site-packages", "__pycache__", "build", "dist", "env"})
MAX_SOURCE_FILES = 2000
MAX_SOURCE_BYTES = 512 * 1024
_LIBRARIES = {"boto3": "boto3", "botocore": "botocore", "google_auth": "google-auth"}


def python_clouds(ctx: CheckContext) -> dict[str, str]:
    """bedrock / vertex → where this project uses the SDK's AnthropicBedrock / AnthropicVertex client: an extra in its
    declared dependencies (`anthropic[bedrock]`), else the class named in its Python files (at most
    MAX_SOURCE_FILES files of the working directory, four levels deep, skipping virtual environments)."""
    found: dict[str, str] = {}
    declaration = _python_declaration(ctx, extras=True)
    if declaration is not None:
        for extra in _CLOUD_EXTRA.findall(declaration):
            for name in extra.replace(" ", "").split(","):
                cloud = {"bedrock": "bedrock", "aws": "bedrock", "vertex": "vertex"}.get(name)
                if cloud is not None:
                    found.setdefault(cloud, declaration)
    for path in _python_sources(ctx.cwd):
        if len(found) == 2:
            break
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for name, cloud in _CLOUD_CLASSES:
            if cloud in found:
                continue
            at = text.find(name)
            if at >= 0:
                line = text.count("\n", 0, at) + 1
                found[cloud] = Msg("{name} in {file}:{line}", name=name, file=ctx.pretty(path), line=line)
    return found


def _python_sources(root: Path) -> list[Path]:
    out: list[Path] = []
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack and len(out) < MAX_SOURCE_FILES:
        folder, depth = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in _SKIP_DIRS:
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth < 4:
                        stack.append((Path(entry.path), depth + 1))
                elif entry.name.endswith(".py") and entry.is_file() and entry.stat().st_size <= MAX_SOURCE_BYTES:
                    out.append(Path(entry.path))
            except OSError:
                continue
            if len(out) >= MAX_SOURCE_FILES:
                break
    return out


def _libraries(sites: list[Path]) -> dict[str, str]:
    """boto3, botocore, google-auth → version, as installed where the project's code runs."""
    found: dict[str, str] = {}
    for site in sites:
        try:
            if not site.is_dir():
                continue
            with os.scandir(site) as entries:
                for entry in entries:
                    name, _, rest = entry.name.partition("-")
                    if rest.endswith(".dist-info") and name.lower() in _LIBRARIES:
                        found.setdefault(_LIBRARIES[name.lower()], rest.removesuffix(".dist-info"))
        except OSError:
            continue
    return found


# -- TypeScript SDK --------------------------------------------------------------------------------------------------


def typescript_install(ctx: CheckContext) -> ClientInstall:
    version, installed_at = None, None
    for folder in [ctx.cwd, *ctx.cwd.parents]:
        manifest = folder / "node_modules" / "@anthropic-ai" / "sdk" / "package.json"
        data = _json_file(manifest)
        if data is not None:
            found = data.get("version")
            version, installed_at = (found if isinstance(found, str) else "?"), manifest.parent
            break
    depends = None
    for folder in _project_folders(ctx):
        data = _json_file(folder / "package.json")
        if data is None:
            continue
        for section in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
            declared = data.get(section)
            if isinstance(declared, dict) and TS_PACKAGE in declared:
                depends = f"{ctx.pretty(folder / 'package.json')}: {TS_PACKAGE} {declared[TS_PACKAGE]}"
                break
        break  # the nearest package.json is the project's
    notes: list[str] = []
    where: str
    if installed_at is not None:
        where = Msg(
            "{package} {version} in {folder}", package=TS_PACKAGE, version=version, folder=ctx.pretty(installed_at)
        )
    elif depends is not None:
        where = Msg("declared in {declaration}", declaration=depends)
        notes.append(Msg("{package} is not installed (no node_modules): run npm install", package=TS_PACKAGE))
    else:
        where = ""
    return ClientInstall(
        "typescript", installed_at is not None or depends is not None, version, where, depends, None, tuple(notes)
    )


def _json_file(path: Path) -> dict[str, object] | None:
    try:
        if not path.is_file() or path.stat().st_size > 1024 * 1024:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) else None

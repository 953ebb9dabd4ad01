"""Secret hygiene: `.env` files git would commit, key files others can read, keys committed to the repository."""

from __future__ import annotations

from pathlib import Path

from claude_doctor.checks.inventory import SECRET_VARS, IniFile, SsoToken
from claude_doctor.checks.sources.files import mode_too_open
from claude_doctor.checks.sources.git import committed_keys, git_status_of, keys_in_history, repo_root
from claude_doctor.checks.state import LocalState
from claude_doctor.i18n import N_, Msg, plural
from claude_doctor.model import CheckResult

SECTION = "Credentials"


def _secret_files(state: LocalState) -> list[Path]:
    inv = state.inv
    paths = {Path(s.path) for s in (*inv.dotenv, *inv.settings_env) if s.path and s.name in SECRET_VARS and s.value}
    if inv.oauth is not None:
        paths.add(Path(inv.oauth.path))
    if isinstance((inv.claude_json or {}).get("primaryApiKey"), str):
        paths.add(Path(inv.claude_json_path))
    if inv.sdk_profile is not None and inv.sdk_profile.credentials is not None:
        paths.add(Path(inv.sdk_profile.credentials_path))
    if any(client.clouds for client in state.in_use()):  # the clouds' own secrets, when a client uses a cloud
        paths |= {Path(path) for path in _cloud_secret_files(state)}
    return sorted(paths)


def _cloud_secret_files(state: LocalState) -> list[str]:
    """AWS files holding keys, the SSO logins cached, and Google credential files holding a key or refresh token."""
    clouds = state.inv.clouds
    out = [
        ini.path
        for ini in clouds.aws_ini.values()
        if isinstance(ini, IniFile)
        and any(
            "aws_secret_access_key" in section or "aws_session_token" in section for section in ini.sections.values()
        )
    ]
    out += [token.path for token in clouds.sso_tokens.values() if isinstance(token, SsoToken)]
    out += [
        g.path
        for g in clouds.google.values()
        if g.exists and g.info and (g.text("private_key") or g.text("refresh_token"))
    ]
    return out


def check_dotenv_git(state: LocalState) -> list[CheckResult]:
    results: list[CheckResult] = []
    holding = sorted({s.path for s in state.inv.dotenv if s.path and s.name in SECRET_VARS and s.value})
    for raw in holding:
        path = Path(raw)
        where = state.ctx.pretty(path)
        status = git_status_of(path, timeout=min(2.0, state.ctx.remaining()))
        if status == "tracked":
            results.append(
                CheckResult(
                    f"hygiene.dotenv_git:{where}",
                    "fail",
                    Msg("{where} holds a key and is committed to git", where=where),
                    SECTION,
                    N_("anyone who can read the repository has the key"),
                    (
                        f"git rm --cached {path.name} && echo .env >> .gitignore",
                        N_("revoke the key at https://platform.claude.com/settings/keys and create a new one"),
                    ),
                )
            )
        elif status == "unignored":
            results.append(
                CheckResult(
                    f"hygiene.dotenv_git:{where}",
                    "warn",
                    Msg("{where} holds a key and git does not ignore it", where=where),
                    SECTION,
                    N_("one `git add .` and the key is in the history"),
                    (f"echo .env >> {path.parent / '.gitignore'}",),
                )
            )
        elif status == "ignored":
            results.append(
                CheckResult(
                    f"hygiene.dotenv_git:{where}",
                    "ok",
                    Msg("{where} is ignored by git", where=where),
                    SECTION,
                )
            )
        else:
            results.append(
                CheckResult(
                    f"hygiene.dotenv_git:{where}",
                    "skip",
                    Msg("{where}: not in a git repository", where=where),
                    SECTION,
                )
            )
    return results


def check_permissions(state: LocalState) -> list[CheckResult]:
    loose = [(path, mode) for path in _secret_files(state) if (mode := mode_too_open(path)) is not None]
    if not loose:
        files = _secret_files(state)
        if not files:
            return []
        title = plural("{n} file holding secrets is private", "{n} files holding secrets are private", n=len(files))
        return [CheckResult("hygiene.permissions", "ok", title, SECTION)]
    return [
        CheckResult(
            "hygiene.permissions",
            "warn",
            plural(
                "{n} file holding secrets is readable by other users",
                "{n} files holding secrets are readable by other users",
                n=len(loose),
            ),
            SECTION,
            Msg.joined("\n", [Msg("{path} mode {mode:o}", path=state.ctx.pretty(p), mode=mode) for p, mode in loose]),
            tuple(f"chmod 600 {p}" for p, _mode in loose),
            {"files": [str(p) for p, _mode in loose]},
        )
    ]


def check_committed_keys(state: LocalState) -> list[CheckResult]:
    root = repo_root(state.ctx.cwd)
    if root is None:
        return [
            CheckResult(
                "hygiene.committed_keys", "skip", N_("Not in a git repository: no committed keys to look for"), SECTION
            )
        ]
    leaks = committed_keys(root, timeout=min(3.0, state.ctx.remaining()))
    if leaks is None:
        return [CheckResult("hygiene.committed_keys", "skip", N_("git could not list the repository's files"), SECTION)]
    if not leaks:
        return [CheckResult("hygiene.committed_keys", "ok", N_("No keys in files tracked by git"), SECTION)]
    return [
        CheckResult(
            "hygiene.committed_keys",
            "fail",
            plural("{n} key committed to this repository", "{n} keys committed to this repository", n=len(leaks)),
            SECTION,
            "\n".join(f"{leak.path}:{leak.line} {leak.masked}" for leak in leaks[:20]),
            (
                N_("revoke each key at https://platform.claude.com/settings/keys, then remove it from the file"),
                N_("it stays in git history: rewrite history or treat the key as public"),
            ),
            {"files": sorted({leak.path for leak in leaks})},
        )
    ]


def check_history_keys(state: LocalState) -> list[CheckResult]:
    """Keys that a commit once added, on any branch: still readable by anyone with a clone, even when the files of
    today no longer hold them. The search is bounded in time; a partial search says so."""
    root = repo_root(state.ctx.cwd)
    if root is None:
        return []
    search = keys_in_history(root, timeout=min(4.0, max(0.5, state.ctx.remaining() / 3)))
    if search is None:
        return [
            CheckResult("hygiene.history_keys", "skip", Msg("git could not read the repository's history"), SECTION)
        ]
    today = committed_keys(root, timeout=min(2.0, state.ctx.remaining())) or []
    current = {leak.masked for leak in today}
    leaks = search.leaks
    scope = plural(
        "{n} commit that added or removed a key-like text",
        "{n} commits that added or removed a key-like text",
        n=search.commits,
    )
    partial = "" if search.complete else Msg("the search stopped at its time limit: older commits were not read")
    if not leaks:
        return [
            CheckResult(
                "hygiene.history_keys",
                "ok",
                Msg("No keys in the git history"),
                SECTION,
                Msg.joined("\n", [scope, partial] if partial else [scope]),
                data={"commits": search.commits, "complete": search.complete},
            )
        ]
    lines: list[str] = [
        Msg(
            "{masked}: added in commit {commit} ({date}), {path}; still in the files today",
            masked=leak.masked,
            commit=leak.commit,
            date=leak.date,
            path=leak.path,
        )
        if leak.masked in current
        else Msg(
            "{masked}: added in commit {commit} ({date}), {path}; since removed from the files",
            masked=leak.masked,
            commit=leak.commit,
            date=leak.date,
            path=leak.path,
        )
        for leak in leaks[:20]
    ]
    if partial:
        lines.append(partial)
    return [
        CheckResult(
            "hygiene.history_keys",
            "fail",
            plural(
                "{n} key in this repository's git history", "{n} keys in this repository's git history", n=len(leaks)
            ),
            SECTION,
            Msg.joined("\n", lines),
            (
                Msg(
                    "revoke each key at https://platform.claude.com/settings/keys: removing it from the files does not "
                    "take it out of the history"
                ),
                Msg(
                    "then rewrite the history (git filter-repo) if the repository is shared, or treat the keys as "
                    "public"
                ),
            ),
            {
                "commits": [{"commit": leak.commit, "date": leak.date, "path": leak.path} for leak in leaks],
                "complete": search.complete,
            },
        )
    ]

"""What can be wrong with a key or token judged by its text alone.

Shapes come from the reference (gitleaks' rules, §5 of api-facts.md): a standard key is `sk-ant-api03-` + 93 of
`[A-Za-z0-9_-]` + `AA` (108 characters). Anthropic does not publish these lengths, so a length mismatch is a warning;
characters a key can never hold are a failure.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from claude_doctor.checks.resolve.lint import Lint
from claude_doctor.i18n import N_, Msg
from claude_doctor.secrets import key_kind, vendor_of

_KEY_CHARS = re.compile(r"^[A-Za-z0-9_\-]+$")
EXPECTED_LENGTH: Final[dict[str, int]] = {"sk-ant-api03-": 108, "sk-ant-admin01-": 110, "sk-ant-oat01-": 108}
_PLACEHOLDER = re.compile(
    r"your[-_ ]?(?:api[-_ ]?)?key|api[-_ ]?key[-_ ]?here|<[^>]*>|\$\{[^}]*\}|^\.\.\.$|x{4,}|X{4,}|\*{3,}|"
    r"changeme|replace[-_ ]?me|placeholder|^sk-ant-(?:api03-)?\.\.\.|^sk-ant-x+$|^test$|^dummy|^fake",
    re.IGNORECASE,
)
_NAMED_CHARS: Final[dict[str, str]] = {
    "\u200b": N_("zero-width space"),
    "\u200c": N_("zero-width non-joiner"),
    "\u200d": N_("zero-width joiner"),
    "\u2060": N_("word joiner"),
    "\ufeff": N_("byte-order mark"),
    "\u00a0": N_("non-breaking space"),
    "\u2018": N_("curly quote ‘"),
    "\u2019": N_("curly quote ’"),
    "\u201c": N_("curly quote “"),
    "\u201d": N_("curly quote ”"),
    "\u2013": N_("en dash"),
    "\u2014": N_("em dash"),
}


def _char_name(ch: str) -> str:
    return _NAMED_CHARS.get(ch) or unicodedata.name(ch, f"U+{ord(ch):04X}").lower()


def _odd_characters(value: str) -> list[str]:
    out: list[str] = []
    for i, ch in enumerate(value, start=1):
        if ch in _NAMED_CHARS or ord(ch) > 0xFF or (ord(ch) < 0x20 and ch not in "\r\n\t") or ch == "\x7f":
            out.append(
                Msg(
                    "{character} (U+{code:04X}) at position {position}",
                    character=_char_name(ch),
                    code=ord(ch),
                    position=i,
                )
            )
    return out


def lint_credential(value: str, variable: str, *, header: str, third_party_host: str | None = None) -> list[Lint]:
    """Problems with one credential. `header` is how it will be sent: "x-api-key" or "authorization"."""
    if value == "":
        return [
            Lint(
                "fail",
                Msg("{variable} is set but empty; clients treat it as not set", variable=variable),
                Msg("unset {variable} or fill it", variable=variable),
            )
        ]
    lints: list[Lint] = []
    core = value
    if "\n" in value.strip() or "\r" in value.strip():
        lints.append(Lint("fail", N_("contains a line break"), N_("paste the key again on one line")))
    if core != core.strip():
        if core[:1].isspace() and core[-1:].isspace():
            problem = N_("has leading and trailing whitespace")
        elif core[:1].isspace():
            problem = N_("has leading whitespace")
        else:
            problem = N_("has trailing whitespace")
        lints.append(Lint("fail", problem, Msg("remove the spaces or newline around {variable}", variable=variable)))
        core = core.strip()
    if len(core) >= 2 and core[0] == core[-1] and core[0] in "'\"`":
        lints.append(Lint("fail", N_("is wrapped in quotes, which become part of the key"), N_("remove the quotes")))
        core = core[1:-1]
    if core.lower().startswith("bearer "):
        lints.append(
            Lint(
                "fail",
                N_("starts with 'Bearer ', pasted from a header"),
                N_("keep only the key; clients add 'Bearer '"),
            )
        )
        core = core[7:].strip()
    odd = _odd_characters(core)
    if odd:
        lints.append(
            Lint(
                "fail",
                Msg(
                    "contains characters a key never has: {characters}",
                    characters=Msg.joined(N_("; "), odd[:3] + (["…"] if len(odd) > 3 else [])),
                ),
                N_("type or copy the key again from the Console; word processors and chat apps insert these"),
            )
        )
        core = "".join(ch for ch in core if ch.isascii() and ch.isprintable())
    if _PLACEHOLDER.search(core):
        return [
            *lints,
            Lint("fail", N_("is a placeholder, not a real key"), N_("put your real key from the Console here")),
        ]
    lints.extend(_lint_kind(core, variable, header, third_party_host))
    return lints


def _lint_kind(core: str, variable: str, header: str, third_party_host: str | None) -> list[Lint]:
    kind = key_kind(core)
    if kind == "other_vendor":
        vendor = vendor_of(core) or N_("another vendor's key")
        if third_party_host:
            return [
                Lint(
                    "warn",
                    Msg(
                        "is {vendor}; fine only if {third_party_host} expects it",
                        vendor=vendor,
                        third_party_host=third_party_host,
                    ),
                )
            ]
        return [
            Lint(
                "fail",
                Msg("is {vendor}, not an Anthropic key", vendor=vendor),
                N_("create a Claude API key at https://platform.claude.com/settings/keys"),
            )
        ]
    if kind == "oauth_refresh":
        return [
            Lint(
                "fail",
                N_("is an OAuth refresh token (sk-ant-ort01-), which no API request accepts"),
                N_("use the access token, or run `claude setup-token` for a long-lived token"),
            )
        ]
    if kind == "admin_key":
        return [
            Lint(
                "fail",
                N_("is an Admin API key (sk-ant-admin01-): it manages the organization and cannot call Messages"),
                N_("use a standard API key (sk-ant-api03-) for model requests"),
            )
        ]
    if kind == "oauth_access" and header == "x-api-key":
        return [
            Lint(
                "fail",
                N_(
                    "is an OAuth access token (sk-ant-oat01-, a Claude subscription "
                    "login), not an API key; sent as x-api-key it gets 401 invalid "
                    "x-api-key"
                ),
                N_("put it in CLAUDE_CODE_OAUTH_TOKEN for Claude Code, or use a Console API key in ANTHROPIC_API_KEY"),
            )
        ]
    lints: list[Lint] = []
    if kind == "oauth_access":
        lints.append(
            Lint(
                "warn",
                N_(
                    "is an OAuth access token: accepted by Claude Code; the Messages API's "
                    "OAuth protocol is undocumented and other clients may get 401 'OAuth "
                    "authentication is currently not supported'"
                ),
            )
        )
    if kind == "unknown":
        if third_party_host:
            return [
                Lint(
                    "warn",
                    Msg(
                        "has no Anthropic prefix; fine only if {third_party_host} issued it",
                        third_party_host=third_party_host,
                    ),
                )
            ]
        return [
            Lint(
                "fail",
                N_("does not start with sk-ant-: not an Anthropic key"),
                N_("create a key at https://platform.claude.com/settings/keys"),
            )
        ]
    if not _KEY_CHARS.match(core):
        bad = sorted({ch for ch in core if not re.match(r"[A-Za-z0-9_\-]", ch)})
        lints.append(
            Lint(
                "fail",
                Msg("contains characters a key never has: {characters}", characters=" ".join(bad)),
                N_("copy the key again"),
            )
        )
    for prefix, length in EXPECTED_LENGTH.items():
        if core.startswith(prefix) and len(core) != length:
            lints.append(
                Lint(
                    "warn",
                    Msg(
                        "is {length} characters long; {prefix} keys are {expected}: truncated or with extra text?",
                        length=len(core),
                        prefix=prefix,
                        expected=length,
                    ),
                    N_("copy the whole key again (the Console shows it only once; create a new one if needed)"),
                )
            )
    if core.startswith(("sk-ant-api03-", "sk-ant-admin01-")) and len(core) > 20 and not core.endswith("AA"):
        lints.append(Lint("warn", N_("does not end in 'AA' as standard keys do: the end may be cut off")))
    return lints

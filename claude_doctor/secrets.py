"""The one table of credential shapes, and everything derived from it: kind by prefix, masking, redaction of free
text, and scrubbing for CI logs. Pure: no I/O.

Two families of shape. Self-identifying tokens carry their kind in their first characters (`sk-ant-api03-`, `AKIA`,
`AIza`, `ya29.`) and are found anywhere. Context secrets have no shape of their own (an AWS secret key, a proxy
password, a bearer token, `?key=` in a URL) and are found by what names them; only the value is masked.

Every secret body is matched atomically and never nests quantifiers, so redacting any text costs one linear pass per
shape, and a value already masked (`…` right after it) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Final, TypeVar

from claude_doctor.i18n import N_
from claude_doctor.texts import map_texts

SHOWN: Final = 4  # characters kept at each end of a longer secret's body
# Shorter than this, a secret is shown only as its prefix and length: the ends shown are never more than half of it.
MIN_MASKED_BODY: Final = 4 * SHOWN
CREDENTIAL_WORD: Final = "[credential]"
T = TypeVar("T")


class Shape:
    """One kind of credential. `keep` matches the part a mask may show (a public prefix; empty for context secrets);
    `body` matches the secret itself; `before` is the context that names a context secret.

    A plain class rather than a dataclass: this module is on `explain`'s start-up path."""

    __slots__ = ("before", "body", "keep", "kind", "label", "name")

    def __init__(self, name: str, kind: str, label: str, keep: str = "", body: str = "", before: str = "") -> None:
        self.name = name
        self.kind = kind  # api_key, admin_key, oauth_access, oauth_refresh, other_vendor, cloud, token, password
        self.label = label  # for people: "an OpenAI project key"
        self.keep = keep
        self.body = body
        self.before = before

    def __repr__(self) -> str:
        return f"Shape({self.name!r})"


_TOKEN_CHARS = r"[A-Za-z0-9_\-]"
_B64ISH = r"[A-Za-z0-9/+=]"
# Not glued to a longer word: `task-…` holds `sk-` but is not a key.
_EDGE = r"(?<![A-Za-z0-9_\-.])"
_ASSIGN = r"""["']?\s{0,3}[:=]\s{0,3}["']?"""

SHAPES: Final[tuple[Shape, ...]] = (
    # Anthropic (api-facts.md §5): the kind is in the prefix; api01 keys are the older form of api03.
    Shape("anthropic_api_key", "api_key", N_("an Anthropic API key"), r"sk-ant-api\d\d-", _TOKEN_CHARS + "{8,}"),
    Shape(
        "anthropic_admin_key",
        "admin_key",
        N_("an Anthropic Admin API key"),
        r"sk-ant-admin\d\d-",
        _TOKEN_CHARS + "{8,}",
    ),
    Shape(
        "anthropic_oauth_access",
        "oauth_access",
        N_("a Claude OAuth access token"),
        r"sk-ant-oat\d\d-",
        _TOKEN_CHARS + "{8,}",
    ),
    Shape(
        "anthropic_oauth_refresh",
        "oauth_refresh",
        N_("a Claude OAuth refresh token"),
        r"sk-ant-ort\d\d-",
        _TOKEN_CHARS + "{8,}",
    ),
    # Any other `sk-ant-` value is still Anthropic's: a newer kind, or a key mangled in pasting (`sk-ant-api03abc…`).
    Shape(
        "anthropic_other",
        "unknown",
        N_("an Anthropic credential"),
        r"sk-ant-(?:[a-z]{2,8}\d\d-)?",
        _TOKEN_CHARS + "{8,}",
    ),
    # Other vendors' keys, often pasted into the wrong variable, and relay keys (`sk-` + random).
    Shape("openrouter_key", "other_vendor", N_("an OpenRouter key"), r"sk-or-(?:v\d-)?", _TOKEN_CHARS + "{16,}"),
    Shape("openai_project_key", "other_vendor", N_("an OpenAI project key"), r"sk-proj-", _TOKEN_CHARS + "{16,}"),
    Shape(
        "openai_service_key",
        "other_vendor",
        N_("an OpenAI service-account key"),
        r"sk-svcacct-",
        _TOKEN_CHARS + "{16,}",
    ),
    Shape("openai_admin_key", "other_vendor", N_("an OpenAI admin key"), r"sk-admin-", _TOKEN_CHARS + "{16,}"),
    Shape("sk_key", "other_vendor", N_("an OpenAI key (or a relay's)"), r"sk-(?!ant-)", _TOKEN_CHARS + "{16,}"),
    Shape(
        "aws_access_key_id",
        "other_vendor",
        N_("an AWS access key id"),
        r"(?:AKIA|ASIA|ABIA|ACCA)",
        r"[A-Z0-9]{16}(?![A-Z0-9])",
    ),
    Shape("bedrock_api_key", "other_vendor", N_("an Amazon Bedrock API key"), r"ABSK", _B64ISH + "{20,}"),
    Shape("google_api_key", "other_vendor", N_("a Google API key"), r"AIza", _TOKEN_CHARS + "{8,}"),
    Shape("google_oauth_token", "other_vendor", N_("a Google OAuth access token"), r"ya29\.", r"[A-Za-z0-9_\-.]{20,}"),
    Shape("github_token", "other_vendor", N_("a GitHub token"), r"(?:gh[pousr]_|github_pat_)", r"[A-Za-z0-9_]{30,}"),
    Shape("jwt", "token", "a JSON Web Token", r"eyJ", r"[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}"),
    Shape(
        "private_key",
        "cloud",
        N_("a private key"),
        r"-----BEGIN (?:RSA |EC |ENCRYPTED |OPENSSH )?PRIVATE KEY-----",
        r"[A-Za-z0-9/+=\s\\]{16,16000}",
    ),
    # Context secrets: the value after whatever names it.
    Shape(
        "aws_secret_key",
        "cloud",
        N_("an AWS secret access key"),
        body=_B64ISH + "{30,}",
        before=r"(?i:aws_secret_access_key|secret_access_key|secretaccesskey|aws-secret-access-key)" + _ASSIGN,
    ),
    Shape(
        "aws_session_token",
        "cloud",
        N_("an AWS session token"),
        body=_B64ISH + "{20,}",
        before=r"(?i:aws_session_token|sessiontoken|session_token|x-amz-security-token|security_token)" + _ASSIGN,
    ),
    Shape(
        "google_private_key",
        "cloud",
        N_("a service-account private key"),
        body=r"[^\"]{16,16000}",
        before=r"\"private_key(?:_id)?\"\s{0,3}:\s{0,3}\"",
    ),
    Shape(
        "secret_variable",
        "token",
        N_("a credential in a variable"),
        body=r"[^\s\"'`,;]{8,}",
        before=r"(?:ANTHROPIC_API_KEY|ANTHROPIC_AUTH_TOKEN|CLAUDE_CODE_OAUTH_TOKEN|ANTHROPIC_IDENTITY_TOKEN|"
        r"ANTHROPIC_FOUNDRY_API_KEY|AWS_BEARER_TOKEN_BEDROCK|OPENAI_API_KEY|OPENROUTER_API_KEY|GEMINI_API_KEY|"
        r"GOOGLE_API_KEY)" + _ASSIGN,
    ),
    Shape(
        "authorization",
        "token",
        N_("a bearer token"),
        body=r"[A-Za-z0-9._~+/=\-]{8,}",
        before=r"(?i:\b(?:bearer|basic)|authorization[\"']?\s{0,3}[:=]\s{0,3}[\"']?(?:token)?)\s{1,3}",
    ),
    Shape(
        "api_key_field",
        "token",
        N_("an API key"),
        body=r"[A-Za-z0-9._~+/=\-]{8,}",
        before=r"(?i:x-api-key|x-goog-api-key|api[-_]?key|apikey|access[-_]?token|client[-_]?secret)" + _ASSIGN,
    ),
    Shape(
        "url_password",
        "password",
        N_("a password in a URL"),
        body=r"[^\s@/:?#\"'<>]{1,256}(?=@)",
        before=r"://[^\s:/@?#\"'<>]{0,256}:",
    ),
    Shape(
        "url_query_secret",
        "token",
        N_("a secret in a URL"),
        body=r"[^&\s#\"'<>]{4,}",
        before=r"[?&](?i:key|api_key|apikey|access_token|token|sig|signature|x-amz-signature|x-amz-credential|"
        r"password|secret)=",
    ),
    Shape(
        "password_field",
        "password",
        "a password",
        body=r"[^\s\"',;]{4,}",
        before=r"(?i:\b(?:password|passwd|proxy_pass))" + _ASSIGN,
    ),
)

PREFIXED: Final[tuple[Shape, ...]] = tuple(s for s in SHAPES if s.keep)


@cache
def _prefix_regex() -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<p{i}>{s.keep})" for i, s in enumerate(PREFIXED)))


def shape_of(value: str) -> Shape | None:
    """The self-identifying shape whose prefix `value` starts with, the most specific first."""
    m = _prefix_regex().match(value)
    if m is None or m.lastgroup is None:
        return None
    return PREFIXED[int(m.lastgroup[1:])]


def key_prefix(value: str) -> str:
    """The public prefix of a credential (`sk-ant-api03-`, `AKIA`), or '' when it has none."""
    m = _prefix_regex().match(value)
    return m.group(0) if m else ""


def key_kind(value: str) -> str:
    """api_key, admin_key, oauth_access, oauth_refresh, other_vendor or unknown, by prefix."""
    shape = shape_of(value)
    if shape is None or shape.kind not in {"api_key", "admin_key", "oauth_access", "oauth_refresh", "other_vendor"}:
        return "unknown"
    return shape.kind


def vendor_of(value: str) -> str | None:
    """Whose key this is, when it is not Anthropic's: "an OpenAI project key"."""
    shape = shape_of(value)
    return shape.label if shape is not None and shape.kind == "other_vendor" else None


def mask(value: str | None) -> str:
    """`sk-ant-api03-AbCd…wXyz`: the public prefix, the first and last 4 characters of the rest.

    A body shorter than 16 characters shows only the prefix and the length, so masking never reveals more than half
    of a value (a 14-character proxy password stays hidden)."""
    if value is None:
        return "(none)"
    if value == "":
        return "(empty)"
    prefix = key_prefix(value)
    rest = value[len(prefix) :]
    if len(rest) < MIN_MASKED_BODY:
        return f"{prefix}…({len(value)} chars)"
    return f"{prefix}{rest[:SHOWN]}…{rest[-SHOWN:]}"


@cache
def _finders() -> tuple[re.Pattern[str], ...]:
    found = []
    for shape in SHAPES:
        if shape.keep:
            found.append(re.compile(f"{_EDGE}(?P<keep>{shape.keep})(?P<secret>(?>{shape.body}))(?!…)"))
        else:
            found.append(re.compile(f"(?P<keep>{shape.before})(?P<secret>(?>{shape.body}))(?!…)"))
    return tuple(found)


def _masked_match(m: re.Match[str]) -> str:
    keep, secret = m.group("keep"), m.group("secret")
    if "…" in secret or CREDENTIAL_WORD in secret:
        return m.group(0)  # already masked, or already scrubbed
    whole = keep + secret if m.re.pattern.startswith(_EDGE) else secret
    shown = mask(whole)
    return shown if m.re.pattern.startswith(_EDGE) else keep + shown


def redact(text: str, known: Iterable[str] = ()) -> str:
    """`text` with every known secret value and every credential shape replaced by its mask."""
    for secret in sorted({s for s in known if s and len(s.strip()) >= 8}, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, mask(secret))
        stripped = secret.strip()
        if stripped != secret and stripped in text:
            text = text.replace(stripped, mask(stripped))
    for finder in _finders():
        text = finder.sub(_masked_match, text)
    return text


@cache
def _masked_forms() -> re.Pattern[str]:
    """What `mask` leaves. After a known prefix the ends shown may be anything (a private key's are line breaks, or
    their JSON escapes); without one, only token characters, so that a plain `…` in prose is left alone."""
    prefixes = "|".join(s.keep for s in PREFIXED)
    edge = r"[A-Za-z0-9_\-/+=.]"
    return re.compile(
        rf"(?:{prefixes})[^…]{{{SHOWN}}}…[^…]{{{SHOWN}}}"
        rf"|(?:{prefixes})?(?:{edge}{{{SHOWN}}}…{edge}{{{SHOWN}}}|…\(\d+ chars\))"
    )


def scrub(text: str, known: Iterable[str] = ()) -> str:
    """For places many people read (CI annotations, step summaries): no credential at all, not even masked."""
    return _masked_forms().sub(CREDENTIAL_WORD, redact(text, known))


def find_secrets(text: str) -> list[tuple[Shape, int, str]]:
    """Every self-identifying credential in `text`, once: (shape, offset, the value), for leak scans. Where shapes
    overlap (`sk-proj-…` is also an `sk-…`), the most specific, first in `SHAPES`, names it."""
    out: list[tuple[Shape, int, str]] = []
    taken: list[tuple[int, int]] = []
    for shape, finder in zip(SHAPES, _finders(), strict=True):
        if not shape.keep:
            continue
        for m in finder.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append(m.span())
            out.append((shape, m.start(), m.group(0)))
    return sorted(out, key=lambda item: item[1])


def redact_all(value: T, known: Iterable[str] = ()) -> T:
    """A copy of `value` (a result, a dataclass, any JSON-like data) with every secret in every string masked."""
    found = tuple(known)

    return map_texts(value, lambda text: redact(text, found), dicts=True)

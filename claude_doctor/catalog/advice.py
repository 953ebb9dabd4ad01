"""The fix, fitted to the user's actual client and to whoever answered.

A catalog entry's fix is written for the common case: a program calling Anthropic's API. When the error came through
a relay, Bedrock or Vertex AI, or was printed by Claude Code, some of those steps are wrong for the user (a relay user
must never be sent to create an Anthropic key; a Claude Code user has no Python traceback to read). This module swaps
those steps for the ones that fit, and says whom to quote the request id to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claude_doctor.i18n import N_, Msg

# A fix list people read to the end: the most effective steps, first; whom to quote the request id to, last.
MAX_FIXES = 3

# Who answered, as the user sees it: the service the client talks to.
RELAYS = ("relay", "router", "openrouter", "litellm_proxy", "gateway")
CLOUDS = ("bedrock", "vertex")

_RELAY_STEPS: dict[str, tuple[str, ...]] = {
    "invalid_key": (
        N_(
            "The relay rejected the token: check it in the relay's console (enabled, not expired, quota left, copied "
            "whole). It is a relay token, not an Anthropic key."
        ),
        N_(
            "Send it the way the relay reads it: as Authorization: Bearer (Claude Code: ANTHROPIC_AUTH_TOKEN) or as "
            "x-api-key (Claude Code: ANTHROPIC_API_KEY)."
        ),
    ),
    "billing": (
        N_(
            "Top up your balance or raise the token's quota in the relay's console; Anthropic's billing is not "
            "involved."
        ),
    ),
    "permission": (
        N_(
            "The relay refused this request for your token, group or address: check the token's model list and group "
            "in the relay's console, or ask its operator."
        ),
    ),
    "wrong_credential": (
        N_(
            "The relay's upstream credential cannot serve this kind of request: ask the relay's operator which "
            "clients its group supports."
        ),
    ),
    "oauth_token": (
        N_(
            "The relay's upstream subscription login has expired or been revoked: this is the relay's to fix; tell "
            "its operator."
        ),
    ),
}
_BEDROCK_STEPS: dict[str, tuple[str, ...]] = {
    "invalid_key": (
        N_(
            "Refresh the AWS credentials this client uses (`aws sso login`, or new keys), then check them with "
            "`aws sts get-caller-identity`."
        ),
    ),
    "billing": (N_("Check the AWS account's billing and its AWS Marketplace subscription for the model."),),
    "permission": (
        N_(
            "Check Amazon Bedrock → Model access for this model in the request's region, and the IAM policy of the "
            "identity used."
        ),
    ),
}
_VERTEX_STEPS: dict[str, tuple[str, ...]] = {
    "invalid_key": (
        N_(
            "Run `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a service "
            "account key file."
        ),
    ),
    "billing": (N_("Check the Google Cloud project's billing account."),),
    "permission": (
        N_(
            "Check that the model is enabled in Vertex AI Model Garden and that the identity has the Vertex AI User "
            "role."
        ),
    ),
}
_CLAUDE_CODE_CAUSE = N_(
    "Claude Code does not show the underlying cause here: run `claude --debug` to see it, or run `claude-doctor "
    "check` to test DNS, TCP, TLS and the proxy from this machine."
)


def _quote(kind: str, request_id: str) -> Msg:
    """Whom to quote the request id to: its owner's support."""
    if kind == "vertex":
        return Msg(
            "Quote request id {request_id} to Google Cloud support if it keeps happening: Claude on Vertex AI is "
            "supported through Google Cloud.",
            request_id=request_id,
        )
    if kind == "aws":
        return Msg("Quote request id {request_id} to AWS Support if it keeps happening.", request_id=request_id)
    if kind == "relay":
        return Msg(
            "Quote request id {request_id} to the relay's operator if it keeps happening: Anthropic cannot look up "
            "this id.",
            request_id=request_id,
        )
    if kind == "upstream":
        # Anthropic's (or a cloud's) id for the request a relay made on the user's behalf: only the relay can take it.
        return Msg(
            "Quote request id {request_id} to the relay's operator if it keeps happening: it identifies the relay's "
            "own request upstream, which only the operator can take to its provider.",
            request_id=request_id,
        )
    return Msg("Quote request id {request_id} to Anthropic support if it keeps happening.", request_id=request_id)


_QUOTED_KINDS = frozenset({"anthropic", "vertex", "aws", "relay", "upstream"})

# Steps that assume the user holds an Anthropic key or account.
_ANTHROPIC_ACCOUNT = ("platform.claude.com", "in the console", "the console (", "anthropic support", "plans & billing")
_TRACEBACK = ("traceback", "exc.__cause__", "during handling of the above exception")
_RETRY_STEP = ("retry", "wait and retry", "wait for `retry-after`", "send the request again")


@dataclass(frozen=True)
class Context:
    category: str
    via: tuple[str, ...]
    request_id: str | None
    request_id_kind: str | None
    retrying: tuple[int, int] | None  # (attempt, total) from Claude Code's retry banner
    family: bool  # the entry is a relay or cloud family whose fix is already specific
    retryable: bool | None = None


def front(via: Sequence[str]) -> str:
    """Whom the client talks to: a relay or router if one is in the path, else the cloud, else Anthropic."""
    if any(v in RELAYS for v in via):
        return "relay"
    for cloud in CLOUDS:
        if cloud in via:
            return cloud
    return "anthropic"


def adapt(fix: Sequence[str], ctx: Context) -> tuple[str, ...]:
    steps = list(fix)
    who = front(ctx.via)
    if who != "anthropic" and not ctx.family:
        replacement = {"relay": _RELAY_STEPS, "bedrock": _BEDROCK_STEPS, "vertex": _VERTEX_STEPS}[who].get(
            ctx.category, ()
        )
        kept = [s for s in steps if not any(k in s.lower() for k in _ANTHROPIC_ACCOUNT)]
        if replacement:
            kept = [*replacement, *(s for s in kept if "key" not in s.lower() or who != "relay")]
        steps = kept or list(replacement)
    elif who != "anthropic":
        steps = [s for s in steps if not any(k in s.lower() for k in _ANTHROPIC_ACCOUNT)] or steps
    if "claude_code" in ctx.via and any(any(k in s.lower() for k in _TRACEBACK) for s in steps):
        steps = [_CLAUDE_CODE_CAUSE, *(s for s in steps if not any(k in s.lower() for k in _TRACEBACK))]
    if ctx.retrying is not None:
        attempt, total = ctx.retrying
        if ctx.retryable is False:
            steps = [
                *steps,
                Msg(
                    "Claude Code is retrying this request (attempt {attempt} of {total}), but it cannot succeed by "
                    "waiting: press Esc to stop it, and fix the cause first.",
                    attempt=attempt,
                    total=total,
                ),
            ]
        else:
            banner = (
                Msg(
                    "Claude Code used all {total} attempts: wait a few minutes before sending the request again.",
                    total=total,
                )
                if attempt >= total
                else Msg(
                    "Claude Code is already retrying this request on its own (attempt {attempt} of {total}): let it "
                    "finish instead of sending the request again.",
                    attempt=attempt,
                    total=total,
                )
            )
            steps = [banner, *(s for s in steps if not s.lower().startswith(_RETRY_STEP))]
    steps = list(dict.fromkeys(steps))
    if ctx.request_id and ctx.request_id_kind in _QUOTED_KINDS:
        kind = "upstream" if who == "relay" and ctx.request_id_kind != "relay" else ctx.request_id_kind
        steps = [s for s in steps if "quote the request id" not in s.lower()][: MAX_FIXES - 1]
        steps.append(_quote(kind, ctx.request_id))
    return tuple(steps[:MAX_FIXES])

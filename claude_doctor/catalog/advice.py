"""The fix, fitted to the user's actual client and to whoever answered.

A catalog entry's fix is written for the common case: a program calling Anthropic's API. When the error came through
a relay, Bedrock or Vertex AI, or was printed by Claude Code, some of those steps are wrong for the user (a relay user
must never be sent to create an Anthropic key; a Claude Code user has no Python traceback to read). This module swaps
those steps for the ones that fit, and says whom to quote the request id to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Who answered, as the user sees it: the service the client talks to.
RELAYS = ("relay", "router", "openrouter", "litellm_proxy", "gateway")
CLOUDS = ("bedrock", "vertex")

_RELAY_STEPS: dict[str, tuple[str, ...]] = {
    "invalid_key": (
        "The relay rejected the token: check it in the relay's console (enabled, not expired, quota left, copied "
        "whole). It is a relay token, not an Anthropic key.",
        "Send it the way the relay reads it: as Authorization: Bearer (Claude Code: ANTHROPIC_AUTH_TOKEN) or as "
        "x-api-key (Claude Code: ANTHROPIC_API_KEY).",
    ),
    "billing": (
        "Top up your balance or raise the token's quota in the relay's console; Anthropic's billing is not involved.",
    ),
    "permission": (
        "The relay refused this request for your token, group or address: check the token's model list and group in "
        "the relay's console, or ask its operator.",
    ),
    "wrong_credential": (
        "The relay's upstream credential cannot serve this kind of request: ask the relay's operator which clients "
        "its group supports.",
    ),
    "oauth_token": (
        "The relay's upstream subscription login has expired or been revoked: this is the relay's to fix; tell its "
        "operator.",
    ),
}
_BEDROCK_STEPS: dict[str, tuple[str, ...]] = {
    "invalid_key": (
        "Refresh the AWS credentials this client uses (`aws sso login`, or new keys), then check them with "
        "`aws sts get-caller-identity`.",
    ),
    "billing": ("Check the AWS account's billing and its AWS Marketplace subscription for the model.",),
    "permission": (
        "Check Amazon Bedrock → Model access for this model in the request's region, and the IAM policy of the "
        "identity used.",
    ),
}
_VERTEX_STEPS: dict[str, tuple[str, ...]] = {
    "invalid_key": (
        "Run `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a service account "
        "key file.",
    ),
    "billing": ("Check the Google Cloud project's billing account.",),
    "permission": (
        "Check that the model is enabled in Vertex AI Model Garden and that the identity has the Vertex AI User role.",
    ),
}
_CLAUDE_CODE_CAUSE = (
    "Claude Code does not show the underlying cause here: run `claude --debug` to see it, or run `claude-doctor "
    "check` to test DNS, TCP, TLS and the proxy from this machine."
)
_QUOTE = {
    "anthropic": "Quote request id {request_id} to Anthropic support if it keeps happening.",
    "vertex": "Quote request id {request_id} to Google Cloud support if it keeps happening: Claude on Vertex AI is "
    "supported through Google Cloud.",
    "aws": "Quote request id {request_id} to AWS Support if it keeps happening.",
    "relay": "Quote request id {request_id} to the relay's operator if it keeps happening: Anthropic cannot look up "
    "this id.",
    # Anthropic's (or a cloud's) id for the request a relay made on the user's behalf: only the relay can take it on.
    "upstream": "Quote request id {request_id} to the relay's operator if it keeps happening: it identifies the "
    "relay's own request upstream, which only the operator can take to its provider.",
}
_RETRYING = (
    "Claude Code is already retrying this request on its own (attempt {attempt} of {total}): let it finish instead "
    "of sending the request again."
)
_GAVE_UP = "Claude Code used all {total} attempts: wait a few minutes before sending the request again."
_WASTED_RETRIES = (
    "Claude Code is retrying this request (attempt {attempt} of {total}), but it cannot succeed by waiting: press Esc "
    "to stop it, and fix the cause first."
)

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
            steps = [*steps, _WASTED_RETRIES.format(attempt=attempt, total=total)]
        else:
            banner = (
                _GAVE_UP.format(total=total) if attempt >= total else _RETRYING.format(attempt=attempt, total=total)
            )
            steps = [banner, *(s for s in steps if not s.lower().startswith(_RETRY_STEP))]
    if ctx.request_id and ctx.request_id_kind in _QUOTE:
        kind = "upstream" if who == "relay" and ctx.request_id_kind != "relay" else ctx.request_id_kind
        steps = [s for s in steps if "quote the request id" not in s.lower()]
        steps.append(_QUOTE[kind].format(request_id=ctx.request_id))
    return tuple(dict.fromkeys(steps))

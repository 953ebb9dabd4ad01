"""Message families printed by the clients themselves: Claude Code, the official SDKs before they send anything,
chat and agent apps, and the failures below HTTP that a generic network kind would misread."""

from __future__ import annotations

import re

from claude_doctor.catalog.entry import Entry
from claude_doctor.catalog.rules import MessageRule, Values
from claude_doctor.i18n import N_

_LOGIN = "Run `/login` in Claude Code again, or create a new long-lived token with `claude setup-token`."

# Regions where AWS runs Bedrock Runtime endpoints or may soon; a host in any other "region" can never resolve.
AWS_REGIONS = frozenset(
    {
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "us-gov-east-1", "us-gov-west-1", "ca-central-1",
        "ca-west-1", "mx-central-1", "sa-east-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2",
        "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1", "me-central-1",
        "af-south-1", "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2",
        "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ap-northeast-1",
        "ap-northeast-2", "ap-northeast-3", "cn-north-1", "cn-northwest-1",
    }
)  # fmt: skip


def _unknown_region(m: re.Match[str]) -> bool:
    return m["region"] not in AWS_REGIONS


def _region(m: re.Match[str]) -> Values:
    return {"region": m["region"]}


def _model(m: re.Match[str]) -> Values:
    return {"model": m["model"]}


def _endpoint(m: re.Match[str]) -> Values:
    return {"address": m["address"]}


# Ports that local proxy clients listen on by default: Clash (7890, 7897), v2rayN (10808, 10809), Shadowsocks (1080,
# 1086, 1087), Squid (3128), Privoxy (8118), Fiddler and Charles (8888), Surge (6152, 6153).
_PROXY_PORTS = frozenset({"1080", "1086", "1087", "3128", "6152", "6153", "7890", "7891", "7897", "8118", "8888",
                          "10808", "10809"})  # fmt: skip


def _local_proxy(m: re.Match[str]) -> bool:
    """A refused loopback port is a local proxy that is down when it is a proxy client's port, or the text says
    proxy; other local ports (a relay, a router) are left to the generic connection failure."""
    return m["port"] in _PROXY_PORTS or "proxy" in m.string


# Tried before the network kinds: each refines a failure below HTTP.
NETWORK_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        ("enotfound", "getaddrinfo", "name or service not known", "could not resolve host"),
        Entry(
            "msg:aws_region_unknown",
            "Bedrock host in a region that does not exist",
            "The client called a Bedrock endpoint whose region does not exist, so its host name can never resolve.",
            "dns",
            False,
            ("Set AWS_REGION (or the client's region option) to a real region where Bedrock runs, such as us-east-1.",),
        ),
        # Any label in the region's place, a real region's shape or an unset variable's (`undefined`, `null`).
        r"bedrock-runtime\.(?P<region>[a-z0-9-]{1,30})\.amazonaws\.com",
        _region,
        (
            "`{region}` is not an AWS region: set AWS_REGION (or the client's region option) to one where Bedrock "
            "runs, such as us-east-1.",
        ),
        require_pattern=True,
        before_network=True,
        accept=_unknown_region,
    ),
    MessageRule(
        ("refused", "couldn't connect to server", "is the computer able to access the url"),
        Entry(
            "msg:loopback_refused",
            "Nothing listens on the local port",
            "The connection to a port on this machine was refused: the local proxy, relay or gateway the client is "
            "configured to use is not running, or listens on another port.",
            "proxy",
            None,
            (
                "Start the local proxy or relay, or correct the port in the proxy variables, ANTHROPIC_BASE_URL or the "
                "app's settings.",
                "Waiting helps only if the program on that port comes back.",
            ),
        ),
        r"(?P<address>(?:127\.0\.0\.1|localhost|\[::1\]|(?<![\w:])::1)(?::| port )(?P<port>\d{2,5}))",
        _endpoint,
        (
            "Nothing accepted the connection at {address}: start the local proxy or relay there, or correct the port "
            "in the proxy variables, ANTHROPIC_BASE_URL or the app's settings.",
            "Waiting helps only if the program on that port comes back.",
        ),
        require_pattern=True,
        before_network=True,
        accept=_local_proxy,
    ),
    MessageRule(
        ("bad record mac", "decryption failed or bad record mac"),
        Entry(
            "msg:tls_record_corrupted",
            "TLS record corrupted in transit",
            "An encrypted record arrived damaged, mid-connection: a flaky network path or a middlebox, not a "
            "certificate problem.",
            "tls",
            True,
            ("Retry; if it keeps happening, look for a VPN, proxy or network card offload that alters traffic.",),
        ),
        before_network=True,
    ),
    MessageRule(
        ("(ebadf)", "ebadf:", " ebadf "),
        Entry(
            "msg:local_socket_error",
            "Local socket error (EBADF)",
            "The client's own socket was invalid when it tried to use it: a local problem (a bug, or an interrupted "
            "proxy or relay client), not an answer from a server.",
            "connect",
            None,
            (
                "Restart the client; update it if it keeps happening.",
                "If the traffic goes through a local proxy or relay, restart that too.",
            ),
        ),
        before_network=True,
    ),
    MessageRule(
        ("context deadline exceeded",),
        Entry(
            "msg:go_deadline",
            "The caller's deadline ran out (Go)",
            "A Go client gave up because the deadline on its context (or its http.Client timeout) passed before the "
            "answer came. Whether a retry helps depends on whether that deadline is long enough.",
            "timeout",
            None,
            (
                "Check the deadline the code sets (context.WithTimeout, http.Client.Timeout, the SDK's request "
                "timeout): a deadline shorter than a generation takes fails every time.",
                "Stream long requests so the first bytes arrive early.",
            ),
        ),
        r"context deadline exceeded(?! \(client\.timeout)",
        require_pattern=True,
        before_network=True,
    ),
    MessageRule(
        # undici's and Bun's "Request aborted", the SDKs' APIUserAbortError "Request was aborted.".
        ("request aborted", "request was aborted"),
        Entry(
            "msg:request_aborted",
            "The client aborted the request",
            "The client stopped waiting and aborted the request before an answer came: a client-side timeout.",
            "timeout",
            True,
            ("Retry; raise the client's timeout or stream long requests.",),
        ),
        r"(?<!operation )(?<!user )request (?:was )?aborted",
        require_pattern=True,
        before_network=True,
    ),
    MessageRule(
        # The browser's own words (Chrome "Failed to fetch", Firefox "NetworkError when attempting to fetch
        # resource", Safari "Load failed"), and axios's in a browser ("Network Error", ERR_NETWORK).
        (
            "failed to fetch",
            "networkerror when attempting to fetch resource",
            "typeerror: load failed",
            "axioserror: network error",
            "err_network",
        ),
        Entry(
            "msg:browser_fetch_failed",
            "The browser could not send the request",
            "A browser or desktop app's fetch() failed before any answer: a CORS refusal, mixed content, an extension, "
            "or no network. The browser hides which one.",
            "connect",
            None,
            (
                "Open the browser's developer console: the real reason (CORS, blocked, offline) is logged there.",
                "If the app calls the API straight from the browser, switch it to server-side requests or go through "
                "a proxy that allows it.",
            ),
        ),
        r'(?:^|[\s"\'(:])failed to fetch(?! ?(?!at )[a-z])|networkerror when attempting|typeerror: load failed|'
        r"axioserror: network error|err_network\b",
        require_pattern=True,
        before_network=True,
    ),
    MessageRule(
        ('"cause": {}', '"cause":{}', '"cause": { "cause": {}', '"cause":{"cause":{}'),
        Entry(
            "msg:app_request_threw",
            "The app's request failed before any answer",
            "The app reports an error whose cause is empty: the request itself threw (network, CORS or a proxy) and "
            "no HTTP answer came back.",
            "connect",
            None,
            (
                "Switch the app to server-side requests, or check that this machine (or browser) can reach the API "
                "endpoint it is set to.",
                "Run `claude-doctor check` from the same machine.",
            ),
        ),
        r'"error": ?\{ ?"cause": ?\{',
        require_pattern=True,
        before_network=True,
    ),
    MessageRule(
        ("err_bad_request",),
        Entry(
            "msg:claude_code_startup_refused",
            "Claude Code's start-up check was refused",
            "Claude Code's connectivity check reached Anthropic, which answered with a 4xx. Seen from unsupported "
            "countries and regions, where the API answers 403.",
            "permission",
            False,
            (
                "Check that you are in a supported country or region: https://www.anthropic.com/supported-countries",
                "If a proxy or VPN is in the path, check where its exit is.",
            ),
        ),
        r"failed to connect to [a-z0-9.-]*anthropic\.com: err_bad_request",
        require_pattern=True,
        before_network=True,
    ),
    MessageRule(
        # A stream that opened and then went silent until the client's or relay's idle timer gave up: Claude Code's
        # "Stream idle timeout - partial response received", routers' "stream stall timeout" (9router) and
        # "upstream stream idle timeout" (UPSTREAM_STREAM_IDLE_TIMEOUT), Chinese apps' 流空闲超时. The answer had
        # begun, so the response broke off mid-body; a timeout before any answer is a different family.
        (
            "stream idle timeout",
            "stream stall timeout",
            "stream stalled",
            "upstream_stream_idle_timeout",
            "流空闲超时",
        ),
        Entry(
            "msg:stream_idle_timeout",
            N_("The response stream went silent and was cut off"),
            N_(
                "The response had started streaming, then no data came for longer than the client or relay waits "
                "between chunks, so it gave up on the rest of the answer."
            ),
            "stream_interrupted",
            True,
            (
                N_("Retry the request; long silences mid-stream are usually a slow or overloaded upstream."),
                N_(
                    "If it happens often behind a relay or proxy, check that it streams chunks through without "
                    "buffering them, and raise its idle timeout if it has one."
                ),
            ),
        ),
        before_network=True,
    ),
)

# Raised inside the program, before any request: no HTTP status.
CLIENT_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        # A stream that began and then could not be parsed: the Stainless-built SDKs (Anthropic's and OpenAI's
        # TypeScript SDKs) log "Could not parse message into JSON: … From chunk: [ 'event: content_block_delta' ]" and
        # rethrow the runtime's JSON error; the runtimes word a cut or empty event's JSON as V8's "Unexpected end of
        # JSON input" / "Unterminated string in JSON", Bun's "JSON Parse error: Unexpected EOF", Python's
        # "Unterminated string starting at" / "Expecting value: line 1", the AI SDK's AI_JSONParseError. A JSON
        # error counts only with a sign of a stream beside it (the SDK's streaming module, an SSE `event:` line).
        (
            "could not parse message into json",
            "could not parse sse event",
            "unexpected end of json input",
            "unterminated string",
            "json parse error: unexpected eof",
            "expecting value: line",
            "ai_jsonparseerror",
        ),
        Entry(
            "msg:stream_parse",
            N_("The SDK could not parse an event of the stream"),
            N_(
                "The response had started to stream, then one of its events arrived empty or cut (often through a "
                "proxy, relay or edge runtime that splits or buffers the stream), so the SDK's JSON parser failed "
                "mid-body."
            ),
            "stream_interrupted",
            True,
            (
                "Send the request again; the partial output may be incomplete.",
                N_(
                    "If it keeps happening, update the SDK and check the proxy or relay between the program and the "
                    "API: it must pass the stream through unchanged."
                ),
            ),
        ),
        r"could not parse (?:message into json|sse event)|"
        r"(?:unexpected end of json input|unterminated string (?:in json|starting at)|json parse error: unexpected "
        r"eof|expecting value: line \d|ai_jsonparseerror)(?=.{0,2000}?(?:streaming\.m?[jt]s|_streaming\.py|from "
        r"chunk:|event: ?[a-z_]+))|(?:streaming\.m?[jt]s|_streaming\.py|from chunk:|event: ?[a-z_]+)(?=.{0,2000}?"
        r"(?:unexpected end of json input|unterminated string (?:in json|starting at)|json parse error: unexpected "
        r"eof|expecting value: line \d|ai_jsonparseerror))",
        require_pattern=True,
    ),
    MessageRule(
        # The SDKs' stream accumulators (MessageStream in TypeScript, Python's accumulate_event) refuse events in an
        # order the API never sends: "Unexpected event order, got content_block_start before \"message_start\"".
        # An `error` event first hides the real error (it may be an overload), so that wording is left alone; any
        # other event first means something on the path rewrote the stream, and resending the same way fails again.
        ("unexpected event order, got",),
        Entry(
            "msg:stream_event_order",
            N_("The stream's events came out of order"),
            N_(
                "The SDK received stream events in an order the API never sends (a content block before "
                "`message_start`): something between the program and the API, usually a proxy or relay that "
                "translates the stream, rewrote it. The same request through the same path fails the same way."
            ),
            "unknown",
            False,
            (N_("Call the API directly, or update or replace the proxy or relay that translates the stream."),),
        ),
        r"unexpected event order, got (?!error\b)[a-z_]+ before",
        require_pattern=True,
    ),
    MessageRule(
        (
            "no module named",
            "modulenotfounderror",
            "cannot find module",
            "import failed please run",
            # LangChain's guard_import: "Could not import anthropic python package. Please install it with `pip
            # install anthropic`."
            "please install it with `pip install",
        ),
        Entry(
            "msg:missing_dependency",
            "A package the program needs is not installed",
            "The program failed to import a package it needs, before any request was sent.",
            "unknown",
            False,
            ("Install the missing package in the environment the program runs in, then run it again.",),
        ),
    ),
    MessageRule(
        ("required positional argument", "positional arguments but", "got an unexpected keyword argument"),
        Entry(
            "msg:program_bug",
            "A bug in the calling program",
            "The program called one of its own functions wrongly (a Python TypeError); no request reached the API.",
            "unknown",
            False,
            ("Update the program or plugin, or report the bug to its authors with the traceback.",),
        ),
        r"typeerror",
        require_pattern=True,
    ),
    MessageRule(
        # Python's own TypeError wordings, which apps print without the class name: "'>' not supported between
        # instances of 'NoneType' and 'int'" (Dify's Anthropic provider), "string indices must be integers" (RAGFlow
        # reading a reply), "'NoneType' object is not subscriptable", "unsupported operand type(s) for +". The app
        # fails on a value of the wrong type; every request fails the same way until the app is fixed.
        (
            "not supported between instances of",
            "string indices must be integers",
            "object is not subscriptable",
            "unsupported operand type(s) for",
            # Its IndexError, which litellm wraps as APIConnectionError ("<class 'litellm.exceptions.
            # APIConnectionError'>=list index out of range") although no connection failed.
            "list index out of range",
        ),
        Entry(
            "msg:program_type_bug",
            N_("A bug in the program handling the answer"),
            N_(
                "The program failed on a value of the wrong type or shape (a Python TypeError or IndexError), often a "
                "field missing from the answer it expected. This is the program's own failure, not the API's answer."
            ),
            "unknown",
            False,
            (
                N_("Update the program or plugin, or report the bug to its authors with the full error."),
                N_("Run it with debug logging to see the API's raw answer, and `claude-doctor explain` that."),
            ),
        ),
    ),
    MessageRule(
        ("cannot read properties of undefined", "cannot read properties of null", "undefined is not an object"),
        Entry(
            "msg:client_crash",
            "The client crashed reading the answer",
            "The program failed on a value it expected in the answer (a JavaScript TypeError): usually an answer of "
            "an unexpected shape, often a relay's or gateway's, or a bug in the client. The real error is not shown.",
            "unknown",
            None,
            (
                "Update the client; if it talks to a relay or gateway, check that endpoint's raw answer (debug "
                "logging) and run `claude-doctor explain` on it.",
            ),
        ),
    ),
    MessageRule(
        ("invalidproviderapikey",),
        Entry(
            "msg:app_invalid_provider_key",
            "The app's provider key was rejected",
            "The chat app reports that the provider refused the API key configured for it.",
            "invalid_key",
            False,
            ("Check the key in the app's provider settings (and the base URL it belongs to), or set a new one.",),
            status=401,
        ),
    ),
    MessageRule(
        ("locationnotsupporterror",),
        Entry(
            "msg:app_location_not_supported",
            "The provider does not serve this location",
            "The chat app reports that the provider refused requests from where the app's server (or proxy) is.",
            "permission",
            False,
            ("Run the app (or its proxy exit) in a supported country or region, or use a relay that is.",),
            status=403,
        ),
    ),
    MessageRule(
        ("no region was given",),
        Entry(
            "msg:vertex_no_region",
            "The Vertex AI client has no region",
            "The Anthropic Vertex client was created without a region, so it refused to send anything.",
            "unknown",
            False,
            ("Set CLOUD_ML_REGION (for example us-east5 or global), or pass `region=` to the client.",),
        ),
    ),
    MessageRule(
        # Browsers refusing a cross-origin answer: Chrome ("… has been blocked by CORS policy"), Firefox
        # ("Cross-Origin Request Blocked"). Anthropic's API answers browsers only when the request opts in with the
        # `anthropic-dangerous-direct-browser-access` header; many relays send no CORS headers at all.
        ("blocked by cors policy", "cross-origin request blocked", "no 'access-control-allow-origin' header"),
        Entry(
            "msg:browser_cors_blocked",
            N_("The browser blocked the API's answer (CORS)"),
            N_(
                "The page called the API straight from the browser, and the answer did not allow this page's origin, "
                "so the browser withheld it: the request as sent from this page cannot succeed."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Call the API from a server, or, for your own key in a local app, send the "
                    "`anthropic-dangerous-direct-browser-access: true` header (the SDK's `dangerouslyAllowBrowser`)."
                ),
                N_(
                    "Behind a relay, ask its operator whether it answers browser requests (CORS), or call it from a "
                    "server."
                ),
            ),
        ),
        before_network=True,
    ),
    MessageRule(
        # The TypeScript SDK in a browser page (src/client.ts): "It looks like you're running in a browser-like
        # environment. … you can set the `dangerouslyAllowBrowser` option to `true`".
        ("running in a browser-like environment", "dangerouslyallowbrowser` option to `true`"),
        Entry(
            "msg:sdk_browser_refused",
            N_("The SDK refused to run in a browser"),
            N_(
                "The TypeScript SDK will not send a request from a web page unless told to, because the page would "
                "show the API key to anyone who opens it; nothing was sent."
            ),
            "invalid_request",
            False,
            (
                N_("Call the API from a server (or a relay) that holds the key, not from the page."),
                N_(
                    "For a local tool with your own key, pass `dangerouslyAllowBrowser: true` to the client, knowing "
                    "that the page exposes the key."
                ),
            ),
        ),
    ),
    MessageRule(
        ("streaming is strongly recommended", "streaming is required for operations that may take longer"),
        Entry(
            "msg:streaming_required",
            "The SDK requires streaming for this request",
            "The official SDK refuses a non-streaming request whose max_tokens could make it run over 10 minutes, "
            "before sending it. A proxy built on the SDK may report this as a 500.",
            "invalid_request",
            False,
            (
                "Stream the request (`stream=True`, or `client.messages.stream(...)`), or lower max_tokens.",
                "If a proxy reported it, the proxy's own SDK call needs the change: tell its operator.",
            ),
        ),
    ),
    MessageRule(
        # The Python SDK's words for it, old ("Expected either api_key or auth_token to be set") and new.
        ("could not resolve authentication method", "expected either api_key or auth_token to be set"),
        Entry(
            "msg:sdk_no_credential",
            "No credential configured",
            "The SDK found no API key or token to send, so it refused to send the request.",
            "invalid_key",
            False,
            (
                "Set ANTHROPIC_API_KEY in the environment the program runs in, or pass `api_key=` to the client.",
                "Run `claude-doctor check` to see which credentials are found and where.",
            ),
        ),
    ),
    MessageRule(
        ("missing required arguments; expected either",),
        Entry(
            "msg:sdk_missing_arguments",
            "A required argument is missing",
            "The SDK refused the call before sending it: max_tokens, messages or model was not given.",
            "invalid_request",
            False,
            ("Pass max_tokens, messages and model on every messages.create call.",),
        ),
    ),
    MessageRule(
        ("llm provider not provided",),
        Entry(
            "msg:litellm_no_provider",
            "litellm cannot tell which provider to call",
            "The litellm library did not recognise the model string's provider, so it sent nothing.",
            "invalid_request",
            False,
            (
                "Prefix the model with its provider, such as `anthropic/claude-sonnet-4-5`, "
                "`bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0` or `vertex_ai/claude-sonnet-4-5@20250929`.",
            ),
        ),
    ),
    MessageRule(
        (
            # Each client's words for "no key configured", raised before any request: chat apps and agents, the
            # OpenAI SDK ("The api_key client option must be set"), litellm ("Missing Anthropic API Key - … no key is
            # set"), LangChain ("Did not find anthropic_api_key"), the AI SDK (AI_LoadAPIKeyError "… API key is
            # missing").
            "no api key found for provider",
            "agent requires authentication",
            "api_key client option must be set",
            "missing anthropic api key",
            "but no key is set",
            "did not find anthropic_api_key",
            "loadapikeyerror",
            "api key is missing. pass it using",
            # The Stainless-built SDKs (Anthropic's and OpenAI's TypeScript SDKs among them): "The ANTHROPIC_API_KEY
            # environment variable is missing or empty; either provide it, or instantiate the … client with an
            # apiKey option"; programs of their own: "Anthropic API key not found".
            "environment variable is missing or empty; either provide it",
            "anthropic api key not found",
            # Continue: "Request not sent. You have an Anthropic model configured in your config.yaml, but the API
            # key is not set."
            "but the api key is not set",
        ),
        Entry(
            "msg:app_no_credential",
            "The app has no credential for the provider",
            "The app or agent found no API key or token to use, so it sent nothing.",
            "invalid_key",
            False,
            (
                "Add the key in the app's provider settings, or set it in the environment the app (or its agent "
                "process) starts with: apps started from a desktop launcher do not read your shell's profile.",
            ),
        ),
    ),
    MessageRule(
        (
            "unable to locate credentials",
            "could not load credentials from any providers",
            "sso session associated with this profile has expired",
            "token has expired and refresh failed",
            "error when retrieving token from sso",
            "the config profile",
            # botocore's CredentialRetrievalError: "Error when retrieving credentials from iam-role: Credential
            # refresh failed, response did not contain: …" (instance role, container role, process provider), and
            # PartialCredentialsError ("Partial credentials found in env, missing: aws_secret_access_key").
            "error when retrieving credentials from",
            "partial credentials found in",
        ),
        Entry(
            "msg:aws_no_credentials",
            "No usable AWS credentials",
            "The AWS SDK found no credentials to sign the request with, or its SSO session has expired; nothing "
            "reached Bedrock.",
            "invalid_key",
            False,
            (
                "Log in again with `aws sso login --profile <profile>` (or set AWS_PROFILE, or access keys), then "
                "check with `aws sts get-caller-identity`.",
                "In Claude Code, set `awsAuthRefresh` in settings so it renews the SSO login itself.",
            ),
        ),
        r"unable to locate credentials|could not load credentials|has expired|refresh failed|retrieving token from "
        r"sso|the config profile \([^)]{1,80}\) could not be found|error when retrieving credentials from|partial "
        r"credentials found in",
        require_pattern=True,
    ),
    MessageRule(
        # The clouds' own clients when no region can be resolved: the Bedrock client of the Anthropic SDK ("No AWS
        # region was provided", "No AWS region or base URL found"), botocore's NoRegionError ("You must specify a
        # region."), the AWS SDK for JavaScript ("Region is missing"), the Vertex client given an empty region.
        (
            "no aws region was provided",
            "no aws region or base url found",
            "you must specify a region",
            "noregionerror",
            "region is missing",
            "expected a non-empty value for `region`",
        ),
        Entry(
            "msg:cloud_no_region",
            N_("The cloud client has no region"),
            N_("The Bedrock or Vertex AI client could not tell which region to call, so it sent nothing."),
            "unknown",
            False,
            (
                N_(
                    "Set AWS_REGION (Bedrock, for example us-east-1) or CLOUD_ML_REGION (Vertex AI, for example "
                    "us-east5 or global), or pass the region to the client."
                ),
            ),
        ),
    ),
    MessageRule(
        (
            "unable to find your project",
            "could not resolve project_id",
            "project was not passed",
            # google-auth-library for Node, under the Vertex SDKs for JavaScript.
            "unable to detect a project id in the current environment",
        ),
        Entry(
            "msg:vertex_no_project",
            "The Vertex AI client has no project",
            "The client could not tell which Google Cloud project to call, so it sent nothing.",
            "unknown",
            False,
            ("Set ANTHROPIC_VERTEX_PROJECT_ID (or GOOGLE_CLOUD_PROJECT), or pass `project_id=` to the client.",),
        ),
    ),
    MessageRule(
        ("output token maximum",),
        Entry(
            "msg:claude_code_output_cap",
            "Response over Claude Code's output token cap",
            "The model's answer went over the most output tokens Claude Code allows per response.",
            "invalid_request",
            False,
            (
                "Ask for a shorter answer or split the task, or raise CLAUDE_CODE_MAX_OUTPUT_TOKENS (within the "
                "model's output limit).",
            ),
        ),
        r"exceeded the [\d,]+ output token maximum",
        require_pattern=True,
    ),
    MessageRule(
        ("appears to violate our usage policy", "violate our usage policy"),
        Entry(
            "msg:usage_policy_refusal",
            "Refused under the usage policy",
            "The model declined to respond because the request appears to violate Anthropic's usage policy; the "
            "same request gets the same answer.",
            "invalid_request",
            False,
            (
                "Rephrase the request, or remove the content that triggered it (including files and tool results in "
                "the context); `/clear` starts a fresh conversation in Claude Code.",
            ),
        ),
    ),
    MessageRule(
        # Libraries that check a call's parameters before sending it: LangChain.js ("\"stopSequence\" parameter
        # found in input and default params"), LangChain's model_kwargs checks ("Found stop supplied twice.",
        # "Parameters {…} should be specified explicitly"), its message conversion ("System message must be at
        # beginning of message list."), and pydantic's check of a chat model's constructor ("1 validation error for
        # ChatAnthropic").
        (
            "parameter found in input and default params",
            "supplied twice.",
            "should be specified explicitly. instead they were passed in as part of `model_kwargs`",
            "system message must be at beginning of message list",
            "validation error for chat",
            "validation errors for chat",
            "validation error for anthropic",
            "validation errors for anthropic",
            "validation error for bedrock",
            "validation errors for bedrock",
        ),
        Entry(
            "msg:library_parameters",
            N_("The library refused the call's parameters"),
            N_(
                "The library (LangChain, LlamaIndex or the like) found a parameter it does not accept, or one given "
                "twice, or messages in an order it cannot convert, and sent nothing."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Fix the parameter that the message names where the model is created or called: give each one "
                    "once, in its own argument, and put the system message first."
                ),
                N_("If an app builds the call, update it or report the bug to its authors."),
            ),
        ),
        r"parameter found in input and default|found [\w.]{1,60} supplied twice|should be specified explicitly|"
        r"system message must be at beginning|\d{1,3} validation errors? for (?:chat\w*|anthropic\w*|bedrock\w*)",
        require_pattern=True,
    ),
    MessageRule(
        # LlamaIndex counts the prompt before sending it: "Calculated available context size -1234 was not
        # non-negative.", and its chat memory's "Initial token count exceeds token limit".
        ("calculated available context size", "initial token count exceeds token limit"),
        Entry(
            "msg:library_context_full",
            N_("The library found the prompt over the model's context window"),
            N_(
                "The library counted the prompt against the model's context window before sending it and found no "
                "room left, so it sent nothing."
            ),
            "context_too_long",
            False,
            (
                N_(
                    "Send less context (fewer or shorter documents and turns), or set the library's context window "
                    "and output size to the model's real ones."
                ),
            ),
        ),
    ),
    MessageRule(
        ("unknown model:", "unknown model,"),
        Entry(
            "msg:unknown_model_name",
            "Model name not known",
            "The model name is not one the client or endpoint knows.",
            "not_found",
            False,
            ("Use a model name from the provider's or relay's model list; update the client if the model is new.",),
        ),
    ),
    MessageRule(
        # The Vercel AI SDK checks a call before sending it and throws its own errors: `AI_InvalidArgumentError`
        # ("invalid anthropic provider options"), `AI_InvalidPromptError`, `AI_UnsupportedFunctionalityError`
        # (a feature the provider or its route does not offer). No request was sent.
        ("ai_invalidargumenterror", "ai_invalidprompterror", "ai_unsupportedfunctionalityerror"),
        Entry(
            "msg:ai_sdk_refused_call",
            N_("The AI SDK refused the call before sending it"),
            N_(
                "The Vercel AI SDK found an argument, provider option or prompt it does not accept for this provider, "
                "or a feature the provider does not offer, and sent nothing."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Fix the option or prompt part that the message names, or remove it for this provider (Vertex AI "
                    "and Bedrock accept fewer Anthropic options than the Anthropic provider)."
                ),
                N_("If an app (opencode, an editor) builds the call, update it or report the message to its authors."),
            ),
        ),
    ),
)

CLAUDE_CODE_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        (
            "claude ai usage limit reached",
            "you've hit your limit",
            "you have hit your limit",
            "usage limit reached",
            "5-hour limit reached",
            "weekly limit reached",
            "session limit reached",
            "/upgrade to increase your usage limit",
        ),
        Entry(
            "msg:claude_usage_limit",
            "Claude subscription usage limit reached",
            "Your Claude plan's usage limit for this window is used up; it resets at a fixed time.",
            "rate_limited",
            True,
            (
                "Wait until the reset time, switch to a model your plan still allows (`/model`), or use an API key "
                "for now.",
                "Run `/status` in Claude Code to see your usage.",
            ),
            status=429,
            error_type="rate_limit_error",
        ),
    ),
    MessageRule(
        (
            "hit your session limit",
            "hit your weekly limit",
            "opus limit",
            "you've reached your",
        ),
        Entry(
            "msg:plan_limit",
            "Claude plan limit",
            "The Claude subscription's usage limit or model access was reached for now.",
            "rate_limited",
            True,
            ("Wait until the reset time shown, switch to a model your plan includes, or use an API key.",),
            status=429,
            error_type="rate_limit_error",
        ),
    ),
    MessageRule(
        # "Claude Opus 4 is not available with the Claude Pro plan": the plan does not include the model at all,
        # which no wait changes (a usage limit does).
        ("not available with the claude pro plan", "not available with your plan", "not included in your plan"),
        Entry(
            "msg:plan_model_not_included",
            N_("This model is not part of your Claude plan"),
            N_("The Claude subscription you are logged in with does not include this model."),
            "permission",
            False,
            (
                N_("Pick a model your plan includes (`/model`), or upgrade the plan."),
                N_("If you upgraded recently, run `/logout` and `/login` so that the new plan takes effect."),
            ),
        ),
    ),
    MessageRule(
        ("temporarily limiting requests",),
        Entry(
            "msg:server_throttle",
            "Server is temporarily limiting requests",
            "Anthropic is throttling traffic for a moment; this is not your usage limit.",
            "rate_limited",
            True,
            ("Wait and retry; Claude Code retries this on its own.",),
            status=429,
            error_type="rate_limit_error",
        ),
    ),
    MessageRule(
        ("require authentication with a claude.ai account", "api key authentication is not sufficient"),
        Entry(
            "msg:claude_code_needs_subscription",
            "This needs a Claude.ai login, not an API key",
            "The feature works only with a Claude subscription login; an API key is not enough.",
            "wrong_credential",
            False,
            ("Run `/login` and choose your Claude.ai account; check with `/status`.",),
        ),
    ),
    MessageRule(
        ("has disabled claude subscription access",),
        Entry(
            "msg:org_disabled_subscription",
            "Subscription access disabled by the organization",
            "Your organization does not allow Claude Code to use Claude subscriptions.",
            "permission",
            False,
            ("Use an Anthropic API key instead, or ask your organization's admin to enable subscription access.",),
            status=403,
            error_type="permission_error",
        ),
    ),
    MessageRule(
        ("has disabled api key authentication",),
        Entry(
            "msg:org_disabled_api_keys",
            "API keys disabled by the organization",
            "Your organization does not allow API key authentication for Claude Code.",
            "permission",
            False,
            ("Unset ANTHROPIC_API_KEY and log in with `/login`, or ask your organization's admin.",),
            status=403,
            error_type="permission_error",
        ),
    ),
    MessageRule(
        ("no longer a member of the organization",),
        Entry(
            "msg:oauth_org_left",
            "Login token points at an organization you left",
            "The subscription login token belongs to an organization this account is no longer a member of.",
            "oauth_token",
            False,
            ("Run `/logout`, then `/login` with the account and organization you use now.",),
            status=403,
            error_type="permission_error",
        ),
    ),
    MessageRule(
        ("invalid oauth token",),
        Entry(
            "msg:oauth_invalid",
            "OAuth token not valid",
            "The Claude subscription (OAuth) token was not found or is malformed.",
            "oauth_token",
            False,
            (_LOGIN, "Check CLAUDE_CODE_OAUTH_TOKEN if you set one: it must be copied whole."),
            status=401,
            error_type="authentication_error",
        ),
    ),
    MessageRule(
        ("there's an issue with the selected model", "there is an issue with the selected model"),
        Entry(
            "msg:claude_code_selected_model",
            "Model not found or not available",
            "Claude Code got a 404 for the model: the id is wrong, retired, or not available to this account or "
            "endpoint.",
            "not_found",
            False,
            (
                "Run `/model` to pick a model this account can use.",
                "Check ANTHROPIC_MODEL and the model settings; behind a relay, use a model name the relay offers.",
            ),
            status=404,
        ),
    ),
    MessageRule(
        ("not found. try",),
        Entry(
            "msg:claude_code_model_suggestion",
            "Model not available here",
            "Claude Code does not find this model on the current provider and suggests another.",
            "not_found",
            False,
            ("Run `/model` and pick the suggested model, or ask your admin to enable this one.",),
        ),
        r"model '(?P<model>[^']{1,80})' not found\. try",
        _model,
        (
            "`{model}` is not available here: run `/model` and pick the suggested model, or ask your admin to enable "
            "it.",
        ),
        require_pattern=True,
    ),
    MessageRule(
        ("is not available on your vertex deployment", "is not available on your bedrock deployment"),
        Entry(
            "msg:claude_code_model_not_deployed",
            "Model not enabled on your cloud deployment",
            "Claude Code knows this model, but your Vertex AI or Bedrock project does not offer it.",
            "not_found",
            False,
            (
                "Run `/model` to pick a model your deployment offers, or ask your admin to enable this one (Model "
                "Garden on Vertex AI, Model access on Bedrock).",
            ),
        ),
    ),
    MessageRule(
        ("context limit reached",),
        Entry(
            "msg:claude_code_context_limit",
            "Claude Code: context limit reached",
            "The conversation filled the model's context window.",
            "context_too_long",
            False,
            ("Run `/compact` to summarise the conversation, or `/clear` to start over.",),
        ),
    ),
    MessageRule(
        ("invalid api key ·", "fix external api key"),
        Entry(
            "msg:claude_code_invalid_key",
            "API key not accepted",
            "Claude Code's API key was refused or could not be used.",
            "invalid_key",
            False,
            (
                "Check ANTHROPIC_API_KEY (and apiKeyHelper in settings): a stale or truncated key overrides your "
                "login.",
                "Run `/login` to use your Claude subscription instead; run `claude-doctor check` to see which "
                "credential is used.",
            ),
        ),
    ),
    MessageRule(
        ("missing api key", "not logged in"),
        Entry(
            "msg:claude_code_no_credential",
            "No credential",
            "Claude Code found neither a login nor an API key to use.",
            "invalid_key",
            False,
            (
                "Run `/login`, or set ANTHROPIC_API_KEY in the environment Claude Code starts in.",
                "Run `claude-doctor check` to see which credentials are found and where.",
            ),
        ),
    ),
    MessageRule(
        ("aws credentials expired or invalid", "aws authentication failed", "credential resolve timed out"),
        Entry(
            "msg:claude_code_aws_credentials",
            "AWS credentials not usable",
            "Claude Code could not get valid AWS credentials for Bedrock: expired, invalid, or too slow to resolve.",
            "invalid_key",
            False,
            (
                "Refresh them (`aws sso login --profile …`) and check with `aws sts get-caller-identity`.",
                "Set `awsAuthRefresh` in Claude Code's settings so it renews them itself.",
            ),
        ),
    ),
    MessageRule(
        ("connection closed mid-response", "request ended without sending any chunks"),
        Entry(
            "msg:stream_cut",
            "Response cut off mid-stream",
            "The connection or stream ended before the response was complete.",
            "stream_interrupted",
            True,
            (
                "Send the request again; the partial output may be incomplete.",
                "If it happens often, check proxies and idle timeouts on the path.",
            ),
        ),
    ),
    MessageRule(
        ("require authentication", "authentication required"),
        Entry(
            "msg:claude_code_auth_required",
            "Authentication required",
            "The client needs a login or key before it can send requests.",
            "invalid_key",
            False,
            ("Log in (`/login` in Claude Code) or configure an API key for this client.",),
        ),
        scope="message",
    ),
    MessageRule(
        # Long context (1M tokens) on a Claude subscription is billed as extra usage: the API answers "Extra usage is
        # required for long context requests." (a 429 rate_limit_error), Claude Code says "Extra usage is required
        # for 1M context · run /extra-usage to enable, or /model to switch to standard context"; with the extra usage
        # spent, "You're out of extra usage. Add more at claude.ai/settings/usage". Waiting does not change the plan.
        (
            "extra usage is required for",
            "out of extra usage. add more",
        ),
        Entry(
            "msg:claude_extra_usage_required",
            N_("Long context needs extra usage on this Claude plan"),
            N_(
                "The request asks for the long (1M-token) context window, which a Claude subscription serves only as "
                "paid extra usage, and extra usage is off or used up. Despite the 429, waiting does not fix it."
            ),
            "billing",
            False,
            (
                N_(
                    "Switch to the standard context window (`/model` in Claude Code, or a model name without the 1M "
                    "option), or drop the long-context beta header."
                ),
                N_(
                    "Or turn on or top up extra usage at https://claude.ai/settings/usage (`/extra-usage` in Claude "
                    "Code)."
                ),
            ),
        ),
    ),
    MessageRule(
        # Before long context was sold as extra usage, the API refused it to subscriptions outright: "The long context
        # beta is not yet available for this subscription." (a 400 invalid_request_error). No payment unlocks it: the
        # plan does not include the feature, so it is a permission, not billing.
        ("long context beta is not yet available", "is not yet available for this subscription"),
        Entry(
            "msg:claude_plan_lacks_long_context",
            N_("This Claude plan does not include long context"),
            N_(
                "The request asks for the long (1M-token) context window, which the subscription behind this login "
                "does not include. The request is well formed; the plan refuses the feature."
            ),
            "permission",
            False,
            (
                N_(
                    "Switch to the standard context window (`/model` in Claude Code, or a model name without the 1M "
                    "option), or drop the long-context beta header."
                ),
                N_("Or use an API key or a plan that includes long context."),
            ),
        ),
    ),
    MessageRule(
        # The API accepts the subscription login token but the organization it belongs to does not allow this way
        # of signing in ("OAuth authentication is currently not allowed for this organization.", sent as a 401
        # `authentication_error` and later as a 403 `oauth_org_not_allowed`): the organization's setting or plan
        # refuses, as "has disabled API key authentication" does for keys.
        ("oauth authentication is currently not allowed", "oauth_org_not_allowed"),
        Entry(
            "msg:oauth_org_not_allowed",
            N_("The organization does not allow subscription login"),
            N_(
                "The login token was recognised, but the organization it belongs to does not allow signing in with a "
                "Claude subscription (OAuth): its plan or an admin setting refuses it."
            ),
            "permission",
            False,
            (
                N_(
                    "Log in with an account or organization whose plan includes Claude Code (`/logout`, then "
                    "`/login`), or ask the organization's admin to allow it."
                ),
                N_("Or use an API key from the Claude Console instead of the subscription login."),
            ),
        ),
    ),
)


def _lobe(names: str) -> str:
    """LobeChat's `errorType` (AgentRuntimeErrorType) with one of these names beside it."""
    return r"errortype\W{1,6}(?:" + names + r")\b"


# Apps and IDE agents that reword the provider's error in their own way.
APP_RULES: tuple[MessageRule, ...] = (
    # LobeChat names the error it saw in `errorType` (AgentRuntimeErrorType): the name says what the provider's answer
    # meant, whatever the inner body holds.
    MessageRule(
        ("insufficientquota", "accountdeactivated"),
        Entry(
            "msg:lobe_insufficient_quota",
            N_("The provider account's balance is used up"),
            N_("The chat app reports that the provider refused the request for want of balance or quota."),
            "billing",
            False,
            (N_("Top up the provider account (or the relay's) whose key the app uses, or switch to another key."),),
        ),
        _lobe("insufficientquota"),
        require_pattern=True,
    ),
    MessageRule(
        ("quotalimitreached", "ratelimitexceeded"),
        Entry(
            "msg:lobe_rate_limited",
            N_("The provider's rate limit"),
            N_("The chat app reports that the provider's per-minute limit (requests, tokens or concurrency) was hit."),
            "rate_limited",
            True,
            (N_("Wait a minute and retry; send fewer requests at once."),),
            status=429,
        ),
        _lobe("quotalimitreached|ratelimitexceeded"),
        require_pattern=True,
    ),
    MessageRule(
        ("modelnotfound", "noavailablechannel"),
        Entry(
            "msg:lobe_model_not_found",
            N_("The provider does not offer this model"),
            N_("The chat app reports that the provider (or the relay behind it) has no such model for this key."),
            "not_found",
            False,
            (N_("Pick a model the provider lists for this key in the app's model settings."),),
        ),
        _lobe("modelnotfound|noavailablechannel"),
        require_pattern=True,
    ),
    MessageRule(
        ("permissiondenied",),
        Entry(
            "msg:lobe_permission_denied",
            N_("The provider refused this key or model"),
            N_("The chat app reports that the provider denied the request: the key may not use this model or API."),
            "permission",
            False,
            (N_("Check what the key is allowed to use in the provider's console, or use another key."),),
        ),
        _lobe("permissiondenied"),
        require_pattern=True,
    ),
    MessageRule(
        ("exceededcontextwindow",),
        Entry(
            "msg:lobe_context_window",
            N_("The conversation is over the model's context window"),
            N_("The chat app reports that the request does not fit the model's context window."),
            "context_too_long",
            False,
            (N_("Start a new topic, shorten the history the app sends, or pick a model with a larger window."),),
        ),
    ),
    MessageRule(
        ("invalidbedrockcredentials", "invalidvertexcredentials", "invalidgithubtoken"),
        Entry(
            "msg:lobe_invalid_credentials",
            N_("The app's cloud credentials were refused"),
            N_("The chat app reports that the cloud provider (Bedrock, Vertex AI) did not accept its credentials."),
            "invalid_key",
            False,
            (
                N_(
                    "Check the access key, secret and region (Bedrock) or the service account JSON (Vertex AI) in the "
                    "app."
                ),
            ),
        ),
    ),
    MessageRule(
        ("streamchunkerror",),
        Entry(
            "msg:lobe_stream_chunk",
            N_("The answer's stream broke off"),
            N_("The chat app could not read part of the streamed answer: the stream was cut or garbled on the way."),
            "stream_interrupted",
            True,
            (
                N_(
                    "Send the message again; if it keeps happening, check the proxy or relay between the app and the "
                    "provider."
                ),
            ),
        ),
    ),
    MessageRule(
        # The region the request comes from is refused: Cursor ("This model provider doesn't serve your region"),
        # OpenAI-compatible endpoints (`unsupported_country_region_territory`).
        ("doesn't serve your region", "not available in your region", "unsupported_country_region_territory"),
        Entry(
            "msg:region_not_served",
            N_("The provider does not serve this region"),
            N_("The provider refuses requests from the country or region the request comes from."),
            "permission",
            False,
            (
                N_(
                    "Check where the request leaves from (the machine, its proxy or VPN exit) against the provider's "
                    "supported regions."
                ),
            ),
        ),
    ),
    MessageRule(
        ("invalid request format to language model provider",),
        Entry(
            "msg:zed_invalid_request",
            "The provider rejected the request",
            "The editor's request was refused by the provider as invalid (a 400); the editor hides the provider's "
            "message. A low credit balance is also reported this way.",
            "invalid_request",
            False,
            (
                "Check the editor's log for the provider's own message.",
                "Check the account's credit balance and the model settings.",
            ),
            status=400,
        ),
    ),
    MessageRule(
        ("trouble connecting to the model provider", "unable to reach the model provider"),
        Entry(
            "msg:ide_provider_unreachable",
            "The editor could not reach the model provider",
            "The editor's backend failed to get an answer from the model provider; it calls this temporary.",
            "server_error",
            True,
            ("Retry in a moment; check the editor's status page if it persists.",),
        ),
    ),
    MessageRule(
        ("experiencing high demand", "high demand for"),
        Entry(
            "msg:ide_high_demand",
            "The model is in high demand",
            "The editor's backend reports that the model is at capacity for now; this is not your own limit.",
            "overloaded",
            True,
            ("Retry in a moment, or switch to another model for now.",),
        ),
    ),
    MessageRule(
        ("an internal error occurred", "server error, please report the following request id"),
        Entry(
            "msg:ide_backend_error",
            "The editor's backend failed",
            "The editor's own service failed while calling the model and shows only its own error id.",
            "server_error",
            True,
            ("Retry; if it persists, report the error id to the editor's support.",),
        ),
    ),
    MessageRule(
        # Zed's hosted models refuse requests that reach its service through a data center whose region Anthropic does
        # not serve, with a 451: "Access to Anthropic models is not available from this data center (HKG)", and in a
        # later wording "API of Anthropic not access from data center HKG".
        ("not available from this data center", "not access from data center"),
        Entry(
            "msg:hosted_data_center_refused",
            N_("The editor's hosted models are not served from this data center"),
            N_(
                "The editor's hosted model service refuses to send Claude requests from the data center that serves "
                "you, because Anthropic does not serve that region (HTTP 451)."
            ),
            "permission",
            False,
            (
                N_(
                    "Use your own Anthropic API key (or another provider) in the editor's settings instead of its "
                    "hosted models."
                ),
                N_(
                    "If you are in a supported country, check the proxy or VPN exit: the data center is chosen by "
                    "where your traffic comes from."
                ),
            ),
        ),
    ),
    MessageRule(
        # An app whose version has no such provider refuses before sending anything: Chatbox ("unsupported ai
        # provider: claude"), and apps that print "unsupported provider: X" or "provider X is not supported".
        ("unsupported ai provider", "unsupported provider:", "unsupported model provider"),
        Entry(
            "msg:app_provider_unsupported",
            N_("The app does not support this provider"),
            N_("The app has no provider of this name in this version, so it sent no request."),
            "unknown",
            False,
            (
                N_(
                    "Update the app, or pick a provider it lists in its settings (an OpenAI-compatible or Anthropic "
                    "provider with a custom endpoint often works)."
                ),
            ),
        ),
    ),
)

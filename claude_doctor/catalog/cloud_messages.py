"""Message families of Claude on Amazon Bedrock and on Google Vertex AI: the wording each cloud uses, recognised
with or without the exception name or status around it (apps often print only the message)."""

from __future__ import annotations

import re

from claude_doctor.catalog.entry import Entry
from claude_doctor.catalog.rules import MessageRule, Values, number
from claude_doctor.i18n import N_

_AWS_CREDS = (
    "Refresh the AWS credentials this client uses (`aws sso login`, or new keys in the environment or profile), then "
    "check them with `aws sts get-caller-identity`.",
    "Look for stale AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN variables: they override the "
    "profile.",
    "In Claude Code, set `awsAuthRefresh` or `awsCredentialExport` in settings so that it renews credentials itself.",
)
_QUOTAS = (
    "Open Service Quotas in the AWS console (Amazon Bedrock) for this region and model, and request an increase if "
    "your traffic needs it."
)
_PROFILE = "Use a cross-region inference profile (an id starting with us., eu., apac. or global.) to spread the load."


def _max_tokens(m: re.Match[str]) -> Values:
    return {"limit": number(int(m["limit"]))}


def _body_limit(m: re.Match[str]) -> Values:
    return {"limit": number(int(m["limit"]))}


def _model_id(m: re.Match[str]) -> Values:
    return {"model": m["model"]}


def _quota(m: re.Match[str]) -> Values:
    model = (m["model"] or "").rstrip(".")
    return {"metric": m["metric"], "model": f"base model {model}" if model else "this model"}


def _publisher_model(m: re.Match[str]) -> Values:
    return {
        "model": m["model"],
        "publisher": m["publisher"],
        "region": m["region"],
    }


# Bedrock's check of a bearer API key (AWS_BEARER_TOKEN_BEDROCK), tried before the relays' looser "invalid API key
# format" wording: AWS answers 403 `{"Message":"Invalid API Key format: Must start with pre-defined prefix"}` when the
# key is not a Bedrock API key (those start with ABSK).
BEDROCK_KEY_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        ("must start with pre-defined prefix",),
        Entry(
            "msg:bedrock_api_key_format",
            N_("Not a Bedrock API key"),
            N_(
                "Bedrock refused the bearer API key because it is not of a Bedrock API key's form: another kind of "
                "key, or one cut or quoted when it was copied."
            ),
            "invalid_key",
            False,
            (
                N_(
                    "Set AWS_BEARER_TOKEN_BEDROCK to a Bedrock API key from the Bedrock console (it starts with ABSK), "
                    "or unset it to sign with AWS credentials instead."
                ),
            ),
            status=403,
        ),
    ),
)

BEDROCK_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        ("too many tokens, please wait", "too many tokens per"),
        Entry(
            "msg:bedrock_tokens_throttled",
            "Bedrock tokens-per-minute quota reached",
            "The AWS account sent more tokens per minute to this model than its Bedrock quota allows "
            "(ThrottlingException). Bedrock counts max_tokens against the quota when the request starts.",
            "rate_limited",
            True,
            (
                "Wait and retry with backoff; the AWS SDKs retry throttling on their own.",
                "Lower max_tokens to what you need: Bedrock reserves it against the tokens-per-minute quota.",
                _QUOTAS,
            ),
            status=429,
        ),
    ),
    MessageRule(
        ("too many requests, please wait", "you have sent too many requests"),
        Entry(
            "msg:bedrock_requests_throttled",
            "Bedrock requests-per-minute quota reached",
            "The AWS account sent more requests per minute to this model than its Bedrock quota allows "
            "(ThrottlingException).",
            "rate_limited",
            True,
            ("Wait and retry with backoff; lower the concurrency.", _QUOTAS, _PROFILE),
            status=429,
        ),
    ),
    MessageRule(
        ("too many connections, please wait", "bedrock is unable to process your request"),
        Entry(
            "msg:bedrock_capacity",
            "Bedrock is at capacity",
            "Bedrock could not take the request because the model's capacity is busy (ServiceUnavailableException); "
            "this is not your quota.",
            "overloaded",
            True,
            (
                "Retry with exponential backoff.",
                _PROFILE,
                "Check the AWS Health Dashboard for Amazon Bedrock in your region.",
            ),
            status=503,
        ),
    ),
    MessageRule(
        ("the system encountered an unexpected error during processing",),
        Entry(
            "msg:bedrock_internal",
            "Bedrock internal error",
            "An unexpected error inside Amazon Bedrock (InternalServerException).",
            "server_error",
            True,
            (
                "Retry with exponential backoff.",
                "For long requests, stream the response: very long non-streaming calls end this way too.",
                "If it keeps happening, open a case with AWS Support and quote the request id.",
            ),
            status=500,
        ),
    ),
    MessageRule(
        ("model has timed out",),
        Entry(
            "msg:bedrock_model_timeout",
            "Bedrock model timed out",
            "The model took too long to process the request (ModelTimeoutException).",
            "timeout",
            True,
            ("Retry; stream long generations, or lower max_tokens.",),
            status=408,
        ),
    ),
    MessageRule(
        ("aws marketplace actions", "aws-marketplace:", "marketplace subscription"),
        Entry(
            "msg:bedrock_marketplace",
            "Bedrock model access blocked by AWS Marketplace permissions",
            "Access to this Anthropic model goes through an AWS Marketplace subscription, and the IAM identity may "
            "not create or view it.",
            "permission",
            False,
            (
                "Have an administrator enable the model once in Amazon Bedrock → Model access, or grant the identity "
                "aws-marketplace:ViewSubscriptions and aws-marketplace:Subscribe.",
                "After fixing it, wait a few minutes before retrying: the subscription takes time to complete.",
            ),
            status=403,
        ),
    ),
    MessageRule(
        ("don't have access to the model with the specified model id", "do not have access to the model"),
        Entry(
            "msg:bedrock_no_model_access",
            "No access to this Bedrock model",
            "The AWS account has not been granted access to this model in the region the request went to "
            "(AccessDeniedException).",
            "permission",
            False,
            (
                "Open Amazon Bedrock → Model access in the AWS console, in the request's region, and request access "
                "to this Anthropic model (first use needs Anthropic's use-case form).",
                "With a cross-region inference profile (us., eu., apac., global.), access is needed in every region "
                "the profile routes to.",
            ),
            status=403,
        ),
    ),
    MessageRule(
        ("is not authorized to perform: bedrock:", "not authorized to perform bedrock:"),
        Entry(
            "msg:bedrock_iam_denied",
            "IAM does not allow this Bedrock call",
            "The IAM user or role is not allowed to call this Bedrock action on this model or inference profile: no "
            "policy allows it, or one explicitly denies it.",
            "permission",
            False,
            (
                "Add an IAM policy that allows the action named (bedrock:InvokeModel, "
                "bedrock:InvokeModelWithResponseStream) on the model and inference profile ARNs.",
                "An explicit deny (a permission boundary, an SCP, a region condition) wins over any allow: ask your "
                "AWS administrator.",
            ),
            status=403,
        ),
    ),
    MessageRule(
        ("with on-demand throughput isn", "with on-demand throughput is not", "on-demand throughput isn"),
        Entry(
            "msg:bedrock_inference_profile_required",
            "Bedrock needs an inference profile id for this model",
            "This model cannot be invoked by its plain model id on demand; Bedrock only serves it through an "
            "inference profile.",
            "invalid_request",
            False,
            (
                "Use the inference profile id instead of the model id: prefix it with the geography, for example "
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0 (or eu., apac., global.).",
                "List the profiles this account can use with `aws bedrock list-inference-profiles`.",
            ),
            status=400,
        ),
        r"model id (?P<model>[a-z0-9.:-]{3,120}) with on-demand",
        _model_id,
        (
            "Invoke `{model}` through an inference profile: prefix the id with the geography, such as us.{model} "
            "(or eu., apac., global.).",
            "List the profiles this account can use with `aws bedrock list-inference-profiles`.",
        ),
    ),
    MessageRule(
        ("the maximum tokens you requested exceed the model limit",),
        Entry(
            "msg:bedrock_max_tokens",
            "max_tokens over the model's output limit",
            "Bedrock refused max_tokens larger than this model can generate (ValidationException).",
            "invalid_request",
            False,
            ("Lower max_tokens to the model's output limit.",),
            status=400,
        ),
        r"exceed the model limit of (?P<limit>\d+)",
        _max_tokens,
        ("Set max_tokens to at most {limit} for this model.",),
    ),
    MessageRule(
        ("failed to satisfy constraint: member must have length less than or equal to",),
        Entry(
            "msg:bedrock_body_too_large",
            "Request body over Bedrock's size limit",
            "The InvokeModel body is larger than Bedrock accepts; Bedrock reports it as a ValidationException (400), "
            "not a 413.",
            "request_too_large",
            False,
            ("Shrink the request: fewer or smaller images and documents, or a shorter history.",),
            status=400,
        ),
        r"value at 'body' failed to satisfy constraint: member must have length less than or equal to (?P<limit>\d+)",
        _body_limit,
        ("Keep the request body under {limit} bytes: fewer or smaller images and documents, or a shorter history.",),
        require_pattern=True,
    ),
    MessageRule(
        ("malformed input request",),
        Entry(
            "msg:bedrock_malformed_input",
            "Bedrock could not read the request body",
            "The InvokeModel body does not match the Anthropic Messages schema Bedrock expects (ValidationException).",
            "invalid_request",
            False,
            (
                "Send `anthropic_version: bedrock-2023-05-31`, `max_tokens` and `messages` in the body, and leave out "
                "`model` and `stream` (Bedrock takes them from the URL).",
                "Read the schema errors in the message: each names the field at fault.",
            ),
            status=400,
        ),
    ),
    MessageRule(
        # AWS's ValidationException wording for a body it cannot parse (Bedrock, and CodeWhisperer behind Kiro-based
        # relays): the request itself is at fault, whatever status a relay wraps it in.
        ("improperly formed request",),
        Entry(
            "msg:aws_improperly_formed",
            N_("AWS could not parse the request"),
            N_("The AWS service behind the client refused the request body as malformed (ValidationException)."),
            "invalid_request",
            False,
            (
                N_("Check the fields the client or relay sends (message roles and content, tool definitions)."),
                N_("If a relay translates the request for AWS, tell its operator: the translation is at fault."),
            ),
            # A ValidationException: AWS answers it with 400 (Kiro's "Error from Kiro API: 400 - {\"message\":
            # \"Improperly formed request.\"}"), whatever status a relay wraps it in.
            status=400,
        ),
    ),
    MessageRule(
        (
            "the provided model identifier is invalid",
            "could not resolve the foundation model",
            # A model id that is not even of a model id's form: "Value '…' at 'modelId' failed to satisfy constraint".
            "at 'modelid' failed to satisfy constraint",
        ),
        Entry(
            "msg:bedrock_invalid_model_id",
            "Bedrock does not know this model id",
            "The model id is not a Bedrock model or inference profile id in this region; Bedrock reports it as a "
            "ValidationException (400).",
            "not_found",
            False,
            (
                "Use a Bedrock id such as us.anthropic.claude-sonnet-4-5-20250929-v1:0, not a first-party alias such "
                "as claude-sonnet-4-5.",
                "List the ids this account can use with `aws bedrock list-inference-profiles` and "
                "`aws bedrock list-foundation-models --by-provider anthropic`.",
            ),
            status=400,
        ),
    ),
    MessageRule(
        ("security token included in the request is expired", "the security token included in the request is expired"),
        Entry(
            "msg:aws_token_expired",
            "AWS security token expired",
            "The temporary AWS credentials (SSO session, assumed role, session token) have expired.",
            "invalid_key",
            False,
            _AWS_CREDS,
            status=403,
        ),
        r"security token included in the request\s?is expired",
    ),
    MessageRule(
        ("security token included in the request is invalid",),
        Entry(
            "msg:aws_token_invalid",
            "AWS did not recognise the credentials",
            "The AWS access key or session token is not valid (UnrecognizedClientException): wrong keys, a stale "
            "session token, or keys from another account or partition.",
            "invalid_key",
            False,
            _AWS_CREDS,
            status=403,
        ),
    ),
    MessageRule(
        ("not allowed from unsupported countries",),
        Entry(
            "msg:bedrock_unsupported_country",
            "Region or country not supported",
            "Anthropic models cannot be used from this country, region or territory (for Bedrock, the AWS region "
            "counts too: China regions are refused).",
            "permission",
            False,
            (
                "Use a supported country and AWS region: https://www.anthropic.com/supported-countries",
                "If a proxy or VPN is in the path, check where its exit is.",
            ),
            status=400,
        ),
    ),
    MessageRule(
        ("model use case details have not been submitted",),
        Entry(
            "msg:bedrock_use_case_form",
            "Anthropic use-case form not submitted",
            "Before first use, Bedrock needs the account's use-case details for Anthropic models.",
            "permission",
            False,
            ("Fill in the Anthropic use-case form in Amazon Bedrock → Model access, then retry.",),
            status=404,
        ),
    ),
    MessageRule(
        ("exceeds the service quota",),
        Entry(
            "msg:bedrock_service_quota",
            "Bedrock service quota exceeded",
            "The request goes over an AWS service quota of the account (ServiceQuotaExceededException).",
            "rate_limited",
            True,
            (_QUOTAS, "Resubmit the request later."),
            status=400,
        ),
    ),
    MessageRule(
        # AWS IAM Identity Center (SSO): its portal's GetRoleCredentials answers an expired or unknown SSO session
        # with `UnauthorizedException: Session token not found or invalid`; botocore and the AWS SDK for JavaScript
        # say it in their own words ("The SSO session associated with this profile has expired or is otherwise
        # invalid", "Error loading SSO Token", "Error when retrieving token from sso").
        (
            "session token not found or invalid",
            "sso session associated with this profile",
            "error loading sso token",
            "error when retrieving token from sso",
        ),
        Entry(
            "msg:aws_sso_session_invalid",
            N_("The AWS SSO session has expired or is not valid"),
            N_(
                "The client gets its AWS credentials from an IAM Identity Center (SSO) login, and that login session "
                "has expired or is unknown, so no credentials reached Bedrock."
            ),
            "invalid_key",
            False,
            (
                N_("Log in again with `aws sso login` (with `--profile` for the profile the client uses)."),
                N_(
                    "In Claude Code, set `awsAuthRefresh` in settings to `aws sso login --profile <name>` so that it "
                    "renews the session itself."
                ),
            ),
        ),
    ),
    MessageRule(
        # Bedrock rejects an `anthropic_beta` value it does not offer with a ValidationException whose message is
        # only "invalid beta flag" (Anthropic's own API words it "Unexpected value(s) … for the `anthropic-beta`
        # header"): a client or proxy forwarded a beta header that Bedrock does not support for this model.
        ("invalid beta flag",),
        Entry(
            "msg:bedrock_invalid_beta_flag",
            N_("Bedrock does not accept a beta flag in the request"),
            N_(
                "The request asks for a beta feature (anthropic_beta) that Bedrock does not offer for this model, so "
                "Bedrock rejected it."
            ),
            "invalid_request",
            False,
            (
                N_(
                    "Remove the beta flag, or update the client or proxy so that it sends Bedrock only the betas it "
                    "supports (for Claude Code, set CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1)."
                ),
            ),
            status=400,
            error_type="invalid_request_error",
        ),
    ),
    MessageRule(
        # Bedrock's "Operation not allowed" (a ValidationException, 400) refuses the call for the account, not for the
        # request's content: an account that AWS has restricted (new or under review), or a model whose use the
        # account has not been cleared for. The same request from another account works.
        ("operation not allowed",),
        Entry(
            "msg:bedrock_operation_not_allowed",
            N_("Bedrock does not allow this account to call the model"),
            N_(
                "Bedrock refused the call for this AWS account: the account is restricted, or not yet cleared to "
                "use this model, whatever the request holds."
            ),
            "permission",
            False,
            (
                N_(
                    "Check the model's access in the Bedrock console (Model access) for this account and region, "
                    "and open an AWS support case if access is granted but calls are still refused."
                ),
            ),
        ),
        r"when calling the \w{2,60} operation[^\n]{0,80}: operation not allowed|\"operation not allowed\"",
        require_pattern=True,
    ),
)

VERTEX_RULES: tuple[MessageRule, ...] = (
    MessageRule(
        ("quota exceeded for aiplatform.googleapis.com", "online prediction request quota exceeded"),
        Entry(
            "msg:vertex_quota",
            "Vertex AI quota exhausted",
            "The Google Cloud project went over a Vertex AI quota for this Claude model (RESOURCE_EXHAUSTED).",
            "rate_limited",
            True,
            (
                "Wait and retry with backoff.",
                "Request a higher quota in the Google Cloud console (IAM & Admin → Quotas); a new project may start "
                "with a quota of 0.",
            ),
            status=429,
        ),
        r"quota exceeded for aiplatform\.googleapis\.com/(?P<metric>[a-z0-9_]{3,120})"
        r"(?: with base model: (?P<model>[a-z0-9._@-]{2,80}))?",
        _quota,
        (
            "Wait and retry with backoff.",
            "The quota `{metric}` ran out for {model}: request a higher value in the Google Cloud console (IAM & Admin "
            "→ Quotas) for this region; a new project may start with a quota of 0.",
        ),
    ),
    MessageRule(
        ("resource has been exhausted",),
        Entry(
            "msg:google_resource_exhausted",
            "Google quota exhausted",
            "A Google Cloud quota for this model or project ran out (RESOURCE_EXHAUSTED).",
            "rate_limited",
            True,
            (
                "Wait and retry with backoff.",
                "Check the project's quotas in the Google Cloud console (IAM & Admin → Quotas) and request more.",
            ),
            status=429,
        ),
    ),
    MessageRule(
        ("is not allowed to use publisher model",),
        Entry(
            "msg:vertex_model_not_enabled",
            "This project may not use the Claude model",
            "The Google Cloud project is not allowed to use this publisher model: it is not enabled in Model Garden, "
            "or its terms were not accepted (FAILED_PRECONDITION).",
            "permission",
            False,
            (
                "Open Vertex AI → Model Garden, find the Claude model and enable it for this project (accept the "
                "terms), in the region you call.",
            ),
            status=400,
        ),
    ),
    MessageRule(
        ("requires data sharing to be enabled",),
        Entry(
            "msg:vertex_data_sharing",
            "Vertex AI model needs the publisher's data-sharing setting",
            "This model can only be used once the project's publisher model config allows data sharing with "
            "Anthropic (PERMISSION_DENIED).",
            "permission",
            False,
            (
                "Set the publisher model config as the message says (setPublisherModelConfig with "
                "data_sharing_enabled_provider 'anthropic'), or ask your Google Cloud admin.",
            ),
            status=403,
        ),
    ),
    MessageRule(
        ("publisher model",),
        Entry(
            "msg:vertex_model_not_found",
            "Vertex AI publisher model not found",
            "Vertex AI does not find this Claude model for the project and region: a wrong id or version, a region "
            "that does not offer it, or a model not enabled.",
            "not_found",
            False,
            (
                "Check the model id and its `@version` (claude-sonnet-4-5@20250929), and that the region offers it.",
                "Claude models sit under publishers/anthropic; a path with publishers/google means the client used "
                "the Gemini API for a Claude model.",
                "Enable the model in Vertex AI Model Garden for this project.",
            ),
            status=404,
        ),
        r"locations/(?P<region>[a-z0-9-]{2,40})/publishers/(?P<publisher>[a-z0-9_-]{2,40})/models/"
        r"(?P<model>[a-z0-9._@-]{2,120})`? (?:was )?not found",
        _publisher_model,
        (
            "Check `{model}` in `{region}`: the id needs its `@version` (claude-sonnet-4-5@20250929), and the region "
            "must offer the model.",
            "Claude models sit under publishers/anthropic; the path here uses publishers/{publisher}.",
            "Enable the model in Vertex AI Model Garden for this project.",
        ),
        require_pattern=True,
    ),
    MessageRule(
        ("is not supported in the generatecontent api",),
        Entry(
            "msg:vertex_generatecontent",
            "Claude called through Gemini's generateContent API",
            "Claude on Vertex AI answers only the Messages API (rawPredict, streamRawPredict), not generateContent.",
            "invalid_request",
            False,
            ("Use the Anthropic Vertex client (AnthropicVertex) or a client mode for Anthropic models on Vertex AI.",),
            status=400,
        ),
    ),
    MessageRule(
        ("has not been used in project", "service_disabled"),
        Entry(
            "msg:google_api_disabled",
            "The Vertex AI API is not enabled for the project",
            "The Google Cloud project has never enabled the Vertex AI API, or it was disabled (SERVICE_DISABLED).",
            "permission",
            False,
            (
                "Enable the Vertex AI API for the project (`gcloud services enable aiplatform.googleapis.com`), wait "
                "a few minutes, then retry.",
            ),
            status=403,
        ),
    ),
    MessageRule(
        ("request had invalid authentication credentials",),
        Entry(
            "msg:google_bad_credentials",
            "Google did not accept the credentials",
            "The request's Google access token is missing, expired or not a Google token (UNAUTHENTICATED).",
            "invalid_key",
            False,
            (
                "Run `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a service "
                "account key file.",
            ),
            status=401,
        ),
    ),
    MessageRule(
        ("the caller does not have permission", "denied on resource", "insufficient authentication scopes"),
        Entry(
            "msg:google_caller_denied",
            "Google Cloud permission denied",
            "The Google identity used has no permission for this call on the project (PERMISSION_DENIED).",
            "permission",
            False,
            (
                "Grant the identity the Vertex AI User role (roles/aiplatform.user) on the project, and check the "
                "project id the client uses.",
                "With workload identity federation, check the pool's service account impersonation.",
            ),
            status=403,
        ),
    ),
    MessageRule(
        (
            "default credentials were not found",
            "could not automatically determine credentials",
            # google-auth-library for Node, under the Vertex SDKs for JavaScript.
            "could not load the default credentials",
        ),
        Entry(
            "msg:google_no_adc",
            "No Google application default credentials",
            "The Google auth library found no credentials on this machine, so nothing was sent.",
            "invalid_key",
            False,
            (
                "Run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service "
                "account key file.",
            ),
        ),
    ),
    MessageRule(
        # Google's auth libraries refusing the credentials they were given before any Vertex AI request:
        # google-auth-library for Node reading a JSON that is not a service-account key ("The incoming JSON object
        # does not contain a client_email field" / "… private_key field"), Go's golang.org/x/oauth2 failing the token
        # exchange ("oauth2/google: status code 400: …", "oauth2: cannot fetch token"), google-auth for Python
        # ("('invalid_client', …)", "Failed to retrieve access token"). The status shown is the token endpoint's.
        (
            "does not contain a client_email field",
            "does not contain a private_key field",
            "oauth2/google:",
            "oauth2: cannot fetch token",
            "failed to retrieve access token",
        ),
        Entry(
            "msg:google_credentials_rejected",
            N_("Google's auth library refused the credentials"),
            N_(
                "Before any Vertex AI request, Google's auth library could not turn the configured credentials into "
                "an access token: the key file is not a service-account key, or the token exchange (workload "
                "identity federation included) was refused."
            ),
            "invalid_key",
            False,
            (
                N_(
                    "Point GOOGLE_APPLICATION_CREDENTIALS (or the client's credentials setting) at a service-account "
                    "key JSON or a valid external-account configuration, or run `gcloud auth application-default "
                    "login`."
                ),
                N_(
                    "With workload identity federation, check the pool's audience, the provider and the service "
                    "account impersonation."
                ),
            ),
        ),
    ),
    MessageRule(
        # The Anthropic SDK's Vertex client (`AnthropicVertex`) when Google's auth library gave it no access token.
        ("could not resolve api token from the environment",),
        Entry(
            "msg:vertex_no_token",
            N_("The Vertex AI client got no Google access token"),
            N_(
                "The Anthropic Vertex client asked Google's auth library for an access token and got none, so it sent "
                "nothing: no usable Google credentials were found."
            ),
            "invalid_key",
            False,
            (
                N_(
                    "Run `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service "
                    "account key file, or pass `credentials=` or `access_token=` to the client."
                ),
            ),
        ),
    ),
    MessageRule(
        ("invalid_grant", "reauthentication is needed"),
        Entry(
            "msg:google_reauth",
            "Google login needs renewing",
            "Google refused to refresh the saved credentials (invalid_grant): the session expired or a "
            "reauthentication policy requires a new login.",
            "invalid_key",
            False,
            ("Run `gcloud auth application-default login` again (and `gcloud auth login` for the CLI).",),
        ),
        r"reauth|token has been expired or revoked|aiplatform|googleapis|refresherror",
        require_pattern=True,
    ),
    MessageRule(
        ("requested entity was not found",),
        Entry(
            "msg:google_entity_not_found",
            "Google resource not found",
            "Google does not find the model, project or resource named (NOT_FOUND).",
            "not_found",
            False,
            (
                "Check the model name, project id and region the client uses; enable the model in Vertex AI Model "
                "Garden.",
            ),
            status=404,
        ),
    ),
    MessageRule(
        # Vertex AI answers a model that exists but is not served at the endpoint's region with FAILED_PRECONDITION
        # (400): "Publisher Model projects/…/publishers/anthropic/models/X is not servable in region global." The
        # model is not offered there; another region (or the model's own regional endpoint) serves it.
        ("is not servable in region",),
        Entry(
            "msg:vertex_model_not_servable_in_region",
            N_("The model is not served in this Vertex AI region"),
            N_("Vertex AI does not serve this Claude model at the region the request went to."),
            "not_found",
            False,
            (
                N_(
                    "Call the model in a region that serves it (see the model's page in Vertex AI Model Garden), by "
                    "setting CLOUD_ML_REGION or the client's region."
                ),
            ),
            status=400,
        ),
    ),
)

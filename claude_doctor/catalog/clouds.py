"""Claude on Amazon Bedrock and on Google Vertex AI: what each AWS exception and each Google status means, with the
fix on the cloud's side (AWS console, IAM, Service Quotas; Google Cloud console, Model Garden, gcloud).

Statuses follow each cloud's documentation: Bedrock's exception names map to fixed HTTP statuses
(docs.aws.amazon.com/bedrock/latest/userguide/troubleshooting-api-error-codes.html), Google's canonical statuses to
theirs (cloud.google.com/apis/design/errors).
"""

from __future__ import annotations

from claude_doctor.catalog.entry import Entry

_AWS_SUPPORT = "If it keeps happening, open a case with AWS Support and quote the request id."
_AWS_QUOTAS = (
    "Open Service Quotas in the AWS console (Amazon Bedrock) for this region and model, and request an increase if "
    "your traffic needs it."
)
_AWS_STATUS = "Check the AWS Health Dashboard for Amazon Bedrock in your region."
_AWS_CREDS = (
    "Refresh the AWS credentials this client uses (`aws sso login`, or new keys in the environment or profile), then "
    "check them with `aws sts get-caller-identity`.",
    "Look for stale AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or AWS_SESSION_TOKEN variables: they override the "
    "profile.",
    "In Claude Code, set `awsAuthRefresh` or `awsCredentialExport` in settings so that it renews credentials itself.",
)
_MODEL_ACCESS = (
    "Open Amazon Bedrock → Model access in the AWS console, in the region the request went to, and request access to "
    "this Anthropic model (first use needs Anthropic's use-case form)."
)

AWS_ENTRIES: tuple[Entry, ...] = (
    Entry(
        "aws:ThrottlingException",
        "Bedrock throttled the request",
        "The AWS account went over a Bedrock quota for this model: requests or tokens per minute.",
        "rate_limited",
        True,
        (
            "Wait and retry with backoff; the AWS SDKs retry throttling on their own.",
            _AWS_QUOTAS,
            "Use a cross-region inference profile (an id starting with us., eu., apac. or global.) to spread the load.",
        ),
        status=429,
    ),
    Entry(
        "aws:ServiceUnavailableException",
        "Bedrock is temporarily unavailable",
        "Bedrock could not serve the request right now: the model's capacity in this region is busy.",
        "overloaded",
        True,
        (
            "Retry with exponential backoff.",
            "Use a cross-region inference profile, or another region, to reach more capacity.",
            _AWS_STATUS,
        ),
        status=503,
    ),
    Entry(
        "aws:ModelNotReadyException",
        "Bedrock model not ready",
        "The model cannot serve requests yet; the AWS SDKs retry this on their own, up to 5 times.",
        "overloaded",
        True,
        ("Wait a little and retry; let the AWS SDK's own retries run.",),
        status=429,
    ),
    Entry(
        "aws:ModelTimeoutException",
        "Bedrock model timed out",
        "The model took too long to process the request.",
        "timeout",
        True,
        (
            "Retry; stream the response (InvokeModelWithResponseStream or ConverseStream) for long generations.",
            "Lower max_tokens or split the work.",
        ),
        status=408,
    ),
    Entry(
        "aws:InternalServerException",
        "Bedrock internal error",
        "An unexpected error inside Amazon Bedrock.",
        "server_error",
        True,
        ("Retry with exponential backoff.", _AWS_STATUS, _AWS_SUPPORT),
        status=500,
    ),
    Entry(
        "aws:ModelErrorException",
        "Bedrock model error",
        "The model failed while processing the request.",
        "server_error",
        True,
        ("Retry; if the same request keeps failing, change or shorten it.", _AWS_SUPPORT),
        status=424,
    ),
    Entry(
        "aws:ModelStreamErrorException",
        "Bedrock stream broke off",
        "The model's response stream failed after it had started.",
        "stream_interrupted",
        True,
        ("Send the request again; the partial output may be incomplete.",),
        status=424,
    ),
    Entry(
        "aws:AccessDeniedException",
        "Bedrock access denied",
        "The AWS identity may not use this model: model access is not granted in this region, an IAM policy does "
        "not allow the action, or an AWS Marketplace subscription is missing.",
        "permission",
        False,
        (
            _MODEL_ACCESS,
            "Check that the IAM user or role allows bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on "
            "this model or inference profile.",
            "If the credentials are temporary, check that they have not expired.",
        ),
        status=403,
    ),
    Entry(
        "aws:ValidationException",
        "Bedrock rejected the request",
        "The request does not match what Bedrock accepts for this model: a parameter, the model id or the body.",
        "invalid_request",
        False,
        ("Read the message: it names the field or rule that was broken.", "Fix the request before sending it again."),
        status=400,
    ),
    Entry(
        "aws:ResourceNotFoundException",
        "Bedrock resource not found",
        "The model, inference profile or other resource named does not exist in this account and region.",
        "not_found",
        False,
        ("Check the model id or inference profile id and the region (`aws bedrock list-inference-profiles`).",),
        status=404,
    ),
    Entry(
        "aws:ServiceQuotaExceededException",
        "Bedrock service quota exceeded",
        "The request goes over a service quota of the AWS account; it can succeed again when the quota's window "
        "resets.",
        "rate_limited",
        True,
        (_AWS_QUOTAS, "Resubmit the request later."),
        status=400,
    ),
    Entry(
        "aws:UnrecognizedClientException",
        "AWS did not recognise the credentials",
        "The AWS access key or security token sent is not valid: wrong keys, a stale session token, or keys for "
        "another partition.",
        "invalid_key",
        False,
        _AWS_CREDS,
        status=403,
    ),
    Entry(
        "aws:ExpiredTokenException",
        "AWS security token expired",
        "The temporary AWS credentials (SSO, assumed role, session token) have expired.",
        "invalid_key",
        False,
        _AWS_CREDS,
        status=400,
    ),
    Entry(
        "aws:InvalidSignatureException",
        "AWS request signature rejected",
        "The request's SigV4 signature does not match: a wrong secret key, or a clock that is far off.",
        "invalid_key",
        False,
        (
            "Check the AWS secret access key this client uses, and the system clock.",
            *_AWS_CREDS[:1],
        ),
        status=403,
    ),
    Entry(
        "aws:ConflictException",
        "Bedrock conflict",
        "The request conflicts with another operation on the same resource.",
        "invalid_request",
        True,
        ("Retry after a short wait.",),
        status=409,
    ),
)

# Google's canonical statuses, as Vertex AI sends them in {"error": {"code", "message", "status"}}.
_GCLOUD_STATUS = "Check https://status.cloud.google.com for a Vertex AI incident."
GOOGLE_ENTRIES: tuple[Entry, ...] = (
    Entry(
        "google:RESOURCE_EXHAUSTED",
        "Vertex AI quota exhausted",
        "The Google Cloud project went over a Vertex AI quota for this model: requests or tokens per minute.",
        "rate_limited",
        True,
        (
            "Wait and retry with backoff.",
            "Open IAM & Admin → Quotas in the Google Cloud console, find the quota named in the message for this model "
            "and region, and request an increase. A new project may start with a quota of 0.",
        ),
        status=429,
    ),
    Entry(
        "google:NOT_FOUND",
        "Vertex AI model or resource not found",
        "The publisher model, endpoint or project named does not exist here, or this project cannot see it.",
        "not_found",
        False,
        (
            "Check the model id with its `@version` (for example claude-sonnet-4-5@20250929) and the region: not every "
            "Claude model is offered in every region.",
            "Enable the model in Vertex AI Model Garden for this project.",
        ),
        status=404,
    ),
    Entry(
        "google:PERMISSION_DENIED",
        "Vertex AI permission denied",
        "The Google identity may not use this model or project: a missing IAM role, or the model not enabled.",
        "permission",
        False,
        (
            "Grant the identity the Vertex AI User role (roles/aiplatform.user) on the project.",
            "Enable the Claude model in Vertex AI Model Garden and accept its terms.",
        ),
        status=403,
    ),
    Entry(
        "google:UNAUTHENTICATED",
        "Google credentials not accepted",
        "The request carried no valid Google credentials: expired or missing application default credentials.",
        "invalid_key",
        False,
        (
            "Run `gcloud auth application-default login`, or point GOOGLE_APPLICATION_CREDENTIALS at a service "
            "account key file.",
        ),
        status=401,
    ),
    Entry(
        "google:INVALID_ARGUMENT",
        "Vertex AI rejected the request",
        "The request has a value Vertex AI does not accept.",
        "invalid_request",
        False,
        ("Read the message: it names the field at fault.", "Fix the request before sending it again."),
        status=400,
    ),
    Entry(
        "google:FAILED_PRECONDITION",
        "Vertex AI precondition failed",
        "The project or request is not in a state that allows this call (a model not enabled, an API the model does "
        "not support).",
        "invalid_request",
        False,
        ("Read the message for the missing precondition and fix it before retrying.",),
        status=400,
    ),
    Entry(
        "google:UNAVAILABLE",
        "Vertex AI unavailable",
        "The service is temporarily unavailable.",
        "server_error",
        True,
        ("Retry with exponential backoff.", _GCLOUD_STATUS),
        status=503,
    ),
    Entry(
        "google:DEADLINE_EXCEEDED",
        "Vertex AI deadline exceeded",
        "The request did not finish before its deadline.",
        "timeout",
        True,
        ("Retry; stream long generations, or raise the client's deadline.",),
        status=504,
    ),
    Entry(
        "google:INTERNAL",
        "Vertex AI internal error",
        "An unexpected error inside Vertex AI.",
        "server_error",
        True,
        ("Retry with exponential backoff.", _GCLOUD_STATUS),
        status=500,
    ),
    Entry(
        "google:ABORTED",
        "Vertex AI aborted the request",
        "The request was aborted, usually by a concurrency conflict.",
        "server_error",
        True,
        ("Retry after a short wait.",),
        status=409,
    ),
    Entry(
        "google:UNIMPLEMENTED",
        "Not implemented on Vertex AI",
        "The method or feature is not available for this model on Vertex AI.",
        "invalid_request",
        False,
        ("Check that the feature is supported for Claude on Vertex AI; drop it or call the model another way.",),
        status=501,
    ),
)

# google-api-core's exception classes, as Python prints them: `google.api_core.exceptions.ResourceExhausted: 429 …`.
GOOGLE_EXCEPTIONS: dict[str, str] = {
    "ResourceExhausted": "RESOURCE_EXHAUSTED",
    "TooManyRequests": "RESOURCE_EXHAUSTED",
    "NotFound": "NOT_FOUND",
    "PermissionDenied": "PERMISSION_DENIED",
    "Forbidden": "PERMISSION_DENIED",
    "Unauthenticated": "UNAUTHENTICATED",
    "Unauthorized": "UNAUTHENTICATED",
    "InvalidArgument": "INVALID_ARGUMENT",
    "BadRequest": "INVALID_ARGUMENT",
    "FailedPrecondition": "FAILED_PRECONDITION",
    "ServiceUnavailable": "UNAVAILABLE",
    "DeadlineExceeded": "DEADLINE_EXCEEDED",
    "GatewayTimeout": "DEADLINE_EXCEEDED",
    "InternalServerError": "INTERNAL",
    "Aborted": "ABORTED",
    "MethodNotImplemented": "UNIMPLEMENTED",
}

# A bare status from a cloud endpoint reads as that cloud's own error for the status.
AWS_BY_STATUS: dict[int, str] = {
    400: "ValidationException",
    403: "AccessDeniedException",
    404: "ResourceNotFoundException",
    408: "ModelTimeoutException",
    424: "ModelErrorException",
    429: "ThrottlingException",
    500: "InternalServerException",
    503: "ServiceUnavailableException",
}
GOOGLE_BY_STATUS: dict[int, str] = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
    504: "DEADLINE_EXCEEDED",
}


def aws_name(name: str) -> str | None:
    """The canonical exception name (`throttlingException` in event streams → `ThrottlingException`), if known."""
    canonical = name[:1].upper() + name[1:]
    return canonical if f"aws:{canonical}" in _AWS_KEYS else None


_AWS_KEYS = frozenset(e.key for e in AWS_ENTRIES)

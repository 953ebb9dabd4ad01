"""Claude on Bedrock and on Vertex AI: the clouds' error shapes, statuses and advice. Real pastes only: from the
real-world corpus by id, or quoted with their source URL."""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text
from claude_doctor.decode.clouds import find_aws, find_google
from tests.decode.realworld_samples import sample

# https://github.com/aws-samples/amazon-bedrock-client-for-mac/issues/99 (aws-sdk-swift)
SWIFT_THROTTLING = (
    "Error invoking the model: ThrottlingException(properties: AWSBedrockRuntime.ThrottlingException.Properties("
    'message: Optional("Too many tokens, please wait before trying again.")), httpResponse: Status Code: HTTP status '
    "code: 429 Date: Mon, 12 May 2025 11:11:55 GMT, Content-Type: application/json, Content-Length: 63, Connection: "
    "keep-alive, x-amzn-ErrorType: ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/, "
    'x-amzn-RequestId: ca47a5ce-e260-4824-aa0e-2e62669d5d6e, message: Optional("Too many tokens, please wait before '
    'trying again."), requestID: nil)'
)
# https://github.com/GoogleCloudPlatform/Open_Data_QnA/issues/61 (google-api-core)
API_CORE_EXHAUSTED = (
    "google.api_core.exceptions.ResourceExhausted: 429 Quota exceeded for aiplatform.googleapis.com/"
    "generate_content_requests_per_minute_per_project_per_base_model with base model: gemini-pro. Please submit a "
    "quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai."
)


@pytest.mark.parametrize(
    ("text", "vendor"),
    [
        (sample("bedrock-cli-throttling-invoke-max-retries-2"), "aws:ThrottlingException"),  # botocore
        (sample("bedrock-roo-throttling-metadata"), "aws:ThrottlingException"),  # AWS SDK for JS: `name:`
        (sample("bedrock-throttling-lobechat-json"), "aws:ThrottlingException"),  # `"type": "…Exception"`
        (sample("bedrock-eventstream-input-too-long"), "aws:ValidationException"),  # lower camel case
        (sample("bedrock-fmbench-stream-serviceunavailable-event"), "aws:ServiceUnavailableException"),  # frame
        (SWIFT_THROTTLING, "aws:ThrottlingException"),
    ],
)
def test_aws_exception_shapes(text: str, vendor: str) -> None:
    found = find_aws(text)
    assert found is not None
    assert found.vendor == vendor


@pytest.mark.parametrize(
    ("text", "vendor", "status"),
    [
        (sample("vertex-cline-429-base-model"), "google:RESOURCE_EXHAUSTED", 429),
        (sample("vertex-gemini-cli-counttokens-infeasible"), "google:INVALID_ARGUMENT", None),  # (Status: X)
        (sample("vertex-instructor-genai-404-global"), "google:NOT_FOUND", 404),  # 404 NOT_FOUND.
        (sample("vertex-proxy-chinese-resource-exhausted"), "google:RESOURCE_EXHAUSTED", None),  # in `type`
        (API_CORE_EXHAUSTED, "google:RESOURCE_EXHAUSTED", 429),
    ],
)
def test_google_status_shapes(text: str, vendor: str, status: int | None) -> None:
    found = find_google(text)
    assert found is not None
    assert (found.vendor, found.status) == (vendor, status)


@pytest.mark.parametrize(
    ("text", "category", "status", "source"),
    [
        # Shown in the text.
        (SWIFT_THROTTLING, "rate_limited", 429, "shown"),
        (API_CORE_EXHAUSTED, "rate_limited", 429, "shown"),
        # Inferred from the exception name, the Google status or the message family.
        (sample("bedrock-forge-validation-invalid-identifier"), "not_found", 400, "inferred"),
        (sample("bedrock-cline-too-many-tokens"), "rate_limited", 429, "inferred"),
        (sample("bedrock-bedrust-unable-to-process"), "overloaded", 503, "inferred"),
        (sample("vertex-proxy-chinese-resource-exhausted"), "rate_limited", 429, "inferred"),
        (sample("vertex-claude-code-caller-no-permission"), "permission", 403, "inferred"),
        # An event-stream frame's `status_code` is the parser's: the exception decides.
        (sample("bedrock-fmbench-stream-serviceunavailable-event"), "overloaded", 503, "inferred"),
        (sample("wrapper-litellm-bedrock-stream-internal-server-exception"), "server_error", 500, "inferred"),
    ],
)
def test_status_and_its_source(text: str, category: str, status: int, source: str) -> None:
    d = explain_text(text)
    assert (d.category, d.status, d.status_source) == (category, status, source)


def test_a_bare_status_from_a_cloud_reads_as_the_clouds_error() -> None:
    bedrock = explain_text(sample("bedrock-aider-httpx-503-converse"))  # bedrock-runtime answered 503
    assert (bedrock.category, bedrock.status) == ("overloaded", 503)
    vertex = explain_text(sample("claude_code-vertex-429-debug-log"))  # aiplatform answered 429, no body
    assert (vertex.category, vertex.status) == ("rate_limited", 429)
    assert "vertex" in vertex.via


def test_bedrock_advice_is_on_the_aws_side() -> None:
    on_demand = " ".join(explain_text(sample("bedrock-validation-on-demand-throughput")).fix)
    assert "inference profile" in on_demand
    assert "us.anthropic.claude-sonnet-4-20250514-v1:0" in on_demand  # the model id from the message, prefixed
    access = " ".join(explain_text(sample("bedrock-accessdenied-boto3-traceback")).fix)
    assert "Model access" in access
    marketplace = " ".join(explain_text(sample("bedrock-litellm-marketplace-denied")).fix)
    assert "aws-marketplace:Subscribe" in marketplace
    expired = explain_text(sample("bedrock-claude-code-expired-token-403"))
    assert expired.category == "invalid_key"
    assert "aws sso login" in " ".join(expired.fix)
    assert not any("platform.claude.com" in step for step in expired.fix)


def test_tokens_and_requests_throttling_are_told_apart() -> None:
    tokens = explain_text(sample("bedrock-cline-too-many-tokens"))
    requests = explain_text(sample("wrapper-promptfoo-bedrock-throttling"))
    assert "tokens-per-minute" in tokens.title
    assert "requests-per-minute" in requests.title


def test_vertex_advice_names_the_quota_and_the_model_path() -> None:
    quota = " ".join(explain_text(sample("vertex-cline-429-base-model")).fix)
    assert "online_prediction_requests_per_base_model" in quota
    assert "anthropic-claude-3-5-sonnet-v2" in quota
    not_found = " ".join(explain_text(sample("vertex-new-api-publisher-google-404")).fix)
    assert "us-east5" in not_found
    assert "publishers/google" in not_found  # a Gemini-style path for a Claude model
    adc = " ".join(explain_text(sample("vertex-langchain-anthropicvertex-no-adc")).fix)
    assert "gcloud auth application-default login" in adc

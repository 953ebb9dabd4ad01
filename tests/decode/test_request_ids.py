"""Request ids in every printed form, with their kind; placeholders never quoted back.

Texts are real pastes: most come from the real-world corpus by id, the rest carry their source URL.
"""

from __future__ import annotations

import pytest

from claude_doctor.decode import explain_text
from claude_doctor.decode.request_ids import find_request_id
from tests.decode.realworld_samples import sample


@pytest.mark.parametrize(
    ("sample_id", "request_id", "kind"),
    [
        ("claude_code-529-json-docs-link", "req_011CZTEFvft13DajMTp9pp64", "anthropic"),
        # Wrapped by a narrow terminal inside the quoted value: joined again.
        ("claude_code-529-wrapped-request-id", "req_011CZA4n6fWRp57Nz63oU5nn", "anthropic"),
        # The same wrap after the page collapsed it into a run of spaces (`"req_011C     cLPr…"`).
        ("claude_code-529-wrapped-request-id-70365", "req_011CcLPrMiu53v6Rp1jfe1Cd", "anthropic"),
        ("vertex-claude-code-beta-header-req-vrtx", "req_vrtx_011CVBtSZ7dqCJLJdSykifZH", "vertex"),
        # AWS SDK for JavaScript: `$metadata.requestId`.
        ("bedrock-roo-throttling-metadata", "158a2e26-c851-4440-9f98-e3065df1de46", "aws"),
        ("bedrock-js-lambda-input-too-long-json", "16fb0962-139d-4c70-ba9c-602d9630e854", "aws"),
        # aws-sdk-go's `RequestID:` beats one-api's own suffix: AWS can look the request up.
        ("bedrock-one-api-go-sdk-on-demand-two-ids", "b781030a-91bb-4196-bb7a-ec46747a0f37", "aws"),
        # new-api's `(request id: …)`; with two hops, the outer relay's (last) one.
        ("relay-newapi-saturated-cline", "20250423020142736330894dLoIRrS6", "relay"),
        ("relay-newapi-field-required-claude-code", "20251221090637793082942z9dmEVJH", "relay"),
        ("chat_app-chatgpt-web-oneapi-first-message-user", "20240811001549284482743vT52aNSn", "relay"),
        # A relay's own `request_id` / `requestId` that is not Anthropic's.
        ("relay-ollama-cloud-unknown-model-1211", "202604280034427ba565263dda44b0", "relay"),
        ("relay-crs-select-account-log", "mzwze7s4xkg", "relay"),
        # AiHubMix's `(tid: …)`, Copilot's `Request id:`, an app's error id.
        ("relay-aihubmix-model-not-supported-claude-api", "202512220611059883390089640875", "relay"),
        ("ide_agent-copilot-byok-itpm-429", "2e015e6f-62e4-453b-8c97-d5398fbbfe31", "relay"),
        ("ide_agent-windsurf-internal-error-id-claude", "a4dd563ba24643c7a4dc0c3f744b7ebd", "relay"),
    ],
)
def test_forms_and_kinds(sample_id: str, request_id: str, kind: str) -> None:
    assert find_request_id(sample(sample_id)) == (request_id, kind)
    d = explain_text(sample(sample_id))
    assert (d.request_id, d.request_id_kind) == (request_id, kind)


@pytest.mark.parametrize(
    "sample_id",
    [
        "ide_agent-positron-bedrock-throttling-placeholder-id",  # "<REQUEST_ID>"
        "claude_code-500-placeholder-reqid",  # "req_..."
        "vertex-claude-code-litellm-beta-header-placeholder-id",  # "req_vrtx_0xxxxxxxxxxxxxxxx"
        "claude_code-403-no-longer-member-of-org",  # "**REDACTED**"
        "relay-newapi-token-no-access-to-model-jan",  # "(request id: ...)"
        "relay-ocoolai-no-channel-billing-mode-doc",  # "(requestid: xxx)"
        "bedrock-throttling-lobechat-json",  # "requestId": ""
        "network-free-claude-code-peer-closed-reqid",  # "req_a85***0d91a4"
        "chat_app-cherry-antigravity2api-invalid-api-key",  # x-zeabur-request-id: the host's, not the API's
        "chat_app-cowagent-claude-web-model-not-allowed",  # a bot's `uuid:` is not a request id
        "bedrock-accessdenied-lambda-log",  # a Lambda invocation id is not a request id
    ],
)
def test_placeholders_and_other_ids_are_not_request_ids(sample_id: str) -> None:
    assert find_request_id(sample(sample_id)) is None


def test_aws_header_and_response_metadata_forms() -> None:
    # https://github.com/aws-samples/amazon-bedrock-client-for-mac/issues/99 (aws-sdk-swift)
    swift = (
        "httpResponse: Status Code: HTTP status code: 429 Date: Mon, 12 May 2025 11:11:55 GMT, x-amzn-ErrorType: "
        "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/, "
        "x-amzn-RequestId: ca47a5ce-e260-4824-aa0e-2e62669d5d6e, requestID: nil)"
    )
    assert find_request_id(swift) == ("ca47a5ce-e260-4824-aa0e-2e62669d5d6e", "aws")
    # https://github.com/epam/ai-dial-adapter-bedrock/pull/371 (boto3's ResponseMetadata)
    boto3 = (
        '"ResponseMetadata": {\n    "RequestId": "e686a393-fd1a-4f8c-9ec0-3654e3d5ece3",\n    "HTTPStatusCode": 429,'
    )
    assert find_request_id(boto3) == ("e686a393-fd1a-4f8c-9ec0-3654e3d5ece3", "aws")


def test_the_fix_says_whom_to_quote_the_id_to() -> None:
    cases = {
        "claude_code-529-json-docs-link": "Anthropic support",
        "vertex-claude-code-beta-header-req-vrtx": "Google Cloud support",
        "bedrock-roo-throttling-metadata": "AWS Support",
        "relay-newapi-saturated-cline": "the relay's operator",
    }
    for sample_id, whom in cases.items():
        d = explain_text(sample(sample_id))
        line = [step for step in d.fix if d.request_id and d.request_id in step]
        assert line, sample_id
        assert whom in line[0], (sample_id, line)


@pytest.mark.parametrize(
    ("text", "request_id"),
    [
        # Spaces after an id that the closing quote does not follow are not a wrap: the words stay apart.
        ('request_id: "req_011CZA4n6fWRp57Nz6     and more words"', "req_011CZA4n6fWRp57Nz6"),
        ("request_id=req_011CZA4n6fWRp57Nz6     3oU5nn", "req_011CZA4n6fWRp57Nz6"),
        # A wrap collapsed into spaces, in single quotes (a Python repr) and in double quotes.
        ("'request_id': 'req_011CZA4n6fWRp57Nz6    3oU5nn'", "req_011CZA4n6fWRp57Nz63oU5nn"),
        ('"request_id":"req_vrtx_011CVBtSZ7d   qCJLJdSykifZH"', "req_vrtx_011CVBtSZ7dqCJLJdSykifZH"),
    ],
)
def test_a_wrap_is_joined_only_inside_one_quoted_value(text: str, request_id: str) -> None:
    found = find_request_id(text)
    assert found is not None
    assert found[0] == request_id

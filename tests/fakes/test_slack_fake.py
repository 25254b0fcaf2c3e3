"""Tests of the Slack fake, driven by the real slack_sdk / slack_bolt clients only."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from slack_bolt import Ack, App, BoltRequest, Respond, Say
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect as ws_connect

from .slack import (
    DEFAULT_BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    FakeSlack,
    app_home_opened_event,
    app_mention_event,
    block_actions_payload,
    event_callback,
    form_body,
    message_event,
    modal_errors,
    sign,
    slash_command_form,
    view_submission_payload,
)

pytestmark = pytest.mark.timeout(30)

JSON = dict[str, Any]


def section(text: str) -> JSON:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def button(text: str = "Go", action_id: str = "go", value: str = "v") -> JSON:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": value,
    }


def modal(**fields: Any) -> JSON:
    """A valid modal with one optional multi-line input, with `fields` replaced."""
    view: JSON = {
        "type": "modal",
        "callback_id": "report",
        "title": {"type": "plain_text", "text": "Report a problem"},
        "submit": {"type": "plain_text", "text": "Send"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "private_metadata": "answer-1",
        "blocks": [
            section("Tell us"),
            {
                "type": "input",
                "block_id": "note",
                "optional": True,
                "label": {"type": "plain_text", "text": "Note"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": "note_input",
                    "multiline": True,
                    "max_length": 500,
                    "placeholder": {"type": "plain_text", "text": "What is wrong? (optional)"},
                },
            },
        ],
    }
    view.update(fields)
    return view


def post_json(url: str, payload: JSON) -> tuple[int, JSON]:
    """POST JSON with plain urllib; returns (status, decoded body) even for 4xx answers."""
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def eventually(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


@pytest.fixture(autouse=True)
def no_thread_leaks() -> Iterator[None]:
    """Every test must leave no thread behind (fake server, socket client, bolt executor)."""
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 3
    while (leaked := set(threading.enumerate()) - before) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not leaked, f"threads left running: {sorted(t.name for t in leaked)}"


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


@pytest.fixture
def client(slack: FakeSlack) -> WebClient:
    return WebClient(token=slack.bot_token, base_url=slack.base_url)


@pytest.fixture
def bolt_app(slack: FakeSlack) -> Iterator[App]:
    """A real bolt App whose Web API calls (auth.test first) go to the fake."""
    executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bolt-listener")
    app = App(
        token="xoxb-test",
        client=WebClient(base_url=slack.base_url, token="xoxb-test"),
        signing_secret="test-secret",
        listener_executor=executor,
    )
    yield app
    executor.shutdown(wait=True)


@pytest.fixture
def socket_handler(slack: FakeSlack, bolt_app: App) -> Iterator[SocketModeHandler]:
    """The App connected over Socket Mode (non-blocking connect), closed at teardown."""
    handler = SocketModeHandler(bolt_app, app_token=slack.app_token)
    handler.connect()
    slack.wait_connected(timeout=5)
    yield handler
    handler.close()


# -- Web API ----------------------------------------------------------------------------------


def test_auth_test_through_web_client(slack: FakeSlack, client: WebClient) -> None:
    response = client.auth_test()

    assert response["ok"] is True
    assert response["user_id"] == slack.bot_user_id
    assert response["bot_id"] == slack.bot_id
    assert response["team_id"] == slack.team_id
    assert response["url"].startswith("http://127.0.0.1:")
    call = slack.wait_for("auth.test")
    assert call.headers["Authorization"] == "Bearer xoxb-test"
    assert slack.base_url == f"http://127.0.0.1:{slack.port}/api/"


def test_bad_tokens_are_refused_like_slack(slack: FakeSlack) -> None:
    for token, error in [
        ("xoxb-wrong", "invalid_auth"),
        (slack.app_token, "not_allowed_token_type"),
    ]:
        with pytest.raises(SlackApiError) as raised:
            WebClient(token=token, base_url=slack.base_url).auth_test()
        assert raised.value.response.status_code == 200
        assert raised.value.response["error"] == error

    with pytest.raises(SlackApiError) as raised:
        WebClient(base_url=slack.base_url).auth_test()
    assert raised.value.response["error"] == "not_authed"

    with pytest.raises(SlackApiError) as raised:
        WebClient(token=slack.bot_token, base_url=slack.base_url).apps_connections_open(
            app_token=slack.bot_token
        )
    assert raised.value.response["error"] == "not_allowed_token_type"


def test_unknown_method(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.api_call("nothing.here")
    assert raised.value.response["error"] == "unknown_method"


def test_post_message_is_recorded_with_decoded_blocks(slack: FakeSlack, client: WebClient) -> None:
    blocks = [
        section("*Answer*"),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "s"}]},
    ]

    response = client.chat_postMessage(channel="C123", text="fallback", blocks=blocks)

    assert response["ok"] is True
    assert response["channel"] == "C123"
    assert response["message"]["blocks"] == blocks
    call = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "C123")
    assert call.ok
    assert call.text == "fallback"
    assert call.blocks == blocks
    assert call.params["blocks"] == blocks
    slack.assert_no_violations()


def test_form_encoded_call_with_token_param(slack: FakeSlack) -> None:
    blocks = [section("hi")]
    data = form_body({"token": "xoxb-test", "channel": "C9", "blocks": json.dumps(blocks)})
    request = urllib.request.Request(f"{slack.base_url}chat.postMessage", data=data.encode())
    with urllib.request.urlopen(request, timeout=5) as response:
        body = json.loads(response.read())

    assert body["ok"] is True
    assert slack.wait_for("chat.postMessage").blocks == blocks


def test_json_body_needs_the_authorization_header(slack: FakeSlack) -> None:
    status, body = post_json(f"{slack.base_url}chat.postMessage", {"token": "xoxb-test"})
    assert (status, body["error"]) == (200, "not_authed")


def test_51_blocks_are_rejected_50_accepted(slack: FakeSlack, client: WebClient) -> None:
    client.chat_postMessage(channel="C1", text="ok", blocks=[section("x")] * 50)

    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="too many", blocks=[section("x")] * 51)

    body = raised.value.response.data
    assert body["error"] == "invalid_blocks"
    assert body["errors"] == ["must be less than 51 items [json-pointer:/blocks]"]
    assert body["response_metadata"]["messages"][0].startswith("[ERROR] must be less than 51")
    [violation] = slack.violations()
    assert (violation.method, violation.error) == ("chat.postMessage", "invalid_blocks")
    with pytest.raises(AssertionError, match="invalid_blocks"):
        slack.assert_no_violations()


def test_3001_char_section_is_rejected(slack: FakeSlack, client: WebClient) -> None:
    client.chat_postMessage(channel="C1", text="ok", blocks=[section("a" * 3000)])

    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="long", blocks=[section("a" * 3001)])

    assert raised.value.response["errors"] == [
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    ]
    assert slack.wait_for("chat.postMessage", lambda c: not c.ok).error == "invalid_blocks"


@pytest.mark.parametrize(
    ("block", "pointer"),
    [
        ({"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}, "/text/text"),
        ({"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}, "/fields"),
        ({"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2001}]}, "/fields/0"),
        ({"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}, "/elements"),
        ({"type": "actions", "elements": [button()] * 26}, "/elements"),
        ({"type": "actions", "elements": [button(text="b" * 76)]}, "/elements/0/text/text"),
        ({"type": "actions", "elements": [button(action_id="a" * 256)]}, "/elements/0/action_id"),
        ({"type": "actions", "elements": [button(value="v" * 2001)]}, "/elements/0/value"),
        ({**section("s"), "accessory": button(text="b" * 76)}, "/accessory/text/text"),
    ],
)
def test_block_kit_limits(client: WebClient, block: JSON, pointer: str) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="t", blocks=[block])

    assert raised.value.response["error"] == "invalid_blocks"
    assert f"[json-pointer:/blocks/0{pointer}" in raised.value.response["errors"][0]


def test_message_text_limits(slack: FakeSlack, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="x" * 40_001)
    assert raised.value.response["error"] == "msg_too_long"

    with pytest.raises(SlackApiError) as raised, pytest.warns(UserWarning, match="`text`"):
        client.chat_postMessage(channel="C1")
    assert raised.value.response["error"] == "no_text"

    assert [v.error for v in slack.violations()] == ["msg_too_long", "no_text"]


def test_update_delete_ephemeral_and_thread(slack: FakeSlack, client: WebClient) -> None:
    question_ts = slack.add_message("C1", "what happened in Minsk?")
    posted = client.chat_postMessage(channel="C1", text="thinking", thread_ts=question_ts)

    updated = client.chat_update(
        channel="C1", ts=posted["ts"], text="answer", blocks=[section("a")]
    )
    replies = client.conversations_replies(channel="C1", ts=question_ts)
    ephemeral = client.chat_postEphemeral(channel="C1", user="U1", text="only you")

    assert updated["message"]["text"] == "answer"
    assert [m["text"] for m in replies["messages"]] == ["what happened in Minsk?", "answer"]
    assert ephemeral["message_ts"]
    with pytest.raises(SlackApiError) as raised:
        client.chat_update(channel="C1", ts=question_ts, text="not mine")
    assert raised.value.response["error"] == "cant_update_message"
    assert client.chat_delete(channel="C1", ts=posted["ts"])["ok"] is True
    with pytest.raises(SlackApiError) as raised:
        client.chat_delete(channel="C1", ts=posted["ts"])
    assert raised.value.response["error"] == "message_not_found"


def test_users_and_conversations_info(client: WebClient) -> None:
    assert client.users_info(user="U42")["user"]["id"] == "U42"
    assert client.conversations_info(channel=DEFAULT_CHANNEL_ID)["channel"]["name"] == "general"
    assert client.conversations_info(channel="D1")["channel"]["is_im"] is True


def test_views_publish_allows_100_blocks(slack: FakeSlack, client: WebClient) -> None:
    home = {"type": "home", "blocks": [section("x")] * 100}
    assert client.views_publish(user_id="U1", view=home)["view"]["type"] == "home"

    with pytest.raises(SlackApiError) as raised:
        client.views_publish(user_id="U1", view={"type": "home", "blocks": [section("x")] * 101})

    assert raised.value.response["error"] == "invalid_arguments"
    assert raised.value.response["response_metadata"]["messages"] == [
        "[ERROR] must be less than 101 items [json-pointer:/view/blocks]"
    ]
    assert len(slack.calls("views.publish")[0].blocks) == 100


def test_views_open_records_a_modal_and_answers_like_slack(
    slack: FakeSlack, client: WebClient
) -> None:
    trigger = block_actions_payload("open", "v")["trigger_id"]
    view = modal(blocks=[section("no block id"), *modal()["blocks"][1:]])

    opened = client.views_open(trigger_id=trigger, view=view)["view"]

    assert opened["id"].startswith("V")
    assert (opened["type"], opened["callback_id"], opened["private_metadata"]) == (
        "modal",
        "report",
        "answer-1",
    )
    assert opened["blocks"][0]["block_id"]
    assert opened["blocks"][1]["block_id"] == "note"
    assert opened["state"] == {"values": {}}
    call = slack.wait_for("views.open")
    assert call.params["trigger_id"] == trigger
    assert call.params["view"] == view
    assert call.blocks == view["blocks"]
    assert slack.opened_views() == [opened]
    slack.assert_no_violations()


@pytest.mark.parametrize(
    ("fields", "pointer"),
    [
        ({"title": {"type": "plain_text", "text": "t" * 25}}, "/view/title/text"),
        ({"submit": {"type": "plain_text", "text": "s" * 25}}, "/view/submit/text"),
        ({"close": {"type": "plain_text", "text": "c" * 25}}, "/view/close/text"),
        ({"private_metadata": "m" * 3001}, "/view/private_metadata"),
        ({"callback_id": "c" * 256}, "/view/callback_id"),
        ({"blocks": [section("x")] * 101}, "/view/blocks"),
        ({"submit": None}, "/view]"),
        ({"type": "home"}, "/view/type"),
    ],
)
def test_views_open_enforces_modal_limits(
    slack: FakeSlack, client: WebClient, fields: JSON, pointer: str
) -> None:
    trigger = block_actions_payload("open", "v")["trigger_id"]

    with pytest.raises(SlackApiError) as raised:
        client.views_open(trigger_id=trigger, view=modal(**fields))

    assert raised.value.response["error"] == "invalid_arguments"
    messages = raised.value.response["response_metadata"]["messages"]
    assert any(f"[json-pointer:{pointer}" in m for m in messages), messages
    assert [v.method for v in slack.violations()] == ["views.open"]
    assert modal_errors(modal()) == []
    assert modal_errors(modal(**fields))


def test_modal_input_limits() -> None:
    long_label = modal()
    long_label["blocks"][1]["label"]["text"] = "l" * 2001
    long_placeholder = modal()
    long_placeholder["blocks"][1]["element"]["placeholder"]["text"] = "p" * 151
    huge_input = modal()
    huge_input["blocks"][1]["element"]["max_length"] = 3001
    no_element = modal()
    del no_element["blocks"][1]["element"]

    assert modal_errors(long_label) == [
        "must be less than 2001 characters [json-pointer:/view/blocks/1/label/text]"
    ]
    assert "/view/blocks/1/element/placeholder" in modal_errors(long_placeholder)[0]
    assert "/view/blocks/1/element/max_length" in modal_errors(huge_input)[0]
    assert "missing required field: element" in modal_errors(no_element)[0]


def test_views_open_wants_a_fresh_unused_trigger(slack: FakeSlack, client: WebClient) -> None:
    trigger = block_actions_payload("open", "v")["trigger_id"]
    stale = f"{int((time.time() - 4) * 1000)}.1.{'a' * 32}"
    client.views_open(trigger_id=trigger, view=modal())

    for bad, error in [
        (trigger, "exchanged_trigger_id"),
        (stale, "expired_trigger_id"),
        ("12345.not-a-trigger", "invalid_trigger_id"),
        (None, "invalid_arguments"),
    ]:
        with pytest.raises(SlackApiError) as raised:
            client.views_open(trigger_id=bad, view=modal())
        assert raised.value.response["error"] == error, bad
    assert len(slack.opened_views()) == 1


def test_view_submission_payload_shape() -> None:
    opened = {**modal(), "id": "V123", "hash": "h1"}

    typed = view_submission_payload(opened, {"note_input": "wrong quote"}, user_id="U9")
    empty = view_submission_payload(opened)

    assert typed["type"] == "view_submission"
    assert typed["user"]["id"] == "U9"
    assert typed["trigger_id"]
    assert (typed["view"]["id"], typed["view"]["hash"]) == ("V123", "h1")
    assert typed["view"]["private_metadata"] == "answer-1"
    assert typed["view"]["callback_id"] == "report"
    assert typed["view"]["state"]["values"] == {
        "note": {"note_input": {"type": "plain_text_input", "value": "wrong quote"}}
    }
    assert empty["view"]["state"]["values"]["note"]["note_input"]["value"] is None
    assert "response_url" not in typed
    with pytest.raises(ValueError, match="max_length 500"):
        view_submission_payload(opened, {"note_input": "x" * 501})
    with pytest.raises(ValueError, match="no plain_text_input"):
        view_submission_payload(opened, {"other": "x"})
    required = modal()
    required["blocks"][1]["optional"] = False
    with pytest.raises(ValueError, match="required"):
        view_submission_payload(required)


# -- Rate limits ------------------------------------------------------------------------------


def test_rate_limit_raises_429_with_retry_after(slack: FakeSlack, client: WebClient) -> None:
    slack.rate_limit("chat.postMessage", times=1, retry_after=7)

    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="hi")

    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "7"
    assert raised.value.response["error"] == "ratelimited"
    assert client.chat_postMessage(channel="C1", text="hi again")["ok"] is True
    assert [c.status for c in slack.calls("chat.postMessage")] == [429, 200]


def test_rate_limit_retry_handler_retries_and_succeeds(slack: FakeSlack) -> None:
    slack.rate_limit("chat.postMessage", times=1, retry_after=0)
    client = WebClient(
        token=slack.bot_token,
        base_url=slack.base_url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )

    assert client.chat_postMessage(channel="C1", text="hi")["ok"] is True
    assert [c.error for c in slack.calls("chat.postMessage")] == ["ratelimited", None]


# -- response_url -----------------------------------------------------------------------------


def test_response_url_allows_five_uses(slack: FakeSlack) -> None:
    url = slack.response_url()
    assert url.startswith(f"http://127.0.0.1:{slack.port}/response/")

    for n in range(5):
        assert post_json(url, {"text": f"try {n}", "response_type": "ephemeral"}) == (
            200,
            {"ok": True},
        )
    status, body = post_json(url, {"text": "sixth"})

    assert (status, body["error"]) == (404, "used_url")
    assert [r.status for r in slack.responses(url)] == [200] * 5 + [404]
    assert slack.wait_for_response(url, lambda r: r.text == "try 4").params["response_type"] == (
        "ephemeral"
    )


def test_response_url_expires_after_30_minutes() -> None:
    now = [1_000_000.0]
    with FakeSlack(clock=lambda: now[0]) as slack:
        url = slack.response_url()
        now[0] += 29 * 60
        assert post_json(url, {"text": "still fine"})[0] == 200
        slack.advance(61 + 1)

        status, body = post_json(url, {"text": "too late"})

        assert (status, body["error"]) == (404, "expired_url")
        assert slack.responses(url)[-1].time == 1_000_000.0 + 29 * 60 + 62


def test_response_url_enforces_message_limits(slack: FakeSlack) -> None:
    url = slack.response_url()

    status, body = post_json(url, {"text": "t", "blocks": [section("x")] * 51})

    assert (status, body["error"]) == (400, "invalid_blocks")
    assert slack.violations()[0].method == "response_url"
    assert post_json(url, {"delete_original": True}) == (200, {"ok": True})
    assert post_json(f"{slack.root_url}response/unknown", {"text": "x"})[0] == 404


def test_wait_for_reports_what_was_received(slack: FakeSlack, client: WebClient) -> None:
    client.auth_test()
    with pytest.raises(
        AssertionError, match=r"(?s)no matching chat\.postMessage.*auth\.test -> ok"
    ):
        slack.wait_for("chat.postMessage", timeout=0.2)
    with pytest.raises(AssertionError, match=r"(?s)response_url POST.*\(nothing\)"):
        slack.wait_for_response(timeout=0.1)


# -- Signing and payload factories ------------------------------------------------------------


def test_sign_matches_slack_sdk_verifier() -> None:
    body = form_body(slash_command_form("/ask", "minsk"))
    headers = sign("secret", body)

    verifier = SignatureVerifier("secret")
    assert verifier.is_valid_request(body, headers)
    assert not SignatureVerifier("other").is_valid_request(body, headers)


def test_slash_command_form_has_slack_fields() -> None:
    form = slash_command_form("/ask", "hello", response_url="http://127.0.0.1:1/r")

    assert set(form) == {
        "token",
        "team_id",
        "team_domain",
        "channel_id",
        "channel_name",
        "user_id",
        "user_name",
        "command",
        "text",
        "api_app_id",
        "is_enterprise_install",
        "response_url",
        "trigger_id",
    }
    assert all(isinstance(value, str) for value in form.values())
    assert form["is_enterprise_install"] == "false"


def test_signed_http_slash_command_reaches_response_url(slack: FakeSlack, bolt_app: App) -> None:
    @bolt_app.command("/ask")
    def ask(ack: Ack, respond: Respond, command: JSON) -> None:
        ack()
        respond(f"you asked {command['text']}")

    url = slack.response_url()
    body = form_body(slash_command_form("/ask", "about Minsk", response_url=url))
    request = BoltRequest(
        body=body,
        headers={**sign("test-secret", body), "content-type": "application/x-www-form-urlencoded"},
    )

    assert bolt_app.dispatch(request).status == 200
    assert slack.wait_for_response(url).text == "you asked about Minsk"

    stale = sign("test-secret", body, timestamp=int(time.time()) - 600)
    assert bolt_app.dispatch(BoltRequest(body=body, headers=stale)).status == 401


def test_event_factories_shape() -> None:
    mention = app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> hi", thread_ts="1.0")
    wrapped = event_callback(mention, event_id="Ev1")

    assert wrapped["type"] == "event_callback"
    assert wrapped["event_id"] == "Ev1"
    assert wrapped["authorizations"][0]["user_id"] == DEFAULT_BOT_USER_ID
    assert mention["thread_ts"] == "1.0"
    assert message_event("hi")["channel_type"] == "im"
    assert app_home_opened_event("U1")["tab"] == "home"
    assert block_actions_payload("a", "v", message_ts="1.2")["container"]["type"] == "message"
    assert block_actions_payload("a", "v")["container"]["type"] == "view"
    trigger = block_actions_payload("a", "v")["trigger_id"]
    assert abs(int(trigger.split(".")[0]) / 1000 - time.time()) < 5


# -- Socket Mode ------------------------------------------------------------------------------


def test_socket_mode_slash_command_acks_and_responds(
    slack: FakeSlack, bolt_app: App, socket_handler: SocketModeHandler
) -> None:
    @bolt_app.command("/ping")
    def ping(ack: Ack, respond: Respond, command: JSON) -> None:
        ack()
        respond(text=f"pong {command['text']}", response_type="in_channel")

    url = slack.response_url()
    envelope_id = slack.send_envelope(
        "slash_commands",
        slash_command_form("/ping", "now", response_url=url),
        accepts_response_payload=True,
    )

    ack = slack.wait_ack(envelope_id)
    response = slack.wait_for_response(url)
    assert ack.payload is None
    assert ack.latency is not None
    assert ack.latency < 3
    assert response.text == "pong now"
    assert response.params["response_type"] == "in_channel"
    assert [c.method for c in slack.calls()] == ["auth.test", "apps.connections.open"]
    slack.assert_no_violations()


def test_socket_mode_ack_payload(
    slack: FakeSlack, bolt_app: App, socket_handler: SocketModeHandler
) -> None:
    @bolt_app.command("/ping")
    def ping(ack: Ack) -> None:
        ack(text="pong at once")

    envelope_id = slack.send_envelope(
        "slash_commands", slash_command_form("/ping"), accepts_response_payload=True
    )

    assert slack.wait_ack(envelope_id).payload == {"text": "pong at once"}


def test_socket_mode_event_and_action(
    slack: FakeSlack, bolt_app: App, socket_handler: SocketModeHandler
) -> None:
    @bolt_app.event("app_mention")
    def mention(event: JSON, say: Say) -> None:
        say(text="answer", thread_ts=event["ts"])

    @bolt_app.action("more")
    def more(ack: Ack, respond: Respond, body: JSON) -> None:
        ack()
        respond(text=f"more {body['actions'][0]['value']}", replace_original=False)

    event = app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> hi", ts="1700000000.000100")
    event_envelope = slack.send_envelope("events_api", event_callback(event))
    url = slack.response_url()
    action_envelope = slack.send_envelope(
        "interactive",
        block_actions_payload("more", "42", message_ts="1700000000.000200", response_url=url),
        accepts_response_payload=False,
    )

    slack.wait_ack(event_envelope)
    slack.wait_ack(action_envelope)
    posted = slack.wait_for("chat.postMessage")
    assert (posted.text, posted.params["thread_ts"]) == ("answer", "1700000000.000100")
    assert slack.wait_for_response(url).params == {"text": "more 42", "replace_original": False}


def test_socket_mode_modal_round_trip(
    slack: FakeSlack, bolt_app: App, socket_handler: SocketModeHandler
) -> None:
    submitted: list[JSON] = []

    @bolt_app.action("open")
    def open_modal(ack: Ack, body: JSON, client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=modal())

    @bolt_app.view("report")
    def on_submit(ack: Ack, view: JSON) -> None:
        ack()
        submitted.append(view)

    click = slack.send_envelope("interactive", block_actions_payload("open", "v", message_ts="1.2"))
    slack.wait_ack(click)
    opened = slack.wait_for("views.open").response["view"]
    envelope = slack.send_envelope(
        "interactive", view_submission_payload(opened, {"note_input": "typo"})
    )

    ack = slack.wait_ack(envelope)
    assert ack.payload is None
    eventually(lambda: bool(submitted))
    assert submitted[0]["private_metadata"] == "answer-1"
    assert submitted[0]["state"]["values"]["note"]["note_input"]["value"] == "typo"
    slack.assert_no_violations()


def test_socket_mode_reconnects_after_disconnect(
    slack: FakeSlack, bolt_app: App, socket_handler: SocketModeHandler
) -> None:
    @bolt_app.command("/ping")
    def ping(ack: Ack) -> None:
        ack()

    assert slack.disconnect_socket() == 1
    eventually(lambda: slack.connections_opened == 2 and slack.connection_count == 1)

    assert len(slack.calls("apps.connections.open")) == 2
    slack.wait_ack(slack.send_envelope("slash_commands", slash_command_form("/ping")))


def test_socket_mode_answers_ping_frames(slack: FakeSlack, client: WebClient) -> None:
    url = client.apps_connections_open(app_token=slack.app_token)["url"]
    assert url.startswith(f"ws://127.0.0.1:{slack.port}/link/?ticket=")

    with ws_connect(url, open_timeout=5) as ws:
        hello = json.loads(ws.recv(timeout=5))
        assert hello["type"] == "hello"
        assert hello["connection_info"] == {"app_id": slack.app_id}
        assert hello["num_connections"] == 1
        assert ws.ping(b"are you there").wait(timeout=5)
        slack.wait_connected()

        envelope_id = slack.send_envelope("events_api", event_callback(message_event("hi")))
        envelope = json.loads(ws.recv(timeout=5))
        assert envelope["envelope_id"] == envelope_id
        assert envelope["type"] == "events_api"
        assert (envelope["retry_attempt"], envelope["retry_reason"]) == (0, "")
        ws.send(json.dumps({"envelope_id": envelope_id, "payload": {"ok": 1}}))
        assert slack.wait_ack(envelope_id).payload == {"ok": 1}

        assert slack.disconnect_socket() == 1
        disconnect = json.loads(ws.recv(timeout=5))
        assert (disconnect["type"], disconnect["reason"]) == ("disconnect", "refresh_requested")


def test_send_envelope_without_client_fails_clearly(slack: FakeSlack) -> None:
    with pytest.raises(RuntimeError, match="no Socket Mode client"):
        slack.send_envelope("events_api", event_callback(message_event("hi")))
    with pytest.raises(AssertionError, match="0 Socket Mode connection"):
        slack.wait_connected(timeout=0.1)


def test_unknown_ticket_is_refused(slack: FakeSlack) -> None:
    with pytest.raises(InvalidStatus, match="401"):
        ws_connect(f"ws://127.0.0.1:{slack.port}/link/?ticket=nope", open_timeout=5)


# -- Lifecycle --------------------------------------------------------------------------------


def test_start_stop_is_clean_and_repeatable() -> None:
    slack = FakeSlack(bot_token="xoxb-other").start()
    try:
        assert WebClient(token="xoxb-other", base_url=slack.base_url).auth_test()["ok"]
        slack.clear()
        assert slack.calls() == []
    finally:
        slack.stop()
    slack.stop()
    assert not any(t.name == "FakeSlack" for t in threading.enumerate())

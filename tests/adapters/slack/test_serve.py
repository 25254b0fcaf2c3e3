"""Starting and stopping: graceful drain in process, and `python -m bot serve slack` on SIGTERM."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.service import Envoy
from tests.adapters.stand_ins import SlowEnvoy, sibling
from tests.fakes.slack import (
    DEFAULT_BOT_USER_ID,
    FakeSlack,
    app_mention_event,
    event_callback,
    form_body,
    sign,
    slash_command_form,
)

from .harness import SIGNING_SECRET, RunningAdapter

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).parents[3]
BOT_TOKEN = "xoxb-2048-4096-abcdefghijklmnop"
APP_TOKEN = "xapp-1-A0FAKE001-8192-abcdefghijklmnop"
SIGTERM_DEADLINE = 25


# -- in process --------------------------------------------------------------------------


def test_stop_finishes_answers_in_flight_then_refuses_work(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    slow = sibling(envoy, SlowEnvoy)
    adapter = start_adapter(slow)
    reply, url = adapter.command("/ask", "When did Xi Jinping visit Moscow?")
    assert reply.status == 200
    assert adapter.slack.responses(url) == []

    started = time.monotonic()
    assert adapter.stop() is True

    assert adapter.slack.responses(url)[0].ok  # delivered before the stop returned
    assert time.monotonic() - started < SlowEnvoy.delay + 1
    with pytest.raises(urllib.error.URLError):
        adapter.request("/healthz")


def test_open_connections_get_503_once_stopping(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    adapter = start_adapter(envoy)
    connection = http.client.HTTPConnection("127.0.0.1", adapter.runner.port, timeout=5)
    try:
        connection.request("GET", "/healthz")
        assert connection.getresponse().read() and True
        server = adapter.runner.server
        assert server is not None

        adapter.run(server.stop_accepting())
        connection.request("GET", "/healthz")
        response = connection.getresponse()

        assert response.status == 503
        assert json.loads(response.read()) == {"status": "stopping"}
    finally:
        connection.close()


def test_socket_mode_stop_closes_the_connection_for_good(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy, slack: FakeSlack
) -> None:
    adapter = start_adapter(envoy, http=False)
    assert slack.connection_count == 1

    assert adapter.stop() is True

    deadline = time.monotonic() + 5
    while slack.connection_count and time.monotonic() < deadline:
        time.sleep(0.02)
    assert slack.connection_count == 0
    assert slack.connections_opened == 1


def test_http_mode_listens_on_the_host_it_is_given(
    start_adapter: Callable[..., RunningAdapter], envoy: Envoy
) -> None:
    adapter = start_adapter(envoy)  # the harness sets HOST's value, 127.0.0.1

    server = adapter.runner.server
    assert server is not None
    assert server.address == ("127.0.0.1", adapter.runner.port)
    assert adapter.request("/healthz").status == 200


# -- a real process ----------------------------------------------------------------------


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack(bot_token=BOT_TOKEN, app_token=APP_TOKEN) as slack:
        yield slack


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(slack: FakeSlack, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "ENVOY_")) and k not in {"DATABASE_URL", "PORT", "HOST"}
    }
    env.update(
        HOST="127.0.0.1",  # tests listen on loopback only
        SLACK_API_URL=slack.base_url,
        SLACK_BOT_TOKEN=slack.bot_token,
        ENVOY_DATA_DIR=str(tmp_path / "data"),
        ENVOY_HASH_KEY="test-hash-key",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


class Process:
    """`python -m bot serve slack ...` with its stderr in a file."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        self._log_file = log.open("wb")
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "slack", *args],
            cwd=ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def terminate_and_wait(self) -> tuple[int, float]:
        started = time.monotonic()
        self.popen.send_signal(signal.SIGTERM)
        code = self.popen.wait(timeout=SIGTERM_DEADLINE + 5)
        return code, time.monotonic() - started

    def close(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait(timeout=10)
        self._log_file.close()


@pytest.fixture
def processes() -> Iterator[Callable[[list[str], dict[str, str], Path], Process]]:
    started: list[Process] = []

    def start(args: list[str], env: dict[str, str], log: Path) -> Process:
        process = Process(args, env, log)
        started.append(process)
        return process

    yield start
    for process in started:
        process.close()


def _wait_healthy(port: int, process: Process, timeout: float = 20) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while True:
        assert process.popen.poll() is None, process.output()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as reply:
                body: dict[str, object] = json.loads(reply.read())
                return body
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, process.output()
            time.sleep(0.05)


def _post(port: int, body: str, content_type: str, secret: str = SIGNING_SECRET) -> int:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events",
        data=body.encode(),
        headers={**sign(secret, body), "Content-Type": content_type},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_http_process_serves_then_exits_0_on_sigterm(
    fake: FakeSlack, tmp_path: Path, processes: Callable[..., Process]
) -> None:
    port = _free_port()
    env = _environment(fake, tmp_path, SLACK_SIGNING_SECRET=SIGNING_SECRET, PORT=str(port))
    process = processes(["--http"], env, tmp_path / "serve.log")

    health = _wait_healthy(port, process)
    url = fake.response_url()
    command = form_body(slash_command_form("/who-said", "no limits", response_url=url))
    mention = json.dumps(
        event_callback(app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> who is Blinken?"))
    )
    statuses = [
        _post(port, command, "application/x-www-form-urlencoded"),
        _post(port, mention, "application/json"),
        _post(port, command, "application/x-www-form-urlencoded", secret="wrong"),
    ]
    answered = fake.wait_for_response(url)
    posted = fake.wait_for("chat.postMessage")
    code, seconds = process.terminate_and_wait()

    assert health["database"] is True and health["knowledge"] is True
    assert statuses == [200, 200, 401]
    assert answered.ok and posted.ok
    assert len(fake.responses(url)) == 1
    assert (code, seconds < SIGTERM_DEADLINE) == (0, True)
    output = process.output()
    assert f"Slack HTTP mode: listening on 127.0.0.1:{port}" in output
    assert "Slack: stopped" in output
    assert "Traceback" not in output
    for secret in (BOT_TOKEN, SIGNING_SECRET):
        assert secret not in output


def test_sigterm_during_a_short_rate_limit_wait_still_delivers_the_answer(
    fake: FakeSlack, tmp_path: Path, processes: Callable[..., Process]
) -> None:
    port = _free_port()
    env = _environment(fake, tmp_path, SLACK_SIGNING_SECRET=SIGNING_SECRET, PORT=str(port))
    process = processes(["--http"], env, tmp_path / "serve.log")
    _wait_healthy(port, process)
    fake.rate_limit("chat.postMessage", times=1, retry_after=3)
    mention = json.dumps(
        event_callback(app_mention_event(f"<@{DEFAULT_BOT_USER_ID}> who said no limits?"))
    )

    assert _post(port, mention, "application/json") == 200
    fake.wait_for("chat.postMessage", timeout=10)  # the 429: the process now waits 3 s
    code, seconds = process.terminate_and_wait()

    assert [c.status for c in fake.calls("chat.postMessage")] == [429, 200]
    assert (code, seconds < SIGTERM_DEADLINE) == (0, True)
    output = process.output()
    assert "unfinished" not in output
    assert "Traceback" not in output


def test_socket_mode_process_exits_0_on_sigterm(
    fake: FakeSlack, tmp_path: Path, processes: Callable[..., Process]
) -> None:
    env = _environment(fake, tmp_path, SLACK_APP_TOKEN=fake.app_token)
    process = processes([], env, tmp_path / "serve.log")

    fake.wait_connected(timeout=20)
    url = fake.response_url()
    envelope = fake.send_envelope(
        "slash_commands", slash_command_form("/about", "crimea", response_url=url)
    )
    ack = fake.wait_ack(envelope)
    answered = fake.wait_for_response(url)
    code, seconds = process.terminate_and_wait()

    assert ack.latency is not None and ack.latency < 1
    assert answered.ok
    assert (code, seconds < SIGTERM_DEADLINE) == (0, True)
    assert fake.connection_count == 0
    assert fake.connections_opened == 1
    output = process.output()
    assert "Traceback" not in output
    for secret in (BOT_TOKEN, APP_TOKEN):
        assert secret not in output


@pytest.mark.parametrize(
    ("args", "extra", "expected"),
    [
        (["--http"], {}, "Slack HTTP mode needs SLACK_SIGNING_SECRET"),
        ([], {}, "Slack Socket Mode needs SLACK_APP_TOKEN"),
        (
            ["--http"],
            {"SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_BOT_TOKEN": "xoxb-not-the-right-one"},
            "Slack refused SLACK_BOT_TOKEN: invalid_auth",
        ),
        (
            ["--http"],
            {"SLACK_SIGNING_SECRET": SIGNING_SECRET, "HOST": "http://0.0.0.0"},
            "HOST must be an IP address or a host name",
        ),
    ],
)
def test_bad_configuration_exits_1_with_a_clear_message(
    fake: FakeSlack,
    tmp_path: Path,
    args: list[str],
    extra: dict[str, str],
    expected: str,
) -> None:
    env = _environment(fake, tmp_path, PORT=str(_free_port()), **extra)

    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve", "slack", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert "xoxb-not-the-right-one" not in result.stderr

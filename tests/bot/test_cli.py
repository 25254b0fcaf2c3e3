"""The command line, run as a user runs it: a real process on a real SQLite file."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser, describe_reload
from bot.knowledge import DEFAULT_KNOWLEDGE_DIR
from bot.storage.migrate import head_revision

ROOT = Path(__file__).resolve().parents[2]


def run(
    args: list[str], tmp_path: Path, stdin: str = "", *, cwd: Path = ROOT, **extra: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ENVOY_DATA_DIR": str(tmp_path / "data"), "ENVOY_HASH_KEY": "k"}
    env.pop("DATABASE_URL", None)
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def test_ask_prints_a_cited_answer(tmp_path: Path) -> None:
    result = run(["ask", "who", "is", "the", "DNI?"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Avril D. Haines is the director of national intelligence." in result.stdout
    assert "paragraph 14" in result.stdout
    assert (tmp_path / "data" / "envoy.sqlite3").exists()


def test_json_output_has_the_stable_shape(tmp_path: Path) -> None:
    result = run(["who-said", "no limits", "--json"], tmp_path)
    answer = json.loads(result.stdout)
    assert answer["answered"] is True
    assert answer["speaker"] == "China and Russia"
    assert answer["citations"][0]["paragraph"] == 18
    assert set(answer) >= {"answered", "text", "citations", "speaker", "confidence", "suggestions"}


def test_batch_answers_every_line_in_order_and_survives_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"command": "ask", "text": "when did xi visit moscow"}),
        "not json",
        json.dumps({"command": "quotes", "text": "baerbock"}),
        json.dumps(["a", "list"]),
        json.dumps({"command": "ask"}),
        json.dumps({"command": "ask", "text": "what did blinken say about iran"}),
    ]
    result = run(["batch"], tmp_path, stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 6
    assert out[0]["answered"] and out[0]["citations"][0]["paragraph"] == 18
    assert out[1] == {"answered": False, "error": out[1]["error"]} and "line 2" in out[1]["error"]
    assert out[2]["answered"] and out[2]["speaker"] == "Annalena Baerbock"
    assert "error" in out[3] and "error" in out[4]
    assert out[5]["answered"] is False and out[5]["suggestions"]


def test_chat_reads_until_end_of_input(tmp_path: Path) -> None:
    result = run(["chat"], tmp_path, stdin="who said no limits\n/quotes cleverly\n\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert "China and Russia said it" in result.stdout
    assert "James Cleverly: 1 quotation" in result.stdout


def test_knowledge_check_and_db_commands(tmp_path: Path) -> None:
    check = run(["knowledge", "check"], tmp_path)
    assert check.returncode == 0 and check.stdout.startswith("knowledge ok")
    upgrade = run(["db", "upgrade"], tmp_path)
    assert upgrade.returncode == 0
    assert f"schema revision: {head_revision()}" in upgrade.stdout
    status = run(["db", "status"], tmp_path)
    assert "facts:" in status.stdout


def test_knowledge_check_fails_with_every_problem(tmp_path: Path) -> None:
    broken = tmp_path / "k"
    broken.mkdir()
    result = run(["knowledge", "check", "--dir", str(broken)], tmp_path)
    assert result.returncode == 1
    assert "entities.yaml: file is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_exits_with_one_line(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/x",
        "ENVOY_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "hi"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "DATABASE_URL" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["ask", "--help"], ["serve", "--help"]])
def test_help_works(tmp_path: Path, args: list[str]) -> None:
    result = run(args, tmp_path)
    assert result.returncode == 0 and "usage" in result.stdout


def _leaf_parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found.append(((*path, name), child))
                found += _leaf_parsers(child, (*path, name))
    return found


def test_every_subcommand_has_a_description_and_every_option_its_default() -> None:
    problems = []
    for path, parser in _leaf_parsers(build_parser()):
        name = " ".join(path)
        if not (parser.description or "").strip():
            problems.append(f"{name}: no description")
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            label = "/".join(action.option_strings) or action.dest
            text = action.help or ""
            if not text.strip():
                problems.append(f"{name} {label}: no help")
            elif action.required or (not action.option_strings and action.nargs is None):
                continue  # a required value has no default
            elif action.choices and not action.option_strings:
                continue  # a required choice (serve PLATFORM)
            elif "default" not in text and "required" not in text:
                problems.append(f"{name} {label}: help gives no default")
    assert not problems, "\n".join(problems)


def test_the_readme_lists_every_flag() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted(
        {
            option
            for _, parser in _leaf_parsers(build_parser())
            for action in parser._actions
            for option in action.option_strings
            if option.startswith("--")
            and option != "--help"
            and f"`{option}" not in readme
            and f" {option}" not in readme
            and f"[{option}" not in readme
        }
    )
    assert not missing, missing


def test_a_person_sees_no_log_lines_and_the_chat_logs_to_a_file(tmp_path: Path) -> None:
    asked = run(["ask", "who is the dni"], tmp_path)  # the first start loads the knowledge
    assert asked.returncode == 0 and asked.stderr == "", asked.stderr
    chat_dir = tmp_path / "chat"
    chat = run(["chat"], chat_dir, stdin="who is the dni\n")
    assert chat.returncode == 0 and chat.stderr == ""
    assert "INFO" not in chat.stdout and "bot.storage" not in chat.stdout
    assert "knowledge loaded" in (chat_dir / "data" / "console.log").read_text(encoding="utf-8")
    verbose = run(["chat", "-v"], tmp_path / "verbose", stdin="who is the dni\n")
    assert "INFO bot.storage.store: knowledge loaded" in verbose.stderr
    assert "knowledge loaded" not in verbose.stdout


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "cannot read"),
        ("dir", "is a directory, not an evaluation file"),
        ("", "holds no questions"),
        ("\n\n", "holds no questions"),
        ("not json\n", ":1: "),
        ('["a list"]\n', ":1: expected a JSON object"),
        ('{"command": "ask", "text": "x"}\n', ":1: missing field 'answerable'"),
        (b"\xff\xfe\x00bad", "is not UTF-8 text"),
    ],
)
def test_eval_of_a_bad_file_is_one_line(
    tmp_path: Path, content: str | bytes | None, says: str
) -> None:
    target = tmp_path / "set.jsonl"
    if content == "dir":
        target.mkdir()
    elif isinstance(content, bytes):
        target.write_bytes(content)
    elif content is not None:
        target.write_text(content, encoding="utf-8")
    result = run(["eval", str(target)], tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("envoy: ") and says in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "data").exists()  # refused before anything started


def test_eval_questions_stay_out_of_the_question_log(tmp_path: Path) -> None:
    items = [
        {"command": "ask", "text": "who is the dni", "answerable": True, "paragraphs": [14]},
        {"command": "ask", "text": "what is the weather", "answerable": False},
    ]
    target = tmp_path / "set.jsonl"
    target.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    run(["ask", "who is qin gang"], tmp_path)
    result = run(["eval", str(target)], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "answerable: 1/1 correct and cited" in result.stdout
    assert "unanswerable: 1/1 declined" in result.stdout
    status = run(["db", "status"], tmp_path)
    assert "question_log: 1 rows" in status.stdout, status.stdout


def test_eval_exits_1_below_the_floors(tmp_path: Path) -> None:
    target = tmp_path / "set.jsonl"
    target.write_text(
        json.dumps(
            {"command": "ask", "text": "what is the weather", "answerable": True, "paragraphs": [1]}
        )
        + "\n",
        encoding="utf-8",
    )
    assert run(["eval", str(target)], tmp_path).returncode == 0
    below = run(["eval", str(target), "--min-answered", "0.5"], tmp_path)
    assert below.returncode == 1 and "0/1 correct" in below.stdout


def test_db_reload_says_what_it_reloaded(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, knowledge)
    where = {"ENVOY_KNOWLEDGE_DIR": str(knowledge)}
    first = run(["db", "upgrade"], tmp_path, **where)
    assert "knowledge loaded: 1 source (ukraine-diplomacy)" in first.stdout, first.stdout
    again = run(["db", "reload"], tmp_path, **where)
    assert "knowledge unchanged: 1 source loaded (ukraine-diplomacy)" in again.stdout
    facts = knowledge / "sources" / "ukraine-diplomacy" / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# an editor's note\n")
    status = run(["db", "status"], tmp_path, **where)
    assert "changed: run envoy db reload" in status.stdout, status.stdout
    # `db status` only looks, so the change is still there for `db reload` to load.
    changed = run(["db", "reload"], tmp_path, **where)
    assert "knowledge reloaded: reloaded ukraine-diplomacy" in changed.stdout, changed.stdout
    status = run(["db", "status"], tmp_path, **where)
    assert "unchanged since loaded" in status.stdout and "sources: 1 rows" in status.stdout


def test_db_reload_of_broken_files_lists_the_problems_and_changes_nothing(
    tmp_path: Path,
) -> None:
    knowledge = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, knowledge)
    where = {"ENVOY_KNOWLEDGE_DIR": str(knowledge)}
    run(["db", "upgrade"], tmp_path, **where)
    (knowledge / "entities.yaml").write_text("- id: [not, an, id]\n", encoding="utf-8")
    broken = run(["db", "reload"], tmp_path, **where)
    assert broken.returncode == 1 and "problem" in broken.stderr
    assert "Traceback" not in broken.stderr
    status = run(["db", "status"], tmp_path, **where)
    assert "entities: 48 rows" in status.stdout, status.stdout


def test_describe_reload_names_added_changed_and_removed_sources() -> None:
    before = ("shared1", {"a": "1", "b": "1", "c": "1"})
    assert describe_reload(before, ("shared1", {"a": "2", "b": "1", "d": "1"})) == (
        "knowledge reloaded: reloaded a; added d; removed c"
    )
    assert describe_reload(before, ("shared2", {"a": "1", "b": "1", "c": "1"})) == (
        "knowledge reloaded: shared files changed, so every source was reloaded (a, b, c)"
    )
    assert describe_reload((None, {}), ("s", {"a": "1", "b": "2"})) == (
        "knowledge loaded: 2 sources (a, b)"
    )


def test_batch_answers_a_blank_line_too_so_output_lines_match_input_lines(
    tmp_path: Path,
) -> None:
    ask = json.dumps({"command": "ask", "text": "who is the dni"})
    result = run(["batch"], tmp_path, stdin=f"{ask}\n\n   \n{ask}\n")
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["answered"] and out[3]["answered"]
    assert out[1] == {"answered": False, "error": "line 2: blank line"}
    assert out[2] == {"answered": False, "error": "line 3: blank line"}


def test_serve_discord_over_http_is_refused_in_one_line(tmp_path: Path) -> None:
    result = run(["serve", "discord", "--http"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == "envoy: --http is for Slack; discord uses its gateway only\n"

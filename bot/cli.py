"""The command line: `python -m bot` or `envoy`.

One-shot commands answer and exit; `chat` is the interactive console; `batch` answers
JSON lines for bulk checks; `knowledge`, `db` and `eval` are for operators and editors;
`serve` starts a chat-platform adapter.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from bot import __version__, logs
from bot.answers import Question
from bot.batch import answer_lines
from bot.commands import COMMANDS
from bot.config import Settings, parse_duration
from bot.errors import EnvoyError, KnowledgeError
from bot.evaluation import DEFAULT_EVALUATION_FILE, evaluate, read_items
from bot.knowledge import load_knowledge

log = logging.getLogger(__name__)
PLATFORMS = ("slack", "discord")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; its help texts are the CLI's documentation."""
    parser = argparse.ArgumentParser(
        prog="envoy",
        description="Envoy answers questions about the diplomacy around the war in Ukraine, "
        "citing one article's own words.",
        epilog="Settings come from the environment: DATABASE_URL, ENVOY_DATA_DIR, "
        "ENVOY_KNOWLEDGE_DIR, ENVOY_HASH_KEY, ENVOY_LOG_LEVEL (see README.md).",
    )
    parser.add_argument("--version", action="version", version=f"envoy {__version__}")
    sub = parser.add_subparsers(dest="action", metavar="COMMAND", required=True)
    for spec in COMMANDS:
        one = sub.add_parser(spec.name, help=spec.summary, description=spec.summary)
        if spec.option:
            one.add_argument(
                "text", nargs="*", metavar=spec.option.upper(), help=spec.option_summary
            )
        one.add_argument("--json", action="store_true", help="print the answer as JSON")
    sub.add_parser("chat", help="interactive console on the same core")
    sub.add_parser(
        "batch",
        help='answer JSON lines {"command": ..., "text": ...} from stdin, one JSON line each',
    )
    evaluation = sub.add_parser("eval", help="score an evaluation set and print accuracy")
    evaluation.add_argument("file", nargs="?", type=Path, default=DEFAULT_EVALUATION_FILE)
    evaluation.add_argument("--misses", action="store_true", help="list every wrong answer")
    evaluation.add_argument(
        "--min-answered",
        type=float,
        default=0.0,
        metavar="RATE",
        help="exit 1 if answerable accuracy is below RATE (0..1)",
    )
    evaluation.add_argument(
        "--min-declined",
        type=float,
        default=0.0,
        metavar="RATE",
        help="exit 1 if decline accuracy is below RATE (0..1)",
    )
    knowledge = sub.add_parser("knowledge", help="check the knowledge files, review drafts")
    knowledge_sub = knowledge.add_subparsers(dest="knowledge_action", required=True)
    check = knowledge_sub.add_parser("check", help="validate every knowledge file")
    check.add_argument("--dir", type=Path, default=None, help="knowledge directory")
    review = knowledge_sub.add_parser(
        "review", help="list the draft items still to review, or approve them"
    )
    review.add_argument("--source", metavar="SLUG", help="only this source")
    review.add_argument("--approve", nargs="+", metavar="ID", help="mark these items reviewed")
    review.add_argument(
        "--approve-all", action="store_true", help="mark every draft item of --source reviewed"
    )
    review.add_argument("--dir", type=Path, default=None, help="knowledge directory")
    ingest = sub.add_parser("ingest", help="draft a new source from an article's plain text")
    ingest.add_argument("file", type=Path, help="the article: title line, then paragraphs")
    ingest.add_argument("--slug", required=True, help="the new source's id, e.g. blinken-visit")
    ingest.add_argument("--title", help="the title, when the file has no title line")
    ingest.add_argument("--contributors", nargs="*", default=[], metavar="NAME")
    ingest.add_argument("--replace", action="store_true", help="replace an existing source")
    ingest.add_argument("--dir", type=Path, default=None, help="knowledge directory")
    db = sub.add_parser("db", help="database schema and knowledge")
    db_sub = db.add_subparsers(dest="db_action", required=True)
    db_sub.add_parser("upgrade", help="create or upgrade the schema, then load the knowledge")
    db_sub.add_parser("reload", help="reload the knowledge files if they changed")
    db_sub.add_parser("status", help="schema revision, knowledge hash and row counts")
    purge = db_sub.add_parser("purge", help="delete question-log rows and their feedback")
    purge.add_argument(
        "--older-than",
        required=True,
        metavar="SPAN",
        help="age of the rows to delete, e.g. 90d, 12h",
    )
    report = sub.add_parser("report", help="what people asked: usage, unanswered, not helpful")
    report.add_argument(
        "--since", default="7d", metavar="SPAN", help="period to report on, e.g. 7d (default), 24h"
    )
    report.add_argument("--format", choices=("text", "csv", "json"), default="text")
    serve = sub.add_parser("serve", help="run a chat-platform adapter")
    serve.add_argument("platform", choices=PLATFORMS)
    serve.add_argument(
        "--http",
        action="store_true",
        help="Slack only: serve over HTTP on $PORT (default: Socket Mode); Discord refuses it",
    )
    sync = sub.add_parser("sync", help="register the Discord slash commands now")
    sync.add_argument("platform", choices=("discord",))
    sync.add_argument(
        "--guild",
        type=int,
        default=None,
        metavar="ID",
        help="one server, instantly (default: DISCORD_GUILD_ID, else global)",
    )
    sync.add_argument(
        "--clear", action="store_true", help="remove the commands from that scope instead"
    )
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 failure, 2 usage)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        logs.configure(settings.log_level, json_lines=settings.log_json)
        return _run(args, settings, stdin, stdout)
    except KnowledgeError as error:
        print(str(error), file=sys.stderr)
        return 1
    except EnvoyError as error:
        print(f"envoy: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (`envoy report | head`)
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0


def _run(args: argparse.Namespace, settings: Settings, stdin: TextIO, stdout: TextIO) -> int:
    if args.action == "ingest":
        return _ingest(args, args.dir or settings.knowledge_dir, stdout)
    if args.action == "knowledge" and args.knowledge_action == "review":
        return _review(args, args.dir or settings.knowledge_dir, stdout)
    if args.action == "knowledge":
        kb = load_knowledge(args.dir or settings.knowledge_dir, include_unreviewed=True)
        print(
            f"knowledge ok: {len(kb.sources)} source(s), {len(kb.entities)} entities, "
            f"{len(kb.topics)} topics, {len(kb.quotes)} quotes, {len(kb.facts)} facts",
            file=stdout,
        )
        return 0
    if args.action == "serve":
        adapter = importlib.import_module(f"adapters.{args.platform}")
        result: int = adapter.serve(settings, http=args.http)
        return result
    if args.action == "sync":
        adapter = importlib.import_module(f"adapters.{args.platform}")
        synced: int = adapter.sync(settings, guild_id=args.guild, clear=args.clear)
        return synced
    from bot.service import Envoy  # noqa: PLC0415 (keeps --help and knowledge check fast)

    envoy = Envoy.start(settings)
    try:
        return _with_envoy(args, envoy, stdin, stdout)
    finally:
        envoy.close()


def _with_envoy(args: argparse.Namespace, envoy: Any, stdin: TextIO, stdout: TextIO) -> int:
    if args.action == "chat":
        from adapters.console import run_chat  # noqa: PLC0415

        return run_chat(envoy, stdin=stdin, stdout=stdout)
    if args.action == "batch":
        return _batch(envoy, stdin, stdout)
    if args.action == "eval":
        return _evaluate(envoy, args, stdout)
    if args.action == "db":
        return _db(envoy, args, stdout)
    if args.action == "report":
        from bot import report  # noqa: PLC0415

        period = parse_duration(args.since)
        print(
            report.render(report.build_report(envoy.store.engine, period), args.format), file=stdout
        )
        return 0
    from adapters.console import render  # noqa: PLC0415

    text = " ".join(getattr(args, "text", []) or [])
    answer = envoy.handle(Question(args.action, text, platform="cli"))
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2), file=stdout)
    else:
        print(render(answer, color=stdout.isatty()), file=stdout)
    return 0


def _ingest(args: argparse.Namespace, root: Path, stdout: TextIO) -> int:
    from bot import ingest  # noqa: PLC0415

    report = ingest.ingest_file(
        args.file,
        args.slug,
        title=args.title,
        contributors=args.contributors,
        knowledge_dir=root,
        replace=args.replace,
    )
    print("\n".join(ingest.report_lines(report)), file=stdout)
    return 0


def _review(args: argparse.Namespace, root: Path, stdout: TextIO) -> int:
    from bot import ingest  # noqa: PLC0415

    if args.approve_all and not args.source:
        print("envoy: --approve-all needs --source SLUG", file=sys.stderr)
        return 2
    if args.approve or args.approve_all:
        count = ingest.mark_reviewed(
            root, args.source, ingest.ALL if args.approve_all else args.approve
        )
        print(ingest.approved_line(count, args.source), file=stdout)
        return 0
    items = ingest.unreviewed(root, args.source)
    print("\n".join(ingest.review_lines(items, args.source)), file=stdout)
    return 0


def _batch(envoy: Any, stdin: TextIO, stdout: TextIO) -> int:
    answer_lines(
        stdin,
        lambda command, text: envoy.handle(Question(command, text, platform="batch")).to_dict(),
        stdout,
    )
    return 0


def _evaluate(envoy: Any, args: argparse.Namespace, stdout: TextIO) -> int:
    items = read_items(args.file)
    report = evaluate(
        items, lambda command, text: envoy.handle(Question(command, text, platform="eval"))
    )
    if args.misses:
        for miss in report.misses:
            print(json.dumps(miss, ensure_ascii=False), file=stdout)
    print(f"{args.file.name}: {report.summary()}", file=stdout)
    ok = (
        report.answer_accuracy >= args.min_answered and report.decline_accuracy >= args.min_declined
    )
    return 0 if ok else 1


def _db(envoy: Any, args: argparse.Namespace, stdout: TextIO) -> int:
    from bot.storage import models  # noqa: PLC0415
    from bot.storage.migrate import current_revision  # noqa: PLC0415

    store = envoy.store
    action = args.db_action
    if action == "purge":
        deleted = store.purge(parse_duration(args.older_than))
        print(f"deleted {deleted} question-log rows older than {args.older_than}", file=stdout)
        return 0
    if action == "reload":
        changed = store.sync_knowledge(envoy.settings.knowledge_dir)
        print("knowledge reloaded" if changed else "knowledge unchanged", file=stdout)
        return 0
    with store.engine.connect() as connection:
        revision = current_revision(connection)
    print(f"schema revision: {revision}", file=stdout)
    print(f"knowledge hash: {(store.stored_hash() or '-')[:12]}", file=stdout)
    print(f"knowledge files: {envoy.knowledge_warning() or 'valid'}", file=stdout)
    if action == "upgrade" and envoy.knowledge_error is not None:
        raise envoy.knowledge_error  # a release must not go out with invalid knowledge
    if action == "status":
        for model in (
            models.FactRow,
            models.QuoteRow,
            models.EntityRow,
            models.QuestionLogRow,
            models.FeedbackRow,
        ):
            print(f"{model.__tablename__}: {store.count(model)} rows", file=stdout)
    return 0

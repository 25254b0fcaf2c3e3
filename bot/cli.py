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
from bot.errors import EnvoyError, InputError, KnowledgeError
from bot.evaluation import DEFAULT_EVALUATION_FILE, evaluate, read_items
from bot.knowledge import knowledge_hash, load_knowledge

log = logging.getLogger(__name__)
PLATFORMS = ("slack", "discord")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; its help texts are the CLI's documentation.

    Every subcommand has a description and every option a help line that gives its
    default (a test holds them to that)."""
    parser = argparse.ArgumentParser(
        prog="envoy",
        description="Envoy answers questions about the diplomacy around the war in Ukraine, "
        "citing its sources' own words.",
        epilog="Settings come from the environment: DATABASE_URL, ENVOY_DATA_DIR, "
        "ENVOY_KNOWLEDGE_DIR, ENVOY_HASH_KEY, ENVOY_LOG_LEVEL (see README.md).",
    )
    parser.add_argument("--version", action="version", version=f"envoy {__version__}")
    verbose = argparse.ArgumentParser(add_help=False)
    verbose.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show the log on stderr at ENVOY_LOG_LEVEL (default: warnings only; "
        "for chat, the log goes to ENVOY_DATA_DIR/console.log)",
    )
    sub = parser.add_subparsers(dest="action", metavar="COMMAND", required=True)

    def command(
        name: str, summary: str, description: str = "", **kwargs: Any
    ) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=summary,
            description=description or summary[:1].upper() + summary[1:] + ".",
            parents=[verbose],
            **kwargs,
        )

    for spec in COMMANDS:
        one = command(spec.name, spec.summary[:1].lower() + spec.summary[1:])
        if spec.option:
            one.add_argument(
                "text",
                nargs="*",
                metavar=spec.option.upper(),
                help=f"{spec.option_summary} (default: none; Envoy then says how to ask)",
            )
        one.add_argument(
            "--json", action="store_true", help="print the answer as JSON (default: text)"
        )
    command(
        "chat",
        "interactive console on the same core",
        "Type a question, or a command with or without its slash (/quotes haines, "
        "quotes haines); /quit or Ctrl-D leaves.",
    )
    command(
        "batch",
        'answer JSON lines {"command": ..., "text": ...} from stdin, one JSON line each',
        'Read JSON lines {"command": "ask", "text": "..."} on stdin and write one JSON line '
        'per input line, in order; a malformed or blank line gets {"answered": false, '
        '"error": "line N: ..."} and the batch goes on.',
    )
    evaluation = command(
        "eval",
        "score an evaluation set and print accuracy",
        "Ask every question of an evaluation set (JSON lines: command, text, answerable, "
        "paragraphs, speaker) and print how many answerable ones were answered correctly "
        "and how many unanswerable ones were declined. These questions are not logged.",
    )
    evaluation.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=DEFAULT_EVALUATION_FILE,
        metavar="FILE",
        help="the evaluation set (default: tests/evaluation/public.jsonl)",
    )
    evaluation.add_argument(
        "--misses", action="store_true", help="also print every wrong answer as JSON (default: off)"
    )
    evaluation.add_argument(
        "--explain",
        action="store_true",
        help="with --misses: add, for each missed free question, the pipeline stage that "
        "decided it and what that stage read (default: off)",
    )
    evaluation.add_argument(
        "--min-answered",
        type=float,
        default=0.0,
        metavar="RATE",
        help="exit 1 if answerable accuracy is below RATE, 0..1 (default: 0, never)",
    )
    evaluation.add_argument(
        "--min-declined",
        type=float,
        default=0.0,
        metavar="RATE",
        help="exit 1 if decline accuracy is below RATE, 0..1 (default: 0, never)",
    )
    knowledge = sub.add_parser(
        "knowledge",
        help="check the knowledge files, review drafts",
        description="Check the knowledge files, or review the items of a drafted source.",
    )
    knowledge_sub = knowledge.add_subparsers(
        dest="knowledge_action", metavar="ACTION", required=True
    )
    knowledge_dir = "knowledge directory (default: ENVOY_KNOWLEDGE_DIR, else knowledge/)"
    check = knowledge_sub.add_parser(
        "check",
        help="validate every knowledge file",
        description="Validate every knowledge file and list every problem with its file and id.",
        parents=[verbose],
    )
    check.add_argument("--dir", type=Path, default=None, help=knowledge_dir)
    review = knowledge_sub.add_parser(
        "review",
        help="list the draft items still to review, or approve them",
        description="List the items still marked reviewed: false, or approve them "
        "(the files are changed in place, comments kept).",
        parents=[verbose],
    )
    review.add_argument("--source", metavar="SLUG", help="only this source (default: all)")
    review.add_argument(
        "--approve", nargs="+", metavar="ID", help="mark these items reviewed (default: none)"
    )
    review.add_argument(
        "--approve-all",
        action="store_true",
        help="mark every draft item of --source reviewed (default: off)",
    )
    review.add_argument("--dir", type=Path, default=None, help=knowledge_dir)
    ingest = command(
        "ingest",
        "draft a new source from an article's plain text",
        "Draft a new source from an article's plain text: every quotation, fact and entity "
        "found, marked reviewed: false, for an editor to check and approve.",
    )
    ingest.add_argument(
        "file", type=Path, metavar="FILE", help="the article: title line, then paragraphs"
    )
    ingest.add_argument(
        "--slug", required=True, help="the new source's id, e.g. blinken-visit (required)"
    )
    ingest.add_argument(
        "--title", help="the title, when the file has no title line (default: the first line)"
    )
    ingest.add_argument(
        "--contributors",
        nargs="*",
        default=[],
        metavar="NAME",
        help="who reported it (default: none)",
    )
    ingest.add_argument(
        "--replace", action="store_true", help="replace an existing source (default: refuse)"
    )
    ingest.add_argument("--dir", type=Path, default=None, help=knowledge_dir)
    db = sub.add_parser(
        "db",
        help="database schema and knowledge",
        description="Create or upgrade the database, reload the knowledge, show its state, "
        "or purge old question-log rows.",
    )
    db_sub = db.add_subparsers(dest="db_action", metavar="ACTION", required=True)
    db_sub.add_parser(
        "upgrade",
        help="create or upgrade the schema, then load the knowledge",
        description="Create or upgrade the schema, load the knowledge files if they "
        "changed, and build the search index.",
        parents=[verbose],
    )
    db_sub.add_parser(
        "reload",
        help="reload the knowledge files if they changed",
        description="Load the knowledge files that changed since they were last loaded, "
        "and say which sources were added, reloaded or removed.",
        parents=[verbose],
    )
    db_sub.add_parser(
        "status",
        help="schema revision, knowledge hash and row counts",
        description="Show the schema revision, the knowledge loaded (and whether the "
        "files changed since) and the row counts.",
        parents=[verbose],
    )
    purge = db_sub.add_parser(
        "purge",
        help="delete question-log rows and their feedback",
        description="Delete question-log rows older than a span, with their feedback.",
        parents=[verbose],
    )
    purge.add_argument(
        "--older-than",
        required=True,
        metavar="SPAN",
        help="age of the rows to delete, e.g. 90d, 12h (required)",
    )
    report = command(
        "report",
        "what people asked: usage, unanswered, not helpful",
        "The editors' report on the question log: questions per platform and command, "
        "the most asked, the unanswered grouped (what to curate next), problems reported "
        "and answers marked not helpful.",
    )
    report.add_argument(
        "--since", default="7d", metavar="SPAN", help="period to report on, e.g. 24h (default: 7d)"
    )
    report.add_argument(
        "--format",
        choices=("text", "csv", "json", "html"),
        default="text",
        help="output format; html is one self-contained page to open or mail (default: text)",
    )
    report.add_argument(
        "--output",
        "-o",
        type=Path,
        default=None,
        metavar="FILE",
        help="write the report to FILE (default: stdout; for html, envoy-report.html in the "
        "current directory)",
    )
    serve = command(
        "serve",
        "run a chat-platform adapter",
        "Run Envoy on Slack (Socket Mode, or HTTP with --http) or Discord until SIGTERM "
        "or Ctrl-C. Each platform reads its own settings from the environment (README.md).",
    )
    serve.add_argument("platform", choices=PLATFORMS, help="slack or discord")
    serve.add_argument(
        "--http",
        action="store_true",
        help="Slack only: serve over HTTP on $PORT (default: Socket Mode); Discord refuses it",
    )
    manifest = command(
        "manifest",
        "print the Slack app manifest, or set it up for HTTP mode",
        "Print adapters/slack/manifest.yml to paste into Slack (Socket Mode); with "
        "--request-url, the same set up for HTTP mode: Socket Mode off and that one URL "
        "on every slash command, the events and interactivity.",
    )
    manifest.add_argument("platform", choices=("slack",), help="slack")
    manifest.add_argument(
        "--request-url",
        metavar="URL",
        default=None,
        help="https address of envoy serve slack --http, e.g. https://envoy.example.com "
        "(/slack/events is added to a bare host) (default: none, Socket Mode)",
    )
    sync = command(
        "sync",
        "register the Discord slash commands now",
        "Upload the slash commands to Discord without starting the bot (needs DISCORD_TOKEN).",
    )
    sync.add_argument("platform", choices=("discord",), help="discord")
    sync.add_argument(
        "--guild",
        type=int,
        default=None,
        metavar="ID",
        help="one server, instantly (default: DISCORD_GUILD_ID, else global)",
    )
    sync.add_argument(
        "--clear",
        action="store_true",
        help="remove the commands from that scope instead (default: off)",
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
        _configure_logs(args, settings)
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


CONSOLE_LOG = "console.log"
"""In ENVOY_DATA_DIR: where `envoy chat` writes its log, so the chat stays clean."""


def _configure_logs(args: argparse.Namespace, settings: Settings) -> None:
    """Servers log at ENVOY_LOG_LEVEL to stderr. A person's commands show warnings only,
    and the chat nothing: its log goes to a file. `-v` shows the whole log on stderr."""
    level, json_lines = settings.log_level, settings.log_json
    if args.action in ("serve", "sync") or args.verbose:
        logs.configure(level, json_lines=json_lines)
    elif args.action == "chat":
        try:
            logs.configure(level, json_lines=json_lines, path=settings.data_dir / CONSOLE_LOG)
        except OSError:  # an unwritable data directory: Envoy.start will say so
            logs.configure(level, json_lines=json_lines, floor="WARNING")
    else:
        logs.configure(level, json_lines=json_lines, floor="WARNING")


def _run(args: argparse.Namespace, settings: Settings, stdin: TextIO, stdout: TextIO) -> int:
    if args.action == "ingest":
        return _ingest(args, args.dir or settings.knowledge_dir, stdout)
    if args.action == "knowledge" and args.knowledge_action == "review":
        return _review(args, args.dir or settings.knowledge_dir, stdout)
    if args.action == "knowledge":
        kb = load_knowledge(
            args.dir or settings.knowledge_dir, include_unreviewed=True, strict=True
        )
        print(
            f"knowledge ok: {len(kb.sources)} source(s), {len(kb.entities)} entities, "
            f"{len(kb.topics)} topics, {len(kb.quotes)} quotes, {len(kb.facts)} facts",
            file=stdout,
        )
        return 0
    if args.action == "serve" and args.http and args.platform != "slack":
        print(f"envoy: --http is for Slack; {args.platform} uses its gateway only", file=sys.stderr)
        return 2
    if args.action == "serve":
        adapter = importlib.import_module(f"adapters.{args.platform}")
        result: int = adapter.serve(settings, http=args.http)
        return result
    if args.action == "manifest":
        manifest = importlib.import_module(f"adapters.{args.platform}.manifest")
        stdout.write(manifest.render_manifest(args.request_url))
        return 0
    if args.action == "sync":
        adapter = importlib.import_module(f"adapters.{args.platform}")
        synced: int = adapter.sync(settings, guild_id=args.guild, clear=args.clear)
        return synced
    if args.action == "db":
        return _db(args, settings, stdout)
    if args.action == "report":
        args.period = parse_duration(args.since)  # a bad span: one line, before starting
    if args.action == "eval":
        args.items = read_items(args.file)  # a file that is no evaluation set: one line, early
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
    if args.action == "report":
        return _report(envoy, args, stdout)
    from adapters.console import render  # noqa: PLC0415

    text = " ".join(getattr(args, "text", []) or [])
    answer = envoy.handle(Question(args.action, text, platform="cli"))
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2), file=stdout)
    else:
        print(render(answer, color=stdout.isatty()), file=stdout)
    return 0


HTML_REPORT = Path("envoy-report.html")


def _report(envoy: Any, args: argparse.Namespace, stdout: TextIO) -> int:
    from bot import report  # noqa: PLC0415

    envoy.store.flush()
    text = report.render(report.build_report(envoy.store.engine, args.period), args.format)
    target = args.output or (HTML_REPORT if args.format == "html" else None)
    if target is None:
        print(text, file=stdout)
        return 0
    try:
        target.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot write the report to {target}: {error.strerror}") from None
    print(f"report written to {target}", file=stdout)
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
    items = args.items
    # Straight to the answerer: evaluation questions are not people's questions, so they
    # stay out of the question log (and the report) and out of the rate limit.
    report = evaluate(
        items, lambda command, text: envoy.answerer.answer(command.strip().lower(), text)
    )
    if args.misses:
        for miss in report.misses:
            if args.explain and miss["command"] == "ask":
                from bot.commands.explain import explain  # noqa: PLC0415

                miss["explain"] = explain(envoy.answerer.context, miss["text"])
            print(json.dumps(miss, ensure_ascii=False), file=stdout)
    print(f"{args.file.name}: {report.summary()}", file=stdout)
    ok = (
        report.answer_accuracy >= args.min_answered and report.decline_accuracy >= args.min_declined
    )
    return 0 if ok else 1


def _db(args: argparse.Namespace, settings: Settings, stdout: TextIO) -> int:
    """The database commands, on the store alone (no answering core), so that `db reload`
    itself loads the knowledge and can say what it loaded."""
    from bot.matching.index import index_documents  # noqa: PLC0415
    from bot.service import files_warning  # noqa: PLC0415
    from bot.storage import Store, models  # noqa: PLC0415
    from bot.storage.migrate import current_revision  # noqa: PLC0415

    store = Store(settings.database_url)
    try:
        store.check()
        store.upgrade()
        action = args.db_action
        if action == "purge":
            deleted = store.purge(parse_duration(args.older_than))
            print(f"deleted {deleted} question-log rows older than {args.older_than}", file=stdout)
            return 0
        with store.engine.connect() as connection:
            revision = current_revision(connection)
        print(f"schema revision: {revision}", file=stdout)
        if action in ("upgrade", "reload"):
            before = _loaded(store)
            store.sync_knowledge(settings.knowledge_dir)
            store.ensure_index(index_documents)
            print(describe_reload(before, _loaded(store)), file=stdout)
            return 0
        stored = store.stored_hash()
        print(f"knowledge hash: {(stored or '-')[:12]}", file=stdout)
        files = knowledge_hash(settings.knowledge_dir)
        state = files_warning(settings.knowledge_dir, stored) or (
            "unchanged since loaded" if files == stored else "changed: run envoy db reload"
        )
        print(f"knowledge files ({settings.knowledge_dir}): {state}", file=stdout)
        for model in (
            models.SourceRow,
            models.FactRow,
            models.QuoteRow,
            models.EntityRow,
            models.QuestionLogRow,
            models.FeedbackRow,
        ):
            print(f"{model.__tablename__}: {store.count(model)} rows", file=stdout)
        return 0
    finally:
        store.close()


Loaded = tuple[str | None, dict[str, str | None]]
"""What the database holds: the shared files' hash and each source's content hash."""


def _loaded(store: Any) -> Loaded:
    from sqlalchemy import select  # noqa: PLC0415

    from bot.storage import models  # noqa: PLC0415

    with store.engine.connect() as connection:
        shared = connection.scalar(select(models.KnowledgeState.global_hash).limit(1))
        sources = dict(
            connection.execute(select(models.SourceRow.id, models.SourceRow.content_hash)).all()
        )
    return shared, sources


def describe_reload(before: Loaded, after: Loaded) -> str:
    """One line on what a knowledge load changed, by source."""
    (shared_before, old), (shared_after, new) = before, after
    if not old and new:
        return f"knowledge loaded: {_plural(len(new), 'source')} ({', '.join(sorted(new))})"
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    if shared_before != shared_after:
        changed = sorted(set(new) - set(added))
        parts = [f"shared files changed, so every source was reloaded ({', '.join(changed)})"]
    else:
        changed = sorted(s for s in set(new) & set(old) if new[s] != old[s])
        parts = [f"reloaded {', '.join(changed)}"] if changed else []
    parts += [f"added {', '.join(added)}"] if added else []
    parts += [f"removed {', '.join(removed)}"] if removed else []
    if not parts:
        return (
            f"knowledge unchanged: {_plural(len(new), 'source')} loaded ({', '.join(sorted(new))})"
        )
    return "knowledge reloaded: " + "; ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"

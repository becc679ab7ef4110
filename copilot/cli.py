"""The `copilot` command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .a3.command import add_command as add_a3_command
from .config import REPO_ROOT, SAMPLE_DB, audit_retention_days, cache_folder, setting_problems, store_path
from .gemba.command import add_command as add_gemba_command
from .handover.command import add_command as add_handover_command
from .proposals.command import add_command as add_propose_command
from .resident.command import add_command as add_resident_command

if TYPE_CHECKING:
    from connectors.base import Connector

    from .engine import Copilot

# Each subcommand imports what it needs inside its handler, so `copilot ask` loads no more than the answer.
QUESTIONS = REPO_ROOT / "tests" / "questions"


def readable(text: str | list[str]) -> str | list[str]:
    """Arguments as text: bytes that are not UTF-8 (a Latin-1 'ö' from an old terminal) are read as Windows-1252."""
    if isinstance(text, list):
        return [str(readable(t)) for t in text]
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _sample_db(args: argparse.Namespace) -> int:
    """Write the sample plant database."""
    from connectors.sample_plant import DEFAULT_SEED, build_sample_db

    if args.seed is None:
        args.seed = DEFAULT_SEED
    started = time.perf_counter()
    path = build_sample_db(args.out, seed=args.seed, scale=args.scale)
    took = time.perf_counter() - started
    print(f"Wrote {path} (seed {args.seed}, scale {args.scale}) in {took:.1f} s")
    return 0


def _open(args: argparse.Namespace) -> Connector | None:
    """The data named by --source, --db, COPILOT_SOURCE or COPILOT_DB; a clear message when it cannot be opened."""
    from connectors.base import ConnectorError

    from .datasource import open_data

    try:
        return open_data(getattr(args, "source", None), getattr(args, "db", None))
    except ConnectorError as error:
        print(error.text(args.lang or "en"), file=sys.stderr)
        return None


def _copilot(args: argparse.Namespace) -> Copilot | None:
    """The copilot over the named data, writing the audit trail; None (after a message) when the data cannot be opened."""
    from connectors.base import ConnectorError
    from connectors.clock import moment_in_plant, plant_zone

    from .engine import Copilot
    from .store.audit import open_audit

    connector = _open(args)
    if connector is None:
        return None
    audit = open_audit(store_path(), audit_retention_days())
    if audit is None:
        print(
            f"Das Audit-Protokoll {store_path()} lässt sich nicht öffnen; diese Frage wird nicht protokolliert."
            if args.lang == "de"
            else f"The audit trail {store_path()} cannot be opened; this question is not recorded.",
            file=sys.stderr,
        )
    try:
        return Copilot(
            connector,
            now=moment_in_plant(args.now, plant_zone(connector)) if args.now else None,
            audit=audit,
            cache=cache_folder(),
        )
    except ConnectorError as error:
        print(error.text(args.lang or "en"), file=sys.stderr)
        return None


def _ask(args: argparse.Namespace) -> int:
    """Answer one question; exit 0 whatever the question."""
    from .render import printed

    # --llm, --now and --in-process are answered in this process and leave no resident behind
    through_resident = not (args.llm or args.now or args.in_process)
    if through_resident:
        from .resident.client import ask_resident

        output = ask_resident(args.source, args.db, question_of(args))
        if output is not None:
            print(output, flush=True)
            return 0
    copilot = _copilot(args)
    if copilot is None:
        return 1
    if getattr(args, "llm", False):
        from .config import llm_configured
        from .llm.router import ask_with_model

        if not llm_configured():
            print(
                "--llm: no model is configured (OPENAI_BASE_URL or OPENAI_API_KEY); answering offline.",
                file=sys.stderr,
            )

        answer = ask_with_model(copilot, args.question, role=args.role, language=args.lang, session="cli")
    else:
        answer = copilot.ask(args.question, role=args.role, language=args.lang, session="cli")
    print(printed(answer, args.json, args.sql), flush=True)
    if through_resident:
        _start_resident(args)
    return 0


def _start_resident(args: argparse.Namespace) -> None:
    """Leave a resident copilot behind for the next question (COPILOT_AUTO_RESIDENT_MIN minutes; 0: never)."""
    from .config import AUTO_RESIDENT
    from .resident.command import spawn

    minutes = AUTO_RESIDENT.value()
    if minutes > 0:
        spawn(args, minutes)


def question_of(args: argparse.Namespace) -> dict[str, Any]:
    """The question and how to print its answer, as a resident copilot takes them."""
    return {
        "question": args.question,
        "role": args.role,
        "lang": args.lang,
        "json": args.json,
        "sql": args.sql,
    }


def _mcp(args: argparse.Namespace) -> int:
    """Serve the copilot's read-only tools to MCP clients until the client goes away."""
    from .mcp_server import serve

    copilot = _copilot(args)
    if copilot is None:
        return 1
    serve(copilot, http=args.http, port=args.port)
    return 0


def _source_check(args: argparse.Namespace) -> int:
    """Check a source file against the contract; exit 1 when it has problems."""
    from .source_check import check_source

    report = check_source(args.file)
    for line in report.lines(args.lang or "en"):
        print(line)
    count = len(report.problems)
    if args.lang == "de":
        print(f"{count} Probleme" if count != 1 else "1 Problem")
    else:
        print(f"{count} problems" if count != 1 else "1 problem")
    return 1 if count else 0


def _doctor(args: argparse.Namespace) -> int:
    """Report the language-model settings; exit 1 when a configured endpoint does not work."""
    from .llm.doctor import lines, status

    report = status()
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else "\n".join(lines(report)))
    return 0 if report["ok"] else 1


def _eval(args: argparse.Namespace) -> int:
    """Score the evaluation set; exit 1 below the required accuracy."""
    from .engine import Copilot
    from .evaluation import evaluate, load_cases

    connector = _open(args)
    if connector is None:
        return 1
    report = evaluate(Copilot(connector), connector, load_cases(args.questions, args.also_sql))
    print(report.table())
    print(report.summary())
    for line in report.failures():
        print("FAILED", line)
    worst = min((p / t for p, t in report.by_category().values()), default=0.0)
    return 0 if report.accuracy >= args.min_accuracy and worst >= args.min_accuracy else 1


def _audit(args: argparse.Namespace) -> int:
    """List or export the audit trail."""
    from dataclasses import asdict

    from connectors.clock import plant_time

    from .store.audit import one_line, open_audit

    log = open_audit(store_path(), audit_retention_days(), prune=False)  # reading never deletes
    if log is None:
        print(f"The application store {store_path()} cannot be opened.", file=sys.stderr)
        return 1
    entries = log.entries(
        since=plant_time(args.since, what="--since") if args.since else None, limit=args.limit
    )
    if args.json:
        print(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        print(
            f"{e.ts}  {one_line(e.session)}  {one_line(e.role):<8} {one_line(e.language)}  "
            f"{one_line(e.intent):<14} {e.duration_ms:7.1f} ms  {one_line(e.question[:80])}"
        )
    print(f"{len(entries)} entries")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """All subcommands and their options."""
    parser = argparse.ArgumentParser(prog="copilot", description="Shopfloor Copilot")
    sub = parser.add_subparsers(dest="command", required=True)
    sample = sub.add_parser("sample-db", help="build the sample plant database")
    sample.add_argument("--out", type=Path, default=SAMPLE_DB, help="where to write it")
    sample.add_argument("--seed", type=int, default=None, help="random seed (default: the sample plant's)")
    sample.add_argument("--scale", type=int, default=1, help="K times the four lines")
    sample.set_defaults(handler=_sample_db)
    ask = sub.add_parser("ask", help="answer a question about the plant")
    ask.add_argument("question", help="the question, in German or English")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument("--sql", action="store_true", help="show the SQL behind the answer")
    ask.add_argument("--role", choices=("operator", "coach", "trainee"), default="operator")
    ask.add_argument(
        "--lang",
        choices=("de", "en"),
        default=None,
        help="answer language (default: the question's)",
    )
    ask.add_argument(
        "--db",
        type=Path,
        default=None,
        help="DuckDB file (default: COPILOT_DB or the sample plant)",
    )
    ask.add_argument("--source", type=Path, default=None, help="source file (default: COPILOT_SOURCE)")
    ask.add_argument("--now", default=None, help="the present moment, ISO (default: the data set's now)")
    ask.add_argument(
        "--llm",
        action="store_true",
        help="let a language model take open questions (OPENAI_BASE_URL, COPILOT_MODEL)",
    )
    ask.add_argument(
        "--in-process",
        action="store_true",
        help="answer in this process even when a resident copilot runs (`copilot resident start`)",
    )
    ask.set_defaults(handler=_ask, quick_exit=True)
    doctor = sub.add_parser("doctor", help="check the language-model endpoint: reachable, tool calls")
    doctor.add_argument("--json", action="store_true", help="print one JSON object")
    doctor.set_defaults(handler=_doctor, lang=None)
    audit = sub.add_parser("audit", help="list or export the audit trail")
    audit.add_argument("--since", default=None, help="ISO date or timestamp")
    audit.add_argument("--limit", type=int, default=None, help="the newest N entries")
    audit.add_argument("--json", action="store_true", help="print the entries as JSON")
    audit.set_defaults(handler=_audit)
    evaluation = sub.add_parser("eval", help="score the evaluation questions")
    evaluation.add_argument("--questions", type=Path, default=QUESTIONS, help="folder of YAML files")
    evaluation.add_argument("--db", type=Path, default=None, help="DuckDB file (default: the sample plant)")
    evaluation.add_argument("--source", type=Path, default=None, help="source file (default: COPILOT_SOURCE)")
    evaluation.add_argument("--min-accuracy", type=float, default=0.95, help="overall and per category")
    evaluation.add_argument(
        "--also-sql",
        choices=("shown", "alternatives"),
        default="shown",
        help="a case's also_sql: figures the answer must also show, or other readings that count as right",
    )
    evaluation.set_defaults(handler=_eval, lang=None)
    source = sub.add_parser("source", help="work with source files").add_subparsers(
        dest="action", required=True
    )
    check = source.add_parser("check", help="check a source file against the data contract")
    check.add_argument("file", type=Path, help="the source file (plant.yaml)")
    check.add_argument("--lang", choices=("de", "en"), default=None, help="language of the report")
    check.set_defaults(handler=_source_check)
    add_a3_command(sub, _open)
    add_handover_command(sub, _open)
    add_gemba_command(sub, _open)
    add_propose_command(sub, _open)
    add_resident_command(sub, _copilot)
    mcp = sub.add_parser("mcp", help="serve the copilot's read-only tools to MCP clients (stdio or HTTP)")
    mcp.add_argument(
        "--db", type=Path, default=None, help="DuckDB file (default: COPILOT_DB or the sample plant)"
    )
    mcp.add_argument("--source", type=Path, default=None, help="source file (default: COPILOT_SOURCE)")
    mcp.add_argument("--now", default=None, help="the present moment, ISO (default: the data set's now)")
    mcp.add_argument("--http", action="store_true", help="streamable HTTP on 127.0.0.1 instead of stdio")
    mcp.add_argument("--port", type=int, default=8765, help="HTTP port (default 8765)")
    mcp.set_defaults(handler=_mcp, lang=None)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; the exit code."""
    return _dispatch(build_parser().parse_args(argv))


def run() -> None:
    """Entry point of the console script and `python -m copilot`."""
    args = build_parser().parse_args()
    try:
        code = _dispatch(args)
    except BrokenPipeError:  # 'copilot ask … | head -1': the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    if getattr(args, "quick_exit", False):
        _leave(code)
    sys.exit(code)


def _leave(code: int) -> None:
    """Exit without tearing down pandas, NumPy and DuckDB (up to a second on a busy machine).

    Only after `ask`: the answer is printed, the audit entry committed, the caches replaced
    atomically, and the database was opened read-only, so nothing is left to write but the output.
    """

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: the ordinary exit reports it
        sys.exit(code)
    os._exit(code)


def _dispatch(args: argparse.Namespace) -> int:
    """Check the shared options, then run the subcommand's handler."""
    for english, german in setting_problems():
        print(german if getattr(args, "lang", None) == "de" else english, file=sys.stderr)
    moment = getattr(args, "now", None) or getattr(args, "since", None)
    if moment:
        from connectors.base import ConnectorError
        from connectors.clock import plant_time

        try:
            plant_time(moment, what="--now" if getattr(args, "now", None) else "--since")
        except ConnectorError as error:
            print(
                f"--now and --since take an ISO date or timestamp such as 2025-11-20T14:00, not {moment!r}. "
                + error.text(getattr(args, "lang", None) or "en"),
                file=sys.stderr,
            )
            return 2
    for name in ("question", "questions"):
        if isinstance(getattr(args, name, None), str | list):
            setattr(args, name, readable(getattr(args, name)))
    if getattr(args, "scale", 1) < 1:
        print("--scale must be 1 or more", file=sys.stderr)
        return 2
    return int(args.handler(args))


if __name__ == "__main__":
    run()

"""The command line: a contract that scripts, CI and clerks' batch jobs rely on.

    lcplanner [FILE]                                  open the editor
    lcplanner import SOURCE --into FILE [--dry-run]   import committee-paper text
    lcplanner stats FILE [--json]                     what each plan holds
    lcplanner export {docx,pdf} FILE -o OUT [--plan MATCH] [--kind KIND] [--portfolio N]
                     [--template T] [--tagged] [--paper a4|a3]

Exit status: 0 done; 2 bad input or usage, with one clear line on stderr and nothing written;
1 anything unexpected.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Sequence

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2
KINDS = ("committee-paper", "plan", "portfolio", "timeline")
COMMANDS = ("import", "stats", "export", "backups", "restore")


class UsageError(Exception):
    """Bad input or usage: one line for stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line, not a usage dump
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lcplanner", description="Edit, import and export business plans.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p_import = sub.add_parser("import", help="import a committee paper (.txt) into a store")
    p_import.add_argument("source", help="the paper as text extracted from PDF or Word")
    p_import.add_argument("--into", required=True, metavar="FILE", help="the store to add to")
    p_import.add_argument("--dry-run", action="store_true",
                          help="print the recognised tree and write nothing")

    p_stats = sub.add_parser("stats", help="count what each plan in a store holds")
    p_stats.add_argument("file")
    p_stats.add_argument("--json", action="store_true", help="print JSON")

    p_export = sub.add_parser("export", help="export a plan to Word or PDF")
    p_export.add_argument("format", choices=("docx", "pdf"))
    p_export.add_argument("file", help="the store")
    p_export.add_argument("-o", "--output", required=True, metavar="OUT")
    p_export.add_argument("--plan", metavar="MATCH", help="the plan whose title contains MATCH")
    p_export.add_argument("--kind", choices=KINDS, default="plan")
    p_export.add_argument("--portfolio", type=int, metavar="N",
                          help="portfolio number, for --kind portfolio")
    p_export.add_argument("--template", metavar="T", help="a Word template (.docx) to style with")
    p_export.add_argument("--paper", choices=("a4", "a3"), default="a4",
                          help="paper size of a PDF timeline (default a4)")
    p_export.add_argument("--tagged", action="store_true",
                          help="make a tagged (accessible) PDF through LibreOffice")

    p_backups = sub.add_parser("backups", help="list a store's backups, newest first")
    p_backups.add_argument("file")

    p_restore = sub.add_parser("restore", help="restore a backup, keeping the current file aside")
    p_restore.add_argument("backup")
    p_restore.add_argument("--into", required=True, metavar="FILE")
    return parser


def _editor_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lcplanner", epilog="Commands: " + ", ".join(COMMANDS) +
                     " (lcplanner COMMAND --help).",
                     description="Open the business plan editor.")
    parser.add_argument("file", nargs="?", help="a store (.lcplan); the default store if omitted")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = _build_parser().parse_args(argv)
            return {"import": cmd_import, "stats": cmd_stats, "export": cmd_export,
                    "backups": cmd_backups, "restore": cmd_restore}[args.command](args)
        args = _editor_parser().parse_args(argv)
        return cmd_edit(args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("lcplanner: interrupted", file=sys.stderr)
        return EXIT_UNEXPECTED
    except Exception as exc:  # the contract: 1 for anything unexpected, with the detail
        traceback.print_exc(file=sys.stderr)
        print(f"lcplanner: unexpected error: {exc}", file=sys.stderr)
        return EXIT_UNEXPECTED


def _bad(message: str) -> UsageError:
    return UsageError(f"lcplanner: {message}")


def _open(path: str, *, readonly: bool, create: bool = False):
    from lcplanner.store.engine import open_store
    from lcplanner.store.errors import CorruptStoreError, StoreError

    target = Path(path)
    if not create and not target.exists():
        raise _bad(f"{path} does not exist")
    try:
        return open_store(target, readonly=readonly, create=create)
    except CorruptStoreError as exc:
        raise _bad(corrupt_message(target, exc)) from exc
    except StoreError as exc:
        raise _bad(str(exc)) from exc


def corrupt_message(path: Path, exc: Exception) -> str:
    """Set a damaged store aside and say which backup to restore."""
    from lcplanner.store.backup import latest_good_backup, set_aside_corrupt

    aside = set_aside_corrupt(path)
    message = f"{exc} It has been set aside as {aside.name}."
    backup = latest_good_backup(path)
    if backup is None:
        return message + " No backup of it was found."
    return (message + f" The latest good backup is from {backup.label}: restore it with "
            f"'lcplanner restore {backup.path} --into {path}'.")


def cmd_backups(args) -> int:
    from lcplanner.store.backup import list_backups

    if not Path(args.file).exists():
        raise _bad(f"{args.file} does not exist")
    backups = list_backups(Path(args.file))
    if not backups:
        print(f"{Path(args.file).name} has no backups yet.")
    for backup in backups:
        print(f"{backup.label}\t{backup.path}")
    return EXIT_OK


def cmd_restore(args) -> int:
    from lcplanner.store.backup import restore_backup
    from lcplanner.store.errors import StoreError
    from lcplanner.store.lock import acquire_lock

    into = Path(args.into)
    try:
        with acquire_lock(into):
            aside = restore_backup(args.backup, into)
    except StoreError as exc:
        raise _bad(str(exc)) from exc
    kept = f"; the previous file is kept as {aside.name}" if aside else ""
    print(f"Restored {Path(args.backup).name} into {into.name}{kept}.")
    return EXIT_OK


def _no_display() -> bool:
    """True on Linux with no X11 or Wayland display, where Qt would abort with a core dump."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_edit(args) -> int:
    if _no_display():
        raise _bad("no display found: start the editor in a desktop session (the command-line "
                   "commands work anywhere; see 'lcplanner --help')")
    try:
        from lcplanner.app import run
    except ImportError as exc:
        raise _bad(f"the editor cannot start: {exc}") from exc
    return run(args.file)


def cmd_import(args) -> int:
    from sqlalchemy import select

    from lcplanner.domain.counts import count_plan
    from lcplanner.domain.model import Plan
    from lcplanner.importers.paper_text import PaperImportError, describe, parse_paper, \
        read_source

    source = Path(args.source)
    if not source.exists():
        raise _bad(f"{source} does not exist")
    try:
        text = read_source(source)
        plan = parse_paper(text, source_name=source.name)
    except PaperImportError as exc:
        raise _bad(f"{source.name}: {exc}") from exc
    if args.dry_run:
        print(describe(plan))
        return EXIT_OK

    from lcplanner.store.backup import backup_before
    from lcplanner.store.errors import StoreError
    from lcplanner.store.lock import acquire_lock

    store_path = Path(args.into)
    existed = store_path.exists() and store_path.stat().st_size > 0
    store = _open(args.into, readonly=False, create=True)
    try:
        try:
            lock = acquire_lock(store.path)
        except StoreError as exc:
            raise _bad(str(exc)) from exc
        with lock:
            with store.session() as session:
                same = session.scalars(select(Plan).where(
                    Plan.source_digest == plan.source_digest)).first()
                if same is not None:
                    print(f"{source.name} is already in {store_path.name} as "
                          f"'{same.title}'; nothing was changed.")
                    return EXIT_OK
            if existed:
                backup_before(store.path, reason="import")
            counts = count_plan(plan)
            with store.transaction() as session:
                session.add(plan)
    finally:
        store.close()
    summary = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items() if v)
    print(f"Imported '{plan.title}' into {store_path.name}: {summary}.")
    return EXIT_OK


def _plans(session):
    from sqlalchemy import select

    from lcplanner.domain.model import Plan

    return list(session.scalars(select(Plan).order_by(Plan.position, Plan.id)))


def cmd_stats(args) -> int:
    from lcplanner.domain.counts import COUNT_KEYS, count_plan

    store = _open(args.file, readonly=True)
    try:
        with store.session() as session:
            report = [{"title": p.title, "counts": count_plan(p)} for p in _plans(session)]
    finally:
        store.close()
    if args.json:
        print(json.dumps({"plans": report}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not report:
        print(f"{Path(args.file).name} holds no plans.")
    for entry in report:
        print(entry["title"] or "(untitled plan)")
        for key in COUNT_KEYS:
            print(f"  {key.replace('_', ' '):<20} {entry['counts'][key]:>6}")
    return EXIT_OK


def choose_plan(plans, match: str | None):
    """The plan whose title contains ``match``; the only plan when no match is given."""
    if match:
        wanted = match.casefold()
        found = [p for p in plans if wanted in (p.title or "").casefold()]
        if not found:
            titles = "; ".join(p.title for p in plans) or "none"
            raise _bad(f"no plan's title contains '{match}' (plans: {titles})")
        if len(found) > 1:
            exact = [p for p in found if (p.title or "").casefold() == wanted]
            if len(exact) == 1:
                return exact[0]
            raise _bad(f"'{match}' matches {len(found)} plans: "
                       + "; ".join(p.title for p in found) + " (be more specific)")
        return found[0]
    if not plans:
        raise _bad("the store holds no plans")
    if len(plans) > 1:
        raise _bad("the store holds several plans; choose one with --plan MATCH ("
                   + "; ".join(p.title for p in plans) + ")")
    return plans[0]


def cmd_export(args) -> int:
    from lcplanner.compose import compose
    from lcplanner.writers.atomic import ExportError

    if args.kind == "portfolio" and args.portfolio is None:
        raise _bad("--kind portfolio needs --portfolio N")
    if args.paper != "a4" and (args.format != "pdf" or args.kind != "timeline"):
        raise _bad("--paper a3 applies to PDF timelines (--kind timeline) only")
    if args.tagged and args.format != "pdf":
        raise _bad("--tagged applies to PDF exports only")
    if args.template and not Path(args.template).is_file():
        raise _bad(f"template {args.template} does not exist")
    store = _open(args.file, readonly=True)
    try:
        with store.session() as session:
            plan = choose_plan(_plans(session), args.plan)
            try:
                document = compose(plan, args.kind, portfolio=args.portfolio)
            except ValueError as exc:
                raise _bad(str(exc)) from exc
    finally:
        store.close()
    try:
        warnings = _write(args, document)
    except ExportError as exc:
        raise _bad(str(exc)) from exc
    for warning in warnings:
        print(f"lcplanner: warning: {warning}", file=sys.stderr)
    print(f"Wrote {args.output}")
    return EXIT_OK


def _write(args, document) -> list[str]:
    if args.format == "docx":
        from lcplanner.writers.docx_writer import write_docx

        return write_docx(document, args.output, template=args.template)
    if args.tagged:
        from lcplanner.writers.pdf_tagged import write_tagged_pdf

        return write_tagged_pdf(document, args.output)
    from lcplanner.writers.pdf_writer import write_pdf

    return write_pdf(document, args.output, template=args.template, paper=args.paper)


if __name__ == "__main__":
    sys.exit(main())

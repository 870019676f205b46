"""The command line: a contract that scripts, CI and clerks' batch jobs rely on.

    lcplanner [FILE]                                  open the editor
    lcplanner init URL                                create the store in an empty server database
    lcplanner users URL [add NAME --role R [--portfolio N]... | remove NAME]   who may do what
    lcplanner import SOURCE --into FILE [--dry-run]   import a paper (.docx, .pdf or .txt)
    lcplanner stats FILE [--json]                     what each plan holds
    lcplanner export {docx,pdf} FILE -o OUT [--plan MATCH|#N] [--kind KIND] [--portfolio N]
                     [--template T] [--tagged] [--paper a4|a3] [--force]
                     [--changes-since DATE]
    lcplanner history FILE [--since DATE] [--plan MATCH|#N]   what changed, who and when
    lcplanner --version

FILE may also be a PostgreSQL URL (postgresql://host/db, or postgresql://user@/db?host=/dir for
a Unix socket) wherever a store is read or imported into; backups and restore need a file.

Exit status: 0 done; 2 bad input or usage, with one clear line on stderr and nothing written;
1 anything unexpected.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import traceback
from contextlib import nullcontext
from pathlib import Path
from typing import Sequence

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2
KINDS = ("committee-paper", "plan", "portfolio", "timeline")
DEFAULT_KIND = "plan"
SUFFIXES = {"docx": (".docx", "Word"), "pdf": (".pdf", "PDF")}
COMMANDS = ("import", "stats", "export", "backups", "restore", "init", "users", "history")


class UsageError(Exception):
    """Bad input or usage: one line for stderr, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line, not a usage dump
        raise UsageError(f"{self.prog}: {message} (see '{self.prog} --help')")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"lcplanner {version('lcplanner')}"
    except PackageNotFoundError:
        return "lcplanner (version unknown: not installed as a package)"


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for (the editor's start stays quick)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS,
                 help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(_version())
        parser.exit()


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lcplanner", description="Edit, import and export business plans.")
    parser.add_argument("--version", action=_VersionAction,
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p_import = sub.add_parser("import", help="import a committee paper into a store")
    p_import.add_argument("source", help="the paper: Word (.docx), PDF or text, told apart "
                          "by content")
    p_import.add_argument("--into", required=True, metavar="FILE", help="the store to add to")
    p_import.add_argument("--dry-run", action="store_true",
                          help="print the recognised tree and write nothing")

    p_stats = sub.add_parser("stats", help="count what each plan in a store holds")
    p_stats.add_argument("file")
    p_stats.add_argument("--json", action="store_true", help="print JSON")

    p_export = sub.add_parser("export", help="export a plan to Word or PDF")
    p_export.add_argument("format", choices=("docx", "pdf"))
    p_export.add_argument("file", help="the store")
    p_export.add_argument("-o", "--output", required=True, metavar="OUT",
                          help="the file to write, in a folder that exists")
    p_export.add_argument("--plan", metavar="MATCH",
                          help="the plan whose title contains MATCH, or #N for the plan "
                               "numbered N by 'lcplanner stats'")
    p_export.add_argument("--kind", choices=KINDS, default=DEFAULT_KIND,
                          help=f"what to export (default: {DEFAULT_KIND})")
    p_export.add_argument("--portfolio", type=int, metavar="N",
                          help="portfolio number, for --kind portfolio")
    p_export.add_argument("--template", metavar="T", help="a Word template (.docx) to style with")
    p_export.add_argument("--paper", choices=("a4", "a3"), default="a4",
                          help="paper size of a PDF timeline (default a4)")
    p_export.add_argument("--tagged", action="store_true",
                          help="make a tagged (accessible) PDF through LibreOffice")
    p_export.add_argument("--changes-since", metavar="DATE",
                          help="add the plan's changes since DATE (YYYY-MM-DD) to a committee "
                               "paper's background papers")
    p_export.add_argument("--force", action="store_true",
                          help="replace a read-only file, or write under a name whose "
                               "extension is not the format's (never a store)")

    p_backups = sub.add_parser("backups", help="list a store's backups, newest first")
    p_backups.add_argument("file")

    p_restore = sub.add_parser("restore", help="restore a backup, keeping the current file aside")
    p_restore.add_argument("backup")
    p_restore.add_argument("--into", required=True, metavar="FILE")

    from lcplanner.cli_team import add_team_parsers

    add_team_parsers(sub)
    return parser


def _editor_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lcplanner", epilog="Commands: " + ", ".join(COMMANDS) +
                     " (lcplanner COMMAND --help).",
                     description="Open the business plan editor.")
    parser.add_argument("file", nargs="?", help="a store (.lcplan); the default store if omitted")
    parser.add_argument("--version", action=_VersionAction,
                        help="print the version and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = _build_parser().parse_args(argv)
            _tell_when_waiting()
            from lcplanner import cli_team

            from lcplanner.cli_export import cmd_export

            code = {"import": cmd_import, "stats": cmd_stats, "export": cmd_export,
                    "backups": cmd_backups, "restore": cmd_restore,
                    "init": cli_team.cmd_init, "users": cli_team.cmd_users,
                    "history": cli_team.cmd_history}[args.command](args)
            _flush()  # a closed pipe shows here, not at exit
            return code
        args = _editor_parser().parse_args(argv)
        return cmd_edit(args)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader stopped early (| head): end quietly, as cat does
        _quiet_stdout()
        return EXIT_UNEXPECTED
    except SystemExit:  # --help and --version: their text may meet a closed pipe too
        try:
            _flush()
        except BrokenPipeError:
            _quiet_stdout()
            return EXIT_UNEXPECTED
        raise
    except KeyboardInterrupt:
        print("lcplanner: interrupted", file=sys.stderr)
        return EXIT_UNEXPECTED
    except Exception as exc:  # the contract: 1 for anything unexpected, with the detail
        traceback.print_exc(file=sys.stderr)
        print(f"lcplanner: unexpected error: {exc}", file=sys.stderr)
        return EXIT_UNEXPECTED


def _flush() -> None:
    if sys.stdout is not None:  # None when started with standard output closed
        sys.stdout.flush()


def _quiet_stdout() -> None:
    """Point stdout at the null device so the exit-time flush cannot complain again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _bad(message: str) -> UsageError:
    return UsageError(f"lcplanner: {message}")


def _no_folder(path: str, what: str) -> None:
    """The one refusal for a folder given where a file belongs."""
    from lcplanner.writers.targets import is_a_folder

    if Path(path).is_dir():
        raise _bad(is_a_folder(path, what))


def _check_output_folder(path: str) -> None:
    """Outputs (imports into a new store, exports) never create folders."""
    from lcplanner.writers.targets import TargetError, check_folder

    if "://" in path:  # a server database (postgresql://…) has no folder
        return
    try:
        check_folder(path)
    except TargetError as exc:
        raise _bad(str(exc)) from exc


def _tell_when_waiting() -> None:
    """A command kept waiting by another program's write says so on stderr, once."""
    from lcplanner.store.failures import set_wait_notice

    set_wait_notice(lambda message: print(f"lcplanner: {message}", file=sys.stderr, flush=True))


def _is_server(target: str) -> bool:
    from lcplanner.store.server import is_server_url

    return is_server_url(target)


def _label(target: str) -> str:
    """How output names a store: a file's name, or a server database's name and host."""
    if _is_server(target):
        from lcplanner.store.server import describe

        try:
            return describe(target)
        except Exception:  # an unparsable URL was refused before anything was printed
            return target
    return Path(target).name


def _needs_file(target: str, what: str) -> None:
    if _is_server(target):
        raise _bad(f"{what} works on a store file only; a server database is backed up and "
                   "restored with the server's own tools (pg_dump, pg_restore)")


def _open(path: str, *, readonly: bool, create: bool = False, mark_in_use: bool = True):
    from lcplanner.store.engine import open_store, resolve_path
    from lcplanner.store.errors import CorruptStoreError, StoreError

    if _is_server(path):
        try:
            return open_store(path, readonly=readonly, create=create)
        except StoreError as exc:
            raise _bad(str(exc)) from exc
    try:
        target = resolve_path(path)
    except StoreError as exc:
        raise _bad(str(exc)) from exc
    if not create and not target.exists():
        raise _bad(f"{path} does not exist")
    try:
        return open_store(target, readonly=readonly, create=create, mark_in_use=mark_in_use)
    except CorruptStoreError as exc:
        raise _bad(corrupt_message(Path(path), exc)) from exc
    except StoreError as exc:
        raise _bad(str(exc)) from exc


def corrupt_message(path: Path, exc: Exception) -> str:
    """Set a damaged store aside and say which backup to restore."""
    from lcplanner.store.backup import latest_good_backup, set_aside_corrupt

    try:
        aside = set_aside_corrupt(path)
    except OSError as err:  # a read-only folder: say so, and leave the file where it is
        return (f"{exc} It could not be set aside ({err.strerror or err}), so it was left as "
                "it is; copy it somewhere safe before trying to repair it.")
    message = f"{exc} It has been set aside as {aside.name}."
    backup = latest_good_backup(path)
    if backup is None:
        return message + " No backup of it was found."
    return (message + f" The latest good backup is from {backup.label}: restore it with "
            f"'lcplanner restore {backup.path} --into {path}'.")


def cmd_backups(args) -> int:
    from lcplanner.store.backup import list_backups

    _needs_file(args.file, "'lcplanner backups'")
    if not Path(args.file).exists():
        raise _bad(f"{args.file} does not exist")
    _no_folder(args.file, "an lcplanner store")
    backups = list_backups(Path(args.file))
    if not backups:
        print(f"{Path(args.file).name} has no backups yet.")
    for backup in backups:
        print(f"{backup.label}\t{backup.path}")
    return EXIT_OK


def cmd_restore(args) -> int:
    from lcplanner.store.backup import restore_backup
    from lcplanner.store.engine import resolve_path
    from lcplanner.store.errors import StoreError
    from lcplanner.store.failures import translate
    from lcplanner.store.lock import acquire_lock

    _needs_file(args.backup, "'lcplanner restore'")
    _needs_file(args.into, "'lcplanner restore'")
    _no_folder(args.backup, "a backup")
    _no_folder(args.into, "an lcplanner store")
    try:
        backup, into = resolve_path(args.backup), resolve_path(args.into)
        with acquire_lock(into):
            aside = restore_backup(backup, into)
    except StoreError as exc:
        raise _bad(str(exc)) from exc
    except OSError as exc:
        error = translate(exc, Path(args.into))
        if error is None:
            raise
        raise _bad(str(error)) from exc
    kept = f"; the previous file is kept as {aside.name}" if aside else ""
    print(f"Restored {backup.name} into {into.name}{kept}.")
    return EXIT_OK


def _no_display() -> bool:
    """True on Linux with no X11 or Wayland display, where Qt would abort with a core dump."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_edit(args) -> int:
    if args.file and _is_server(args.file):
        from lcplanner.store.errors import StoreError
        from lcplanner.store.server import engine_url

        try:  # a URL with a password, or without a database, is refused before Qt starts
            engine_url(args.file)
        except StoreError as exc:
            raise _bad(str(exc)) from exc
    if _no_display():
        raise _bad("no display found: start the editor in a desktop session (the command-line "
                   "commands work anywhere; see 'lcplanner --help')")
    try:
        from lcplanner.app import run
    except ImportError as exc:
        raise _bad(f"the editor cannot start: {exc}") from exc
    return run(args.file)


def cmd_import(args) -> int:
    # Only the readers are loaded before the file is checked: a refusal costs no time.
    from lcplanner.importers.errors import PaperImportError
    from lcplanner.importers.source import furniture_report, read_paper

    source = Path(args.source)
    if not source.exists():
        raise _bad(f"{source} does not exist")
    _no_folder(args.source, "a paper")
    _no_folder(args.into, "an lcplanner store")
    _check_output_folder(args.into)
    try:
        read = read_paper(source)
    except PaperImportError as exc:
        raise _bad(f"{source.name}: {exc}") from exc
    plan, merges = read.plan, list(read.merges)

    from sqlalchemy import select

    from lcplanner.domain.counts import count_plan, counted
    from lcplanner.domain.model import Plan
    from lcplanner.importers.paper_text import describe

    if args.dry_run:
        print(describe(plan))
        print(read.coverage().summary())
        print(furniture_report(read.furniture, read.text_furniture))
        print(f"Merged or kept as one: {len(merges)}")
        for what, _ in merges:
            print(f"  {what}")
        return EXIT_OK
    del read  # the source's text and blocks are not needed to store the plan

    from lcplanner.store.backup import backup_before, thin_backups
    from lcplanner.store.engine import resolve_path
    from lcplanner.store.errors import StoreError
    from lcplanner.store.lock import acquire_lock

    store_path = Path(args.into)
    server = _is_server(args.into)
    try:
        # The lock comes first: a refusal ("open elsewhere") must not have written anything.
        # A server database needs none: its transactions keep concurrent writers apart.
        lock = nullcontext() if server else acquire_lock(resolve_path(store_path))
    except StoreError as exc:
        raise _bad(str(exc)) from exc
    with lock:
        existed = not server and store_path.exists() and store_path.stat().st_size > 0
        # No in-use mark: it only helps an editor, and a failed import must change nothing.
        store = _open(args.into, readonly=False, create=True, mark_in_use=False)
        try:
            with store.session() as session:
                same = session.scalars(select(Plan).where(
                    Plan.source_digest == plan.source_digest)).first()
                if same is not None:
                    print(f"{source.name} is already in {_label(args.into)} as "
                          f"'{same.title}'; nothing was changed.")
                    return EXIT_OK
            counts = count_plan(plan)
            try:
                if existed:
                    backup_before(store.path, reason="import")
                    thin_backups(store.path)
                from lcplanner.importers.store_plan import add_imported_plan

                with store.transaction() as session:
                    add_imported_plan(session, plan)
            except StoreError as exc:
                raise _bad(str(exc)) from exc
        finally:
            store.close()
    summary = ", ".join(counted(v, k) for k, v in counts.items() if v)
    print(f"Imported '{plan.title}' into {_label(args.into)}: {summary}.")
    for what, _ in merges:
        print(f"  {what}")
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
            report = [{"title": p.title, "number": number, "counts": count_plan(p)}
                      for number, p in enumerate(_plans(session), 1)]
    finally:
        store.close()
    if args.json:
        print(json.dumps({"plans": report}, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not report:
        print(f"{_label(args.file)} holds no plans.")
    for entry in report:
        print(f"#{entry['number']}  {entry['title'] or '(untitled plan)'}")
        for key in COUNT_KEYS:
            print(f"  {key.replace('_', ' '):<20} {entry['counts'][key]:>6}")
    return EXIT_OK


_NUMBER = re.compile(r"#\s*(\d+)")


def _listed(plans, numbers) -> str:
    return "; ".join(f"#{n} {p.title or '(untitled plan)'}" for n, p in zip(numbers, plans))


def choose_plan(plans, match: str | None):
    """The plan whose title contains ``match``, or the plan numbered ``#N`` as ``stats`` shows
    it; the only plan when no match is given."""
    from lcplanner.domain.counts import counted

    if match and (number := _NUMBER.fullmatch(match.strip())):
        n = int(number.group(1))
        if not 1 <= n <= len(plans):
            raise _bad(f"there is no plan #{n}: the store holds {counted(len(plans), 'plans')} "
                       "(see 'lcplanner stats')")
        return plans[n - 1]
    if match:
        wanted = match.casefold()
        found = [(n, p) for n, p in enumerate(plans, 1) if wanted in (p.title or "").casefold()]
        if not found:
            titles = "; ".join(p.title for p in plans) or "none"
            raise _bad(f"no plan's title contains '{match}' (plans: {titles})")
        if len(found) > 1:
            exact = [p for _n, p in found if (p.title or "").casefold() == wanted]
            if len(exact) == 1:
                return exact[0]
            numbers, matching = zip(*found)
            raise _bad(f"{len(found)} plans match '{match}' ({_listed(matching, numbers)}); "
                       "use --plan #N to choose one")
        return found[0][1]
    if not plans:
        raise _bad("the store holds no plans")
    if len(plans) > 1:
        raise _bad(f"the store holds {len(plans)} plans; choose one with --plan MATCH or "
                   f"--plan #N ({_listed(plans, range(1, len(plans) + 1))})")
    return plans[0]


def _since(text: str | None):
    """--since or --changes-since as UTC (None when not given); a bad date exits 2."""
    if text is None:
        return None
    from lcplanner.services import history

    try:
        return history.parse_since(text)
    except ValueError as exc:
        raise _bad(str(exc)) from exc


if __name__ == "__main__":
    sys.exit(main())

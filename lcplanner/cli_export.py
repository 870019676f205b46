"""The command line's ``export`` command: one plan to Word or PDF, never over what it must not
replace (see :mod:`lcplanner.writers.targets`).

    lcplanner export {docx,pdf} FILE -o OUT [--plan MATCH|#N] [--kind KIND] [--portfolio N]
                     [--template T] [--tagged] [--paper a4|a3] [--force] [--changes-since DATE]

Part of the contract in :mod:`lcplanner.cli`; kept apart so that module stays readable.
"""
from __future__ import annotations

import sys
from pathlib import Path

from lcplanner.cli import (EXIT_OK, SUFFIXES, _bad, _no_folder, _open,
                           _plans, _since, choose_plan)


def _check_export_options(args) -> None:
    """Refuse options that do not apply to the chosen format and kind (never ignore them)."""
    if args.kind == "portfolio" and args.portfolio is None:
        raise _bad("--kind portfolio needs --portfolio N")
    if args.portfolio is not None and args.kind != "portfolio":
        raise _bad(f"--portfolio applies to --kind portfolio only (the kind is {args.kind})")
    if args.paper != "a4" and (args.format != "pdf" or args.kind != "timeline"):
        raise _bad("--paper a3 applies to PDF timelines (--kind timeline) only")
    if args.tagged and args.format != "pdf":
        raise _bad("--tagged applies to PDF exports only")
    if args.changes_since is not None and args.kind != "committee-paper":
        raise _bad(f"--changes-since applies to --kind committee-paper only (the kind is "
                   f"{args.kind})")
    if args.template:
        _no_folder(args.template, "a Word template")
        if not Path(args.template).is_file():
            raise _bad(f"template {args.template} does not exist")


def _check_output(args) -> None:
    """The output rule (lcplanner.writers.targets), with --force where it may apply."""
    from lcplanner.writers.targets import TargetError, check_suffix, check_target

    suffix, name = SUFFIXES[args.format]
    protect = [] if "://" in args.file else [args.file]
    try:
        check_target(args.output, protect=protect, force=args.force)
        if not args.force:
            check_suffix(args.output, suffix, name)
    except TargetError as exc:
        hint = " Use --force to write it anyway." if exc.forceable else ""
        raise _bad(f"{exc}{hint} Nothing was written.") from exc


def cmd_export(args) -> int:
    from lcplanner.compose import compose
    from lcplanner.writers.atomic import ExportError

    _check_export_options(args)
    since = _since(args.changes_since)
    _check_output(args)
    store = _open(args.file, readonly=True)
    try:
        with store.session() as session:
            plan = choose_plan(_plans(session), args.plan)
            changes = _changes_note(store, plan.id, since)
            try:
                document = compose(plan, args.kind, portfolio=args.portfolio, changes=changes)
            except ValueError as exc:
                raise _bad(str(exc)) from exc
    finally:
        store.close()
    try:
        warnings = [*document.warnings, *_write(args, document)]
    except ExportError as exc:
        raise _bad(_disk_full_or(exc, Path(args.output))) from exc
    for warning in warnings:
        print(f"lcplanner: warning: {warning}", file=sys.stderr)
    print(f"Wrote {args.output}")
    return EXIT_OK


def _changes_note(store, plan_id: int, since):
    if since is None:
        return None
    from lcplanner.services.history import changes_note

    return changes_note(store, plan_id, since)


def _disk_full_or(exc: Exception, output: Path) -> str:
    """An export that failed for want of space says so as every other command does."""
    from lcplanner.store.errors import DiskFullError
    from lcplanner.store.failures import translate

    cause = exc.__cause__ or exc.__context__
    error = translate(cause, output) if isinstance(cause, OSError) else None
    return str(error) if isinstance(error, DiskFullError) else str(exc)


def _write(args, document) -> list[str]:
    if args.format == "docx":
        from lcplanner.writers.docx_writer import write_docx

        return write_docx(document, args.output, template=args.template)
    if args.tagged:
        from lcplanner.writers.pdf_tagged import write_tagged_pdf

        return write_tagged_pdf(document, args.output)
    from lcplanner.writers.pdf_writer import write_pdf

    return write_pdf(document, args.output, template=args.template, paper=args.paper)

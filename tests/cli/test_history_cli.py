"""`lcplanner history STORE [--since DATE] [--plan MATCH]`: what changed, who and when."""
from __future__ import annotations

import getpass
from datetime import datetime

from sqlalchemy import select, update

from lcplanner import services
from lcplanner.domain import model as m
from lcplanner.services.history import local_time
from tests.support import one_line, run_cli as run


def _dated_history(store):
    """The sample plan added on 1 March, then an output's owner changed on 5 March (UTC)."""
    with store.session() as s:
        output = s.scalars(select(m.Output.id).order_by(m.Output.id)).first()
    services.set_field(store, "output", output, "owner", "Head of finance")
    with store.transaction() as s:
        ids = list(s.scalars(select(m.ChangeRecord.id).order_by(m.ChangeRecord.id)))
        for row_id, moment in zip(ids, (datetime(2026, 3, 1, 8, 0),
                                        datetime(2026, 3, 5, 10, 15))):
            s.execute(update(m.ChangeRecord).where(m.ChangeRecord.id == row_id)
                      .values(changed_at=moment))
    return output


def _at(year, month, day, hour, minute):
    return local_time(datetime(year, month, day, hour, minute)).strftime("%Y-%m-%d %H:%M")


def test_history_lists_every_change_oldest_first(capsys, target_sample_store, store_target):
    store = target_sample_store
    output = _dated_history(store)
    who = "postgres" if store.engine.dialect.name == "postgresql" else getpass.getuser()
    store.close()
    code, out, err = run(capsys, "history", store_target)
    assert code == 0, err
    assert out.splitlines() == [
        f"{_at(2026, 3, 1, 8, 0)}  {who}  Plan 1 added: 'Business Plan 2026/27'",
        f"{_at(2026, 3, 5, 10, 15)}  {who}  Output {output}: owner changed from (empty) to "
        "'Head of finance'",
    ]
    code, out, err = run(capsys, "history", store_target, "--since", "2026-03-03",
                         "--plan", "2026/27")
    assert code == 0, err
    assert out.splitlines() == [
        f"{_at(2026, 3, 5, 10, 15)}  {who}  Output {output}: owner changed from (empty) to "
        "'Head of finance'"]
    code, out, _ = run(capsys, "history", store_target, "--since", "2030-01-01")
    assert code == 0 and out.endswith(" since 2030-01-01.\n")
    assert out.startswith("No changes recorded in ")


def test_bad_history_options_exit_2_with_one_line(capsys, target_sample_store, store_target):
    target_sample_store.close()
    code, out, err = run(capsys, "history", store_target, "--since", "last Tuesday")
    assert (code, out) == (2, "")
    assert one_line(err) == ("lcplanner: 'last Tuesday' is not a date lcplanner reads: write "
                             "it as YYYY-MM-DD, or YYYY-MM-DD HH:MM")
    code, out, err = run(capsys, "history", store_target, "--plan", "1999")
    assert (code, out) == (2, "")
    assert one_line(err).startswith("lcplanner: no plan's title contains '1999'")


def _paragraphs(path):
    from docx import Document

    return [p.text for p in Document(str(path)).paragraphs]


def test_a_committee_paper_lists_the_changes_since_a_date_in_its_background_papers(
        capsys, target_sample_store, store_target, tmp_path):
    store = target_sample_store
    output = _dated_history(store)
    who = "postgres" if store.engine.dialect.name == "postgresql" else getpass.getuser()
    with store.session() as s:
        own = [b.text for b in s.scalars(select(m.BackgroundPaper).order_by(
            m.BackgroundPaper.position))]
    store.close()
    out = tmp_path / "paper.docx"
    code, _, err = run(capsys, "export", "docx", store_target, "-o", str(out),
                       "--kind", "committee-paper", "--changes-since", "2026-03-03")
    assert code == 0, err
    text = _paragraphs(out)
    start = text.index("Background papers")
    note = text.index("Changes since 3 March 2026")
    assert start < note and all(t in text[start:note] for t in own)
    day = local_time(datetime(2026, 3, 5, 10, 15))
    assert text[note + 1] == (f"{day.day} {day:%B %Y}, {who}: Output {output}: owner changed "
                              "from (empty) to 'Head of finance'")
    assert "Plan 1 added: 'Business Plan 2026/27'" not in " ".join(text)  # before the date

    plain = tmp_path / "plain.docx"
    code, _, err = run(capsys, "export", "docx", store_target, "-o", str(plain),
                       "--kind", "committee-paper")
    assert code == 0, err
    assert not any(t.startswith("Changes since") for t in _paragraphs(plain))


def test_changes_since_applies_to_a_committee_paper_only(capsys, target_sample_store,
                                                        store_target, tmp_path):
    target_sample_store.close()
    out = tmp_path / "plan.docx"
    code, _, err = run(capsys, "export", "docx", store_target, "-o", str(out),
                       "--changes-since", "2026-03-03")
    assert code == 2 and not out.exists()
    assert one_line(err) == ("lcplanner: --changes-since applies to --kind committee-paper "
                             "only (the kind is plan)")
    code, _, err = run(capsys, "export", "docx", store_target, "-o", str(out), "--kind",
                       "committee-paper", "--changes-since", "March")
    assert code == 2 and not out.exists()
    assert "'March' is not a date lcplanner reads" in one_line(err)

"""Whether a value fits the field it is set on: a status of the item's own plan, tags of the
milestone's own objective, a level of 0 or 1, a colour written as #rrggbb … No Qt."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lcplanner.domain import model as m
from lcplanner.services.kinds import KINDS, Kind


def _error(message: str) -> Exception:
    from lcplanner.services.edit import EditError

    return EditError(message)


def _get(session: Session, k: Kind, item_id: int):
    obj = session.get(k.cls, item_id)
    if obj is None:
        raise _error(f"{k.title} {item_id} does not exist.")
    return obj


def _plan_id_of(session: Session, k: Kind, obj) -> int:
    while k.parent is not None:
        parent_kind = KINDS[k.parent]
        obj = _get(session, parent_kind, getattr(obj, k.fk))
        k = parent_kind
    return obj.id


def validate(session: Session, k: Kind, obj, name: str, value: Any) -> None:
    """Refuse a value that does not fit the item (a status of another plan …) with an
    :class:`~lcplanner.services.edit.EditError`."""
    if name == "status_id" and value is not None:
        status = session.get(m.StatusLabel, value)
        if status is None or status.plan_id != _plan_id_of(session, k, obj):
            raise _error("That status belongs to another plan.")
    elif name == "level" and value not in (0, 1):
        raise _error("A sub-point is at level 0 or 1.")
    elif name == "tags":
        allowed = set(session.scalars(select(m.SubPriority.id)
                                      .where(m.SubPriority.objective_id == obj.objective_id)))
        if not set(value) <= allowed:
            raise _error("A milestone is tagged only with its objective's sub-priorities.")
    elif name == "service_group_id" and value is not None:
        group = session.get(m.ServiceGroup, value)
        if group is None or group.portfolio_id != obj.portfolio_id:
            raise _error("That service group belongs to another portfolio.")
    elif name in ("themes", "pledges"):
        plan_id = _plan_id_of(session, k, obj)
        if name == "themes":
            ok = set(session.scalars(select(m.Theme.id).where(m.Theme.plan_id == plan_id)))
        else:
            ok = set(session.scalars(select(m.Pledge.id).join(m.PledgeArea)
                                     .where(m.PledgeArea.plan_id == plan_id)))
        if not set(value) <= ok:
            raise _error(f"Those {name} belong to another plan.")
    elif name == "priorities":
        plan_id = _plan_id_of(session, k, obj)
        ok = set(session.scalars(select(m.Priority.id).join(m.Portfolio)
                                 .where(m.Portfolio.plan_id == plan_id)))
        if not set(value) <= ok:
            raise _error("Those priorities belong to another plan.")
    elif name == "colour" and not _is_colour(value):
        raise _error(f"{value!r} is not a colour (write it as #rrggbb).")


def _is_colour(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 7 or not value.startswith("#"):
        return False
    try:
        int(value[1:], 16)
    except ValueError:
        return False
    return True

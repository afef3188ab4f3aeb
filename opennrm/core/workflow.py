"""One shape for every state machine (case stages, referrals, transfers, returns, and the ones to
come): the states, the moves allowed from each, who may make a move, and the guarded step that
makes it. A new machine declares a `Workflow`; it does not write the step again.

The step checks the move, then claims the row with one conditional UPDATE (the state it was read
in, and its version where it has one), so that of two people moving the same record at once
exactly one wins and the other is told to reload; the caller's `after` (history, audit event,
notice) runs in the same transaction. Refusals are `ApplicationError`s in the reader's
language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from opennrm.core.errors import ApplicationError
from opennrm.core.permissions import Permission

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

    from opennrm.accounts.models import Membership

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Workflow(Generic[M]):
    """A state machine as data.

    `moves` maps each state to the states it may become (a table built from data works as
    well as a literal one); `refused` is the message for a move
    the table does not allow (with %(state)s and %(to)s); `stale` the message when someone else
    moved the record meanwhile. `permissions` names, per target state, the permission a move
    into it needs (the services add the rules that depend on the record, such as ownership)."""

    model: type[M]
    states: type[models.TextChoices] | None
    moves: Mapping[str, frozenset[str]]
    refused: _StrOrPromise
    stale: _StrOrPromise
    state_field: str = "state"
    version_field: str | None = None
    changed_at_field: str | None = None
    permissions: Mapping[str, Permission] = field(default_factory=dict)
    # Where the states are data (a country's stages of criminal proceedings) rather than
    # `TextChoices`: the label of a state in the reader's language.
    labels: Callable[[str], str] | None = None

    def allows(self, from_state: str, to_state: str) -> bool:
        return to_state in self.moves.get(from_state, frozenset())

    def label(self, state: str) -> str:
        if self.labels is not None:
            return self.labels(state)
        if self.states is not None and state in self.states.values:
            return str(self.states(state).label)
        return state

    def check(self, record: M, to_state: str, *, field: str | None = None) -> None:
        """Refuse a move the table does not allow, naming both states."""
        current = getattr(record, self.state_field)
        if not self.allows(current, to_state):
            raise ApplicationError(
                str(self.refused) % {"state": self.label(current), "to": self.label(to_state)},
                field=field,
            )

    def require(self, actor: Membership | None, to_state: str) -> None:
        """Refuse a move into `to_state` to a role without its permission (the system itself,
        with no actor, may make any allowed move: expiry, cancellation)."""
        needed = self.permissions.get(to_state)
        if actor is not None and needed is not None and not actor.can(needed):
            raise PermissionDenied(_("Your role does not allow this."))

    def step(
        self,
        record: M,
        to_state: str,
        *,
        actor: Membership | None = None,
        changes: Mapping[str, Any] | None = None,
        after: Callable[[M, str], None] | None = None,
        now: datetime | None = None,
        field: str | None = None,
        expected_version: int | None = None,
    ) -> M:
        """Make the move: check it, claim the row as it was read (state and version, or the
        version the user's form was built from), save `changes` with it, refresh the record,
        then run `after(record, from_state)` (history, audit, notice), all in one
        transaction."""
        self.check(record, to_state, field=field)
        self.require(actor, to_state)
        now = now or timezone.now()
        from_state = getattr(record, self.state_field)
        claim: dict[str, Any] = {"pk": record.pk, self.state_field: from_state}
        values: dict[str, Any] = {self.state_field: to_state, **(changes or {})}
        if self.version_field is not None:
            claim[self.version_field] = (
                expected_version
                if expected_version is not None
                else getattr(record, self.version_field)
            )
            values[self.version_field] = F(self.version_field) + 1
        if self.changed_at_field is not None:
            values.setdefault(self.changed_at_field, now)
        if any(f.name == "updated_at" for f in self.model._meta.get_fields()):
            values.setdefault("updated_at", now)
        with transaction.atomic():
            if not self.model._default_manager.filter(**claim).update(**values):
                raise ApplicationError(str(self.stale))
            record.refresh_from_db()
            if after is not None:
                after(record, from_state)
        return record

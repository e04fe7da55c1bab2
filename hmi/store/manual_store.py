"""Manual weighing records (part of QueueRepository), stored before the PLC is acknowledged.

`store_manual` books a record on its batch line in the same transaction that stores it: the
line's `manual_kg` grows by the weight, once. The same record (same raw words) stored earlier
and not yet acknowledged — a crash between storing and acknowledging — is returned as it is,
never booked twice. A batch already being reported to Odoo (a live report claim) or reported
is not booked any more: what Odoo has was computed without it (the record says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from hmi.domain.audit import AUTOMATIC_ROLE, AuditNote
from hmi.domain.errors import ValidationError
from hmi.domain.links import utcnow
from hmi.domain.manual import ManualAddition
from hmi.domain.messages import Message, msg
from hmi.domain.produced import ProducedPolicy, produced_quantity
from hmi.domain.states import BatchState
from hmi.domain.units import kg_total
from hmi.domain.users import AUTOMATIC
from hmi.store.audit_store import AuditStore
from hmi.store.checks import check_count, check_id, check_kg, check_text
from hmi.store.models import REF_LEN, ManualAdditionRow, MoBatchRow
from hmi.store.outbox_store import check_plc_time, check_words

#: States whose produced quantity was computed and follows a late addition.
FINISHED_STATES = (BatchState.FINISHED.value, BatchState.NEEDS_ATTENTION.value)


def to_manual(row: ManualAdditionRow) -> ManualAddition:
    """A ManualAddition record from its row."""
    return ManualAddition(
        id=row.id,
        batch_no=row.batch_no,
        material_code=row.material_code,
        product_ref=row.product_ref,
        weight_kg=row.weight_kg,
        operator_id=row.operator_id,
        scale_id=row.scale_id,
        weighed_at=row.weighed_at,
        stored_at=row.stored_at,
        mo_id=row.mo_id,
        mo_name=row.mo_name,
        equipment_id=row.equipment_id,
        booked=bool(row.booked),
        reason=Message.from_json(row.reason) if row.reason else None,
        acknowledged_at=row.acknowledged_at,
    )


class ManualStore(AuditStore):
    """Stores manual weighings and books them on their batch line."""

    def store_manual(
        self,
        *,
        batch_no: int,
        material_code: int,
        weight_kg: Decimal,
        operator_id: int,
        scale_id: int,
        weighed_at: datetime | None,
        raw_words: Sequence[int],
        product_ref: str,
        mo_id: int | None,
        equipment_id: int | None,
        reason: Message | None,
        produced_policy: str = ProducedPolicy.SUM_OF_ACTUALS.value,
        claimed_by: str = "",
    ) -> ManualAddition:
        """Store a manual weighing record and, when `equipment_id` names its batch line, add
        the weight to that line (and to the produced quantity of a finished batch weighed by
        its sum) — all in one transaction. `claimed_by`: this process's report-claim owner
        (its own claim does not stop the booking)."""
        return self.atomic(
            self._store_manual,
            batch_no=batch_no,
            material_code=material_code,
            weight_kg=weight_kg,
            operator_id=operator_id,
            scale_id=scale_id,
            weighed_at=weighed_at,
            raw_words=raw_words,
            product_ref=product_ref,
            mo_id=mo_id,
            equipment_id=equipment_id,
            reason=reason,
            produced_policy=produced_policy,
            claimed_by=claimed_by,
        )

    def _store_manual(
        self,
        *,
        batch_no: int,
        material_code: int,
        weight_kg: Decimal,
        operator_id: int,
        scale_id: int,
        weighed_at: datetime | None,
        raw_words: Sequence[int],
        product_ref: str,
        mo_id: int | None,
        equipment_id: int | None,
        reason: Message | None,
        produced_policy: str = ProducedPolicy.SUM_OF_ACTUALS.value,
        claimed_by: str = "",
    ) -> ManualAddition:
        """store_manual's body, inside its transaction (the audit entry joins it)."""
        check_count("manual weighing batch number", batch_no)
        check_count("manual weighing material code", material_code)
        check_count("manual weighing operator id", operator_id)
        check_count("manual weighing scale id", scale_id)
        check_text("manual weighing material", product_ref, REF_LEN)
        when = check_plc_time(weighed_at)
        raw = check_words(raw_words)
        finite = isinstance(weight_kg, Decimal) and weight_kg.is_finite() and weight_kg >= 0
        weight = check_kg("manual weighing", weight_kg) if finite else Decimal(0)
        with self._write() as session:
            if raw:
                found = session.scalars(
                    select(ManualAdditionRow).where(
                        ManualAdditionRow.raw_words == raw,
                        ManualAdditionRow.acknowledged_at.is_(None),
                    )
                ).first()
                if found is not None:
                    return to_manual(found)
            batch = None
            if mo_id is not None:
                check_id("MO id", mo_id)
                batch = session.scalars(
                    select(MoBatchRow)
                    .options(selectinload(MoBatchRow.lines))
                    .where(MoBatchRow.mo_id == mo_id)
                ).one_or_none()
            booked = False
            if reason is None and equipment_id is not None:
                reason = self._fence(batch, mo_id, claimed_by)
            if reason is None and batch is not None and equipment_id is not None:
                line = next((ln for ln in batch.lines if ln.equipment_id == equipment_id), None)
                if line is None:
                    raise ValidationError(
                        f"MO {batch.mo_name} has no line for equipment {equipment_id}"
                    )
                line.manual_kg = line.manual_kg + weight
                booked = True
                self._follow_produced(batch, weight, produced_policy)
            row = ManualAdditionRow(
                mo_id=batch.mo_id if batch is not None else mo_id,
                mo_name=batch.mo_name if batch is not None else "",
                batch_no=batch_no,
                material_code=material_code,
                product_ref=product_ref,
                equipment_id=equipment_id if booked else None,
                weight_kg=weight,
                operator_id=operator_id,
                scale_id=scale_id,
                weighed_at=when,
                raw_words=raw,
                booked=booked,
                reason=reason.to_json() if reason is not None else "",
                stored_at=utcnow(),
            )
            session.add(row)
            session.flush()
            self.write_audit(
                AuditNote(
                    AUTOMATIC,
                    AUTOMATIC_ROLE,
                    "manual weighing",
                    row.mo_name or f"slot {batch_no}",
                    f"material {material_code} ({product_ref or '?'})",
                    f"+{weight:.2f} kg {'booked' if booked else 'not booked'}, "
                    f"PLC operator {operator_id}, scale {scale_id}",
                    "" if reason is None else str(reason),
                )
            )
            return to_manual(row)

    @staticmethod
    def _fence(batch: MoBatchRow | None, mo_id: int | None, owner: str) -> Message | None:
        """Why the batch cannot take the addition any more (reported, or being reported)."""
        if batch is None:
            return msg("manual.no_batch_now", mo_id=mo_id or 0)
        if batch.state == BatchState.REPORTED.value:
            return msg("manual.too_late", mo=batch.mo_name)
        now = utcnow()
        claimed = batch.claim_owner not in (None, owner) and (
            batch.claim_until is not None and batch.claim_until > now
        )
        if claimed:
            return msg("manual.being_reported", mo=batch.mo_name)
        return None

    @staticmethod
    def _follow_produced(batch: MoBatchRow, weight: Decimal, policy: str) -> None:
        """A finished batch reported by its sum of actuals reports the added kg too."""
        if batch.state not in FINISHED_STATES or batch.produced_kg is None:
            return
        total = kg_total(
            (line.actual_kg or Decimal(0)) + line.consumed_kg + line.manual_kg
            for line in batch.lines
        )
        produced, _why = produced_quantity(
            batch.finished_weight_kg, total, batch.quantity_kg, ProducedPolicy(policy)
        )
        batch.produced_kg = produced

    def mark_manual_acknowledged(self, addition_id: int) -> ManualAddition:
        """Note that the PLC was told the record is stored."""
        check_id("manual addition id", addition_id)
        with self._write() as session:
            row = session.get(ManualAdditionRow, addition_id)
            if row is None:
                raise ValidationError(f"manual addition {addition_id} is unknown")
            if row.acknowledged_at is None:
                row.acknowledged_at = utcnow()
            session.flush()
            return to_manual(row)

    def manual_additions(self, mo_id: int) -> list[ManualAddition]:
        """Every manual weighing stored for one MO (booked or not), oldest first."""
        check_id("MO id", mo_id)
        query = (
            select(ManualAdditionRow)
            .where(ManualAdditionRow.mo_id == mo_id)
            .order_by(ManualAdditionRow.id)
        )
        with self._read() as session:
            return [to_manual(row) for row in session.scalars(query)]

    def manual_between(self, since: datetime, until: datetime) -> list[ManualAddition]:
        """Manual weighings stored in [since, until), oldest first (the shift report)."""
        query = (
            select(ManualAdditionRow)
            .where(ManualAdditionRow.stored_at >= since, ManualAdditionRow.stored_at < until)
            .order_by(ManualAdditionRow.id)
        )
        with self._read() as session:
            return [to_manual(row) for row in session.scalars(query)]

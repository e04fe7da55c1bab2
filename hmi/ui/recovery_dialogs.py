"""What a supervised recovery will do, shown before the PIN (ISA-101: the supervisor sees the
facts the command acts on), and the implausible-value decision.

- `RecoveryDialog`: the batches a PLC lost, the batches it holds unknown to the database,
  another panel's claim, a held batch's changes; or a PLC slot's words, decoded as far as
  the register map allows and raw. "Go on" leads to the PIN and the reason.
- `DecisionDialog`: a batch's implausible values beside its plan, and the four decisions,
  each greyed with the engine's reason when it is not possible now.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QFormLayout, QGridLayout, QLabel, QPushButton, QWidget

from hmi.domain.equipment import EquipmentTable
from hmi.domain.messages import Message
from hmi.domain.model import Batch, SlotFeedback
from hmi.domain.stalls import Decision
from hmi.engine.permissions import DECISIONS, Action
from hmi.ui.i18n import say
from hmi.ui.labels import clean, equipment_name, kg, material_name
from hmi.ui.theme import MIN_TOUCH_PX
from hmi.ui.touch import ElidedLabel, TouchDialog

Why = Callable[..., Message | None]
#: Raw words per line of the slot's word dump.
WORDS_PER_LINE = 10


def words_text(words: Sequence[int], per_line: int = WORDS_PER_LINE) -> str:
    """A slot's raw words, `per_line` a line, each line led by its offset: '+0  5 22616 …'."""
    lines = []
    for start in range(0, len(words), per_line):
        chunk = " ".join(f"{w:>5}" for w in words[start : start + per_line])
        lines.append(f"+{start:<3} {chunk}")
    return "\n".join(lines)


def suspects(problems: Sequence[Message]) -> set[int]:
    """The equipment ids the problems name (their `equipment` facts, at any depth)."""
    found: set[int] = set()

    def walk(value: object) -> None:
        if isinstance(value, Message):
            for name, param in value.params:
                if name == "equipment" and isinstance(param, int):
                    found.add(param)
                walk(param)
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    for problem in problems:
        walk(problem)
    return found


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class RecoveryDialog(TouchDialog):
    """The facts a recovery acts on, and Cancel / Go on (to the PIN)."""

    def __init__(self, title: str, go_on: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(4)
        self.texts: list[str] = []  # everything shown, in order (read back by tests)
        self.cancel = self.add_button(QPushButton(self.tr("Cancel")))
        self.cancel.setProperty("primary", True)
        self.go_on = self.add_button(QPushButton(go_on), stretch_before=True)
        self.go_on.setProperty("primary", True)
        self.cancel.clicked.connect(self.reject)
        self.go_on.clicked.connect(self.accept)
        self.want_size(960, 700)

    def say_text(self, text: str) -> QLabel:
        """A paragraph of the explanation."""
        self.texts.append(text)
        label = _wrapped(text)
        self.body.addWidget(label)
        return label

    def add_lines(self, lines: Sequence[str]) -> QLabel:
        """A list of facts, one a line (the batches, the unknown slots, the changes)."""
        self.texts.extend(lines)
        label = _wrapped("\n".join(f"• {line}" for line in lines) or "–")
        label.setObjectName("panel")
        self.body.addWidget(label)
        return label

    def show_slot(self, fb: SlotFeedback, table: EquipmentTable | None) -> None:
        """A PLC slot's words: decoded as far as possible, then raw."""
        rows: list[tuple[str, str]] = [
            (self.tr("Batch number"), str(fb.batch_no)),
            (self.tr("MO"), fb.mo_name or "–"),
            (self.tr("BoM"), fb.bom_name or "–"),
            (self.tr("Product"), fb.product_name or "–"),
            (self.tr("Quantity"), kg(fb.quantity_kg)),
            (self.tr("Finished"), self.tr("yes") if fb.finished else self.tr("no")),
            (self.tr("Failed"), self.tr("yes") if fb.failed else self.tr("no")),
            (self.tr("Finished weight"), kg(fb.finished_weight_kg)),
            (self.tr("Acknowledged by the HMI"), self.tr("yes") if fb.read_flag else self.tr("no")),
        ]
        for reading in fb.materials:
            if reading.actual_kg.is_finite() and reading.actual_kg == 0:
                continue
            entry = table.by_id(reading.equipment_id) if table is not None else None
            name = equipment_name(reading.equipment_id, table)
            material = material_name(entry.product_ref, table) if entry is not None else ""
            title = f"{name} ({material})" if material else name
            rows.append((title, kg(reading.actual_kg)))
        for title, value in rows:
            self.texts.append(f"{title}: {value}")
            self.form.addRow(title, _wrapped(value))
        self.body.addLayout(self.form)
        for problem in fb.problems:
            warning = _wrapped(clean(say(problem)))
            warning.setObjectName("error")
            self.body.addWidget(warning)
        self.body.addWidget(_wrapped(self.tr("Raw words (as read from the PLC):")))
        self.texts.append(words_text(fb.raw_words))
        raw = QLabel(words_text(fb.raw_words))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(self.font().pointSize() - 1)
        raw.setFont(font)
        raw.setObjectName("panel")
        raw.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body.addWidget(raw)


class DecisionDialog(TouchDialog):
    """A batch's implausible values and the supervisor's four decisions."""

    decided = Signal(str)  # Decision value

    def __init__(
        self,
        batch: Batch,
        problems: Sequence[Message],
        feedback: SlotFeedback | None,
        why: Why,
        table: EquipmentTable | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.batch = batch
        self.why = why
        self.choice: Decision | None = None
        self.setWindowTitle(self.tr("Implausible values: %1").replace("%1", batch.mo_name))
        intro = _wrapped(
            self.tr(
                "The PLC sent values for this batch that cannot be true; they were not stored. "
                "Check the scale, then decide."
            )
        )
        self.body.addWidget(intro)
        for problem in problems:
            line = _wrapped(clean(say(problem)))
            line.setObjectName("error")
            self.body.addWidget(line)
        self.body.addLayout(self._values(batch, feedback, table, suspects(problems)))
        self.buttons: dict[Decision, QPushButton] = {}
        self.reasons: dict[Decision, ElidedLabel] = {}
        choices = QGridLayout()
        choices.setHorizontalSpacing(12)
        labels = {
            Decision.READ_AGAIN: self.tr("Read again"),
            Decision.ACCEPT: self.tr("Accept the PLC's values…"),
            Decision.ENTER: self.tr("Enter the scale ticket's weights…"),
            Decision.ABORT: self.tr("Abort the batch…"),
        }
        for row, (decision, text) in enumerate(labels.items()):
            button = QPushButton(text)
            button.setAutoDefault(False)
            button.setMinimumHeight(MIN_TOUCH_PX)
            button.clicked.connect(lambda _c=False, d=decision: self._choose(d))
            reason = ElidedLabel()
            reason.setObjectName("reason")
            choices.addWidget(button, row, 0)
            choices.addWidget(reason, row, 1)
            self.buttons[decision] = button
            self.reasons[decision] = reason
        choices.setColumnStretch(1, 1)
        self.body.addLayout(choices)
        self.body.addStretch(1)
        self.close_button = self.add_button(QPushButton(self.tr("Close")), stretch_before=True)
        self.close_button.setProperty("primary", True)
        self.close_button.clicked.connect(self.reject)
        self.want_size(1100, 760)
        self.enable()

    def _values(
        self,
        batch: Batch,
        feedback: SlotFeedback | None,
        table: EquipmentTable | None,
        suspect: set[int],
    ) -> QGridLayout:
        """Each material: planned, and what the PLC reads now (the implausible ones marked)."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        titles = (self.tr("Silo / tank"), self.tr("Planned"), self.tr("PLC reads"))
        bold = QFont(self.font())
        bold.setBold(True)
        for column, title in enumerate(titles):
            label = ElidedLabel(title)
            label.setFont(bold)
            grid.addWidget(label, 0, column)
        read = {m.equipment_id: m.actual_kg for m in feedback.materials} if feedback else {}
        for row, line in enumerate(batch.lines, start=1):
            name = equipment_name(line.equipment_id, table)
            material = material_name(line.product_ref, table)
            grid.addWidget(ElidedLabel(f"{name} — {material}"), row, 0)
            grid.addWidget(QLabel(kg(line.planned_kg)), row, 1)
            value = QLabel(kg(read.get(line.equipment_id)))
            if line.equipment_id in suspect:
                value.setObjectName("error")
            grid.addWidget(value, row, 2)
        if feedback is not None:
            row = len(batch.lines) + 1
            grid.addWidget(ElidedLabel(self.tr("Finished weight")), row, 0)
            grid.addWidget(QLabel(kg(batch.quantity_kg)), row, 1)
            grid.addWidget(QLabel(kg(feedback.finished_weight_kg)), row, 2)
        grid.setColumnStretch(0, 1)
        for column in (1, 2):
            widest = max(
                self.fontMetrics().horizontalAdvance(t) for t in (titles[column], "9,999,999.99 kg")
            )
            grid.setColumnMinimumWidth(column, widest + 16)
        return grid

    def enable(self) -> None:
        """Each decision live, or greyed with the engine's reason beside it."""
        action_of = {d: a for a, d in DECISIONS.items()}
        for decision, button in self.buttons.items():
            why = self.why(action_of[decision], mo_id=self.batch.mo_id)
            button.setEnabled(why is None)
            self.reasons[decision].set_text(say(why) if why is not None else "")

    def _choose(self, decision: Decision) -> None:
        self.choice = decision
        self.accept()


def decision_action(decision: Decision) -> Action:
    """The window's action of a decision."""
    return next(a for a, d in DECISIONS.items() if d is decision)

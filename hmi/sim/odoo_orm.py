"""A small in-memory ORM in Odoo's image: records, ids, domains, ordering, x2many commands.

`Orm` holds the records of every model as plain dicts (many2one as an id or False, many2many
as id lists; one2many are derived from their inverse many2one) and answers `search`, `read`,
`write`, `create` and `fields_get` the way Odoo's ORM does over RPC. Business behaviour
(stock, manufacturing) lives in subclasses, which override `compute` for computed fields,
`display_name` for record names and `write_hook` for side effects. Every RPC call runs in a
transaction: a business error restores the records as they were (Odoo rolls back).
"""

from __future__ import annotations

import copy
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from hmi.sim.odoo_domain import NEGATIVE, OPERATORS
from hmi.sim.odoo_schema import DEFAULT_ORDER, Field

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
#: Returned by `compute` when a field is stored, not computed.
STORED = object()


class OdooError(Exception):
    """A server-side error with Odoo's exception class name (sent in the error envelope).

    http_status: what Odoo 19's JSON-2 dispatcher answers for it (werkzeug exceptions carry
    their code; UserError and its subclasses their `http_status`; anything else 500).
    """

    def __init__(
        self, message: str, name: str = "odoo.exceptions.UserError", http_status: int = 0
    ) -> None:
        super().__init__(message)
        self.message = message
        self.name = name
        self.http_status = http_status or _HTTP_STATUS.get(name, 500)


_HTTP_STATUS = {
    "odoo.exceptions.UserError": 422,
    "odoo.exceptions.ValidationError": 422,
    "odoo.exceptions.AccessError": 403,
    "odoo.exceptions.MissingError": 404,
    "werkzeug.exceptions.NotFound": 404,
    "werkzeug.exceptions.Unauthorized": 401,
}


def user_error(message: str) -> OdooError:
    """An odoo.exceptions.UserError."""
    return OdooError(message, "odoo.exceptions.UserError")


def ids_of(value: Any) -> list[int]:
    """A record id or a list of ids as a list of ints."""
    if isinstance(value, int) and not isinstance(value, bool):
        return [value]
    return [int(i) for i in value or []]


class Orm:
    """Records of every model of `schema` and the generic ORM methods (thread-safe via `lock`)."""

    def __init__(self, version: int, schema: dict[str, dict[str, Field]]) -> None:
        self.version = version
        self.schema = schema
        self.lock = threading.RLock()
        self.records: dict[str, dict[int, dict[str, Any]]] = {m: {} for m in schema}
        self.next_ids: dict[str, int] = defaultdict(lambda: 1)
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.uid = 2
        #: attributes besides the records that a failed call rolls back (shallow copies)
        self.transactional: tuple[str, ...] = ()

    # -- time, ids, transactions -----------------------------------------------------------------

    def now_text(self) -> str:
        """The simulated server's time as Odoo writes datetimes (UTC, no zone)."""
        return self.clock().astimezone(UTC).strftime(DATETIME_FORMAT)

    def new(self, model: str, values: Mapping[str, Any], rec_id: int | None = None) -> int:
        """Store a record as given (no hooks); its id is the next free one unless given."""
        if rec_id is None:
            rec_id = self.next_ids[model]
        self.next_ids[model] = max(self.next_ids[model], rec_id + 1)
        self.records[model][rec_id] = {"id": rec_id, **values}
        return rec_id

    def set_next_id(self, model: str, next_id: int) -> None:
        """Make the next record of `model` get `next_id` (ids a real database used elsewhere)."""
        self.next_ids[model] = max(self.next_ids[model], next_id)

    def snapshot(self) -> tuple[Any, dict[str, int], dict[str, Any]]:
        """The records, id counters and business state, to restore when a call fails.

        Records are copied two levels deep: values are replaced on write, never mutated."""
        records = {
            model: {i: dict(r) for i, r in recs.items()} for model, recs in self.records.items()
        }
        extras = {name: copy.copy(getattr(self, name)) for name in self.transactional}
        return records, dict(self.next_ids), extras

    def restore(self, saved: tuple[Any, dict[str, int], dict[str, Any]]) -> None:
        """Roll back to a snapshot (ids stay consumed, as PostgreSQL sequences do)."""
        records, counters, extras = saved
        self.records = records
        for model, value in counters.items():
            self.next_ids[model] = max(self.next_ids[model], value)
        for name, value in extras.items():
            setattr(self, name, value)

    # -- schema ------------------------------------------------------------------------------

    def field(self, model: str, name: str) -> Field:
        """The field, or Odoo's 'Invalid field' error in this version's words."""
        try:
            return self.schema[model][name]
        except KeyError:
            where = repr(model) if self.version >= 19 else f"model {model!r}"
            raise OdooError(f"Invalid field {name!r} on {where}", "builtins.ValueError") from None

    def fields_get(self, model: str, names: Sequence[str] | None, attributes: Any) -> Any:
        """fields_get: the description of each field (only the asked attributes if given)."""
        wanted = list(names) if names else list(self.schema[model])
        out: dict[str, Any] = {}
        for name in wanted:
            fld = self.schema[model].get(name)
            if fld is None:
                continue  # Odoo silently leaves out names the model does not have
            desc: dict[str, Any] = {
                "type": fld.type,
                "string": fld.string,
                "readonly": fld.readonly,
                "required": fld.required,
                "store": not fld.computed,
            }
            if fld.relation:
                desc["relation"] = fld.relation
            if fld.inverse:
                desc["relation_field"] = fld.inverse
            if fld.selection:
                desc["selection"] = [list(s) for s in fld.selection]
            if attributes:
                desc = {k: v for k, v in desc.items() if k in attributes}
            out[name] = desc
        return out

    # -- values ------------------------------------------------------------------------------

    def compute(self, model: str, rec: Mapping[str, Any], name: str) -> Any:
        """A computed field's value; STORED when the field is stored (subclasses extend)."""
        return STORED

    def display_name(self, model: str, rec: Mapping[str, Any]) -> str:
        """What display_name / name_get answers for a record (subclasses extend)."""
        for key in ("complete_name", "name"):
            if key in self.schema.get(model, {}) and rec.get(key):
                return str(rec[key])
        return f"{model},{rec['id']}"

    def value(self, model: str, rec: Mapping[str, Any], name: str) -> Any:
        """Raw value of a field (x2many as id lists, many2one as id or False)."""
        fld = self.field(model, name)
        if name == "display_name":
            return self.display_name(model, rec)
        computed = self.compute(model, rec, name)
        if computed is not STORED:
            return computed
        if fld.type == "one2many":
            assert fld.relation
            assert fld.inverse
            rows = [
                r for r in self.records[fld.relation].values() if r.get(fld.inverse) == rec["id"]
            ]
            order = DEFAULT_ORDER.get(fld.relation, "id")
            return [r["id"] for r in self.sort(fld.relation, rows, order)]
        if fld.type == "many2many":
            return list(rec.get(name) or [])
        default: Any = 0.0 if fld.type == "float" else 0 if fld.type == "integer" else False
        return rec.get(name, default)

    def read_record(
        self, model: str, rec: Mapping[str, Any], fields: Sequence[str], load: str = ""
    ) -> dict[str, Any]:
        """One row of read(): many2one as [id, name] (or the id with load='_classic_write')."""
        row: dict[str, Any] = {"id": rec["id"]}
        for name in fields:
            if name == "id":
                continue
            value = self.value(model, rec, name)
            fld = self.schema[model][name]
            if fld.type == "many2one" and value and load != "_classic_write":
                assert fld.relation
                target = self.records[fld.relation].get(value)
                value = [value, self.display_name(fld.relation, target)] if target else False
            row[name] = value
        return row

    def check_fields(self, model: str, fields: Sequence[str] | None) -> list[str]:
        """The field names to read (all when none given); unknown names raise."""
        names = list(fields) if fields else list(self.schema[model])
        for name in names:
            if name != "id":
                self.field(model, name)
        return names

    # -- search --------------------------------------------------------------------------------

    def search_ids(
        self,
        model: str,
        domain: Sequence[Any],
        offset: int = 0,
        limit: int | None = None,
        order: str | None = None,
    ) -> list[int]:
        """Ids matching a domain, ordered, sliced."""
        rows = [r for r in self.records[model].values() if self.match(model, r, domain)]
        rows = self.sort(model, rows, order or self.default_order(model))
        ids = [r["id"] for r in rows]
        return ids[offset : offset + limit if limit else None]

    def default_order(self, model: str) -> str:
        """The model's `_order`."""
        return DEFAULT_ORDER.get(model, "id")

    def sort(self, model: str, rows: list[dict[str, Any]], order: str) -> list[dict[str, Any]]:
        """Rows in `order` ("field [asc|desc], …"); empty values last, as PostgreSQL does."""
        keys = []
        for part in order.split(","):
            words = part.split()
            if not words:
                continue
            if words[0] != "id":
                self.field(model, words[0])
            keys.append((words[0], len(words) > 1 and words[1].lower() == "desc"))
        for name, desc in reversed(keys):
            present = [
                r for r in rows if self._sort_value(model, r, name=name) not in (None, False)
            ]
            missing = [r for r in rows if self._sort_value(model, r, name=name) in (None, False)]
            present.sort(key=partial(self._sort_value, model, name=name), reverse=desc)
            rows = missing + present if desc else present + missing
        return rows

    def _sort_value(self, model: str, rec: Mapping[str, Any], *, name: str) -> Any:
        return rec["id"] if name == "id" else self.value(model, rec, name)

    def match(self, model: str, rec: Mapping[str, Any], domain: Sequence[Any]) -> bool:
        """True when the record satisfies the (prefix-notation) domain."""
        stack: list[bool] = []
        for term in reversed(list(domain)):
            if term == "&":
                stack.append(stack.pop() & stack.pop())
            elif term == "|":
                stack.append(stack.pop() | stack.pop())
            elif term == "!":
                stack.append(not stack.pop())
            elif isinstance(term, list | tuple) and len(term) == 3:
                stack.append(self._leaf(model, rec, str(term[0]), str(term[1]), term[2]))
            else:
                raise OdooError(f"Invalid domain term {term!r}", "builtins.ValueError")
        return all(stack)

    def _path_values(self, model: str, rec: Mapping[str, Any], path: str) -> list[Any]:
        head, _, rest = path.partition(".")
        if head == "id":
            return [rec["id"]]
        fld = self.field(model, head)
        value = self.value(model, rec, head)
        if not rest:
            return list(value) if isinstance(value, list) else [value]
        if fld.type not in ("many2one", "one2many", "many2many") or not fld.relation:
            raise OdooError(
                f"Invalid field path {path!r} on model {model!r}", "builtins.ValueError"
            )
        out: list[Any] = []
        for target_id in value if isinstance(value, list) else ([value] if value else []):
            target = self.records[fld.relation].get(target_id)
            if target is not None:
                out.extend(self._path_values(fld.relation, target, rest))
        return out

    def _leaf(self, model: str, rec: Mapping[str, Any], path: str, op: str, arg: Any) -> bool:
        values = self._path_values(model, rec, path)
        test = OPERATORS.get(op)
        if test is None:
            raise OdooError(f"Invalid domain operator {op!r}", "builtins.ValueError")
        if op in NEGATIVE:
            return all(test(v, arg) for v in values) if values else True
        if not values:
            return test(False, arg)
        return any(test(v, arg) for v in values)

    # -- write and create ----------------------------------------------------------------------

    def write_values(self, model: str, rec_id: int, vals: Mapping[str, Any]) -> None:
        """Apply values (with x2many commands) to one record; no business hooks."""
        rec = self.records[model][rec_id]
        for name, value in vals.items():
            fld = self.field(model, name)
            if fld.computed and fld.type != "one2many":
                continue
            if fld.type == "one2many":
                self.o2m_commands(fld, rec_id, value)
            elif fld.type == "many2many":
                rec[name] = m2m_commands(rec.get(name) or [], value)
            elif fld.type == "many2one":
                rec[name] = value[0] if isinstance(value, list | tuple) else (value or False)
            else:
                rec[name] = value
        if "write_date" in self.schema[model]:
            rec["write_date"] = self.now_text()

    def o2m_commands(self, fld: Field, parent_id: int, commands: Any) -> None:
        """Odoo's x2many commands on a one2many (0 create, 1 write, 2/3 remove, 4, 5, 6)."""
        assert fld.relation
        assert fld.inverse
        for command in commands or []:
            self.o2m_command(fld, parent_id, list(command))

    def o2m_command(self, fld: Field, parent_id: int, command: list[Any]) -> None:
        """One x2many command (subclasses check version-specific rules first)."""
        assert fld.relation
        assert fld.inverse
        code = command[0]
        if code == 0:
            self.create(fld.relation, {**dict(command[2]), fld.inverse: parent_id})
        elif code == 1:
            self.write(fld.relation, [command[1]], command[2])
        elif code in (2, 3):
            self.unlink(fld.relation, [command[1]])
        elif code == 4:
            self.write(fld.relation, [command[1]], {fld.inverse: parent_id})
        elif code in (5, 6):
            keep = set(command[2]) if code == 6 else set()
            for child in list(self.records[fld.relation].values()):
                if child.get(fld.inverse) == parent_id and child["id"] not in keep:
                    self.unlink(fld.relation, [child["id"]])
            for child_id in keep:
                self.write(fld.relation, [child_id], {fld.inverse: parent_id})
        else:
            raise OdooError(f"Unknown x2many command {command!r}", "builtins.ValueError")

    def unlink(self, model: str, ids: Sequence[int]) -> bool:
        """Delete records (subclasses refuse what Odoo refuses)."""
        for rec_id in ids_of(ids):
            self.records[model].pop(rec_id, None)
        return True

    def create(
        self, model: str, values: Mapping[str, Any], context: Mapping[str, Any] | None = None
    ) -> int:
        """Create one record with `default_*` context values; the create hook runs after."""
        defaults = {
            key[8:]: value
            for key, value in (context or {}).items()
            if key.startswith("default_") and key[8:] in self.schema[model]
        }
        rec_id = self.new(model, {})
        self.write_values(model, rec_id, {**defaults, **values})
        self.create_hook(model, rec_id)
        return rec_id

    def create_hook(self, model: str, rec_id: int) -> None:
        """Business logic after a create over RPC (subclasses extend)."""

    def write(self, model: str, ids: Sequence[int], vals: Mapping[str, Any]) -> bool:
        """write(): every id must exist; the write hook applies business rules."""
        ids = ids_of(ids)
        missing = [i for i in ids if i not in self.records[model]]
        if missing:
            raise OdooError(
                missing_text(model, missing[0], self.uid), "odoo.exceptions.MissingError"
            )
        for rec_id in ids:
            self.write_hook(model, rec_id, vals)
        return True

    def write_hook(self, model: str, rec_id: int, vals: Mapping[str, Any]) -> None:
        """Apply one record's write (subclasses add business rules around write_values)."""
        self.write_values(model, rec_id, vals)


def missing_text(model: str, rec_id: Any, uid: int) -> str:
    """Odoo's MissingError message."""
    return f"Record does not exist or has been deleted.\n(Record: {model}({rec_id},), User: {uid})"


def m2m_commands(current: list[int], value: Any) -> list[int]:
    """Apply many2many commands (or a plain id list) to the current ids."""
    result = list(current)
    for item in value or []:
        if isinstance(item, int):
            if item not in result:
                result.append(item)
            continue
        code = item[0]
        if code == 4 and item[1] not in result:
            result.append(item[1])
        elif code == 3 and item[1] in result:
            result.remove(item[1])
        elif code == 5:
            result = []
        elif code == 6:
            result = list(item[2])
    return result

"""How a parse-cache entry (`argmap.cache`) is written: each of argmap's models as its values only.

Kept apart from `argmap.cache` so that a stored run (`argmap.recheck`), which writes through
`argmap.cache.store_entry`, never imports pydantic.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from pydantic import BaseModel

from argmap.model import Where, _shared, _SharedFields
from argmap.span import PositionTable, Span


def dumps(value: Any) -> bytes:
    """``value`` pickled for an entry, each of argmap's models as its field values only.

    pydantic pickles a model as a dict of four dicts (its fields by name, its private and extra
    attributes, its set of given fields): for a 100,000-record map that was 47 MB and 0.6 s,
    most of the cost of a cold check's cache. `_Pickler` writes a record as its class, the
    tuple of its values, its set of given fields and where it was written (a file's records
    share one `argmap.span.PositionTable`, which pickle writes once, in C, and shares again
    when it reads the entry): 38 MB in 0.35 s, and read back quicker too. Reading rebuilds
    each model as it was (`_model`, `_record`), without validating it again.
    """
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def dumps_entry(records: list[Any], ids: list[tuple[Any, Span]]) -> bytes:
    """A cache entry: a file's records (`dumps`) and the ids it declares, with where.

    Each id's `Span` goes in as its path, line and column, in three tuples made in C: pickled
    one by one, the Spans of a 100,000-record map's ids took a quarter of the time of writing
    its entries. `argmap.cache` reads them back.
    """
    raw, spans = zip(*ids, strict=True) if ids else ((), ())
    paths, lines, columns = zip(*spans, strict=True) if spans else ((), (), ())
    return dumps((records, raw, paths, lines, columns))


_FIELDS: dict[type[Any], tuple[str, ...] | None] = {}
"""The field names of each model class pickled so far, in order; None for any other class."""


def _field_names(cls: type[Any]) -> tuple[str, ...] | None:
    names = _FIELDS.get(cls, ())
    if names == ():
        names = _FIELDS[cls] = (
            tuple(cls.__pydantic_fields__) if issubclass(cls, BaseModel) else None
        )
    return names


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        names = _field_names(cls)
        if names is not None:
            return _model_reduced(obj, names)
        if cls is _SharedFields:
            return _shared_fields, (tuple(obj),)
        return NotImplemented  # everything else as pickle always writes it


def _model_reduced(model: BaseModel, names: tuple[str, ...]) -> Any:
    """How `_Pickler` writes ``model``; NotImplemented (pickle's own way) for any model that
    does not hold exactly its fields, at most a `Where` as private state and no extra."""
    state = model.__dict__
    if model.__pydantic_extra__ is not None or tuple(state) != names:
        return NotImplemented
    cls = type(model)
    values = tuple(state.values())
    given = model.__pydantic_fields_set__
    private = model.__pydantic_private__
    if private is None:
        return _model, (cls, values, given)
    if len(private) != 1:
        return NotImplemented
    where = private.get("_where", _NOT_WHERE)
    if type(where) is not Where:
        return NotImplemented
    if where.table is None:  # positions of its own (read from JSON, AIF, ...)
        return _model, (cls, values, given, where)
    # A record read from YAML: its place in the file's table. The index `Where.of` may have
    # made is not kept; it is made again when first needed.
    return _record, (
        cls,
        values,
        given,
        where._record,
        where.prefix,
        where.table,
        where.start,
        where.end,
    )


_NOT_WHERE = object()


_new = object.__new__
_assign = object.__setattr__


def _model(
    cls: type[BaseModel], values: tuple[Any, ...], given: set[str], where: Where | None = None
) -> BaseModel:
    """A model as `_model_reduced` wrote it (without a `Where`, or one holding its positions)."""
    model = _new(cls)
    names = _FIELDS.get(cls) or _field_names(cls) or ()
    _assign(model, "__dict__", dict(zip(names, values, strict=True)))
    _assign(model, "__pydantic_fields_set__", given)
    _assign(model, "__pydantic_extra__", None)
    _assign(model, "__pydantic_private__", None if where is None else {"_where": where})
    return model


def _record(
    cls: type[BaseModel],
    values: tuple[Any, ...],
    given: set[str],
    record: Span | None,
    prefix: tuple[Any, ...],
    table: PositionTable,
    start: int,
    end: int,
) -> BaseModel:
    """A record read from YAML, as `_model_reduced` wrote it: its entries of ``table``."""
    return _model(cls, values, given, Where(record, None, prefix, table, start, end))


def _shared_fields(names: tuple[str, ...]) -> set[str]:
    """The one shared set of these given fields (`argmap.model.share_fields`)."""
    return _shared(set(names))

"""Dataset search: Japanese full text, facets, sorting and keyset pagination.

Text: every dataset's title, description, keywords, themes, publisher, standard and column names are
normalised (``textnorm.normalize``: NFKC, casefold, hiragana → katakana) into ``dataset_search``; the
query goes through the same function, so 避難 finds 指定緊急避難場所一覧 and ﾄｲﾚ finds 公衆トイレ一覧.
Each whitespace-separated term must occur (AND), as a substring:

* SQLite: terms of 3+ characters use the FTS5 trigram index (``dataset_fts MATCH``); shorter terms
  (Japanese words are often 2 characters) are a LIKE over the normalised text.
* PostgreSQL: LIKE over the normalised text, served by a pg_trgm GIN index when the extension could be
  created (no superuser needed since PostgreSQL 13), by a sequential scan otherwise.

Relevance (the default order with a query): 10 per term found in the title, 5 per term in a keyword,
plus 1; ties by 管理ID.  Facet counts are disjunctive: the counts of one facet ignore that facet's own
selection, so choosing 危機管理課 still shows how many datasets the other departments have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, case, cast, func, literal, literal_column, null, select, text, union_all
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

import schemas

from .models import Dataset, DatasetSearch, DatasetTerm, Distribution, Organization, Version
from .paging import InvalidCursor, after, decode_cursor, encode_cursor, query_hash
from .textnorm import normalize, terms

FACETS = ("organization", "tag", "theme", "standard", "format", "license")
FACET_LIMIT = 50
SORTS = ("relevance", "title", "-title", "modified", "-modified", "issued", "-issued", "id", "-id")
NO_STANDARD = "none"


def standard_name(schema_id: str | None) -> str:
    if not schema_id:
        return ""
    try:
        m = schemas.load(schema_id).get("x-opendata", {})
    except KeyError:
        return schema_id
    return f"{m.get('nameJa', '')} {m.get('generationName', '')}"


# --- indexing ---------------------------------------------------------------------------------------------
def search_text(ds: Dataset, org: Organization | None, columns: Sequence[str] = ()) -> tuple[str, str, str]:
    kw = " ".join([*ds.keywords, *ds.themes])
    parts = [ds.id, ds.title, ds.description, kw, ds.spatial or "", standard_name(ds.standard),
             ds.standard or "", org.name if org else "", (org.name_en or "") if org else "", " ".join(columns)]
    return normalize(ds.title), normalize(kw), normalize(" ".join(p for p in parts if p))


def reindex(session: Session, ds: Dataset) -> None:
    """Refresh the search row of one dataset (call after any metadata change or publish)."""
    org = session.get(Organization, ds.organization_id)
    cols: list[str] = []
    if ds.current_version_id:
        v = session.get(Version, ds.current_version_id)
        cols = [c["name"] for c in (v.columns if v else [])]
    title, kw, body = search_text(ds, org, cols)
    row = session.get(DatasetSearch, ds.id)
    if row is None:
        session.add(DatasetSearch(dataset_id=ds.id, title=title, keywords=kw, body=body))
    else:
        row.title, row.keywords, row.body = title, kw, body
    session.flush()
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DELETE FROM dataset_fts WHERE dataset_id = :id"), {"id": ds.id})
        session.execute(text("INSERT INTO dataset_fts (dataset_id, body) VALUES (:id, :body)"), {"id": ds.id, "body": body})


def set_terms(session: Session, ds: Dataset) -> None:
    session.query(DatasetTerm).filter(DatasetTerm.dataset_id == ds.id).delete()
    for kind, values in (("keyword", ds.keywords), ("theme", ds.themes)):
        for v in dict.fromkeys(values):
            session.add(DatasetTerm(dataset_id=ds.id, kind=kind, value=v))


# --- querying ---------------------------------------------------------------------------------------------
class SearchError(ValueError):
    def __init__(self, code: str, message_ja: str, message_en: str, details: Any = None):
        super().__init__(message_en)
        self.code, self.message_ja, self.message_en, self.details = code, message_ja, message_en, details


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)     # facet name -> accepted values (OR)
    sort: str | None = None
    limit: int = 20
    cursor: str | None = None

    def canonical(self) -> dict[str, Any]:
        return {"q": terms(self.q), "f": {k: sorted(v) for k, v in sorted(self.filters.items()) if v}}


@dataclass
class SearchPage:
    datasets: list[Dataset]
    count: int
    next: str | None
    facets: dict[str, list[dict[str, Any]]]
    sort: str
    scores: dict[str, int] = field(default_factory=dict)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _text_conditions(session: Session, ts: list[str]) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    sqlite = session.get_bind().dialect.name == "sqlite"
    long_terms = [t for t in ts if len(t) >= 3] if sqlite else []
    if long_terms:
        q = " ".join(_fts_phrase(t) for t in long_terms)
        conds.append(Dataset.id.in_(select(text("dataset_id")).select_from(text("dataset_fts"))
                                    .where(text("dataset_fts MATCH :fts").bindparams(fts=q))))
    for t in ts:
        if t not in long_terms:
            conds.append(Dataset.id.in_(select(DatasetSearch.dataset_id)
                                        .where(DatasetSearch.body.like(_like(t), escape="\\"))))
    return conds


def _facet_condition(name: str, values: list[str]) -> ColumnElement[bool]:
    if name == "organization":
        return Dataset.organization_id.in_(values)
    if name in ("tag", "theme"):
        kind = "keyword" if name == "tag" else "theme"
        return Dataset.id.in_(select(DatasetTerm.dataset_id).where(DatasetTerm.kind == kind, DatasetTerm.value.in_(values)))
    if name == "standard":
        std = [v for v in values if v != NO_STANDARD]
        cond = Dataset.standard.in_(std)
        return (cond | Dataset.standard.is_(None)) if NO_STANDARD in values else cond
    if name == "format":
        return Dataset.current_version_id.in_(select(Distribution.version_id).where(
            Distribution.format.in_(values), Distribution.kind != "original"))
    if name == "license":
        return Dataset.license.in_(values)
    raise KeyError(name)


def _score(ts: list[str]) -> ColumnElement[int]:
    expr: ColumnElement[int] = literal(1)
    for t in ts:
        p = _like(t)
        expr = expr + case((DatasetSearch.title.like(p, escape="\\"), 10), else_=0) \
                    + case((DatasetSearch.keywords.like(p, escape="\\"), 5), else_=0)
    return expr


def _sort_keys(sort: str, score: ColumnElement[int] | None) -> list[tuple[Any, bool]]:
    if sort == "relevance":
        assert score is not None
        return [(score, True), (Dataset.id, False)]
    desc = sort.startswith("-")
    col = {"title": Dataset.title, "modified": Dataset.modified, "issued": Dataset.issued, "id": Dataset.id}[sort.lstrip("-")]
    return [(col, desc)] if col is Dataset.id else [(col, desc), (Dataset.id, False)]


def _decode_key(v: Any, expr: Any) -> Any:
    if expr is Dataset.modified or expr is Dataset.issued:
        return dt.date.fromisoformat(v)
    return v


def search(session: Session, p: SearchParams) -> SearchPage:
    ts = terms(p.q)
    sort = p.sort or ("relevance" if ts else "-modified")
    if sort not in SORTS:
        raise SearchError("invalid-sort", f"並べ替え「{sort}」は使えません。使える値: {', '.join(SORTS)}。",
                          f"unknown sort {sort!r}; use one of {', '.join(SORTS)}", {"allowed": list(SORTS)})
    if sort == "relevance" and not ts:
        sort = "-modified"
    for name in p.filters:
        if name not in FACETS:
            raise SearchError("invalid-parameter", f"絞り込み「{name}」はありません。", f"unknown filter {name!r}")
    base: list[ColumnElement[bool]] = [Dataset.state == "published", *_text_conditions(session, ts)]
    facet_conds = {k: _facet_condition(k, v) for k, v in p.filters.items() if v}
    where = base + list(facet_conds.values())

    score = _score(ts) if ts else None
    keys = _sort_keys(sort, score)
    qh = query_hash(p.canonical())
    q: Any = select(Dataset) if score is None else select(Dataset, score.label("score"))
    if score is not None:
        q = q.join(DatasetSearch, DatasetSearch.dataset_id == Dataset.id)
    q = q.where(*where)
    if p.cursor:
        try:
            raw = decode_cursor(p.cursor, sort, qh, len(keys))
        except InvalidCursor:
            raise SearchError("invalid-cursor", "ページ送りの指定（cursor）が正しくないか、別の検索条件のものです。最初のページからやり直してください。",
                              "invalid cursor (or it belongs to another query); start again from the first page") from None
        q = q.where(after(keys, [_decode_key(v, k) for v, (k, _) in zip(raw, keys, strict=True)]))
    q = q.order_by(*[(k.desc() if d else k.asc()) for k, d in keys]).limit(p.limit + 1)
    q = q.options(selectinload(Dataset.current_version).selectinload(Version.distributions))
    rows = session.execute(q).all()
    more = len(rows) > p.limit
    rows = rows[: p.limit]
    datasets = [r[0] for r in rows]
    scores = {r[0].id: int(r[1]) for r in rows} if score is not None else {}
    nxt = None
    if more and rows:
        last = rows[-1][0]
        vals: list[Any] = []
        for k, _ in keys:
            if k is Dataset.id:
                vals.append(last.id)
            elif k is Dataset.title:
                vals.append(last.title)
            elif k is Dataset.modified:
                vals.append(last.modified.isoformat())
            elif k is Dataset.issued:
                vals.append(last.issued.isoformat())
            else:
                vals.append(scores[last.id])
        nxt = encode_cursor(sort, vals, qh)
    count, facets = _count_and_facets(session, where, base, facet_conds)
    return SearchPage(datasets, int(count), nxt, facets, sort, scores)


def _facet_query(name: str, where: list[ColumnElement[bool]]) -> Any:
    n = func.count(Dataset.id.distinct())
    q: Any
    if name == "organization":
        q = select(Dataset.organization_id.label("value"), n.label("n")).group_by(Dataset.organization_id)
    elif name in ("tag", "theme"):
        q = (select(DatasetTerm.value.label("value"), n.label("n")).join(Dataset, Dataset.id == DatasetTerm.dataset_id)
             .where(DatasetTerm.kind == ("keyword" if name == "tag" else "theme")).group_by(DatasetTerm.value))
    elif name == "standard":
        q = select(Dataset.standard.label("value"), n.label("n")).group_by(Dataset.standard)
    elif name == "format":
        q = (select(Distribution.format.label("value"), n.label("n"))
             .join(Dataset, Dataset.current_version_id == Distribution.version_id)
             .where(Distribution.kind != "original").group_by(Distribution.format))
    else:
        q = select(Dataset.license.label("value"), n.label("n")).group_by(Dataset.license)
    q = q.where(*where).order_by(n.desc(), q.selected_columns[0]).limit(FACET_LIMIT).subquery()
    return select(literal_column(f"'{name}'").label("facet"), cast(q.c.value, Text).label("value"), q.c.n)


def _count_and_facets(session: Session, where: list[ColumnElement[bool]], base: list[ColumnElement[bool]],
                      facet_conds: dict[str, ColumnElement[bool]]) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """The total and every facet in one round trip (UNION ALL); each facet ignores its own filter."""
    total: Any = select(literal_column("'_count'").label("facet"), cast(null(), Text).label("value"),
                   func.count().label("n")).select_from(Dataset).where(*where)
    parts = [total] + [_facet_query(name, base + [c for k, c in facet_conds.items() if k != name]) for name in FACETS]
    facets: dict[str, list[dict[str, Any]]] = {name: [] for name in FACETS}
    count = 0
    for facet, value, n in session.execute(union_all(*parts)):
        if facet == "_count":
            count = int(n)
        else:
            facets[facet].append({"value": value if value is not None else NO_STANDARD, "count": int(n)})
    for items in facets.values():
        items.sort(key=lambda x: (-x["count"], x["value"]))
    return count, facets

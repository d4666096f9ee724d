"""Dataset search: Japanese full text, facets, sorting and keyset pagination.

Text: every dataset's title, description, keywords, themes, publisher, standard and column names are
normalised (``textnorm.normalize``: NFKC, casefold, hiragana → katakana) into ``dataset_search``; the
query goes through the same function, so 避難 finds 指定緊急避難場所一覧 and ﾄｲﾚ finds 公衆トイレ一覧.
Each whitespace-separated term must occur (AND), as a substring:

* SQLite: terms of 3+ characters use the FTS5 trigram index (``dataset_fts MATCH``); 2-character terms
  (Japanese words often are: 避難, 公園) a second FTS5 table whose tokens are the text's bigrams
  (``dataset_fts2``); single characters and terms with punctuation a LIKE over the normalised text.
* PostgreSQL: LIKE over the normalised text, served by a pg_trgm GIN index when the extension could be
  created (no superuser needed since PostgreSQL 13), by a sequential scan otherwise.

Relevance (the default order with a query): 10 per term found in the title, 5 per term in a keyword,
plus 1; ties by 管理ID.

Facets and facet filters read the narrow ``dataset_facets`` table (one row per published dataset and
value, never the wide ``datasets`` rows).  Counts are disjunctive: the counts of one facet ignore that
facet's own selection, so choosing 危機管理課 still shows how many datasets the other departments have.
Facets without a selection of their own share one grouped query; each selected facet adds one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import case, delete, func, insert, literal, select, text, union_all
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.elements import ColumnElement

import schemas

from .models import Dataset, DatasetFacet, DatasetSearch, Distribution, Organization, Version
from .paging import InvalidCursor, after, decode_cursor, encode_cursor, query_hash
from .textnorm import bigrams, is_bigram_term, normalize, terms

FACETS = ("organization", "tag", "theme", "standard", "format", "license")
FACET_LIMIT = 50
SORTS = ("relevance", "title", "-title", "modified", "-modified", "issued", "-issued", "id", "-id")
NO_STANDARD = "none"
#: distribution kind -> format facet value (csv-bom is CSV too; the original is not a published format)
KIND_FORMATS = {"csv": "CSV", "json": "JSON", "geojson": "GeoJSON", "datapackage": "Data Package"}


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


def facet_rows(ds: Dataset, kinds: Sequence[str]) -> list[dict[str, str]]:
    """The ``dataset_facets`` rows of a published dataset (``kinds``: its current version's distributions)."""
    vals: dict[tuple[str, str], None] = {("all", ""): None, ("organization", ds.organization_id): None,
                                         ("standard", ds.standard or NO_STANDARD): None, ("license", ds.license): None}
    for k in ds.keywords or []:
        vals[("tag", k[:200])] = None
    for t in ds.themes or []:
        vals[("theme", t[:200])] = None
    for kind in kinds:
        if kind in KIND_FORMATS:
            vals[("format", KIND_FORMATS[kind])] = None
    return [{"dataset_id": ds.id, "facet": f, "value": v} for f, v in vals]


def reindex(session: Session, ds: Dataset) -> None:
    """Refresh the search text and the facet rows of one dataset.  Call it after any change to a dataset's
    metadata, state or current version (``Store`` does; the staff flow must too, e.g. when unpublishing)."""
    org = session.get(Organization, ds.organization_id)
    cols: list[str] = []
    kinds: list[str] = []
    if ds.current_version_id:
        v = session.get(Version, ds.current_version_id)
        if v is not None:
            cols = [c["name"] for c in v.columns]
            kinds = list(session.scalars(select(Distribution.kind).where(Distribution.version_id == v.id)))
    title, kw, body = search_text(ds, org, cols)
    row = session.get(DatasetSearch, ds.id)
    if row is None:
        session.add(DatasetSearch(dataset_id=ds.id, title=title, keywords=kw, body=body))
    else:
        row.title, row.keywords, row.body = title, kw, body
    session.flush()
    session.execute(delete(DatasetFacet).where(DatasetFacet.dataset_id == ds.id))
    if ds.state == "published":
        session.execute(insert(DatasetFacet), facet_rows(ds, kinds))
    if session.get_bind().dialect.name == "sqlite":
        for table, content in (("dataset_fts", body), ("dataset_fts2", bigrams(body))):
            session.execute(text(f"DELETE FROM {table} WHERE dataset_id = :id"), {"id": ds.id})
            session.execute(text(f"INSERT INTO {table} (dataset_id, body) VALUES (:id, :body)"),
                            {"id": ds.id, "body": content})


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


def _text_subqueries(session: Session, ts: list[str]) -> list[Any]:
    """One subquery of matching dataset ids per condition (all must hold)."""
    out: list[Any] = []
    sqlite = session.get_bind().dialect.name == "sqlite"
    long_terms = [t for t in ts if len(t) >= 3] if sqlite else []
    short_terms = [t for t in ts if is_bigram_term(t)] if sqlite else []
    if long_terms:
        q = " ".join(_fts_phrase(t) for t in long_terms)
        out.append(select(text("dataset_id")).select_from(text("dataset_fts"))
                   .where(text("dataset_fts MATCH :fts").bindparams(fts=q)))
    if short_terms:
        q = " ".join(_fts_phrase(t) for t in short_terms)
        out.append(select(text("dataset_id")).select_from(text("dataset_fts2"))
                   .where(text("dataset_fts2 MATCH :fts2").bindparams(fts2=q)))
    for t in ts:
        if t not in long_terms and t not in short_terms:
            out.append(select(DatasetSearch.dataset_id).where(DatasetSearch.body.like(_like(t), escape="\\")))
    return out


def _facet_subquery(name: str, values: list[str]) -> Any:
    """Ids of the datasets having one of ``values`` for facet ``name`` (OR within a facet)."""
    return select(DatasetFacet.dataset_id).where(DatasetFacet.facet == name, DatasetFacet.value.in_(values))


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
    text_sq = _text_subqueries(session, ts)
    facet_sq = {k: _facet_subquery(k, v) for k, v in p.filters.items() if v}
    where: list[ColumnElement[bool]] = [Dataset.state == "published",
                                        *[Dataset.id.in_(sq) for sq in [*text_sq, *facet_sq.values()]]]

    score = _score(ts) if ts else None
    keys = _sort_keys(sort, score)
    qh = query_hash(p.canonical())
    # 1. the page as narrow rows (id and sort keys only: sorting thousands of matches stays cheap)
    q: Any = select(*[k.label(f"k{i}") for i, (k, _) in enumerate(keys)], Dataset.id.label("_id"))
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
    rows = session.execute(q).all()
    more = len(rows) > p.limit
    rows = rows[: p.limit]
    # 2. the datasets of the page, with their current version and distributions
    ids = [r._id for r in rows]
    loaded = {d.id: d for d in session.scalars(
        select(Dataset).where(Dataset.id.in_(ids))
        .options(selectinload(Dataset.current_version).selectinload(Version.distributions)))} if ids else {}
    datasets = [loaded[i] for i in ids]
    scores = {r._id: int(r.k0) for r in rows} if score is not None else {}
    nxt = None
    if more and rows:
        vals = [v.isoformat() if isinstance(v, dt.date) else v for v in tuple(rows[-1])[:len(keys)]]
        nxt = encode_cursor(sort, vals, qh)
    count, facets = _count_and_facets(session, text_sq, facet_sq)
    return SearchPage(datasets, int(count), nxt, facets, sort, scores)


def _count_and_facets(session: Session, text_sq: list[Any],
                      facet_sq: dict[str, Any]) -> tuple[int, dict[str, list[dict[str, Any]]]]:
    """The total and every facet in one round trip over ``dataset_facets`` (UNION ALL of grouped queries:
    one for the total and the facets without a selection, one per selected facet)."""
    def grouped(names: list[str], sqs: list[Any]) -> Any:
        return (select(DatasetFacet.facet, DatasetFacet.value, func.count().label("n"))
                .where(DatasetFacet.facet.in_(names), *[DatasetFacet.dataset_id.in_(sq) for sq in sqs])
                .group_by(DatasetFacet.facet, DatasetFacet.value))

    free = ["all"] + [f for f in FACETS if f not in facet_sq]
    parts = [grouped(free, text_sq + list(facet_sq.values()))]
    for name in facet_sq:
        parts.append(grouped([name], text_sq + [sq for k, sq in facet_sq.items() if k != name]))
    facets: dict[str, list[dict[str, Any]]] = {name: [] for name in FACETS}
    count = 0
    stmt: Any = union_all(*parts) if len(parts) > 1 else parts[0]
    for facet, value, n in session.execute(stmt):
        if facet == "all":
            count = int(n)
        else:
            facets[facet].append({"value": value, "count": int(n)})
    for items in facets.values():
        items.sort(key=lambda x: (-x["count"], x["value"]))
        del items[FACET_LIMIT:]
    return count, facets

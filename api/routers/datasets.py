"""Dataset search and metadata: ``GET /api/v1/datasets``, ``GET /api/v1/datasets/{id}`` (JSON, DCAT JSON-LD,
Turtle, RDF/XML, schema.org), organizations."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from opendata.metadata import dcat, schemaorg
from opendata.metadata.record import dataset_record, organization_record, standard_record
from opendata.metadata.vocab import LICENCES
from opendata.store import Dataset, Organization
from opendata.store.search import FACETS, SORTS, SearchError, SearchParams, search

from .. import examples
from ..deps import cached_response, get_dataset, json_response, links, store
from ..errors import ApiError, responses

router = APIRouter(prefix="/api/v1", tags=["datasets"])

DEFAULT_LIMIT, MAX_LIMIT = 20, 100

FORMAT_MEDIA = {
    "json": "application/json",
    "jsonld": "application/ld+json",
    "ttl": "text/turtle; charset=utf-8",
    "rdf": "application/rdf+xml",
    "schemaorg": "application/ld+json",
}
FORMAT_ALIASES = {"dcat": "jsonld", "json-ld": "jsonld", "turtle": "ttl", "xml": "rdf", "schema.org": "schemaorg"}


def _facet_labels(s: Any, facets: dict[str, list[dict[str, Any]]], lk: Any) -> dict[str, list[dict[str, Any]]]:
    orgs = {o.id: o for o in s.scalars(select(Organization))}
    for name, items in facets.items():
        for it in items:
            v = it["value"]
            ja = en = v
            if name == "organization" and v in orgs:
                ja, en = orgs[v].name, orgs[v].name_en or orgs[v].name
            elif name == "license" and v in LICENCES:
                ja, en = LICENCES[v].title_ja, LICENCES[v].title_en
            elif name == "standard":
                if v == "none":
                    ja, en = "標準なし（市独自）", "no standard (city's own schema)"
                else:
                    rec = standard_record(v, lk)
                    ja = f"{rec['name_ja']}（{rec['generation']}）" if rec and rec.get("generation") else v
            it["label_ja"], it["label_en"] = ja, en
    return facets


@router.get(
    "/datasets",
    summary="データセットの検索 / search datasets",
    description=(
        "全文検索（日本語対応: 全角・半角、ひらがな・カタカナ、大文字・小文字の違いを無視。空白で区切った語はすべて含むもの）、"
        "絞り込み（facet）、並べ替え、キーセット方式のページ送り。\n\n"
        "Full-text search that works in Japanese (full/half width, hiragana/katakana and case are ignored; "
        "whitespace-separated terms must all occur), facet filters (repeat a parameter for OR: "
        "`?organization=kikikanri&organization=johoseisaku`), sorting and keyset pagination: follow `next_url` "
        f"(or pass `cursor=<next>`) until `next` is null. `limit`: default {DEFAULT_LIMIT}, maximum {MAX_LIMIT}. "
        "Facet counts are disjunctive (a facet's counts ignore its own selection); up to 50 values per facet."),
    responses={200: {"content": {"application/json": {"example": examples.SEARCH}}}, **responses(400, 422)},
)
def list_datasets(
    request: Request,
    q: Annotated[str, Query(description="検索語 / search terms, e.g. `避難` or `ﾄｲﾚ`", max_length=200,
                            openapi_examples={"japanese": {"summary": "避難", "value": "避難"},
                                              "halfwidth": {"summary": "半角カナ ﾄｲﾚ", "value": "ﾄｲﾚ"}})] = "",
    organization: Annotated[list[str] | None, Query(description="担当課のid / organization id")] = None,
    tag: Annotated[list[str] | None, Query(description="キーワード / keyword")] = None,
    theme: Annotated[list[str] | None, Query(description="テーマ / theme")] = None,
    standard: Annotated[list[str] | None, Query(description="準拠する標準 (e.g. `2021/aed`; `none` = 標準なし)")] = None,
    format: Annotated[list[str] | None, Query(description="配布形式 / format: CSV, JSON, GeoJSON, Data Package")] = None,
    license: Annotated[list[str] | None, Query(description="ライセンス / licence id: " + ", ".join(LICENCES))] = None,
    sort: Annotated[str | None, Query(description="並べ替え / sort: " + ", ".join(SORTS) +
                                      " (default: relevance with `q`, else -modified)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"1ページの件数 / page size (≤ {MAX_LIMIT})")] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="前のページの `next` / the previous page's `next`")] = None,
) -> Response:
    filters = {k: v for k, v in {"organization": organization, "tag": tag, "theme": theme, "standard": standard,
                                 "format": format, "license": license}.items() if v}
    params = SearchParams(q=q, filters=filters, sort=sort, limit=limit, cursor=cursor)
    lk = links(request)
    with store(request).Session() as s:
        try:
            page = search(s, params)
        except SearchError as e:
            raise ApiError(400, e.code, e.message_ja, e.message_en, e.details) from None
        results = []
        for ds in page.datasets:
            rec = dataset_record(ds, lk, full=False)
            if page.scores:
                rec["score"] = page.scores.get(ds.id)
            results.append(rec)
        facets = _facet_labels(s, page.facets, lk)
    next_url = None
    if page.next:
        qs = [(k, x) for k, x in request.query_params.multi_items() if k != "cursor"] + [("cursor", page.next)]
        next_url = f"{lk.base}/api/v1/datasets?{urlencode(qs)}"
    data = {"count": page.count, "limit": limit, "sort": page.sort, "query": {"q": q, "filters": filters},
            "results": results, "facets": {k: facets[k] for k in FACETS}, "next": page.next, "next_url": next_url}
    return json_response(request, data, max_age=30)


def _negotiate(request: Request, fmt: str | None) -> str:
    if fmt:
        f = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        if f not in FORMAT_MEDIA:
            raise ApiError(400, "unsupported-format", f"形式「{fmt}」には対応していません。使える値: {', '.join(FORMAT_MEDIA)}。",
                           f"unsupported format {fmt!r}; use one of {', '.join(FORMAT_MEDIA)}",
                           {"allowed": list(FORMAT_MEDIA)})
        return f
    accept = request.headers.get("accept", "").lower()
    best = ("json", 0.0)
    for part in accept.split(","):
        bits = [b.strip() for b in part.split(";")]
        mt, qv = bits[0], 1.0
        params = {b.split("=", 1)[0]: b.split("=", 1)[1].strip('"') for b in bits[1:] if "=" in b}
        try:
            qv = float(params.get("q", "1"))
        except ValueError:
            qv = 0.0
        cand = None
        if mt == "text/turtle":
            cand = "ttl"
        elif mt == "application/rdf+xml":
            cand = "rdf"
        elif mt == "application/ld+json":
            cand = "schemaorg" if "schema.org" in params.get("profile", "") else "jsonld"
        elif mt in ("application/json", "*/*", "application/*"):
            cand = "json"
        if cand and qv > best[1]:
            best = (cand, qv)
    return best[0]


@router.get(
    "/datasets/{dataset_id}",
    summary="データセットのメタデータ / dataset metadata (JSON, DCAT, schema.org)",
    description=(
        "`?format=json` (default) | `jsonld` (DCAT, DCAT-GoJ fields) | `ttl` (DCAT Turtle) | `rdf` (DCAT RDF/XML) | "
        "`schemaorg` (schema.org Dataset JSON-LD). Without `format`, the Accept header decides: `text/turtle`, "
        "`application/rdf+xml`, `application/ld+json` (DCAT) or `application/ld+json; profile=\"https://schema.org\"`. "
        "The dataset URI is this URL, so it dereferences to RDF."),
    responses={200: {"content": {"application/json": {"example": examples.DATASET},
                                 "application/ld+json": {"example": {"@context": {"dcat": "http://www.w3.org/ns/dcat#"},
                                                                     "@id": examples.BASE, "@type": "dcat:Dataset"}},
                                 "text/turtle": {"example": f"<{examples.BASE}> a dcat:Dataset ;\n"
                                                            "    dct:title \"指定緊急避難場所一覧\"@ja ."}}},
               **responses(400, 404)},
)
def get_dataset_metadata(
    request: Request, dataset_id: str,
    format: Annotated[str | None, Query(description="json | jsonld | ttl | rdf | schemaorg")] = None,
) -> Response:
    fmt = _negotiate(request, format)
    lk = links(request)
    with store(request).Session() as s:
        ds = get_dataset(s, dataset_id)
        rec = dataset_record(ds, lk)
    vary = {"Vary": "Accept"}
    if fmt == "json":
        return json_response(request, rec, headers=vary)
    if fmt == "schemaorg":
        return json_response(request, schemaorg.dataset(rec, lk), media_type=FORMAT_MEDIA[fmt], headers=vary)
    g = dcat.dataset_graph(rec, lk)
    text = dcat.serialize(g, {"jsonld": "jsonld", "ttl": "ttl", "rdf": "xml"}[fmt])
    return cached_response(request, text, FORMAT_MEDIA[fmt], headers=vary)


@router.get("/organizations", tags=["organizations"], summary="担当課の一覧 / organizations",
            responses={200: {"content": {"application/json": {"example": {"results": [
                {"id": "kikikanri", "name": "危機管理課", "name_en": "Crisis Management Division", "datasets": 3}]}}}}})
def list_organizations(request: Request) -> Response:
    lk = links(request)
    with store(request).Session() as s:
        counts = dict(s.execute(select(Dataset.organization_id, func.count()).where(Dataset.state == "published")
                                .group_by(Dataset.organization_id)).all())
        orgs = [{**organization_record(o, lk), "datasets": int(counts.get(o.id, 0)),
                 "datasets_url": f"{lk.base}/api/v1/datasets?{urlencode({'organization': o.id})}"}
                for o in s.scalars(select(Organization).order_by(Organization.id))]
    return json_response(request, {"results": orgs})


@router.get("/organizations/{org_id}", tags=["organizations"], summary="担当課 / one organization",
            responses={200: {"content": {"application/json": {"example": {
                "id": "kikikanri", "name": "危機管理課", "name_en": "Crisis Management Division", "datasets": 3}}}},
                **responses(404)})
def get_organization(request: Request, org_id: str) -> Response:
    lk = links(request)
    with store(request).Session() as s:
        o = s.get(Organization, org_id)
        if o is None:
            raise ApiError(404, "organization-not-found", f"担当課「{org_id}」は見つかりません。",
                           f"organization {org_id!r} not found")
        n = s.scalar(select(func.count()).select_from(Dataset).where(Dataset.organization_id == org_id,
                                                                      Dataset.state == "published"))
        rec = {**organization_record(o, lk), "datasets": int(n or 0),
               "datasets_url": f"{lk.base}/api/v1/datasets?{urlencode({'organization': o.id})}"}
    return json_response(request, rec)

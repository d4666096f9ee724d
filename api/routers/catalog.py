"""The whole catalogue as DCAT: ``/catalog.jsonld``, ``/catalog.ttl``, ``/catalog.rdf`` (paged by 500 datasets,
hydra:PagedCollection as ckanext-dcat does).  Serialisations are cached until the catalogue changes."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from opendata.metadata import dcat
from opendata.metadata.record import dataset_record
from opendata.store import Dataset, Organization, Version

from ..deps import cached_response, links, store
from ..errors import ApiError, responses

router = APIRouter(tags=["catalog"])

PAGE_SIZE = 500
MEDIA = {"jsonld": "application/ld+json", "ttl": "text/turtle; charset=utf-8", "rdf": "application/rdf+xml"}
_lock = threading.Lock()


def _cache(request: Request) -> OrderedDict[tuple[Any, ...], str]:
    """Serialised catalogues of this application, keyed by format, page, base URL and catalogue revision."""
    state = request.app.state
    if not hasattr(state, "catalog_cache"):
        state.catalog_cache = OrderedDict()
    return state.catalog_cache  # type: ignore[no-any-return]


def _revision(s: Any) -> tuple[Any, ...]:
    a = s.execute(select(func.count(), func.max(Dataset.updated_at)).select_from(Dataset)).one()
    b = s.scalar(select(func.max(Version.id)))
    c = s.scalar(select(func.max(Organization.updated_at)))
    return (a[0], str(a[1]), b, str(c))


def _catalog(request: Request, ext: str, page: int) -> Response:
    lk = links(request)
    with store(request).Session() as s:
        key = (ext, page, lk.base, _revision(s))
        cache = _cache(request)
        with _lock:
            text = cache.get(key)
        if text is None:
            total = s.scalar(select(func.count()).select_from(Dataset).where(Dataset.state == "published")) or 0
            pages = max(1, math.ceil(total / PAGE_SIZE))
            if page > pages:
                raise ApiError(404, "page-not-found", f"カタログは{pages}ページまでです。", f"the catalogue has {pages} page(s)",
                               {"pages": pages})
            dss = s.scalars(select(Dataset).where(Dataset.state == "published").order_by(Dataset.id)
                            .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)
                            .options(selectinload(Dataset.current_version).selectinload(Version.distributions))).all()
            g = dcat.catalog_graph((dataset_record(d, lk) for d in dss), lk, page=page, pages=pages,
                                   per_page=PAGE_SIZE, total=total)
            text = dcat.serialize(g, {"jsonld": "jsonld", "ttl": "ttl", "rdf": "xml"}[ext])
            with _lock:
                cache[key] = text
                while len(cache) > 16:
                    cache.popitem(last=False)
    return cached_response(request, text, MEDIA[ext], max_age=300)


PAGE = Annotated[int, Query(ge=1, description=f"ページ / page ({PAGE_SIZE} datasets per page)")]
EX_TTL = "<http://127.0.0.1:8000/catalog> a dcat:Catalog ;\n    dcat:dataset <http://127.0.0.1:8000/api/v1/datasets/aed> ."


@router.get("/catalog.jsonld", summary="カタログ全体（DCAT JSON-LD）/ the whole catalogue as DCAT JSON-LD",
            responses={200: {"content": {"application/ld+json": {"example": {"@id": "http://127.0.0.1:8000/catalog",
                                                                             "@type": "dcat:Catalog"}}}}, **responses(404, 422)})
def catalog_jsonld(request: Request, page: PAGE = 1) -> Response:
    return _catalog(request, "jsonld", page)


@router.get("/catalog.ttl", summary="カタログ全体（DCAT Turtle）/ the whole catalogue as Turtle",
            responses={200: {"content": {"text/turtle": {"example": EX_TTL}}}, **responses(404, 422)})
def catalog_ttl(request: Request, page: PAGE = 1) -> Response:
    return _catalog(request, "ttl", page)


@router.get("/catalog.rdf", summary="カタログ全体（DCAT RDF/XML）/ the whole catalogue as RDF/XML",
            responses={200: {"content": {"application/rdf+xml": {"example": "<rdf:RDF …>"}}}, **responses(404, 422)})
def catalog_rdf(request: Request, page: PAGE = 1) -> Response:
    return _catalog(request, "rdf", page)

"""The data of a dataset, filtered and paged, in Datasette-like shapes: ``GET /api/v1/datasets/{id}/rows``."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from opendata.store import rows_spec
from opendata.store.rows import OPS, RowQueryError, parse_filters, query_rows

from .. import examples
from ..deps import get_dataset, get_version, json_response, links, store
from ..errors import ApiError, responses

router = APIRouter(prefix="/api/v1/datasets/{dataset_id}", tags=["rows"])

DEFAULT_SIZE, MAX_SIZE = 100, 1000

DESCRIPTION = (
    "列の条件で絞り込み・並べ替え・ページ送り（Datasette と同じ形）。\n\n"
    "Filters are query parameters named after a column: `?名称=鳥取市役所` (exact), `?名称__contains=公園`, "
    "`?想定収容人数__gte=100`, `?ID__in=1,2,3`, `?備考__isblank=1`. Operators: "
    + ", ".join(f"`{k}` ({v})" for k, v in OPS.items()) +
    ". Range operators compare numbers for integer/number columns and text (code-point order, so ISO dates and "
    "hh:mm times work) otherwise; `contains`/`startswith`/`endswith` ignore ASCII case. Several filters combine "
    f"with AND. Options start with `_`: `_sort` / `_sort_desc` (a column; blanks sort last), `_size` (default "
    f"{DEFAULT_SIZE}, max {MAX_SIZE}), `_next` (the previous page's `next`), `_version` (default: current), "
    "`_shape` (`objects` or `arrays`). Each row has `_row`, its position in the file (1 = first data row). "
    "Values are typed from the Table Schema (numbers as numbers, blank as null).")


@router.get("/rows", summary="データの行（絞り込み・並べ替え・ページ送り）/ rows with filters, sort, pagination",
            description=DESCRIPTION,
            responses={200: {"content": {"application/json": {"example": examples.ROWS}}}, **responses(400, 404, 422)})
def get_rows(
    request: Request, dataset_id: str,
    sort: Annotated[str | None, Query(alias="_sort", description="昇順に並べる列 / sort ascending by column")] = None,
    sort_desc: Annotated[str | None, Query(alias="_sort_desc", description="降順 / sort descending")] = None,
    size: Annotated[int, Query(alias="_size", ge=1, le=MAX_SIZE, description=f"件数 / page size (≤ {MAX_SIZE})")] = DEFAULT_SIZE,
    next_: Annotated[str | None, Query(alias="_next", description="前のページの next / cursor")] = None,
    version: Annotated[int | None, Query(alias="_version", ge=1, description="版 / version number")] = None,
    shape: Annotated[str, Query(alias="_shape", pattern="^(objects|arrays)$", description="objects | arrays")] = "objects",
) -> Response:
    if sort and sort_desc:
        raise ApiError(400, "invalid-sort", "_sort と _sort_desc は同時に指定できません。", "use _sort or _sort_desc, not both")
    lk = links(request)
    with store(request).Session() as s:
        ds = get_dataset(s, dataset_id)
        v = get_version(s, ds, version)
        spec = rows_spec(v)
        try:
            filters = parse_filters(request.query_params.multi_items(), spec.names)
            page = query_rows(s.connection(), spec, filters=filters, sort=sort or sort_desc, desc=bool(sort_desc),
                              limit=size, cursor=next_)
        except RowQueryError as e:
            raise ApiError(400, e.code, e.message_ja, e.message_en, e.details) from None
    rows: list = page.rows
    if shape == "arrays":
        rows = [[r["_row"], *[r[n] for n in spec.names]] for r in page.rows]
    next_url = None
    if page.next:
        qs = [(k, x) for k, x in request.query_params.multi_items() if k != "_next"] + [("_next", page.next)]
        next_url = f"{lk.rows(ds.id)}?{urlencode(qs)}"
    data = {"dataset": ds.id, "version": v.number, "sample": ds.sample,
            "columns": (["_row"] if shape == "arrays" else []) + spec.names,
            "rows": rows, "count": page.count, "total_rows": spec.row_count, "limit": size,
            "filters": [f.to_dict() for f in page.filters],
            "sort": ({"column": sort or sort_desc, "desc": bool(sort_desc)} if (sort or sort_desc) else None),
            "next": page.next, "next_url": next_url}
    return json_response(request, data, max_age=60 if version is None else 3600)

"""Benchmarks of the catalogue API against a real uvicorn server (``make bench`` runs them via run_all.py).

    python bench/bench_api.py prepare search --datasets 10000     # build the store once (cached in bench/out/api)
    python bench/bench_api.py search --datasets 10000             # search latency p50 / p95
    python bench/bench_api.py rows --rows 100000                  # rows endpoint latency
    python bench/bench_api.py download --mib 1024                 # streaming throughput and server memory

Each measurement starts ``uvicorn --factory api.app:create_app`` on a free port with the prepared data
directory, waits for /healthz, sends the requests over HTTP from this process (httpx, one connection,
sequential), stops the server and prints one JSON object: the latencies, the server's RSS (sampled from
/proc during the run, plus its peak VmHWM) and a one-line ``summary`` for docs/performance.md.

Data: ``search`` — N synthetic datasets with Japanese titles, descriptions, keywords, 20 departments,
standards, licences and one version each (bulk-inserted through the store's own search indexing code);
``rows`` and ``download`` — the fire-hydrant generator's CSV (bench/gen_fire_hydrant.py) published with
``Store.publish_version`` (rows table, JSON, GeoJSON, BOM CSV, datapackage, as in production).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "api"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PREP_VERSION = 3


# --- data ---------------------------------------------------------------------------------------------
def _dir(kind: str, size: int) -> Path:
    return OUT / f"{kind}-{size}"


def _ready(d: Path, params: dict[str, Any]) -> bool:
    f = d / "params.json"
    return f.is_file() and json.loads(f.read_text()) == params


def _settings(d: Path) -> Any:
    from opendata.store import Settings

    return Settings(database_url=f"sqlite:///{d / 'opendata.sqlite3'}", data_dir=d)


AREAS = ["鳥取", "国府町", "福部町", "河原町", "用瀬町", "佐治町", "気高町", "鹿野町", "青谷町", "湖山", "美保", "城北", "醇風",
         "遷喜", "日進", "久松", "富桑", "稲葉山", "米里", "倉田", "津ノ井", "大正", "明徳", "宮ノ下", "末恒", "大和", "松保"]
TOPICS = [("指定緊急避難場所一覧", "防災"), ("指定避難所一覧", "防災"), ("公衆トイレ一覧", "生活"), ("AED設置箇所一覧", "健康・福祉"),
          ("地域・年齢別人口", "行政"), ("都市公園一覧", "生活"), ("観光施設一覧", "観光"), ("イベント一覧", "観光"),
          ("消防水利施設一覧", "防災"), ("子育て施設一覧", "子育て"), ("介護サービス事業所一覧", "健康・福祉"),
          ("公衆無線LANアクセスポイント一覧", "生活"), ("文化財一覧", "文化"), ("医療機関一覧", "健康・福祉"),
          ("ごみ収集日一覧", "生活"), ("投票所一覧", "行政"), ("駐輪場一覧", "交通"), ("バス停留所一覧", "交通")]
KEYWORDS = ["防災", "避難", "トイレ", "バリアフリー", "観光", "人口", "統計", "子育て", "健康", "公園", "地図", "交通", "ごみ",
            "福祉", "医療", "文化", "教育", "選挙", "スポーツ", "環境"]
STANDARDS = ["2021/aed", "2021/evacuation_space", "2021/public_toilet", "2021/population", "2021/tourism",
             "2026/aed", "2026/public_toilet", "2026/fire_hydrant", None]
LICENCES = ["CC-BY-4.0", "CC-BY-4.0", "CC-BY-4.0", "PDL-1.0", "GSTOU-2.0", "CC0-1.0"]


def prepare_search(n: int) -> Path:
    """N datasets, bulk-inserted (publishing 10,000 files one by one would measure the build, not search)."""
    import datetime as dt

    from sqlalchemy import insert, text

    from opendata.store import Dataset, DatasetFacet, DatasetSearch, Distribution, Store, StoredFile, Version
    from opendata.store.meta import OrganizationMeta
    from opendata.store.models import utcnow
    from opendata.store.search import facet_rows, search_text
    from opendata.store.textnorm import bigrams

    d = _dir("search", n)
    params = {"v": PREP_VERSION, "datasets": n}
    if _ready(d, params):
        return d
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    st = Store(_settings(d))
    st.migrate()
    orgs = []
    for i in range(20):
        m = OrganizationMeta(f"dept{i:02d}", f"{['危機管理', '情報政策', '生活環境', '保健医療', '観光戦略'][i % 5]}課{i // 5 + 1}",
                             f"Division {i}", f"dept{i:02d}@city.tottori.lg.jp")
        st.upsert_organization(m)
        orgs.append(m)
    blob = st.files.put_bytes("ID,名称,緯度,経度\r\n1,鳥取市役所,35.4952,134.2270\r\n".encode())
    rnd = random.Random(312011)
    now = utcnow()
    t0 = time.perf_counter()
    with st.session() as s:
        s.execute(insert(StoredFile).values(sha256=blob.sha256, size=blob.size, created_at=now))
        ds_rows, facets, searches, versions, dists, fts = [], [], [], [], [], []
        for i in range(n):
            topic, theme = TOPICS[i % len(TOPICS)]
            area = AREAS[rnd.randrange(len(AREAS))]
            title = f"{area}地区 {topic}（{2015 + i % 11}年度）"
            kws = rnd.sample(KEYWORDS, 3)
            org = orgs[rnd.randrange(len(orgs))]
            issued = dt.date(2015, 1, 1) + dt.timedelta(days=rnd.randrange(4000))
            ds = Dataset(id=f"ds-{i:05d}", title=title, description=f"{area}地区の{topic}です。{org.name}が毎年更新します。"
                         "位置情報（緯度・経度）と所在地、利用できる時間を掲載しています。", organization_id=org.id,
                         standard=STANDARDS[i % len(STANDARDS)], keywords=kws, themes=[theme], spatial="鳥取県鳥取市",
                         license=LICENCES[rnd.randrange(len(LICENCES))], issued=issued,
                         modified=issued + dt.timedelta(days=rnd.randrange(300)), sample=True, publisher_code="312011",
                         extra={}, origin="catalogue", state="published", current_version_id=i + 1,
                         created_at=now, updated_at=now)
            ds_rows.append({c.key: getattr(ds, c.key) for c in Dataset.__table__.columns})
            org_obj = type("O", (), {"name": org.name, "name_en": org.name_en})()
            tt, kk, body = search_text(ds, org_obj, ["ID", "名称", "緯度", "経度"])  # type: ignore[arg-type]
            searches.append({"dataset_id": ds.id, "title": tt, "keywords": kk, "body": body})
            fts.append({"id": ds.id, "body": body})
            versions.append({"id": i + 1, "dataset_id": ds.id, "number": 1, "created_at": now, "csv_sha256": blob.sha256,
                             "status": "valid", "valid": True, "error_count": 0, "warning_count": 0, "issue_count": 0,
                             "row_count": 1, "columns": [{"name": "ID", "type": "string", "numeric": False}],
                             "schema_id": ds.standard})
            kinds = ["csv", "csv-bom", "json", "datapackage"] + (["geojson"] if i % 3 else [])
            facets += facet_rows(ds, kinds)
            fmts = {"csv": "CSV", "csv-bom": "CSV", "json": "JSON", "datapackage": "Data Package", "geojson": "GeoJSON"}
            for pos, k in enumerate(kinds):
                dists.append({"version_id": i + 1, "dataset_id": ds.id, "kind": k, "position": pos, "format": fmts[k],
                              "media_type": "text/csv", "encoding": "UTF-8", "file_name": f"{ds.id}-{k}",
                              "sha256": blob.sha256, "byte_size": blob.size, "license": ds.license, "title_ja": k,
                              "title_en": k, "created_at": now})
        s.execute(insert(Dataset), [{**r, "current_version_id": None} for r in ds_rows])
        s.execute(insert(Version), versions)
        s.execute(text("UPDATE datasets SET current_version_id = CAST(substr(id, 4) AS INTEGER) + 1"))
        s.execute(insert(Distribution), dists)
        s.execute(insert(DatasetFacet), facets)
        s.execute(insert(DatasetSearch), searches)
        s.execute(text("INSERT INTO dataset_fts (dataset_id, body) VALUES (:id, :body)"), fts)
        s.execute(text("INSERT INTO dataset_fts2 (dataset_id, body) VALUES (:id, :body)"),
                  [{"id": x["id"], "body": bigrams(x["body"])} for x in fts])
    with st.engine.begin() as c:
        c.exec_driver_sql("ANALYZE")
    st.close()
    (d / "params.json").write_text(json.dumps(params))
    print(f"  prepared {n:,} datasets in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return d


def prepare_csv(kind: str, rows: int) -> Path:
    """A fire-hydrant CSV of ``rows`` rows published as dataset ``fire-hydrant``."""
    import gen_fire_hydrant

    from opendata.store import DatasetMeta, OrganizationMeta, Store

    d = _dir(kind, rows)
    params = {"v": PREP_VERSION, "rows": rows, "gen": (ROOT / "bench" / "gen_fire_hydrant.py").stat().st_size}
    if _ready(d, params):
        return d
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    t0 = time.perf_counter()
    csv_path = gen_fire_hydrant.write(rows, d / "src" / "312011_fire_hydrant.csv")
    st = Store(_settings(d))
    st.migrate()
    st.upsert_organization(OrganizationMeta("shobo", "消防局", "Fire Department"))
    st.upsert_dataset(DatasetMeta.from_mapping("fire-hydrant", {
        "title": "消防水利施設一覧", "description": "消火栓・防火水そうの位置（ベンチマーク用の生成データ）",
        "organization": "shobo", "standard": "2026/fire_hydrant", "sample": True}))
    st.publish_version("fire-hydrant", None, csv_path)
    st.close()
    csv_path.unlink()
    (d / "params.json").write_text(json.dumps(params))
    print(f"  prepared {rows:,} rows in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    return d


def rows_for_mib(mib: int) -> int:
    """Rows of the fire-hydrant CSV for about ``mib`` MiB (measured on a sample)."""
    import io

    import gen_fire_hydrant

    buf = io.StringIO()
    import csv

    csv.writer(buf, lineterminator="\r\n").writerows(gen_fire_hydrant.rows(2000))
    per_row = len(buf.getvalue().encode()) / 2000
    return int(mib * 2**20 / per_row)


# --- server -------------------------------------------------------------------------------------------
class Server:
    def __init__(self, data_dir: Path):
        from opendata.store import Store

        Store(_settings(data_dir)).migrate()     # a store prepared by an older revision gets the new tables
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "OPENDATA_DATA_DIR": str(data_dir),
               "OPENDATA_DATABASE_URL": f"sqlite:///{data_dir / 'opendata.sqlite3'}"}
        self.proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host",
                                      "127.0.0.1", "--port", str(self.port), "--log-level", "warning"], cwd=ROOT, env=env,
                                     stdout=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        self.samples: list[int] = []
        self._stop = threading.Event()
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(self.base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def status(self, key: str) -> int:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])        # KiB
        return 0

    def _sample(self) -> None:
        while not self._stop.is_set():
            try:
                self.samples.append(self.status("VmRSS"))
            except OSError:
                return
            time.sleep(0.05)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def stop(self) -> dict[str, float]:
        self._stop.set()
        hwm = self.status("VmHWM")
        self.proc.send_signal(signal.SIGINT)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        return {"server_rss_peak_mib": round(max(self.samples or [0]) / 1024, 1),
                "server_hwm_mib": round(hwm / 1024, 1)}


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]


def _timed(client: Any, url: str, params: Any = None) -> tuple[float, Any]:
    t = time.perf_counter()
    r = client.get(url, params=params)
    ms = (time.perf_counter() - t) * 1000
    if r.status_code != 200:
        raise SystemExit(f"{url} {params}: HTTP {r.status_code} {r.text[:200]}")
    return ms, r


def _stats(kinds: dict[str, list[float]]) -> dict[str, Any]:
    allv = [x for v in kinds.values() for x in v]
    return {"requests": len(allv), "p50_ms": round(pct(allv, 50), 1), "p95_ms": round(pct(allv, 95), 1),
            "mean_ms": round(statistics.mean(allv), 1),
            "by_kind": {k: {"p50_ms": round(pct(v, 50), 1), "p95_ms": round(pct(v, 95), 1)} for k, v in kinds.items()}}


# --- measurements -------------------------------------------------------------------------------------
def bench_search(n: int, repeat: int) -> dict[str, Any]:

    with Server(prepare_search(n)) as srv:
        return _search(srv, n, repeat)


def _search(srv: Server, n: int, repeat: int) -> dict[str, Any]:
    import httpx

    kinds: dict[str, list[float]] = {}
    queries = {
        "no query (facets only)": {},
        "q=避難 (2 characters)": {"q": "避難"},
        "q=避難所一覧 (trigram)": {"q": "避難所一覧"},
        "q=ﾄｲﾚ (half-width kana)": {"q": "ﾄｲﾚ"},
        "q=公園 + organization + licence": {"q": "公園", "organization": "dept03", "license": "CC-BY-4.0"},
        "tag=防災, sort=title": {"tag": "防災", "sort": "title"},
        "q=鳥取 観光, limit=100": {"q": "鳥取 観光", "limit": 100},
    }
    found = {}
    with httpx.Client(base_url=srv.base, timeout=60) as c:
        for name, p in queries.items():
            _timed(c, "/api/v1/datasets", p)               # warm-up
            for _ in range(repeat):
                ms, r = _timed(c, "/api/v1/datasets", p)
                kinds.setdefault(name, []).append(ms)
            found[name] = r.json()["count"]
        nxt = c.get("/api/v1/datasets", params={"q": "一覧", "limit": 20}).json()["next_url"]
        for _ in range(repeat):
            if not nxt:
                break
            ms, r = _timed(c, nxt)
            kinds.setdefault("next page (cursor)", []).append(ms)
            nxt = r.json()["next_url"]
    mem = srv.stop()
    out = {"datasets": n, **_stats(kinds), "matches": found, **mem}
    out["summary"] = (f"{n:,} datasets, {out['requests']} requests: p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms "
                      f"(slowest kind p95: {max(v['p95_ms'] for v in out['by_kind'].values())} ms); "
                      f"server RSS {mem['server_rss_peak_mib']} MiB")
    return out


def bench_rows(rows: int, repeat: int) -> dict[str, Any]:

    with Server(prepare_csv("rows", rows)) as srv:
        return _rows(srv, rows, repeat)


def _rows(srv: Server, rows: int, repeat: int) -> dict[str, Any]:
    import httpx

    kinds: dict[str, list[float]] = {}
    url = "/api/v1/datasets/fire-hydrant/rows"
    queries = {
        "first page (_size=100)": {},
        "所在地_町字__contains=湖山": {"所在地_町字__contains": "湖山"},
        "口径__gte=100 (numeric)": {"口径__gte": "100"},
        "種別=防火水そう (exact)": {"種別": "防火水そう"},
        "_sort_desc=緯度": {"_sort_desc": "緯度"},
        "ID=<middle row> (unique key)": {"ID": f"FH{rows // 2:07d}"},
    }
    with httpx.Client(base_url=srv.base, timeout=120) as c:
        for name, p in queries.items():
            _timed(c, url, p)
            for _ in range(repeat):
                ms, _r = _timed(c, url, p)
                kinds.setdefault(name, []).append(ms)
        r = c.get(url, params={"_sort": "経度", "_size": 1000}).json()
        for _ in range(repeat):
            if not r["next_url"]:
                break
            ms, resp = _timed(c, r["next_url"])
            kinds.setdefault("next page, _sort=経度 _size=1000", []).append(ms)
            r = resp.json()
    mem = srv.stop()
    out = {"rows": rows, **_stats(kinds), **mem}
    out["summary"] = (f"{rows:,} rows, {out['requests']} requests: p50 {out['p50_ms']} ms, p95 {out['p95_ms']} ms; "
                      + "; ".join(f"{k} p50 {v['p50_ms']} ms" for k, v in out["by_kind"].items()))
    return out


def bench_download(mib: int) -> dict[str, Any]:

    rows = rows_for_mib(mib)
    with Server(prepare_csv("download", rows)) as srv:
        return _download(srv, rows)


def _download(srv: Server, rows: int) -> dict[str, Any]:
    import httpx

    with httpx.Client(base_url=srv.base, timeout=600) as c:
        baseline = srv.status("VmRSS")
        results = {}
        for kind in ("csv", "json"):
            t = time.perf_counter()
            n = 0
            with c.stream("GET", f"/api/v1/datasets/fire-hydrant/download/{kind}") as r:
                size = int(r.headers["content-length"])
                for chunk in r.iter_raw(1 << 20):
                    n += len(chunk)
            secs = time.perf_counter() - t
            if n != size:
                raise SystemExit(f"{kind}: got {n} of {size} bytes")
            results[kind] = {"bytes": n, "seconds": round(secs, 2), "mib_per_s": round(n / 2**20 / secs, 1)}
        half = results["csv"]["bytes"] // 2
        rng = c.get("/api/v1/datasets/fire-hydrant/download/csv", headers={"Range": f"bytes={half}-{half + 999}"})
        if rng.status_code != 206 or len(rng.content) != 1000:
            raise SystemExit(f"Range request: HTTP {rng.status_code}, {len(rng.content)} bytes")
    mem = srv.stop()
    growth = round(mem["server_rss_peak_mib"] - baseline / 1024, 1)
    out = {"rows": rows, "downloads": results, "server_rss_before_mib": round(baseline / 1024, 1),
           "server_rss_growth_mib": growth, **mem}
    csv_r = results["csv"]
    out["summary"] = (f"CSV {csv_r['bytes'] / 2**20:,.0f} MiB ({rows:,} rows) at {csv_r['mib_per_s']} MiB/s, JSON "
                      f"{results['json']['bytes'] / 2**20:,.0f} MiB at {results['json']['mib_per_s']} MiB/s; server RSS "
                      f"{out['server_rss_before_mib']} MiB before, peak {mem['server_rss_peak_mib']} MiB during "
                      f"(+{growth} MiB: flat)")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("search", "rows", "download", "prepare"):
        p = sub.add_parser(name)
        if name == "prepare":
            p.add_argument("what", choices=["search", "rows", "download"])
        p.add_argument("--datasets", type=int, default=10_000)
        p.add_argument("--rows", type=int, default=100_000)
        p.add_argument("--mib", type=int, default=100)
        p.add_argument("--repeat", type=int, default=30)
    a = ap.parse_args()
    if a.cmd == "prepare":
        if a.what == "search":
            prepare_search(a.datasets)
        elif a.what == "rows":
            prepare_csv("rows", a.rows)
        else:
            prepare_csv("download", rows_for_mib(a.mib))
        return
    out = {"search": lambda: bench_search(a.datasets, a.repeat), "rows": lambda: bench_rows(a.rows, a.repeat),
           "download": lambda: bench_download(a.mib)}[a.cmd]()
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

"""The ``opendata`` command (typer).  Japanese first, English beside it; never a traceback.

Exit codes: 0 = OK / valid, 1 = done but problems remain (invalid), 2 = unreadable input or usage error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

# the options of ``opendata convert`` that take a value (kept equal to cli_convert's by a test)
_CONVERT_VALUE_OPTIONS = frozenset({"--dataset", "-d", "--code", "--out", "--save-recipe", "--report", "--schema"})


def _early_prefetch(argv: list[str]) -> None:
    """``opendata convert BOOK.xlsx …``: start parsing the workbook's first sheet now, before typer, rich and the
    converter load (about 0.4 s; converters.readers.excel.prefetch).  Only the plain case: with ``--recipe`` the
    recipe may name another sheet, and cli_convert decides as before."""
    if len(argv) < 3 or argv[1] != "convert" or "--recipe" in argv or any(a.startswith("--recipe=") for a in argv):
        return
    args = iter(argv[2:])
    for a in args:
        if a in _CONVERT_VALUE_OPTIONS:
            next(args, None)
        elif not a.startswith("-"):
            if a.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods")) and os.path.isfile(a):
                from converters.readers.excel import prefetch

                prefetch(a)
            return


_early_prefetch(sys.argv)

import typer  # noqa: E402 - after the prefetch started
from rich.console import Console  # noqa: E402

from . import __version__  # noqa: E402

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None,
    help="鳥取市オープンデータ: 標準データセットの検証・変換・公開 / Validate, convert and publish Japanese municipal open data.",
)
schemas_app = typer.Typer(no_args_is_help=True, help="標準データセットのスキーマ / Standard dataset schemas.")
app.add_typer(schemas_app, name="schemas")

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message_ja: str, message_en: str, code: str = "usage", exit_code: int = 2) -> None:
    err_console.print(f"[bold red]エラー[/]: {message_ja}\n[dim]Error ({code}): {message_en}[/]")
    raise typer.Exit(exit_code)


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="バージョン / show the version")] = False,
) -> None:
    if version:
        console.print(f"opendata {__version__}")
        raise typer.Exit(0)


# --- validate ---------------------------------------------------------------------------------
@app.command("validate")
def validate_cmd(
    file: Annotated[Path, typer.Argument(help="検証するCSVファイル / the CSV file to validate")],
    dataset: Annotated[str | None, typer.Option("--dataset", "-d", help="データセットID（例 2026/public_toilet, aed）/ dataset id")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSONで出力 / print JSON")] = False,
    engine: Annotated[str, typer.Option("--engine", help="auto | fast | frictionless")] = "auto",
    limit: Annotated[int, typer.Option("--limit", help="表示する問題の最大件数 / problems to print")] = 200,
    schema: Annotated[Path | None, typer.Option("--schema", help="標準のないデータセット用の市独自のTable Schema（JSON）")] = None,
) -> None:
    """CSVファイルが標準データセットの形式に合っているか検証します / Validate a CSV file."""
    from .validation import FatalValidationError, validate_file
    from .validation.render import print_report

    if schema is not None:
        import schemas as sch

        try:
            dataset = sch.load_file(schema)
        except (OSError, ValueError) as e:
            fail(f"スキーマ「{schema}」を読めません（{e}）。", f"cannot read schema {schema}: {e}", "schema-invalid")

    if engine not in ("auto", "fast", "frictionless"):
        fail(f"--engine は auto / fast / frictionless のいずれかです（{engine}）", f"unknown engine {engine}")
    try:
        report = validate_file(file, dataset, engine=engine)
    except FatalValidationError as e:
        p = e.problem
        if as_json:
            emit_json({"valid": False, "file": str(file), "error": {"code": p.code, "message_ja": p.message_ja,
                                                                     "message_en": p.message_en}})
            raise typer.Exit(2) from None
        fail(p.message_ja, p.message_en, p.code)
        return
    if as_json:
        emit_json(report.to_dict())
    else:
        print_report(console, report, limit=limit)
    raise typer.Exit(0 if report.valid else 1)


# --- schemas ----------------------------------------------------------------------------------
@schemas_app.command("list")
def schemas_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """標準データセットの一覧（世代・信頼度つき）/ List the standard datasets."""
    from rich.table import Table

    import schemas as sch

    idx = sch.index()
    if as_json:
        emit_json(idx)
        return
    t = Table(title="標準データセット / Standard datasets")
    for col in ("ID", "名称", "世代 / generation", "ファイル名 / file name", "列数", "信頼度 / confidence", "状態 / status"):
        t.add_column(col)
    conf = {"high": "高 high", "medium": "中 medium", "low": "低 low", "unconfirmed": "未確認 unconfirmed"}
    for e in idx["datasets"]:
        t.add_row(e["id"], e["nameJa"], e["generation"], e.get("fileNameExample") or "未確認",
                  str(e.get("columns", "")), conf.get(e.get("confidence", ""), e.get("confidence", "")),
                  "スキーマあり available" if e.get("status") == "available" else "列構成未確認 " + e.get("note", ""))
    console.print(t)


@schemas_app.command("show")
def schemas_show(dataset: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """スキーマの項目一覧 / Show one schema's fields."""
    from rich.table import Table

    import schemas as sch

    from .validation.detect import resolve_dataset

    try:
        sid = resolve_dataset(dataset)
    except KeyError:
        fail(f"データセット「{dataset}」は見つかりません。opendata schemas list で一覧を確認してください。",
             f"unknown dataset {dataset}", "dataset-unknown")
        return
    s = sch.load(sid)
    if as_json:
        emit_json(s)
        return
    m = s["x-opendata"]
    console.print(f"[bold]{m['nameJa']}[/]  {m['id']}  ({m['generationName']})")
    console.print(f"信頼度 / confidence: {m['confidence']} — {m.get('columnsStatus', '')}")
    for n in m.get("notes") or []:
        console.print(f"[yellow]注[/]: {n}")
    t = Table()
    for col in ("No", "項目名", "区分", "型 / type", "制約・チェック", "英語名"):
        t.add_column(col, no_wrap=col == "項目名", overflow="fold")
    for i, f in enumerate(s["fields"], start=1):
        cons = ", ".join(f"{k}={v}" for k, v in f.get("constraints", {}).items())
        checks = ", ".join(f.get("x-checks", []))
        t.add_row(str(i), f["name"], f.get("x-ja", {}).get("requirement", ""), f["type"] + (
            f" ({f['format']})" if f.get("format") else ""), "; ".join(x for x in (cons, checks) if x),
            f.get("englishName", ""))
    console.print(t)


@schemas_app.command("import-workbook")
def schemas_import_workbook(
    file: Annotated[Path, typer.Argument(help="デジタル庁のデータ項目定義書A（.xlsx）/ the 定義書A workbook")],
    out: Annotated[Path | None, typer.Option("--out", help="書き込み先フォルダ（既定: schemas/2026）/ output folder")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="違いを表示するだけで書き込まない / only show the differences")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSONで出力 / print JSON")] = False,
) -> None:
    """定義書Aからスキーマを作り直します / Regenerate the 2026 schemas from the 定義書A workbook."""
    from .workbook import WorkbookError, plan_import, render_report, write_import

    try:
        plan = plan_import(file, out)
        if not dry_run:
            write_import(plan)
    except WorkbookError as e:
        if as_json:
            emit_json({"ok": False, "error": {"code": e.code, "message_ja": e.message_ja, "message_en": e.message_en}})
            raise typer.Exit(2) from None
        fail(e.message_ja, e.message_en, e.code)
        return
    if as_json:
        emit_json({"ok": True, "dryRun": dry_run, **plan.to_dict()})
        return
    for line in render_report(plan, dry_run=dry_run):
        console.print(line, markup=False)


def _register_subcommands() -> None:
    from .cli_convert import register as register_convert
    from .cli_report import register as register_report

    register_convert(app, console, fail)
    register_report(app, console, fail)
    __import__("opendata.cli_users", fromlist=["register"]).register(app, console, fail)


_register_subcommands()


@app.command("build")
def build_cmd(
    folder: Annotated[Path, typer.Argument(help="カタログのフォルダ / catalogue folder")] = Path("datasets"),
    force: Annotated[bool, typer.Option("--force", help="変更がなくても新しい版を作る / publish even if unchanged")] = False,
    only: Annotated[list[str] | None, typer.Option("--only", help="この管理IDだけ / only this dataset (repeatable)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="結果をJSONで出力 / print JSON")] = False,
) -> None:
    """datasets/ のカタログを取り込みます / Import the catalogue folder into the store.

    変更のないデータセットは新しい版を作りません（何度実行しても同じ結果）。
    終了コード: 0 すべて取り込み済み、1 取り込めないデータセットがある、2 フォルダや organizations.yaml の誤り。
    """
    from .build import build_catalogue
    from .store import Store

    store = Store()
    store.migrate()
    if not as_json:
        console.print(f"カタログを取り込みます / building the catalogue: {folder}  →  "
                      f"{_db_label(store.settings.database_url)}")

    def show(r: Any) -> None:
        if as_json:
            return
        from rich.markup import escape

        head = escape(f"{r.id}  {r.title}".rstrip())
        if r.action == "failed":
            console.print(f"  [red]✖[/] {head}  [red]{escape(r.message_ja or '')}[/]\n      [dim]{escape(r.message_en or '')}[/]")
            return
        state = "適合" if r.status == "valid" else f"要確認（検証エラー{r.errors}件・変換の注意{r.issues}件）"
        if r.action == "published":
            console.print(f"  [green]✔[/] {head}  第{r.version}版を公開（{r.rows:,}行・{state}）")
        else:
            meta = "・メタデータを更新" if r.metadata_changed else ""
            console.print(f"  ・ {head}  変更なし（第{r.version}版・{r.rows or 0:,}行・{state}{meta}）")

    summary = build_catalogue(folder, store, force=force, only=only or None, progress=show)
    store.close()
    if as_json:
        emit_json(summary.to_dict())
        raise typer.Exit(summary.exit_code)
    if summary.fatal:
        fail(summary.fatal["message_ja"], summary.fatal["message_en"], summary.fatal["code"], summary.exit_code)
    n, pub, same, bad = len(summary.results), summary.count("published"), summary.count("unchanged"), summary.count("failed")
    valid = sum(1 for r in summary.results if r.action != "failed" and r.status == "valid")
    console.print(f"取り込み結果: データセット{n}件（新しい版 {pub}件・変更なし {same}件・失敗 {bad}件）、"
                  f"標準に適合 {valid}件、担当課 {summary.organizations}件（{summary.seconds:.1f}秒）\n"
                  f"[dim]{n} datasets: {pub} published, {same} unchanged, {bad} failed; {valid} valid; "
                  f"{summary.organizations} organizations[/]")
    if summary.missing:
        console.print(f"[yellow]注意[/]: フォルダにないデータセットが公開されたままです（削除はしません）: {', '.join(summary.missing)}\n"
                      f"[dim]datasets no longer in the folder stay published: {', '.join(summary.missing)}[/]")
    raise typer.Exit(summary.exit_code)


def _db_label(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@app.command("serve")
def serve_cmd(
    host: Annotated[str, typer.Option("--host", help="待ち受けるアドレス / address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="ポート番号 / port")] = 8000,
) -> None:
    """Webサービスを起動します / Start the web service (uvicorn).

    設定は環境変数から / settings from the environment: OPENDATA_DATABASE_URL, OPENDATA_DATA_DIR, OPENDATA_BASE_URL.
    起動前にデータベースを最新の構造に更新します / migrates the database first.
    """
    import uvicorn

    from .store import Store

    store = Store()
    store.migrate()
    label = _db_label(store.settings.database_url)
    store.close()
    console.print(f"http://{host}:{port}/ で公開します（API説明: http://{host}:{port}/docs、データベース: {label}）\n"
                  f"[dim]serving on http://{host}:{port}/ (docs at /docs, database {label})[/]")
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port)


_FILE_COMMANDS = frozenset({"validate", "convert", "score", "report", "build"})


def _pyarrow_without_pandas() -> None:
    """Spare a short-lived command the 0.4 s import of pandas that pyarrow makes the first time it converts Python
    objects, only to ask whether they are pandas objects (ours never are).  pyarrow tries that import once and
    remembers the answer; an explicit pandas operation (``to_pandas``) still imports pandas later.  Only the
    file commands do this; the server (``serve``) is left as it is."""
    if "pandas" in sys.modules or len(sys.argv) < 2 or sys.argv[1] not in _FILE_COMMANDS:
        return
    import pyarrow as pa

    class _NoPandas:
        @staticmethod
        def find_spec(name: str, path: object = None, target: object = None) -> None:
            if name == "pandas":
                raise ImportError("pandas is not needed here")

    blocker = _NoPandas()
    sys.meta_path.insert(0, blocker)  # type: ignore[arg-type]
    try:
        pa.array([""])
    finally:
        sys.meta_path.remove(blocker)  # type: ignore[arg-type]


def main() -> None:
    """Entry point: run the app and turn any unexpected exception into a short bilingual message."""
    try:
        _pyarrow_without_pandas()
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err_console.print("中断しました / interrupted")
        sys.exit(2)
    except Exception as e:  # never show a traceback to a clerk
        if os.environ.get("OPENDATA_DEBUG"):
            raise
        err_console.print(f"[bold red]内部エラー[/]: 処理を完了できませんでした（{type(e).__name__}: {e}）。"
                          "OPENDATA_DEBUG=1 を付けて再実行すると詳細が表示されます。\n"
                          f"[dim]Internal error: {type(e).__name__}: {e} (set OPENDATA_DEBUG=1 for details)[/]")
        sys.exit(2)


if __name__ == "__main__":      # python -m opendata.cli … behaves as python -m opendata / the opendata command
    main()

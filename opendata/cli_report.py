"""`opendata score` (the quality score of one file) and `opendata report` (the conversion report of the
whole catalogue: the conformance figure for CI, with history)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

FORMATS = ("text", "json", "markdown", "junit")


def _load_metadata(path: Path, fail: Any) -> tuple[dict[str, Any], Path | None]:
    """dataset.yaml with the catalogue's defaults (the organization's contact from the organizations.yaml
    next to the dataset folders).  Returns (metadata, the dataset's schema.json if any)."""
    import yaml

    from .score import with_catalogue_defaults

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        fail(f"メタデータ「{path}」を読めません（{e}）。", f"cannot read metadata {path}: {e}", "metadata-invalid")
    if not isinstance(data, dict):
        fail(f"メタデータ「{path}」はキーと値の組で書いてください。", f"{path} must be a YAML mapping", "metadata-invalid")
    org = None
    orgs_file = path.resolve().parent.parent / "organizations.yaml"
    if orgs_file.is_file():
        try:
            orgs = yaml.safe_load(orgs_file.read_text(encoding="utf-8")) or []
            org = next((o for o in orgs if isinstance(o, dict) and o.get("id") == data.get("organization")), None)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            org = None
    schema = path.parent / "schema.json"
    return with_catalogue_defaults(data, org), schema if schema.is_file() else None


def register(app: typer.Typer, console: Console, fail: Any) -> None:
    @app.command("score")
    def score_cmd(
        file: Annotated[Path, typer.Argument(help="採点する公開用CSV / the published CSV to score")],
        dataset: Annotated[str | None, typer.Option("--dataset", "-d", help="データセットID（例 2021/preschool）")] = None,
        metadata: Annotated[Path | None, typer.Option("--metadata", "-m", help="メタデータ（dataset.yaml）")] = None,
        source: Annotated[Path | None, typer.Option("--source", help="変換前の元ファイル（別枠で採点）/ the original file")] = None,
        schema: Annotated[Path | None, typer.Option("--schema", help="標準のないデータセット用の市独自のTable Schema")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="JSONで出力 / print JSON")] = False,
        brief: Annotated[bool, typer.Option("--brief", help="項目ごとの表を省く / omit the per-criterion tables")] = False,
    ) -> None:
        """ファイルの品質スコア（0〜100点、4つの層、直す順）/ Score a file: 0–100, four layers, what to fix first."""
        import schemas as sch

        from .score import FatalValidationError, score_file
        from .score.render import print_score

        meta = None
        if metadata is not None:
            meta, meta_schema = _load_metadata(metadata, fail)
            std = str(meta.get("standard") or "").strip()
            if dataset is None and std and std.lower() != "none":
                dataset = std
            schema = schema or (meta_schema if std.lower() == "none" else None)
        if schema is not None:
            try:
                dataset = sch.load_file(schema)
            except (OSError, ValueError) as e:
                fail(f"スキーマ「{schema}」を読めません（{e}）。", f"cannot read schema {schema}: {e}", "schema-invalid")
        if source is not None and not source.is_file():
            fail(f"元ファイル「{source}」が見つかりません。", f"source file not found: {source}", "file-unreadable")
        try:
            s = score_file(file, dataset, meta, source)
        except FatalValidationError as e:
            p = e.problem
            if as_json:
                sys.stdout.write(json.dumps({"file": str(file), "error": {"code": p.code, "message_ja": p.message_ja,
                                                                          "message_en": p.message_en}},
                                            ensure_ascii=False, indent=2) + "\n")
                raise typer.Exit(2) from None
            fail(p.message_ja, p.message_en, p.code)
            return
        if as_json:
            sys.stdout.write(json.dumps(s.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n")
        else:
            print_score(console, s, details=not brief)

    @app.command("report")
    def report_cmd(
        from_: Annotated[Path | None, typer.Option("--from", help="カタログのフォルダ（既定 datasets/）/ catalogue folder")] = None,
        db: Annotated[bool, typer.Option("--db", help="公開中のカタログ（データベース）から / from the catalogue store")] = False,
        fmt: Annotated[str, typer.Option("--format", "-f", help="text | json | markdown | junit")] = "text",
        min_percent: Annotated[float | None, typer.Option("--min", help="適合率がこれ未満なら終了コード1 / exit 1 below this percent")] = None,
        history: Annotated[Path | None, typer.Option("--history", help="実行結果を追記するJSON Linesファイル / append the run here")] = None,
        out: Annotated[Path | None, typer.Option("--out", help="変換したCSVを残すフォルダ / keep the converted files here")] = None,
        output: Annotated[Path | None, typer.Option("--output", "-o", help="レポートの書き出し先（既定は標準出力）/ write the report to a file")] = None,
    ) -> None:
        """全データセットの変換レポートと適合率 / Conversion report and conformance figure of the catalogue."""
        from .report import ReportInputError, build_report
        from .report.render import print_text, render_json, render_junit, render_markdown

        if fmt not in FORMATS:
            fail(f"--format は {' / '.join(FORMATS)} のいずれかです（{fmt}）", f"unknown format {fmt}")
        if db and from_ is not None:
            fail("--from と --db はどちらか一方を指定してください。", "use either --from or --db")
        if min_percent is not None and not 0 <= min_percent <= 100:
            fail(f"--min は 0〜100 の割合（%）です（{min_percent}）", f"--min must be a percentage 0-100 ({min_percent})")
        try:
            rep = build_report(from_ or Path("datasets"), db=db, out_dir=out, history=history)
        except ReportInputError as e:
            fail(e.message_ja, e.message_en, e.code)
            return
        if fmt == "text" and output is None:
            print_text(console, rep)
        else:
            text = {"json": render_json, "markdown": render_markdown, "junit": render_junit}.get(fmt, render_markdown)(rep)
            if fmt == "text":
                buf = Console(record=True, width=160, file=io.StringIO())
                print_text(buf, rep)
                text = buf.export_text()
            if output is not None:
                output.parent.mkdir(parents=True, exist_ok=True)
                output.write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)
        if min_percent is not None and rep.percent < min_percent:
            console.file.flush()
            Console(stderr=True, highlight=False).print(
                f"[bold red]適合率 {rep.percent:.1f}% は基準 {min_percent:g}% 未満です[/] "
                f"[dim](conformance {rep.percent:.1f}% is below --min {min_percent:g}%)[/]")
            raise typer.Exit(1)

"""`opendata convert`: one file or a whole folder, with a Japanese report and a progress display."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from .convert import Outcome

# The heavy modules (converters, frictionless, pyarrow) are imported inside the commands, so that
# `opendata --help` and the other commands start fast.
SHOW_ITEMS = 15


def register(app: typer.Typer, console: Console, fail: Any) -> None:
    @app.command("convert")
    def convert_cmd(
        input: Annotated[Path, typer.Argument(help="変換する元のファイル（Excel・CSV）またはフォルダ / input file or folder")],
        dataset: Annotated[str | None, typer.Option("--dataset", "-d", help="変換先のデータセット（例 aed, 2026/public_toilet）")] = None,
        code: Annotated[str | None, typer.Option("--code", help="発行者の全国地方公共団体コード（例 312011）")] = None,
        out: Annotated[Path, typer.Option("--out", help="出力先フォルダ / output folder")] = Path("."),
        recipe: Annotated[Path | None, typer.Option("--recipe", help="変換レシピ（YAML）を使う / use a recipe")] = None,
        save_recipe: Annotated[Path | None, typer.Option("--save-recipe", help="判断をレシピとして保存 / save the recipe")] = None,
        report: Annotated[Path | None, typer.Option("--report", help="JSONレポートの保存先 / write the JSON report")] = None,
        bom: Annotated[bool, typer.Option("--bom", help="Excel向けにBOM付きUTF-8で出力 / UTF-8 with BOM")] = False,
        extra_to_remarks: Annotated[bool, typer.Option("--extra-to-remarks", help="標準にない列を「列名: 値」として備考へ")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="レポートをJSONで標準出力へ")] = False,
        schema: Annotated[Path | None, typer.Option("--schema", help="標準のないデータセット用の市独自のTable Schema（JSON）")] = None,
    ) -> None:
        """元のファイルを標準データセットのCSVに変換します / Convert a legacy file to the standard CSV."""
        rec = None
        if recipe is not None:
            from converters.recipe import RecipeError

            from .convert import load_recipe

            try:
                rec = load_recipe(recipe)
            except RecipeError as e:
                fail(e.message_ja, e.message_en, "recipe-invalid")
        if code is not None and not (len(code) == 6 and code.isdigit()):
            fail(f"--code は6桁の全国地方公共団体コードです（{code}）", f"--code must be a 6-digit code ({code})",
                 "usage")
        if input.is_dir():
            _folder(console, input, out, dataset, code, rec, bom, extra_to_remarks, as_json, schema)
            return
        if not input.exists():
            fail(f"ファイル「{input}」が見つかりません。", f"file not found: {input}", "file-unreadable")
        o = _one(console, input, out, dataset, code, rec, bom, extra_to_remarks, report, save_recipe, as_json, schema)
        raise typer.Exit(o.exit_code)


def _one(console: Console, input: Path, out: Path, dataset: str | None, code: str | None, rec: Any, bom: bool,
         extra: bool, report: Path | None, save_recipe: Path | None, as_json: bool, schema: Path | None) -> Outcome:
    if input.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods") and not (rec is not None and rec.read.get("sheet")):
        # the sheet is parsed in a background thread while the modules below load (converters.readers.excel)
        from converters.readers.excel import prefetch

        prefetch(input)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .convert import convert_file, report_dict

    show = console.is_terminal and not as_json
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console,
                  transient=True, disable=not show) as prog:
        task = prog.add_task(f"変換中 / converting {input.name}", total=None)

        def progress(rows: int) -> None:
            prog.update(task, description=f"変換中 / converting {input.name}: {rows:,} 行")

        o = convert_file(input, out, dataset=dataset, code=code, recipe=rec, bom=bom or None,
                         extra_to_remarks=extra or None, report_path=report, save_recipe=save_recipe,
                         progress=progress, keep_logs=True, schema_file=schema)
    try:
        if as_json:
            console.file.write(json.dumps(report_dict(o, max_items=1000), ensure_ascii=False, indent=2,
                                          default=str) + "\n")
        else:
            print_outcome(console, o)
            if report:
                console.print(f"[dim]JSONレポート / JSON report: {report}[/]")
            if save_recipe and o.ok:
                console.print(f"[dim]レシピを保存しました / recipe saved: {save_recipe}[/]")
    finally:
        if o.result is not None:
            o.result.cleanup()
    return o


def print_outcome(console: Console, o: Outcome) -> None:
    from .convert import report_dict
    from .validation.problems import column_letter

    if not o.ok or o.result is None:
        e = o.error or {}
        console.print(f"[bold red]変換できませんでした[/]: {escape(str(e.get('message_ja')))}")
        console.print(f"[dim]Not converted ({e.get('code')}): {escape(str(e.get('message_en')))}[/]")
        return
    r = o.result
    d = report_dict(o, include_items=False)
    ds = d["dataset"]
    console.print(f"[bold]入力[/]: {escape(r.input)}  [bold]出力[/]: {escape(str(r.output))}")
    how = "指定" if r.guess is None else f"自動判定（{r.guess['score']:.0%}、{'・'.join(r.guess['reasons'])}）"
    console.print(f"[bold]データセット[/]: {ds['nameJa']}（{ds['generationName']}、{ds['id']}、{how}）")
    t = r.table
    enc = t.get("encoding") or {}
    where = f"シート「{t['sheet']}」" if t.get("sheet") else (enc.get("label") or "")
    heading = ("見出し行なし（列は列記号 A, B, … で示し、値から項目を推定）" if list(t["header_rows"]) == [0, 0]
               else f"見出し {t['header_rows'][0]}〜{t['header_rows'][1]}行目")
    console.print(f"[bold]読み取り[/]: {escape(where)} {heading}、データ {r.rows_in} 行")
    for n in t.get("notes", [])[:SHOW_ITEMS]:
        console.print(f"  ・{escape(n.get('message_ja', ''))}")
    if t.get("skipped"):
        reasons = Counter(s["reason"] for s in t["skipped"])
        console.print("  ・取り込まなかった行: " + "、".join(f"{k} {v}行" for k, v in reasons.items())
                      + "（レポートに全文）")
    console.print()
    tab = Table(title="項目の対応づけ / mapping", show_lines=False)
    tab.add_column("標準の項目", no_wrap=True)
    tab.add_column("元の列・値")
    tab.add_column("方法", no_wrap=True)
    tab.add_column("一致度", justify="right")
    method_ja = {"exact": "完全一致", "normalised": "表記ゆれ", "alias": "別表記", "synonym": "同義語", "fuzzy": "類似",
                 "pattern": "名前の形", "values": "値から", "value": "値から推定", "recipe": "レシピ", "combined": "結合",
                 "constant": "固定値", "derived": "導出", "none": "—"}
    for m in r.mapping:
        tab.add_row(m["target"], escape(m["describe_ja"]), method_ja.get(m["method"], m["method"]),
                    f"{m['score']:.2f}" if m["method"] != "none" else "")
    console.print(tab)
    unm = [u for u in r.unmapped if u["nonempty"]]
    if unm:
        console.print("[bold yellow]標準の項目に対応しない列[/]（値は出力に入っていません。--extra-to-remarks で備考に入れられます）:")
        for u in unm:
            flag = "（備考へ移動）" if u["to_remarks"] else ""
            letter = column_letter(u["column"])
            name = f"{letter}列" if u["header"] == letter else f"{letter}列「{escape(u['header'])}」"
            why = f" [dim]（{escape(u['reason_ja'])}）[/]" if u.get("reason_ja") else ""
            console.print(f"  ・{name}: {u['nonempty']}件 例: {escape(' / '.join(u['samples'][:3]))}{flag}{why}")
    if r.change_counts:
        console.print("[bold]変更したセル[/]: " + "、".join(f"{k} {v}件" for k, v in sorted(r.change_counts.items())))
        for i, c in enumerate(r.iter_changes()):
            if i >= SHOW_ITEMS:
                console.print(f"  [dim]… ほか {sum(r.change_counts.values()) - SHOW_ITEMS} 件（--report で全件）[/]")
                break
            console.print(f"  ・{c['row']}行目 {escape(c['field'])}: 「{escape(c['before'])}」→「{escape(c['after'])}」"
                          f" [dim]({c['step']}: {escape(c.get('note_ja') or '')})[/]")
    if r.issue_counts:
        console.print("[bold red]人の確認が必要な箇所[/]: " + "、".join(f"{k} {v}件" for k, v in sorted(r.issue_counts.items())))
        for i, c in enumerate(r.iter_issues()):
            if i >= SHOW_ITEMS:
                console.print(f"  [dim]… ほか {sum(r.issue_counts.values()) - SHOW_ITEMS} 件[/]")
                break
            where = f"{c['row']}行目 " if c.get("row") else ""
            console.print(f"  ・{where}{escape(c.get('field') or '')}: {escape(c['message_ja'])}")
    v = o.validation
    if v is not None:
        if v.valid:
            console.print(f"[bold green]出力の検証: 適合[/]（警告 {v.warning_count} 件） [dim]output valid[/]")
        else:
            console.print(f"[bold red]出力の検証: 不適合[/]（エラー {v.error_count} 件） [dim]output invalid[/]")
            groups: dict[tuple[str, int | None], list[Any]] = {}
            for p in v.problems:
                if p.severity == "error":
                    groups.setdefault((p.code, p.column), []).append(p)
            for (pcode, _col), ps in list(groups.items())[:SHOW_ITEMS]:
                first = ps[0]
                n = v.counts_by_column.get((pcode, _col or 0), len(ps))
                more = f"（同じ列でほか {n - 1} 件）" if n > 1 else ""
                console.print(f"  ・{first.location_ja}: {escape(first.message_ja)}{more}")
            console.print(f"  [dim]全件: opendata validate {escape(str(r.output))}[/]")
    acc = r.accounting
    console.print(f"[dim]元の値 {acc['source_nonempty_cells']} セル: 出力へ {acc['landed']}、"
                  f"未対応の列として報告 {acc['unmapped_listed']}（うち備考へ {acc['moved_to_remarks']}）[/]")
    label = {"valid": "[bold green]結果: 変換・検証とも問題なし[/]",
             "problems": "[bold yellow]結果: 変換しました。確認が必要な箇所があります[/]"}[o.status]
    console.print(label)


def _folder(console: Console, folder: Path, out: Path, dataset: str | None, code: str | None, rec: Any, bom: bool,
            extra: bool, as_json: bool, schema: Path | None) -> None:
    from .convert import convert_file, iter_inputs, report_dict

    files = iter_inputs(folder)
    outcomes: list[Outcome] = []
    for f in files:
        o = convert_file(f, out, dataset=dataset, code=code, recipe=rec, bom=bom or None,
                         extra_to_remarks=extra or None, schema_file=schema)
        outcomes.append(o)
        if not as_json:
            mark = {"valid": "[green]✓[/]", "problems": "[yellow]![/]", "failed": "[red]✗[/]"}[o.status]
            console.print(f"{mark} {escape(str(f.relative_to(folder)))}")
    if as_json:
        console.file.write(json.dumps([o.extra.get("report") or report_dict(o, include_items=False)
                                       for o in outcomes], ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        t = Table(title=f"{folder} の変換結果 / summary ({len(files)} files)")
        for c in ("ファイル", "データセット", "行数", "変更", "要確認", "検証エラー", "結果", "出力"):
            t.add_column(c)
        for o in outcomes:
            rep = o.extra.get("report") or {}
            if o.ok:
                t.add_row(escape(Path(o.input).name), rep.get("dataset", {}).get("id", ""), str(rep["rows"]["in"]),
                          str(rep["changes"]["total"]), str(rep["issues"]["total"]),
                          str(o.error_total), {"valid": "適合", "problems": "要確認"}[o.status],
                          escape(Path(rep["output"]).name))
            else:
                t.add_row(escape(Path(o.input).name), "", "", "", "", "", "失敗",
                          escape(str((o.error or {}).get("message_ja", ""))))
        console.print(t)
    codes = [o.exit_code for o in outcomes]
    raise typer.Exit(max(codes) if codes else 0)

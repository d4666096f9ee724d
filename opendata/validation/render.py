"""Readable Japanese report of a validation (rich), English beside it."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.markup import escape

from . import ValidationReport
from .problems import SEVERITY_JA, column_letter

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CONF_JA = {"high": "高", "medium": "中", "low": "低"}
GROUP_SHOW = 3  # identical problems (same code and column) shown before they are summarised


def print_report(console: Console, r: ValidationReport, limit: int = 200) -> None:
    d = r.dataset or {}
    det = r.detection
    how = "指定" if det.get("given") else f"自動判定・一致度 {det.get('score', 0):.0%}"
    console.print(f"[bold]ファイル[/]: {escape(r.path)}")
    console.print(f"[bold]データセット[/]: {d.get('nameJa')}（{d.get('generationName')}、{d.get('id')}、{how}）"
                  f"  列構成の信頼度: {CONF_JA.get(d.get('confidence', ''), d.get('confidence'))}")
    enc = r.encoding
    le = enc.get("line_endings", {})
    le_s = "、".join(f"{k.upper()} {v}" for k, v in le.items() if v) or "なし"
    console.print(f"[bold]文字コード[/]: {enc.get('label')}（{enc.get('reason_ja')}） 改行: {le_s}")
    console.print(f"[bold]行数[/]: データ {r.rows} 行 × {r.columns} 列（見出しは{r.header_row}行目）"
                  f"  [dim]engine: {r.engine}, {r.seconds:.2f}s[/]")
    console.print(f"[dim]File {r.path}: dataset {d.get('id')}, {enc.get('label_en')}, {r.rows} rows[/]")
    console.print()
    if r.problems:
        per_group: Counter[tuple[str, int | None]] = Counter()
        hidden: dict[tuple[str, int | None], list[int]] = {}
        printed = 0
        for p in r.problems:
            g = (p.code, p.column)
            per_group[g] += 1
            if per_group[g] > GROUP_SHOW or printed >= limit:
                hidden.setdefault(g, []).append(p.row or 0)
                continue
            printed += 1
            console.print(f"[{_STYLE[p.severity]}]{SEVERITY_JA[p.severity]}[/] {p.location_ja}: {escape(p.message_ja)}"
                          f" [dim]({p.code})[/]")
            console.print(f"    [dim]{p.location_en}: {escape(p.message_en)}[/]")
        for (code, col), hidden_rows in hidden.items():
            total = r.counts.get(code, 0)
            where = f"{column_letter(col)}列" if col else ""
            lo, hi = min(hidden_rows, default=0), max(hidden_rows, default=0)
            rng = f"{lo}〜{hi}行目" if hi else ""
            console.print(f"[dim]… {where}の {code} がほか {len(hidden_rows)} 件（{rng}） / {len(hidden_rows)} more {code}"
                          f"{' in column ' + column_letter(col) if col else ''} (total {total})[/]")
        unshown = sum(r.counts.values()) - len(r.problems)
        if unshown > 0:
            console.print(f"[dim]（件数が多いため {unshown} 件は記録を省略しました / {unshown} more not stored）[/]")
        console.print()
        console.print("[bold]件数[/]: " + "、".join(f"{k} {v}" for k, v in sorted(r.counts.items())))
    if r.valid:
        extra = f"（警告 {r.warning_count} 件）" if r.warning_count else ""
        console.print(f"[bold green]判定: 適合[/]{extra}  [dim]valid[/]")
    else:
        console.print(f"[bold red]判定: 不適合[/]（エラー {r.error_count} 件、警告 {r.warning_count} 件）"
                      f"  [dim]invalid: {r.error_count} errors, {r.warning_count} warnings[/]")

"""The score as a clerk reads it (rich, Japanese first, English beside it)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .model import FAIL, NA, PARTIAL, PASS, Criterion, Score, fmt_points

MARK = {PASS: "[green]✓[/]", FAIL: "[red]✗[/]", PARTIAL: "[yellow]△[/]", NA: "[dim]－[/]"}
ADVICE_SHOW = 10


def star_text(n: int) -> str:
    return "★" * n + "☆" * (5 - n)


def _criterion_row(t: Table, c: Criterion) -> None:
    ev = "; ".join(e.text_ja + (f"（{'、'.join(e.locations[:3])}）" if e.locations else "") for e in c.evidence)
    pts = "－" if c.status == NA else f"{fmt_points(c.earned)}/{fmt_points(c.points)}"
    t.add_row(MARK[c.status], escape(c.id), escape(c.title_ja), pts, escape(ev))


def print_score(console: Console, s: Score, details: bool = True) -> None:
    d = s.dataset or {}
    console.print(f"[bold]ファイル[/]: {escape(s.file)}")
    if d:
        console.print(f"[bold]データセット[/]: {escape(str(d.get('nameJa')))}（{d.get('generationName')}、{d.get('id')}）")
    console.print(f"[bold]スコア / score: {fmt_points(s.total)} / 100  {s.band}（{s.band_ja} {s.band_en}）[/]  "
                  f"{star_text(s.stars)}" + ("（★1 ライセンス未確認）" if s.stars_licence_unknown else ""))
    for la in s.layers:
        if la.assessed:
            console.print(f"  ・{la.name_ja} / {la.name_en}: {fmt_points(la.points)}/{fmt_points(la.assessed_max)}")
        else:
            console.print(f"  ・{la.name_ja} / {la.name_en}: 未評価 not scored")
    for n in s.notes:
        console.print(f"[dim]{escape(n)}[/]")
    if s.advice:
        console.print("[bold]まず直す点 / fix first[/]:")
        for i, a in enumerate(s.advice[:ADVICE_SHOW], start=1):
            console.print(f"  {i}. {escape(a.line_ja)}")
            console.print(f"     [dim]{escape(a.line_en)}[/]")
        if len(s.advice) > ADVICE_SHOW:
            console.print(f"  [dim]… ほか {len(s.advice) - ADVICE_SHOW} 件（--json で全件）[/]")
    if details:
        for la in s.layers:
            t = Table(title=f"{la.name_ja} / {la.name_en}", title_justify="left", show_lines=False)
            for col in ("", "ID", "項目 / criterion", "点 / pts", "根拠 / evidence"):
                t.add_column(col, overflow="fold")
            for c in la.criteria:
                _criterion_row(t, c)
            console.print(t)
    if s.source:
        src = s.source
        pct = f"{src.percent}%" if src.percent is not None else "－"
        console.print(f"[bold]元ファイル（市の保有形式、合計には含めません） / source, not in the total[/]: "
                      f"{escape(src.file)}（{src.format}）{fmt_points(src.points)}/{fmt_points(src.assessed_max)}（{pct}）")
        t = Table(show_lines=False)
        for col in ("", "ID", "項目 / criterion", "点 / pts", "根拠 / evidence"):
            t.add_column(col, overflow="fold")
        for c in src.criteria:
            _criterion_row(t, c)
        console.print(t)

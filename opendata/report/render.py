"""The report in four formats: text (rich, Japanese), JSON, Markdown (a CI job summary) and JUnit XML
(one test case per dataset, so CI systems list each dataset as passed or failed)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from opendata.score.model import fmt_points

from .model import DatasetResult, Report

NO_STANDARD_JA = "標準なし（市独自）"
NO_STANDARD_EN = "no standard applies"
MARK = {"conformant": "✓", "not-conformant": "✗", "error": "✗"}
HOW_JA = {"recipe": "レシピで変換", "auto": "自動変換", "published": "公開中のCSV", "": ""}


def _standard(r: DatasetResult) -> tuple[str, str]:
    """(standard, generation) as shown in the tables."""
    if r.no_standard:
        return f"{NO_STANDARD_JA} / {NO_STANDARD_EN}", (r.generation or "")
    if not r.standard:
        return "?", ""
    return f"{r.standard} {r.standard_name or ''}".strip(), r.generation or ""


def _score(r: DatasetResult) -> str:
    return f"{fmt_points(r.score.total)} {r.score.band}" if r.score else "－"


def _previous(rep: Report) -> tuple[str, str] | None:
    p = rep.previous
    if not p:
        return None
    commit = str(p.get("commit") or "")[:10]
    ja = (f"前回: {p.get('conformant')}/{p.get('total')} ({float(p.get('percent') or 0):.1f}%)、"
          f"平均スコア {p.get('mean_score')}（{p.get('date')}{' ' + commit if commit else ''}）")
    en = (f"previous run: {p.get('conformant')}/{p.get('total')} ({float(p.get('percent') or 0):.1f}%), "
          f"mean score {p.get('mean_score')} ({p.get('date')}{' ' + commit if commit else ''})")
    return ja, en


# --- JSON -----------------------------------------------------------------------------------------------
def render_json(rep: Report) -> str:
    return json.dumps(rep.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


# --- Markdown -------------------------------------------------------------------------------------------
def _md(s: Any) -> str:
    return str(s or "").replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def render_markdown(rep: Report) -> str:
    lines = [f"## {rep.headline}", ""]
    mean = rep.mean_score
    commit = (rep.commit or "")[:10]
    lines.append(f"{rep.headline_en}. 平均スコア / mean score: {fmt_points(mean) if mean is not None else '－'}"
                 f" · {rep.date}{' · commit ' + commit if commit else ''} · {_md(rep.origin)}")
    prev = _previous(rep)
    if prev:
        lines += ["", f"{prev[0]} / {prev[1]}"]
    lines += ["", "| | 管理ID / dataset | 標準 / standard | 世代 / generation | スコア / score | 数え方 / counted | 最初の問題 / first problems |",
              "|---|---|---|---|---|---|---|"]
    for r in rep.results:
        std, gen = _standard(r)
        probs = "<br>".join(_md(p["text_ja"]) for p in r.first_problems)
        lines.append(f"| {MARK[r.status]} | `{_md(r.id)}` {_md(r.title)} | {_md(std)} | {_md(gen)} | {_score(r)} | "
                     f"{_md(r.counted_ja)} | {probs} |")
    lines += ["", "✓ 適合として数えた / counted as conformant · ✗ 数えていない / not counted. "
                  "標準のないデータセットは、市独自のTable Schemaがあり機械可読性の層が満点のときだけ数えます / "
                  "datasets with no standard count only with a Table Schema and a full machine-readability layer.", ""]
    return "\n".join(lines)


# --- JUnit XML ------------------------------------------------------------------------------------------
def render_junit(rep: Report) -> str:
    failures = sum(1 for r in rep.results if r.status == "not-conformant")
    errors = sum(1 for r in rep.results if r.status == "error")
    seconds = f"{sum(r.seconds for r in rep.results):.3f}"
    root = ET.Element("testsuites", name="opendata report", tests=str(rep.total), failures=str(failures),
                      errors=str(errors), time=seconds)
    suite = ET.SubElement(root, "testsuite", name=rep.headline, tests=str(rep.total), failures=str(failures),
                          errors=str(errors), skipped="0", time=seconds, timestamp=rep.date)
    props = ET.SubElement(suite, "properties")
    for k, v in (("headline", rep.headline), ("conformant", rep.conformant), ("total", rep.total),
                 ("percent", rep.percent), ("mean_score", rep.mean_score), ("commit", rep.commit or "")):
        ET.SubElement(props, "property", name=k, value=str(v))
    for r in rep.results:
        std, _ = _standard(r)
        tc = ET.SubElement(suite, "testcase", classname=f"datasets.{r.standard or 'none'}", name=r.id,
                           time=f"{r.seconds:.3f}")
        detail = "\n".join(f"{p['text_ja']}\n{p['text_en']}" for p in r.first_problems)
        if r.status == "error":
            el = ET.SubElement(tc, "error", message=r.counted_ja, type=(r.error or {}).get("code", "error"))
            el.text = detail
        elif r.status == "not-conformant":
            el = ET.SubElement(tc, "failure", message=r.counted_ja, type="not-conformant")
            el.text = detail
        out = ET.SubElement(tc, "system-out")
        out.text = (f"{r.title} — {std}\n{r.counted_ja} / {r.counted_en}\n"
                    f"score {_score(r)}" + (f" ({r.score.band_ja} {r.score.band_en})" if r.score else ""))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --- text (rich) ----------------------------------------------------------------------------------------
def print_text(console: Console, rep: Report) -> None:
    console.print(f"[bold]{escape(rep.headline)}[/]")
    mean = rep.mean_score
    console.print(f"[dim]{escape(rep.headline_en)}; 平均スコア / mean score "
                  f"{fmt_points(mean) if mean is not None else '－'}; {rep.date}"
                  f"{' commit ' + (rep.commit or '')[:10] if rep.commit else ''}[/]")
    prev = _previous(rep)
    if prev:
        console.print(f"[dim]{escape(prev[0])}[/]")
    t = Table(show_lines=False)
    for col in ("", "管理ID", "データセット", "標準 / 世代", "方法", "スコア", "数え方", "最初の問題"):
        t.add_column(col, overflow="fold")
    for r in rep.results:
        std, gen = _standard(r)
        color = "green" if r.conformant else "red"
        t.add_row(f"[{color}]{MARK[r.status]}[/]", escape(r.id), escape(r.title), escape(f"{std}\n{gen}".strip()),
                  HOW_JA.get(r.how, r.how), _score(r), escape(r.counted_ja),
                  escape("\n".join(p["text_ja"] for p in r.first_problems)))
    console.print(t)

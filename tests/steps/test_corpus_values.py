"""Real cells from ../shared/corpus through the steps (skipped when the corpus is absent)."""

from __future__ import annotations

import csv
import json

import pytest

from converters.steps import normalise_value
from converters.steps.base import FieldSpec, StepContext
from tests.conftest import ROOT, corpus_file

pytestmark = pytest.mark.corpus


def _schema(sid: str) -> dict[str, FieldSpec]:
    d = json.loads((ROOT / "schemas" / f"{sid}.json").read_text(encoding="utf-8"))
    return {f["name"]: FieldSpec.from_schema_field(f) for f in d["fields"]}


def _rows(rel: str, encoding: str) -> list[list[str]]:
    with corpus_file(rel).open(encoding=encoding, newline="") as f:
        return list(csv.reader(f))


def _column(rows: list[list[str]], name: str) -> list[str]:
    i = [h.lstrip("\ufeff") for h in rows[0]].index(name)
    return [r[i] for r in rows[1:] if i < len(r)]


def _norm(value, f: FieldSpec):
    return normalise_value(value, f, StepContext())


def test_komae_aed():
    rows = _rows("aed/komae_aed.csv", "utf-8")
    s = _schema("2021/aed")
    assert _norm("ｺﾏｴｼﾔｸｼｮ", s["名称_カナ"])[0] == "コマエシヤクショ"
    assert "ｺﾏｴｼﾔｸｼｮ" in _column(rows, "名称_カナ")
    assert "8:30" in _column(rows, "開始時間") and _norm("8:30", s["開始時間"])[0] == "08:30"
    ext = FieldSpec("内線番号")
    assert "2442・2421" in _column(rows, "内線番号")
    value, out = _norm("2442・2421", ext)
    assert value == "2442・2421" and out[-1].issue.code == "phone-several"


def test_yaizu_values():
    aed = _schema("2021/aed")
    rows = _rows("aed/yaizu_aed.csv", "utf-8")
    assert "(054)626-1139" in _column(rows, "電話番号")
    assert _norm("(054)626-1139", aed["電話番号"])[0] == "054-626-1139"
    assert _norm("２階正面入口", aed["設置位置"])[0] == "2階正面入口"

    evac = _schema("2021/evacuation_space")
    rows = _rows("evacuation_space/yaizu_evacuation-space.csv", "utf-8")
    assert "○" in _column(rows, "災害種別_津波")
    assert _norm("○", evac["災害種別_津波"])[0] == "1"

    tour = _schema("2021/tourism")
    rows = _rows("tourism/yaizu_tourism-map-2025-sjis.csv", "cp932")
    assert "425-0086" in _column(rows, "名称_英語")
    assert _norm("425-0086", tour["名称_英語"])[1][-1].issue.code == "halfwidth-other-column"
    value, out = _norm("5,280円～", tour["料金(基本)"])
    assert value == "5280" and out[-1].moved == {"unit": "円", "qualifier": "～"}


def test_kobe_values():
    rows = _rows("aed/kobe_aed-20141128-sjis.csv", "cp932")
    assert rows[0][10] == "２４H使用可能"
    assert _norm(rows[0][10], FieldSpec("名称"))[0] == "24H使用可能"
    assert "34.719504 " in _column(rows, "緯度")
    lat = FieldSpec("緯度", "number", checks=["latitude"])
    assert _norm("34.719504 ", lat)[0] == "34.719504"
    value, out = _norm("01東灘", FieldSpec("全国地方公共団体コード", checks=["localgov-code"]))
    assert value == "01東灘" and out[-1].issue.code == "localgov-code-glued"


@pytest.mark.parametrize("rel,encoding,sid", [
    ("aed/komae_aed.csv", "utf-8", "2021/aed"),
    ("aed/yaizu_aed.csv", "utf-8", "2021/aed"),
    ("aed/kobe_aed-20141128-utf8bom.csv", "utf-8-sig", "2021/aed"),
    ("public_toilet/yaizu_public-toilet.csv", "utf-8", "2026/public_toilet"),
    ("evacuation_space/yaizu_evacuation-space.csv", "utf-8", "2021/evacuation_space"),
    ("tourism/yaizu_tourism-map-2025-sjis.csv", "cp932", "2021/tourism"),
    ("tourism/yaizu_tourism-sights.csv", "utf-8-sig", "2021/tourism"),
    ("kosodate/yaizu_preschool.csv", "utf-8", "2021/preschool"),
    ("public_facility/yaizu_cooling-shelters-sjis.csv", "cp932", "2026/public_facility"),
])
def test_every_cell_normalises_and_is_stable(rel, encoding, sid):
    specs = _schema(sid)
    rows = _rows(rel, encoding)
    header = [h.lstrip("\ufeff") for h in rows[0]]
    previous: dict[str, object] | None = None
    for r in rows[1:]:
        out: dict[str, object] = {}
        for name, raw in zip(header, r, strict=False):
            f = specs.get(name) or FieldSpec(name or "無名")
            value, outcomes = normalise_value(raw, f, StepContext(previous=previous))
            assert all(o.note_en or not o.note_ja for o in outcomes)
            again, more = normalise_value(value, f, StepContext(previous=previous))
            assert again == value and not any(o.note_ja for o in more)
            if isinstance(value, str):
                assert "\n" not in value and value == value.strip(" \u3000")
            out[name] = value
        previous = out

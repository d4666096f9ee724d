"""The ordered step list and normalise_value: order, threading, switching steps off, what is reported."""

import datetime as dt

from converters.steps import DEFAULT_STEPS, STEP_NAMES, StepOutcome, column_plan, normalise_value, run_plan
from converters.steps.base import FieldSpec, StepContext

from .helpers import field

CTX = StepContext()


def _schema_field(name: str, **kw) -> FieldSpec:
    return FieldSpec.from_schema_field({"name": name, **kw})


def test_order():
    names = list(STEP_NAMES)
    assert names[:4] == ["ditto", "multi_value", "machine_dependent", "text"]
    assert names.index("machine_dependent") < names.index("text")
    for typed in ("codes", "dates", "times", "numbers", "coordinates", "flags", "phone", "postcode", "url", "kana",
                  "halfwidth"):
        assert names.index("text") < names.index(typed)
    assert len(set(names)) == len(names) == len(DEFAULT_STEPS)


def test_machine_dependent_before_nfkc():
    value, out = normalise_value("①番地", field("名称"), CTX)
    assert value == "(1)番地"
    assert [o.step for o in out] == ["machine_dependent"]


def test_threading_through_text_and_type_steps():
    f = field("電話番号", checks=["phone"])
    value, out = normalise_value(" （０５４）６２６－１１３９ ", f, CTX)
    assert value == "054-626-1139"
    assert [o.step for o in out] == ["text", "phone"]
    assert out[0].before == " （０５４）６２６－１１３９ " and out[1].before == "(054)626-1139"


def test_kana_field_from_komae():
    value, out = normalise_value("ｺﾏｴｼﾔｸｼｮ", field("名称_カナ", checks=["katakana"]), CTX)
    assert value == "コマエシヤクショ" and out[0].step == "text" and all(o.issue is None for o in out)


def test_date_with_era_symbol():
    value, out = normalise_value("㍻31年4月30日", field("登録日", "date", ["date"]), CTX)
    assert value == "2019-04-30" and [o.step for o in out] == ["machine_dependent", "dates"]


def test_issue_keeps_value_and_is_reported():
    value, out = normalise_value("平成31年5月1日", field("登録日", "date", ["date"]), CTX)
    assert value == "平成31年5月1日"
    assert out[-1].issue.code == "date-era-mismatch" and out[-1].step == "dates"


def test_ditto_then_clean():
    ctx = StepContext(previous={"住所": "鳥取市尚徳町116"})
    value, out = normalise_value("〃", field("住所"), ctx)
    assert value == "鳥取市尚徳町116" and out[0].step == "ditto"


def test_numbers_report_moved_parts():
    value, out = normalise_value("約50人", field("想定収容人数", "integer"), CTX)
    assert value == "50" and out[-1].moved == {"qualifier": "約", "unit": "人"}


def test_flags_from_yaizu():
    value, _ = normalise_value("○", _schema_field("災害種別_津波", constraints={"enum": ["1"]}), CTX)
    assert value == "1"
    value, _ = normalise_value("○", _schema_field("小児対応設備の有無", constraints={"enum": ["有", "無"]}), CTX)
    assert value == "有"


def test_switching_steps_off():
    f = field("電話番号", checks=["phone"])
    value, out = normalise_value("(054)626-1139", f, CTX, disabled={"phone"})
    assert value == "(054)626-1139" and out == []
    value, out = normalise_value("（054）626-1139", f, CTX, enabled={"phone"})
    assert value == "054-626-1139" and [o.step for o in out] == ["phone"]
    value, out = normalise_value("①", field("名称"), CTX, enabled=set())
    assert value == "①" and out == []


def test_outcome_reads_both_ways():
    _, out = normalise_value("8:30", field("開始時間", "time", ["time"]), CTX)
    assert isinstance(out[0], StepOutcome)
    for name, res in out:
        assert name == "times" and res.value == "08:30" and res.note_ja
    assert out[0].to_dict()["step"] == "times"


def test_clean_values_report_nothing():
    for f, v in [(field("名称"), "鳥取市役所"), (field("緯度", "number", ["latitude"]), "35.5"),
                 (field("開始時間", "time", ["time"]), "09:00"), (field("電話番号", checks=["phone"]), "0857-22-8111"),
                 (field("男性トイレ総数", "integer"), "0"), (field("男性トイレ総数", "integer"), "")]:
        value, out = normalise_value(v, f, CTX)
        assert value == v and out == []


def test_excel_values():
    assert normalise_value(0.375, field("開始時間", "time", ["time"]), CTX)[0] == "09:00"
    assert normalise_value(dt.date(2024, 4, 1), field("登録日", "date", ["date"]), CTX)[0] == "2024-04-01"
    assert normalise_value(387.0, field("台数", "integer"), CTX)[0] == "387"
    assert normalise_value(34.719504, field("緯度", "number", ["latitude"]), CTX)[0] == "34.719504"
    assert normalise_value(312011, field("コード", checks=["localgov-code"]), CTX)[0] == "312011"


def test_plan_helpers():
    f = field("緯度", "number", ["latitude"])
    plan = column_plan(f)
    assert [s.name for s in plan] == ["ditto", "machine_dependent", "text", "coordinates"]
    assert run_plan(" 34.5 ", f, CTX, plan)[0] == "34.5"

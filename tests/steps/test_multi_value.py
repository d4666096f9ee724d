from converters.steps.base import FieldSpec, StepContext
from converters.steps.multi_value import MultiValueStep

F = FieldSpec("診療科目", separator=";")
STEP = MultiValueStep()


def run(v):
    return STEP.apply(v, F, StepContext())


def test_separators_become_semicolons():
    assert run("内科、外科，小児科").value == "内科;外科;小児科"
    assert run("月\n火\n水").value == "月;火;水"            # kintone check boxes
    assert run("内科 / 外科").value == "内科;外科"
    # 田布施町's 医療機関一覧: underscores between the departments
    assert run("外科_消化器内科（胃腸内科）_放射線科").value == "外科;消化器内科（胃腸内科）;放射線科"
    assert run("内科＿小児科").value == "内科;小児科"
    assert run("内科、外科").note_ja


def test_left_alone():
    for v in ("内科", "内科;外科", ""):
        r = run(v)
        assert r.value == v and r.note_ja is None and r.issue is None
    assert not STEP.applies(FieldSpec("名称"))


def test_nakaguro_is_reported_not_rewritten():
    r = run("中・高等学校")
    assert r.value == "中・高等学校" and r.issue and r.issue.code == "multi-value-separator"


def test_safe_rule_is_sound():
    rule = STEP.safe_rule(F)
    for v in ("内科", "内科;外科", "abc", "内科、外科", "a\nb", "中・高", "内科_外科", "内科＿外科"):
        if rule.covers(v):
            r = run(v)
            assert r.value == v and r.note_ja is None and r.issue is None and not r.moved

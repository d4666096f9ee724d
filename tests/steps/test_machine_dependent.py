import pytest

from converters.steps.machine_dependent import MachineDependentStep

from .helpers import field, run

STEP = MachineDependentStep()


@pytest.mark.parametrize("raw,expected", [
    ("①", "(1)"), ("⑳", "(20)"), ("㈱鳥取", "(株)鳥取"), ("Ⅲ期", "III期"), ("ⅳ", "iv"), ("№１", "No.１"),
    ("㍻31年", "平成31年"), ("㋿6年", "令和6年"), ("100㎡", "100平方メートル"), ("5㎞", "5km"), ("℡", "TEL"),
    ("深田町4丁目Ⅰ－39", "深田町4丁目I－39"),         # Kobe: Roman numeral in an address
    ("①②㈲", "(1)(2)(有)"),
])
def test_replaced_and_named(raw, expected):
    r = run(STEP, raw, field())
    assert r.value == expected and r.issue is None
    for c in dict.fromkeys(raw):
        if c in "①②⑳㈱Ⅲⅳ№㍻㋿㎡㎞℡Ⅰ㈲":
            assert c in r.note_ja and c in r.note_en


def test_runs_before_nfkc_so_the_number_is_kept_as_a_number_in_parentheses():
    assert run(STEP, "①番", field()).value == "(1)番"


def test_report_only_characters_are_kept_with_an_issue():
    r = run(STEP, "∟形の①", field())
    assert r.value == "∟形の(1)" and r.issue.code == "machine-dependent-kept" and "∟" in r.issue.message_ja


@pytest.mark.parametrize("raw", ["鳥取市", "ｺﾏｴ", "plain ascii", "", "髙﨑"])
def test_others_untouched(raw):
    r = run(STEP, raw, field())
    assert r.value == raw and r.note_ja is None and r.issue is None


def test_non_text_untouched():
    for v in (None, 1, 2.5, True):
        assert run(STEP, v, field()).value == v

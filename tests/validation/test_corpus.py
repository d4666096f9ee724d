"""Real municipal files from ../shared/corpus: the right schema, and their real problems named."""

from __future__ import annotations

import pytest

from opendata.validation import FatalValidationError, validate_file
from tests.conftest import CORPUS, corpus_file

pytestmark = pytest.mark.corpus


def codes_at(report):
    return {(p.row, p.column, p.code) for p in report.problems}


def test_yaizu_public_toilet_is_the_2026_schema_with_only_its_real_problems():
    r = validate_file(corpus_file("public_toilet/yaizu_public-toilet.csv"))
    assert r.dataset["id"] == "2026/public_toilet"
    assert r.header_exact and r.header_row == 1 and r.rows == 112
    # 高度の種別 holds "階" where the vocabulary says 階数 (column R = 18)
    enum = [p for p in r.problems if p.code == "enum-value"]
    assert [(p.row, p.column, p.value, p.suggestion) for p in enum] == [
        (14, 18, "階", "階数"), (15, 18, "階", "階数"), (17, 18, "階", "階数"), (19, 18, "階", "階数"),
        (20, 18, "階", "階数")]
    assert set(r.counts) == {"enum-value", "file-name"}


@pytest.mark.parametrize("rel", ["aed/yaizu_aed.csv", "aed/komae_aed.csv"])
def test_aed_headers_match_the_2021_schema_exactly(rel):
    r = validate_file(corpus_file(rel))
    assert r.dataset["id"] == "2021/aed"
    assert r.header_exact
    assert not any(p.code.startswith("header-") for p in r.problems)


def test_komae_aed_real_problems():
    r = validate_file(corpus_file("aed/komae_aed.csv"))
    c = codes_at(r)
    assert (2, 6, "kana-halfwidth") in c           # 名称_カナ ｺﾏｴｼﾔｸｼｮ
    assert (2, 17, "time-format") in c             # 開始時間 8:30
    assert r.counts["kana-halfwidth"] == 57
    first = next(p for p in r.problems if p.code == "kana-halfwidth")
    assert first.value == "ｺﾏｴｼﾔｸｼｮ" and first.suggestion == "コマエシヤクショ"


def test_yaizu_aed_real_problems():
    r = validate_file(corpus_file("aed/yaizu_aed.csv"))
    md = [p for p in r.problems if p.code == "machine-dependent-char"]
    assert [(p.row, p.column) for p in md] == [(12, 5), (13, 5)]
    assert md[0].suggestion == "ディスカバリーパーク焼津水夢館"
    assert r.counts["surrounding-space"] == 2


def test_yaizu_preschool_names_the_horizontal_bar():
    r = validate_file(corpus_file("kosodate/yaizu_preschool.csv"))
    assert r.dataset["id"] == "2021/preschool"
    look = [p for p in r.problems if p.code == "header-lookalike"]
    assert len(look) == 1 and look[0].column == 1
    assert "U+2015" in look[0].message_ja


def test_cp932_tourism_file():
    r = validate_file(corpus_file("tourism/yaizu_tourism-map-2025-sjis.csv"))
    assert r.dataset["id"] == "2021/tourism"
    enc = next(p for p in r.problems if p.code == "encoding-not-utf8")
    assert "NEC/IBM" in enc.message_ja
    post = [p for p in r.problems if p.code == "english-looks-like-postcode"]
    assert post and post[0].value == "425-0086"


def test_lf_file_and_bom_file():
    r = validate_file(corpus_file("public_wifi/yaizu_public-wireless-lan.csv"))
    assert r.encoding["line_endings"] == {"crlf": 0, "lf": 18, "cr": 0}
    assert "line-endings-mixed" not in r.counts
    r = validate_file(corpus_file("public_facility/yaizu_library.csv"))
    assert r.encoding["bom"] and "encoding-bom" in r.counts


def test_pre_template_file_needs_a_dataset():
    with pytest.raises(FatalValidationError):
        validate_file(corpus_file("aed/kobe_aed-20141128-sjis.csv"))
    r = validate_file(corpus_file("aed/kobe_aed-20141128-sjis.csv"), dataset="aed@2021")
    assert r.counts["header-missing-column"] >= 10
    assert "encoding-not-utf8" in r.counts


def test_both_engines_report_the_same_on_every_corpus_csv(corpus):
    files = sorted(CORPUS.glob("*/*.csv"))
    assert len(files) >= 20
    compared = 0
    for f in files:
        try:
            fast = validate_file(f, engine="auto")
        except FatalValidationError:
            continue
        ref = validate_file(f, engine="frictionless")
        k = lambda r: [(p.row, p.column, p.code, p.value, p.suggestion) for p in r.problems]  # noqa: E731
        assert k(fast) == k(ref), f.name
        assert fast.counts == ref.counts, f.name
        compared += 1
    assert compared >= 18

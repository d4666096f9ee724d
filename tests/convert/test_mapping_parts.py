"""Headers with a 親_子 shape (joined from two header rows, or written so): the last part alone is a candidate,
but a generic last part (備考, 名称, 電話番号 …) under an unrelated first part is only a weak one
(converters.mapping.candidates)."""

from __future__ import annotations

import pytest

from converters.mapping import FUZZY_MIN, WEAK_CHILD_SCORE, auto_map, candidates


@pytest.mark.parametrize("header", ["運動場面積_備考", "バリアフリー詳細情報_他_備考"])
def test_generic_last_part_is_a_weak_candidate_only(header: str) -> None:
    (t, method, score), *_ = candidates(header, "2026/evacuation_space")
    assert t == "備考" and method != "exact"
    assert score == WEAK_CHILD_SCORE < FUZZY_MIN * 0.85          # below any look-alike match


def test_a_real_remarks_column_wins_over_a_qualified_one() -> None:
    header = ["名称", "運動場面積_m2", "運動場面積_備考", "備考"]
    m = auto_map(header, "2026/evacuation_space")
    assert m.fields["備考"].source == "備考" and m.fields["備考"].method == "exact"
    assert (2, "運動場面積_備考") in m.unmapped


def test_a_qualified_remarks_column_alone_is_mapped_weakly() -> None:
    # 浜松市's 避難所 list: no 備考 column of its own
    m = auto_map(["避難所名称", "所在地", "運動場面積_m2", "運動場面積_備考"], "2026/evacuation_space")
    fm = m.fields["備考"]
    assert fm.source == "運動場面積_備考" and fm.method == "fuzzy" and fm.score == WEAK_CHILD_SCORE


@pytest.mark.parametrize(("header", "sid", "target"), [
    ("所在地_住所", "2021/aed", "住所"),                  # the first part names the same item: a two-row address
    ("施設名_名称", "2021/aed", "名称"),
    ("AED_設置位置", "2021/aed", "設置位置"),             # a last part few datasets have stays a good candidate
    ("資料_災害種別_地震", "2026/evacuation_space", "災害種別_地震"),
])
def test_specific_or_confirmed_last_part_stays_a_good_candidate(header: str, sid: str, target: str) -> None:
    (t, method, score), *_ = candidates(header, sid)
    assert t == target and method != "fuzzy" and score >= 0.85


def test_whole_names_with_an_underscore_are_unchanged() -> None:
    assert candidates("所在地_都道府県", "2026/public_toilet")[0] == ("所在地_都道府県", "exact", 1.0)
    assert candidates("名称_カナ", "2021/aed")[0] == ("名称_カナ", "exact", 1.0)
    assert candidates("画像_ライセンス", "2026/public_toilet")[0] == ("画像_ライセンス", "exact", 1.0)

import pytest

from converters.steps.url import UrlStep

from .helpers import field, run

STEP = UrlStep()
F = field("URL", checks=["url"])


@pytest.mark.parametrize("raw,out", [
    ("ｈｔｔｐｓ：／／ｗｗｗ．ｃｉｔｙ．ｋｏｍａｅ．ｔｏｋｙｏ．ｊｐ／", "https://www.city.komae.tokyo.jp/"),
    (" https://ishima-seitai.com ", "https://ishima-seitai.com"),
    ("https://www.city.example.lg.jp/index.cfm/42,73691,328,2043,html\u3000", "https://www.city.example.lg.jp/index.cfm/42,73691,328,2043,html"),
])
def test_normalised(raw, out):
    r = run(STEP, raw, F)
    assert r.value == out and r.note_ja and r.issue is None


@pytest.mark.parametrize("raw", ["https://www.city.komae.tokyo.jp/index.cfm/42,73691,328,2043,html", "http://example.jp",
                                 "https://example.jp/施設/一覧.html", ""])
def test_clean_unchanged(raw):
    r = run(STEP, raw, F)
    assert r.value == raw and r.note_ja is None and r.issue is None


@pytest.mark.parametrize("raw,code", [
    ("www.city.tottori.lg.jp", "url-format"), ("ftp://example.jp/x", "url-format"), ("mailto:a@b.jp", "url-format"),
    ("https://a.jp https://b.jp", "url-several"), ("https://a.jp/ x", "url-format"), ("ホームページ参照", "url-format"),
    ("http://", "url-format"),
])
def test_refused(raw, code):
    r = run(STEP, raw, F)
    assert r.value == raw and r.issue.code == code


def test_nothing_is_added():
    assert run(STEP, "www.city.tottori.lg.jp", F).value == "www.city.tottori.lg.jp"


@pytest.mark.parametrize("raw", ["https://www/yosaitokyo.gr.jp/", "http://localhost:8080/", "https://intranet/a.html"])
def test_host_without_a_dot_is_refused(raw):
    # 豊島区's イベント一覧: https://www/yosaitokyo.gr.jp/ (the dot after www typed as a slash)
    r = run(STEP, raw, F)
    assert r.value == raw and r.issue.code == "url-format" and "ドメインがありません" in r.issue.message_ja


@pytest.mark.parametrize("raw", ["http://192.168.0.1/x", "https://a.b-c.jp:8080/?q=1#x", "http://www.example.com./"])
def test_hosts_with_a_dot_pass(raw):
    assert run(STEP, raw, F).issue is None

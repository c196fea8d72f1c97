import pytest

from redaction.model.profile import ProfileError, load_profile, parse_profile
from redaction.text.normalize import normalize, normalize_with_map

CONTRACT_EXAMPLE = '''name = "阿依古丽·买买提"                 # required
aliases = ["阿依古丽"]                  # optional
employers = ["阿克苏地区生态环境局",
             "阿克苏地区环境监测站"]
'''


def test_contract_example_parses():
    p = parse_profile(CONTRACT_EXAMPLE)
    assert p.name == "阿依古丽·买买提"
    assert p.aliases == ("阿依古丽",)
    assert p.employers == ("阿克苏地区生态环境局", "阿克苏地区环境监测站")
    kinds = {t.key: t.kind for t in p.terms()}
    assert kinds == {"阿依古丽买买提": "name", "阿依古丽": "name",
                     "阿克苏地区生态环境局": "employer", "阿克苏地区环境监测站": "employer"}


@pytest.mark.parametrize("source, line, words", [
    ('name = "王芳"\nnmae = "x"\nemployers = ["某局"]\n', 2, "unknown key 'nmae'"),
    ('name = ""\nemployers = ["某局"]\n', 1, "'name' is missing or empty"),
    ('name = "王芳"\nemployers = []\n', 2, "'employers' is missing or empty"),
    ('name = "王芳"\n', None, "'employers' is missing"),
    ('name = "王芳"\nemployers = ["某局"\n', 2, "not valid TOML"),
    ('name = "王芳\nemployers = ["某局"]\n', 1, "not valid TOML"),
])
def test_profile_errors_name_the_problem_and_line(source, line, words):
    with pytest.raises(ProfileError) as info:
        parse_profile(source, "p.toml")
    assert words in str(info.value)
    assert info.value.line == line
    if line:
        assert f"p.toml:{line}:" in str(info.value)


def test_load_profile_reports_unreadable_and_non_utf8(tmp_path):
    with pytest.raises(ProfileError, match="cannot read"):
        load_profile(tmp_path / "missing.toml")
    bad = tmp_path / "gbk.toml"
    bad.write_bytes('name = "王芳"\n'.encode("gbk"))
    with pytest.raises(ProfileError, match="UTF-8"):
        load_profile(bad)


@pytest.mark.parametrize("raw, expected", [
    ("王　芳", "王芳"), ("王 芳", "王芳"), ("王\u00a0芳", "王芳"),
    ("阿依古丽·买买提", "阿依古丽买买提"), ("阿依古丽•买买提", "阿依古丽买买提"),
    ("阿依古丽・买买提", "阿依古丽买买提"), ("阿依古丽.买买提", "阿依古丽买买提"),
    ("阿依古丽‧买买提", "阿依古丽买买提"), ("阿依古丽･买买提", "阿依古丽买买提"),
    ("ＡＢＣ１２３", "abc123"), ("阿克蘇地區", "阿克苏地区"),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_map_points_back_to_original_characters():
    text = "姓名：王　芳"
    norm, index = normalize_with_map(text)
    assert norm == "姓名:王芳"
    assert [text[i] for i in index] == list("姓名：王芳")


def test_profile_round_trips_through_toml():
    p = parse_profile(CONTRACT_EXAMPLE)
    assert parse_profile(p.to_toml()) == p

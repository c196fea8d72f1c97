"""An organisation's own words: its name without the region every organisation there shares
(新疆维吾尔自治区, 阿克苏地区, 湖南). Ring readings and printed lines are told to be the employer's by
the characters they share with these words, not with the region."""

from __future__ import annotations

import re

#: The region an organisation's name starts with (新疆维吾尔自治区, 阿克苏地区, 乌鲁木齐市): every
#: organisation of the region shares it, so a ring reading of it alone names no one (the training
#: centre's 新疆维吾尔自治区专业技术人员继续教育基地 read as 新疆维吾尔自治区 is not 新疆维吾尔自治区人民医院's).
#: A province's bare name starts short forms and many names too (新疆地矿局第一地质大队, 湖南工商大学).
#: A Corps division and its city are one region, one administration (师市合一): the bodies of
#: 新疆生产建设兵团第八师石河子市 all start so, and 石河子 names none of them (synth4 s11 014: the
#: division's 人力资源和社会保障局 seal read as 生产建设兵团第/师石河子 was masked as its 林业和草原局's).
PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|"
             "四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
_REGION = re.compile(r"^(新疆生产建设兵团(第.{1,3}师([\u4e00-\u9fff]{2,4}?市)?)?"
                     r"|[\u4e00-\u9fff]{1,8}?(自治区|自治州|自治县|地区|省|市|盟|州|县)"
                     r"|自治区|自治州)")
_PROVINCE = re.compile("^(" + PROVINCES + ")")
#: ... and a province's bare name is a region only before this many more characters (吉林大学 is
#: its own name; 湖南工商大学 is 湖南's 工商大学).
PROVINCE_REST = 4
#: Characters of the employer's own words (beyond the region) a reading must share to be its.
OWN_WORDS = 2


def lcs(a: str, b: str) -> int:
    """Length of the longest common subsequence."""
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b, start=1):
            cur.append(prev[j - 1] + 1 if ca == cb else max(prev[j], cur[j - 1]))
        prev = cur
    return prev[-1]


#: A province-level region another region is nested in: 新疆维吾尔自治区巴音郭楞蒙古自治州和静县水利局's
#: own words are 和静县水利局, as the name without the province's says (synth4 s12 010: the
#: county's 人力资源和社会保障局 seal, read 社会疆维吾尔自治区巴音桥蒙, shared 巴音蒙 with
#: 巴音郭楞蒙古和静县水利局 and was masked as the bureau's).
_PROVINCE_LEVEL = ("自治区", "省")


def own_words(key: str) -> str:
    """The employer's name without the region it starts with (阿克苏地区生态环境局 → 生态环境局;
    新疆维吾尔自治区阿克苏地区生态环境局 → 生态环境局 too); the whole name when it is the region and
    little more."""
    m = _REGION.match(key)
    if m and len(key) - m.end() >= OWN_WORDS:
        rest = key[m.end():]
        nested = _REGION.match(rest) if m.group(0).endswith(_PROVINCE_LEVEL) else None
        return rest[nested.end():] if nested and len(rest) - nested.end() >= OWN_WORDS else rest
    m = _PROVINCE.match(key)
    return key[m.end():] if m and len(key) - m.end() >= PROVINCE_REST else key


#: The words of a region's kind that nested regions repeat in an organisation's own words
#: (…巴音郭楞蒙古自治州和静县水利局 after 新疆维吾尔自治区): no organisation's own.
_REGION_KINDS = re.compile(r"自治区|自治州|自治县|自治旗|地区")


def names_own_words(reading: str, key: str) -> bool:
    """Does a (partial) reading share enough of the employer's own words, beyond its region? The
    kinds of region nested in them do not count: 共青团新疆维吾尔自治区委员会's 新疆维吾尔自治区 shares
    only 自治 with 巴音郭楞蒙古自治州和静县水利局 (synth4 s10 005: the league's seal was masked as
    the county bureau's)."""
    words = own_words(key)
    plain = _REGION_KINDS.sub("", words) or words
    return lcs(reading, plain) >= min(OWN_WORDS, len(plain))

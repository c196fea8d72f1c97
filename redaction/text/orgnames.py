"""Other written forms of the same employer: what a page prints when the applicant typed another.

An applicant types the employer once (新疆维吾尔自治区阿克苏地区生态环境局); the letterhead, the
seal and the forms print it with or without the region (阿克苏地区生态环境局), with the region
shortened (新疆 / 自治区 for 新疆维吾尔自治区) or a prefecture by its everyday name (巴州水利局 for
巴音郭楞蒙古自治州水利局). Every form made here names the same organisation, so it is matched like
the typed one (accepted). Forms that could name another organisation (生态环境局 alone) are not
made here: prose offers those as suggestions (`redaction.prose.matcher.employer_short_forms`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redaction.text.normalize import normalize

#: Administrative-division words that end a region prefix (longest alternatives first).
ADMIN_WORDS = ("维吾尔自治区|壮族自治区|回族自治区|特别行政区|生产建设兵团|自治区|自治州|自治县|自治旗|"
               "地区|兵团|街道|省|市|州|盟|县|区|旗|镇|乡")
#: A region at the start of a name: 阿克苏地区, 巴音郭楞蒙古自治州, 第一师.
REGION_PREFIXES = (
    re.compile(rf"^(?P<stem>[\u4e00-\u9fff]{{2,12}}?)(?P<suf>{ADMIN_WORDS})"),
    re.compile(r"^(?P<stem>第[一二三四五六七八九十〇零0-9]+师)(?P<suf>)"),
    re.compile(r"^(?P<stem>新疆)(?P<suf>)(?!维吾尔|生产建设)"),
)
#: The region's own name as pages print it: the official form first.
_PROVINCE_FORMS = ("新疆维吾尔自治区", "新疆", "自治区")
#: Xinjiang's autonomous prefectures by their official and everyday names (巴州水利局).
_PREFECTURES = (
    ("巴音郭楞蒙古自治州", "巴州"),
    ("昌吉回族自治州", "昌吉州"),
    ("伊犁哈萨克自治州", "伊犁州"),
    ("博尔塔拉蒙古自治州", "博州"),
    ("克孜勒苏柯尔克孜自治州", "克州"),
)
#: A company's legal form at the end of its name: 深圳市华兴智能科技股份有限公司.
COMPANY_SUFFIX = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团公司)$")
#: A company's name without its region keeps at least this many characters before its legal form
#: (华兴智能科技 before 股份有限公司): a shorter one (天山 before 有限公司) could be another's.
MIN_COMPANY_STEM = 4

#: A variant shorter than this is not made (a remainder this short is a generic word).
MIN_VARIANT = 5


def _begins_with_place(text: str) -> bool:
    """Whether `text` starts with a region of its own (阿克苏地区…, 第一师…), not a generic word."""
    m = REGION_PREFIXES[0].match(text) or REGION_PREFIXES[1].match(text)
    return m is not None and len(text) - m.end() >= 2


def _province_forms(key: str) -> set[str]:
    for form in _PROVINCE_FORMS:
        if key.startswith(form) and not key.startswith(form + "生产建设"):
            rest = key[len(form):]
            if form == "新疆" and rest.startswith("维吾尔"):
                continue
            if len(rest) < 3:
                return set()
            out = {other + rest for other in _PROVINCE_FORMS}
            if _begins_with_place(rest):          # 新疆…阿克苏地区生态环境局 → 阿克苏地区生态环境局
                out.add(rest)
            return out
    return set()


def _is_company(text: str) -> bool:
    """A company's trade name and legal form (华兴智能科技股份有限公司): together they still name
    that one company without the regions before them."""
    suffix = COMPANY_SUFFIX.search(text)
    return suffix is not None and suffix.start() >= MIN_COMPANY_STEM


def _without_regions(key: str) -> set[str]:
    """The name with leading regions taken off while what is left still starts with a place or is
    a company's name (深圳市华兴智能科技股份有限公司 → 华兴智能科技股份有限公司: letterheads, seals and
    contracts print it so)."""
    out: set[str] = set()
    rest = key
    while True:
        m = next((m for m in (p.match(rest) for p in REGION_PREFIXES) if m), None)
        if m is None:
            return out
        remainder = rest[m.end():]
        if not (_begins_with_place(remainder) or _is_company(remainder)):
            return out
        out.add(remainder)
        rest = remainder


def _prefecture_forms(key: str) -> set[str]:
    out = set()
    for official, everyday in _PREFECTURES:
        if official in key:
            out.add(key.replace(official, everyday, 1))
        else:
            at = key.find(everyday)
            # the everyday name only where a region stands: first, or after the province
            if at == 0 or (at > 0 and key[:at] in _PROVINCE_FORMS):
                out.add(key[:at] + official + key[at + len(everyday):])
    return out


@lru_cache(maxsize=1024)
def employer_variants(employer: str) -> tuple[str, ...]:
    """Other forms (normalised keys) of `employer` that name the same organisation, longest first.

    新疆维吾尔自治区巴音郭楞蒙古自治州水利局 → 巴音郭楞蒙古自治州水利局, 巴州水利局, 新疆巴州水利局 …;
    巴州水利局 → 巴音郭楞蒙古自治州水利局. Names that are not Chinese give none.
    """
    key = normalize(employer)
    if len(key) < MIN_VARIANT or not re.fullmatch(r"[\u4e00-\u9fff0-9（）()]+", key):
        return ()
    found: set[str] = set()
    frontier = {key}
    for _ in range(3):                    # province, regions and prefecture forms combine
        new = set()
        for form in frontier:
            new |= _province_forms(form) | _without_regions(form) | _prefecture_forms(form)
        new -= found | {key}
        found |= new
        frontier = new
    return tuple(sorted((v for v in found if len(v) >= MIN_VARIANT), key=lambda v: (-len(v), v)))

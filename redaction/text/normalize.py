"""The text normalisation every matcher shares: width, case, spaces, middle dots and common
traditional forms folded, with a map back to the original characters."""

from __future__ import annotations

import unicodedata

#: The middle-dot family (and '.') that separates parts of Uyghur/Kazakh names; OCR returns any
#: of them or drops the dot, so matching ignores them all.
MIDDLE_DOTS = frozenset("·•‧・･.．∙⋅˙ᐧ‐-－—–")

#: Traditional and variant forms OCR may return for characters common in names and
#: organisation names here; mapped to the simplified form.
_VARIANTS = str.maketrans(
    "區環監測醫學縣師維爾蘇麗買機關電廳農業華張偉劉陳楊趙黃吳鄭孫馬國會員衛濟藝術廣東書證職稱評審專級"
    "單園圖館氣資財務稅質檢驗運輸發開設計劃鄉鎮團墾場礦產糧銀險療護協儀熱紅與為實體歷應經貿車鐵蘭龍"
    "鳳麥齊烏魯庫熱態勞動範優義軍區們個這來時對將從當濱灣島嶺縣區號碼樓廠窯滙匯雲飛貴陽瀋興寧濰壩壩廈",
    "区环监测医学县师维尔苏丽买机关电厅农业华张伟刘陈杨赵黄吴郑孙马国会员卫济艺术广东书证职称评审专级"
    "单园图馆气资财务税质检验运输发开设计划乡镇团垦场矿产粮银险疗护协仪热红与为实体历应经贸车铁兰龙"
    "凤麦齐乌鲁库热态劳动范优义军区们个这来时对将从当滨湾岛岭县区号码楼厂窑汇汇云飞贵阳沈兴宁潍坝坝厦",
)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise for matching and map each output character back to its input index.

    NFKC (full/half width), lower case, no whitespace of any kind (U+3000 pads names in forms),
    no middle dots, traditional → simplified for common characters.
    """
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if c.isspace() or c in MIDDLE_DOTS or unicodedata.category(c) in ("Cc", "Cf", "Zs"):
                continue
            for low in c.lower().translate(_VARIANTS):   # 'İ'.lower() is two characters
                out.append(low)
                index.append(i)
    return "".join(out), index


def normalize(text: str) -> str:
    """`text` normalised for matching (see `normalize_with_map`)."""
    return normalize_with_map(text)[0]

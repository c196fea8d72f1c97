"""Synthetic scanned attachments of Chinese professional-title applications, with ground truth.

`make_corpus(n, seed)` returns pages that look like what applicants in Xinjiang upload: ID-card
copies, diplomas and degree certificates, title certificates, annual appraisal forms, training and
award certificates, journal pages and employer letters. Every page carries the boxes that blind
review requires masked (owner "applicant": name, employer, seal, eyes) and the look-alikes that must
stay visible (owner "other": other people's names, other organisations, their seals, printed emblems
— a ring round a star, a national emblem, a school badge — and red titles).

Everything is deterministic for a given seed; page *i* does not depend on how many pages are made.
The pixels go through what scanners and copiers do: skew (±2°), sometimes a page scanned sideways or
upside down, paper tone and shading, grey photocopies (seals turn grey), faded seals, blur, noise and
JPEG re-encoding. Ground-truth polygons follow every geometric step.

Faces are real photos shipped with scikit-image (the astronaut and the LFW subset); their eye
positions were taken from CenterFace landmarks on 8× upscaled copies and every one checked by eye.

    pages = make_corpus(40, seed=0)
    write_corpus(pages, "corpus/")        # JPEG/PDF files, a profile per applicant, truth.json
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from redaction.model.profile import Profile
from redaction.text.normalize import normalize

DPI = 200
A4 = (1654, 2339)          # width, height in pixels at 200 dpi
MM = DPI / 25.4            # pixels per millimetre
PT = DPI / 72.0            # pixels per typographic point

DOC_TYPES = ("id_card", "diploma", "title_cert", "appraisal", "training", "award", "journal", "letter")
#: Chinese file stems for each document type (used by write_corpus and the bundled samples).
DOC_NAMES = {
    "id_card": "身份证复印件", "diploma": "毕业证书", "title_cert": "职称证书", "appraisal": "年度考核登记表",
    "training": "培训证书", "award": "荣誉证书", "journal": "期刊论文", "letter": "单位证明",
}
APPLICANT_KINDS = ("name", "employer", "seal", "eyes")
OTHER_KINDS = ("name", "org", "seal", "title", "emblem")


# --- public data model -----------------------------------------------------------------------

@dataclass
class GroundTruth:
    """One thing on a page. bbox is [x0, y0, x1, y1) in page pixels (x1/y1 exclusive).

    owner "applicant": must be masked (kind name / employer / seal / eyes).
    owner "other": must stay visible (kind name / org / seal / title / emblem).
    polygon is the exact outline (a rotated rectangle on a skewed page, a disc for a seal); the
    bbox is its bounding box. tags say what makes the item hard ("wrapped", "faded", "grey",
    "signature", "red", "padded", "alias", "dot:<variant>", "under_seal", "small_face" ...).
    """

    kind: str
    bbox: tuple[int, int, int, int]
    text: str | None
    owner: str
    polygon: list[tuple[float, float]] | None = None
    tags: tuple[str, ...] = ()

    def to_json(self) -> dict:
        d = asdict(self)
        d["bbox"] = list(self.bbox)
        d["polygon"] = [[round(x, 1), round(y, 1)] for x, y in self.polygon] if self.polygon else None
        d["tags"] = list(self.tags)
        return d

    @classmethod
    def from_json(cls, d: dict) -> GroundTruth:
        poly = [tuple(p) for p in d["polygon"]] if d.get("polygon") else None
        return cls(d["kind"], tuple(d["bbox"]), d.get("text"), d["owner"], poly, tuple(d.get("tags", ())))


@dataclass
class SyntheticPage:
    pixels: np.ndarray                 # H x W x 3 BGR uint8, as a scanner would deliver it
    truth: list[GroundTruth]
    doc_type: str
    profile: Profile
    dpi: int | None = DPI              # None: a phone photo (the file says nothing true)
    rotation: int = 0                  # content turned this many degrees counter-clockwise (0/90/180/270)
    skew: float = 0.0                  # small rotation (degrees, counter-clockwise) before that
    grey: bool = False                 # grey photocopy: seals are grey, not red
    applicant: str = ""                # applicant key (groups pages by profile)
    seed: int = 0
    index: int = 0

    @property
    def stem(self) -> str:
        return f"{self.index:03d}-{self.doc_type}"

    def items(self, owner: str | None = None, kind: str | None = None) -> list[GroundTruth]:
        return [t for t in self.truth if (owner is None or t.owner == owner) and (kind is None or t.kind == kind)]


# --- applicants and the world around them ----------------------------------------------------

@dataclass(frozen=True)
class Applicant:
    key: str
    name: str
    aliases: tuple[str, ...]
    employers: tuple[str, ...]        # full official name first; others are listed forms
    sex: str
    ethnic: str
    born: tuple[int, int, int]
    major: str
    title: str
    position: str
    university: str
    degree: str
    city: str
    postcode: str
    police: str                       # ID card issuer
    email: str

    @property
    def profile(self) -> Profile:
        return Profile(name=self.name, employers=self.employers, aliases=self.aliases)

    @property
    def dotted(self) -> bool:
        return "·" in self.name


APPLICANTS: tuple[Applicant, ...] = (
    Applicant("a01", "阿依古丽·买买提", ("阿依古丽",), ("阿克苏地区生态环境局", "阿克苏地区环境监测站"),
              "女", "维吾尔族", (1985, 3, 12), "环境科学", "高级工程师", "环境监测科科长", "新疆大学", "理学学士",
              "阿克苏", "843000", "阿克苏市公安局", "ayiguli85@163.com"),
    Applicant("a02", "王芳", (), ("新疆维吾尔自治区人民医院", "自治区人民医院"),
              "女", "汉族", (1982, 11, 5), "临床医学", "副主任医师", "心内科主治医师", "新疆医科大学", "医学学士",
              "乌鲁木齐", "830001", "乌鲁木齐市公安局天山区分局", "wangfang_xj@126.com"),
    Applicant("a03", "艾尔肯·吐尔逊", ("艾尔肯",), ("喀什地区第一人民医院",),
              "男", "维吾尔族", (1987, 6, 21), "医学影像学", "主治医师", "影像科副主任", "新疆医科大学", "医学学士",
              "喀什", "844000", "喀什市公安局", "erkin87@qq.com"),
    Applicant("a04", "努尔兰·哈力克", (), ("伊犁哈萨克自治州农业技术推广总站", "伊犁州农业技术推广总站"),
              "男", "哈萨克族", (1983, 9, 2), "农学", "推广研究员", "植保科科长", "新疆农业大学", "农学学士",
              "伊宁", "835000", "伊宁市公安局", "nurlan83@163.com"),
    Applicant("a05", "李建军", ("李健军",), ("和田地区水利局",),
              "男", "汉族", (1979, 1, 30), "水利水电工程", "高级工程师", "规划科科长", "石河子大学", "工学学士",
              "和田", "848000", "和田市公安局", "lijianjun79@163.com"),
    Applicant("a06", "古丽娜尔·阿不都热依木", ("古丽娜尔",), ("乌鲁木齐市第一中学",),
              "女", "维吾尔族", (1988, 4, 17), "汉语言文学", "一级教师", "语文教研组组长", "新疆师范大学", "文学学士",
              "乌鲁木齐", "830002", "乌鲁木齐市公安局沙依巴克区分局", "gulnar88@126.com"),
    Applicant("a07", "张晓燕", (), ("新疆生产建设兵团第一师阿拉尔市农业农村局", "第一师阿拉尔市农业农村局"),
              "女", "汉族", (1986, 8, 8), "农业经济管理", "农艺师", "科员", "塔里木大学", "管理学学士",
              "阿拉尔", "843300", "阿拉尔市公安局", "zhangxy86@163.com"),
    Applicant("a08", "热孜万古丽·艾则孜", (), ("昌吉回族自治州林业和草原局",),
              "女", "维吾尔族", (1990, 2, 14), "林学", "工程师", "科员", "新疆农业大学", "农学学士",
              "昌吉", "831100", "昌吉市公安局", "rezwan90@qq.com"),
    Applicant("a09", "马玉兰", (), ("昌吉市人民医院",),
              "女", "回族", (1984, 12, 1), "护理学", "副主任护师", "护理部护士长", "新疆医科大学", "理学学士",
              "昌吉", "831100", "昌吉市公安局", "mayulan84@163.com"),
    Applicant("a10", "买买提江·阿布拉", ("买买提江",), ("克拉玛依市环境监测站", "克拉玛依市生态环境监测站"),
              "男", "维吾尔族", (1981, 7, 9), "分析化学", "高级工程师", "站长助理", "新疆大学", "理学学士",
              "克拉玛依", "834000", "克拉玛依市公安局", "mamatjan81@163.com"),
    Applicant("a11", "刘洋", (), ("巴音郭楞蒙古自治州气象局", "巴州气象局"),
              "男", "汉族", (1989, 5, 27), "大气科学", "工程师", "预报科科员", "兰州大学", "理学学士",
              "库尔勒", "841000", "库尔勒市公安局", "liuyang89@126.com"),
    Applicant("a12", "阿依努尔·托合提", ("阿依努尔",), ("吐鲁番市高昌区疾病预防控制中心", "高昌区疾病预防控制中心"),
              "女", "维吾尔族", (1986, 10, 3), "预防医学", "主管医师", "检验科副科长", "新疆医科大学", "医学学士",
              "吐鲁番", "838000", "吐鲁番市公安局", "aynur86@163.com"),
)

OTHER_NAMES = (
    "张伟", "李娜", "刘建国", "陈静", "杨帆", "赵磊", "黄丽", "周志强", "吴敏", "徐海涛", "孙立新", "胡晓明",
    "郭燕", "何斌", "高红梅", "林涛", "罗志勇", "郑秀英", "梁宏", "宋玉华", "韩冬", "唐婷", "冯建华", "于洋",
    "吐尔洪·艾买提", "帕尔哈提·吾斯曼", "迪丽拜尔·阿木提", "米热古丽·热合曼", "阿布都热西提·艾力", "布合力其汗·努尔",
    "哈斯木·买买提明", "叶尔兰·巴合提", "加娜尔·木拉提", "艾克拜尔·米吉提", "祖丽皮亚·克热木", "库尔班·尼亚孜",
)

UNIVERSITIES = ("新疆大学", "新疆医科大学", "新疆农业大学", "新疆师范大学", "石河子大学", "塔里木大学",
                "喀什大学", "兰州大学", "伊犁师范大学")
COLLEGES = ("资源与环境科学学院", "生命科学与技术学院", "化学学院", "公共卫生学院", "农学院", "地理科学与旅游学院")
AUTHORITIES = ("新疆维吾尔自治区人力资源和社会保障厅", "新疆维吾尔自治区职称改革工作领导小组办公室",
               "新疆维吾尔自治区卫生健康委员会", "新疆维吾尔自治区生态环境厅", "新疆维吾尔自治区教育厅",
               "新疆维吾尔自治区农业农村厅", "新疆维吾尔自治区水利厅", "新疆维吾尔自治区气象局")
COMMITTEES = ("新疆维吾尔自治区工程技术高级职务评审委员会", "新疆维吾尔自治区卫生系列高级职务评审委员会",
              "新疆维吾尔自治区中小学教师中级职务评审委员会", "新疆维吾尔自治区农业技术推广研究员评审委员会")
TRAINERS = ("新疆维吾尔自治区继续教育中心", "新疆维吾尔自治区环境保护科学研究院", "新疆维吾尔自治区人才发展中心",
            "中国环境科学学会", "新疆维吾尔自治区医学会", "新疆维吾尔自治区农业科学院")
#: Training centres with the long names real ones have (15–22 characters: the ring text runs
#: 270–320° round on their seals). Drawn on a share of training certificates (side generator).
LONG_TRAINERS = ("新疆维吾尔自治区专业技术人员继续教育基地", "新疆维吾尔自治区卫生健康委员会继续医学教育办公室",
                 "新疆维吾尔自治区科学技术协会继续教育中心", "乌鲁木齐市专业技术人员继续教育培训中心",
                 "新疆维吾尔自治区人力资源和社会保障厅培训中心", "新疆维吾尔自治区生态环境保护宣传教育中心",
                 "新疆维吾尔自治区农业技术推广总站培训部", "新疆维吾尔自治区教育科学研究院培训中心")
#: Co-issuers of honours (a union, a league, a committee) whose seal sits beside the employer's.
CO_ISSUERS = ("新疆维吾尔自治区总工会", "中国共产主义青年团新疆维吾尔自治区委员会", "新疆维吾尔自治区妇女联合会",
              "新疆维吾尔自治区科学技术协会", "新疆维吾尔自治区卫生健康委员会",
              "新疆维吾尔自治区专业技术人员继续教育基地", "新疆维吾尔自治区精神文明建设指导委员会办公室")
#: More co-issuers of honours: organising committees, learned societies, the youth league.
MORE_CO_ISSUERS = ("新疆维吾尔自治区青少年科技创新大赛组委会", "新疆维吾尔自治区医学会", "新疆维吾尔自治区护理学会",
                   "共青团新疆维吾尔自治区委员会", "新疆维吾尔自治区教育学会", "新疆维吾尔自治区环境科学学会",
                   "全国职业院校技能大赛新疆赛区组委会")
#: The bureaus that review an appraisal form and seal it beside the employer (人社局, 职改办).
LOCAL_AUTHORITIES = ("阿克苏地区职称改革工作领导小组办公室", "喀什地区职称改革工作领导小组办公室",
                     "伊犁哈萨克自治州人力资源和社会保障局", "乌鲁木齐市人力资源和社会保障局",
                     "昌吉回族自治州职称改革工作领导小组办公室", "和田地区人力资源和社会保障局",
                     "巴音郭楞蒙古自治州职称改革工作领导小组办公室", "克拉玛依市人力资源和社会保障局")
#: Share of appraisal forms whose reviewing seal is such a bureau's.
AUTHORITY_SHARE = 0.5
SIBLINGS = ("喀什地区生态环境局", "阿克苏地区林业和草原局", "和田地区人民医院", "阿克苏地区人力资源和社会保障局",
            "伊犁哈萨克自治州人民医院", "乌鲁木齐市第十三中学", "昌吉回族自治州人民政府", "克拉玛依市生态环境局",
            "巴音郭楞蒙古自治州水利局", "吐鲁番市人民医院", "阿克苏地区行政公署", "喀什地区人力资源和社会保障局")
JOURNALS = (("新疆环境保护", "Environmental Protection of Xinjiang"), ("干旱区研究", "Arid Zone Research"),
            ("新疆医科大学学报", "Journal of Xinjiang Medical University"),
            ("新疆农业科学", "Xinjiang Agricultural Sciences"),
            ("中国农村水利水电", "China Rural Water and Hydropower"),
            ("沙漠与绿洲气象", "Desert and Oasis Meteorology"))

FILLER = (
    "近年来，随着区域经济社会的快速发展，生态环境保护工作面临新的形势和任务。",
    "本研究以典型区域为对象，采用野外调查与实验室分析相结合的方法开展系统研究。",
    "结果表明，各监测点位的主要指标均呈现明显的季节变化特征，夏季高于冬季。",
    "样品采集后立即冷藏保存，并在二十四小时内完成预处理和测定。",
    "数据采用统计软件进行分析，差异显著性水平设定为百分之五。",
    "与往年同期相比，优良天数比例有所提高，重污染天数明显减少。",
    "研究区属温带大陆性干旱气候，年均降水量较少，蒸发强烈，生态系统较为脆弱。",
    "在实际工作中，应当进一步加强监测网络建设，提升数据质量和信息化水平。",
    "通过对比分析发现，不同处理之间存在显著差异，其中第三组效果最好。",
    "本文提出的方法具有操作简便、成本较低、结果可靠等优点，具有一定的推广价值。",
    "针对存在的问题，提出了加强源头控制、完善管理制度、强化技术支撑等对策建议。",
    "各项工作均严格按照国家相关技术规范和质量控制要求执行。",
    "该成果已在多个县市推广应用，取得了良好的社会效益和经济效益。",
    "同时，还需要加强基层专业技术人员培训，提高业务能力和综合素质。",
    "模型的模拟值与实测值吻合较好，相关系数达到零点九以上。",
    "今后应继续开展长期定位观测，为科学决策提供更加可靠的依据。",
    "调查共涉及十二个乡镇、八十六个行政村，发放问卷一千二百余份。",
    "质量控制采用平行样、加标回收和标准物质分析等方式，结果均满足要求。",
)
SUMMARY = (
    "本人认真学习党的路线方针政策，政治立场坚定，遵守各项规章制度。",
    "在工作中爱岗敬业、勤勤恳恳，较好地完成了领导交办的各项任务。",
    "积极参加业务培训，不断提高自身专业水平和解决实际问题的能力。",
    "全年共完成各类技术报告十余份，参与重点项目三项。",
    "团结同事，服从安排，工作作风扎实，廉洁自律。",
    "今后将进一步加强学习，克服不足，努力把工作做得更好。",
)


# --- fonts and glyphs ------------------------------------------------------------------------

_NOTO = "/usr/share/fonts/opentype/noto/"
FONT_FILES = {
    "sans": (_NOTO + "NotoSansCJK-Regular.ttc", 2),
    "serif": (_NOTO + "NotoSerifCJK-Regular.ttc", 2),
    "sans_bold": (_NOTO + "NotoSansCJK-Bold.ttc", 2),
    "serif_bold": (_NOTO + "NotoSerifCJK-Bold.ttc", 2),
    "hei": ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    "kai": ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
    "song": ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),
}
BODY_FAMILIES = ("sans", "serif", "serif", "hei")


def _font_file(family: str) -> tuple[str, int]:
    path, index = FONT_FILES[family]
    if os.path.exists(path):
        return path, index
    for fallback in FONT_FILES.values():        # any installed CJK font rather than none
        if os.path.exists(fallback[0]):
            return fallback
    raise RuntimeError("no CJK font installed (fonts-noto-cjk or fonts-wqy-zenhei)")


@functools.lru_cache(maxsize=256)
def font(family: str, size: int) -> ImageFont.FreeTypeFont:
    path, index = _font_file(family)
    return ImageFont.truetype(path, int(size), index=index, layout_engine=ImageFont.Layout.BASIC)


@dataclass(frozen=True)
class F:
    """A font choice: family, size in pixels, horizontal scale (letterheads and seals are narrow)."""

    family: str
    size: int
    sx: float = 1.0

    @staticmethod
    def pt(family: str, points: float, sx: float = 1.0) -> F:
        return F(family, max(8, int(round(points * PT))), sx)


@functools.lru_cache(maxsize=20000)
def glyph(f: F, ch: str):
    """(ink mask uint8 or None, dx, dy, advance): ink placed at origin + (dx, dy), origin top-left."""
    fo = font(f.family, f.size)
    advance = fo.getlength(ch) * f.sx
    if ch.isspace():
        return None, 0, 0, advance
    left, top, right, bottom = fo.getbbox(ch)
    if right <= left or bottom <= top:
        return None, 0, 0, advance
    im = Image.new("L", (right - left + 2, bottom - top + 2), 0)
    ImageDraw.Draw(im).text((1 - left, 1 - top), ch, font=fo, fill=255)
    arr = np.asarray(im)
    ys, xs = np.nonzero(arr > 40)
    if not len(xs):
        return None, 0, 0, advance
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    arr = np.ascontiguousarray(arr[y0:y1, x0:x1])
    dx, dy = left - 1 + x0, top - 1 + y0
    if f.sx != 1.0:
        w = max(1, int(round(arr.shape[1] * f.sx)))
        arr = cv2.resize(arr, (w, arr.shape[0]), interpolation=cv2.INTER_AREA)
        dx = dx * f.sx
    return arr, float(dx), float(dy), float(advance)


def text_width(text: str, f: F, tracking: float = 0.0) -> float:
    return sum(glyph(f, c)[3] + tracking for c in text) - (tracking if text else 0)


# --- tags for text segments ------------------------------------------------------------------

@dataclass(frozen=True)
class Tag:
    kind: str
    owner: str
    tags: tuple[str, ...] = ()


def A(kind: str, *tags: str) -> Tag:
    return Tag(kind, "applicant", tags)


def Oth(kind: str, *tags: str) -> Tag:
    return Tag(kind, "other", tags)


Seg = tuple  # (text, Tag | None)

INK = (28, 28, 30)
RED_PRINT = (212, 28, 36)
BLUE_INK = (30, 45, 120)


# --- the canvas --------------------------------------------------------------------------------

class Canvas:
    """A page being printed: ink layers (one per colour), pasted photos, then stamps on top."""

    def __init__(self, width: int, height: int, rng: np.random.Generator):
        self.w, self.h, self.rng = width, height, rng
        self.layers: dict[tuple[int, int, int], np.ndarray] = {}
        self.photos: list[tuple[np.ndarray, int, int]] = []
        self.stamps: list[tuple[np.ndarray, int, int, tuple[int, int, int]]] = []
        self.truth: list[GroundTruth] = []
        self.ink = INK

    def layer(self, colour) -> np.ndarray:
        colour = tuple(int(c) for c in colour)
        if colour not in self.layers:
            self.layers[colour] = np.zeros((self.h, self.w), np.uint8)
        return self.layers[colour]

    # truth
    def add_truth(self, kind, owner, box, text=None, tags=(), polygon=None):
        x0, y0, x1, y1 = box
        poly = polygon or [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        self.truth.append(GroundTruth(kind, (int(x0), int(y0), int(math.ceil(x1)), int(math.ceil(y1))),
                                      text, owner, [(float(x), float(y)) for x, y in poly], tuple(tags)))

    # text
    def put_char(self, x: float, y: float, ch: str, f: F, colour) -> tuple[float, tuple | None]:
        arr, dx, dy, adv = glyph(f, ch)
        if arr is None:
            return adv, None
        X, Y = int(round(x + dx)), int(round(y + dy))
        h, w = arr.shape
        x0, y0, x1, y1 = max(0, X), max(0, Y), min(self.w, X + w), min(self.h, Y + h)
        if x1 > x0 and y1 > y0:
            lay = self.layer(colour)
            sub = lay[y0:y1, x0:x1]
            np.maximum(sub, arr[y0 - Y:y1 - Y, x0 - X:x1 - X], out=sub)
        return adv, (X, Y, X + w, Y + h)

    def write(self, x: float, y: float, segs, f: F, colour=None, tracking: float = 0.0) -> float:
        """Draw segments on one line from (x, y) (top-left of the em box); record tagged ones."""
        colour = colour or self.ink
        for seg in segs:
            text, tag = (seg, None) if isinstance(seg, str) else seg
            boxes = []
            for ch in text:
                adv, box = self.put_char(x, y, ch, f, colour)
                if box:
                    boxes.append(box)
                x += adv + tracking
            if tag and boxes:
                self.add_truth(tag.kind, tag.owner, _union(boxes), text, tag.tags)
        return x

    def write_center(self, cx: float, y: float, segs, f: F, colour=None, tracking=0.0) -> float:
        width = sum(text_width(s if isinstance(s, str) else s[0], f, tracking) + tracking for s in segs) - tracking
        self.write(cx - width / 2, y, segs, f, colour, tracking)
        return width

    def write_right(self, rx: float, y: float, segs, f: F, colour=None) -> float:
        width = sum(text_width(s if isinstance(s, str) else s[0], f) for s in segs)
        self.write(rx - width, y, segs, f, colour)
        return width

    def paragraph(self, x: float, y: float, width: float, segs, f: F, leading: float = 1.7,
                  indent: float = 2.0, colour=None, max_lines: int = 10_000) -> float:
        """Left-aligned CJK paragraph wrapping at any character; returns the y below it.

        A tagged segment that wraps becomes one truth item per line, tagged "wrapped".
        """
        colour = colour or self.ink
        chars = []  # (ch, seg index)
        for i, seg in enumerate(segs):
            text = seg if isinstance(seg, str) else seg[0]
            chars += [(c, i) for c in text]
        no_start = set("，。、；：？！）》”’%")
        lines: list[list[tuple[str, int]]] = []
        cur: list = []
        cur_w = indent * f.size
        for ch, i in chars:
            adv = glyph(f, ch)[3]
            if cur and cur_w + adv > width and ch not in no_start:
                lines.append(cur)
                cur, cur_w = [], 0.0
            cur.append((ch, i))
            cur_w += adv
        if cur:
            lines.append(cur)
        line_h = f.size * leading
        parts: dict[int, dict[int, list]] = {}
        for n, line in enumerate(lines[:max_lines]):
            xx = x + (indent * f.size if n == 0 else 0)
            for ch, i in line:
                adv, box = self.put_char(xx, y, ch, f, colour)
                xx += adv
                seg = segs[i]
                if not isinstance(seg, str) and seg[1] is not None:
                    part = parts.setdefault(i, {}).setdefault(n, ["", []])
                    part[0] += ch
                    if box:
                        part[1].append(box)
            y += line_h
        for i, by_line in parts.items():
            tag = segs[i][1]
            pieces = [p for p in by_line.values() if p[1]]
            for text, boxes in pieces:
                tags = tag.tags + (("wrapped",) if len(pieces) > 1 else ())
                self.add_truth(tag.kind, tag.owner, _union(boxes), text.strip(), tags)
        return y

    # drawing
    def hline(self, x0, x1, y, thickness=2, colour=None):
        cv2.line(self.layer(colour or self.ink), (int(x0), int(y)), (int(x1), int(y)), 255, int(thickness), cv2.LINE_AA)

    def vline(self, x, y0, y1, thickness=2, colour=None):
        cv2.line(self.layer(colour or self.ink), (int(x), int(y0)), (int(x), int(y1)), 255, int(thickness), cv2.LINE_AA)

    def rect(self, x0, y0, x1, y1, thickness=2, colour=None):
        cv2.rectangle(self.layer(colour or self.ink), (int(x0), int(y0)), (int(x1), int(y1)), 255, int(thickness),
                      cv2.LINE_AA)

    def photo(self, x: int, y: int, height: int, tags=()) -> tuple[int, int]:
        """Paste an applicant photo (height px) at (x, y); record the eyes. Returns (w, h)."""
        img, (lx, ly, rx, ry) = face_photo(self.rng, height)
        h, w = img.shape[:2]
        x, y = int(x), int(y)
        self.photos.append((img, x, y))
        d = math.hypot(rx - lx, ry - ly)
        ex, ey = 0.28 * d, 0.16 * d
        box = (x + min(lx, rx) - ex, y + min(ly, ry) - ey, x + max(lx, rx) + ex, y + max(ly, ry) + ey)
        extra = ("small_face",) if height < 120 else ()
        self.add_truth("eyes", "applicant", box, None, tuple(tags) + extra)
        return w, h

    def stamp(self, cx: float, cy: float, org: str, owner: str, *, diameter_mm: float = 42.0,
              shape: str = "round", bottom: str | None = None, faded: bool = False, tags=()) -> None:
        alpha, outline = make_seal(org, self.rng, diameter_mm * MM, shape, bottom, faded)
        r = self.rng
        colour = (int(r.integers(195, 236)), int(r.integers(20, 70)), int(r.integers(30, 80)))
        if faded:
            colour = (int(r.integers(215, 240)), int(r.integers(60, 110)), int(r.integers(80, 120)))
        hard = hard_seal(_side_rng(r, len(self.stamps)), org, owner, shape, bottom, diameter_mm)
        if hard is not None:   # an oval or worn variant (issue 14); the page's generator is untouched
            alpha, outline, hard_colour, hard_tags = hard
            colour = hard_colour or colour
            faded = faded or "faded" in hard_tags
            tags = tuple(tags) + tuple(t for t in hard_tags if t != "faded")
        h, w = alpha.shape
        x0, y0 = int(round(cx - w / 2)), int(round(cy - h / 2))
        self.stamps.append((alpha, x0, y0, colour))
        poly = [(x0 + px, y0 + py) for px, py in outline]
        box = _union([(min(p[0] for p in poly), min(p[1] for p in poly),
                       max(p[0] for p in poly), max(p[1] for p in poly))])
        self.add_truth("seal", owner, box, org, tuple(tags) + (("faded",) if faded else ()), poly)

    def render(self) -> np.ndarray:
        """Compose to an RGB float32 image (paper white = 255)."""
        img = np.full((self.h, self.w, 3), 255.0, np.float32)
        for colour, lay in self.layers.items():
            ys, xs = np.nonzero(lay.any(axis=1))[0], np.nonzero(lay.any(axis=0))[0]
            if not len(ys):
                continue
            y0, y1, x0, x1 = ys[0], ys[-1] + 1, xs[0], xs[-1] + 1
            _tint(img[y0:y1, x0:x1], lay[y0:y1, x0:x1].astype(np.float32) / 255.0, colour)
        for pix, x, y in self.photos:
            h, w = pix.shape[:2]
            x0, y0, x1, y1 = max(0, x), max(0, y), min(self.w, x + w), min(self.h, y + h)
            img[y0:y1, x0:x1] = pix[y0 - y:y1 - y, x0 - x:x1 - x]
        for alpha, x, y, colour in self.stamps:
            h, w = alpha.shape
            x0, y0, x1, y1 = max(0, x), max(0, y), min(self.w, x + w), min(self.h, y + h)
            _tint(img[y0:y1, x0:x1], alpha[y0 - y:y1 - y, x0 - x:x1 - x], colour)
        return img


def _tint(region: np.ndarray, alpha: np.ndarray, colour) -> None:
    """Ink of `colour` with coverage `alpha` over `region` (in place): multiply blend, as ink on paper."""
    factor = cv2.merge([1.0 - alpha * (1.0 - c / 255.0) for c in colour])
    region *= factor


def _union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


# --- faces -----------------------------------------------------------------------------------

#: LFW subset (scikit-image): face index -> (left eye x, y, right eye x, y) in the 25 x 25 tile.
#: From CenterFace landmarks on 8x upscaled copies, each checked by eye; tiles 16 and 30 left out.
LFW_EYES = {
    0: (8.0, 8.9, 16.8, 8.6), 1: (4.3, 8.7, 12.8, 8.4), 2: (4.6, 9.0, 12.9, 7.8), 3: (6.8, 9.3, 15.5, 9.0),
    4: (4.5, 9.7, 12.8, 9.6), 5: (4.9, 9.0, 13.3, 8.0), 6: (5.5, 9.8, 15.0, 9.9), 7: (6.3, 9.7, 15.5, 9.2),
    8: (6.1, 8.8, 15.8, 8.2), 9: (7.9, 8.2, 16.7, 8.0), 10: (6.4, 8.9, 15.9, 8.7), 11: (8.4, 9.5, 16.9, 9.9),
    12: (7.2, 10.3, 14.9, 10.5), 13: (5.9, 9.0, 14.8, 8.2), 14: (3.5, 8.2, 14.5, 8.2), 15: (7.9, 9.2, 15.9, 8.8),
    17: (8.9, 8.9, 16.4, 8.8), 18: (6.0, 8.9, 15.6, 8.9), 19: (6.4, 8.1, 15.6, 7.9), 20: (4.6, 7.8, 13.5, 7.8),
    21: (5.0, 8.6, 12.6, 8.3), 22: (5.6, 9.9, 14.8, 8.7), 23: (7.1, 8.6, 16.7, 9.1), 24: (7.1, 9.4, 15.5, 9.1),
    25: (7.9, 8.9, 16.3, 9.1), 26: (5.5, 9.4, 14.6, 8.8), 27: (5.8, 9.5, 15.0, 8.5), 28: (7.0, 9.0, 16.4, 9.1),
    29: (7.2, 9.3, 16.4, 9.1), 31: (5.8, 9.1, 14.9, 8.2), 32: (7.0, 9.1, 14.5, 8.7), 33: (5.6, 10.0, 13.9, 9.7),
    34: (6.4, 8.4, 14.0, 8.5), 35: (5.2, 8.3, 13.9, 8.4), 36: (6.9, 8.8, 16.4, 9.5), 37: (6.3, 9.4, 15.5, 8.7),
    38: (8.2, 8.5, 17.2, 8.2), 39: (5.2, 8.2, 14.5, 7.8), 40: (5.5, 9.2, 13.5, 9.1), 41: (6.4, 9.3, 14.5, 8.7),
    42: (5.6, 8.3, 14.5, 7.8), 43: (5.9, 10.0, 14.5, 9.6), 44: (7.9, 7.9, 16.5, 7.4), 45: (5.7, 9.0, 15.0, 8.4),
    46: (6.1, 9.7, 14.6, 8.9), 47: (4.3, 10.0, 11.3, 9.9), 48: (6.5, 9.0, 13.8, 9.2), 49: (6.1, 9.1, 14.9, 8.3),
    50: (6.1, 9.1, 15.6, 8.7), 51: (4.7, 9.0, 13.9, 8.5), 52: (5.8, 8.4, 15.1, 7.7), 53: (7.6, 7.7, 16.9, 7.8),
    54: (6.5, 8.8, 15.3, 8.5), 55: (6.1, 8.3, 15.5, 8.0), 56: (6.0, 9.1, 14.8, 8.8), 57: (5.8, 9.5, 14.8, 9.1),
    58: (8.8, 9.0, 17.4, 8.5), 59: (7.7, 8.8, 15.6, 8.3), 60: (5.6, 9.0, 15.6, 8.8), 61: (5.9, 9.2, 15.0, 8.3),
    62: (6.1, 9.8, 14.9, 9.4), 63: (4.1, 8.5, 13.3, 7.8), 64: (6.4, 8.3, 15.3, 7.5), 65: (4.6, 8.7, 13.1, 8.4),
    66: (6.3, 9.1, 14.8, 8.9), 67: (8.2, 10.7, 15.5, 11.6), 68: (5.7, 11.7, 14.3, 11.8), 69: (6.8, 8.9, 16.0, 9.3),
    70: (7.4, 8.5, 15.7, 8.6), 71: (6.2, 10.2, 15.0, 9.5), 72: (6.5, 9.1, 15.4, 9.0), 73: (5.8, 9.7, 15.1, 9.2),
    74: (5.3, 8.8, 13.4, 8.7), 75: (5.2, 9.0, 12.0, 9.4), 76: (8.3, 8.6, 16.9, 8.0), 77: (7.7, 8.8, 16.5, 8.5),
    78: (5.3, 9.5, 13.9, 9.6), 79: (6.4, 10.0, 15.2, 9.7), 80: (6.6, 9.3, 15.9, 9.1), 81: (8.2, 8.8, 16.8, 9.1),
    82: (6.1, 7.4, 16.0, 7.8), 83: (8.5, 8.4, 20.3, 9.2), 84: (7.4, 10.0, 15.1, 9.3), 85: (6.5, 8.9, 15.3, 8.6),
    86: (6.5, 8.4, 16.4, 8.9), 87: (8.4, 9.7, 15.6, 9.1), 88: (7.4, 8.6, 16.0, 8.4), 89: (3.5, 8.9, 12.0, 8.6),
    90: (7.7, 8.6, 16.5, 8.5), 91: (6.2, 9.4, 15.4, 8.6), 92: (6.5, 9.4, 15.2, 8.6), 93: (6.0, 8.7, 15.9, 7.9),
    94: (6.0, 8.4, 16.0, 8.2), 95: (7.1, 8.7, 15.8, 8.8), 96: (4.6, 8.5, 15.2, 7.3), 97: (5.9, 9.3, 14.7, 9.5),
    98: (7.8, 9.5, 16.2, 9.3), 99: (6.5, 8.1, 14.9, 8.1),
}
#: Eye centres in skimage.data.astronaut() (512 x 512): left (x, y), right (x, y).
ASTRONAUT_EYES = (203.4, 103.0, 247.1, 104.7)


@functools.lru_cache(maxsize=1)
def _lfw() -> np.ndarray:
    import skimage
    path = Path(skimage.__file__).parent / "data" / "lfw_subset.npy"
    return (np.load(path)[:100] * 255).astype(np.uint8)


@functools.lru_cache(maxsize=1)
def _astronaut() -> np.ndarray:
    from skimage import data
    return data.astronaut()  # RGB


def face_photo(rng: np.random.Generator, height: int):
    """An ID-style photo `height` px tall (RGB float32) and its eye centres (lx, ly, rx, ry)."""
    # the LFW tiles are 25 px: fine for small photos, very soft when blown up to ID-photo size
    if rng.random() < (0.65 if height > 220 else 0.25):
        img = _astronaut()
        x0 = 140 + rng.integers(-12, 13)
        y0 = 18 + rng.integers(-10, 11)
        x1 = x0 + 172 + rng.integers(-10, 11)
        y1 = y0 + 222 + rng.integers(-10, 11)
        crop = img[y0:y1, x0:x1].astype(np.float32)
        lx, ly, rx, ry = ASTRONAUT_EYES
        lx, rx, ly, ry = lx - x0, rx - x0, ly - y0, ry - y0
        if rng.random() < 0.5:
            crop = crop[:, ::-1]
            W = crop.shape[1]
            lx, ly, rx, ry = W - rx, ry, W - lx, ly
        if rng.random() < 0.35:
            crop = np.repeat(crop.mean(axis=2, keepdims=True), 3, axis=2)
    else:
        idx = list(LFW_EYES)[int(rng.integers(len(LFW_EYES)))]
        tile = _lfw()[idx].astype(np.float32)
        lx, ly, rx, ry = LFW_EYES[idx]
        # an ID photo has room around the face: put the tile on a plain background, feathered
        pl, pr, pt, pb = 5, 5, 9, 4
        bg = float(rng.choice([235.0, 215.0, 190.0, 150.0]))
        H, W = 25 + pt + pb, 25 + pl + pr
        canvas = np.full((H, W), bg, np.float32)
        yy, xx = np.mgrid[0:25, 0:25]
        edge = np.minimum.reduce([xx + 0.5, 24.5 - xx, yy + 0.5, 1e9 * np.ones_like(yy, float)])
        a = np.clip(edge / 3.0, 0, 1).astype(np.float32)
        a[20:, :] = np.maximum(a[20:, :], np.clip((yy[20:, :] - 19.0) / 3.0, 0, 1) * (a[20:, :] > 0.3))
        canvas[pt:pt + 25, pl:pl + 25] = tile * a + canvas[pt:pt + 25, pl:pl + 25] * (1 - a)
        suit = float(rng.uniform(35, 95))                                  # dark jacket below the chin
        ramp = np.linspace(0.0, 1.0, pb + 2, dtype=np.float32)[1:-1, None]
        canvas[pt + 25:, :] = canvas[pt + 24:pt + 25, :] * (1 - ramp) + suit * ramp
        crop = np.repeat(canvas[:, :, None], 3, axis=2)
        lx, rx, ly, ry = lx + pl, rx + pl, ly + pt, ry + pt
        if rng.random() < 0.4:   # colour-tinted print of a grey photo
            crop *= np.array([1.0, 0.97, 0.93], np.float32)
    h0, w0 = crop.shape[:2]
    s = height / h0
    width = max(8, int(round(w0 * s)))
    out = cv2.resize(crop, (width, int(height)), interpolation=cv2.INTER_CUBIC)
    if s > 3:   # upscaled LFW: a little sharpening, as a printed photo would have
        blur = cv2.GaussianBlur(out, (0, 0), 1.5)
        out = cv2.addWeighted(out, 1.4, blur, -0.4, 0)
    out = np.clip(out, 0, 255).astype(np.float32)
    sx, sy = width / w0, height / h0
    return out, (lx * sx, ly * sy, rx * sx, ry * sy)


# --- seals -----------------------------------------------------------------------------------

def _star(cx, cy, r_out, rot=0.0):
    pts = []
    for k in range(10):
        r = r_out if k % 2 == 0 else r_out * 0.382
        a = rot - math.pi / 2 + k * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return np.array(pts, np.float32)


def _ink_line(big: np.ndarray, text: str, f: F, x: float, y: float) -> None:
    """Ink `text` in a straight line onto a seal's ink mask, starting at (x, y)."""
    for ch in text:
        arr, dx, dy, adv = glyph(f, ch)
        if arr is not None:
            X, Y = int(x + dx), int(y + dy)
            sub = big[Y:Y + arr.shape[0], X:X + arr.shape[1]]
            np.maximum(sub, arr[:sub.shape[0], :sub.shape[1]], out=sub)
        x += adv


def make_seal(org: str, rng: np.random.Generator, diameter: float, shape: str = "round",
              bottom: str | None = None, faded: bool = False, aspect: float = 2 / 3,
              code: str | None = None, span_deg: float | None = None, inner_ring: bool = False,
              family: str | None = None):
    """Alpha mask (float32, 0..1) of a Chinese official seal and its outer outline (polygon).

    Round: ring, star, the organisation name as ring text over the top, optional horizontal text
    (专用章) under the star. Oval: `aspect`:1 ellipse (height over width, 1.5:1 by default), ring
    text, horizontal text in the middle — or, with `code` (an invoice seal's tax number), the code
    across the middle and the bottom text under it (发票专用章). Uneven ink, grain, a random
    stamping angle. `span_deg`: the arc the ring text spans (long names on real seals run 270–320°
    round); `inner_ring`: a thin second ring inside the outer one; `family`: the ring text's font
    (the generator's draws are the same either way).
    """
    drawn = "serif_bold" if rng.random() < 0.3 else ("sans_bold" if rng.random() < 0.5 else "hei")
    family = family or drawn
    if shape == "oval":
        A_, B_ = diameter / 2, diameter / 2 * aspect
    else:
        A_ = B_ = diameter / 2
    size = int(2 * A_ + 24) | 1
    c = size / 2
    ss = 2  # draw at 2x, downsample: smooth curves
    big = np.zeros((size * ss, size * ss), np.uint8)
    C = c * ss
    t = max(3.0, A_ * 0.055) * ss
    cv2.ellipse(big, (int(C), int(C)), (int(A_ * ss - t / 2), int(B_ * ss - t / 2)), 0, 0, 360, 255,
                int(t), cv2.LINE_AA)
    if inner_ring:
        ti = max(1.5, A_ * 0.018) * ss
        cv2.ellipse(big, (int(C), int(C)), (int(A_ * ss - 2.2 * t), int(B_ * ss - 2.2 * t)), 0, 0, 360, 255,
                    int(ti), cv2.LINE_AA)
    if shape == "round":
        star_r = A_ * rng.uniform(0.27, 0.33) * ss
        cv2.fillPoly(big, [np.round(_star(C, C, star_r)).astype(np.int32)], 255, cv2.LINE_AA)
    # ring text
    n = len(org)
    ch_h = (A_ if shape == "round" else B_) * rng.uniform(0.26, 0.31)
    fs = F(family, max(10, int(ch_h * ss * 1.05)), sx=rng.uniform(0.62, 0.8))
    inset = t * (2.6 if inner_ring else 1.3)
    r_a = A_ * ss - inset - ch_h * ss * 0.55
    r_b = B_ * ss - inset - ch_h * ss * 0.55
    span = min(math.radians(250), max(math.radians(120), n * math.radians(21 if n < 10 else 18)))
    if shape == "oval":
        span = min(math.radians(220), span)
    if span_deg is not None:
        span = math.radians(span_deg)
    for i, ch in enumerate(org):
        theta = -span / 2 + span * (i + 0.5) / n          # 0 = top, clockwise
        px, py = C + r_a * math.sin(theta), C - r_b * math.cos(theta)
        # orientation: normal of the ellipse at this point
        nx, ny = math.sin(theta) / max(r_a, 1) * r_b, -math.cos(theta) / max(r_b, 1) * r_a
        ang = math.degrees(math.atan2(nx, -ny))
        arr = glyph(fs, ch)[0]
        if arr is None:
            continue
        gh, gw = arr.shape
        pad = int(max(gh, gw) * 0.8) + 2
        tile = np.zeros((2 * pad, 2 * pad), np.uint8)
        tile[pad - gh // 2:pad - gh // 2 + gh, pad - gw // 2:pad - gw // 2 + gw] = arr
        M = cv2.getRotationMatrix2D((pad, pad), -ang, 1.0)
        tile = cv2.warpAffine(tile, M, (2 * pad, 2 * pad), flags=cv2.INTER_LINEAR)
        X, Y = int(round(px - pad)), int(round(py - pad))
        sub = big[max(0, Y):Y + 2 * pad, max(0, X):X + 2 * pad]
        np.maximum(sub, tile[max(0, -Y):max(0, -Y) + sub.shape[0], max(0, -X):max(0, -X) + sub.shape[1]], out=sub)
    if code and shape == "oval":
        # the tax number across the middle, in narrow digits (发票专用章 / 财务专用章)
        fc = F("sans", max(8, int(B_ * 0.2 * ss)), sx=0.62)
        _ink_line(big, code, fc, C - text_width(code, fc) / 2, C - fc.size * 0.62)
    if bottom:
        fb = F(family, max(10, int(A_ * (0.2 if shape == "round" else 0.22) * ss)), sx=0.85)
        if code and shape == "oval":
            fb = F(family, max(10, int(B_ * 0.26 * ss)), sx=0.85)
        wb = text_width(bottom, fb)
        yb = C + (A_ * 0.38 * ss if shape == "round" else -fb.size * 0.6)
        if code and shape == "oval":
            yb = C + B_ * 0.3 * ss
        _ink_line(big, bottom, fb, C - wb / 2, yb - fb.size * 0.1)
    elif shape == "round" and rng.random() < 0.5:
        # a 13-digit code along the bottom of the ring
        code = "".join(str(int(d)) for d in rng.integers(0, 10, 13))
        fd = F("sans", max(8, int(A_ * 0.11 * ss)))
        rr = A_ * ss - t * 1.2 - fd.size * 0.6
        span_d = math.radians(80)
        for i, ch in enumerate(code):
            theta = math.pi + span_d / 2 - span_d * (i + 0.5) / len(code)
            px, py = C + rr * math.sin(theta), C - rr * math.cos(theta)
            arr = glyph(fd, ch)[0]
            if arr is None:
                continue
            gh, gw = arr.shape
            pad = int(max(gh, gw) * 0.8) + 2
            tile = np.zeros((2 * pad, 2 * pad), np.uint8)
            tile[pad - gh // 2:pad - gh // 2 + gh, pad - gw // 2:pad - gw // 2 + gw] = arr
            M = cv2.getRotationMatrix2D((pad, pad), -(math.degrees(theta) - 180), 1.0)
            tile = cv2.warpAffine(tile, M, (2 * pad, 2 * pad))
            X, Y = int(round(px - pad)), int(round(py - pad))
            sub = big[max(0, Y):Y + 2 * pad, max(0, X):X + 2 * pad]
            np.maximum(sub, tile[max(0, -Y):max(0, -Y) + sub.shape[0], max(0, -X):max(0, -X) + sub.shape[1]],
                       out=sub)
    mask = cv2.resize(big, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32) / 255.0
    # ink: uneven pressure (low frequency), grain, slight spread
    low = cv2.resize(rng.random((6, 6)).astype(np.float32), (size, size), interpolation=cv2.INTER_CUBIC)
    low = np.clip(low, 0, 1)
    strength = rng.uniform(0.35, 0.55) if faded else rng.uniform(0.8, 1.0)
    pressure = (0.55 + 0.45 * low) * strength
    grain = (rng.random((size, size)) > (0.12 if faded else 0.06)).astype(np.float32)
    grain = cv2.GaussianBlur(grain, (0, 0), 0.7)
    alpha = mask * pressure * (0.35 + 0.65 * grain)
    alpha = cv2.GaussianBlur(alpha, (0, 0), 0.6)
    angle = float(rng.uniform(-25, 25))
    M = cv2.getRotationMatrix2D((c, c), angle, 1.0)
    alpha = cv2.warpAffine(alpha, M, (size, size), flags=cv2.INTER_LINEAR)
    outline = []
    for k in range(48):
        a = 2 * math.pi * k / 48
        x, y = c + A_ * math.cos(a), c + B_ * math.sin(a)
        outline.append((M[0, 0] * x + M[0, 1] * y + M[0, 2], M[1, 0] * x + M[1, 1] * y + M[1, 2]))
    return np.clip(alpha, 0, 1).astype(np.float32), outline


# --- hard seals (issue 14): ovals, worn faded ink -----------------------------------------------
#
# Real seals the corpus lacked: the applicant's own oval seals (发票专用章 / 财务专用章, 40 × 30 mm
# and smaller), and faded seals as they really fade: broken, uneven ink in a pale colour close to
# the paper, one side of the ring barely printed. Chosen with a side generator (`_side_rng`), and
# the ordinary seal is still drawn first from the page's generator, so every other page and every
# other thing on the page is what it was before these variants existed.

#: Share of the applicant's seals drawn as ovals, and as worn faded seals (independently).
HARD_OVAL = 0.3
HARD_WORN = 0.3
#: (width mm, height/width) of oval seals in use: 发票专用章 40 × 30, the older 45 × 30, a small 35 × 25.
OVAL_SIZES = ((40.0, 0.75), (40.0, 0.75), (45.0, 2 / 3), (35.0, 0.72))
OVAL_BOTTOMS = ("发票专用章", "财务专用章", "合同专用章", "专用章")


def _side_rng(rng: np.random.Generator, salt: int) -> np.random.Generator:
    """A generator seeded from `rng`'s present state without drawing from it."""
    state = rng.bit_generator.state["state"]
    key = int(state["state"]) if isinstance(state, dict) else int(state)
    return np.random.default_rng([key % (2 ** 63), salt])


def _tax_code(rng: np.random.Generator) -> str:
    """An 18-character unified social credit code (统一社会信用代码) as printed on invoice seals."""
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return "9165" + "".join(chars[int(i)] for i in rng.integers(0, len(chars), 14))


def worn_ink(alpha: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A seal's alpha as a worn, faded stamp leaves it: pale overall, blotchy (mid-frequency holes
    in the ink), grainy, and one side of the ring printed faintly or not at all (the stamp tilted)."""
    h, w = alpha.shape
    strength = rng.uniform(0.55, 0.85)
    blotch = cv2.resize(rng.random((10, 10)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    blotch = np.clip((blotch - rng.uniform(0.15, 0.3)) * 2.0, 0.0, 1.0)
    grain = cv2.GaussianBlur((rng.random((h, w)) > rng.uniform(0.2, 0.35)).astype(np.float32), (0, 0), 0.6)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    theta = np.arctan2(yy - h / 2, xx - w / 2)
    side = float(rng.uniform(-np.pi, np.pi))
    width = float(rng.uniform(0.5, 1.2))              # radians either side of the faint direction
    gap = np.abs(np.angle(np.exp(1j * (theta - side))))
    faint = float(rng.uniform(0.0, 0.35))
    tilt = np.clip(faint + (1 - faint) * (gap - width * 0.5) / width, faint, 1.0).astype(np.float32)
    out = alpha * strength * (0.25 + 0.75 * blotch) * (0.3 + 0.7 * grain) * tilt
    return np.clip(out, 0, 1).astype(np.float32)


def hard_seal(rng: np.random.Generator, org: str, owner: str, shape: str, bottom: str | None,
              diameter_mm: float):
    """The applicant's seal drawn as one of the hard variants, or None for the ordinary seal:
    (alpha, outline, colour or None to keep the ordinary one, tags)."""
    if owner != "applicant":
        return hard_other_seal(rng, org, shape, bottom, diameter_mm)
    oval = shape == "oval" or rng.random() < HARD_OVAL
    worn = rng.random() < HARD_WORN
    if not (oval or worn):
        return None
    tags: tuple[str, ...] = ()
    if oval:
        width, aspect = OVAL_SIZES[int(rng.integers(len(OVAL_SIZES)))]
        bottom = str(OVAL_BOTTOMS[int(rng.integers(len(OVAL_BOTTOMS)))])
        code = _tax_code(rng) if bottom in ("发票专用章", "财务专用章") or rng.random() < 0.3 else None
        alpha, outline = make_seal(org, rng, width * MM, "oval", bottom, False, aspect=aspect, code=code)
        tags += ("oval",)
        if width < 38:
            tags += ("small",)
    else:
        alpha, outline = make_seal(org, rng, diameter_mm * MM, shape, bottom, False)
    colour = None
    if worn:
        alpha = worn_ink(alpha, rng)
        # pale pink or a dull purple-red, close to the paper
        if rng.random() < 0.6:
            colour = (int(rng.integers(225, 245)), int(rng.integers(95, 140)), int(rng.integers(110, 150)))
        else:
            colour = (int(rng.integers(185, 215)), int(rng.integers(60, 95)), int(rng.integers(95, 130)))
        tags += ("faded", "worn")
    return alpha, outline, colour, tags


#: Share of other organisations' round seals drawn as one of the hard variants below.
HARD_OTHER = 0.45
#: Share of those whose ring text is cut in a Song or Kai face (AR PL) instead of the bold ones.
OTHER_FONT_SHARE = 0.5
OTHER_BOTTOMS = ("业务专用章", "培训专用章", "证书专用章", "专用章", "继续教育专用章")


def hard_other_seal(rng: np.random.Generator, org: str, shape: str, bottom: str | None, diameter_mm: float):
    """Another organisation's seal as real attachments carry them (issue 14: the training centre's
    faded pink seal whose 19-character ring text was unread, so it was masked as the employer's):
    long ring texts spread 270–320° round, a 专用章 line under the star, a thin inner ring, faded
    pink ink. None for the ordinary seal. (alpha, outline, colour or None, tags)."""
    if shape != "round" or rng.random() >= HARD_OTHER:
        return None
    tags: tuple[str, ...] = ()
    long_ring = len(org) >= 15
    span = float(rng.uniform(270, 320)) if long_ring and rng.random() < 0.7 else None
    if bottom is None and rng.random() < 0.4:
        bottom = str(OTHER_BOTTOMS[int(rng.integers(len(OTHER_BOTTOMS)))])
    inner = bool(rng.random() < 0.3)
    fonts = _side_rng(rng, 97)       # Song or Kai ring text, as many real seals have (held-out misses)
    family = str(fonts.choice(["song", "kai"])) if fonts.random() < OTHER_FONT_SHARE else None
    alpha, outline = make_seal(org, rng, diameter_mm * MM, "round", bottom, False, span_deg=span, inner_ring=inner,
                               family=family)
    colour = None
    if rng.random() < 0.5:
        # faded pink: pale, uneven ink close to the paper (sometimes worn as well)
        alpha = alpha * float(rng.uniform(0.55, 0.8))
        if rng.random() < 0.4:
            alpha = worn_ink(alpha, rng) / 0.7
        colour = (int(rng.integers(225, 245)), int(rng.integers(90, 135)), int(rng.integers(105, 145)))
        tags += ("faded",)
    if long_ring:
        tags += ("long_ring",)
    if bottom:
        tags += ("special_line",)
    if inner:
        tags += ("inner_ring",)
    return np.clip(alpha, 0, 1).astype(np.float32), outline, colour, tags + ("hard_other",)


def draw_emblem(cv: Canvas, cx: float, cy: float, diameter: float, rng: np.random.Generator) -> None:
    """A printed emblem (a badge above or beside a certificate's title): a red ring with a star or
    an ornament in it and no ring text. Another organisation's mark, never the applicant's seal:
    truth `emblem`, owner other."""
    lay = cv.layer(RED_PRINT if rng.random() < 0.6 else (200, 35, 45))
    R = diameter / 2
    t = max(3, int(R * rng.uniform(0.05, 0.11)))
    c = (int(round(cx)), int(round(cy)))
    cv2.circle(lay, c, int(R - t / 2), 255, t, cv2.LINE_AA)
    tags = ["badge"]
    if rng.random() < 0.4:
        cv2.circle(lay, c, int(R * rng.uniform(0.72, 0.82)), 255, max(2, t // 3), cv2.LINE_AA)
        tags.append("double_ring")
    star = R * rng.uniform(0.35, 0.6)
    cv2.fillPoly(lay, [np.round(_star(cx, cy, star, float(rng.uniform(-0.1, 0.1)))).astype(np.int32)], 255,
                 cv2.LINE_AA)
    if rng.random() < 0.35:
        # an ornament: small stars or dots round the big one
        n = int(rng.integers(5, 13))
        rr = (star + R - t) / 2 + R * 0.05
        for k in range(n):
            a = -math.pi / 2 + 2 * math.pi * (k + 0.5) / n
            px, py = cx + rr * math.cos(a), cy + rr * math.sin(a)
            if rng.random() < 0.5:
                cv2.circle(lay, (int(px), int(py)), max(2, int(R * 0.05)), 255, -1, cv2.LINE_AA)
            else:
                cv2.fillPoly(lay, [np.round(_star(px, py, R * 0.09, a)).astype(np.int32)], 255, cv2.LINE_AA)
        tags.append("ornament")
    cv.add_truth("emblem", "other", (cx - R, cy - R, cx + R, cy + R), "徽标", tuple(tags))


# --- pictorial emblems (held-out over-masking): a national emblem, a school badge --------------
#
# Certificates print, in red, a national emblem (国徽: wheat ears round a gate under five stars, a
# gear below, no ring text) or the school's badge (a ring of its name, Chinese over the top and
# Latin letters under, round a picture). Neither is anyone's seal: truth `emblem`, owner other.

#: Latin names under the school badges' ring text.
UNIVERSITY_LATIN = {"新疆大学": "XINJIANG UNIVERSITY", "新疆医科大学": "XINJIANG MEDICAL UNIVERSITY",
                    "新疆农业大学": "XINJIANG AGRICULTURAL UNIVERSITY",
                    "新疆师范大学": "XINJIANG NORMAL UNIVERSITY", "石河子大学": "SHIHEZI UNIVERSITY",
                    "塔里木大学": "TARIM UNIVERSITY", "喀什大学": "KASHI UNIVERSITY",
                    "兰州大学": "LANZHOU UNIVERSITY", "伊犁师范大学": "YILI NORMAL UNIVERSITY"}


def _arc_text(lay: np.ndarray, text: str, f: F, cx: float, cy: float, radius: float, span: float,
              bottom: bool = False) -> None:
    """Characters laid along an arc centred at the top (or, `bottom`, at the bottom, read left to
    right), each upright toward the centre, their middles at `radius`; ink maxed into `lay`."""
    n = len(text)
    for i, ch in enumerate(text):
        theta = -span / 2 + span * (i + 0.5) / n
        if bottom:
            theta = math.pi + span / 2 - span * (i + 0.5) / n
        arr = glyph(f, ch)[0]
        if arr is None:
            continue
        px, py = cx + radius * math.sin(theta), cy - radius * math.cos(theta)
        gh, gw = arr.shape
        pad = int(max(gh, gw) * 0.8) + 2
        tile = np.zeros((2 * pad, 2 * pad), np.uint8)
        tile[pad - gh // 2:pad - gh // 2 + gh, pad - gw // 2:pad - gw // 2 + gw] = arr
        turn = math.degrees(theta) - (180 if bottom else 0)
        tile = cv2.warpAffine(tile, cv2.getRotationMatrix2D((pad, pad), -turn, 1.0), (2 * pad, 2 * pad))
        X, Y = int(round(px - pad)), int(round(py - pad))
        sub = lay[max(0, Y):Y + 2 * pad, max(0, X):X + 2 * pad]
        np.maximum(sub, tile[max(0, -Y):max(0, -Y) + sub.shape[0], max(0, -X):max(0, -X) + sub.shape[1]], out=sub)


def draw_national_emblem(cv: Canvas, cx: float, cy: float, diameter: float, rng: np.random.Generator) -> None:
    """A national emblem printed in red: two wheat ears round the disc (open at the bottom, where a
    gear and a ribbon are), five stars over a gate with its roof and base. No ring text."""
    lay = cv.layer(RED_PRINT if rng.random() < 0.6 else (200, 35, 45))
    R = diameter / 2
    # the wheat ears: grains along two arcs from the bottom up either side to the top
    for side in (-1, 1):
        for k in range(15):
            a = math.radians(200 - 12.5 * k) * side            # 0 = top
            for rr, lean in ((0.84, 25), (0.95, -25)):
                px, py = cx + rr * R * math.sin(a), cy - rr * R * math.cos(a)
                ang = math.degrees(a) + lean * side
                cv2.ellipse(lay, (int(px), int(py)), (max(2, int(0.075 * R)), max(1, int(0.035 * R))),
                            ang, 0, 360, 255, -1, cv2.LINE_AA)
    # five stars: a big one and four small on an arc round it
    sy = cy - 0.42 * R
    cv2.fillPoly(lay, [np.round(_star(cx, sy, 0.17 * R)).astype(np.int32)], 255, cv2.LINE_AA)
    for a in (-62, -28, 28, 62):
        ar = math.radians(a)
        px, py = cx + 0.34 * R * math.sin(ar), sy + 0.05 * R - 0.3 * R * math.cos(ar) + 0.22 * R
        cv2.fillPoly(lay, [np.round(_star(px, py, 0.07 * R, ar)).astype(np.int32)], 255, cv2.LINE_AA)
    # the gate: roof (trapezoid), body with door openings, base
    roof = np.array([[cx - 0.52 * R, cy - 0.02 * R], [cx + 0.52 * R, cy - 0.02 * R], [cx + 0.38 * R, cy - 0.14 * R],
                     [cx - 0.38 * R, cy - 0.14 * R]], np.int32)
    cv2.fillPoly(lay, [roof], 255, cv2.LINE_AA)
    cv2.rectangle(lay, (int(cx - 0.42 * R), int(cy - 0.02 * R)), (int(cx + 0.42 * R), int(cy + 0.3 * R)), 255, -1)
    for k in range(5):
        dx = (k - 2) * 0.16 * R
        cv2.rectangle(lay, (int(cx + dx - 0.04 * R), int(cy + 0.12 * R)), (int(cx + dx + 0.04 * R), int(cy + 0.3 * R)),
                      0, -1)
    cv2.rectangle(lay, (int(cx - 0.6 * R), int(cy + 0.3 * R)), (int(cx + 0.6 * R), int(cy + 0.4 * R)), 255, -1)
    # the gear and the ribbon
    g = (int(cx), int(cy + 0.68 * R))
    cv2.circle(lay, g, int(0.14 * R), 255, -1, cv2.LINE_AA)
    for k in range(10):
        a = 2 * math.pi * k / 10
        cv2.circle(lay, (int(g[0] + 0.16 * R * math.cos(a)), int(g[1] + 0.16 * R * math.sin(a))),
                   max(2, int(0.035 * R)), 255, -1, cv2.LINE_AA)
    cv2.circle(lay, g, max(2, int(0.05 * R)), 0, -1, cv2.LINE_AA)
    for side in (-1, 1):
        cv2.line(lay, (int(g[0] + side * 0.14 * R), g[1]), (int(cx + side * 0.62 * R), int(cy + 0.82 * R)), 255,
                 max(2, int(0.06 * R)), cv2.LINE_AA)
    cv.add_truth("emblem", "other", (cx - R, cy - R, cx + R, cy + R), "国徽", ("national",))


def draw_school_emblem(cv: Canvas, cx: float, cy: float, diameter: float, univ: str,
                       rng: np.random.Generator) -> None:
    """A school badge printed in red: an outer and an inner ring, the school's name over the top
    between them and its Latin name under, a picture inside (a building over an open book)."""
    lay = cv.layer(RED_PRINT if rng.random() < 0.6 else (200, 35, 45))
    R = diameter / 2
    t = max(3, int(R * 0.05))
    c = (int(round(cx)), int(round(cy)))
    cv2.circle(lay, c, int(R - t / 2), 255, t, cv2.LINE_AA)
    inner = R * float(rng.uniform(0.6, 0.66))
    cv2.circle(lay, c, int(inner), 255, max(2, t // 2), cv2.LINE_AA)
    band = R - t - inner
    fam = str(rng.choice(["serif_bold", "sans_bold", "kai"]))
    fc = F(fam, max(10, int(band * 0.62)), sx=float(rng.uniform(0.8, 1.0)))
    mid = inner + band / 2
    _arc_text(lay, univ, fc, cx, cy, mid, math.radians(min(200, 26 * len(univ))))
    latin = UNIVERSITY_LATIN.get(univ, "UNIVERSITY")
    fl = F("sans_bold", max(8, int(band * 0.42)))
    _arc_text(lay, latin, fl, cx, cy, mid, math.radians(min(150, 7.5 * len(latin))), bottom=True)
    for side in (-1, 1):                                   # dots between the two texts
        a = side * math.radians(102)
        cv2.circle(lay, (int(cx + mid * math.sin(a)), int(cy - mid * math.cos(a))), max(2, int(band * 0.12)),
                   255, -1, cv2.LINE_AA)
    # the picture: a building (roof, body, columns) over an open book
    s = inner
    roof = np.array([[cx - 0.62 * s, cy - 0.1 * s], [cx + 0.62 * s, cy - 0.1 * s], [cx, cy - 0.55 * s]], np.int32)
    cv2.fillPoly(lay, [roof], 255, cv2.LINE_AA)
    cv2.rectangle(lay, (int(cx - 0.5 * s), int(cy - 0.1 * s)), (int(cx + 0.5 * s), int(cy + 0.22 * s)), 255, -1)
    for k in range(4):
        dx = (k - 1.5) * 0.24 * s
        cv2.rectangle(lay, (int(cx + dx - 0.05 * s), int(cy - 0.02 * s)), (int(cx + dx + 0.05 * s), int(cy + 0.22 * s)),
                      0, -1)
    for side in (-1, 1):
        page = np.array([[cx, cy + 0.3 * s], [cx + side * 0.62 * s, cy + 0.24 * s],
                         [cx + side * 0.62 * s, cy + 0.5 * s], [cx, cy + 0.58 * s]], np.int32)
        cv2.fillPoly(lay, [page], 255, cv2.LINE_AA)
    cv2.line(lay, (c[0], int(cy + 0.28 * s)), (c[0], int(cy + 0.6 * s)), 0, max(2, t // 2))
    cv.add_truth("emblem", "other", (cx - R, cy - R, cx + R, cy + R), univ, ("school",))


#: Share of certificates (diplomas, title certificates, awards) with a pictorial emblem.
PICTORIAL_SHARE = 0.4


def _pictorial_emblem(cv: Canvas, ctx: Ctx, cx: float, cy: float, diameter: float, salt: int,
                      univ: str | None = None) -> None:
    """On a share of certificates, a national emblem or (with `univ`) the school's badge at
    (cx, cy), from a side generator: everything else on the page is as it was."""
    side = _side_rng(ctx.rng, salt)
    if side.random() >= PICTORIAL_SHARE:
        return
    d = diameter * float(side.uniform(0.9, 1.15))
    if univ is not None and side.random() < 0.6:
        draw_school_emblem(cv, cx, cy, d, univ, side)
    else:
        draw_national_emblem(cv, cx, cy, d, side)


def seal_over_text_tags(truth: list[GroundTruth]) -> list[GroundTruth]:
    """Tag seals stamped over a printed name or organisation "over_text"."""
    text = [t.bbox for t in truth if t.kind in ("name", "employer", "org")]
    out = []
    for t in truth:
        x0, y0, x1, y1 = t.bbox
        if t.kind == "seal" and any(b[0] < x1 and x0 < b[2] and b[1] < y1 and y0 < b[3] for b in text):
            t = replace(t, tags=t.tags + ("over_text",))
        out.append(t)
    return out


# --- document content helpers ------------------------------------------------------------------

def _excludes(ap: Applicant):
    keys = [normalize(t) for t in (ap.name, *ap.aliases, *ap.employers)]
    return keys


def _clean(pool, ap: Applicant):
    """Drop entries that contain, or are contained in, the applicant's name/aliases/employers."""
    keys = _excludes(ap)
    out = []
    for s in pool:
        k = normalize(s)
        if any(k in q or q in k for q in keys):
            continue
        out.append(s)
    return out


class Ctx:
    """Per-page choices: fonts, the applicant's printed forms, other people and organisations."""

    def __init__(self, ap: Applicant, rng: np.random.Generator):
        self.ap, self.rng = ap, rng
        self.family = str(rng.choice(BODY_FAMILIES))
        self.others = _clean(OTHER_NAMES, ap)
        rng.shuffle(self.others)
        self.orgs = _clean(SIBLINGS, ap)
        rng.shuffle(self.orgs)
        self.univs = _clean(UNIVERSITIES, ap)

    def f(self, points: float, family: str | None = None, sx: float = 1.0) -> F:
        return F.pt(family or self.family, points, sx)

    def body_pt(self, lo=10.5, hi=14.0) -> float:
        return float(self.rng.uniform(lo, hi))

    def other(self) -> str:
        name = self.others.pop()
        self.others.insert(0, name)
        return name

    def org(self) -> str:
        org = self.orgs.pop()
        self.orgs.insert(0, org)
        return org

    def name(self, allow_alias=False, padded=False) -> tuple[str, Tag]:
        """The applicant's name as printed here, and its tag."""
        ap, rng = self.ap, self.rng
        if allow_alias and ap.aliases and rng.random() < 0.25:
            return ap.aliases[0], A("name", "alias")
        text = ap.name
        tags = []
        if ap.dotted:
            dot = str(rng.choice(["·", "·", "·", "•", "・", ".", "．", "", "‧", " · "]))
            text = text.replace("·", dot)
            tags.append(f"dot:{dot or 'none'}")
        elif padded and len(text) == 2:
            text = text[0] + str(rng.choice(["\u3000", "\u3000", " ", "  "])) + text[1]
            tags.append("padded")
        return text, A("name", *tags)

    def employer(self, full=False) -> tuple[str, Tag]:
        emps = self.ap.employers
        if full or len(emps) == 1 or self.rng.random() < 0.6:
            return emps[0], A("employer")
        return emps[int(self.rng.integers(1, len(emps)))], A("employer")

    def date(self, year=None) -> str:
        y = year or int(self.rng.integers(2018, 2025))
        return f"{y}年{int(self.rng.integers(1, 13))}月{int(self.rng.integers(1, 29))}日"

    def filler(self, n: int) -> str:
        idx = self.rng.integers(0, len(FILLER), n)
        return "".join(FILLER[i] for i in idx)


_CN_DIGITS = "〇一二三四五六七八九"


def _cn_year(y: int) -> str:
    return "".join(_CN_DIGITS[int(d)] for d in str(y))


def _cn_num(n: int) -> str:
    if n <= 10:
        return "十" if n == 10 else _CN_DIGITS[n]
    if n < 20:
        return "十" + _CN_DIGITS[n - 10]
    return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")


def _id_number(ap: Applicant, rng) -> str:
    y, m, d = ap.born
    head = "65" + "".join(str(int(v)) for v in rng.integers(0, 10, 4))
    tail = "".join(str(int(v)) for v in rng.integers(0, 10, 3))
    return f"{head}{y:04d}{m:02d}{d:02d}{tail}{rng.choice(list('0123456789X'))}"


def _validity(rng) -> str:
    y, m, d = int(rng.integers(2010, 2022)), int(rng.integers(1, 13)), int(rng.integers(1, 29))
    return f"{y}.{m:02d}.{d:02d}-{y + 20}.{m:02d}.{d:02d}"


def _ornament_border(cv: Canvas, margin: int, colour, double=True):
    m = margin
    cv.rect(m, m, cv.w - m, cv.h - m, 6, colour)
    if double:
        cv.rect(m + 16, m + 16, cv.w - m - 16, cv.h - m - 16, 2, colour)
    for (x, y) in ((m, m), (cv.w - m, m), (m, cv.h - m), (cv.w - m, cv.h - m)):
        cv2.circle(cv.layer(colour), (int(x), int(y)), 22, 255, -1, cv2.LINE_AA)
        cv2.circle(cv.layer(colour), (int(x), int(y)), 36, 255, 3, cv2.LINE_AA)


def _signoff(cv: Canvas, ctx: Ctx, rx: float, y: float, org: str, tag: Tag, f: F, *,
             seal_owner: str | None, seal_org: str | None = None, wrap_at: int | None = None,
             date: str | None = None, faded: bool | None = None, bottom: str | None = None) -> float:
    """Organisation name (optionally wrapped in two lines) + date, right-aligned at rx, seal over it."""
    rng = ctx.rng
    date = date or ctx.date()
    lines = [org] if not wrap_at or len(org) <= wrap_at else [org[:wrap_at], org[wrap_at:]]
    widths = [text_width(s, f) for s in lines] + [text_width(date, f)]
    width = max(widths)
    x0 = rx - width
    yy = y
    for s in lines:
        t = Tag(tag.kind, tag.owner, tag.tags + (("wrapped",) if len(lines) > 1 else ()))
        cv.write(x0 + (width - text_width(s, f)) / 2, yy, [(s, t)], f)
        yy += f.size * 1.6
    cv.write(x0 + (width - text_width(date, f)) / 2, yy, [date], f)
    yy += f.size * 1.6
    if seal_owner:
        faded = bool(rng.random() < 0.2) if faded is None else faded
        cx = x0 + width / 2 + rng.uniform(-0.15, 0.15) * width
        cy = (y + yy) / 2 + rng.uniform(-0.1, 0.1) * (yy - y)
        shape = "round"
        if bottom is None and rng.random() < 0.2:
            bottom = "人事专用章" if seal_owner == "applicant" else "业务专用章"
        if seal_owner == "other" and rng.random() < 0.2:
            shape, bottom = "oval", bottom or "专用章"
        cv.stamp(cx, cy, seal_org or org, seal_owner, diameter_mm=float(rng.choice([40.0, 42.0, 42.0, 45.0])),
                 faded=faded, bottom=bottom, shape=shape)
    return yy


@contextmanager
def _side_draws(ctx: Ctx, cv: Canvas, salt: int):
    """Draw from a side generator for a while (ctx and canvas alike): what is added then leaves the
    page generator's sequence, so everything else on the page is what it was without it."""
    side = _side_rng(ctx.rng, salt)
    saved = ctx.rng, cv.rng
    ctx.rng = cv.rng = side
    try:
        yield side
    finally:
        ctx.rng, cv.rng = saved


#: Shares of the hard variants (issue 14) on certificates, drawn from side generators.
LONG_TRAINER_SHARE = 0.45
EMBLEM_SHARE = 0.35
SECOND_SEAL_SHARE = 0.35


def _title_emblem(cv: Canvas, ctx: Ctx, cx_title: float, y_title: float, title_w: float, title_h: float,
                  salt: int) -> None:
    """On a share of certificates, an emblem beside the title (left of it, its height or so)."""
    side = _side_rng(ctx.rng, salt)
    if side.random() >= EMBLEM_SHARE:
        return
    d = title_h * float(side.uniform(1.0, 1.6))
    cx = cx_title - title_w / 2 - d / 2 - float(side.uniform(30, 90))
    draw_emblem(cv, cx, y_title + title_h * 0.55, d, side)


# --- document builders -------------------------------------------------------------------------

def build_id_card(ctx: Ctx) -> Canvas:
    ap, rng = ctx.ap, ctx.rng
    cv = Canvas(*A4, rng)
    scale = rng.uniform(0.85, 1.25)
    cw, ch = int(85.6 * MM * scale), int(54 * MM * scale)
    x0 = int((cv.w - cw) / 2 + rng.uniform(-120, 120))
    top = int(rng.uniform(180, 420))
    gap = int(rng.uniform(120, 300))
    faint = (150, 160, 175)
    label_col = (60, 110, 170) if rng.random() < 0.5 else (90, 90, 90)
    # front
    cv.rect(x0, top, x0 + cw, top + ch, 2, faint)
    layer = cv.layer((232, 236, 240))
    for k in range(0, cw, 14):   # pale guilloche-like background
        yk = top + ch / 2 + math.sin(k / 40.0) * ch * 0.3
        cv2.line(layer, (x0 + k, top + 4), (x0 + k + 30, int(yk)), 255, 1, cv2.LINE_AA)
    s = scale
    fl = F.pt("hei", 7.5 * s)
    fv = F.pt("hei" if rng.random() < 0.6 else "sans", 9.5 * s)
    lx, vx = x0 + int(9 * MM * s), x0 + int(20 * MM * s)
    y = top + int(7 * MM * s)
    name, tag = ctx.name()
    cv.write(lx, y + 4, ["姓名"], fl, label_col)
    cv.write(vx, y, [(name, tag)], fv)
    y += int(8.5 * MM * s)
    cv.write(lx, y + 4, ["性别"], fl, label_col)
    cv.write(vx, y, [ap.sex], fv)
    cv.write(vx + int(12 * MM * s), y + 4, ["民族"], fl, label_col)
    cv.write(vx + int(22 * MM * s), y, [ap.ethnic[:-1]], fv)
    y += int(8 * MM * s)
    cv.write(lx, y + 4, ["出生"], fl, label_col)
    yb, mb, db = ap.born
    cv.write(vx, y, [f"{yb}  年  {mb}  月  {db}  日"], fv)
    y += int(8 * MM * s)
    cv.write(lx, y + 4, ["住址"], fl, label_col)
    emp, etag = ctx.employer(full=True)
    if rng.random() < 0.35 and len(emp) <= 12:   # staff housing: the employer in the address
        addr = [f"新疆{ap.city}市人民路{int(rng.integers(1, 300))}号", (emp, etag), "家属院"]
    else:
        addr = [f"新疆{ap.city}市{rng.choice(['解放路', '团结路', '友谊路', '天山路'])}"
                f"{int(rng.integers(1, 300))}号{int(rng.integers(1, 30))}栋{int(rng.integers(1, 6))}单元"
                f"{int(rng.integers(101, 1802))}室"]
    cv.paragraph(vx, y, int(34 * MM * s), addr, fv, leading=1.35, indent=0)
    cv.write(lx, top + ch - int(9 * MM * s), ["公民身份号码"], fl, label_col)
    cv.write(lx + int(22 * MM * s), top + ch - int(9.5 * MM * s), [_id_number(ap, rng)], F.pt("sans", 10 * s))
    ph = int(ch * rng.uniform(0.5, 0.6))
    cv.photo(x0 + cw - int(ph * 0.78) - int(6 * MM * s), top + int(8 * MM * s), ph)
    # back
    by = top + ch + gap
    cv.rect(x0, by, x0 + cw, by + ch, 2, faint)
    em = int(15 * MM * s)
    ex, ey = x0 + int(7 * MM * s), by + int(5 * MM * s)
    emblem = cv.layer((205, 45, 40))
    cv2.circle(emblem, (ex + em // 2, ey + em // 2), em // 2, 255, -1, cv2.LINE_AA)
    gold = cv.layer((230, 190, 60))
    for k in range(5):
        a = -math.pi / 2 + k * 2 * math.pi / 5
        cx_, cy_ = ex + em / 2 + em * 0.28 * math.cos(a), ey + em / 2 + em * 0.28 * math.sin(a)
        cv2.fillPoly(gold, [np.round(_star(cx_, cy_, em * (0.09 if k else 0.16))).astype(np.int32)], 255,
                     cv2.LINE_AA)
    cv.add_truth("emblem", "other", (ex, ey, ex + em, ey + em), "国徽")
    cv.write(ex + em + int(8 * MM * s), ey + int(2 * MM * s), ["中华人民共和国"], F.pt("serif_bold", 13 * s))
    cv.write(ex + em + int(6 * MM * s), ey + int(11 * MM * s), ["居民身份证"], F.pt("serif_bold", 17 * s), tracking=6)
    fb = F.pt("hei", 8.5 * s)
    cv.write(x0 + int(18 * MM * s), by + ch - int(17 * MM * s), ["签发机关  ", (ap.police, Oth("org"))], fb)
    cv.write(x0 + int(18 * MM * s), by + ch - int(10 * MM * s), [f"有效期限  {_validity(rng)}"], fb)
    # "copy matches the original" note, and sometimes the employer's seal on it
    if rng.random() < 0.5:
        fn = ctx.f(14)
        ny = by + ch + int(rng.uniform(80, 200))
        cv.write(x0, ny, ["此复印件与原件一致，仅供职称申报使用。"], fn)
        if rng.random() < 0.7:
            org, tag = ctx.employer(full=True)
            _signoff(cv, ctx, x0 + cw, ny + fn.size * 2.2, org, tag, fn, seal_owner="applicant",
                      wrap_at=11 if len(org) > 14 else None)
    return cv


def build_diploma(ctx: Ctx) -> Canvas:
    ap, rng = ctx.ap, ctx.rng
    W, H = int(rng.uniform(2150, 2340)), int(rng.uniform(1500, 1654))
    cv = Canvas(W, H, rng)
    degree = rng.random() < 0.4
    univ = ap.university if rng.random() < 0.7 else str(rng.choice(ctx.univs))
    if rng.random() < 0.6:
        _ornament_border(cv, 60, (180, 150, 80) if rng.random() < 0.5 else (60, 90, 140))
    title = "学士学位证书" if degree else "毕业证书"
    red_title = rng.random() < 0.4
    ft = F.pt("serif_bold", rng.uniform(34, 44))
    seg = [(title, Oth("title", "red"))] if red_title else [title]
    tw = cv.write_center(W / 2, 170, seg, ft, RED_PRINT if red_title else INK, tracking=30)
    d = ft.size * 2.4
    _pictorial_emblem(cv, ctx, W / 2 - tw / 2 - d / 2 - 70, 170 + ft.size * 0.55, d, 81, univ=univ)
    ph = int(rng.uniform(260, 400))
    px, py = 220, 420
    cv.photo(px, py, ph)
    fb = ctx.f(ctx.body_pt(14, 16))
    x, width = px + int(ph * 0.78) + 120, W - (px + int(ph * 0.78) + 120) - 220
    name, tag = ctx.name()
    yb, mb, db = ap.born
    grad = yb + 22
    if degree:
        segs = [(name, tag), f"，{ap.sex}，{yb}年{mb}月{db}日生。在", (univ, Oth("org")),
                f"{ap.major}专业完成了本科学习计划，业已毕业。经审核符合《中华人民共和国学位条例》的规定，"
                f"授予{ap.degree[:-2]}学学士学位。"]
    else:
        segs = ["学生 ", (name, tag), f" ，性别{ap.sex}，{_cn_year(yb)}年{_cn_num(mb)}月{_cn_num(db)}日生，于"
                f"{_cn_year(grad - 4)}年九月至{_cn_year(grad)}年七月在本校{ap.major}专业四年制本科学习，"
                "修完教学计划规定的全部课程，成绩合格，准予毕业。"]
    y = cv.paragraph(x, py + 20, width, segs, fb, leading=2.0)
    fs = ctx.f(13)
    y = max(y + 80, py + ph + 120)
    boss = ctx.other()
    cv.write(x, y, ["校　长：", (boss, Oth("name"))] if not degree else ["学位评定委员会主席：", (boss, Oth("name"))],
             fs)
    uy = y + fs.size * 2.5
    ux = W - 300 - text_width(univ, fb)
    cv.write(ux, uy, [(univ, Oth("org"))], fb)
    cv.write(ux, uy + fb.size * 1.8, [f"{_cn_year(grad)}年七月一日"], fs)
    cv.write(220, H - 200, [f"证书编号：{int(rng.integers(10000, 99999))}{int(rng.integers(10 ** 9, 10 ** 10))}"], fs)
    cv.stamp(ux + text_width(univ, fb) / 2 + rng.uniform(-40, 40), uy + fb.size * 0.9 + rng.uniform(-30, 30),
             univ, "other", diameter_mm=float(rng.choice([42.0, 45.0])), faded=bool(rng.random() < 0.15))
    return cv


def build_title_cert(ctx: Ctx) -> Canvas:
    ap, rng = ctx.ap, ctx.rng
    W, H = int(rng.uniform(2000, 2300)), int(rng.uniform(1400, 1600))
    cv = Canvas(W, H, rng)
    mid = W // 2
    cv.vline(mid, 40, H - 40, 1, (200, 200, 200))
    cv.rect(60, 60, W - 60, H - 60, 3, (150, 60, 50) if rng.random() < 0.5 else INK)
    # left half: photo with the issuer's seal over its corner, holder's signature line
    ph = int(rng.uniform(280, 380))
    px, py = mid // 2 - int(ph * 0.39), 260
    cv.photo(px, py, ph)
    issuer = str(rng.choice(AUTHORITIES))
    cv.write_center(mid // 2, py + ph + 120, ["持证人签名："], ctx.f(12))
    fv = ctx.f(ctx.body_pt(12, 15))
    fl = ctx.f(12, "hei" if rng.random() < 0.5 else None)
    # right half: fields
    x_l, x_v = mid + 120, mid + 120 + int(fl.size * 7)
    value_w = W - 140 - x_v
    cv.write_center(mid + mid // 2, 140, ["专业技术资格证书"], F.pt("serif_bold", 22), tracking=8)
    _pictorial_emblem(cv, ctx, mid // 2, 160, 170.0, 82)
    y = 300
    name, tag = ctx.name(padded=True)
    emp, etag = ctx.employer()
    yb, mb, _ = ap.born
    committee = str(rng.choice(COMMITTEES))
    rows = [("姓　　名", [(name, tag)]), ("性　　别", [ap.sex]), ("出生年月", [f"{yb}年{mb}月"]),
            ("工作单位", [(emp, etag)]), ("专　　业", [ap.major]), ("资格名称", [ap.title]),
            ("评审时间", [ctx.date()]), ("评审组织", [(committee, Oth("org"))]),
            ("批准机关", [(issuer, Oth("org"))]), ("证书编号", [f"{int(rng.integers(10 ** 11, 10 ** 12))}"])]
    for label, segs in rows:
        cv.write(x_l, y + (fv.size - fl.size) * 0.5, [label], fl)
        y2 = cv.paragraph(x_v, y, value_w, segs, fv, leading=1.45, indent=0)
        y = max(y2, y + fv.size * 1.45) + fv.size * 0.9
    # the issuing authority's seal: over the 批准机关 row and the date, and over the photo corner
    cv.stamp(W - 380 + rng.uniform(-60, 40), y - fv.size * 5 + rng.uniform(-40, 40), issuer, "other",
             diameter_mm=42.0, faded=bool(rng.random() < 0.2))
    if rng.random() < 0.6:
        cv.stamp(px + ph * 0.78 + rng.uniform(-20, 20), py + ph * 0.85, issuer, "other",
                 diameter_mm=38.0, bottom="证书专用章" if rng.random() < 0.5 else None)
    return cv


#: Share of appraisal forms drawn as the bureau's 登记表 (two pages or one long page, handwritten
#: entries, 本人意见 and 主管部门审核意见 rows) rather than the one-page form above.
BUREAU_FORM_SHARE = 0.6
#: Reviewing bodies over an employer (主管部门): the bureau, the prefecture's office, the 职改办.
REVIEWERS = ("阿克苏地区人力资源和社会保障局", "阿克苏地区行政公署", "阿克苏地区职称改革工作领导小组办公室",
             "喀什地区人力资源和社会保障局", "和田地区行政公署", "昌吉回族自治州人力资源和社会保障局",
             "伊犁哈萨克自治州职称改革工作领导小组办公室", "乌鲁木齐市人力资源和社会保障局",
             "巴音郭楞蒙古自治州卫生健康委员会", "克拉玛依市教育局")


def _cell_lines(cv: Canvas, x0: float, x1: float, y0: float, rh: float, lines, f: F, colour=None) -> None:
    """Lines of segments centred in a cell (x0..x1, y0..y0+rh), shrunk to fit its width."""
    widths = [sum(text_width(s if isinstance(s, str) else s[0], f) for s in segs) for segs in lines]
    avail = x1 - x0 - 14
    if max(widths) > avail:
        f = F(f.family, max(14, int(f.size * avail / max(widths))), f.sx)
        widths = [sum(text_width(s if isinstance(s, str) else s[0], f) for s in segs) for segs in lines]
    lh = f.size * 1.25
    y = y0 + (rh - lh * len(lines)) / 2 + (lh - f.size) / 2
    for segs, w in zip(lines, widths, strict=True):
        cv.write(x0 + (x1 - x0 - min(w, avail)) / 2, y, segs, f, colour)
        y += lh


def _bureau_appraisal(ctx: Ctx, side: np.random.Generator) -> Canvas:
    """The 年度考核登记表 bureaus hand out: ruled table (black or red lines), handwritten entries,
    个人总结 naming the employer and signed by hand, the leader's and the unit head's handwritten
    signatures, the employer's seal over the unit opinion (and over cell borders), 本人意见 signed
    by the applicant, the 主管部门's printed name and seal, 备注. Delivered as page 1 or page 2 of a
    two-page form, or as one long page."""
    ap, rng = ctx.ap, ctx.rng
    part = str(side.choice(["p1", "p2", "long"], p=[0.35, 0.35, 0.3]))
    H = int(A4[1] * 1.5) if part == "long" else A4[1]
    cv = Canvas(A4[0], H, rng)
    W = cv.w
    rule = INK if side.random() < 0.7 else (190, 50, 50)
    hand = side.random() < 0.5                     # entries filled in by hand (blue or black pen)
    pen = BLUE_INK if side.random() < 0.6 else (20, 20, 25)
    year = int(side.integers(2019, 2025))
    fs = ctx.f(ctx.body_pt(11, 13))
    lab = ctx.f(fs.size / PT, "hei" if side.random() < 0.4 else None)
    L, R = 130, W - 130
    c1 = L + int(side.uniform(190, 250))           # label column
    y = 110
    emp_full = ap.employers[0]
    if part != "p2":
        kind = str(side.choice(["事业单位工作人员年度考核登记表", "专业技术人员年度考核登记表"]))
        title = f"{year}年度{kind}" if side.random() < 0.7 else kind
        cv.write_center(W / 2, y, [title], F.pt("serif_bold", float(side.uniform(17, 20))))
        y += 120
        if side.random() < 0.6:
            head = str(side.choice(["单位（盖章）：", "填表单位：", "单位名称："]))
            e0, t0 = ctx.employer()
            x_end = cv.write(L + 10, y, [head, (e0, t0)], fs)
            if head.startswith("单位（盖章）") and side.random() < 0.4:
                cv.stamp(x_end - text_width(e0, fs) / 2 + side.uniform(-40, 40), y + side.uniform(-30, 40),
                         emp_full, "applicant", diameter_mm=float(side.choice([38.0, 42.0])))
            cv.write_right(R - 10, y, [f"填表时间：{year}年12月"], fs)
            y += int(fs.size * 2.2)
    else:
        y = 140
    top = y
    cv.hline(L, R, y, 3, rule)
    rh = int(fs.size * 2.7)

    def entry(x0, x1, y0, text, tag=None, h=rh):
        """A value in a cell: printed, or handwritten in the page's pen."""
        if hand and tag is None and text:
            f2 = F("kai", int(fs.size * 1.15))
            w = text_width(text, f2)
            cv.write(x0 + max(6, (x1 - x0 - w) / 2), y0 + (h - f2.size) / 2, [text], f2, pen)
        elif hand and tag is not None and tag.kind == "name" and side.random() < 0.7:
            t2 = Tag(tag.kind, tag.owner, tag.tags + ("signature",))
            _handwrite(cv, ctx, x0 + 20, y0 + (h - fs.size * 1.8) / 2, fs, text.replace("\u3000", ""), t2,
                       right=x1 - 6, colour=pen)
        else:
            _cell_lines(cv, x0, x1, y0, h, [[(text, tag) if tag else text]], fs)

    if part != "p2":
        cols = [L, c1, c1 + int((R - c1) * 0.24), c1 + int((R - c1) * 0.38), c1 + int((R - c1) * 0.52),
                c1 + int((R - c1) * 0.72), R]
        name, tag = ctx.name(padded=True)
        yb, mb, _ = ap.born
        rows = [[("姓　　名", None), (name, tag), ("性别", None), (ap.sex, None), ("出生年月", None),
                 (f"{yb}.{mb:02d}", None)],
                [("政治面貌", None), (str(side.choice(["中共党员", "群众", "中共党员"])), None), ("文化程度", None),
                 (str(side.choice(["大学本科", "研究生", "大学"])), None), ("参加工作时间", None),
                 (f"{yb + int(side.integers(21, 25))}.{int(side.integers(7, 10)):02d}", None)]]
        for row in rows:
            for k, (text, t) in enumerate(row):
                if k % 2 == 0:
                    _cell_lines(cv, cols[k], cols[k + 1], y, rh, [[text]], lab)
                else:
                    entry(cols[k], cols[k + 1], y, text, t)
            for x in cols[1:-1]:
                cv.vline(x, y, y + rh, 2, rule)
            y += rh
            cv.hline(L, R, y, 2, rule)
        # 工作单位及职务: employer and post in one cell, the employer often wrapped
        e1, t1 = ctx.employer()
        post = ap.position if side.random() < 0.5 else ap.title
        cw = int((R - c1) * float(side.uniform(0.45, 1.0)))
        rh2 = int(rh * 1.5)
        label = str(side.choice(["工作单位及职务", "工作单位\n及职务", "单位及职务"]))
        _cell_lines(cv, L, c1, y, rh2, [[s] for s in label.split("\n")], lab)
        per = max(4, int((cw - 30) // fs.size))
        if side.random() < 0.5 and len(e1) + len(post) + 1 <= per:
            lines = [[(e1, t1), " " + post]]
        elif len(e1) <= per:
            lines = [[(e1, t1)], [post]]
        else:
            tw = Tag(t1.kind, t1.owner, t1.tags + ("wrapped",))
            lines = [[(e1[:per], tw)], [(e1[per:], tw), " " + post]]
        _cell_lines(cv, c1, c1 + cw, y, rh2, lines, fs, pen if hand else None)
        if cw < R - c1 - 200:
            cv.vline(c1 + cw, y, y + rh2, 2, rule)
            _cell_lines(cv, c1 + cw, R, y, rh2, [["任现职时间"], [f"{year - int(side.integers(2, 9))}.12"]], lab)
        cv.vline(c1, y, y + rh2, 2, rule)
        y += rh2
        cv.hline(L, R, y, 2, rule)
        # 现任职务 | 任现职时间
        cols2 = [L, c1, c1 + int((R - c1) * 0.5), c1 + int((R - c1) * 0.72), R]
        row = [("现任专业技术职务" if side.random() < 0.5 else "现任职务", None), (ap.title, None),
               ("任职时间", None), (f"{year - int(side.integers(2, 9))}.12", None)]
        for k, (text, _) in enumerate(row):
            if k % 2 == 0:
                _cell_lines(cv, cols2[k], cols2[k + 1], y, rh, [[text]], lab)
            else:
                entry(cols2[k], cols2[k + 1], y, text)
        for x in cols2[1:-1]:
            cv.vline(x, y, y + rh, 2, rule)
        y += rh
        cv.hline(L, R, y, 2, rule)
        # 个人总结: prose naming the employer, signed by hand
        y0 = y
        n_sent = int(side.integers(3, 6)) if part == "long" else int(side.integers(4, 7))
        text = "".join(SUMMARY[i] for i in side.permutation(len(SUMMARY))[:n_sent])
        e2, t2 = ctx.employer()
        opener = str(side.choice([f"{year}年，本人在", "一年来，本人在", "本人在"]))
        tail = str(side.choice(["领导的关心支持下，", "党组的正确领导下，", "工作，"]))
        segs = [opener, (e2, t2), tail + text]
        yy = cv.paragraph(c1 + 20, y + 30, R - c1 - 40, segs, fs, leading=1.75, colour=pen if hand else None)
        yy += 20
        sig_label = str(side.choice(["签名：", "本人签名：", "签字："]))
        lx = R - int(side.uniform(560, 680))
        label_w = text_width(sig_label, fs)
        sx = _signature(cv, ctx, lx + label_w + 8, yy - 6, fs, right=R - 200)
        # A long name moved left to end before `right` wrote over its own label (热孜万古丽•艾则孜
        # over 签名：, read as one line 签热孜万古丽则败): the form is printed with room to sign,
        # so the label stands before the signature.
        cv.write(min(lx, sx - label_w - 8), yy + 14, [sig_label], fs)
        cv.write(R - 240, yy + fs.size * 2.6, ["年　　月　　日"] if side.random() < 0.5 else
                 [f"{year}年12月{int(side.integers(10, 29))}日"], fs)
        y = int(yy + fs.size * 4.4)
        _write_vertical(cv, L + (c1 - L) / 2 - lab.size / 2, y0 + (y - y0) / 2 - lab.size * 2.2,
                        [str(side.choice(["个人总结", "本人总结"]))], lab, gap=0.3)
        cv.vline(c1, y0, y, 2, rule)
        cv.hline(L, R, y, 2, rule)

    def section(label_lines, body, min_h):
        """A labelled row; `body(y0)` draws its content and returns the y below it."""
        nonlocal y
        y0 = y
        yy = body(y0)
        y = int(max(yy + 30, y0 + min_h))
        _cell_lines(cv, L, c1, y0, y - y0, [[s] for s in label_lines], lab)
        cv.vline(c1, y0, y, 2, rule)
        cv.hline(L, R, y, 2, rule)

    def leader(y0):
        grade = str(side.choice(["优秀", "合格", "称职"]))
        yy = cv.paragraph(c1 + 20, y0 + 30, R - c1 - 40,
                          [f"该同志工作认真负责，业务能力强，圆满完成年度各项工作任务，建议考核等次为{grade}。"], fs,
                          leading=1.75, colour=pen if hand else None)
        lbl = str(side.choice(["主管领导签名：", "签名：", "领导签字："]))
        lx = R - int(side.uniform(620, 760))
        cv.write(lx, yy + 24, [lbl], fs)
        _handwrite(cv, ctx, lx + text_width(lbl, fs) + 8, yy + 4, fs, ctx.other(), Oth("name", "signature"),
                   right=R - 260)
        cv.write(R - 250, yy + 24, [f"{year}年12月{int(side.integers(10, 29))}日"], ctx.f(fs.size / PT * 0.9))
        return yy + fs.size * 2.8

    def unit(y0):
        cv.write(c1 + 30, y0 + 30, [str(side.choice(["经考核委员会研究，确定为优秀等次。",
                                                    "同意主管领导意见，考核等次为优秀。",
                                                    "经单位考核委员会审核，同意评定为合格等次。"]))], fs)
        if side.random() < 0.7:
            lbl = "单位负责人签名："
            cv.write(c1 + 30, y0 + 30 + fs.size * 2.4, [lbl], fs)
            _handwrite(cv, ctx, c1 + 40 + text_width(lbl, fs), y0 + 10 + fs.size * 2.4, fs, ctx.other(),
                       Oth("name", "signature"))
        e3, t3 = ctx.employer(full=True)
        printed = side.random() < 0.7
        sy = y0 + 30 + fs.size * 4.6
        if printed:
            yy = _signoff(cv, ctx, R - 60, sy, e3, t3, fs, seal_owner=None,
                          wrap_at=10 if len(e3) > 13 else None, date=f"{year}年12月{int(side.integers(10, 29))}日")
        else:
            date = "年　　月　　日" if side.random() < 0.4 else f"{year}年12月{int(side.integers(10, 29))}日"
            cv.write_right(R - 60, sy + fs.size * 1.6, ["（盖章）　　" + date], fs)
            yy = sy + fs.size * 3.2
        # the employer's seal over the date and the text, sometimes across the cell border
        cx = R - 60 - float(side.uniform(120, 330))
        cy = (sy + yy) / 2 + float(side.uniform(-60, 40))
        if side.random() < 0.3:
            cy = yy + float(side.uniform(0, 40))                  # over the row's bottom ruling line
        cv.stamp(cx, cy, emp_full, "applicant", diameter_mm=float(side.choice([40.0, 42.0, 45.0])),
                 faded=bool(side.random() < 0.2), bottom="人事专用章" if side.random() < 0.15 else None)
        return yy

    def own_view(y0):
        lbl = str(side.choice(["同意", "同意。", "本人同意考核结果"]))
        cv.write(c1 + 30, y0 + 30, [lbl], fs)
        sx = c1 + 30 + text_width(lbl, fs) + float(side.uniform(40, 300))
        _signature(cv, ctx, sx, y0 + 12, fs, right=R - 300)
        cv.write(R - 280, y0 + 30 + fs.size * 1.6, [f"{year}年12月{int(side.integers(10, 29))}日"], fs)
        return y0 + 30 + fs.size * 3

    def review(y0):
        org = str(side.choice(_clean(REVIEWERS, ap)))
        cv.write(c1 + 30, y0 + 30, [str(side.choice(["同意。", "同意单位意见。", "经审核，同意。"]))], fs)
        if side.random() < 0.5:
            lbl = str(side.choice(["审核人：", "经办人："]))
            cv.write(c1 + 30, y0 + 30 + fs.size * 2.2, [lbl, (ctx.other(), Oth("name"))], fs)
        sy = y0 + 30 + fs.size * 3.6
        yy = _signoff(cv, ctx, R - 60, sy, org, Oth("org"), fs, seal_owner=None,
                      wrap_at=10 if len(org) > 13 else None, date=f"{year + 1}年1月{int(side.integers(5, 29))}日")
        cv.stamp(R - 60 - float(side.uniform(140, 300)), (sy + yy) / 2 + float(side.uniform(-50, 50)), org, "other",
                 diameter_mm=float(side.choice([40.0, 42.0, 45.0])), faded=bool(side.random() < 0.2),
                 bottom="专用章" if side.random() < 0.2 else None)
        return yy

    leader_lab = [["主管领导评语和", "考核等次建议"], ["主管领导", "评语"], ["考核等次", "建议"]][int(side.integers(3))]
    unit_lab = [["机关、单位", "意见"], ["考核委员会", "意见"], ["单位意见"]][int(side.integers(3))]
    review_lab = [["主管部门", "审核意见"], ["审核意见"], ["主管部门", "意见"]][int(side.integers(3))]
    if part == "p1":
        section(leader_lab, leader, 300)
    else:
        if part == "p2" and side.random() < 0.5:
            section(leader_lab, leader, 300)
        if part == "long":
            section(leader_lab, leader, 300)
        section(unit_lab, unit, 420)
        section(["本人意见"], own_view, 200)
        section(review_lab, review, 420)
        section(["备注"], lambda y0: y0 + 60, 130)
    cv.vline(L, top, y, 3, rule)
    cv.vline(R, top, y, 3, rule)
    if part == "p2" or side.random() < 0.4:
        cv.write(L, y + 30, ["注：此表一式两份，一份存入本人档案，一份报主管部门。"], ctx.f(10))
    return cv


def build_appraisal(ctx: Ctx) -> Canvas:
    ap, rng = ctx.ap, ctx.rng
    side = _side_rng(rng, 1433)
    if side.random() < BUREAU_FORM_SHARE:
        return _bureau_appraisal(ctx, side)
    cv = Canvas(*A4, rng)
    W, H = cv.w, cv.h
    year = int(rng.integers(2019, 2025))
    cv.write_center(W / 2, 150, ["事业单位工作人员年度考核登记表"], F.pt("serif_bold", rng.uniform(18, 22)))
    cv.write_center(W / 2, 250, [f"（ {year} 年度 ）"], ctx.f(14))
    L, R = 150, W - 150
    fs = ctx.f(ctx.body_pt(11, 13.5))
    lab = ctx.f(fs.size / PT, "hei" if rng.random() < 0.4 else None)
    rh = int(fs.size * 2.6)
    top = 330
    cols = [L, L + 220, L + 560, L + 700, L + 860, L + 1060, R]
    name, tag = ctx.name(padded=True)
    yb, mb, _ = ap.born
    emp, etag = ctx.employer()
    r1 = [("姓　名", None), (name, tag), ("性别", None), (ap.sex, None), ("出生年月", None), (f"{yb}.{mb:02d}", None)]
    y = top
    cv.hline(L, R, y, 3)

    def cell(x0, x1, y0, text, t=None, f=fs):
        w = text_width(text, f)
        avail = x1 - x0 - 16
        per = int(avail // f.size)
        if avail < w and (w * 0.72 <= avail or len(text) - per <= 2):   # shrink to fit, as people do
            f = F(f.family, max(12, int(f.size * avail / w)), f.sx)
            w = text_width(text, f)
        if w <= avail:
            cv.write(x0 + (x1 - x0 - w) / 2, y0 + (rh - f.size) / 2 - 2, [(text, t)], f)
        else:   # wrap inside the cell, two lines
            parts = [text[:per], text[per:]]
            for k, p in enumerate(parts):
                tt = Tag(t.kind, t.owner, t.tags + ("wrapped",)) if t else None
                cv.write(x0 + 8, y0 + 6 + k * f.size * 1.15, [(p, tt)], f)

    for k, (text, t) in enumerate(r1):
        cell(cols[k], cols[k + 1], y, text, t, lab if t is None and k % 2 == 0 else fs)
    y += rh
    cv.hline(L, R, y)
    # employer row: narrow cell in some forms, so long names wrap
    narrow = rng.random() < 0.5
    c2 = cols[3] if narrow else cols[4]
    cell(cols[0], cols[1], y, "工作单位", None, lab)
    cell(cols[1], c2, y, emp, etag)
    cell(c2, c2 + 160, y, "职务", None, lab)
    cell(c2 + 160, R, y, ap.position[:6], None)
    for x in (cols[1], c2, c2 + 160):
        cv.vline(x, y, y + rh)
    y += rh
    cv.hline(L, R, y)
    cell(cols[0], cols[1], y, "专业技术职务", None, lab)
    cell(cols[1], cols[3], y, ap.title, None)
    cell(cols[3], cols[5], y, "任职时间", None, lab)
    cell(cols[5], R, y, f"{year - 3}.12", None)
    for x in (cols[1], cols[3], cols[5]):
        cv.vline(x, y, y + rh)
    for x in cols[1:-1]:
        cv.vline(x, top, top + rh)
    y += rh
    cv.hline(L, R, y)
    # self summary
    y0 = y
    text = "".join(SUMMARY[i] for i in rng.permutation(len(SUMMARY))[:4])
    segs = [f"{year}年，本人在"]
    e2, t2 = ctx.employer(full=True)
    segs += [(e2, t2), "党组的正确领导下，" + text]
    yy = cv.paragraph(cols[1] + 20, y + 30, R - cols[1] - 40, segs, fs, leading=1.8)
    sig_y = yy + 30
    label_w = text_width("本人签名：", fs)
    sx = _signature(cv, ctx, R - 620 + label_w + 10, sig_y - 10, fs, right=R - 20)
    cv.write(sx - label_w - 10, sig_y + 10, ["本人签名："], fs)
    cv.write(R - 360, sig_y + fs.size * 2.8, [f"{year}年12月{int(rng.integers(10, 29))}日"], fs)
    y = sig_y + fs.size * 4.6
    cv.write(cols[0] + 40, y0 + (y - y0) / 2 - 60, ["个"], lab)
    cv.write(cols[0] + 40, y0 + (y - y0) / 2 - 10, ["人"], lab)
    cv.write(cols[0] + 40, y0 + (y - y0) / 2 + 40, ["总"], lab)
    cv.write(cols[0] + 40, y0 + (y - y0) / 2 + 90, ["结"], lab)
    cv.vline(cols[1], y0, y)
    cv.hline(L, R, y)
    # leader's comment, signed by another person
    y0 = y
    cv.write(cols[0] + 20, y + 40, ["主管领导"], lab)
    cv.write(cols[0] + 20, y + 40 + lab.size * 1.4, ["评　　语"], lab)
    yy = cv.paragraph(cols[1] + 20, y + 30, R - cols[1] - 40,
                      ["该同志工作认真负责，业务能力强，圆满完成年度各项工作任务，"
                       "建议考核等次为优秀。"], fs, leading=1.8)
    cv.write(R - 620, yy + 10, ["签名：", (ctx.other(), Oth("name"))], fs)
    cv.write(R - 360, yy + 10, [f"{year}年12月{int(rng.integers(10, 29))}日"], fs)
    y = yy + fs.size * 3
    cv.vline(cols[1], y0, y)
    cv.hline(L, R, y)
    # unit opinion with the employer seal over text
    y0 = y
    cv.write(cols[0] + 20, y + 40, ["单位意见"], lab)
    cv.write(cols[1] + 40, y + 40, ["经考核委员会研究，同意确定为", "优秀", "等次。"], fs)
    if rng.random() < 0.5:
        cv.write(cols[1] + 40, y + 40 + fs.size * 1.8, ["负责人：", (ctx.other(), Oth("name"))], fs)
    e3, t3 = ctx.employer(full=True)
    yy = _signoff(cv, ctx, R - 80, y + 40 + fs.size * 3.4, e3, t3, fs, seal_owner="applicant",
                  wrap_at=10 if len(e3) > 13 else None, date=f"{year}年12月{int(rng.integers(10, 29))}日")
    y = max(yy + 30, y0 + 400)
    cv.vline(cols[1], y0, y)
    cv.hline(L, R, y)
    # reviewing authority, another organisation's seal
    if y < H - 520:
        y0 = y
        cv.write(cols[0] + 20, y + 40, ["审核机关"], lab)
        cv.write(cols[0] + 20, y + 40 + lab.size * 1.4, ["意　　见"], lab)
        cv.write(cols[1] + 40, y + 40, ["同意。"], fs)
        org = ctx.org()
        side = _side_rng(rng, 64)
        if side.random() < AUTHORITY_SHARE:    # the bureau's 人社局 or 职改办 reviews and seals
            org = str(side.choice(_clean(LOCAL_AUTHORITIES, ap)))
        yy = _signoff(cv, ctx, R - 80, y + 40 + fs.size * 1.5, org, Oth("org"), fs, seal_owner="other",
                      date=f"{year + 1}年1月{int(rng.integers(5, 29))}日")
        y = min(max(yy + 30, y0 + 380), H - 140)
        cv.vline(cols[1], y0, y)
        cv.hline(L, R, y, 3)
    cv.vline(L, top, y, 3)
    cv.vline(R, top, y, 3)
    cv.write(L, y + 30, ["注：此表一式两份，一份存入本人档案。"], ctx.f(10))
    return cv


def _signature(cv: Canvas, ctx: Ctx, x: float, y: float, f: F, right: float | None = None) -> int:
    """A 'handwritten' signature of the applicant's name: larger, slanted, in ballpoint ink.

    Starts at x (moved left so it ends before `right`); returns the x it starts at."""
    name, tag = ctx.name()
    return _handwrite(cv, ctx, x, y, f, name, Tag(tag.kind, tag.owner, tag.tags + ("signature",)), right)


def _handwrite(cv: Canvas, ctx: Ctx, x: float, y: float, f: F, name: str, tag: Tag | None,
               right: float | None = None, colour=None) -> int:
    """Text written by hand: larger, slanted, uneven, in ballpoint ink; records `tag` over its ink."""
    rng = ctx.rng
    size = int(f.size * rng.uniform(1.2, 1.6))
    fs = F(str(rng.choice(["hei", "sans", "serif"])), size)
    width = int(text_width(name, fs) + size)
    tile = np.zeros((int(size * 1.8), width + size), np.uint8)
    xx = size * 0.3
    for ch in name:
        arr, dx, dy, adv = glyph(fs, ch)
        if arr is not None:
            X, Y = int(xx + dx), int(size * 0.3 + dy + rng.uniform(-size * 0.08, size * 0.08))
            sub = tile[Y:Y + arr.shape[0], X:X + arr.shape[1]]
            np.maximum(sub, arr[:sub.shape[0], :sub.shape[1]], out=sub)
        xx += adv * rng.uniform(0.8, 0.95)
    shear = rng.uniform(0.15, 0.35)
    rot = math.radians(rng.uniform(-6, 3))
    M = np.array([[math.cos(rot), -math.sin(rot) - shear, 0], [math.sin(rot), math.cos(rot), 0]], np.float32)
    M[0, 2] = shear * tile.shape[0] * 0.5 + 4
    M[1, 2] = 4 - math.sin(rot) * tile.shape[1] * 0.5 if rot < 0 else 4
    out_w = tile.shape[1] + int(shear * tile.shape[0]) + 8
    out_h = tile.shape[0] + int(abs(math.sin(rot)) * tile.shape[1]) + 8
    warped = cv2.warpAffine(tile, M, (out_w, out_h), flags=cv2.INTER_LINEAR)
    warped = cv2.dilate(warped, np.ones((2, 2), np.uint8)) if rng.random() < 0.5 else warped
    ys, xs = np.nonzero(warped > 40)
    if not len(xs):
        return int(x)
    if right is not None and x + xs.max() > right:
        x = right - xs.max()
    pen = BLUE_INK if rng.random() < 0.6 else (20, 20, 25)
    lay = cv.layer(colour or pen)
    X, Y = int(x), int(y)
    h, w = warped.shape
    sub = lay[Y:Y + h, X:X + w]
    np.maximum(sub, warped[:sub.shape[0], :sub.shape[1]], out=sub)
    if tag is not None:
        cv.add_truth(tag.kind, tag.owner, (X + xs.min(), Y + ys.min(), X + xs.max() + 1, Y + ys.max() + 1), name,
                     tag.tags)
    return X + int(xs.min())


def build_training(ctx: Ctx) -> Canvas:
    ap, rng = ctx.ap, ctx.rng
    landscape = rng.random() < 0.5
    cv = Canvas(*(A4[::-1] if landscape else A4), rng)
    W, H = cv.w, cv.h
    if rng.random() < 0.5:
        _ornament_border(cv, 70, (170, 140, 70) if rng.random() < 0.6 else (40, 80, 140))
    title = str(rng.choice(["培训证书", "结业证书", "继续教育证书", "培训合格证书"]))
    ft = F.pt("serif_bold", rng.uniform(28, 38))
    ty = 200 if landscape else 260
    tw = cv.write_center(W / 2, ty, [title], ft, tracking=20)
    _title_emblem(cv, ctx, W / 2, ty, tw, ft.size, 61)
    fb = ctx.f(ctx.body_pt(13, 16))
    trainer = str(rng.choice(TRAINERS))
    side = _side_rng(rng, 62)
    if side.random() < LONG_TRAINER_SHARE:
        trainer = str(side.choice(_clean(LONG_TRAINERS, ap)))
    topic = str(rng.choice(["生态环境监测技术", "专业技术人员继续教育公需科目", "职称评审政策与业务能力提升",
                            "临床诊疗新进展", "农业技术推广骨干", "基础教育课程改革"]))
    x = 260
    y = 480 if landscape else 620
    if rng.random() < 0.6:
        ph = int(rng.uniform(180, 300))
        cv.photo(W - 260 - int(ph * 0.78), y - 80, ph)
        width = W - 2 * 260 - int(ph * 0.78) - 80
    else:
        width = W - 2 * x
    name, tag = ctx.name(allow_alias=False)
    segs = [(name, tag), f" 同志（身份证号：{_id_number(ap, rng)}）"]
    if rng.random() < 0.6:
        emp, etag = ctx.employer()
        segs = [(name, tag), " 同志，工作单位：", (emp, etag), "，"]
    y0_, m0_, d0_ = int(rng.integers(2018, 2024)), int(rng.integers(1, 12)), int(rng.integers(1, 20))
    start, end = f"{y0_}年{m0_}月{d0_}日", f"{y0_}年{m0_ + int(rng.integers(0, 2))}月{d0_ + int(rng.integers(3, 9))}日"
    segs += [f"于{start}至{end}参加由", (trainer, Oth("org")),
             f"举办的“{topic}”培训班学习，完成规定课程{int(rng.integers(24, 96))}学时，考核合格，特发此证。"]
    y = cv.paragraph(x, y, width, segs, fb, leading=2.1)
    fs = ctx.f(12)
    cv.write(x, y + 60, [f"证书编号：XJPX{int(rng.integers(10 ** 7, 10 ** 8))}"], fs)
    sy = max(y + 160, H - 520)
    _signoff(cv, ctx, W - 300, sy, trainer, Oth("org"), fb, seal_owner="other",
             wrap_at=10 if len(trainer) > 14 else None, bottom="培训专用章" if rng.random() < 0.4 else None)
    with _side_draws(ctx, cv, 63) as side:
        if side.random() < SECOND_SEAL_SHARE:
            # the sending employer signs and seals too, left of the training centre (选派单位)
            org, tag = ctx.employer(full=True)
            cv.write(x, sy - fb.size * 1.8, ["选派单位（盖章）："], fb)
            _signoff(cv, ctx, x + text_width(org[:11], fb) + 40, sy, org, tag, fb, seal_owner="applicant",
                     wrap_at=11 if len(org) > 14 else None)
    return cv


def build_award(ctx: Ctx) -> Canvas:
    rng = ctx.rng
    cv = Canvas(*A4[::-1], rng)
    W, H = cv.w, cv.h
    border = (200, 40, 40) if rng.random() < 0.5 else (200, 160, 60)
    _ornament_border(cv, 60, border)
    ft = F.pt(str(rng.choice(["serif_bold", "sans_bold"])), rng.uniform(40, 56))
    tw = cv.write_center(W / 2, 190, [("荣誉证书", Oth("title", "red"))], ft, RED_PRINT, tracking=int(ft.size * 0.35))
    _title_emblem(cv, ctx, W / 2, 190, tw, ft.size, 71)
    d = ft.size * 2.0
    _pictorial_emblem(cv, ctx, W / 2 + tw / 2 + d / 2 + 70, 190 + ft.size * 0.55, d, 73)
    fb = ctx.f(ctx.body_pt(15, 18))
    name, tag = ctx.name(allow_alias=True)
    y = 560
    by_employer = rng.random() < 0.65
    cv.write(300, y, [(name, tag), " 同志："], fb)
    honour = str(rng.choice(["先进工作者", "优秀共产党员", "优秀专业技术人才", "岗位能手", "优秀教师", "最美医生"]))
    if by_employer:
        segs = [f"在{int(rng.integers(2018, 2024))}年度工作中表现突出，成绩显著，被评为“{honour}”。"
                "特发此证，以资鼓励。"]
    else:
        emp, etag = ctx.employer()
        segs = ["你单位（", (emp, etag), f"）在{int(rng.integers(2018, 2024))}年度工作中表现突出，被评为“{honour}”。"
                "特发此证，以资鼓励。"]
    y = cv.paragraph(300, y + fb.size * 2.0, W - 600, segs, fb, leading=2.1)
    if by_employer:
        org, tag2 = ctx.employer(full=True)
        sy = max(y + 180, H - 560)
        _signoff(cv, ctx, W - 320, sy, org, tag2, fb, seal_owner="applicant",
                 wrap_at=11 if len(org) > 14 else None)
        with _side_draws(ctx, cv, 72) as side:
            if side.random() < SECOND_SEAL_SHARE:
                # a co-issuer (the union, a committee) signs and seals beside the employer
                co = str(side.choice(_clean(CO_ISSUERS, ctx.ap)))
                more = _side_rng(side, 74)
                if more.random() < 0.5:          # an organising committee, a society, the league
                    co = str(more.choice(_clean(MORE_CO_ISSUERS, ctx.ap)))
                _signoff(cv, ctx, W / 2 - 60, sy, co, Oth("org"), fb, seal_owner="other",
                         wrap_at=10 if len(co) > 12 else None)
    else:
        org = ctx.org()
        _signoff(cv, ctx, W - 320, max(y + 180, H - 560), org, Oth("org"), fb, seal_owner="other")
    return cv


def build_journal(ctx: Ctx) -> Canvas:
    ap, rng = ctx.ap, ctx.rng
    cv = Canvas(*A4, rng)
    W, H = cv.w, cv.h
    L, R = 150, W - 150
    jn, je = JOURNALS[int(rng.integers(len(JOURNALS)))]
    vol, no, year = int(rng.integers(20, 46)), int(rng.integers(1, 7)), int(rng.integers(2016, 2025))
    fh = F.pt("sans", 8.5)
    cv.write(L, 110, [f"第 {vol} 卷 第 {no} 期"], fh)
    cv.write_center(W / 2, 110, [jn], fh)
    cv.write_right(R, 110, [f"Vol.{vol} No.{no}"], fh)
    cv.hline(L, R, 150, 2)
    fam = ctx.family
    cv.write_center(W / 2, 230, [str(rng.choice(["干旱区典型流域水环境质量时空变化特征研究",
                                                  "基于多源数据的绿洲城市空气质量评价",
                                                  "新疆南部地区基层技术推广模式探讨",
                                                  "某三甲医院住院患者护理质量分析",
                                                  "初中语文阅读教学中的问题与对策"]))],
                    F.pt("sans_bold" if "sans" in fam or fam == "hei" else "serif_bold", 18))
    fa = F.pt(fam, 12)
    name, tag = ctx.name()
    co = [ctx.other() for _ in range(int(rng.integers(1, 3)))]
    univ = str(rng.choice(ctx.univs))
    college = str(rng.choice(COLLEGES))
    first = rng.random() < 0.7
    authors: list = []
    order = [("A", 1)] + [(c, 2) for c in co] if first else [(co[0], 2), ("A", 1)] + [(c, 2) for c in co[1:]]
    for k, (who, aff) in enumerate(order):
        if k:
            authors.append("，" if rng.random() < 0.5 else "  ")
        authors.append((name, tag) if who == "A" else (who, Oth("name")))
        authors.append("¹" if aff == 1 else "²")
    cv.write_center(W / 2, 340, authors, fa)
    emp, etag = ctx.employer()
    fi = F.pt(fam, 9)
    second = (f"{univ}{college}", "乌鲁木齐 830046")
    if rng.random() < 0.35 and ctx.orgs:        # a co-author from a sibling organisation (a near miss)
        second = (ctx.org(), "喀什 844000")
    aff = ["（1. ", (emp, etag), f"，新疆 {ap.city} {ap.postcode}；2. ", (second[0], Oth("org")),
           f"，新疆 {second[1]}）"]
    y = cv.paragraph(L + 120, 420, R - L - 240, aff, fi, leading=1.5, indent=0)
    fs = F.pt(fam, 9.5)
    y = cv.paragraph(L + 60, y + 30, R - L - 120, ["摘　要：" + ctx.filler(5)], fs, leading=1.6, indent=0)
    y = cv.paragraph(L + 60, y + 10, R - L - 120, ["关键词：水环境；时空变化；干旱区；监测"], fs, leading=1.6, indent=0)
    cv.write(L + 60, y + 10, [f"中图分类号：X{int(rng.integers(100, 999))}　　文献标志码：A　　"
                              f"文章编号：{int(rng.integers(1000, 9999))}-{int(rng.integers(1000, 9999))}"], fs)
    y += fs.size * 3
    side = _side_rng(rng, 41)
    if side.random() < 0.6:     # the English block Chinese journals print: title, authors in pinyin
        y = _english_block(cv, W, L, R, y + 20, [(name, tag)] + [(c, Oth("name")) for c in co], first, side, fam)
        if side.random() < 0.7:  # and the affiliations in English, numbered as in Chinese, same postcodes
            y = _english_affiliations(cv, L, R, y - 10, [(english_org(emp), etag, f"{_latin(ap.city)} {ap.postcode}"),
                                                         (english_org(second[0]), Oth("org"),
                                                          f"{_latin(second[1].split()[0])} {second[1].split()[1]}")],
                                      side, fam)
    cv.hline(L, R, y, 1)
    y += 40
    col_w = (R - L - 60) // 2
    fbody = F.pt(fam, float(rng.uniform(9.0, 10.5)))
    foot_h = 330
    bottom = H - 150 - foot_h
    heads = ["引言", "材料与方法", "结果与分析", "讨论", "结论", "参考文献"]
    sec = 1
    for col in range(2):
        x = L + col * (col_w + 60)
        yy = y
        while yy < (bottom if col == 0 else H - 150) - fbody.size * 6 and sec <= len(heads):
            cv.write(x, yy, [f"{sec}  {heads[sec - 1]}"], F.pt("sans_bold", 10.5))
            yy += fbody.size * 2
            limit = int(((bottom if col == 0 else H - 150) - yy) / (fbody.size * 1.55)) - 1
            yy = cv.paragraph(x, yy, col_w, [ctx.filler(int(rng.integers(3, 7)))], fbody, leading=1.55,
                              max_lines=max(1, limit))
            yy += fbody.size * 0.8
            sec += 1
    # footnote in the first column: dates, fund, author bio (name again), corresponding author
    fy = bottom + 10
    cv.hline(L, L + 300, fy, 1)
    ff = F.pt(fam, 8)
    fy += 15
    fy = cv.paragraph(L, fy, col_w,
                      [f"收稿日期：{year - 1}-{int(rng.integers(1, 13)):02d}-{int(rng.integers(1, 29)):02d}"],
                      ff, leading=1.5, indent=0)
    fy = cv.paragraph(L, fy, col_w, [f"基金项目：自治区自然科学基金项目（{year - 2}D01A{int(rng.integers(10, 99))}）"],
                      ff, leading=1.5, indent=0)
    n2, t2 = ctx.name()
    yb = ap.born[0]
    bio = ["作者简介：", (n2, t2), f"（{yb}—），{ap.sex}，{ap.ethnic}，新疆{ap.city}人，{ap.title}，主要从事相关研究。"
           f"E-mail：{ap.email}"]
    bio_x = L
    if rng.random() < 0.4:   # a small author photo beside the bio
        ph = int(rng.uniform(70, 115))
        cv.photo(L, fy + 4, ph)
        bio_x = L + int(ph * 0.8) + 14
    fy = cv.paragraph(bio_x, fy, col_w - (bio_x - L), bio, ff, leading=1.5, indent=0)
    cv.paragraph(L, fy, col_w, ["通信作者：", (co[0], Oth("name")), "，教授，E-mail：corr@xju.edu.cn"], ff, leading=1.5,
                 indent=0)
    cv.write_center(W / 2, H - 110, [str(int(rng.integers(10, 120)))], fh)
    return cv


def latin_name(name: str, style: int) -> str:
    """A name as Chinese journals print it in English: ZHANG Xiao-yan, Zhang Xiaoyan or Xiaoyan
    Zhang; a Uyghur or Kazakh name as the pinyin of its Chinese transcription, parts in order."""
    from pypinyin import lazy_pinyin

    parts = [p for p in re.split("[·•‧・．.]", name) if p]
    if len(parts) > 1:
        words = ["".join(lazy_pinyin(p)).capitalize() for p in parts]
        return ("·" if style == 0 else " ").join(w.upper() if style == 1 and k == 0 else w for k, w in enumerate(words))
    sur, given = lazy_pinyin(name[0]), lazy_pinyin(name[1:])
    if style == 0:
        return f"{sur[0].upper()} {'-'.join(given).capitalize()}"
    if style == 1:
        return f"{sur[0].capitalize()} {''.join(given).capitalize()}"
    return f"{''.join(given).capitalize()} {sur[0].capitalize()}"


def _english_block(cv: Canvas, W: int, L: int, R: int, y: float, authors: list, first: bool,
                   rng: np.random.Generator, fam: str) -> float:
    """English title and author line under the Chinese abstract (as Chinese journals print
    them); returns the y below it."""
    title = str(rng.choice(["Spatiotemporal Variation of Water Quality in a Typical Arid Basin",
                            "Evaluation of Air Quality in an Oasis City Based on Multi-source Data",
                            "Nursing Quality of Inpatients in a Tertiary Hospital",
                            "Problems and Countermeasures in Reading Teaching of Junior Middle School"]))
    cv.write_center(W / 2, y, [title], F.pt("serif_bold", 13))
    style = int(rng.integers(0, 3))
    order = authors if first else authors[1:2] + authors[:1] + authors[2:]
    line: list = []
    for k, (who, tag) in enumerate(order):
        if k:
            line.append(", ")
        line.append((latin_name(who, style), Tag(tag.kind, tag.owner, (*tag.tags, "latin"))))
        line.append("1" if tag.owner == "applicant" else "2")
    cv.write_center(W / 2, y + 60, line, F.pt(fam, 10.5))
    return y + 120


#: How Chinese organisations' names are put into English, longest piece first (the rest in pinyin).
_ENGLISH_PIECES = (
    ("新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region "), ("生态环境局", "Ecology and Environment Bureau "),
    ("环境监测站", "Environmental Monitoring Station "), ("人民医院", "People's Hospital "),
    ("医科大学", "Medical University "),
    ("第一中学", "No.1 Middle School "), ("第二中学", "No.2 Middle School "), ("中学", "Middle School "),
    ("小学", "Primary School "), ("大学", "University "), ("学院", "College "), ("研究所", "Research Institute "),
    ("研究院", "Academy "), ("中心", "Center "), ("医院", "Hospital "), ("地区", " Prefecture "),
    ("自治州", " Prefecture "),
    ("农业农村局", "Agriculture and Rural Affairs Bureau "), ("水利局", "Water Resources Bureau "), ("局", "Bureau "),
    ("站", "Station "), ("所", "Institute "), ("县", " County "), ("市", " City "), ("新疆", "Xinjiang "),
)


def _latin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).capitalize()


def english_org(name: str) -> str:
    """An organisation's name as a journal's English affiliation line prints it (a rough rendering:
    known pieces translated, places in pinyin), e.g. Aksu Prefecture Environmental Monitoring Station."""
    out, rest = [], name
    while rest:
        for cn, en in _ENGLISH_PIECES:
            if rest.startswith(cn):
                out.append(en)
                rest = rest[len(cn):]
                break
        else:
            j = 1
            while j < len(rest) and not any(rest[j:].startswith(cn) for cn, _ in _ENGLISH_PIECES):
                j += 1
            out.append(_latin(rest[:j]) + " ")
            rest = rest[j:]
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _english_affiliations(cv: Canvas, L: int, R: int, y: float, affs: list, rng: np.random.Generator,
                          fam: str) -> float:
    """(1. Aksu Prefecture Environmental Monitoring Station, Aksu 843000, China; under the English
    authors, one affiliation a line (…; 2. …)); returns the y below them."""
    f = F.pt(fam, float(rng.uniform(8.5, 9.5)))
    for k, (org, tag, place) in enumerate(affs):
        last = k == len(affs) - 1
        tag = Tag(tag.kind, tag.owner, (*tag.tags, "english"))
        cv.write_center((L + R) / 2, y, ["(" if k == 0 else "", f"{k + 1}. ", (org, tag),
                                         f", {place}, China" + (")" if last else ";")], f)
        y += f.size * 1.6
    return y + 40


def build_letter(ctx: Ctx) -> Canvas:
    ap, rng = ctx.ap, ctx.rng
    cv = Canvas(*A4, rng)
    W, H = cv.w, cv.h
    L, R = 200, W - 200
    emp_full, _ = ctx.employer(full=True)
    abbrev = "".join(ch for ch in emp_full[:2]) + "字"
    red_head = rng.random() < 0.7
    y = 180
    if red_head:
        size = rng.uniform(28, 40)
        fam = str(rng.choice(["serif_bold", "sans_bold", "hei"]))
        head = F.pt(fam, size, sx=1.0)
        width = text_width(emp_full + "文件", head)
        sx = min(1.0, (R - L) / width)
        head = F.pt(fam, size, sx=round(sx * 0.97, 3))
        y = 200
        cv.write_center(W / 2, y, [(emp_full, A("employer", "red", "letterhead")), "文件"], head, RED_PRINT)
        y += head.size + 90
        cv.write_center(W / 2, y, [f"{abbrev}〔{int(rng.integers(2019, 2025))}〕{int(rng.integers(1, 80))}号"],
                        ctx.f(14))
        y += 80
        cv.hline(L - 40, R + 40, y, 5, RED_PRINT)
        if rng.random() < 0.5:
            cv2.fillPoly(cv.layer(RED_PRINT), [np.round(_star(W / 2, y, 22)).astype(np.int32)], 255, cv2.LINE_AA)
        y += 110
    fb = ctx.f(ctx.body_pt(13, 16))
    name, tag = ctx.name()
    title = ["关于", (name, tag), "同志工作情况的证明"] if rng.random() < 0.6 else ["证　　明"]
    cv.write_center(W / 2, y, title, F.pt("serif_bold" if rng.random() < 0.6 else "sans_bold", 20))
    y += 150
    addressee = str(rng.choice(["自治区职称改革工作领导小组办公室：", "自治区人力资源和社会保障厅：",
                                "有关评审委员会："]))
    cv.write(L, y, [(addressee[:-1], Oth("org")), "："], fb)
    y += fb.size * 2
    n2, t2 = ctx.name(allow_alias=True)
    emp, etag = ctx.employer()
    yb, mb, _ = ap.born
    segs = ["兹证明", (n2, t2), f"同志，{ap.sex}，{ap.ethnic}，{yb}年{mb}月出生，{yb + 23}年参加工作，现任",
            (emp, etag), f"{ap.position}，{ap.title}。该同志政治立场坚定，工作认真负责，" + ctx.filler(2)
            + "近三年年度考核均为合格以上等次，无违法违纪行为。"]
    y = cv.paragraph(L, y, R - L, segs, fb, leading=1.9)
    if rng.random() < 0.6:
        segs = ["该同志申报材料真实有效，我单位已按规定进行公示，公示期间无异议。"]
        if rng.random() < 0.5:
            e2, t2 = ctx.employer(full=True)
            segs = ["经", (e2, t2), "研究，同意", (ap.aliases[0] if ap.aliases and rng.random() < 0.3 else ap.name,
                                                  A("name")), "同志申报相应专业技术职务任职资格。" + segs[0]]
        y = cv.paragraph(L, y + 10, R - L, segs, fb, leading=1.9)
    y = cv.paragraph(L, y + 10, R - L, ["特此证明。"], fb, leading=1.9)
    y += 40
    contact = ctx.other()
    cv.write(L + fb.size * 2, y, ["联系人：", (contact, Oth("name")), f"　　联系电话：0{int(rng.integers(900, 999))}-"
                                   f"{int(rng.integers(2000000, 8999999))}"], fb)
    y += fb.size * 4
    org, otag = ctx.employer(full=True)
    _signoff(cv, ctx, R - 40, y, org, otag, fb, seal_owner="applicant", wrap_at=11 if len(org) > 14 else None)
    if rng.random() < 0.5:
        cv.hline(L, R, H - 300, 2)
        cv.write(L, H - 280, ["抄送：", (ctx.org(), Oth("org")), "。"], ctx.f(12))
        cv.hline(L, R, H - 220, 2)
    return cv


BUILDERS = {"id_card": build_id_card, "diploma": build_diploma, "title_cert": build_title_cert,
            "appraisal": build_appraisal, "training": build_training, "award": build_award,
            "journal": build_journal, "letter": build_letter}


# --- the scanner -----------------------------------------------------------------------------

@dataclass
class ScanSettings:
    skew: float = 0.0
    rot90: int = 0               # number of counter-clockwise quarter turns
    grey: bool = False
    blur: float = 0.0
    noise: float = 3.0
    quality: int = 80
    shade: float = 0.04
    edge_shadow: bool = False
    paper: tuple[float, float, float] = (250.0, 249.0, 245.0)
    seed: int = 0


def scan(img: np.ndarray, s: ScanSettings, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """RGB float32 page → BGR uint8 scan; also the 2x3 affine that maps page points to scan points."""
    h, w = img.shape[:2]
    paper = np.array(s.paper, np.float32) / 255.0
    shading = cv2.resize(rng.uniform(1 - s.shade, 1.0, (4, 3)).astype(np.float32), (w, h),
                         interpolation=cv2.INTER_CUBIC)
    if s.grey:
        g = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
        cv2.multiply(g, shading, dst=g, scale=float(paper.mean()) / 255.0)
        cv2.pow(g, float(rng.uniform(1.1, 1.5)), dst=g)               # copiers darken mid-tones
        g = cv2.convertScaleAbs(g, alpha=255.0 * 1.06, beta=-12.0).astype(np.float32)
        img = cv2.cvtColor(g, cv2.COLOR_GRAY2RGB)
    else:
        cv2.multiply(img, cv2.merge([shading * float(c) for c in paper]), dst=img)
    if s.edge_shadow:
        k = int(rng.uniform(20, 70))
        ramp = np.linspace(0.35, 1.0, k, dtype=np.float32)
        side = int(rng.integers(4))
        if side == 0:
            img[:, :k] *= ramp[None, :, None]
        elif side == 1:
            img[:, w - k:] *= ramp[None, ::-1, None]
        elif side == 2:
            img[:k] *= ramp[:, None, None]
        else:
            img[h - k:] *= ramp[::-1, None, None]
    # specks of dust
    for _ in range(int(rng.integers(0, 25 if s.grey else 8))):
        cv2.circle(img, (int(rng.integers(w)), int(rng.integers(h))), int(rng.integers(1, 3)),
                   (60, 60, 60), -1, cv2.LINE_AA)
    M = cv2.getRotationMatrix2D((w / 2, h / 2), s.skew, 1.0)
    if abs(s.skew) > 1e-3:
        border = tuple(float(v) * 255 for v in paper) if rng.random() < 0.7 else (40.0, 40.0, 40.0)
        img = cv2.warpAffine(img, M, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                             borderValue=border)
    if s.blur > 0.2:
        img = cv2.GaussianBlur(img, (0, 0), s.blur)
    if s.noise > 0:
        cv2.setRNGSeed(int(s.seed) % (2 ** 31))
        noise = np.empty((h, w), np.float32)
        cv2.randn(noise, 0.0, float(s.noise))
        cv2.add(img, cv2.cvtColor(noise, cv2.COLOR_GRAY2RGB), dst=img)
    out = cv2.convertScaleAbs(img)   # saturating float -> uint8 (noise below 0 is negligible)
    out = cv2.cvtColor(out, cv2.COLOR_RGB2BGR)
    A3 = np.vstack([M, [0, 0, 1]])
    if s.rot90 % 4:
        k = s.rot90 % 4
        out = np.ascontiguousarray(np.rot90(out, k))
        A3 = _rot90_matrix(k, w, h) @ A3
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(s.quality)])
    out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    return out, A3[:2]


def _rot90_matrix(k: int, w: int, h: int) -> np.ndarray:
    """Point map of np.rot90(img, k) for an image w wide and h high (continuous coordinates)."""
    k %= 4
    if k == 0:
        return np.eye(3)
    if k == 1:      # counter-clockwise: (x, y) -> (y, w - x)
        return np.array([[0, 1, 0], [-1, 0, w], [0, 0, 1]], np.float64)
    if k == 2:
        return np.array([[-1, 0, w], [0, -1, h], [0, 0, 1]], np.float64)
    return np.array([[0, -1, h], [1, 0, 0], [0, 0, 1]], np.float64)   # clockwise: (x, y) -> (h - y, x)


def transform_truth(truth: list[GroundTruth], M: np.ndarray, width: int, height: int) -> list[GroundTruth]:
    out = []
    for t in truth:
        pts = np.array(t.polygon, np.float64)
        pts = pts @ M[:, :2].T + M[:, 2]
        x0, y0 = pts.min(axis=0)
        x1, y1 = pts.max(axis=0)
        box = (max(0, int(math.floor(x0))), max(0, int(math.floor(y0))),
               min(width, int(math.ceil(x1))), min(height, int(math.ceil(y1))))
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        out.append(GroundTruth(t.kind, box, t.text, t.owner, [(float(x), float(y)) for x, y in pts], t.tags))
    return out


# --- sideways pages as users bring them (issue 14) ------------------------------------------
#
# Landscape award and training certificates photographed with a phone held upright (the page
# lands sideways in a portrait frame, the EXIF turn lost on the way through a messenger), with
# perspective, a tilt beyond the quarter turn, uneven light, a shadow and the desk around it; or
# scanned sideways and shrunk for upload. Certificates carry few long lines: big red titles,
# short "姓名 / 单位" lines, sometimes the issuer written in a vertical column.

#: Pages whose index (from 16 on, past the pages the corpus tests inspect) ends in 6 or 8 are
#: such sideways deliveries.
SIDEWAYS_FROM = 16


def _sideways_plan(seed: int, index: int) -> dict | None:
    """How page `index` is delivered sideways, or None for the ordinary scanner path."""
    if index < SIDEWAYS_FROM or index % 10 not in (6, 8):
        return None
    r = np.random.default_rng([seed, 271828, index])
    return {"rot90": int(r.choice([1, 3])),
            "capture": "phone" if r.random() < 0.65 else "lowres",
            "short": bool(r.random() < 0.75)}


#: Layout swapped for the short certificate in sideways deliveries (the others keep their own).
SHORT_CERT_TYPES = ("diploma", "title_cert", "training", "award")


def _write_vertical(cv: Canvas, x: float, y: float, segs, f: F, colour=None, gap: float = 0.08) -> float:
    """Characters top to bottom in one column from (x, y); records tagged segments. Returns the y
    below the column."""
    colour = colour or cv.ink
    for seg in segs:
        text, tag = (seg, None) if isinstance(seg, str) else seg
        boxes = []
        for ch in text:
            _, box = cv.put_char(x, y, ch, f, colour)
            if box:
                boxes.append(box)
            y += f.size * (1.0 + gap)
        if tag and boxes:
            cv.add_truth(tag.kind, tag.owner, _union(boxes), text, tag.tags + ("vertical",))
    return y


def build_short_cert(ctx: Ctx, photo: bool) -> Canvas:
    """A landscape certificate of few, short lines: a large red title, 姓名/单位 lines, an honour,
    the issuer (sometimes in a vertical column) under its seal."""
    rng = ctx.rng
    W, H = int(rng.uniform(2000, 2339)), int(rng.uniform(1400, 1654))
    cv = Canvas(W, H, rng)
    if rng.random() < 0.7:
        _ornament_border(cv, int(rng.uniform(50, 90)), (200, 40, 40) if rng.random() < 0.5 else (200, 160, 60))
    title = str(rng.choice(["荣誉证书", "聘　书", "获奖证书", "证　书", "结业证书"]))
    ft = F.pt(str(rng.choice(["serif_bold", "sans_bold"])), rng.uniform(48, 72))
    cv.write_center(W / 2, int(rng.uniform(150, 230)), [(title, Oth("title", "red"))], ft, RED_PRINT,
                    tracking=int(ft.size * 0.3))
    x = int(rng.uniform(260, 380))
    y = int(rng.uniform(480, 560))
    if photo:
        ph = int(rng.uniform(240, 340))
        cv.photo(x, y - 40, ph)
        x += int(ph * 0.78) + 90
    fb = ctx.f(ctx.body_pt(18, 24))
    name, tag = ctx.name(allow_alias=True, padded=True)
    by_employer = rng.random() < 0.5
    line_h = fb.size * rng.uniform(1.9, 2.4)
    if rng.random() < 0.5:
        right = cv.write(x, y, ["姓名：", (name, tag)], fb)
    else:
        right = cv.write(x, y, [(name, tag), " 同志"], fb)
    y += line_h
    if not by_employer and rng.random() < 0.8:
        emp, etag = ctx.employer()
        right = max(right, cv.write(x, y, [str(rng.choice(["单位：", "工作单位："])), (emp, etag)], fb))
        y += line_h
    honour = str(rng.choice(["先进工作者", "优秀共产党员", "岗位能手", "优秀教师", "最美医生", "优秀学员"]))
    right = max(right, cv.write(x, y, [f"荣获{int(rng.integers(2018, 2025))}年度“{honour}”"], fb))
    y += line_h
    right = max(right, cv.write(x, y, [str(rng.choice(["特发此证", "特发此证，以资鼓励。", "特授此证"]))], fb))
    fs = ctx.f(12)
    cv.write(x, H - int(rng.uniform(170, 230)), [f"编号：{int(rng.integers(10 ** 5, 10 ** 7))}"], fs)
    if by_employer:
        org, otag = ctx.employer(full=True)
        owner = "applicant"
    else:
        org, otag = str(rng.choice(TRAINERS + AUTHORITIES)), Oth("org")
        owner = "other"
    fv = ctx.f(ctx.body_pt(16, 20))
    col_x = W - int(rng.uniform(300, 420))
    columns = 3 if len(org) > 12 else 2
    if rng.random() < 0.6 and col_x - columns * fv.size * 1.6 > right + 80:
        # the issuer in a vertical column at the right, the date beside it
        top = int(rng.uniform(380, 520))
        if len(org) > 12:
            org_lines = [org[:len(org) // 2], org[len(org) // 2:]]
        else:
            org_lines = [org]
        bottom = top
        for i, part in enumerate(org_lines):
            t = Tag(otag.kind, otag.owner, otag.tags + (("wrapped",) if len(org_lines) > 1 else ()))
            bottom = max(bottom, _write_vertical(cv, col_x - i * fv.size * 1.6, top, [(part, t)], fv))
        date = f"{_cn_year(int(rng.integers(2018, 2025)))}年{_cn_num(int(rng.integers(1, 13)))}月"
        _write_vertical(cv, col_x - len(org_lines) * fv.size * 1.6, top + fv.size * 2, [date], fv)
        cx = col_x - (len(org_lines) - 1) * fv.size * 0.8 + fv.size / 2
        cv.stamp(cx + rng.uniform(-20, 20), (top + bottom) / 2 + rng.uniform(-60, 60), org, owner,
                 diameter_mm=float(rng.choice([40.0, 42.0, 45.0])), faded=bool(rng.random() < 0.15))
    else:
        top = max(y + fb.size, H - int(rng.uniform(480, 560)))
        _signoff(cv, ctx, W - int(rng.uniform(280, 360)), top, org, otag, fb, seal_owner=owner,
                 wrap_at=11 if len(org) > 14 else None)
    return cv


def _desk(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """What lies around the page in a phone photo (BGR float32): wood, grey or dark, some texture."""
    base = np.array([[60, 95, 140], [115, 112, 108], [52, 50, 48], [185, 190, 196]][int(rng.integers(4))], np.float32)
    low = cv2.resize(rng.normal(0, 18, (6, 6)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    grain = cv2.resize(rng.normal(0, 10, (max(2, h // 16), 3)).astype(np.float32), (w, h),
                       interpolation=cv2.INTER_LINEAR)
    return np.clip(base[None, None, :] + (low + grain)[:, :, None], 0, 255)


def _lighting(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    """A phone photo's light (h×w float32, 1 = full): a gradient, a vignette, often a soft shadow."""
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    xx /= w
    yy /= h
    a = rng.uniform(0, 2 * math.pi)
    g = (math.cos(a) * (xx - 0.5) + math.sin(a) * (yy - 0.5)) + 0.5
    lo = rng.uniform(0.62, 0.9)
    light = lo + (1 - lo) * np.clip(g, 0, 1)
    light *= 1 - rng.uniform(0.05, 0.2) * ((xx - 0.5) ** 2 + (yy - 0.5) ** 2) * 2
    if rng.random() < 0.7:   # the phone's or the hand's shadow: a half-plane with a soft edge
        b = rng.uniform(0, 2 * math.pi)
        d = (math.cos(b) * (xx - 0.5) + math.sin(b) * (yy - 0.5)) - rng.uniform(0.05, 0.35)
        soft = rng.uniform(0.01, 0.05)
        shadow = 1 / (1 + np.exp(-d / soft))
        light *= 1 - rng.uniform(0.25, 0.45) * shadow
    return light.astype(np.float32)


def phone_photo(pixels: np.ndarray, k: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """A scan photographed sideways: turned k quarter turns counter-clockwise plus a tilt of 1–6°,
    in perspective, on a desk, under uneven light, JPEG-coded. Returns the photo (BGR uint8) and the
    3×3 homography from scan to photo points."""
    h, w = pixels.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float64)
    R = _rot90_matrix(k, w, h)
    pts = src @ R[:2, :2].T + R[:2, 2]
    tw, th = (h, w) if k % 2 else (w, h)
    size = max(tw, th)
    # perspective: one side nearer the lens than the other, and every corner a little off
    pts += rng.normal(0, 0.012 * size, (4, 2))
    edge = int(rng.integers(4))
    keystone = rng.uniform(0.02, 0.08) * size
    centre = np.array([tw / 2, th / 2])
    for i in (edge, (edge + 1) % 4):
        pts[i] += (centre - pts[i]) / np.linalg.norm(centre - pts[i]) * keystone
    tilt = math.radians(rng.uniform(1.0, 6.0) * rng.choice([-1, 1]))
    c, s_ = math.cos(tilt), math.sin(tilt)
    pts = (pts - centre) @ np.array([[c, -s_], [s_, c]]).T + centre
    # the desk around it, then the frame scaled to the photo's size
    x0, y0 = pts.min(axis=0)
    x1, y1 = pts.max(axis=0)
    m = rng.uniform(0.02, 0.08, 4) * size
    pts -= (x0 - m[0], y0 - m[1])
    fw, fh = x1 - x0 + m[0] + m[2], y1 - y0 + m[1] + m[3]
    long_side = float(rng.choice([1280.0, 1600.0, 2048.0, 2560.0]))
    scale = long_side / max(fw, fh)
    pts *= scale
    W, H = int(round(fw * scale)), int(round(fh * scale))
    Hm = cv2.getPerspectiveTransform(src.astype(np.float32), pts.astype(np.float32)).astype(np.float64)
    page = cv2.warpPerspective(pixels, Hm, (W, H), flags=cv2.INTER_AREA if scale < 0.9 else cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=(0, 0, 0))
    inside = cv2.warpPerspective(np.full((h, w), 255, np.uint8), Hm, (W, H), flags=cv2.INTER_LINEAR)
    alpha = (inside.astype(np.float32) / 255.0)[:, :, None]
    img = page.astype(np.float32) * alpha + _desk(H, W, rng) * (1 - alpha)
    img *= _lighting(H, W, rng)[:, :, None]
    img *= rng.uniform(0.92, 1.04, 3).astype(np.float32)[None, None, :]     # white balance
    if rng.random() < 0.6:
        img = cv2.GaussianBlur(img, (0, 0), float(rng.uniform(0.4, 1.1)))
    img += rng.normal(0, rng.uniform(1.5, 4.0), (H, W, 1)).astype(np.float32)
    out = np.clip(img, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(60, 88))])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR), Hm


def shrink_scan(pixels: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, float]:
    """A scan shrunk for upload (90–130 dpi), JPEG-coded again; returns it and the factor."""
    f = float(rng.uniform(0.45, 0.65))
    h, w = pixels.shape[:2]
    small = cv2.resize(pixels, (int(round(w * f)), int(round(h * f))), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", small, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(55, 80))])
    return cv2.imdecode(buf, cv2.IMREAD_COLOR), f


def transform_truth_h(truth: list[GroundTruth], H: np.ndarray, width: int, height: int) -> list[GroundTruth]:
    """`transform_truth` for a 3×3 homography (perspective)."""
    out = []
    for t in truth:
        pts = np.array(t.polygon, np.float64)
        hom = np.c_[pts, np.ones(len(pts))] @ H.T
        pts = hom[:, :2] / hom[:, 2:3]
        x0, y0 = pts.min(axis=0)
        x1, y1 = pts.max(axis=0)
        box = (max(0, int(math.floor(x0))), max(0, int(math.floor(y0))),
               min(width, int(math.ceil(x1))), min(height, int(math.ceil(y1))))
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        out.append(GroundTruth(t.kind, box, t.text, t.owner, [(float(x), float(y)) for x, y in pts], t.tags))
    return out


def _deliver_sideways(img: np.ndarray, cv: Canvas, s: ScanSettings, side: dict, seed: int, index: int,
                      rng: np.random.Generator) -> tuple[np.ndarray, list[GroundTruth], int | None, ScanSettings]:
    """Scan, then photograph or shrink, as `side` says; truth follows. Returns pixels, truth, dpi
    (None for a phone photo) and the scan settings used."""
    srng = np.random.default_rng([seed, index, 161803])
    if side["capture"] == "phone":
        s = replace(s, skew=0.0, rot90=0, blur=0.0, noise=1.5, quality=95, edge_shadow=False, grey=False)
        pixels, M = scan(img, s, rng)
        photo, Hm = phone_photo(pixels, side["rot90"], srng)
        H3 = Hm @ np.vstack([M, [0, 0, 1]])
        h, w = photo.shape[:2]
        truth = transform_truth_h(_difficulty_tags(cv.truth), H3, w, h)
        tag, dpi = "sideways_photo", None
        s = replace(s, rot90=side["rot90"], skew=0.0)
    else:
        s = replace(s, rot90=side["rot90"])
        pixels, M = scan(img, s, rng)
        photo, f = shrink_scan(pixels, srng)
        H3 = np.diag([f, f, 1.0]) @ np.vstack([M, [0, 0, 1]])
        h, w = photo.shape[:2]
        truth = transform_truth_h(_difficulty_tags(cv.truth), H3, w, h)
        tag, dpi = "sideways_lowres", int(round(DPI * f))
    truth = [replace(t, tags=t.tags + (tag,)) for t in truth]
    return photo, truth, dpi, s


# --- the corpus --------------------------------------------------------------------------------

def _difficulty_tags(truth: list[GroundTruth]) -> list[GroundTruth]:
    """Tag text under a seal ("under_seal") and small text ("small": under 28 px, about 10 pt)."""
    seals = [t.bbox for t in truth if t.kind == "seal"]
    out = []
    for t in truth:
        tags = list(t.tags)
        if t.kind in ("name", "employer", "org"):
            x0, y0, x1, y1 = t.bbox
            if any(b[0] < x1 and x0 < b[2] and b[1] < y1 and y0 < b[3] for b in seals):
                tags.append("under_seal")
            if y1 - y0 < 28:
                tags.append("small")
        out.append(replace(t, tags=tuple(tags)))
    return out


def _plan(seed: int, index: int) -> dict:
    """What page `index` of corpus `seed` is: independent of the corpus length."""
    block = index // len(DOC_TYPES)
    order = np.random.default_rng([seed, 7919, block]).permutation(len(DOC_TYPES))
    doc_type = DOC_TYPES[int(order[index % len(DOC_TYPES)])]
    r = np.random.default_rng([seed, 104729, index])
    applicant = int(r.integers(len(APPLICANTS)))
    rot90 = 0
    if index % 20 == 5:
        rot90 = 1 if (index // 20) % 2 == 0 else 3
    elif index % 40 == 17:
        rot90 = 2
    elif r.random() < 0.03:
        rot90 = int(r.choice([1, 2, 3]))
    grey = index % 7 == 3 or r.random() < 0.04
    return {"doc_type": doc_type, "applicant": applicant, "rot90": rot90, "grey": grey}


def _paper(rng) -> tuple[float, float, float]:
    r = float(rng.uniform(238, 255))
    g = r - float(rng.uniform(0, 4))
    return r, g, g - float(rng.uniform(0, 12))


def make_page(seed: int, index: int, doc_type: str | None = None, applicant: Applicant | int | None = None,
              rot90: int | None = None, grey: bool | None = None, clean: bool = False,
              scan_overrides: dict | None = None) -> SyntheticPage:
    """One synthetic scan. Overrides pin the document type, applicant, rotation or grey copy;
    `clean=True` means no skew, blur or shading, little noise and JPEG quality 92 (for tests and
    debugging); `scan_overrides` sets ScanSettings fields (skew, noise, quality, ...) directly."""
    plan = _plan(seed, index)
    doc_type = doc_type or plan["doc_type"]
    if applicant is None:
        applicant = plan["applicant"]
    ap = APPLICANTS[applicant] if isinstance(applicant, int) else applicant
    rng = np.random.default_rng([seed, index, 31337])
    ctx = Ctx(ap, rng)
    side = _sideways_plan(seed, index) if rot90 is None and not clean else None
    if side and side["short"] and doc_type in SHORT_CERT_TYPES:
        cv = build_short_cert(ctx, photo=doc_type in ("id_card", "diploma", "title_cert") or rng.random() < 0.5)
    else:
        cv = BUILDERS[doc_type](ctx)
    img = cv.render()
    s = ScanSettings(
        skew=0.0 if clean else float(rng.uniform(-2.0, 2.0)) * (rng.random() < 0.85),
        rot90=plan["rot90"] if rot90 is None else rot90,
        grey=plan["grey"] if grey is None else grey,
        blur=0.0 if clean else float(rng.choice([0.0, 0.5, 0.8, 1.1])),
        noise=1.0 if clean else float(rng.uniform(2.0, 7.0)),
        quality=92 if clean else int(rng.integers(50, 86)),
        shade=0.02 if clean else float(rng.uniform(0.02, 0.08)),
        edge_shadow=(not clean) and rng.random() < 0.25,
        paper=_paper(rng),
        seed=int(rng.integers(2 ** 31)),
    )
    if scan_overrides:
        s = replace(s, **scan_overrides)
    dpi: int | None = DPI
    cv.truth[:] = seal_over_text_tags(cv.truth)
    if side:
        pixels, truth, dpi, s = _deliver_sideways(img, cv, s, side, seed, index, rng)
    else:
        pixels, M = scan(img, s, rng)
        h, w = pixels.shape[:2]
        truth = transform_truth(_difficulty_tags(cv.truth), M, w, h)
    if s.grey:
        truth = [GroundTruth(t.kind, t.bbox, t.text, t.owner, t.polygon, t.tags + ("grey",))
                 if t.kind == "seal" else t for t in truth]
    return SyntheticPage(pixels=pixels, truth=truth, doc_type=doc_type, profile=ap.profile, dpi=dpi,
                         rotation=90 * (s.rot90 % 4), skew=s.skew, grey=s.grey, applicant=ap.key, seed=seed,
                         index=index)


def make_corpus(n_pages: int = 40, seed: int = 0) -> list[SyntheticPage]:
    return [make_page(seed, i) for i in range(n_pages)]


# --- files on disk ---------------------------------------------------------------------------

def write_corpus(pages: list[SyntheticPage], folder, pdf_types=("letter",), quality: int = 95) -> Path:
    """Write pages as files a user would upload, one sub-folder per applicant, plus truth.json.

    Layout: folder/<applicant>/<nnn>-<doc_type>.jpg (or .pdf for `pdf_types`, a one-page PDF whose
    page renders at the page's dpi to exactly the same size), folder/<applicant>.toml (the profile),
    folder/truth.json (contract-like: documents → pages → truth items, paths relative to folder).
    """
    import pymupdf

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    docs = []
    for page in pages:
        sub = folder / page.applicant
        sub.mkdir(exist_ok=True)
        (folder / f"{page.applicant}.toml").write_text(page.profile.to_toml(), encoding="utf-8")
        ok, buf = cv2.imencode(".jpg", page.pixels, [cv2.IMWRITE_JPEG_QUALITY, quality])
        if page.doc_type in pdf_types and page.dpi:   # phone photos (no dpi) stay photos
            path = sub / f"{page.stem}.pdf"
            h, w = page.pixels.shape[:2]
            doc = pymupdf.open()
            pg = doc.new_page(width=w * 72.0 / page.dpi, height=h * 72.0 / page.dpi)
            pg.insert_image(pg.rect, stream=buf.tobytes())
            doc.save(str(path), deflate=True)
            doc.close()
        else:
            path = sub / f"{page.stem}.jpg"
            path.write_bytes(buf.tobytes())
        h, w = page.pixels.shape[:2]
        docs.append({
            "path": path.relative_to(folder).as_posix(), "profile": f"{page.applicant}.toml",
            "doc_type": page.doc_type,
            "pages": [{"index": 0, "width": w, "height": h, "dpi": page.dpi, "rotation": page.rotation,
                       "skew": round(page.skew, 3), "grey": page.grey,
                       "truth": [t.to_json() for t in page.truth]}],
        })
    (folder / "truth.json").write_text(json.dumps({"version": 1, "documents": docs}, ensure_ascii=False, indent=1),
                                       encoding="utf-8")
    return folder / "truth.json"


def read_truth(folder) -> list[dict]:
    """truth.json → list of documents with GroundTruth objects and a Profile (for end-to-end tests)."""
    from redaction.model.profile import load_profile

    folder = Path(folder)
    data = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    out = []
    for d in data["documents"]:
        d = dict(d)
        d["profile"] = load_profile(folder / d["profile"])
        for p in d["pages"]:
            p["truth"] = [GroundTruth.from_json(t) for t in p["truth"]]
        out.append(d)
    return out


if __name__ == "__main__":   # python -m testkit.corpus OUT [N] [SEED]
    import sys
    import time

    out = sys.argv[1] if len(sys.argv) > 1 else "corpus"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    sd = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    t0 = time.perf_counter()
    pages = make_corpus(n, sd)
    t1 = time.perf_counter()
    write_corpus(pages, out)
    print(f"{n} pages in {t1 - t0:.1f} s ({(t1 - t0) / n:.2f} s a page) → {out}")

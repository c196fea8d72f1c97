"""Every kind of region and finding, with its label and colour: the one table the detectors, the
reports and the GUI all use."""

from __future__ import annotations

from enum import Enum


class Kind(str, Enum):
    """A region's or finding's kind. A `str`, so `Kind.NAME == "name"` and JSON holds "name"."""

    # what blind review requires to be covered (accepted by default)
    NAME = "name"
    EMPLOYER = "employer"
    SEAL = "seal"
    EYES = "eyes"
    # proposed but not required
    ID_NUMBER = "id_number"
    OTHER_SEAL = "other_seal"
    FACE = "face"
    SIGNATURE = "signature"
    FINGERPRINT = "fingerprint"
    PHONE = "phone"
    # the roster audit's findings
    OTHER_NAME = "other_name"
    OTHER_EMPLOYER = "other_employer"
    NOT_JPEG = "not_jpeg"
    NOT_UPRIGHT = "not_upright"
    NAME_IN_FILENAME = "name_in_filename"
    UNREADABLE = "unreadable"
    ILLEGIBLE = "illegible"
    BLURRY = "blurry"
    METADATA = "metadata"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        """The Chinese label shown to users (the GUI translates it; see app/i18n)."""
        return LABELS[self]

    @property
    def colour(self) -> str:
        """Its colour on pages and in reports, as #rrggbb."""
        return COLOURS.get(self, OTHER_COLOUR)


#: Kinds blind review requires to be covered; accepted by default.
REQUIRED_KINDS: tuple[Kind, ...] = (Kind.NAME, Kind.EMPLOYER, Kind.SEAL, Kind.EYES)

LABELS: dict[Kind, str] = {
    Kind.NAME: "姓名", Kind.EMPLOYER: "工作单位", Kind.SEAL: "公章", Kind.EYES: "眼部",
    Kind.ID_NUMBER: "身份证号", Kind.OTHER_SEAL: "其他印章", Kind.FACE: "人脸",
    Kind.SIGNATURE: "签名", Kind.FINGERPRINT: "指印", Kind.PHONE: "电话",
    Kind.OTHER_NAME: "他人姓名", Kind.OTHER_EMPLOYER: "他人单位", Kind.NOT_JPEG: "非JPG格式",
    Kind.NOT_UPRIGHT: "方向不正", Kind.NAME_IN_FILENAME: "文件名含姓名或单位", Kind.UNREADABLE: "无法打开",
    Kind.ILLEGIBLE: "分辨率过低", Kind.BLURRY: "内容模糊", Kind.METADATA: "含元数据",
}

COLOURS: dict[Kind, str] = {
    Kind.NAME: "#e53935", Kind.EMPLOYER: "#1e6fd9", Kind.SEAL: "#8e24aa", Kind.EYES: "#2e9d3a",
}
#: Every other kind's colour.
OTHER_COLOUR = "#00897b"


def label(kind: str) -> str:
    """The Chinese label of a kind given as a string; an unknown kind is shown as it is."""
    try:
        return Kind(kind).label
    except ValueError:
        return kind

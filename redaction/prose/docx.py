"""Word .docx files: every text a reader (or Word) can see, read and rewritten run by run."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import IO, Any, TypeAlias
from urllib.parse import unquote

from redaction.files.export import ExportError, write_atomic
from redaction.model.profile import Profile
from redaction.prose.report import ProseInputError, ProseReport
from redaction.prose.streams import _findings, _replace_accepted, _Segment, _Stream

#: An lxml element (lxml ships no type information, nor does python-docx, which hands them out).
_Element: TypeAlias = Any
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_O = "urn:schemas-microsoft-com:office:office"
_W_P, _W_T, _W_DELTEXT, _W_INSTR = _w("p"), _w("t"), _w("delText"), _w("instrText")
_A_P = f"{{{_A}}}p"
_M_T = f"{{{_M}}}t"
#: Text-bearing elements: Word runs, math, DrawingML text (charts, SmartArt), chart values.
_TEXT_TAGS = {_W_T: "text", _M_T: "text", f"{{{_A}}}t": "text", f"{{{_C}}}v": "text",
              _W_DELTEXT: "deleted", _W_INSTR: "field"}
#: Run content that separates words: a name is never matched across one of these.
_BOUNDARY_TAGS = ({_w(t) for t in ("tab", "ptab", "br", "cr", "drawing", "pict", "object", "sym",
                                   "footnoteReference", "endnoteReference")}
                  | {f"{{{_MC}}}AlternateContent", f"{{{_A}}}br", f"{{{_A}}}tab"})
_AUTHOR_ATTRS = (_w("author"), _w("initials"), f"{{{_W15}}}author")
_W_TC, _W_TXBX = _w("tc"), _w("txbxContent")
_CORE_FIELDS = ("author", "last_modified_by", "title", "subject", "keywords", "comments", "category",
                "identifier", "content_status", "version")
_APP_FIELDS = ("Company", "Manager", "HyperlinkBase")


def _part_where(partname: str) -> str:
    base = partname.rsplit("/", 1)[-1]
    if "/glossary/" in partname:
        return "glossary"
    for prefix, where in (("document", "body"), ("header", "header"), ("footer", "footer"),
                          ("footnotes", "footnotes"), ("endnotes", "endnotes"),
                          ("comments", "comments"), ("people", "people")):
        if base.startswith(prefix):
            return where
    return base


def _text_setter(el: _Element) -> Callable[[str], None]:
    def set_text(value: str) -> None:
        el.text = value
        if value != value.strip() and el.get(_XML_SPACE) is None:
            el.set(_XML_SPACE, "preserve")
    return set_text


def _attr_setter(el: _Element, attr: str) -> Callable[[str], None]:
    return lambda value: el.set(attr, value)


def _xml_streams(root: _Element, partname: str) -> list[_Stream]:
    where = _part_where(partname)
    para_no: dict[_Element, int] = {}
    for i, p in enumerate(root.iter(_W_P), start=1):
        para_no[p] = i
    streams: list[_Stream] = []
    open_: dict[tuple[_Element, str], _Stream] = {}
    for el in root.iter(*_TEXT_TAGS, *_BOUNDARY_TAGS):
        owner = next(el.iterancestors(_W_P, _A_P), None)
        if el.tag in _BOUNDARY_TAGS:
            for cat in ("text", "deleted", "field"):
                open_.pop((owner, cat), None)
            continue
        cat = _TEXT_TAGS[el.tag]
        stream = open_.get((owner, cat)) if owner is not None else None
        if stream is None:
            n = para_no.get(owner)
            in_table = any(True for _ in el.iterancestors(_W_TC))
            in_textbox = any(True for _ in el.iterancestors(_W_TXBX))
            loc = f"{where} ¶{n}" if n else where
            extras = [x for x, on in (("table", in_table), ("text box", in_textbox),
                                      ("deleted text", cat == "deleted"),
                                      ("field code", cat == "field")) if on]
            if extras:
                loc += " (" + ", ".join(extras) + ")"
            stream = _Stream([], loc, partname, where, n, in_table, in_textbox)
            open_[(owner, cat)] = stream
            streams.append(stream)
        stream.segments.append(_Segment(el.text or "", _text_setter(el)))
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in _AUTHOR_ATTRS:
            value = el.get(attr)
            if value:
                streams.append(_Stream([_Segment(value, _attr_setter(el, attr))],
                                       f"{where} (author of a comment or change)", partname, where))
        for attr in _picture_attrs(el.tag):
            value = el.get(attr)
            if value:
                streams.append(_Stream([_Segment(value, _attr_setter(el, attr))],
                                       f"{where} (picture description)", partname, where))
    return streams


def _picture_attrs(tag: str) -> tuple[str, ...]:
    if tag.endswith(("}docPr", "}cNvPr")):
        return ("descr", "title")
    if tag.startswith("{urn:schemas-microsoft-com:vml}"):
        return ("alt", f"{{{_O}}}title")
    return ()


def _data_streams(root: _Element, partname: str) -> list[_Stream]:
    """Every text node of an arbitrary XML part (custom XML data that content controls in the
    document are bound to: Word refills the controls from it when the file is opened)."""
    streams = []
    for el in root.iter():
        if isinstance(el.tag, str) and el.text and el.text.strip():
            local = el.tag.rsplit("}", 1)[-1]
            streams.append(_Stream([_Segment(el.text, _text_setter(el))],
                                   f"custom XML data <{local}>", partname, "data"))
    return streams


class _DocxFile:
    """A .docx opened with python-docx, seen as text streams over every WordprocessingML part
    (body with tables and text boxes, headers, footers, footnotes, endnotes, comments) and the
    document properties."""

    def __init__(self, source: str | IO[bytes]) -> None:
        import docx  # python-docx
        from docx.opc.part import XmlPart
        from docx.opc.parts.coreprops import CorePropertiesPart
        from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

        self._etree = etree
        try:
            self.document = docx.Document(source)
        except Exception as exc:  # python-docx raises many kinds for non-docx input
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ProseInputError(
                "not a readable .docx (an old .doc or .wps, an encrypted or damaged file?): "
                f"{detail}; open it in Word or WPS and save it as .docx") from None
        package = self.document.part.package
        # (python-docx part, part name, its XML root, whether python-docx keeps it as XML)
        self.parts: list[tuple[Any, str, _Element, bool]] = []
        self.core: Any = None                        # python-docx CoreProperties
        self.app: tuple[Any, _Element] | None = None  # the docProps/app.xml part and its root
        for part in package.iter_parts():
            name = str(part.partname)
            if isinstance(part, CorePropertiesPart):
                self.core = part.core_properties
                continue
            if name == "/docProps/app.xml" or name == "/docProps/custom.xml":
                try:
                    root = etree.fromstring(part.blob)
                except etree.XMLSyntaxError:
                    continue
                if name.endswith("app.xml"):
                    self.app = (part, root)
                else:
                    self.parts.append((part, name, root, False))
                continue
            if name.startswith("/customXml/") and not name.startswith("/customXml/itemProps") \
                    and part.content_type.endswith("xml"):
                if isinstance(part, XmlPart):
                    self.parts.append((part, name, part.element, True))
                    continue
                try:
                    root = etree.fromstring(part.blob)
                except etree.XMLSyntaxError:
                    continue
                self.parts.append((part, name, root, False))
                continue
            if not name.startswith("/word/") or not part.content_type.endswith("xml"):
                continue
            if isinstance(part, XmlPart):
                self.parts.append((part, name, part.element, True))
            else:
                try:
                    root = etree.fromstring(part.blob)
                except etree.XMLSyntaxError:
                    continue
                self.parts.append((part, name, root, False))
        self.parts.sort(key=lambda t: (0 if t[1] == "/word/document.xml" else 1, t[1]))
        self.package = package
        self.images = sum(1 for p in package.iter_parts()
                          if str(p.partname).startswith("/word/") and p.content_type.startswith("image/"))
        self.thumbnails = [rId for rId, rel in package.rels.items()
                           if rel.reltype.endswith("/metadata/thumbnail")]
        self.streams: list[_Stream] = []
        self._app_values: list[tuple[str, _Element]] = []
        for _part, name, root, _ in self.parts:
            if name.startswith("/customXml/"):
                self.streams.extend(_data_streams(root, name))
                continue
            if name == "/docProps/custom.xml":
                for prop in root:
                    for value_el in prop:
                        if value_el.text and value_el.text.strip():
                            self.streams.append(_Stream(
                                [_Segment(value_el.text, _text_setter(value_el))],
                                f"properties: custom '{prop.get('name')}'", name, "properties"))
                continue
            self.streams.extend(_xml_streams(root, name))
        for owner in (package, *package.iter_parts()):
            for rel in owner.rels.values():
                if rel.is_external and isinstance(rel._target, str) and rel._target:
                    source = "package" if owner is package else str(owner.partname)
                    self.streams.append(_Stream(
                        [_Segment(unquote(rel._target), partial(setattr, rel, "_target"))],
                        f"link target ({_part_where(source)})", source + "#rels", "links"))
        self.embeddings = sum(1 for p in package.iter_parts()
                              if str(p.partname).startswith("/word/embeddings/"))
        if self.core is not None:
            for f in _CORE_FIELDS:
                value = getattr(self.core, f, None)
                if isinstance(value, str) and value:
                    self.streams.append(_Stream(
                        [_Segment(value, partial(setattr, self.core, f))],
                        f"properties: {f}", "/docProps/core.xml", "properties"))
        if self.app is not None:
            part, root = self.app
            for f in _APP_FIELDS:
                el = root.find(f"{{{_EP}}}{f}")
                if el is not None and el.text:
                    self._app_values.append((f, el))
                    self.streams.append(_Stream([_Segment(el.text, _text_setter(el))],
                                                f"properties: {f}", "/docProps/app.xml", "properties"))

    def warnings(self, cleared: bool) -> list[str]:
        """What a person must still do by hand (tracked changes, comments, pictures ...)."""
        out = []
        body_roots = [root for _, name, root, _ in self.parts if name.startswith("/word/")]
        if any(root.find(f".//{_w('ins')}") is not None or root.find(f".//{_w('del')}") is not None
               for root in body_roots):
            out.append("tracked changes (修订) are in the file: accept or reject all changes in Word "
                       "and save before submitting (deleted text stays in the file until then)")
        if any(name.rsplit("/", 1)[-1].startswith("comments") and root.find(f".//{_w('comment')}") is not None
               for _, name, root, _ in self.parts):
            out.append("comments (批注) are in the file: delete them before submitting")
        if self.images:
            out.append(f"{self.images} picture(s) in the file are not checked: a scanned certificate "
                       "or a photo pasted into the document needs `blindmask redact`")
        if self.embeddings:
            out.append(f"{self.embeddings} embedded object(s) (Excel sheets, charts' data, other "
                       "files) are not checked: open them and check them by hand")
        if self.thumbnails and not cleared:
            out.append("the file carries a thumbnail picture of its first page: "
                       "`blindmask prose --out` removes it")
        if not cleared:
            names = []
            if self.core is not None:
                for f in ("author", "last_modified_by"):
                    if getattr(self.core, f, None):
                        names.append(f"{f}={getattr(self.core, f)!r}")
            names += [f"{f}={el.text!r}" for f, el in self._app_values if f != "HyperlinkBase"]
            if names:
                out.append("document properties name a person or company (" + ", ".join(names)
                           + "): `blindmask prose --out` clears them")
        return out

    def clear_properties(self) -> list[str]:
        """Empty the document properties that name people and drop the thumbnail; what was cleared."""
        cleared = []
        if self.core is not None:
            for f in _CORE_FIELDS:
                if getattr(self.core, f, None):
                    setattr(self.core, f, "")
                    cleared.append(f)
        for f, el in self._app_values:
            if el.text:
                el.text = ""
                cleared.append(f)
        for rId in self.thumbnails:  # a picture of page 1, name and all
            del self.package.rels[rId]
        if self.thumbnails:
            cleared.append("thumbnail")
            self.thumbnails = []
        return cleared

    def save(self, changed_parts: set[str]) -> bytes:
        """The package as bytes; parts python-docx keeps as raw bytes are re-serialised only
        when something in them changed (`changed_parts`: part names)."""
        etree = self._etree
        for part, name, root, is_xml_part in self.parts:
            if not is_xml_part and name in changed_parts:
                part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                            standalone=True)
        if self.app is not None and self._app_values:
            part, root = self.app
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        buf = io.BytesIO()
        self.document.save(buf)
        return buf.getvalue()


def scan_docx(path: str | Path, profile: Profile) -> ProseReport:
    """Find everything in a .docx file (nothing is written)."""
    report = ProseReport(str(path))
    try:
        doc = _DocxFile(str(path))
    except ProseInputError as exc:
        report.error = str(exc)
        return report
    report.findings = [f for _, f in _findings(doc.streams, profile, None, False)]
    report.warnings = doc.warnings(cleared=False)
    return report


def process_docx(in_path: str | Path, out_path: str | Path, profile: Profile, accept_suggestions: bool = False,
                 decisions: Mapping[str, bool] | None = None) -> ProseReport:
    """Write a copy of a .docx with the accepted occurrences replaced by "XX" and the document
    properties (author, last modified by, title, company ...) cleared; nothing else changes.

    `decisions` maps `Finding.id` (from `scan_docx` of the same file) to accept/decline; findings
    not in it follow the default: exact ones accepted, suggestions only with `accept_suggestions`.
    """
    report = ProseReport(str(in_path), output=str(out_path))
    try:
        doc = _DocxFile(str(in_path))
    except ProseInputError as exc:
        report.error, report.output = str(exc), None
        return report
    pairs = _findings(doc.streams, profile, decisions, accept_suggestions)
    report.findings = [f for _, f in pairs]
    _replace_accepted(pairs)
    report.cleared_properties = doc.clear_properties()
    for _stream, f in pairs:
        if f.where == "properties" and not f.replaced and f.location.split(": ", 1)[-1] in report.cleared_properties:
            f.replaced = True
    report.warnings = doc.warnings(cleared=True)
    try:
        data = doc.save({f.part for f in report.findings if f.replaced})
        write_atomic(Path(out_path), data)
    except ExportError as exc:
        report.error, report.output = str(exc), None
        return report
    except Exception as exc:  # pragma: no cover - python-docx failing to serialise
        report.error, report.output = f"cannot write the .docx: {exc}", None
        return report
    try:
        check = _DocxFile(io.BytesIO(data))
        report.remaining = [f for _, f in _findings(check.streams, profile, None, False)]
    except ProseInputError as exc:  # pragma: no cover - we just wrote it
        report.error = f"the written file does not read back: {exc}"
    return report

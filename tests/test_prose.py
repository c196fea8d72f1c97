"""Written material (work summary, CV, project description): name and employer → "XX"."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor
from lxml import etree

from redaction.files.naming import prose_output_name as output_name
from redaction.model.profile import Profile
from redaction.prose import (
    MASK,
    REPORT_NAME,
    apply_findings,
    employer_short_forms,
    find_occurrences,
    process_docx,
    process_file,
    replace,
    scan_docx,
    scan_file,
    scan_text,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_P, W_T = f"{{{W}}}p", f"{{{W}}}t"

EMPLOYER = "阿克苏地区生态环境局"
STATION = "阿克苏地区环境监测站"
ENGLISH = "Aksu Prefecture Ecology and Environment Bureau"


@pytest.fixture(scope="module")
def ayg() -> Profile:
    return Profile(name="阿依古丽·买买提", aliases=("阿依古丽",), employers=(EMPLOYER, STATION, ENGLISH))


@pytest.fixture(scope="module")
def wang() -> Profile:
    return Profile(name="王　芳", employers=("阿克苏地区第一人民医院",))


PROFILE_TOML = f'''name = "阿依古丽·买买提"
aliases = ["阿依古丽"]
employers = ["{EMPLOYER}", "{STATION}", "{ENGLISH}"]
'''

# A work summary as applicants write it: first and third person, dot and space variants, the
# employer in full, short and English form, the name inside a quoted title.
SUMMARY = """任现职以来个人业务工作总结

本人阿依古丽·买买提，女，维吾尔族，中共党员，2009年毕业于新疆大学环境科学专业，同年进入阿克苏地区环境监测站工作，2016年调入阿克苏地区生态环境局，2017年取得工程师资格，现任大气环境科科长。

一、主要业务工作
任现职以来，我负责全地区环境空气质量自动监测网络的运行管理。在生态环境局党组的领导下，与监测站的同事一起完成了9个县（市）空气自动站的建设和联网，数据有效率由86%提高到98%。

二、科研与论文
作为第一作者在《干旱区资源与环境》等期刊发表论文3篇；\
主持完成的《阿依古丽 · 买买提工作室塔里木河流域水质评价报告》获地区科技进步三等奖。\
英文论文署名单位为 Aksu  Prefecture Ecology and Environment Bureau，\
合作单位为 Aksu Environmental Monitoring Station。

三、单位评价
局党组评价：“阿依古丽．买买提同志工作认真负责，业务能力突出。”阿依古丽•买买提同志多次被评为先进个人。
"""


# --- text matching -----------------------------------------------------------------------------

def test_summary_every_exact_occurrence_found(ayg):
    occ = find_occurrences(SUMMARY, ayg)
    exact = [o for o in occ if not o.suggestion]
    texts = [o.text for o in exact]
    assert texts == [
        "阿依古丽·买买提", STATION, EMPLOYER, "阿依古丽 · 买买提",
        "Aksu  Prefecture Ecology and Environment Bureau", "阿依古丽．买买提", "阿依古丽•买买提",
    ]
    assert [o.kind for o in exact] == ["name", "employer", "employer", "name", "employer", "name", "name"]
    for o in exact:
        assert SUMMARY[o.start:o.end] == o.text
    # the short forms are suggestions, not replaced by default
    sugg = [(o.text, o.rule, o.term) for o in occ if o.suggestion]
    assert ("生态环境局", "short_form", EMPLOYER) in sugg
    assert ("监测站", "short_form", STATION) in sugg


def test_summary_replaced(ayg):
    occ = find_occurrences(SUMMARY, ayg)
    out = replace(SUMMARY, [o for o in occ if not o.suggestion])
    assert "本人XX，女" in out
    assert "进入XX工作" in out and "调入XX，" in out
    assert "《XX工作室塔里木河流域水质评价报告》" in out
    assert "署名单位为 XX，" in out
    assert "“XX同志工作认真负责" in out and "。”XX同志多次" in out
    assert not [o for o in find_occurrences(out, ayg) if not o.suggestion]
    # everything else is untouched
    assert out.replace("XX", "") == replace(SUMMARY, [o for o in occ if not o.suggestion], mask="")
    # an English form that is not in the profile is not guessed
    assert "Aksu Environmental Monitoring Station" in out
    # accepting the suggestions too
    out2 = replace(SUMMARY, occ)
    assert "在XX党组的领导下，与XX的同事" in out2


def test_pasted_text_api_for_the_gui(ayg):
    findings = scan_text(SUMMARY, ayg)
    first = findings[0]
    assert (first.line, first.column, first.accepted) == (3, 3, True)
    short = [f for f in findings if f.occurrence.suggestion]
    assert short and not any(f.accepted for f in short)
    short[0].accepted = True                                   # the person ticks one suggestion
    out = apply_findings(SUMMARY, findings)
    assert "在XX党组的领导下，与监测站的同事" in out and "阿依古丽" not in out


def test_han_name_spaces_widths_and_titles(wang):
    text = ("王芳同志任主治医师以来……（签名：王 芳）（王　芳）ＷＡＮＧ。在王工和王主任的指导下；"
            "王副主任医师；本年度王总结了经验；张老师；第一人民医院；阿克苏地区第一人民医院")
    occ = find_occurrences(text, wang)
    exact = [o.text for o in occ if not o.suggestion]
    assert exact == ["王芳", "王 芳", "王　芳", "阿克苏地区第一人民医院"]
    titles = [(o.start, o.text) for o in occ if o.rule == "name_title"]
    assert [t for _, t in titles] == ["王", "王", "王"]            # 王工, 王主任, 王副主任医师
    assert all(text[s + 1] in "工主副" for s, _ in titles)          # not 王总结
    assert [o.text for o in occ if o.rule == "short_form"] == ["第一人民医院"]
    out = replace(text, occ)
    assert "在XX工和XX主任的指导下" in out and "XX副主任医师" in out and "王总结" in out


def test_given_name_part_is_a_suggestion_when_not_an_alias():
    p = Profile(name="阿依古丽·买买提", employers=(EMPLOYER,))
    occ = find_occurrences("感谢阿依古丽老师的帮助；阿依古丽·买买提", p)
    assert [(o.text, o.suggestion, o.rule) for o in occ] == [
        ("阿依古丽", True, "name_part"), ("阿依古丽·买买提", False, "exact")]


def test_short_forms_of_employers():
    assert employer_short_forms(EMPLOYER)[:2] == ["阿克苏生态环境局", "生态环境局"]
    assert "监测站" in employer_short_forms(STATION)
    forms = employer_short_forms("新疆维吾尔自治区阿克苏地区人民医院")
    assert {"阿克苏地区人民医院", "阿克苏人民医院", "人民医院"} <= set(forms)
    assert employer_short_forms("阿克苏地区医院") == ["阿克苏医院"]      # never just 医院
    assert "管理局" not in employer_short_forms("乌鲁木齐市城市管理局")
    assert "委员会" not in employer_short_forms("阿克苏地区卫生健康委员会")
    assert employer_short_forms(ENGLISH) == []                         # no guessing English


def test_latin_terms_match_whole_words_only():
    p = Profile(name="王芳", employers=("AEEB",))
    occ = find_occurrences("AEEB, aeeb and ＡＥＥＢ count; AEEBX and XAEEB do not", p)
    assert [o.text for o in occ] == ["AEEB", "aeeb", "ＡＥＥＢ"]


def test_nothing_found_in_unrelated_text(ayg):
    text = "本年度完成自治区生态环境厅下达的监测任务，参加全国环境监测技术培训。"
    assert find_occurrences(text, ayg) == []


# --- .docx -------------------------------------------------------------------------------------

TEXTBOX_RUN = f'''<w:r xmlns:w="{W}"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
  xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
  xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0"
 locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
<wp:extent cx="1828800" cy="457200"/><wp:wrapNone/>
<wp:docPr id="7" name="文本框 7" descr="阿依古丽·买买提的签名框"/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>申报单位：阿克苏地区</w:t></w:r><w:r><w:t>生态环境局</w:t></w:r></w:p></w:txbxContent></wps:txbx>
<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape style="width:144pt;height:36pt"><v:textbox><w:txbxContent>\
<w:p><w:r><w:t>申报单位：阿克苏地区生态环境局</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>'''


def make_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("任现职以来个人业务工作总结", level=1)
    # the name split across runs with different formatting, the dot in a run of its own
    p = d.add_paragraph()
    p.add_run("本人")
    r = p.add_run("阿依古丽")
    r.bold = True
    r.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    r = p.add_run("·")
    r.italic = True
    p.add_run("买买提，2016年调入阿克苏地区生")
    r = p.add_run("态环境局")
    r.underline = True
    p.add_run("，现任大气环境科科长。")
    d.add_paragraph("在生态环境局党组的领导下，与监测站同事完成了空气自动站建设。")
    d.add_paragraph("英文署名单位：Aksu Prefecture Ecology and Environment Bureau。")
    d.add_paragraph("《阿依古丽 · 买买提工作室水质评价报告》获地区科技进步三等奖。")
    p = d.add_paragraph("见右侧：")
    p._p.append(etree.fromstring(TEXTBOX_RUN))
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "姓名", "阿依古丽·买买提"
    t.cell(1, 0).text, t.cell(1, 1).text = "工作单位", STATION
    t.cell(2, 0).text, t.cell(2, 1).text = "职务", "科长"
    d.add_paragraph("此页无其他内容。")
    section = d.sections[0]
    section.header.paragraphs[0].text = f"{EMPLOYER} 专业技术人员申报材料"
    section.footer.paragraphs[0].text = "第 1 页"
    cp = d.core_properties
    cp.author, cp.last_modified_by, cp.title = "ayiguli", "阿依古丽", "阿依古丽·买买提工作总结"
    for part in d.part.package.iter_parts():  # Word writes the licensee's organisation here
        if str(part.partname) == "/docProps/app.xml":
            root = etree.fromstring(part.blob)
            ep = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
            company = root.find(f"{{{ep}}}Company")
            if company is None:
                company = etree.SubElement(root, f"{{{ep}}}Company")
            company.text = EMPLOYER
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    d.save(path)
    return path


def own_texts(p) -> list:
    return [t for t in p.iter(W_T) if next(t.iterancestors(W_P)) is p]


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def test_docx_everything_replaced_formatting_kept(tmp_path, ayg):
    src = make_docx(tmp_path / "阿依古丽·买买提工作总结.docx")
    out = tmp_path / "out" / output_name(src.name, ayg)
    assert out.name == "XX工作总结.docx"
    report = process_docx(src, out, ayg)
    assert report.error is None
    exact = [f for f in report.findings if not f.occurrence.suggestion]
    assert all(f.replaced for f in exact)
    assert {f.where for f in exact} >= {"body", "header", "properties"}
    assert any(f.in_table for f in exact) and any(f.in_textbox for f in exact)
    assert not [f for f in report.remaining if not f.occurrence.suggestion]
    # suggestions are listed, not replaced
    sugg = [f for f in report.findings if f.occurrence.suggestion]
    assert sorted(f.occurrence.text for f in sugg) == ["生态环境局", "监测站"]
    assert not any(f.replaced for f in sugg)

    d = docx.Document(out)
    runs = d.paragraphs[1].runs
    assert d.paragraphs[1].text == "本人XX，2016年调入XX，现任大气环境科科长。"
    assert runs[1].text == "XX" and runs[1].bold and runs[1].font.color.rgb == RGBColor(0xC0, 0, 0)
    assert runs[2].text == "" and runs[2].italic                     # the dot's run, emptied
    assert runs[3].text == "，2016年调入XX"                          # XX in the first run of the employer
    assert runs[4].text == "" and runs[4].underline
    assert d.paragraphs[2].text == "在生态环境局党组的领导下，与监测站同事完成了空气自动站建设。"
    assert d.paragraphs[3].text == "英文署名单位：XX。"
    assert d.paragraphs[4].text == "《XX工作室水质评价报告》获地区科技进步三等奖。"
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["姓名", "XX"]
    assert [c.text for c in table.rows[1].cells] == ["工作单位", "XX"]
    assert d.sections[0].header.paragraphs[0].text == "XX 专业技术人员申报材料"
    assert d.sections[0].footer.paragraphs[0].text == "第 1 页"
    body = etree.tostring(d.element, encoding="unicode")
    assert "申报单位：XX" in body and "阿克苏地区生态环境局" not in body and "阿依古丽" not in body
    assert 'descr="XX的签名框"' in body
    cp = d.core_properties
    assert (cp.author, cp.last_modified_by, cp.title) == ("", "", "")
    assert b"<Company></Company>" in zip_parts(out)["docProps/app.xml"] or \
        b"<Company/>" in zip_parts(out)["docProps/app.xml"]
    assert "docProps/thumbnail.jpeg" not in zip_parts(out)


def test_docx_nothing_else_changes(tmp_path, ayg):
    src = make_docx(tmp_path / "summary.docx")
    out = tmp_path / "out" / "summary.docx"
    report = process_docx(src, out, ayg)
    assert report.error is None
    before, after = zip_parts(src), zip_parts(out)
    # metadata is the one intended change besides text: properties cleared, thumbnail dropped
    assert set(before) - set(after) == {"docProps/thumbnail.jpeg"} and set(after) <= set(before)
    skip = {"docProps/core.xml", "docProps/app.xml", "[Content_Types].xml", "_rels/.rels"}
    changed_paragraphs = 0
    for name in sorted(set(after) - skip):
        if not name.endswith((".xml", ".rels")):
            assert before[name] == after[name], name
            continue
        # (python-docx drops whitespace-only text between elements: not significant in OOXML)
        parser = etree.XMLParser(remove_blank_text=True)
        a, b = etree.fromstring(before[name], parser), etree.fromstring(after[name], parser)
        pa, pb = list(a.iter(W_P)), list(b.iter(W_P))
        assert len(pa) == len(pb), name
        for p_old, p_new in zip(pa, pb, strict=True):
            t_old, t_new = own_texts(p_old), own_texts(p_new)
            assert len(t_old) == len(t_new)
            old = "".join(t.text or "" for t in t_old)
            new = "".join(t.text or "" for t in t_new)
            occ = [o for o in find_occurrences(old, ayg) if not o.suggestion]
            assert new == replace(old, occ), (name, old, new)
            changed_paragraphs += old != new
            # each w:t keeps exactly its own characters outside the occurrences, and "XX" sits
            # in the w:t where an occurrence starts (that run's formatting)
            pos = 0
            for x, y in zip(t_old, t_new, strict=True):
                xs, ys = x.text or "", y.text or ""
                kept = "".join(ch for i, ch in enumerate(xs, start=pos)
                               if not any(o.start <= i < o.end for o in occ))
                starts = sum(1 for o in occ if pos <= o.start < pos + len(xs))
                assert ys.replace(MASK, "") == kept and ys.count(MASK) == starts, (xs, ys)
                pos += len(xs)
        # apart from the text of the replaced runs and picture descriptions, the XML is identical
        for tree in (a, b):
            for t in tree.iter(W_T):
                t.text = None
            for el in tree.iter():
                if isinstance(el.tag, str) and el.tag.endswith("}docPr"):
                    el.attrib.pop("descr", None)
        assert etree.tostring(a, method="c14n") == etree.tostring(b, method="c14n"), name
    assert changed_paragraphs >= 8


def test_docx_decisions_from_the_gui(tmp_path, ayg):
    src = make_docx(tmp_path / "s.docx")
    scan = scan_docx(src, ayg)
    short = next(f for f in scan.findings if f.occurrence.text == "生态环境局")
    header = next(f for f in scan.findings if f.where == "header")
    decisions = {short.id: True, header.id: False}
    report = process_docx(src, tmp_path / "o.docx", ayg, decisions=decisions)
    d = docx.Document(tmp_path / "o.docx")
    assert d.paragraphs[2].text.startswith("在XX党组的领导下，与监测站同事")
    assert d.sections[0].header.paragraphs[0].text.startswith(EMPLOYER)
    assert [f.occurrence.text for f in report.remaining if not f.occurrence.suggestion] == [EMPLOYER]


def test_docx_accept_suggestions_and_tracked_changes(tmp_path, ayg):
    d = docx.Document()
    p = d.add_paragraph("监测站工作期间，")
    ins = etree.fromstring(
        f'<w:ins xmlns:w="{W}" w:id="1" w:author="阿依古丽" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:t>生态环境局</w:t></w:r></w:ins>')
    dele = etree.fromstring(
        f'<w:del xmlns:w="{W}" w:id="2" w:author="ayg" w:date="2024-01-01T00:00:00Z">'
        f'<w:r><w:delText>阿依古丽·买买提</w:delText></w:r></w:del>')
    p._p.append(ins)
    p._p.append(dele)
    d.save(tmp_path / "t.docx")
    scan = scan_docx(tmp_path / "t.docx", ayg)
    assert any("tracked changes" in w for w in scan.warnings)
    assert {f.location for f in scan.findings if not f.occurrence.suggestion} == {
        "body ¶1 (deleted text)", "body (author of a comment or change)"}
    report = process_docx(tmp_path / "t.docx", tmp_path / "o.docx", ayg, accept_suggestions=True)
    assert all(f.replaced for f in report.findings) and report.remaining == []
    xml = zip_parts(tmp_path / "o.docx")["word/document.xml"].decode()
    assert "阿依古丽" not in xml and "监测站" not in xml and "生态环境局" not in xml
    assert 'w:author="XX"' in xml and "<w:delText>XX</w:delText>" in xml


def test_docx_footnotes_links_and_bound_data(tmp_path, ayg):
    from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    package = d.part.package
    notes = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:id="1"><w:p><w:r><w:t>数据来源：阿克苏地区'
             f'</w:t></w:r><w:r><w:t>环境监测站年报</w:t></w:r></w:p></w:footnote></w:footnotes>')
    d.part.relate_to(Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes.encode(), package),
                     RT.FOOTNOTES)
    data = "<cover><unit>阿克苏地区生态环境局</unit><year>2024</year></cover>".encode()
    d.part.relate_to(Part(PackURI("/customXml/item9.xml"), "application/xml", data, package),
                     RT.CUSTOM_XML)
    rid = d.part.relate_to("file:///D:/%E9%98%BF%E4%BE%9D%E5%8F%A4%E4%B8%BD/职称/附件.pdf",
                           RT.HYPERLINK, is_external=True)
    p = d.add_paragraph("见")
    p._p.append(etree.fromstring(f'<w:hyperlink xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/'
                                 f'officeDocument/2006/relationships" r:id="{rid}"><w:r><w:t>附件</w:t>'
                                 f'</w:r></w:hyperlink>'))
    d.save(tmp_path / "n.docx")
    scan = scan_docx(tmp_path / "n.docx", ayg)
    assert {f.where for f in scan.exact} == {"footnotes", "data", "links"}
    report = process_docx(tmp_path / "n.docx", tmp_path / "o.docx", ayg)
    assert report.error is None and not report.remaining
    parts = zip_parts(tmp_path / "o.docx")
    assert "<w:t>数据来源：XX</w:t></w:r><w:r><w:t>年报</w:t>" in parts["word/footnotes.xml"].decode()
    assert "<unit>XX</unit>" in parts["customXml/item9.xml"].decode()
    assert "file:///D:/XX/职称/附件.pdf" in parts["word/_rels/document.xml.rels"].decode()
    assert parts["customXml/item1.xml"] == zip_parts(tmp_path / "n.docx")["customXml/item1.xml"]


def test_docx_unreadable(tmp_path, ayg):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 an old Word 97 file")
    report = scan_docx(bad, ayg)
    assert report.error and "save it as .docx" in report.error
    assert "is not supported" in scan_file(tmp_path / "x.doc", ayg).error


# --- .txt / .md --------------------------------------------------------------------------------

def test_text_file_keeps_encoding_and_line_endings(tmp_path, ayg):
    src = tmp_path / "简历.txt"
    text = ("工作简历\r\n2009.07-2016.03  阿克苏地区环境监测站  助理工程师\r\n"
            "2016.03-至今  阿克苏地区\r\n生态环境局  工程师\r\n")
    src.write_bytes(text.encode("gb18030"))
    report = process_file(src, tmp_path / "out" / "简历.txt", ayg)
    assert report.error is None and len(report.replaced) == 2
    out = (tmp_path / "out" / "简历.txt").read_bytes().decode("gb18030")
    # a name or employer broken by a line break is still found (hard-wrapped text)
    assert out == "工作简历\r\n2009.07-2016.03  XX  助理工程师\r\n2016.03-至今  XX  工程师\r\n"
    assert report.findings[1].line == 3 and report.findings[1].column == 13


def test_markdown_utf8_bom(tmp_path, ayg):
    src = tmp_path / "项目简介.md"
    src.write_bytes("\ufeff# 项目简介\n\n项目负责人：**阿依古丽·买买提**（阿克苏地区生态环境局）\n".encode("utf-8"))
    process_file(src, tmp_path / "o.md", ayg)
    assert (tmp_path / "o.md").read_bytes() == "\ufeff# 项目简介\n\n项目负责人：**XX**（XX）\n".encode("utf-8")


# --- CLI ---------------------------------------------------------------------------------------

def run_cli(capsys, *argv) -> tuple[int, str, str]:
    from redaction.cli import main

    code = main(["prose", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def workspace(tmp_path):
    inputs = tmp_path / "材料"
    inputs.mkdir()
    make_docx(inputs / "阿依古丽·买买提工作总结.docx")
    (inputs / "项目简介.txt").write_text(SUMMARY, encoding="utf-8")
    profile = tmp_path / "profile.toml"
    profile.write_text(PROFILE_TOML, encoding="utf-8")
    return tmp_path, inputs, profile


def test_cli_check_then_replace_then_check(capsys, workspace):
    tmp, inputs, profile = workspace
    code, out, err = run_cli(capsys, inputs, "--profile", profile, "--check")
    assert code == 1
    assert "FOUND" in out and "MAYBE" in out and "本人【阿依古丽·买买提】，女" in out
    assert "[1/2]" in err
    assert not (tmp / "out").exists()

    code, out, err = run_cli(capsys, inputs, "--profile", profile, "--out", tmp / "out")
    assert code == 0
    assert (tmp / "out" / "XX工作总结.docx").exists() and (tmp / "out" / "项目简介.txt").exists()
    assert "suggestion(s) left for you to check" in out and "MAYBE" in out
    report = json.loads((tmp / "out" / REPORT_NAME).read_text(encoding="utf-8"))
    docs = {Path(d["path"]).name: d for d in report["documents"]}
    occ = docs["项目简介.txt"]["occurrences"]
    first = occ[0]
    assert first["text"] == "阿依古丽·买买提" and first["replaced"] is True
    assert first["before"].endswith("本人") and first["after"].startswith("，女")
    assert "本人【阿依古丽·买买提】，女" in first["context"]
    assert any(o["suggestion"] and not o["replaced"] for o in occ)

    # what remains are the suggestions only: --check still flags them (recall first) ...
    code, out, _ = run_cli(capsys, tmp / "out", "--profile", profile, "--check")
    assert code == 1 and "FOUND" not in out and "MAYBE" in out
    # ... unless only exact occurrences should fail
    code, out, _ = run_cli(capsys, tmp / "out", "--profile", profile, "--check", "--fail-on", "exact")
    assert code == 0

    code, out, _ = run_cli(capsys, inputs, "--profile", profile, "--out", tmp / "out2",
                           "--accept-suggestions", "--quiet")
    assert code == 0
    code, out, err = run_cli(capsys, tmp / "out2", "--profile", profile, "--check")
    assert code == 0 and "FOUND" not in out and "MAYBE" not in out and "ok" in out
    assert "[1/" in err


def test_cli_quiet_and_json(capsys, workspace):
    tmp, inputs, profile = workspace
    code, out, err = run_cli(capsys, inputs / "项目简介.txt", "--profile", profile, "--check",
                             "--quiet", "--json", tmp / "r.json")
    assert code == 1 and err == ""
    data = json.loads((tmp / "r.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["mode"] == "check"
    assert data["documents"][0]["exact"] == 7


def test_cli_bad_inputs_do_not_stop_the_batch(capsys, workspace):
    tmp, inputs, profile = workspace
    (inputs / "损坏.docx").write_bytes(b"not a zip")
    code, out, err = run_cli(capsys, inputs, tmp / "missing.docx", tmp / "old.doc", "--profile", profile,
                             "--out", tmp / "out", "--quiet")
    assert code == 3
    assert "损坏.docx" in err and "missing.docx" in err
    assert (tmp / "out" / "XX工作总结.docx").exists() and (tmp / "out" / "项目简介.txt").exists()
    report = json.loads((tmp / "out" / REPORT_NAME).read_text(encoding="utf-8"))
    assert sum(1 for d in report["documents"] if d["error"]) == 3


def test_cli_usage_errors(capsys, workspace):
    tmp, inputs, profile = workspace
    bad = tmp / "bad.toml"
    bad.write_text('name = "王芳"\nemployer = ["x"]\n', encoding="utf-8")
    code, _, err = run_cli(capsys, inputs, "--profile", bad, "--check")
    assert code == 2 and "unknown key 'employer'" in err and "bad.toml:2" in err
    code, _, err = run_cli(capsys, inputs, "--profile", profile)
    assert code == 2 and "--out" in err
    code, _, err = run_cli(capsys, inputs, "--profile", profile, "--out", inputs)
    assert code == 2 and "holds the inputs" in err
    code, _, err = run_cli(capsys, tmp / "empty", "--profile", profile, "--check")
    assert code == 3
    (tmp / "empty").mkdir()
    code, _, err = run_cli(capsys, tmp / "empty", "--profile", profile, "--check")
    assert code == 2 and "no .docx" in err
    assert list(inputs.iterdir()) and all(p.suffix in (".docx", ".txt") for p in inputs.iterdir())


def test_cli_is_wired_into_blindmask(capsys, workspace):
    import redaction.cli as cli

    tmp, inputs, profile = workspace
    code = cli.main(["prose", str(inputs / "项目简介.txt"), "--profile", str(profile), "--check", "--quiet"])
    assert code == 1

"""Evidence files (issue 16, and issue 10 items 3–4): everything a return brings is kept,
linked to the row it proves, copied beside the scorecard with relative links, and exported as a
pack; hostile files are recorded with findings and nothing is written outside the workspace."""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import struct
import zipfile
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from cchc_xlsx import text as labels
from cchc_xlsx.rules import scoring
from cchc_xlsx.cli import cli
from cchc_xlsx.collect import collect_paths
from cchc_xlsx.collect.sources import Attachment, Received, attachments, expand_zip
from cchc_xlsx.core.names import received_name
from cchc_xlsx.evidence import evidence_files
from cchc_xlsx.evidence.sniff import sniff
from cchc_xlsx.feedback import write_feedback
from cchc_xlsx.store.ledger import Ledger
from cchc_xlsx.scorecard import write_scorecard
from cchc_xlsx.store.workspace import DEFAULT_LIMITS, init_workspace
from tests.corpus import make_corpus as mc
from tests.messages import return_mail

PERIOD = "q1"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64 + b"\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 54 + b"PE\x00\x00"


def _rows(ledger: Path, sql: str, parameters: tuple = ()) -> list[dict]:
    with sqlite3.connect(ledger) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(sql, parameters)]


def _mail(sender: str, attachments_: list[tuple[str, bytes, str]], message_id: str = "<ev@x>") -> bytes:
    return return_mail(sender, attachments_, message_id=message_id)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _lying_zip(name: str, real: int, declared: int) -> bytes:
    """A zip whose directory says ``declared`` bytes while the entry inflates to ``real`` (issue 10.7)."""
    import zlib

    data = bytearray(_zip({name: b"\0" * real}))
    crc = zlib.crc32(b"\0" * declared)  # the CRC of what it declares, so only the size lies
    for signature, offset in ((b"PK\x03\x04", 14), (b"PK\x01\x02", 16)):
        at = data.find(signature)
        struct.pack_into("<I", data, at + offset, crc)
        struct.pack_into("<I", data, at + offset + 8, declared)
    return bytes(data)


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    """A mailed return (workbook, two PDFs, a JPG) and a folder return with a .zip of evidence."""
    root = tmp_path_factory.mktemp("evidence")
    workspace, built = init_workspace(root / "ws")
    plan = built.plan
    vp = mc.filled("VP")
    cited = mc.leaf_of("VP", scoring.POINTS) if _has(plan, "VP", scoring.POINTS) else plan.leaves_scored_by("VP")[0].code
    by_code = next(c.code for c in plan.leaves_scored_by("VP") if c.code != cited and scoring.leaf_max(c) > 0)
    task = mc.first("VP", mc.DONE)
    task_by_code = mc.first("VP", mc.DONE, skip=1)
    vp.criteria.set(cited, "evidence", "Kế hoạch số KH 12/KH-STTTT ngày 10/01/2022")
    vp.criteria.set(by_code, "evidence", None)
    vp.tasks.set(task, "evidence", "Biên bản kiểm tra.pdf")  # cited, never sent
    mail = _mail("vp@stttt.example.vn", [("VP quý I.xlsx", vp.save(), "application/octet-stream"),
                                         ("KH 12-KH-STTTT.pdf", PDF + b"cited", "application/pdf"),
                                         (f"{by_code} - Bao cao.pdf", PDF + b"by code", "application/pdf"),
                                         ("anh hoi nghi.jpg", JPG, "image/jpeg"),
                                         (f"{task_by_code}_bao cao.pdf", PDF + b"task", "application/pdf")])
    eml = root / "mail" / "vp.eml"
    eml.parent.mkdir()
    eml.write_bytes(mail)
    ttra_leaf = plan.leaves_scored_by("TTRA")[0].code
    folder = root / "TTRA"
    folder.mkdir()
    (folder / "TTRA quy I.xlsx").write_bytes(mc.filled("TTRA").save())
    (folder / "kiem chung.zip").write_bytes(_zip({f"ho so/{ttra_leaf}_quyet dinh.pdf": PDF + b"ttra",
                                                 "anh.png": PNG}))
    first = collect_paths(workspace, plan, PERIOD, [eml, folder])
    scorecard = workspace.reports(PERIOD) / "scorecard.xlsx"
    with Ledger(workspace.ledger_path) as ledger:
        write_scorecard(scorecard, plan, ledger, PERIOD, workspace.bands())
        feedback = write_feedback(plan, ledger, PERIOD, workspace.reports(PERIOD) / "feedback")
    return dict(workspace=workspace, plan=plan, result=first, cited=cited, by_code=by_code, task=task,
                task_by_code=task_by_code,
                ttra_leaf=ttra_leaf, scorecard=scorecard, feedback=feedback, root=root)


def _has(plan, unit: str, rule: str) -> bool:
    return any(c.rule == rule and scoring.leaf_max(c) > 0 for c in plan.leaves_scored_by(unit))


def test_every_file_of_both_returns_is_archived_and_recorded(cycle):
    ws = cycle["workspace"]
    rows = _rows(ws.ledger_path, "SELECT * FROM evidence WHERE period = ?", (PERIOD,))
    names = {r["file_name"]: r for r in rows}
    assert {"KH 12-KH-STTTT.pdf", f"{cycle['by_code']} - Bao cao.pdf", "anh hoi nghi.jpg", "kiem chung.zip",
            f"{cycle['ttra_leaf']}_quyet dinh.pdf", "anh.png"} <= set(names)
    assert names["anh hoi nghi.jpg"]["kind"] == "jpeg" and names["anh.png"]["kind"] == "png"
    for row in rows:
        stored = [p for p in ws.archive.glob(row["sha256"] + ".*")]
        assert len(stored) == 1, row["file_name"]
        assert hashlib.sha256(stored[0].read_bytes()).hexdigest() == row["sha256"]
        assert row["size"] == stored[0].stat().st_size
    assert {o.verdict for o in cycle["result"].outcomes} >= {"evidence", "warnings"}
    assert cycle["result"].exit_code == 0


def test_linked_files_are_working_relative_hyperlinks_in_the_scorecard(cycle):
    book = openpyxl.load_workbook(cycle["scorecard"])
    links = {}
    for sheet_key, code_title in (("criteria", "code"), ("tasks", "code")):
        sheet = book[labels.SC_SHEETS[sheet_key]]
        header = {c.value: c.column for c in sheet[4]}
        column = header[labels.EVIDENCE_FILES_HEADER]
        for row in range(5, sheet.max_row + 1):
            cell = sheet.cell(row, column)
            if cell.hyperlink is not None:
                links[sheet.cell(row, header["Mã"]).value] = cell.hyperlink.target
    for code in (cycle["cited"], cycle["by_code"], cycle["ttra_leaf"], cycle["task_by_code"]):
        target = links[code]
        assert not os.path.isabs(target.replace("\\", "/")) and ":" not in target, target
        assert (cycle["scorecard"].parent / target.replace("\\", "/")).is_file(), target
    assert cycle["task"] not in links  # its cited file never came


def test_the_appraiser_sees_the_files_beside_the_self_score_and_missing_evidence_is_highlighted(cycle):
    book = openpyxl.load_workbook(cycle["scorecard"])
    sheet = book[labels.SC_SHEETS["criteria"]]
    titles = [c.value for c in sheet[4]]
    h = labels.SC_CRITERIA_HEADERS
    at = titles.index(labels.EVIDENCE_FILES_HEADER)
    assert titles[at - 1] == h["self"] and titles[at + 1] == h["appraised"]
    letter = openpyxl.utils.get_column_letter(at + 1)
    rules = [(str(rng.sqref), rule.formula) for rng in sheet.conditional_formatting for rule in rng.rules]
    assert any(letter in ranges and any(f"LEN(${letter}" in f for f in formula or []) for ranges, formula in rules), rules


def test_libreoffice_resolves_the_links_too(cycle, tmp_path):
    from cchc_xlsx.xlsx.libreoffice import convert, find_soffice
    from tests.conftest import require

    require("LibreOffice", find_soffice() is not None)
    copy = tmp_path / "usb"  # the reports folder copied to a USB stick
    import shutil

    shutil.copytree(cycle["scorecard"].parent, copy)
    ods = convert([copy / "scorecard.xlsx"], "ods", copy)[0]
    content = zipfile.ZipFile(ods).read("content.xml").decode("utf-8")
    import re

    hrefs = [h for h in re.findall(r'xlink:href="([^"]+)"', content) if "evidence" in h]
    assert len(hrefs) >= 3, hrefs
    for href in hrefs:
        from urllib.parse import unquote

        assert not href.startswith(("file:", "/")), href  # still relative after LibreOffice read it
        # LibreOffice resolved "evidence\\name" against the scorecard's own folder (then wrote it relative
        # to where it saved): the target is the copy beside the scorecard.
        name = unquote(href).rsplit("/", 1)[-1]
        assert unquote(href).endswith(f"{copy.name}/evidence/{name}") or unquote(href) == f"../evidence/{name}", href
        assert (copy / "evidence" / name).is_file(), href


def test_the_unlinked_file_is_listed_and_noted(cycle):
    ws = cycle["workspace"]
    with Ledger(ws.ledger_path) as ledger:
        files = evidence_files(ledger, PERIOD)
    unlinked = [f for f in files if f.how == "none"]
    assert {f.file_name for f in unlinked} >= {"anh hoi nghi.jpg", "anh.png"}
    assert next(f for f in unlinked if f.file_name == "anh hoi nghi.jpg").unit == "VP"
    notes = _rows(ws.ledger_path, "SELECT * FROM findings WHERE code = 'evidence-unlinked'")
    assert any("anh hoi nghi.jpg" in n["message"] for n in notes)
    checks = openpyxl.load_workbook(cycle["scorecard"], read_only=True)[labels.SC_SHEETS["checks"]]
    assert any("anh hoi nghi.jpg" in str(v) for row in checks.iter_rows(values_only=True) for v in row)


def test_cited_missing_file_is_a_warning_in_the_feedback_workbook(cycle):
    ws, task = cycle["workspace"], cycle["task"]
    found = _rows(ws.ledger_path, "SELECT * FROM findings WHERE code = 'evidence-file-missing'")
    assert [(f["row_code"], f["field"], f["severity"]) for f in found] == [(task, "evidence", "warning")]
    assert found[0]["cell"] and found[0]["cell"] in found[0]["message"]
    feedback = next(f for f in cycle["feedback"] if f.unit == "VP")
    book = openpyxl.load_workbook(feedback.path)
    sheet = book[labels.SHEET_TASKS]
    comments = [c.comment.text for row in sheet.iter_rows() for c in row if c.comment]
    assert any("Biên bản kiểm tra.pdf" in text for text in comments), comments


def test_a_file_named_by_code_answers_the_missing_evidence_finding(cycle):
    ws = cycle["workspace"]
    missing = _rows(ws.ledger_path, "SELECT row_code FROM findings WHERE code = 'evidence-missing'")
    assert cycle["by_code"] not in {m["row_code"] for m in missing}


def test_evidence_command_writes_the_pack_with_an_index(cycle, tmp_path):
    ws = cycle["workspace"]
    out = tmp_path / "pack"
    result = CliRunner().invoke(cli, ["evidence", "-w", str(ws.root), "-p", PERIOD, "-o", str(out)])
    assert result.exit_code == 0, result.output
    index = openpyxl.load_workbook(out / "index.xlsx")[labels.EVIDENCE_INDEX_SHEET]
    header = {c.value: c.column for c in index[4]}
    rows = [[index.cell(r, c).value for c in range(1, index.max_column + 1)] for r in range(5, index.max_row + 1)]
    sha_col = header[labels.EVIDENCE_INDEX_HEADERS["sha256"]] - 1
    file_col = header[labels.EVIDENCE_INDEX_HEADERS["file"]] - 1
    recorded = _rows(ws.ledger_path, "SELECT file_name, sha256 FROM evidence WHERE state != 'container'")
    listed = {(r[file_col], r[sha_col]) for r in rows}
    assert {(r["file_name"], r["sha256"]) for r in recorded} <= listed
    copies = [p for p in out.rglob("*") if p.is_file() and p.name != "index.xlsx"]
    assert any(cycle["cited"] in str(p.relative_to(out)) for p in copies)
    assert any(p.parent.name.startswith(cycle["by_code"]) for p in copies), copies
    link_col = header[labels.EVIDENCE_INDEX_HEADERS["link"]]
    for r in range(5, index.max_row + 1):
        link = index.cell(r, link_col).hyperlink
        if link is not None:
            assert (out / link.target.replace("\\", "/")).is_file(), link.target


def test_rerun_records_nothing_new(cycle):
    ws = cycle["workspace"]
    before = _rows(ws.ledger_path, "SELECT COUNT(*) AS n FROM evidence")[0]["n"]
    links = _rows(ws.ledger_path, "SELECT COUNT(*) AS n FROM evidence_links")[0]["n"]
    collect_paths(ws, cycle["plan"], PERIOD, [cycle["root"] / "mail" / "vp.eml", cycle["root"] / "TTRA"])
    assert _rows(ws.ledger_path, "SELECT COUNT(*) AS n FROM evidence")[0]["n"] == before
    assert _rows(ws.ledger_path, "SELECT COUNT(*) AS n FROM evidence_links")[0]["n"] == links


# --- hostile and odd items ---------------------------------------------------------------

def _tree(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def test_hostile_files_are_recorded_with_findings_and_nothing_escapes(tmp_path):
    workspace, built = init_workspace(tmp_path / "deep" / "ws")
    plan = built.plan
    leaf = plan.leaves_scored_by("TTRA")[0].code
    folder = tmp_path / "deep" / "return"
    folder.mkdir()
    (folder / "TTRA.xlsx").write_bytes(mc.filled("TTRA").save())
    (folder / "bomb.zip").write_bytes(_zip({"a.pdf": b"\0" * (3 << 20), "b.pdf": b"\0" * (3 << 20)}))
    (folder / "lying.zip").write_bytes(_lying_zip("bang ke.pdf", 30 * 1024 * 1024, 20_000))
    workspace.settings.setdefault("limits", {})["max_zip_inflated_bytes"] = 4 << 20
    (folder / "bao cao.rar").write_bytes(b"Rar!\x1a\x07\x00" + b"\x00" * 32)
    (folder / "ten la.zip").write_bytes(_zip({"../../x.pdf": PDF, "..\\..\\y.pdf": PDF}))
    (folder / f"{leaf} - quyet dinh.pdf").write_bytes(EXE)  # an .exe renamed .pdf, named by its criterion
    with (folder / "scan.pdf").open("wb") as handle:  # a 60 MB scan: never read
        handle.write(PDF)
        handle.truncate(60 * 1024 * 1024)
    mail = tmp_path / "deep" / "hostile.eml"
    mail.write_bytes(_mail("ttra@stttt.example.vn", [("TTRA2.xlsx", mc.filled("TTRA").save(), "application/octet-stream"),
                                                     ("../../x.pdf", PDF + b"m", "application/pdf"),
                                                     ("\x1b[2K\x1b[32maccepted.jpg", JPG, "image/jpeg")]))
    outside = _tree(tmp_path)
    result = collect_paths(workspace, plan, PERIOD, [folder, mail])
    codes = {f["code"] for o in result.outcomes for f in o.findings}
    assert {"evidence-zip-bomb", "evidence-name-unsafe", "evidence-flagged", "evidence-refused",
            "evidence-archive-unopened"} <= codes, codes
    assert not any("\x1b" in f["message"] for o in result.outcomes for f in o.findings)
    new = _tree(tmp_path) - outside
    assert all(p.startswith("deep/ws/") for p in new), sorted(new)
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "deep" / "x.pdf").exists()
    rows = {r["file_name"]: r for r in _rows(workspace.ledger_path, "SELECT * FROM evidence")}
    assert rows["scan.pdf"]["state"] == "refused" and rows["scan.pdf"]["size"] == 60 * 1024 * 1024
    assert rows["b.pdf"]["state"] == "refused" and rows["a.pdf"]["state"] == "kept"
    assert rows["bang ke.pdf"]["size"] <= 20_000  # inflated no further than it declared
    assert rows["x.pdf"]["state"] == "kept" and rows["y.pdf"]["state"] == "kept"
    exe = rows[f"{leaf} - quyet dinh.pdf"]
    assert exe["kind"] == "exe" and exe["state"] == "flagged"
    assert list(workspace.archive.glob(exe["sha256"] + ".*"))[0].suffix == ".bin"
    scorecard = workspace.reports(PERIOD) / "scorecard.xlsx"
    with Ledger(workspace.ledger_path) as ledger:
        write_scorecard(scorecard, plan, ledger, PERIOD, workspace.bands())
    copied = list((scorecard.parent / "evidence").glob("*")) if (scorecard.parent / "evidence").exists() else []
    assert not any(hashlib.sha256(p.read_bytes()).hexdigest() == exe["sha256"] for p in copied)
    assert all(o.verdict != "rejected" for o in result.outcomes if o.file_name.endswith(".xlsx"))
    folder_return = next(o for o in result.outcomes if o.file_name == "TTRA.xlsx")
    told = {f["code"] for f in folder_return.findings}  # the unit hears of it in its feedback
    assert {"evidence-refused", "evidence-flagged", "evidence-zip-bomb"} <= told, told


def test_a_big_pdf_beside_the_workbook_refuses_only_itself_and_a_big_mbox_is_read_message_by_message(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    big = PDF + os.urandom(1024) * (26 * 1024)  # 26 MB: above the workbook limit, within the evidence one
    mail = tmp_path / "big.eml"
    mail.write_bytes(_mail("vp@stttt.example.vn", [("VP.xlsx", mc.filled("VP").save(), "application/octet-stream"),
                                                   ("scan.pdf", big, "application/pdf")]))
    import mailbox

    box = mailbox.mbox(str(tmp_path / "six.mbox"))
    codes = [u.code for u in built.plan.workbook_units()]
    units = [codes[i % len(codes)] for i in range(6)]
    for index, unit in enumerate(units):
        book = mc.filled(unit)
        book.tasks.set(mc.first(unit, mc.DONE), "note", f"lần {index}")  # six different returns
        box.add(mailbox.mboxMessage(_mail(f"{unit.lower()}@stttt.example.vn",
                                          [(f"{unit}.xlsx", book.save(), "application/octet-stream"),
                                           ("ho so.pdf", PDF + os.urandom(6 * 1024 * 1024), "application/pdf")],
                                          f"<m{index}@x>")))
    box.close()
    assert (tmp_path / "six.mbox").stat().st_size > DEFAULT_LIMITS["max_file_bytes"]
    result = collect_paths(workspace, built.plan, PERIOD, [mail, tmp_path / "six.mbox"])
    workbooks = [o for o in result.outcomes if o.file_name.endswith(".xlsx")]
    assert len(workbooks) == 1 + len(units)
    assert all(o.verdict in ("accepted", "warnings") for o in workbooks), [(o.file_name, o.verdict) for o in workbooks]
    kept = _rows(workspace.ledger_path, "SELECT file_name, size, state FROM evidence")
    assert ("scan.pdf", len(big), "kept") in {(r["file_name"], r["size"], r["state"]) for r in kept}


def test_no_possible_return_is_skipped_silently():
    workbook = mc.filled("VP").save()
    message = EmailMessage()
    message["From"] = "vp@stttt.example.vn"
    message.set_content("x")
    message.add_attachment(workbook, maintype="application", subtype="octet-stream", filename="a.xlsx")
    message.add_attachment(workbook + b"", maintype="application",
                           subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    named_in_type = message.get_payload()[1]
    del named_in_type["Content-Disposition"]
    named_in_type.set_param("name", "trong content-type.xlsx")
    nameless = message.get_payload()[2]
    del nameless["Content-Disposition"]
    message.add_attachment(_zip({"VP quy I.xlsx": workbook, "scan.pdf": PDF}), maintype="application",
                           subtype="zip", filename="bao cao.zip")
    items = list(attachments(message, "m.eml"))
    received = [i for i in items if isinstance(i, Received)]
    assert sorted(i.name for i in received) == ["VP quy I.xlsx", "tep-dinh-kem-3.xlsx", "trong content-type.xlsx"]
    evidence = [i for i in items if isinstance(i, Attachment)]
    assert {i.name for i in evidence} == {"bao cao.zip", "scan.pdf"}
    # evidence first: its names are known when the workbook is recorded
    assert max(items.index(i) for i in evidence) < min(items.index(i) for i in received)


def test_a_zip_in_a_folder_holding_the_workbook_is_collected(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    (workspace.inbox / "TTRA.zip").write_bytes(_zip({"TTRA/bao cao.xlsx": mc.filled("TTRA").save(), "a.pdf": PDF}))
    result = collect_paths(workspace, built.plan, PERIOD, [workspace.inbox])
    verdicts = {o.file_name: (o.verdict, o.unit) for o in result.outcomes}
    assert verdicts["bao cao.xlsx"] == ("accepted", "TTRA")
    assert verdicts["a.pdf"][0] == "evidence"


@pytest.mark.parametrize("name, expected", [("../../x.pdf", "x.pdf"), ("..\\..\\y.pdf", "y.pdf"),
                                            ("a\x1b[32mb.pdf", "a\\x1b[32mb.pdf"), ("", "tep-dinh-kem"),
                                            ("C:\\Users\\a\\KH 12.pdf", "KH 12.pdf")])
def test_received_names(name, expected):
    assert received_name(name) == expected


@pytest.mark.parametrize("data, kind", [(PDF, "pdf"), (JPG, "jpeg"), (PNG, "png"), (EXE, "exe"),
                                        (b"#!/bin/sh\nrm -rf /\n", "script"), (b"<html><script>", "html"),
                                        (_zip({"word/document.xml": b"<w/>"}), "docx"),
                                        (_zip({"word/document.xml": b"<w/>", "word/vbaProject.bin": b"x"}), "docm"),
                                        (_zip({"a.pdf": PDF}), "zip"), (b"plain text", "text")])
def test_sniff(data, kind):
    assert sniff(data) == kind


def test_zip_expansion_caps_entries_and_nesting():
    limits = {**DEFAULT_LIMITS, "max_zip_entries": 3}
    many = list(expand_zip(_zip({f"{i}.pdf": PDF for i in range(5)}), "many.zip", "s/many.zip", "s", limits, {}))
    assert len(many) == 1 and many[0].refused == "zip-entries" and many[0].data is not None
    inner2 = _zip({"deep.pdf": PDF})
    inner = _zip({"inner2.zip": inner2, "b.pdf": PDF})
    items = list(expand_zip(_zip({"inner.zip": inner, "a.pdf": PDF}), "o.zip", "s/o.zip", "s", DEFAULT_LIMITS, {}))
    names = [i.name for i in items]
    assert names == ["o.zip", "inner.zip", "inner2.zip", "b.pdf", "a.pdf"]  # inner2 kept whole, not expanded
    assert [i.expanded for i in items] == [True, True, False, False, False]


def test_a_return_mailed_through_smtp_and_read_from_imap_keeps_its_evidence(tmp_path):
    """Real servers: the unit's mail goes through aiosmtpd, is delivered into Dovecot, and collect
    reads it over IMAP: the workbook is merged and each attached file kept and linked."""
    import smtplib

    from cchc_xlsx.collect import collect_items
    from cchc_xlsx.mail.fetch import fetch_imap
    from tests.conftest import require
    from tests.mailservers import find_dovecot, start_dovecot, start_smtp

    require("Dovecot", find_dovecot() is not None)
    workspace, built = init_workspace(tmp_path / "ws")
    plan = built.plan
    leaf = next(c.code for c in plan.leaves_scored_by("TTRA") if scoring.leaf_max(c) > 0)
    book = mc.filled("TTRA")
    book.criteria.set(leaf, "evidence", None)
    raw = _mail("ttra@stttt.example.vn", [("TTRA.xlsx", book.save(), "application/octet-stream"),
                                          (f"{leaf} ke hoach.pdf", PDF + b"imap", "application/pdf"),
                                          ("anh.jpg", JPG, "image/jpeg")], "<imap-ev@x>")
    smtp = start_smtp()
    try:
        with smtplib.SMTP("127.0.0.1", smtp.port) as client:
            wire = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")  # SMTP speaks CRLF
            client.sendmail("ttra@stttt.example.vn", ["vp@stttt.example.vn"], wire)
    finally:
        smtp.stop()
    server = start_dovecot(tmp_path / "dovecot", "mat-khau")
    try:
        account = server.add_user()
        account.append([smtp.inbox.delivered[0].data])
        items = fetch_imap(account.host, account.port, account.user, account.password, "none")
        result = collect_items(workspace, plan, PERIOD, items)
    finally:
        server.stop()
    verdicts = {o.file_name: (o.verdict, o.unit) for o in result.outcomes}
    assert verdicts["TTRA.xlsx"][0] in ("accepted", "warnings") and verdicts["TTRA.xlsx"][1] == "TTRA"
    assert verdicts[f"{leaf} ke hoach.pdf"] == ("evidence", "TTRA") and verdicts["anh.jpg"] == ("evidence", "TTRA")
    with Ledger(workspace.ledger_path) as ledger:
        files = {(f.file_name, f.code, f.how) for f in evidence_files(ledger, PERIOD)}
    assert (f"{leaf} ke hoach.pdf", leaf, "code") in files and ("anh.jpg", "", "none") in files


def _variety() -> list[bytes]:
    workbook = mc.filled("VP").save()
    plain = EmailMessage()
    plain["From"] = "vp@stttt.example.vn"
    plain.set_content("chỉ có thư")
    nested = EmailMessage()
    nested["From"] = "Văn phòng <vp@stttt.example.vn>"
    nested.set_content("Kính gửi")
    nested.add_alternative("<p>Kính gửi</p>", subtype="html")
    nested.add_attachment(workbook, maintype="application", subtype="octet-stream", filename="Báo cáo quý I.xlsx")
    nested.add_attachment("biên bản\n".encode(), maintype="text", subtype="plain", filename="ghi chu.txt", cte="quoted-printable")
    forwarded = EmailMessage()
    forwarded["From"] = "ttra@stttt.example.vn"
    forwarded.set_content("chuyển tiếp")
    forwarded.add_attachment(nested)
    crlf = bytes(nested).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return [bytes(plain), bytes(nested), bytes(forwarded), crlf]


@pytest.mark.parametrize("index", range(4))
def test_the_light_message_reader_agrees_with_the_email_package(index):
    import email as email_package
    import email.policy

    from cchc_xlsx.collect.sources import message_items

    raw = _variety()[index]
    light = list(message_items(raw, "m.eml"))
    full = list(attachments(email_package.message_from_bytes(raw, policy=email.policy.default), "m.eml"))
    shape = lambda items: [(type(i).__name__, getattr(i, "name", None), getattr(i, "data", None),  # noqa: E731
                            getattr(i, "sender", None), getattr(i, "reason", None)) for i in items]
    assert shape(light) == shape(full)
    assert light, "every message gives at least one item"
    for cut in (len(raw) // 3, len(raw) // 2, len(raw) - 7):  # a message cut short: read, never raised
        assert list(message_items(raw[:cut], "m.eml"))


@pytest.mark.parametrize("name, evidence, expected", [
    ("KH 12-KH-STTTT.pdf", "Kế hoạch KH 12/KH-STTTT ngày 10/01/2022", ("I.1.1", "cited")),
    ("QD 125-QD-STTTT.pdf", "Quyết định số 125/QĐ-STTTT", ("I.1.1", "cited")),   # the symbol, marks dropped
    ("ke hoach 2022.docx", "Xem Kế hoạch 2022", ("I.1.1", "cited")),
    ("I.1.2 - Ke hoach.pdf", "", ("I.1.2", "code")),
    ("i.1.2_ke hoach.pdf", "", ("I.1.2", "code")),
    ("NV6.1_bao cao.pdf", "", ("NV6.1", "code")),
    ("NV6.10_bao cao.pdf", "", None),                                            # another task's code
    ("I.1.20.pdf", "", None),
    ("bao cao.pdf", "Báo cáo số 3/BC-STTTT", None),                              # a common word names nothing
])
def test_linking(name, evidence, expected):
    from cchc_xlsx.evidence.link import Row, link

    rows = [Row("criterion", "I.1.1", evidence), Row("criterion", "I.1.2", ""), Row("task", "NV6.1", "")]
    result = link([name], rows)
    found = [(code, how) for _, _, code, how in result.links]
    assert found == ([expected] if expected else []) and result.unlinked == ([] if expected else [name])


def test_a_cell_citing_a_file_that_did_not_come_is_missing():
    from cchc_xlsx.evidence.link import Row, link

    rows = [Row("task", "NV1.1", "Biên bản họp.pdf; xem KH12.pdf"), Row("task", "NV1.2", "https://x.vn/a.pdf")]
    result = link(["KH12.pdf"], rows)
    assert [(r.code, cited) for r, cited in result.missing] == [("NV1.1", "Biên bản họp.pdf")]


def test_libreoffice_opens_each_link_beside_the_scorecard(cycle, calc_vi):
    """Through UNO: LibreOffice resolves each file link against the scorecard's own folder."""
    book = openpyxl.load_workbook(cycle["scorecard"], read_only=True)
    sheet_name = labels.SC_SHEETS["criteria"]
    header = next(book[sheet_name].iter_rows(min_row=4, max_row=4, values_only=True))
    column = list(header).index(labels.EVIDENCE_FILES_HEADER)
    last = book[sheet_name].max_row
    links = calc_vi.edit(cycle["scorecard"], [{"op": "links", "sheet": sheet_name, "column": column, "first": 5,
                                               "last": last}])[0]
    assert len(links) >= 3, links
    from urllib.parse import unquote

    for _, url in links:
        relative = unquote(url)
        assert relative.startswith("evidence/"), url  # relative to the document, not an absolute path
        assert (cycle["scorecard"].parent / relative).is_file(), url


def test_the_light_message_reader_never_raises_on_mangled_mail():
    import random

    from cchc_xlsx.collect.sources import message_items

    rng = random.Random(16)
    for raw in _variety():
        for _ in range(25):
            data = bytearray(raw)
            for _ in range(rng.randint(1, 40)):
                data[rng.randrange(len(data))] = rng.choice(b"-\r\n=:;\"\\x\x00\xff")
            list(message_items(bytes(data), "m.eml"))


def test_a_folder_shared_by_several_returns_links_by_code_and_claims_nothing_else(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    plan = built.plan
    leaf = plan.leaves_scored_by("TTRA")[0].code
    (workspace.inbox / "TTRA.xlsx").write_bytes(mc.filled("TTRA").save())
    (workspace.inbox / "VP.xlsx").write_bytes(mc.filled("VP").save())
    (workspace.inbox / f"{leaf} - quyet dinh.pdf").write_bytes(PDF)
    (workspace.inbox / "scan.pdf").write_bytes(PDF + b"x")
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    with Ledger(workspace.ledger_path) as ledger:
        files = {f.file_name: f for f in evidence_files(ledger, PERIOD)}
    assert (files[f"{leaf} - quyet dinh.pdf"].unit, files[f"{leaf} - quyet dinh.pdf"].code) == ("TTRA", leaf)
    assert files["scan.pdf"].how == "none" and files["scan.pdf"].unit == ""  # whose it is, nobody can tell
    notes = _rows(workspace.ledger_path, "SELECT * FROM findings WHERE code = 'evidence-unlinked'")
    assert notes == []


def test_a_zip_larger_than_the_evidence_limit_still_gives_its_workbook(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    workspace.settings.setdefault("limits", {})["max_evidence_bytes"] = 1 << 20
    (workspace.inbox / "ho so.zip").write_bytes(
        _zip({"TTRA.xlsx": mc.filled("TTRA").save(), "scan.pdf": PDF + os.urandom(2 << 20), "nho.pdf": PDF}))
    result = collect_paths(workspace, built.plan, PERIOD, [workspace.inbox])
    workbook = next(o for o in result.outcomes if o.file_name == "TTRA.xlsx")
    assert workbook.verdict == "warnings" and workbook.unit == "TTRA"
    assert {f["code"] for f in workbook.findings} == {"evidence-refused", "evidence-unlinked"}  # it hears why
    states = {r["file_name"]: r["state"] for r in _rows(workspace.ledger_path, "SELECT * FROM evidence")}
    assert states == {"ho so.zip": "refused", "scan.pdf": "refused", "nho.pdf": "kept"}


def test_a_part_over_its_limit_is_refused_before_it_is_decoded():
    from cchc_xlsx.collect.sources import Skipped, message_items

    raw = _mail("vp@stttt.example.vn", [("VP.xlsx", mc.filled("VP").save(), "application/octet-stream"),
                                        ("scan 60MB.pdf", PDF + os.urandom(3 << 20), "application/pdf"),
                                        ("big.xlsx", b"PK\x03\x04" + os.urandom(3 << 20), "application/octet-stream")])
    limits = {**DEFAULT_LIMITS, "max_evidence_bytes": 2 << 20, "max_file_bytes": 2 << 20}
    items = list(message_items(raw, "m.eml", limits))
    scan = next(i for i in items if getattr(i, "name", "") == "scan 60MB.pdf")
    assert scan.refused == "too-large" and scan.data is None and scan.size > 3 << 20
    assert [i.reason for i in items if isinstance(i, Skipped)] == ["too-large"]  # the big workbook
    assert [i.name for i in items if isinstance(i, Received)] == ["VP.xlsx"]  # the return itself is taken


def test_a_file_name_that_is_not_utf8_is_recorded(tmp_path):
    if os.name == "nt":
        pytest.skip("Windows names are always Unicode")
    workspace, built = init_workspace(tmp_path / "ws")
    folder = tmp_path / "return"
    folder.mkdir()
    (folder / "TTRA.xlsx").write_bytes(mc.filled("TTRA").save())
    with open(os.path.join(os.fsencode(folder), b"Bi\xean b\xe1n.pdf"), "wb") as handle:  # cp1258 bytes
        handle.write(PDF)
    result = collect_paths(workspace, built.plan, PERIOD, [folder])
    assert any(o.verdict == "evidence" and o.sha256 for o in result.outcomes)
    assert len(_rows(workspace.ledger_path, "SELECT * FROM evidence")) == 1


def test_evidence_mailed_after_the_return_is_linked_to_the_senders_latest_return(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    plan = built.plan
    leaf = plan.leaves_scored_by("VP")[0].code
    first = tmp_path / "1.eml"
    first.write_bytes(_mail("vp@stttt.example.vn", [("VP.xlsx", mc.filled("VP").save(), "application/octet-stream")]))
    later = tmp_path / "2.eml"
    later.write_bytes(_mail("VP@stttt.example.vn", [(f"{leaf} bien ban.pdf", PDF, "application/pdf")], "<later@x>"))
    collect_paths(workspace, plan, PERIOD, [first])
    result = collect_paths(workspace, plan, PERIOD, [later])
    assert {(o.file_name, o.unit) for o in result.outcomes if o.verdict == "evidence"} == {(f"{leaf} bien ban.pdf", "VP")}
    with Ledger(workspace.ledger_path) as ledger:
        files = [(f.unit, f.code, f.how) for f in evidence_files(ledger, PERIOD)]
    assert files == [("VP", leaf, "code")]


# --- a .zip of one return among other units' files -------------------------------------

def test_a_zip_holding_one_workbook_is_that_returns_container_in_a_shared_folder(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    plan = built.plan
    task = plan.tasks_for("BCVT")[0].code
    (workspace.inbox / "TTRA.xlsx").write_bytes(mc.filled("TTRA").save())
    (workspace.inbox / "VP.xlsx").write_bytes(mc.filled("VP").save())
    (workspace.inbox / "scan chung.pdf").write_bytes(PDF + b"folder")  # whose, nobody can tell
    (workspace.inbox / "BCVT quy I.zip").write_bytes(_zip({
        "BCVT/BCVT quy I.xlsx": mc.filled("BCVT").save(), f"BCVT/{task} - bao cao.pdf": PDF + b"bcvt",
        "BCVT/anh.jpg": JPG}))
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    by_name = {o.file_name: o for o in result.outcomes}
    assert by_name["BCVT quy I.xlsx"].unit == "BCVT" and by_name["BCVT quy I.xlsx"].verdict != "rejected"
    assert by_name[f"{task} - bao cao.pdf"].unit == "BCVT"  # the console says whose
    with Ledger(workspace.ledger_path) as ledger:
        files = {f.file_name: f for f in evidence_files(ledger, PERIOD)}
    linked = files[f"{task} - bao cao.pdf"]
    assert (linked.unit, linked.row_kind, linked.code, linked.how) == ("BCVT", "task", task, "code")
    assert (files["anh.jpg"].unit, files["anh.jpg"].how) == ("BCVT", "none")  # the return's unlinked file
    assert (files["scan chung.pdf"].unit, files["scan chung.pdf"].how) == ("", "none")
    notes = _rows(workspace.ledger_path, "SELECT s.unit, f.value FROM findings f JOIN submissions s "
                  "ON s.id = f.submission_id WHERE f.code = 'evidence-unlinked'")
    assert notes == [{"unit": "BCVT", "value": "anh.jpg"}]  # told to BCVT alone; the folder's returns claim nothing
    links = _rows(workspace.ledger_path, "SELECT DISTINCT unit FROM evidence_links")
    assert {r["unit"] for r in links} == {"BCVT"}
    recorded = len(_rows(workspace.ledger_path, "SELECT * FROM evidence_links"))
    again = collect_paths(workspace, plan, PERIOD, [workspace.inbox])  # a rerun records nothing new
    assert {o.verdict for o in again.outcomes} <= {"duplicate", "evidence"}
    assert len(_rows(workspace.ledger_path, "SELECT * FROM evidence_links")) == recorded


def test_a_zip_holding_several_workbooks_is_shared_like_a_folder(tmp_path):
    workspace, built = init_workspace(tmp_path / "ws")
    plan = built.plan
    leaf = plan.leaves_scored_by("TTRA")[0].code
    (workspace.inbox / "hai don vi.zip").write_bytes(_zip({
        "TTRA.xlsx": mc.filled("TTRA").save(), "VP.xlsx": mc.filled("VP").save(),
        f"{leaf} - quyet dinh.pdf": PDF, "scan.pdf": PDF + b"x"}))
    collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    with Ledger(workspace.ledger_path) as ledger:
        files = {f.file_name: f for f in evidence_files(ledger, PERIOD)}
    assert (files[f"{leaf} - quyet dinh.pdf"].unit, files[f"{leaf} - quyet dinh.pdf"].code) == ("TTRA", leaf)
    assert (files["scan.pdf"].unit, files["scan.pdf"].how) == ("", "none")
    assert _rows(workspace.ledger_path, "SELECT * FROM findings WHERE code = 'evidence-unlinked'") == []


def test_a_zip_holding_a_units_own_table_stays_the_evidence_of_the_return_beside_it(tmp_path):
    # A unit's folder: its return, and a zip of evidence that holds a table of its own making (not
    # one of our workbooks: no _meta sheet). The zip's files are that return's, never a return apart.
    import openpyxl

    workspace, built = init_workspace(tmp_path / "ws")
    plan = built.plan
    task = plan.tasks_for("VP")[0].code
    table = openpyxl.Workbook()
    table.active.append(["STT", "Văn bản"])
    table.active.append([1, "Quyết định 12/QĐ"])
    kept = io.BytesIO()
    table.save(kept)
    folder = workspace.inbox / "VP"
    folder.mkdir()
    (folder / "VP quy I.xlsx").write_bytes(mc.filled("VP").save())
    (folder / "minh chung.zip").write_bytes(_zip({"bang ke.xlsx": kept.getvalue(), f"{task} - ke hoach.pdf": PDF}))
    result = collect_paths(workspace, plan, PERIOD, [workspace.inbox])
    by_name = {o.file_name: o for o in result.outcomes}
    assert by_name["VP quy I.xlsx"].unit == "VP" and by_name[f"{task} - ke hoach.pdf"].unit == "VP"
    with Ledger(workspace.ledger_path) as ledger:
        files = {f.file_name: f for f in evidence_files(ledger, PERIOD)}
    linked = files[f"{task} - ke hoach.pdf"]
    assert (linked.unit, linked.code, linked.how) == ("VP", task, "code")
    missing = _rows(workspace.ledger_path, "SELECT * FROM findings WHERE code = 'evidence-file-missing'")
    assert not missing


def test_only_our_workbooks_make_a_zip_a_return_of_its_own(tmp_path):
    from cchc_xlsx.collect.sources import zip_workbooks

    def ods(sheet: str) -> bytes:
        content = (f'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                   f'office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
                   f'<office:spreadsheet><table:table table:name="{sheet}"/></office:spreadsheet></office:body>'
                   f'</office:document-content>').encode()
        return _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": content})

    cases = {"theirs.zip": {"bang ke.ods": ods("Sheet1"), "scan.pdf": PDF},
             "ours ods.zip": {"TTRA.ods": ods("_meta"), "scan.pdf": PDF},
             "ours.zip": {"TTRA.xlsx": mc.filled("TTRA").save(), "scan.pdf": PDF},
             "broken.zip": {"TTRA.xlsx": b"PK\x03\x04 not really", "scan.pdf": PDF}}
    for name, members in cases.items():
        (tmp_path / name).write_bytes(_zip(members))
    assert {name: zip_workbooks(tmp_path / name) for name in cases} == \
        {"theirs.zip": 0, "ours ods.zip": 1, "ours.zip": 1, "broken.zip": 0}

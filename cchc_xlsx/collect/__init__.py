"""The collect stage: receive, archive, record, analyse, merge.

For each file: its bytes are archived under their SHA-256 and the delivery recorded before
anything parses them; worker processes analyse (one file that kills its worker is reported,
the others go on); the parent records each submission with its values and findings in one
transaction. Originals are only read. Re-running changes nothing: the same bytes for the same
period are recorded once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from cchc_xlsx.collect.analyse import Analysis, analyse, file_finding
from cchc_xlsx.collect.guard import size_text
from cchc_xlsx.collect.sources import Attachment, Received, Skipped, office_clock, scan
from cchc_xlsx.core.errors import InputError
from cchc_xlsx.findings.catalogue import FILE_FATAL, reason_text
from cchc_xlsx.findings.report import Finding
from cchc_xlsx.evidence import EvidenceRun, container_of
from cchc_xlsx.evidence.link import cites_files
from cchc_xlsx.store.ledger import Ledger, Submission, values_json
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.safetext import one_line, raw_hex, storable
from cchc_xlsx.store.workspace import Workspace

SKIP_CODES = {"lock-file": "file-skipped-lock", "no-attachment": "file-no-attachment",
              "link-inside": "file-link-inside", "link-dangling": "file-link-dangling"}
REFUSED_SKIPS = {"link-outside": "file-link-outside", "special-file": "file-special"}  # reported as errors
EXCEL_CELL_MAX = 32767  # characters an Excel cell holds; longer text is cut in the workbooks we write
BATCH = 64  # files analysed per round: bounds memory, and what a crash can cost
BATCH_BYTES = 64 * 1024 * 1024  # and a round holds at most about this many bytes (large evidence files)
CHUNK = 8   # files sent to a worker at once


@dataclass
class Outcome:
    """What happened to one received item."""

    file_name: str
    source: str
    sha256: str | None = None
    unit: str | None = None
    verdict: str = "skipped"       # accepted, warnings, errors, rejected, duplicate, skipped, held, released
    findings: list[Finding] = field(default_factory=list)
    submission_id: int | None = None
    raw_source: str = ""           # hex of the source's bytes when its name was not UTF-8
    container: str = ""            # evidence: the return it came with
    released_by: str = ""          # released: the sender or source that lifted the hold
    other_period: str = ""         # rejected here, recorded for the period its _meta names
    other_verdict: str = ""        # and its verdict there


@dataclass
class CollectResult:
    outcomes: list[Outcome] = field(default_factory=list)

    held: int = 0  # submissions of the period still waiting for the Office (this run's and earlier)

    @property
    def exit_code(self) -> int:
        """0 when every file was accepted without errors and none waits for the Office, else 1
        (everything is still recorded)."""
        bad = {"rejected", "errors", "held"}
        return 1 if self.held or any(o.verdict in bad for o in self.outcomes) else 0

    def count(self, verdict: str) -> int:
        return sum(1 for o in self.outcomes if o.verdict == verdict)

    def tally(self) -> dict[str, int]:
        """The fields of the run's summary line: the items, and how many ended in each way."""
        verdicts = ("accepted", "warnings", "errors", "rejected", "held", "released", "duplicate", "evidence", "skipped")
        return {"items": len(self.outcomes), **{verdict: self.count(verdict) for verdict in verdicts}}


def collect_paths(workspace: Workspace, plan: Plan, period: str, paths: list[Path], **options) -> CollectResult:
    """Collect every spreadsheet under ``paths`` (files, folders, .eml, .mbox)."""
    return collect_items(workspace, plan, period, scan(paths, workspace.limits()["max_file_bytes"], workspace.limits()), **options)


def collect_items(workspace: Workspace, plan: Plan, period: str, items: Iterable[Received | Skipped], *,
                  workers: int | None = None, progress: Callable[[int], None] | None = None,
                  versions: dict[str, Plan] | None = None) -> CollectResult:
    """Archive, record, analyse and merge received items for one period.

    Args:
        workspace: the workspace (archive folder, ledger, limits).
        plan: its plan.
        period: the period being collected.
        items: from ``sources.scan`` or an IMAP fetch.
        workers: analysing processes (default: one per core, at most 4).
        progress: called with the number of files finished so far.
        versions: earlier plan versions by plan_id (default: those the workspace kept).
    """
    if versions is None:
        from cchc_xlsx.plan.versions import load_versions

        versions = load_versions(workspace.root)
    result = CollectResult()
    done = 0
    trust = _Trust(workspace.contact_addresses(plan), period)
    with Ledger(workspace.ledger_path) as ledger, \
            _Analyser(plan, period, workspace.limits(), workers, versions) as analyser:
        in_flight = None
        seen: dict[str, Outcome] = {}  # sha256 → first outcome, for the same bytes twice in one run
        workspace.archive.mkdir(parents=True, exist_ok=True)
        archived = {path.name.split(".")[0] for path in workspace.archive.iterdir() if not path.name.startswith(".")}
        evidence = EvidenceRun(ledger, workspace.archive, period, workspace.limits())
        for batch in _batches(items, BATCH):
            raws = [raw_hex(item.source) for item in batch]
            batch = [_storable(item) for item in batch]
            with ledger.transaction():  # receipts of the whole batch, before anything parses them
                outcomes = [_receive_one(workspace, ledger, period, item, raw, seen, archived, trust, evidence)
                            for item, raw in zip(batch, raws)]
            result.outcomes.extend(outcomes)
            pending = [(o, i) for o, i in zip(outcomes, batch) if o.verdict == "pending"]
            hints = [_replied_unit(ledger, item) for _, item in pending]
            submitted = (pending, analyser.submit([i for _, i in pending], hints), hints)
            if in_flight:  # record the previous batch while the workers analyse this one
                _record_batch(ledger, period, analyser, trust, *in_flight, evidence=evidence)
            in_flight = submitted
            done += len(batch)
            if progress:
                progress(done)
        if in_flight:
            _record_batch(ledger, period, analyser, trust, *in_flight, evidence=evidence)
        evidence.finish(plan)  # files mailed without a workbook: the sender's unit, its latest return
        for outcome in result.outcomes:  # an evidence file belongs to the unit of the return it came with
            if outcome.verdict == "evidence":
                outcome.unit = evidence.unit_of(outcome.container, outcome.file_name)
        result.held = len(ledger.held(period))
    for outcome in result.outcomes:  # a copy within this run is a duplicate of what its first was recorded as
        first = seen.get(outcome.sha256) if outcome.verdict == "duplicate" else None
        if first is not None and first is not outcome and outcome.submission_id is None:
            outcome.unit, outcome.submission_id = first.unit, first.submission_id
    return result


def _record_batch(ledger: Ledger, period: str, analyser: "_Analyser", trust: "_Trust", pending: list,
                  futures: list, hints: list, evidence: EvidenceRun | None = None) -> None:
    analyses = analyser.results(futures, [i for _, i in pending], hints)
    elsewhere = _other_periods(ledger, analyser, pending, analyses, hints)
    with ledger.transaction():
        for index, ((outcome, item), analysis) in enumerate(zip(pending, analyses)):
            try:
                with ledger.savepoint():  # one item that cannot be recorded never costs the others
                    if index in elsewhere:
                        _record_elsewhere(ledger, period, outcome, item, analysis, trust, evidence, *elsewhere[index])
                    else:
                        _record(ledger, period, outcome, item, analysis, trust, evidence)
            except OSError:
                raise  # the disk, not the item: stop with the environment's message
            except Exception as exc:
                outcome.verdict = "rejected"
                outcome.findings = [file_finding("file-not-recorded", outcome.file_name,
                                                 reason=one_line(f"{type(exc).__name__}: {exc}"))]


def _storable(item: Received | Skipped) -> Received | Skipped:
    # Names that are not UTF-8 (lone surrogates) reach neither SQLite nor the screen: each text field
    # gets U+FFFD for the undecodable bytes; the source's raw bytes are kept apart (raw_hex).
    texts = {f.name: getattr(item, f.name) for f in dataclasses.fields(item) if isinstance(getattr(item, f.name), str)}
    safe = {key: storable(value) for key, value in texts.items()}
    return item if safe == texts else dataclasses.replace(item, **safe)


def _receive_one(workspace: Workspace, ledger: Ledger, period: str, item: Received | Skipped, raw: str,
                 seen: dict[str, Outcome], archived: set[str], trust: "_Trust",
                 evidence: EvidenceRun | None = None) -> Outcome:
    try:
        with ledger.savepoint():
            if evidence is not None and isinstance(item, Attachment):
                return _receive_evidence(evidence, item, archived)
            outcome = _receive(workspace, ledger, period, item, raw, seen, archived, trust)
            outcome.raw_source = raw
            return outcome
    except OSError:
        raise
    except Exception as exc:  # one odd item is reported; the batch it came in is still recorded
        name = PurePath(item.source).name if isinstance(item, Skipped) else item.name
        return Outcome(name, item.source, verdict="rejected", findings=[file_finding(
            "file-not-recorded", item.source, reason=one_line(f"{type(exc).__name__}: {exc}"))])


def _batches(items: Iterable, size: int, max_bytes: int = BATCH_BYTES):
    batch, held = [], 0
    for item in items:
        batch.append(item)
        held += len(getattr(item, "data", None) or b"")
        if len(batch) == size or held >= max_bytes:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _receive(workspace: Workspace, ledger: Ledger, period: str, item: Received | Skipped, raw: str,
             seen: dict[str, Outcome], archived: set[str], trust: "_Trust") -> Outcome:
    if isinstance(item, Skipped):
        return _skipped(item)
    sha = hashlib.sha256(item.data).hexdigest()
    if sha not in archived:  # never overwritten; one copy per content, whatever its extension
        _archive(workspace.archive / f"{sha}{PurePath(item.name).suffix.lower()}", item.data)
        archived.add(sha)
    ledger.record_delivery(sha, period, item.source, item.sender, item.message_id, _received_text(item),
                           _time_text(item.claimed_at), raw)
    outcome = Outcome(item.name, item.source, sha)
    existing = ledger.find(sha, period)
    if existing is not None:
        outcome.verdict, outcome.unit, outcome.submission_id = "duplicate", existing["unit"], existing["id"]
        outcome.findings = [file_finding("file-duplicate", item.name, first=existing["source"])]
        if _vouch(ledger, existing, item, trust):
            _released(outcome, item, existing["unit"], period, seen.get(sha), existing["verdict"])
        elif existing["other_period"]:  # recorded for the period its _meta names: the same there
            _seen_elsewhere(ledger, outcome, item, existing["other_period"], trust)
    elif sha in seen:
        outcome.verdict = "duplicate"
        outcome.findings = [file_finding("file-duplicate", item.name, first=seen[sha].source)]
        trust.copies.setdefault(sha, []).append((outcome, item))  # may speak for the first once it is recorded
    else:
        seen[sha] = outcome
        outcome.verdict = "pending"
    return outcome


def _receive_evidence(evidence: EvidenceRun, item: Attachment, archived: set[str]) -> Outcome:
    # A file that came with a return: archived and recorded, never analysed (issue 16).
    sha, findings = evidence.receive(item, archived)
    findings = [f.replace(message=one_line(f.message)) for f in findings]  # one line each, whatever the name
    outcome = Outcome(item.name, item.source, sha, verdict="evidence", findings=findings)
    outcome.container = container_of(item)
    return outcome


def _time_text(moment) -> str | None:
    return moment.isoformat(sep=" ") if moment else None


def _received_text(item: Received) -> str:
    # When the Office received it: the IMAP server's INTERNALDATE, else this run's clock.
    return _time_text(item.received_at or office_clock())


def _skipped(item: Skipped) -> Outcome:
    outcome = Outcome(PurePath(item.source).name, item.source)
    if item.reason in ("unreadable", "missing"):
        outcome.verdict = "rejected"
        outcome.findings = [file_finding("file-unreadable", item.source, reason=item.detail)]
    elif item.reason == "too-large":
        outcome.verdict = "rejected"
        outcome.findings = [file_finding("file-too-large", item.source, size=size_text(item.size), limit=item.detail)]
    elif item.reason in REFUSED_SKIPS:
        outcome.verdict = "rejected"
        outcome.findings = [file_finding(REFUSED_SKIPS[item.reason], item.source, target=item.detail,
                                         kind=item.detail)]
    else:
        outcome.findings = [file_finding(SKIP_CODES.get(item.reason, "file-skipped-other"), item.source,
                                         target=item.detail)]
    return outcome


def _archive(path: Path, data: bytes) -> None:
    # Written under a temporary name and renamed, so the archive never holds half a file; the
    # name is derived from the content, which spares mkstemp's cost on a thousand files.
    partial = path.with_name(f".{path.name}.part")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except BaseException:  # a full disk leaves no half file behind
        partial.unlink(missing_ok=True)
        raise


def _record(ledger: Ledger, period: str, outcome: Outcome, item: Received, analysis: Analysis,
            trust: "_Trust", evidence: EvidenceRun | None = None, other_period: str | None = None,
            superseding: str | None = None) -> None:
    # superseding: set when this is another period's workbook and that period already holds a
    # return of the unit (its file name): it waits for the Office instead of replacing it.
    links = evidence.link(item, analysis) if evidence is not None else None  # may add or answer findings
    findings = list(analysis.findings)
    if outcome.raw_source:
        findings.insert(0, file_finding("file-name-not-utf8", item.name, raw=outcome.raw_source))
    hold = trust.hold(item, analysis)
    if hold:
        findings.append(file_finding("sender-held", item.name, sender=item.sender or "?", unit=analysis.unit,
                                     period=period, sha=outcome.sha256[:12]))
    if superseding is not None and analysis.verdict != "rejected":
        # Only the Office lifts this one: no copy, however trusted, decides which return counts.
        hold = "period"
        findings.append(file_finding("period-held", item.name, unit=analysis.unit, period=period,
                                     collecting=trust.period, first=superseding, sha=outcome.sha256[:12]))
    elif not hold and trust.is_contact(item, analysis):  # a contact of [contacts]: not a stranger after all
        findings = [f for f in findings if f.code != "meta-sender-differs"]
    # one line each, whatever the unit typed into the values they quote
    findings = [f.replace(message=one_line(f.message)) for f in findings]
    analysis.findings = findings
    submission = Submission(
        sha256=outcome.sha256, period=period, file_name=item.name, source=item.source, unit=analysis.unit,
        plan_id=analysis.plan_id, sender=item.sender, message_id=item.message_id, received_at=_received_text(item),
        identified_by=analysis.identified_by, verdict=analysis.verdict, findings=findings,
        task_values=analysis.task_values, criterion_values=analysis.criterion_values,
        claimed_at=_time_text(item.claimed_at), raw_source=outcome.raw_source, hold=hold, other_period=other_period,
        kind=analysis.kind)
    outcome.submission_id = ledger.record(submission)
    if evidence is not None:
        evidence.record_links(outcome.submission_id, analysis.unit, item, links)
    outcome.unit, outcome.verdict, outcome.findings = analysis.unit, analysis.verdict, findings
    if hold:
        outcome.verdict = "held"
    released = False
    for copy, copy_item in trust.copies.get(outcome.sha256, []):  # the same bytes again in this run
        elsewhere = period != trust.period  # recorded for the period its _meta names: delivered there too
        if elsewhere:
            ledger.record_delivery(outcome.sha256, period, copy_item.source, copy_item.sender, copy_item.message_id,
                                   _received_text(copy_item), _time_text(copy_item.claimed_at), copy.raw_source)
        if hold == "sender" and not released and trust.speaks_for(copy_item, analysis.unit):  # from the unit
            ledger.decide(outcome.submission_id, "accepted", f"cchc: {copy_item.sender or copy_item.source}")
            copy.submission_id, released = outcome.submission_id, True
            _released(copy, copy_item, analysis.unit, period, outcome, analysis.verdict)
        if elsewhere:
            copy.other_period = period
            copy.other_verdict = "held" if hold and not released else analysis.verdict


# --- a return for another period of the plan ---------------------------------------

def _other_periods(ledger: Ledger, analyser: "_Analyser", pending: list, analyses: list[Analysis],
                   hints: list) -> dict[int, tuple[str, Analysis | None, Any]]:
    """Index → (the period its _meta names, its analysis for that period, or None when these
    bytes are already recorded there, with that row) for each workbook of another period of the plan."""
    periods = {p.code for p in analyser.args[0].periods}
    found, wanted = {}, {}
    for index, ((outcome, item), analysis) in enumerate(zip(pending, analyses)):
        fatal = [f for f in analysis.findings if f.code in FILE_FATAL]
        other = fatal[0].value if len(fatal) == 1 and fatal[0].code == "meta-other-period" else ""
        if other not in periods or analysis.unit is None or analysis.identified_by != "meta":
            continue
        existing = ledger.find(outcome.sha256, other)
        if existing is not None:
            found[index] = (other, None, existing)
        else:
            wanted.setdefault(other, []).append(index)
    for other, indexes in wanted.items():  # analysed again, by workers, against that period's cut-offs
        items = [pending[i][1] for i in indexes]
        again = analyser.for_period(other).analyse(items, [hints[i] for i in indexes])
        for index, analysis in zip(indexes, again):
            if analysis.verdict != "rejected":  # a file that period would refuse stays this period's rejection
                found[index] = (other, analysis, None)
    return found


def _record_elsewhere(ledger: Ledger, period: str, outcome: Outcome, item: Received, analysis: Analysis,
                      trust: "_Trust", evidence: EvidenceRun | None, other: str, other_analysis: Analysis | None,
                      existing) -> None:
    # Recorded under the period its _meta names, with its own verdict (held, merged, fed back
    # there); here it stays a rejection that says where it went, never merged into this period.
    ledger.record_delivery(outcome.sha256, other, item.source, item.sender, item.message_id, _received_text(item),
                           _time_text(item.claimed_at), outcome.raw_source)
    if existing is None:
        other_analysis.findings.append(file_finding("meta-received-other-period", item.name, found=other,
                                                    expected=period))
        there = Outcome(item.name, item.source, outcome.sha256, raw_source=outcome.raw_source)
        run = evidence.for_period(other) if evidence is not None else None
        standing = ledger.latest(other).get(other_analysis.unit)  # its return there: never replaced unseen
        _record(ledger, other, there, item, other_analysis, trust, run,
                superseding=standing["file_name"] if standing is not None else None)
        if run is not None:
            run.copy_received(period, there.submission_id)
        verdict = there.verdict
    else:  # recorded there before; a copy from a trusted source still lifts its hold
        if _vouch(ledger, existing, item, trust):
            outcome.released_by = item.sender or item.source
        verdict = _standing_verdict(ledger, existing)
    if evidence is not None:  # its files are that return's, never this period's unclaimed ones
        evidence.linked.add(container_of(item))
    from cchc_xlsx.text.language import verdict_text

    analysis.findings.append(file_finding("meta-recorded-other-period", item.name, found=other, expected=period,
                                          verdict=verdict_text(verdict, "vi")))
    _record(ledger, period, outcome, item, analysis, trust, None, other_period=other)  # rejected: never merged here
    outcome.other_period, outcome.other_verdict = other, verdict


def _seen_elsewhere(ledger: Ledger, outcome: Outcome, item: Received, other: str, trust: "_Trust") -> None:
    twin = ledger.find(outcome.sha256, other)
    if twin is None:
        return
    ledger.record_delivery(outcome.sha256, other, item.source, item.sender, item.message_id, _received_text(item),
                           _time_text(item.claimed_at), outcome.raw_source)
    if _vouch(ledger, twin, item, trust):
        _released(outcome, item, twin["unit"], other, None, twin["verdict"])
    outcome.other_period, outcome.other_verdict = other, _standing_verdict(ledger, twin)


def _standing_verdict(ledger: Ledger, row) -> str:
    # What a recorded submission stands as now: held until the Office decides, rejected when it refused it.
    decision = ledger.decision(row["id"]) if row["hold"] else None
    if row["hold"] and decision is None:
        return "held"
    return "rejected" if decision == "rejected" else row["verdict"]


def _vouch(ledger: Ledger, existing, item: Received, trust: "_Trust") -> bool:
    # The same bytes, held when a stranger sent them, now come from the unit's own address (or the
    # Office's folder): that speaks for the unit, so the hold is lifted, as a recorded decision.
    if existing["hold"] == "sender" and existing["unit"] and ledger.decision(existing["id"]) is None \
            and trust.speaks_for(item, existing["unit"]):
        ledger.decide(existing["id"], "accepted", f"cchc: {item.sender or item.source}")
        return True
    return False


def _released(outcome: Outcome, item: Received, unit: str, period: str, first: Outcome | None,
              verdict: str) -> None:
    # The copy that lifted a hold says so; the held outcome of this run, if any, is merged after all.
    outcome.verdict, outcome.unit = "released", unit
    outcome.released_by = item.sender or item.source
    outcome.findings = [file_finding("hold-released", item.name, unit=unit, period=period,
                                     sha=(outcome.sha256 or "")[:12], by=outcome.released_by)]
    if first is not None and first.verdict == "held":
        first.verdict = verdict


class _Trust:
    """Who may speak for a unit. A return by mail from an address that is not among the unit's
    contacts is held for the Office; files the Office puts in a folder itself are trusted."""

    def __init__(self, contacts: dict[str, set[str]], period: str):
        self.contacts = contacts
        self.period = period
        self.copies: dict[str, list[tuple[Outcome, Received]]] = {}  # sha256 → later copies in this run

    def is_contact(self, item: Received, analysis: Analysis) -> bool:
        return bool(item.sender) and item.sender.lower() in self.contacts.get(analysis.unit or "", set())

    def speaks_for(self, item: Received, unit: str) -> bool:
        return not by_mail(item) or (bool(item.sender) and item.sender.lower() in self.contacts.get(unit, set()))

    def hold(self, item: Received, analysis: Analysis) -> str | None:
        if analysis.unit is None or analysis.verdict == "rejected" or not by_mail(item):
            return None
        return None if self.is_contact(item, analysis) else "sender"


def by_mail(item: Received) -> bool:
    """Whether ``item`` came in a message (.eml, .mbox, IMAP) rather than as a file the Office put down."""
    source = item.source.lower()
    return bool(item.sender or item.message_id or item.in_reply_to) or source.startswith("imap:") \
        or any(marker in source for marker in (".eml/", ".mbox#"))


# --- analysing in worker processes ------------------------------------------------------

_job: dict = {}


def _start_worker(plan: Plan, period: str, limits: dict[str, int], versions: dict | None = None) -> None:
    # The plan (and its earlier versions) travel to each worker once; the worker ends with its parent.
    from cchc_xlsx.store.lifetime import die_with_parent

    die_with_parent()
    _job.update(plan=plan, period=period, limits=limits, versions=versions or {})


def _job_of(item: Received, reply_unit: str | None) -> tuple:
    return item.data, item.name, item.sender, reply_unit


def _replied_unit(ledger: Ledger, item: Received) -> str | None:
    # The unit whose message this one answers (In-Reply-To): a hint when a file's _meta is gone.
    return ledger.replied_unit(item.in_reply_to)


def _analyse_chunk(items: list[tuple]) -> list[Analysis]:
    return [_analyse_in_worker(item) for item in items]


def _analyse_in_worker(item: tuple) -> Analysis:
    data, name, sender, reply_unit = item
    try:
        analysis = analyse(data, name, sender, _job["plan"], _job["period"], _job["limits"], reply_unit,
                           _job.get("versions"))
        rows = (analysis.task_values, analysis.criterion_values)
        analysis.cites_files = any(cites_files(row.get("evidence") or "") for values in rows for row in values)
        # The worker serialises the values for the ledger, so the parent only inserts them.
        analysis.task_values, analysis.criterion_values = (values_json(values) for values in rows)
        if max(len(analysis.task_values), len(analysis.criterion_values)) > EXCEL_CELL_MAX:
            analysis.findings.extend(long_text_findings(rows, name))  # else no value can be that long
        return analysis
    except Exception as exc:  # no input file, however broken, may stop the run
        analysis = Analysis()
        analysis.findings.append(file_finding("file-unreadable", name, reason=reason_text(exc)))
        return analysis


_LONG_FIELDS = {"tasks": {"status": "status", "evidence": "evidence", "issues": "issues", "note": "note"},
                "criteria": {"result_text": "result", "evidence": "evidence", "note": "note"}}


def long_text_findings(rows: tuple[list, list], file_name: str) -> list[Finding]:
    """A finding per value longer than an Excel cell holds: the ledger keeps it whole, the
    workbooks we write (scorecard, feedback) can only show its first 32,767 characters."""
    from cchc_xlsx import text as labels
    from cchc_xlsx.findings.catalogue import cell_finding

    found = []
    for key, values, sheet, headers in (("tasks", rows[0], labels.SHEET_TASKS, labels.TASK_HEADERS),
                                        ("criteria", rows[1], labels.SHEET_CRITERIA, labels.CRITERIA_HEADERS)):
        for row in values:
            for field_name, header_key in _LONG_FIELDS[key].items():
                value = row.get(field_name)
                if isinstance(value, str) and len(value) > EXCEL_CELL_MAX:
                    found.append(cell_finding("value-too-long", file=file_name, sheet=sheet,
                                              row_code=row.get("code", ""), field=header_key,
                                              row=row.get("cell_row", ""), column=headers.get(header_key, field_name),
                                              length=f"{len(value):,}".replace(",", ".")))
    return found


class _Analyser:
    """A process pool that analyses files; a file that kills its worker is retried alone, then
    reported, and the pool is started again for the others."""

    def __init__(self, plan: Plan, period: str, limits: dict[str, int], workers: int | None,
                 versions: dict | None = None):
        self.args = (plan, period, limits, versions)
        self.workers = workers or min(os.cpu_count() or 1, 4)
        self.pool: ProcessPoolExecutor | None = None
        self.others: dict[str, _Analyser] = {}  # period → analyser, for workbooks of another period

    def __enter__(self) -> "_Analyser":
        return self

    def __exit__(self, *exc) -> None:
        if self.pool:
            self.pool.shutdown(cancel_futures=True)
        for other in self.others.values():
            other.__exit__(*exc)

    def for_period(self, period: str) -> "_Analyser":
        """An analyser of the same plan for another period (a workbook whose _meta names it)."""
        if period not in self.others:
            plan, _, limits, versions = self.args
            self.others[period] = _Analyser(plan, period, limits, 1, versions)
        return self.others[period]

    def analyse(self, items: list[Received], hints: list[str | None]) -> list[Analysis]:
        return self.results(self.submit(items, hints), items, hints)

    def submit(self, items: list[Received], hints: list[str | None]) -> list:
        """Futures of chunks of files, each paired with the pool it runs in (None where the pool
        would not take it). Chunks cut the messages between processes, which compete for the
        parent's time with its own work."""
        if not items:
            return []
        if self.pool is None:
            self.pool = ProcessPoolExecutor(self.workers, initializer=_start_worker, initargs=self.args)
        pool = self.pool
        jobs = [_job_of(item, hint) for item, hint in zip(items, hints)]
        chunks = [jobs[i:i + CHUNK] for i in range(0, len(jobs), CHUNK)]
        try:
            return [(pool, pool.submit(_analyse_chunk, chunk)) for chunk in chunks]
        except BrokenProcessPool:
            self._restart(pool)
            return [None] * len(chunks)

    def results(self, futures: list, items: list[Received], hints: list[str | None]) -> list[Analysis]:
        jobs = [_job_of(item, hint) for item, hint in zip(items, hints)]
        analyses = []
        for index, submitted in enumerate(futures):
            chunk = jobs[index * CHUNK:(index + 1) * CHUNK]
            found = None
            if submitted is not None:
                pool, future = submitted
                try:
                    found = future.result()
                except BrokenProcessPool:
                    self._restart(pool)
                except Exception:  # cancelled with a broken pool, or anything else: analyse them alone
                    pass
            analyses.extend(found or [_analyse_alone(job, *self.args) for job in chunk])
        return analyses

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        # Only the pool that broke is replaced; a newer healthy pool keeps its work.
        if self.pool is broken:
            broken.shutdown(wait=False, cancel_futures=True)
            self.pool = None


def _analyse_alone(job: tuple, plan: Plan, period: str, limits: dict[str, int],
                   versions: dict | None = None) -> Analysis:
    try:
        with ProcessPoolExecutor(1, initializer=_start_worker, initargs=(plan, period, limits, versions)) as pool:
            return pool.submit(_analyse_in_worker, job).result()
    except Exception:  # BrokenProcessPool: this file kills its reader
        analysis = Analysis()
        analysis.findings.append(file_finding("file-reader-crashed", job[1]))
        return analysis


# --- the Office's decision on a held return (cchc accept) -----------------------------------

class SubmissionNotFound(InputError):
    """No submission of the period matches, or several do; ``candidates`` lists what might be meant."""

    def __init__(self, message: str, candidates: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


@dataclass
class Decision:
    """What ``accept_submission`` recorded."""

    submission_id: int
    sha256: str
    file_name: str
    unit: str | None
    decision: str                 # "accepted" or "rejected"
    previous: str | None = None   # an earlier decision on the same submission, if any
    held: bool = True             # False: it was never held (nothing recorded)
    period: str = ""              # the period it is recorded for (its _meta's, when that is another)


def accept_submission(workspace: Workspace, period: str, file_or_hash: str, reject: bool = False,
                      by: str = "") -> Decision:
    """Record the Office's decision on a return held because of its sender (``cchc accept``).

    An accepted return is merged from then on, as if trusted when received (later received still
    wins); a rejected one stays archived and recorded but is never merged. Decisions are added,
    never overwritten: deciding again records a newer decision.

    Args:
        workspace: the workspace.
        period: the period of the submission.
        file_or_hash: a path to the file as received (or to the .eml/.mbox it came in), its
            SHA-256 (or its first 6+ hex digits), or its file name as recorded.
        reject: reject instead of accept.
        by: who decided (default: the logged-in user).

    Raises:
        SubmissionNotFound: nothing, or more than one submission, matches.
    """
    with Ledger(workspace.ledger_path) as ledger:
        row = _find_submission(ledger, period, file_or_hash)
        if row["other_period"]:  # a workbook of another period, recorded there: the decision is about that copy
            row = ledger.find(row["sha256"], row["other_period"]) or row
        decision = "rejected" if reject else "accepted"
        if row["hold"] is None:
            return Decision(row["id"], row["sha256"], row["file_name"], row["unit"], decision, held=False,
                            period=row["period"])
        previous = ledger.decision(row["id"])
        ledger.decide(row["id"], decision, by or _user())
        return Decision(row["id"], row["sha256"], row["file_name"], row["unit"], decision, previous,
                        period=row["period"])


def held_submissions(workspace: Workspace, period: str) -> list[dict[str, Any]]:
    """The period's returns waiting for the Office: id, sha256, file_name, unit, sender, received_at."""
    with Ledger(workspace.ledger_path) as ledger:
        return [{k: row[k] for k in ("id", "sha256", "file_name", "unit", "sender", "received_at", "claimed_at")}
                for row in ledger.held(period)]


def _find_submission(ledger: Ledger, period: str, what: str):
    path = Path(what)
    rows = []
    if path.is_file():
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        rows = ledger.query("SELECT * FROM submissions WHERE period = ? AND sha256 = ?", (period, sha))
    elif 6 <= len(what) <= 64 and all(c in "0123456789abcdefABCDEF" for c in what):
        rows = ledger.query("SELECT * FROM submissions WHERE period = ? AND sha256 LIKE ?",
                            (period, what.lower() + "%"))
    if not rows:  # the message it came in (inbox/thu.eml), or its name as recorded
        every = ledger.query("SELECT * FROM submissions WHERE period = ?", (period,))
        places = {what, str(path.resolve()) if path.exists() else what}
        rows = [r for r in every if any(r["source"] == p or r["source"].startswith((p + "/", p + "#"))
                                        for p in places)]
        name = PurePath(what).name.casefold()
        rows = rows or [r for r in every if r["file_name"].casefold() == name]
    if len(rows) > 1:  # the same name sent twice: the one still waiting is meant
        waiting = {r["id"] for r in ledger.held(period)}
        rows = [r for r in rows if r["id"] in waiting] or rows
    if len(rows) == 1:
        return rows[0]
    from cchc_xlsx import text as labels

    listed = lambda found: ", ".join(f"{r['file_name']} ({r['unit'] or '-'}, {r['sha256'][:12]})"  # noqa: E731
                                     for r in found)
    if rows:
        raise SubmissionNotFound(labels.CONSOLE["ambiguous"].format(what=what, period=period, matches=listed(rows)),
                                 [dict(r) for r in rows])
    held = ledger.held(period)
    raise SubmissionNotFound(labels.CONSOLE["not-found"].format(
        what=what, period=period, held=listed(held) or labels.CONSOLE["none-held"]), [dict(r) for r in held])


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service account)
        return ""


__all__ = ["CollectResult", "Decision", "Outcome", "SubmissionNotFound", "accept_submission", "collect_items",
           "collect_paths", "held_submissions", "scan"]

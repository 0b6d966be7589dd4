"""The collect run: receive, archive, record, analyse, merge.

For each file: its bytes are archived under their SHA-256 and the delivery recorded before
anything parses them; worker processes analyse (``pool``); the parent records each submission
with its values and findings in one transaction. Originals are only read. Re-running changes
nothing: the same bytes for the same period are recorded once.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import Any

from cchc_xlsx.collect.analyse import Analysis, file_finding
from cchc_xlsx.core.values import size_text
from cchc_xlsx.collect.outcome import CollectResult, Outcome
from cchc_xlsx.collect.pool import Analyser, replied_unit
from cchc_xlsx.collect.sources import Attachment, Received, Skipped, office_clock, scan
from cchc_xlsx.collect.sources.folder import container_listing
from cchc_xlsx.collect.trust import Trust, mark_released, standing_verdict, vouch
from cchc_xlsx.core.model import Plan
from cchc_xlsx.core.safetext import one_line, raw_hex, storable
from cchc_xlsx.evidence import EvidenceRun, container_of
from cchc_xlsx.findings.catalogue import FILE_FATAL
from cchc_xlsx.store.ledger import Ledger, Submission
from cchc_xlsx.store.workspace import Workspace

SKIP_CODES = {"lock-file": "file-skipped-lock", "no-attachment": "file-no-attachment", "no-return": "file-no-return",
              "link-inside": "file-link-inside", "link-dangling": "file-link-dangling"}
REFUSED_SKIPS = {"link-outside": "file-link-outside", "special-file": "file-special"}  # reported as errors
BATCH = 64  # files analysed per round: bounds memory, and what a crash can cost
BATCH_BYTES = 64 * 1024 * 1024  # and a round holds at most about this many bytes (large evidence files)


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
    trust = Trust(workspace.contact_addresses(plan), period)
    with Ledger(workspace.ledger_path) as ledger, \
            Analyser(plan, period, workspace.limits(), workers, versions) as analyser:
        in_flight = None
        seen: dict[str, Outcome] = {}  # sha256 → first outcome, for the same bytes twice in one run
        workspace.archive.mkdir(parents=True, exist_ok=True)
        archived = {path.name.split(".")[0] for path in workspace.archive.iterdir() if not path.name.startswith(".")}
        limits = workspace.limits()
        evidence = EvidenceRun(ledger, workspace.archive, period, limits,
                               lambda container: container_listing(container, limits))
        for batch in _batches(items, BATCH):
            raws = [raw_hex(item.source) for item in batch]
            batch = [_storable(item) for item in batch]
            with ledger.transaction():  # receipts of the whole batch, before anything parses them
                outcomes = [_receive_one(workspace, ledger, period, item, raw, seen, archived, trust, evidence)
                            for item, raw in zip(batch, raws)]
            result.outcomes.extend(outcomes)
            pending = [(o, i) for o, i in zip(outcomes, batch) if o.verdict == "pending"]
            hints = [replied_unit(ledger, item) for _, item in pending]
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


def _record_batch(ledger: Ledger, period: str, analyser: Analyser, trust: Trust, pending: list,
                  futures: list, hints: list, evidence: EvidenceRun | None = None) -> None:
    analyses = analyser.results(futures, [i for _, i in pending], hints)
    elsewhere = _other_periods(ledger, analyser, pending, analyses, hints)
    with ledger.transaction():
        for index, ((outcome, item), analysis) in enumerate(zip(pending, analyses)):
            try:
                with ledger.savepoint():  # one item that cannot be recorded never costs the others
                    if analysis.not_return and evidence is not None:
                        _record_not_return(evidence, outcome, item)
                    elif index in elsewhere:
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
                 seen: dict[str, Outcome], archived: set[str], trust: Trust,
                 evidence: EvidenceRun | None = None) -> Outcome:
    try:
        with ledger.savepoint():
            if evidence is not None and isinstance(item, Attachment):
                return _receive_evidence(evidence, item, archived)
            outcome = _receive(workspace, ledger, period, item, raw, seen, archived, trust)
            outcome.raw_source = raw
            if isinstance(item, Skipped):  # not taken: why, in the ledger too (and so in validation.xlsx)
                for finding in outcome.findings:
                    ledger.note_item(period, item.source, outcome.file_name, finding)
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
             seen: dict[str, Outcome], archived: set[str], trust: Trust) -> Outcome:
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
        if vouch(ledger, existing, item, trust):
            mark_released(outcome, item, existing["unit"], period, seen.get(sha), existing["verdict"])
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
    if item.note:  # a spreadsheet that is not the return: said first, in the clerk's words
        findings.insert(0, file_finding(item.note, item.name))
    findings = [f.replace(message=one_line(f.message)) for f in findings]  # one line each, whatever the name
    outcome = Outcome(item.name, item.source, sha, verdict="evidence", findings=findings)
    outcome.container = container_of(item)
    return outcome


def _record_not_return(evidence: EvidenceRun, outcome: Outcome, item: Received) -> None:
    # A spreadsheet from a folder that the analysis found not to be a return (no _meta, none of
    # our sheets): evidence of the returns beside it, as a message's would be. Already archived.
    attachment = Attachment(item.name, item.source, container_of(item), len(item.data), data=item.data,
                            sender=item.sender, received_at=item.received_at, message_id=item.message_id,
                            note="file-not-return")
    evidenced = _receive_evidence(evidence, attachment, {outcome.sha256})
    outcome.verdict, outcome.findings, outcome.container = "evidence", evidenced.findings, evidenced.container


def _time_text(moment) -> str | None:
    return moment.isoformat(sep=" ") if moment else None


def _received_text(item: Received) -> str:
    # When the Office received it: the IMAP server's INTERNALDATE, else this run's clock.
    return _time_text(item.received_at or office_clock())


def _skipped(item: Skipped) -> Outcome:
    outcome = Outcome(PurePath(item.source).name, item.source)
    if item.reason in ("unreadable", "missing"):
        outcome.verdict = "rejected"
        outcome.findings = [file_finding("file-unreadable", item.source, reason=item.detail, value=item.technical)]
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
            trust: Trust, evidence: EvidenceRun | None = None, other_period: str | None = None,
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
            mark_released(copy, copy_item, analysis.unit, period, outcome, analysis.verdict)
        if elsewhere:
            copy.other_period = period
            copy.other_verdict = "held" if hold and not released else analysis.verdict


# --- a return for another period of the plan ---------------------------------------

def _other_periods(ledger: Ledger, analyser: Analyser, pending: list, analyses: list[Analysis],
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
                      trust: Trust, evidence: EvidenceRun | None, other: str, other_analysis: Analysis | None,
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
        if vouch(ledger, existing, item, trust):
            outcome.released_by = item.sender or item.source
        verdict = standing_verdict(ledger, existing)
    if evidence is not None:  # its files are that return's, never this period's unclaimed ones
        evidence.linked.add(container_of(item))
    from cchc_xlsx.text.language import verdict_text

    analysis.findings.append(file_finding("meta-recorded-other-period", item.name, found=other, expected=period,
                                          verdict=verdict_text(verdict, "vi")))
    _record(ledger, period, outcome, item, analysis, trust, None, other_period=other)  # rejected: never merged here
    outcome.other_period, outcome.other_verdict = other, verdict


def _seen_elsewhere(ledger: Ledger, outcome: Outcome, item: Received, other: str, trust: Trust) -> None:
    twin = ledger.find(outcome.sha256, other)
    if twin is None:
        return
    ledger.record_delivery(outcome.sha256, other, item.source, item.sender, item.message_id, _received_text(item),
                           _time_text(item.claimed_at), outcome.raw_source)
    if vouch(ledger, twin, item, trust):
        mark_released(outcome, item, twin["unit"], other, None, twin["verdict"])
    outcome.other_period, outcome.other_verdict = other, standing_verdict(ledger, twin)

"""Every line a clerk reads from ``cchc``, in both languages, and the words of states, verdicts,
severities and plan differences (see ``text.language``)."""

from cchc_xlsx.text.collect import CONSOLE, DECISION, STATE

# --- the console and the Office's page (issue 15) ---------------------------------------
# Every line a clerk reads from ``cchc``: Vietnamese by default, English with --lang en or
# CCHC_LANG=en. Keys are looked up by language.say(); fields are filled with str.format.
# (CONSOLE_LINES, not CONSOLE: the intake's commands have their own CONSOLE table.)
CONSOLE_LINES = {
    "vi": {
        "error": "Lỗi: {message}",
        "error-line": "[lỗi] {message}",
        "error-unit": "[lỗi] {unit}: {reason}",
        "finding": "[{severity}] {title} ({code}): {message}",
        "wrote": "Đã ghi {path}",
        "output-protected": ("{path}: đây là dữ liệu Văn phòng lưu giữ (sổ ghi nhận, kho lưu, hộp thư đến, kế hoạch, "
                             "biểu mẫu đã gửi); không ghi đè. Hãy chọn nơi khác, ví dụ thư mục reports."),
        "output-suffix": "{path}: tệp kết quả phải có đuôi {suffix}.",
        "output-locked": "Tệp {path} đang được mở trong chương trình khác (Excel, trình xem PDF?): hãy đóng tệp {path} rồi chạy lại.",
        "init-created": "Đã tạo thư mục làm việc: {root}",
        "init-plan": "Kế hoạch: {title} — {department} ({year})",
        "init-counts": "{tasks} nhiệm vụ, {criteria} tiêu chí, {units} đơn vị.",
        "init-plan-errors": "Kế hoạch có {count} lỗi: hãy chạy 'cchc plan check -w {directory}'.",
        "plan-counts": ("{tasks} nhiệm vụ, {criteria} tiêu chí (cấp cuối), tổng điểm tối đa {total:g} (các phần ghi "
                        "{sections:g})."),
        "plan-gap": "  chênh {gap:g} tại {code}: văn bản ghi {declared:g}, cộng các phần được {computed:g}",
        "plan-declared": " (văn bản ghi {declared:g})",
        "plan-area": "  {code:<6} {max:>7g}{declared}  {title}",
        "plan-version-changes": "{id} ({count} thay đổi)",
        "plan-versions-other": ("Đã có biểu mẫu tạo từ phiên bản kế hoạch khác: {listed}; 'cchc plan diff' liệt kê "
                                "các thay đổi."),
        "plan-diff-none": "Chưa có phiên bản kế hoạch nào trước đó để so sánh (đã lưu: {ids}).",
        "plan-diff-head": "{old} → {new}: {count} thay đổi",
        "plan-diff-row": "  {kind} {table} {code}{detail}",
        "plan-summary": "{errors} lỗi, {warnings} cảnh báo, {infos} lưu ý.",
        "plan-export-has-errors": "kế hoạch có lỗi; hãy chạy 'cchc plan check' để xem",
        "progress-generate": "Đang tạo biểu mẫu",
        "progress-collect": "Đang thu nhận",
        "generate-item": "{path}  ({tasks} nhiệm vụ, {criteria} dòng tiêu chí)",
        "generate-summary": "Đã tạo {count} biểu mẫu, danh sách {manifest}",
        "generate-failed": "{count} biểu mẫu không tạo được",
        "collect-item": "{verdict:<12} {unit:<7} {file}  ({errors} lỗi, {warnings} cảnh báo)",
        "collect-summary": ("{items} tệp: {accepted} hợp lệ, {warnings} có cảnh báo, {errors} có lỗi, {rejected} không "
                            "dùng được, {held} chờ xác nhận, {released} đã gỡ giữ, {duplicate} đã nhận trước đó, "
                            "{evidence} tệp kiểm chứng, {skipped} bỏ qua."),
        "collect-held": "{count} tệp chờ Văn phòng xác nhận.",
        "missing": "Chưa gửi: {units}",
        "report": "Báo cáo kiểm tra: {path}",
        "status-period": "{period}: hạn {due}",
        "status-row": "{unit:<7} {state:<24} {received:<19} {errors:>3} lỗi {warnings:>3} cảnh báo  lần {versions}  {file}",
        "feedback-item": "{unit:<7} {count:>3} vấn đề  {path}",
        "feedback-summary": "{files} biểu mẫu phản hồi, {drafts} thư trong {folder}",
        "appraisal-recorded": "Đã ghi {count} điểm thẩm định từ {path}",
        "scorecard-index": ("Chỉ số CCHC {index:.2f}% ({points:.4g} / {max:.4g} điểm); {returned} trên {units} "
                            "đơn vị đã gửi báo cáo."),
        "print-missing-scorecard": "kỳ {period} chưa có bảng tổng hợp: hãy chạy 'cchc scorecard -p {period}' trước",
        "print-no-office": ("Chưa cài LibreOffice: hãy cài (https://www.libreoffice.org) rồi chạy lại; trong lúc chờ "
                            "có thể in scorecard.xlsx bằng Excel"),
        "print-failed": "LibreOffice không in được {path}: {reason}",
        "demo-workspace": "Thư mục làm việc mẫu: {root}",
        "demo-files": "  {count:>3} {what:<20} trong {folders}",
        "demo-period": "  {period}: chỉ số {index:.2f}%; đơn vị có vấn đề: {problems}; chưa gửi: {missing}",
        "demo-open": "Mở {path} để xem bảng tổng hợp.",
        "demo-no-office": "Chưa cài LibreOffice: các bảng tổng hợp chưa được in ra PDF.",
        "demo-print-failed": "LibreOffice không in được các bảng tổng hợp: {reason}",
        "none": "không có",
        "mail-draft": "{state:<14} {unit:<8} {recipient:<32} {path}",
        "mail-sent": "đã gửi",
        "mail-sent-count": "Đã gửi {count} thư qua {server}.",
        "mail-summary": "Đã soạn {written} thư, giữ nguyên {kept}, đã gửi trước đó {sent}{hint}.",
        "mail-hint": "; gửi bằng --send hoặc từ chương trình thư",
        "mail-problems": "{count} vấn đề; hãy sửa rồi chạy lại đúng lệnh này",
        "password": "Mật khẩu của {user} tại {host}",
        "serve-address": "Trang của Văn phòng: {url}  (Ctrl+C để dừng)",
        "serve-port-busy": "cổng {port} đang được dùng: hãy chọn cổng khác bằng --port",
        "workspace-plan-errors": "kế hoạch của thư mục làm việc có lỗi; hãy sửa trước ('cchc plan check')",
        "mail-cannot-send": "không gửi được thư qua {server}: {reason}",
        "mail-cannot-read": "không đọc được hộp thư {server}: {reason}",
        "mail-needs-password": "cần mật khẩu để đăng nhập {server}",
        "mail-no-folder": "{server}: không mở được thư mục {folder!r}: {reason}",
        # the intake's lines about held returns (cchc collect, status, accept)
        **{key: CONSOLE[key] for key in ("held-line", "held-item", "accepted", "rejected", "already",
                                         "not-held")},
        "decision-accepted": DECISION["accepted"], "decision-rejected": DECISION["rejected"],
        # the evidence pack
        "evidence-summary": "{count} tệp kiểm chứng được liệt kê, {copied} tệp được chép vào {folder}",
        "evidence-index": "Danh mục: {path}",
        "evidence-cannot-write": "không ghi được bộ tài liệu kiểm chứng vào {path}: {reason}",
        # what a command says when it cannot start: a clerk reads these too
        "workspace-missing": "{root} không phải thư mục làm việc cchc (không có {settings}); hãy tạo bằng lệnh 'cchc init'.",
        "workspace-exists": "{root} đã là một thư mục làm việc; không có gì bị thay đổi.",
        "workspace-not-empty": "{root} không trống; hãy chọn một thư mục mới.",
        "plan-empty": "kế hoạch không có nhiệm vụ và tiêu chí nào",
        "unknown-period": "không có kỳ “{period}”; kế hoạch có các kỳ: {codes}",
        "unknown-unit": "không có đơn vị “{unit}”; các đơn vị có biểu mẫu: {codes}",
        "unknown-version": "không có phiên bản kế hoạch “{name}” đã lưu; các phiên bản đã lưu: {ids}",
        "master-not-xlsx": "bảng kế hoạch phải là tệp .xlsx",
        "paths-or-imap": "hãy chọn một trong hai: đường dẫn tệp hoặc --imap",
        "appraisal-unreadable": "{file}: không phải bảng tổng hợp có cột điểm thẩm định đọc được ({reason})",
        "remind-or-feedback": "--remind và --feedback là hai loại thư khác nhau: hãy chọn một",
        "imap-needs-user": "đọc hộp thư cần tên đăng nhập: thêm --user hoặc đặt [imap] user trong cchc.toml",
        # a return for another period, a hold lifted by a trusted copy
        "collect-released": ("    Đã gỡ giữ: cùng nội dung nay nhận từ {by}; tệp {file} của {unit} được gộp vào kỳ "
                             "{period}."),
        "collect-other-period": ("    Biểu mẫu kỳ {found}: đã ghi nhận vào kỳ {found} ({verdict}), không đưa vào kỳ "
                                 "{period}. Xem: cchc status --period {found}"),
    },
    "en": {
        "error": "Error: {message}",
        "error-line": "[error] {message}",
        "error-unit": "[error] {unit}: {reason}",
        "finding": "[{severity}] {title} ({code}): {message}",
        "wrote": "Wrote {path}",
        "output-protected": ("{path}: this is what the workspace keeps (ledger, archive, inbox, plan, sent "
                             "workbooks); it is never overwritten. Choose another place, e.g. the reports folder."),
        "output-suffix": "{path}: the output file must end in {suffix}.",
        "output-locked": "{path} is open in another program (Excel, a PDF viewer?): close {path} and run the command again.",
        "init-created": "Workspace created: {root}",
        "init-plan": "Plan: {title} — {department} ({year})",
        "init-counts": "{tasks} tasks, {criteria} criteria, {units} units.",
        "init-plan-errors": "The plan has {count} errors: run 'cchc plan check -w {directory}'.",
        "plan-counts": "{tasks} tasks, {criteria} criteria (leaves), total maximum {total:g} (sections declare {sections:g}).",
        "plan-gap": "  gap {gap:g} at {code}: declared {declared:g}, parts add up to {computed:g}",
        "plan-declared": " (declared {declared:g})",
        "plan-area": "  {code:<6} {max:>7g}{declared}  {title}",
        "plan-version-changes": "{id} ({count} changes)",
        "plan-versions-other": "Workbooks were generated from other plan versions: {listed}; 'cchc plan diff' lists the changes.",
        "plan-diff-none": "No earlier plan version to compare with (kept: {ids}).",
        "plan-diff-head": "{old} → {new}: {count} changes",
        "plan-diff-row": "  {kind} {table} {code}{detail}",
        "plan-summary": "{errors} errors, {warnings} warnings, {infos} notes.",
        "plan-export-has-errors": "the plan has errors; run 'cchc plan check' to see them",
        "progress-generate": "Generating",
        "progress-collect": "Collecting",
        "generate-item": "{path}  ({tasks} tasks, {criteria} criteria rows)",
        "generate-summary": "{count} workbooks written, manifest {manifest}",
        "generate-failed": "{count} workbooks could not be written",
        "collect-item": "{verdict:<9} {unit:<7} {file}  ({errors} errors, {warnings} warnings)",
        "collect-summary": ("{items} items: {accepted} accepted, {warnings} with warnings, {errors} with errors, "
                            "{rejected} rejected, {held} held, {released} released, {duplicate} already recorded, "
                            "{evidence} evidence files, {skipped} skipped."),
        "collect-held": "{count} files wait for the Office's acceptance.",
        "missing": "Missing: {units}",
        "report": "Report: {path}",
        "status-period": "{period}: due {due}",
        "status-row": "{unit:<7} {state:<9} {received:<19} {errors:>3} errors {warnings:>3} warnings  v{versions}  {file}",
        "feedback-item": "{unit:<7} {count:>3} problems  {path}",
        "feedback-summary": "{files} feedback workbooks, {drafts} messages in {folder}",
        "appraisal-recorded": "Recorded {count} appraised scores from {path}",
        "scorecard-index": "Index {index:.2f}% ({points:.4g} / {max:.4g} points); {returned} of {units} units returned.",
        "print-missing-scorecard": "no scorecard for {period} yet: run 'cchc scorecard -p {period}' first",
        "print-no-office": ("LibreOffice is not installed: install it (https://www.libreoffice.org) and run again; "
                            "the scorecard.xlsx can be printed from Excel meanwhile"),
        "print-failed": "LibreOffice could not print {path}: {reason}",
        "demo-workspace": "Demo workspace: {root}",
        "demo-files": "  {count:>3} {what:<20} in {folders}",
        "demo-period": "  {period}: index {index:.2f}%; units with problems: {problems}; missing: {missing}",
        "demo-open": "Open {path} to see the scorecard.",
        "demo-no-office": "LibreOffice is not installed: the scorecards were not printed to PDF.",
        "demo-print-failed": "LibreOffice could not print the scorecards: {reason}",
        "none": "none",
        "mail-draft": "{state:<11} {unit:<8} {recipient:<32} {path}",
        "mail-sent": "sent",
        "mail-sent-count": "{count} messages sent through {server}.",
        "mail-summary": "{written} drafts written, {kept} kept, {sent} sent earlier{hint}.",
        "mail-hint": "; send them with --send or from your mail program",
        "mail-problems": "{count} problems; fix them and run the same command again",
        "password": "Password for {user} at {host}",
        "serve-address": "The Office's page: {url}  (Ctrl+C to stop)",
        "serve-port-busy": "port {port} is in use: choose another with --port",
        "workspace-plan-errors": "the workspace's plan has errors; fix them first ('cchc plan check')",
        "mail-cannot-send": "cannot send through {server}: {reason}",
        "mail-cannot-read": "cannot read {server}: {reason}",
        "mail-needs-password": "a password is needed to log in to {server}",
        "mail-no-folder": "{server}: cannot open folder {folder!r}: {reason}",
        # the intake's lines about held returns
        "held-line": ("Waiting for the Office: {count} files (sent from an address that is not the unit's, or that would "
                      "replace a return while another period was being collected); look at them, then run "
                      "'cchc accept --period {period} FILE-or-HASH' (or --reject)."),
        "held-item": "    {unit:<7} {file}  from {sender}  hash {sha}",
        "accepted": "Accepted {file} of {unit} (hash {sha}): its data are merged into {period}.",
        "rejected": "Rejected {file} of {unit} (hash {sha}): the file stays archived but is not merged.",
        "already": "{file} of {unit} (hash {sha}) was decided before: {decision}. The new decision is added.",
        "not-held": "{file} (hash {sha}) is not waiting: the Office put it in the inbox, or it came from the unit's address.",
        "decision-accepted": "accepted", "decision-rejected": "rejected",
        # the evidence pack
        "evidence-summary": "{count} evidence entries, {copied} files copied to {folder}",
        "evidence-index": "Index: {path}",
        "evidence-cannot-write": "cannot write the evidence pack to {path}: {reason}",
        # what a command says when it cannot start
        "workspace-missing": "{root} is not a cchc workspace (no {settings}); create one with 'cchc init'.",
        "workspace-exists": "{root} already holds a workspace; nothing was changed.",
        "workspace-not-empty": "{root} is not empty; choose a new folder.",
        "plan-empty": "the plan has no tasks and no criteria",
        "unknown-period": "unknown period '{period}'; the plan has: {codes}",
        "unknown-unit": "unknown unit '{unit}'; units with a workbook: {codes}",
        "unknown-version": "no kept plan version '{name}'; kept versions: {ids}",
        "master-not-xlsx": "the master workbook must be an .xlsx file",
        "paths-or-imap": "give PATHS or --imap, not both",
        "appraisal-unreadable": "{file}: not a scorecard with a readable appraisal column ({reason})",
        "remind-or-feedback": "--remind and --feedback are different messages: give one of them",
        "imap-needs-user": "reading a mailbox needs a user: give --user or set [imap] user in cchc.toml",
        # a return for another period, a hold lifted by a trusted copy
        "collect-released": "    released: the same bytes came from {by}; {file} of {unit} is now merged for {period}.",
        "collect-other-period": ("    a {found} workbook: recorded for {found} ({verdict}), not merged into {period}. "
                                 "See: cchc status --period {found}"),
    },
}
# A unit's state for the period, a submission's verdict, a finding's severity, in each language.
CONSOLE_STATE = {
    "vi": {**STATE, "held": "Chờ Văn phòng xác nhận"},
    "en": {"returned": "returned", "missing": "missing", "late": "late", "rejected": "rejected",
           "held": "held"},
}
CONSOLE_VERDICT = {
    "vi": {"accepted": "hợp lệ", "warnings": "có cảnh báo", "errors": "có lỗi", "rejected": "không dùng được",
           "duplicate": "đã nhận", "skipped": "bỏ qua", "held": "chờ xác nhận", "pending": "đang xử lý",
           "released": "đã gỡ giữ"},
    "en": {},  # English shows the verdict's code itself
}
CONSOLE_SEVERITY = {"vi": {"error": "lỗi", "warning": "cảnh báo", "info": "lưu ý"}, "en": {}}
CONSOLE_MAIL_STATE = {"vi": {"written": "đã soạn", "kept": "giữ nguyên", "sent": "đã gửi trước"},
                      "en": {"written": "wrote", "kept": "kept", "sent": "sent before"}}

# --- what cchc demo wrote, in the console's language ---
DEMO_OUTPUTS = {
    "vi": {"workbooks": "biểu mẫu", "mail drafts": "thư soạn sẵn", "validation reports": "báo cáo kiểm tra",
           "feedback workbooks": "biểu mẫu phản hồi", "scorecards": "bảng tổng hợp", "PDF": "tệp PDF"},
    "en": {},
}

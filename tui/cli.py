"""The `theodoi` command line: a thin click layer over `plans/`, `db/` and `exports/`.

`theodoi` alone opens the interface on the register; `theodoi --demo` on a
throw-away copy of the demo register.  Sub-commands script what the
interface does.  Every error the officer can cause prints one Vietnamese line
on stderr and exits with status 2; the register is left as it was.

click's own words (usage lines, help headings, its errors about options) come
through gettext: `tui/locale/vi/LC_MESSAGES/theodoi.po`, compiled to `.mo`.
"""

from __future__ import annotations

import gettext
import io
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, TypeVar

import click

from db.settings import CONFIGURABLE

if TYPE_CHECKING:  # the register's modules load with the command that needs them: `theodoi --help` reads none
    import sqlite_utils

    from db.filters import TaskFilter
    from db.listing import ListedTask
    from db.reader import Readable

Opened = TypeVar("Opened", bound="Readable")
EXIT_USER_ERROR = 2
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: Vietnamese placeholders for option values, by click type name.
METAVARS = {"text": "CHỮ", "file": "TỆP", "directory": "THƯ_MỤC", "path": "ĐƯỜNG_DẪN", "integer": "SỐ"}


def _click_in_vietnamese() -> None:
    """click translates its own words with gettext's current domain and the LANGUAGE variable."""
    gettext.bindtextdomain("theodoi", LOCALE_DIR)
    gettext.textdomain("theodoi")
    os.environ["LANGUAGE"] = "vi"


_click_in_vietnamese()


class Command(click.Command):
    """A command whose usage line and value placeholders read in Vietnamese."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
                param.metavar = METAVARS.get(param.type.name)


class Group(Command, click.Group):
    """A group of such commands."""

    command_class = Command
    group_class = type  # sub-groups are of this class too

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)


class Context:
    """What every sub-command needs: where the register is, and today's date."""

    def __init__(self, db_path: Path, today: date, demo: bool) -> None:
        self.db_path = db_path
        self.today = today
        self.demo = demo

class QuietWhenClosed(io.TextIOBase):
    """Standard output that stops writing, without an error, once the reader has gone (a closed pipe)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.closed_pipe = False

    def write(self, text: str) -> int:
        if not self.closed_pipe:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self.closed_pipe = True
        return len(text)

    def flush(self) -> None:
        if not self.closed_pipe:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self.closed_pipe = True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding

    def isatty(self) -> bool:
        return self.stream.isatty()


class UserError(click.ClickException):
    """Something the officer can fix: click prints «Lỗi: …» (its "Error:" through our translation), exit 2."""

    exit_code = EXIT_USER_ERROR


def reader_gone() -> bool:
    """Whether whoever read the output has closed it (`theodoi tasks | head`): a listing stops there."""
    return bool(getattr(sys.stdout, "closed_pipe", False))


def echo_lines(lines: Iterable[str], block: int = 500) -> int:
    """Print `lines` a block at a time (one write a line cost a 2,000-task listing 10 ms), until the reader
    has gone; how many."""
    chunk: list[str] = []
    printed = 0
    for line in lines:
        chunk.append(line)
        printed += 1
        if len(chunk) == block:
            click.echo("\n".join(chunk))
            chunk.clear()
            if reader_gone():
                return printed
    if chunk:
        click.echo("\n".join(chunk))
    return printed


def fail(message: str) -> NoReturn:
    raise UserError(message)


def _today(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"ngày «{value}» không đúng dạng YYYY-MM-DD.")


@click.group(cls=Group, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp sổ theo dõi (mặc định: biến THEODOI_DB hoặc thư mục dữ liệu người dùng).")
@click.option("--demo", is_flag=True, help="Mở bản sao tạm của sổ mẫu; không đụng tới sổ thật.")
@click.option("--today", "today_text", hidden=True, help="Coi hôm nay là ngày này (YYYY-MM-DD).")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None, demo: bool, today_text: str | None) -> None:
    """theodoi – theo dõi nhiệm vụ các kế hoạch của Sở."""
    from db.register import RegisterError, default_path

    if ctx.invoked_subcommand is not None:
        sys.stdout = QuietWhenClosed(sys.stdout)  # `theodoi import … | head` still imports everything
    today = _today(today_text)
    if demo:
        import tempfile

        from tui.demo import build_demo_register

        folder = Path(tempfile.mkdtemp(prefix="theodoi-demo-"))
        db_path = build_demo_register(folder, today)
    ctx.obj = Context(db_path or default_path(), today, demo)
    if ctx.invoked_subcommand is None:
        from tui.app import run_app

        try:
            code = run_app(ctx.obj.db_path, today=ctx.obj.today, demo=demo)
        except RegisterError as error:
            fail(str(error))
        ctx.exit(code)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP...")
@click.option("--year", type=int, help="Năm của kế hoạch, khi văn bản không ghi.")
@click.option("--dry-run", is_flag=True, help="Chỉ đọc và báo cáo, không ghi vào sổ.")
@click.option("--remove-missing", is_flag=True,
              help="Bỏ các nhiệm vụ mà bản mới của kế hoạch không còn (mặc định: giữ lại).")
@click.pass_obj
def import_command(obj: Context, files: tuple[Path, ...], year: int | None, dry_run: bool,
                   remove_missing: bool) -> None:
    """Nhập kế hoạch từ tệp .docx, .pdf, .xlsx, .doc, .xls, .html, .txt, .md."""
    from db.importer import import_plan  # the readers only when a plan is read
    from plans.model import PlanReadError
    from plans.reader import read_plan

    try:
        plans = [read_plan(path, year) for path in files]
    except PlanReadError as error:
        fail(str(error))
        return
    for plan in plans:
        click.echo(f"{plan.source_name}: kế hoạch {plan.number or '(không số)'} – {plan.title or '(không tiêu đề)'}"
                   f", năm {plan.year or '?'}: {len(plan.tasks)} nhiệm vụ")
        sections = Counter(t.section_path[0] if t.section_path else "(không mục)" for t in plan.tasks)
        for section, count in sections.items():
            click.echo(f"  {section}: {count}")
        if plan.warnings:
            click.echo(f"  Cảnh báo ({len(plan.warnings)}):")
            for warning in plan.warnings:
                click.echo(f"    - {warning}")
    if dry_run:
        click.echo("Chạy thử: chưa ghi gì vào sổ.")
        return
    created = not obj.db_path.exists()
    with opened(obj, create=True) as db:
        if created:
            click.echo(f"Đã tạo sổ theo dõi mới: {obj.db_path}")
        for index, plan in enumerate(plans):
            with writing([p.source_name for p in plans[:index]]):
                result = import_plan(db, plan, remove_missing=remove_missing)
            if result.same_file:
                click.echo(f"{plan.source_name}: đã nhập trước đây, không có gì thay đổi.")
                continue
            click.echo(f"{plan.source_name}: thêm {result.added}, cập nhật {result.updated}, "
                       f"giữ nguyên {result.unchanged}, bỏ {result.removed} nhiệm vụ.")
            for added in result.warnings[len(plan.warnings):]:
                click.echo(f"  Lưu ý: {added}")
            if result.kept_missing:
                click.echo(f"  Giữ lại {result.kept_missing} nhiệm vụ có trong sổ nhưng không còn trong tệp "
                           "(dùng --remove-missing để bỏ).")


@contextmanager
def writing(done: list[str] | None = None):
    """A write the database refused (locked by another copy, disk full, read-only) ends in one clear line;
    `done` names what earlier writes of the same command already saved."""
    from db.register import explain
    from plans.os_errors import os_reason

    try:
        yield
    except OSError as error:  # the backup made before a write, or a file the write needs
        fail(f"không ghi được «{error.filename or ''}»: {os_reason(error, writing=True)}. Sổ không bị thay đổi.")
    except sqlite3.Error as error:
        if done:
            fail(f"{explain(error)} Tệp này không được ghi; các tệp đã ghi trước đó: {', '.join(done)}.")
        fail(explain(error) + " Sổ không bị thay đổi.")


def opened(obj: Context, create: bool = False) -> AbstractContextManager[sqlite_utils.Database]:
    """The register for one command, closed when it is done.

    Only `import` (create=True) makes a register that does not exist yet: elsewhere a path that is not
    there is a typo, and an empty register would look like «0 nhiệm vụ».
    """
    from db.register import open_register

    return _opened(obj, lambda: open_register(obj.db_path), create)


def read_only(obj: Context) -> AbstractContextManager[Readable]:
    """The register for a command that only reads it (`db.register.open_reader`), closed when it is done."""
    from db.register import open_reader

    return _opened(obj, lambda: open_reader(obj.db_path))


@contextmanager
def _opened(obj: Context, open_it: Callable[[], Opened], create: bool = False) -> Iterator[Opened]:
    from db.register import RegisterError

    if not create and not obj.db_path.exists():
        fail(f"không có sổ theo dõi ở «{obj.db_path}». Kiểm tra lại --db / THEODOI_DB, "
             "hoặc nhập một kế hoạch để tạo sổ mới: theodoi import TỆP.")
    try:
        db = open_it()
    except RegisterError as error:
        fail(str(error))
    try:
        yield db
    finally:
        db.close()


def _not_negative(value: int | None) -> int | None:
    if value is not None and value < 0:
        raise click.BadParameter(f"{value} là số âm; hãy ghi một số từ 0 trở lên.")
    return value


def filter_options(command):
    """The filter options shared by `tasks` and `export`."""
    options = [
        click.option("--plan", help="Số kế hoạch, ví dụ 234/KH-SYT."),
        click.option("--unit", help="Đơn vị (gõ không dấu cũng được)."),
        click.option("--chu-tri", "lead_only", is_flag=True,
                     help="Chỉ nhiệm vụ đơn vị chủ trì (mặc định: chủ trì hoặc phối hợp)."),
        # the English spelling of earlier versions, kept for scripts that use it
        click.option("--role", type=click.Choice(["lead", "any"]), default="any", hidden=True),
        click.option("--deadline", help="Thời hạn: «Quý II/2020», «Tháng 11/2020», «Thường xuyên», «quá hạn»."),
        click.option("--status", help="Trạng thái: chưa thực hiện, đang thực hiện, hoàn thành."),
        click.option("--search", help="Tìm cụm từ trong nội dung, sản phẩm, kết quả (gõ không dấu: mọi dấu)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def build_filter(plan, unit, lead_only, role, deadline, status, search) -> TaskFilter:
    from db.filters import TaskFilter

    return TaskFilter(plan=plan, unit=unit, role="lead" if lead_only else role, deadline=deadline, status=status,
                      search=search)


def task_json(task, today: date) -> dict:
    deadline = task.deadline
    return {
        "id": task.id, "plan": task.plan_number, "section": task.section, "number": task.number,
        "content": task.content, "product": task.product, "lead_unit": task.lead_unit,
        "lead_units": task.lead_units, "coordinating_units": task.coordinating_units,
        "deadline_text": deadline.text, "deadline_kind": deadline.kind,
        "start": deadline.start.isoformat() if deadline.start else None,
        "due": deadline.due.isoformat() if deadline.due else None,
        "status": task.status, "status_label": task.status_label, "overdue": task.is_overdue(today),
        "progress_note": task.progress_note, "result": task.result,
        "completed_on": task.completed_on.isoformat() if task.completed_on else None,
    }


@main.command("tasks")
@filter_options
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON (một mảng).")
@click.option("--jsonl", "as_jsonl", is_flag=True, help="In dạng JSON, mỗi nhiệm vụ một dòng.")
@click.option("--limit", type=int, metavar="SỐ", callback=lambda _ctx, _param, value: _not_negative(value),
              help="Chỉ in chừng này nhiệm vụ đầu.")
@click.pass_obj
def tasks_command(obj: Context, as_json: bool, as_jsonl: bool, limit: int | None, **filters: str) -> None:
    """Liệt kê nhiệm vụ theo bộ lọc (in dần từng trang, không giữ cả danh sách trong bộ nhớ)."""
    from itertools import islice

    from db.filters import FilterError, canonical, count_tasks, describe, iter_task_pages, total_tasks, where_clause
    from db.listing import listed_tasks

    with read_only(obj) as db:
        try:
            flt = canonical(db, build_filter(**filters))
            where_clause(db, flt, obj.today)  # a filter it cannot read is told before a line is printed
            if as_json or as_jsonl:
                tasks = (task for page in iter_task_pages(db, flt, today=obj.today, ranked=True) for task in page)
                _print_json(islice(tasks, limit), obj.today, lines=as_jsonl)
                return
            click.echo(f"{describe(flt)}:")
            listed = islice(listed_tasks(db, flt, obj.today), limit)
            printed = echo_lines(_task_lines(listed))
            # counted as printed: a second scan of the register only when --limit cut the list
            shown = count_tasks(db, flt, today=obj.today) if limit is not None and printed == limit else printed
            cut = f"{printed} đầu tiên trong " if printed < shown else ""
            click.echo(f"{cut}{shown} / {total_tasks(db)} nhiệm vụ")
        except FilterError as error:
            fail(str(error))


def _print_json(tasks, today: date, lines: bool) -> None:  # type: ignore[no-untyped-def]
    """A JSON array (or one object a line), written as the tasks are read."""
    import json

    out = sys.stdout
    if not lines:
        out.write("[")
    for index, task in enumerate(tasks):
        text = json.dumps(task_json(task, today), ensure_ascii=False)
        out.write(text + "\n" if lines else ("," if index else "") + "\n" + text)
        if index % 500 == 499 and reader_gone():
            break
    if not lines:
        out.write("\n]\n")
    out.flush()


def _task_lines(tasks: Iterable[ListedTask]) -> Iterator[str]:
    """A listing's lines: id, number, content cut to 70 characters, lead units, deadline, status, lateness."""
    from db.status import label
    from plans.deadlines import KIND_LABELS
    from plans.text import shorten

    undated = KIND_LABELS["none"]
    for task in tasks:
        lateness = "" if task.days_late is None else f" [QUÁ HẠN {task.days_late} ngày]"
        content = shorten(task.content.replace("\n", " "), 70)
        yield (f"#{task.id:<5} {task.number:<5} {content:<70} | {task.lead_unit or '—'} | "
               f"{task.deadline_text or undated} | {label(task.status)}{lateness}")


@main.command("export")
@filter_options
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Tệp .xlsx (hoặc thư mục với --each-unit).")
@click.option("--for-unit", help="Phiếu cho một đơn vị điền (các nhiệm vụ đơn vị chủ trì).")
@click.option("--each-unit", is_flag=True, help="Mỗi đơn vị chủ trì một phiếu, ghi vào thư mục -o.")
@click.pass_obj
def export_command(obj: Context, output: Path | None, for_unit: str | None, each_unit: bool, **filters: str) -> None:
    """Xuất nhiệm vụ ra Excel (bảng xem, phiếu cho đơn vị)."""
    from db.filters import FilterError, canonical
    from db.units import one_unit
    from exports.task_sheet import write_error
    from exports.unit_sheets import export_each_unit, export_for_unit
    from exports.view import export_view, proposed_name

    with opened(obj) as db:
        try:
            flt = canonical(db, build_filter(**filters))
            if each_unit:
                folder = output or Path.cwd() / f"phieu-don-vi_{obj.today.isoformat()}"
                done = export_each_unit(db, flt, folder, obj.today)
                for unit, path, count in done.written:
                    click.echo(f"{unit}: {count} nhiệm vụ → {path}")
                for unit, why in done.failed:
                    click.echo(f"Lỗi: {unit}: {why}", err=True)
                if done.failed:
                    sys.exit(EXIT_USER_ERROR)
                return
            if for_unit:
                unit = one_unit(db, for_unit)
                path = output or Path(proposed_name(flt.with_(unit=unit), obj.today, "phieu"))
                count = export_for_unit(db, flt, unit, path, obj.today)
            else:
                path = output or Path(proposed_name(flt, obj.today))
                count = export_view(db, flt, path, obj.today)
            click.echo(f"Đã xuất {count} nhiệm vụ → {path}")
        except (FilterError, ValueError) as error:
            fail(str(error))
        except OSError as error:
            fail(write_error(error, output or Path.cwd()))


@main.command("receive")
@click.argument("file", type=click.Path(path_type=Path), metavar="TỆP_HOẶC_THƯ_MỤC")
@click.option("--yes", is_flag=True, help="Áp dụng luôn, không hỏi lại.")
@click.option("--overwrite", is_flag=True, help="Ghi đè cả những nhiệm vụ đã sửa trong sổ sau khi xuất phiếu.")
@click.pass_obj
def receive_command(obj: Context, file: Path, yes: bool, overwrite: bool) -> None:
    """Nhận phiếu đơn vị đã điền (một tệp, hoặc cả thư mục .xlsx / thư .eml): xem thay đổi rồi ghi vào sổ."""
    from exports.collect import Collected, collect_folder
    from exports.receive import ReceiveError, apply_returned_sheets, read_returned_sheet

    with opened(obj) as db:
        if file.is_dir():
            collected = collect_folder(db, file, obj.today)
            source = f"receive:{file.name}/"
        else:
            try:
                collected = Collected(sheets=[read_returned_sheet(db, file, obj.today)])
            except ReceiveError as error:
                fail("không nhận phiếu, sổ không thay đổi:\n  " + "\n  ".join(error.problems))
            source = f"receive:{file.name}"
        _print_collected(collected)
        if not collected.changes:
            return
        conflicts = sum(len(sheet.conflicts) for sheet in collected.sheets)
        if conflicts and not overwrite:
            click.echo(f"{conflicts} nhiệm vụ xung đột sẽ được giữ nguyên (dùng --overwrite để ghi đè).")
        if not yes and not _confirm("Ghi các thay đổi này vào sổ?"):
            click.echo("Chưa ghi gì.")
            return
        with writing():
            count = apply_returned_sheets(db, collected.sheets, overwrite, source)
        click.echo(f"Đã cập nhật {count} nhiệm vụ từ {len(collected.sheets)} phiếu (một bước, hoàn tác được).")


def _print_collected(collected) -> None:  # type: ignore[no-untyped-def]
    for sheet in collected.sheets:
        click.echo(f"Phiếu của {sheet.unit or '(không rõ đơn vị)'} ({sheet.source}), xuất lúc {sheet.exported_at}: "
                   f"{len(sheet.changes)} nhiệm vụ thay đổi.")
        for change in sheet.changes:
            mark = " [XUNG ĐỘT: đã sửa trong sổ sau khi xuất phiếu]" if change.conflict else ""
            click.echo(f"  #{change.task_id} {change.number} {change.content[:60]}{mark}")
            for name, (old, new) in change.fields.items():
                click.echo(f"      {name}: {old or '∅'} → {new or '∅'}")
    for name, problems in collected.refused:
        click.echo(f"Không nhận {name}:")
        for problem in problems:
            click.echo(f"  - {problem}")
    for name, original in collected.duplicates:
        click.echo(f"Bỏ qua {name}: trùng với {original}.")
    for name in collected.skipped:
        click.echo(f"Bỏ qua {name}: không phải phiếu theodoi.")


@main.command("send")
@filter_options
@click.option("--each-unit", "mode", flag_value="each", help="Mỗi đơn vị một phiếu và một thư nháp.")
@click.option("--reminder", "mode", flag_value="reminder", help="Thư nhắc việc cho các đơn vị có nhiệm vụ quá hạn.")
@click.option("--view", "mode", flag_value="view", help="Bảng đang lọc và một thư nháp gửi lãnh đạo (--to).")
@click.option("--to", "leader", metavar="THƯ", help="Địa chỉ nhận thư của --view.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Thư mục ghi phiếu và thư (.eml).")
@click.option("--by", "by_text", metavar="NGÀY", help="Hạn gửi lại phiếu (dd/mm/yyyy); mặc định 7 ngày tới.")
@click.pass_obj
def send_command(obj: Context, mode: str | None, leader: str | None, output: Path | None, by_text: str | None,
                 **filters: str) -> None:
    """Soạn thư nháp (.eml) kèm phiếu hoặc bảng; không gửi gì, mở thư bằng Outlook/Thunderbird rồi gửi."""
    from datetime import timedelta

    from db.filters import FilterError, canonical
    from db.units import check_email
    from exports.drafts import write_drafts, write_view_draft
    from exports.task_sheet import write_error
    from plans.dates import read_day

    if mode is None:
        fail("chọn một trong --each-unit, --reminder, --view.")
    by = read_day(by_text) if by_text else obj.today + timedelta(days=7)
    if by is None:
        fail(f"ngày «{by_text}» (--by) không đúng dạng dd/mm/yyyy.")
    folder = output or Path.cwd() / f"thu-gui-don-vi_{obj.today.isoformat()}"
    with opened(obj) as db:
        try:
            flt = canonical(db, build_filter(**filters))
            if mode == "view":
                target = write_view_draft(db, flt, folder, obj.today, check_email(leader or ""))
                click.echo(f"Thư nháp gửi lãnh đạo → {target}")
                return
            drafts = write_drafts(db, flt, folder, obj.today, by, reminder=mode == "reminder")
        except (FilterError, ValueError) as error:
            fail(str(error))
        except OSError as error:
            fail(write_error(error, folder))
    for unit, path in drafts.written:
        click.echo(f"{unit}: thư nháp → {path}")
    if drafts.without_address:
        click.echo("Chưa có địa chỉ thư (thư nháp để trống người nhận; thêm bằng theodoi units contact): "
                   + "; ".join(drafts.without_address))
    for unit, why in drafts.failed:
        click.echo(f"Lỗi: {unit}: {why}", err=True)


@main.command("report")
@click.option("--period", help="Kỳ báo cáo: «Quý I/2023», «6 tháng đầu năm 2023», «9 tháng 2023», «năm 2023».")
@click.option("--calendar", is_flag=True, help="Dùng kỳ theo lịch thay cho kỳ chốt số liệu của Nghị định 09/2019.")
@click.option("--as-of", "as_of", help="Tính như tại ngày này (YYYY-MM-DD), bỏ qua các thay đổi sau đó; "
              "mặc định hôm nay, hoặc ngày cuối kỳ nếu kỳ đã qua.")
@click.option("--since", help="Những gì thay đổi kể từ ngày giao ban này (dd/mm/yyyy hoặc YYYY-MM-DD).")
@click.option("--plan", help="Chỉ một kế hoạch.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Ghi báo cáo ra tệp: .xlsx (bảng số liệu) hoặc .docx (báo cáo Word để trình ký).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON (đủ mọi nhiệm vụ quá hạn).")
@click.option("--day-du", "every", is_flag=True,
              help="In hết danh sách quá hạn (mặc định: 200 mục đầu; bản Excel / Word luôn đủ).")
@click.pass_obj
def report_command(obj: Context, period: str | None, calendar: bool, as_of: str | None, since: str | None,
                   plan: str | None, output: Path | None, as_json: bool, every: bool) -> None:
    """Báo cáo định kỳ (quý, 6 tháng, 9 tháng, năm) hoặc những gì thay đổi từ buổi giao ban."""
    from db.briefing import changes_since
    from db.filters import FilterError, TaskFilter
    from db.periods import PeriodError, read_period
    from db.plans import year_of_plan
    from db.report import build_report, line_texts
    from plans.dates import read_day
    from tui.report_text import listed, report_json, report_lines, since_lines

    with read_only(obj) as db:
        try:
            if since:
                day = read_day(since)
                if day is None:
                    fail(f"ngày «{since}» không đúng dạng dd/mm/yyyy.")
                for line in since_lines(changes_since(db, day, obj.today, TaskFilter(plan=plan)), day):
                    click.echo(line)
                return
            try:
                year = (year_of_plan(db, plan) if plan else None) or obj.today.year
                chosen = read_period(period or f"năm {year}", calendar, obj.today)
            except PeriodError as error:
                fail(str(error))
                return
            judged = read_day(as_of) if as_of else chosen.judged_on(obj.today)
            if as_of and judged is None:
                fail(f"ngày «{as_of}» (--as-of) không đúng dạng dd/mm/yyyy hoặc YYYY-MM-DD.")
            report = build_report(db, chosen, TaskFilter(plan=plan), judged)
            if output:
                from exports.bao_cao import export_bao_cao  # openpyxl and docx only when a file is written
                from exports.report import export_report
                from exports.task_sheet import write_error

                writer = export_bao_cao if output.suffix.lower() == ".docx" else export_report
                try:
                    writer(db, report, output, obj.today)
                except OSError as error:
                    fail(write_error(error, output))
                click.echo(f"Đã ghi báo cáo → {output}")
            else:
                shown = listed(db, report, every=every or as_json)
                texts = line_texts(db, shown, report.as_of)
                if as_json:
                    import json

                    click.echo(json.dumps(report_json(report, shown, texts), ensure_ascii=False, indent=2))
                else:
                    echo_lines(report_lines(report, shown, texts))
        except (FilterError, ValueError) as error:
            fail(str(error))


@main.group("units", invoke_without_command=True)
@click.pass_context
def units_group(ctx: click.Context) -> None:
    """Các đơn vị: số nhiệm vụ chủ trì / phối hợp, quá hạn, còn phải xong trong quý; gộp, đổi tên."""
    if ctx.invoked_subcommand is None:
        from db.stats import UnitDues, unit_dues
        from db.units import unit_counts

        with read_only(ctx.obj) as db:
            dues = unit_dues(db, ctx.obj.today)
            units = unit_counts(db)
            # the counts in columns whatever the names; a name over 60 characters shifts its own line only
            width = min(max((len(unit.name) for unit in units), default=0), 60)
            for unit in units:
                owed = dues.get(unit.id, UnitDues())
                click.echo(f"{unit.name:<{width}}  chủ trì {unit.lead:>4}   phối hợp {unit.coordinating:>4}   "
                           f"quá hạn {owed.overdue:>4}   còn trong quý {owed.this_quarter:>4}")


def _unit_id(db, name: str) -> int:
    from db.units import find_unit, one_unit

    unit_id = find_unit(db, name)
    if unit_id is None:
        try:
            unit_id = find_unit(db, one_unit(db, name))  # typed without accents, or an abbreviation
        except ValueError as error:
            fail(str(error))
    assert unit_id is not None  # one_unit names a unit of the register
    return unit_id


@units_group.command("contact")
@click.argument("name", metavar="ĐƠN_VỊ")
@click.option("--email", help="Địa chỉ thư của đơn vị.")
@click.option("--person", help="Người liên hệ.")
@click.pass_obj
def units_contact(obj: Context, name: str, email: str | None, person: str | None) -> None:
    """Địa chỉ thư và người liên hệ của một đơn vị (để soạn thư gửi phiếu)."""
    from db.units import contacts, set_contact, unit_name

    with opened(obj) as db:
        unit_id = _unit_id(db, name)
        try:
            with writing():
                set_contact(db, unit_id, email, person)
        except ValueError as error:
            fail(str(error))
        unit = unit_name(db, unit_id)
        contact = contacts(db)[unit]
        click.echo(f"{unit}: {contact.email or '(chưa có thư)'} – {contact.person or '(chưa có người liên hệ)'}")


@units_group.command("import-contacts")
@click.argument("file", type=click.Path(path_type=Path), metavar="TỆP.xlsx")
@click.pass_obj
def units_import_contacts(obj: Context, file: Path) -> None:
    """Nhập danh bạ đơn vị từ Excel (cột Đơn vị / Email / Người liên hệ); tất cả hoặc không gì."""
    from db.units import import_contacts
    from exports.contact_sheet import read_contact_sheet
    from plans.model import PlanReadError

    try:
        rows = read_contact_sheet(file)
    except PlanReadError as error:
        fail(str(error))
    with opened(obj) as db:
        try:
            with writing():
                unknown = import_contacts(db, rows)
        except ValueError as error:
            fail(f"{error} Danh bạ không được nhập.")
    click.echo(f"Đã ghi liên hệ của {len(rows) - len(unknown)} đơn vị.")
    if unknown:
        click.echo("Không tìm thấy các đơn vị (bỏ qua): " + "; ".join(unknown))


@units_group.command("merge")
@click.argument("gone", metavar="ĐƠN_VỊ_BỎ")
@click.argument("keep", metavar="ĐƠN_VỊ_GIỮ")
@click.pass_obj
def units_merge(obj: Context, gone: str, keep: str) -> None:
    """Gộp ĐƠN_VỊ_BỎ vào ĐƠN_VỊ_GIỮ (các lần nhập sau cũng theo)."""
    from db.units import merge_units

    with opened(obj) as db:
        with writing():
            merge_units(db, _unit_id(db, keep), _unit_id(db, gone))
        click.echo(f"Đã gộp «{gone}» vào «{keep}».")


@units_group.command("rename")
@click.argument("name", metavar="TÊN")
@click.argument("new_name", metavar="TÊN_MỚI")
@click.pass_obj
def units_rename(obj: Context, name: str, new_name: str) -> None:
    """Đổi tên đơn vị (tên cũ vẫn được nhận ra)."""
    from db.units import rename_unit

    with opened(obj) as db:
        try:
            with writing():
                rename_unit(db, _unit_id(db, name), new_name)
            click.echo(f"Đã đổi «{name}» thành «{new_name}».")
        except ValueError as error:
            fail(str(error))


@main.command("config")
@click.argument("name", type=click.Choice(sorted(CONFIGURABLE)), required=False)
@click.argument("value", required=False, metavar="[GIÁ_TRỊ]")
@click.pass_obj
def config_command(obj: Context, name: str | None, value: str | None) -> None:
    """Xem hoặc đặt thiết lập: department (tên cơ quan), export-dir (thư mục xuất)."""
    from db.register import get_meta, set_meta

    with opened(obj) as db:
        if name is None:
            for key, (meta, meaning) in CONFIGURABLE.items():
                click.echo(f"{key}: {get_meta(db, meta) or '(chưa đặt)'}  – {meaning}")
            return
        if value is None:
            click.echo(get_meta(db, CONFIGURABLE[name][0]) or "(chưa đặt)")
            return
        with writing():
            set_meta(db, CONFIGURABLE[name][0], value)
        click.echo(f"Đã đặt {CONFIGURABLE[name][1]}: {value}")


@main.command("undo")
@click.option("--list", "listing", is_flag=True, help="Chỉ liệt kê các bước gần đây, không hoàn tác.")
@click.pass_obj
def undo_command(obj: Context, listing: bool) -> None:
    """Hoàn tác bước gần nhất (sửa, đổi trạng thái, nhập kế hoạch, nhận phiếu) — cả bước một lần."""
    from db.history import recent_steps

    if listing:
        with read_only(obj) as db:
            for at, label, undone in recent_steps(db):
                click.echo(f"{at[:16].replace('T', ' ')}  {label}{'  (đã hoàn tác)' if undone else ''}")
        return
    with opened(obj) as db:
        _step(db, back=True)


@main.command("redo")
@click.pass_obj
def redo_command(obj: Context) -> None:
    """Làm lại bước vừa hoàn tác."""
    with opened(obj) as db:
        _step(db, back=False)


def _step(db, back: bool) -> None:  # type: ignore[no-untyped-def]
    from db.undo import take_step

    with writing():
        click.echo(take_step(db, back))


@main.command("backup")
@click.pass_obj
def backup_command(obj: Context) -> None:
    """Sao lưu sổ ngay bây giờ."""
    from db.backup import make_backup

    with opened(obj) as db, writing():
        click.echo(f"Đã sao lưu → {make_backup(db, 'thu-cong')}")


@main.command("restore")
@click.argument("name", required=False, metavar="[TÊN]")
@click.option("--list", "listing", is_flag=True, help="Chỉ liệt kê các bản sao lưu.")
@click.pass_obj
def restore_command(obj: Context, name: str | None, listing: bool) -> None:
    """Khôi phục sổ từ bản sao lưu (mặc định: bản mới nhất); trạng thái hiện tại được sao lưu trước."""
    from db.backup import check_backup, list_backups, restore

    if listing:
        for backup in list_backups(obj.db_path):
            try:
                held = f"{check_backup(backup)} nhiệm vụ"
            except ValueError as error:
                held = f"KHÔNG DÙNG ĐƯỢC: {error}"
            made = backup.name.split("_")[0]
            click.echo(f"{backup.name}  {made[6:8]}/{made[4:6]}/{made[:4]} {made[9:11]}:{made[11:13]}  "
                       f"{backup.stat().st_size / 1_048_576:.1f} MB  {held}")
        return
    with opened(obj) as db:
        try:
            with writing():
                chosen = restore(db, name)
            click.echo(f"Đã khôi phục từ {chosen.name}.")
        except ValueError as error:
            fail(str(error))


def _confirm(question: str) -> bool:
    """Ask yes/no; no answer (no terminal, Ctrl+C) means no."""
    try:
        return click.confirm(question, default=False)
    except click.exceptions.Abort:
        click.echo()
        return False


if __name__ == "__main__":
    main()

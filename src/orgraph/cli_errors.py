"""The command line's one error path: every failure a user can cause — a usage error, a bad
value, an unreadable file, a full disk, a damaged database — becomes one line on stderr and
exit code 2, and (because every write is one transaction) leaves the store as it was.

`OrgraphGroup` is the `orgraph` command group; it runs every command inside `explain()`.
A failure that is not the user's (a bug) is one line too, with exit code 1, and shows its
traceback only with ORGRAPH_DEBUG=1.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, NoReturn

import click

from orgraph.errors import OrgraphError

BAD_INPUT = 2
BUG = 1
INTERRUPTED = 130
DEBUG_ENV = "ORGRAPH_DEBUG"


def fail(message: str, code: int = BAD_INPUT) -> NoReturn:
    """Print `error: …` as one line on stderr and exit."""
    line = " ".join(message.split())  # a message never spans lines
    click.echo(f"error: {line}", err=True)
    sys.exit(code)


def explain(exc: BaseException) -> tuple[str, int] | None:
    """The one-line message and exit code for a failure, or None for a normal exit."""
    if isinstance(exc, OrgraphError):
        return str(exc), BAD_INPUT
    if isinstance(exc, click.UsageError):
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        return exc.format_message() + hint, BAD_INPUT
    if isinstance(exc, click.ClickException):  # FileError, BadParameter outside parsing
        return exc.format_message(), BAD_INPUT
    # SQLAlchemy's errors are only looked for once it is loaded (start-up stays light).
    dbapi = sys.modules.get("sqlalchemy.exc")
    if isinstance(exc, sqlite3.Error) or (dbapi is not None and isinstance(exc, dbapi.DBAPIError)):
        original = getattr(exc, "orig", None) or exc
        reason = (str(original).splitlines() or [type(original).__name__])[0]
        return f"database: {reason}; nothing was written", BAD_INPUT
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}", BAD_INPUT
    if isinstance(exc, UnicodeError):
        return f"text that is not valid UTF-8 ({exc})", BAD_INPUT
    if isinstance(exc, click.Abort | KeyboardInterrupt):
        return "interrupted; nothing half-written", INTERRUPTED
    return None


def undecodable(args: Sequence[str]) -> str | None:
    """The first argument that was not valid UTF-8 on the command line (Python keeps such
    bytes as lone surrogates), shown with the bytes escaped."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            return shown
    return None


class OrgraphGroup(click.Group):
    """A click group whose every failure takes the one error path."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:  # a caller that handles errors itself
            return super().main(args, prog_name, complete_var, False, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        if (bad := undecodable(argv)) is not None:
            fail(f"argument '{bad}' is not valid UTF-8")
        try:
            returned = super().main(argv, prog_name, complete_var, False, **extra)
            sys.stdout.flush()  # a full disk under `> file` is found here, not at exit
        except SystemExit:
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `orgraph export | head`: the reader left
                sys.stderr.close()
                os._exit(1)
            self._fail_with(exc)
        except BaseException as exc:
            self._fail_with(exc)
        sys.exit(returned if isinstance(returned, int) else 0)

    @staticmethod
    def _fail_with(exc: BaseException) -> NoReturn:
        explained = explain(exc)
        if explained is None:
            if os.environ.get(DEBUG_ENV):
                raise exc
            fail(f"internal error ({type(exc).__name__}: {exc}); {DEBUG_ENV}=1 shows where", BUG)
        fail(*explained)


class Text(click.types.StringParamType):
    """A word or name: never blank (an empty argument is a mistake, not 'everything')."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = super().convert(value, param, ctx)
        if not text.strip():
            self.fail("must not be empty", param, ctx)
        return text


def moment(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    """A transaction-time cut-off: a day (its end, UTC) or a full ISO 8601 timestamp."""
    if value is None:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        found = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a date (2024-05-01) or a timestamp") from None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


TEXT = Text()

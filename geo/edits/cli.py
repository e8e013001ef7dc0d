"""``python -m geo users ...`` and ``python -m geo edits ...`` (wired in by :mod:`geo.cli`).

Examples::

    python -m geo users add li --role editor        # password from a prompt, or one line on stdin
    python -m geo users passwd li                    # new password, the same way; li's sessions end
    python -m geo users disable li                   # no sign-in, no save; history kept (enable: back)
    python -m geo users list
    python -m geo edits import survey.csv --user li  # all rows or none; exit 2 with every bad row
    python -m geo edits list --json
    python -m geo edits revert 12 --user wang
    python -m geo edits export --output corrections.csv

The store is the one :func:`geo.edits.open_store` opens: ``$YUQIAN_DB`` if
set, else ``edits.sqlite`` in ``$YUQIAN_DATA``; ``--db`` overrides both.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

#: Exceptions the commands turn into ``error: ...`` and exit code 2.
from geo._errors import EditConflict, EditError, EditNotAllowed, SignInLocked, UserError

EDIT_ERRORS = (EditError, UserError, EditConflict, EditNotAllowed, SignInLocked)


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=None, metavar="URL",
                        help="store: postgresql://... or a SQLite file (default: $YUQIAN_DB, else "
                             "edits.sqlite in $YUQIAN_DATA)")
    parser.add_argument("--layers-dir", type=Path, default=None, metavar="FOLDER",
                        help="built layers the edits are checked against (default: layers/)")


def _open(args: argparse.Namespace) -> Any:
    from geo.edits import open_store

    return open_store(args.db, layers_dir=args.layers_dir)


def add_users_parser(subparsers: Any) -> None:
    """Add ``users add|list|remove|passwd|disable|enable`` to ``subparsers``."""
    users = subparsers.add_parser("users", help="manage the editors and admins of the edit store")
    commands = users.add_subparsers(dest="users_command", required=True)
    add = commands.add_parser("add", help="add a user (password from a prompt, or one line on stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["editor", "admin"])
    _store_options(add)
    add.set_defaults(func=_users_add)
    listing = commands.add_parser("list", help="list the users and their roles")
    _store_options(listing)
    listing.set_defaults(func=_users_list)
    remove = commands.add_parser("remove", help="remove a user (their edits stay in the log)")
    remove.add_argument("name")
    _store_options(remove)
    remove.set_defaults(func=_users_remove)
    passwd = commands.add_parser("passwd", help="set a new password (from a prompt, or one line on stdin); "
                                                "the user's open sessions end")
    passwd.add_argument("name")
    _store_options(passwd)
    passwd.set_defaults(func=_users_passwd)
    for action, words in (("disable", "disable an account: no sign-in, no save, sessions end; edits kept"),
                          ("enable", "enable a disabled account again")):
        command = commands.add_parser(action, help=words)
        command.add_argument("name")
        _store_options(command)
        command.set_defaults(func=_users_able, action=action)


def add_edits_parser(subparsers: Any) -> None:
    """Add ``edits import|list|revert|export`` to ``subparsers``."""
    edits = subparsers.add_parser("edits", help="import, list, revert and export the corrections")
    commands = edits.add_subparsers(dest="edits_command", required=True)
    imp = commands.add_parser("import", help="apply a CSV or GeoJSON of corrections (all rows or none)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--user", required=True, help="the editor or admin the edits are recorded for")
    _store_options(imp)
    imp.set_defaults(func=_edits_import)
    listing = commands.add_parser("list", help="the audit trail, oldest first")
    listing.add_argument("--json", action="store_true", help="print a JSON array of edits")
    listing.add_argument("--feature", default=None, metavar="ID", help="only the edits of this feature")
    _store_options(listing)
    listing.set_defaults(func=_edits_list)
    revert = commands.add_parser("revert", help="undo an edit (by appending a revert)")
    revert.add_argument("edit_id", type=int)
    revert.add_argument("--user", required=True)
    revert.add_argument("--note", default="", help="why it is reverted")
    revert.add_argument("--version", type=int, default=None, metavar="N",
                        help="refuse if the feature's version is no longer N (the version `edits list` showed)")
    _store_options(revert)
    revert.set_defaults(func=_edits_revert)
    export = commands.add_parser("export", help="write the corrections in force as CSV for review")
    export.add_argument("--output", type=Path, required=True, metavar="FILE")
    _store_options(export)
    export.set_defaults(func=_edits_export)


def _read_password(name: str, what: str = "add user") -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass(f"password for {name}: ")
        if getpass.getpass("again: ") != first:
            raise UserError(f"cannot {what} {name!r}", ["the two passwords differ"])
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _users_add(args: argparse.Namespace) -> int:
    password = _read_password(args.name)
    with _open(args) as store:
        user = store.add_user(args.name, password, args.role)
    print(f"added {user.role} {user.name!r}")
    return 0


def _users_list(args: argparse.Namespace) -> int:
    with _open(args) as store:
        for user in store.list_users():
            print(f"{user.name}\t{user.role}" + ("\tdisabled" if user.disabled else ""))
    return 0


def _users_passwd(args: argparse.Namespace) -> int:
    password = _read_password(args.name, "change the password of")
    with _open(args) as store:
        store.set_password(args.name, password)
    print(f"new password for {args.name!r}; the sessions opened before are ended")
    return 0


def _users_able(args: argparse.Namespace) -> int:
    with _open(args) as store:
        (store.disable_user if args.action == "disable" else store.enable_user)(args.name)
    print(f"{args.action}d {args.name!r}")
    return 0


def _users_remove(args: argparse.Namespace) -> int:
    with _open(args) as store:
        store.remove_user(args.name)
    print(f"removed {args.name!r}")
    return 0


def _edits_import(args: argparse.Namespace) -> int:
    from geo.edits._files import read_changes

    with _open(args) as store:
        store.require_editor(args.user)
        changes = read_changes(args.file, store)
        appended = store.apply_changes(changes, user=args.user)
    print(f"imported {len(appended)} edit(s) from {args.file.name} for {args.user!r} "
          f"(edit ids {appended[0].edit_id}..{appended[-1].edit_id})")
    return 0


def _edits_list(args: argparse.Namespace) -> int:
    with _open(args) as store:
        log = store.edits(args.feature)
    if args.json:
        json.dump([edit.to_dict() for edit in log], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    for e in log:
        value = e.new_value if e.new_value is None or len(e.new_value) < 60 else e.new_value[:57] + "..."
        target = f" (reverts {e.reverts})" if e.reverts else ""
        print(f"{e.edit_id}\t{e.time}\t{e.user}\t{e.feature_id}\t{e.field}{target}\tv{e.version}\t"
              f"{value}\tsource: {e.source}" + (f"\tnote: {e.note}" if e.note else ""))
    print(f"{len(log)} edit(s)", file=sys.stderr)
    return 0


def _edits_revert(args: argparse.Namespace) -> int:
    with _open(args) as store:
        edit = store.revert(args.edit_id, user=args.user, note=args.note, base_version=args.version)
    print(f"edit {edit.edit_id}: reverted edit {args.edit_id} of {edit.feature_id} (now version {edit.version})")
    return 0


def _edits_export(args: argparse.Namespace) -> int:
    from geo.edits._files import write_corrections

    with _open(args) as store:
        count = write_corrections(store.current(), args.output)
    print(f"wrote {count} correction(s) to {args.output}")
    return 0

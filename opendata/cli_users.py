"""`opendata users`: staff accounts and API tokens, for bootstrapping the staff API (docs/staff.md).

    opendata users add NAME --org ORG --role admin|editor
    opendata users token NAME [--expires-days N]      # prints the token once
    opendata users revoke TOKEN_ID
    opendata users list [--json]

Settings as for `opendata serve` (OPENDATA_DATABASE_URL, OPENDATA_DATA_DIR); the database is migrated first.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from .store import Store


def register(app: typer.Typer, console: Console, fail: Any) -> None:
    users_app = typer.Typer(no_args_is_help=True, help="職員の利用者とAPIトークン / staff accounts and API tokens.")
    app.add_typer(users_app, name="users")

    @contextmanager
    def opened() -> Iterator[Store]:
        from .store import Store
        from .store.staff import StaffError

        st = Store()
        try:
            st.migrate()
            yield st
        except StaffError as e:
            fail(e.message_ja, e.message_en, e.code)
        finally:
            st.close()

    @users_app.command("add")
    def add_cmd(
        name: Annotated[str, typer.Argument(help="ログイン名 / user name")],
        org: Annotated[str | None, typer.Option("--org", help="担当課のid（editor は必須）/ organization id")] = None,
        role: Annotated[str, typer.Option("--role", help="admin | editor")] = "editor",
        display_name: Annotated[str | None, typer.Option("--display-name", help="表示名 / display name")] = None,
    ) -> None:
        """利用者を追加します / Add a staff user."""
        from .store.staff import create_user

        with opened() as st:
            u = create_user(st, name, role, org, display_name)
        where = f"（{u.organization_id}）" if u.organization_id else ""
        console.print(f"利用者「{escape(u.name)}」を追加しました: {u.role}{escape(where)}\n"
                      f"[dim]added user {escape(u.name)} ({u.role}{', ' + escape(u.organization_id) if u.organization_id else ''})."
                      f" Next: opendata users token {escape(u.name)}[/]")

    @users_app.command("token")
    def token_cmd(
        name: Annotated[str, typer.Argument(help="ログイン名 / user name")],
        expires_days: Annotated[int | None, typer.Option("--expires-days", help="有効期限（日数）/ days until expiry")] = None,
        label: Annotated[str | None, typer.Option("--label", help="用途のメモ / what it is for")] = None,
    ) -> None:
        """APIトークンを発行し、一度だけ表示します / Issue an API token (printed once)."""
        from .store.staff import issue_token

        with opened() as st:
            t, secret = issue_token(st, name, expires_days=expires_days, label=label)
        until = t.expires_at.isoformat(timespec="minutes") if t.expires_at else "無期限 / no expiry"
        console.print(f"APIトークン（id {t.id}、有効期限 {until}）。この表示は一度だけです。安全な場所に保存してください。\n"
                      f"[dim]API token (id {t.id}, expires {until}); shown once — store it safely. "
                      f"Use: Authorization: Bearer <token>[/]", highlight=False)
        sys.stdout.write(secret + "\n")
        sys.stdout.flush()

    @users_app.command("revoke")
    def revoke_cmd(token_id: Annotated[int, typer.Argument(help="トークンのid / token id")]) -> None:
        """APIトークンを取り消します / Revoke an API token."""
        from .store.staff import revoke_token

        with opened() as st:
            t = revoke_token(st, token_id)
        when = t.revoked_at.isoformat(timespec="seconds") if t.revoked_at else ""
        console.print(f"トークン {t.id} を取り消しました（{when}）。\n[dim]token {t.id} revoked.[/]")

    @users_app.command("list")
    def list_cmd(as_json: Annotated[bool, typer.Option("--json", help="JSONで出力 / print JSON")] = False) -> None:
        """利用者の一覧 / List staff users and their tokens."""
        from .store.staff import list_tokens, list_users, token_state

        with opened() as st:
            users = list_users(st)
            tokens = {i.user.name: list_tokens(st, i.user.name) for i in users}
        iso: Callable[[Any], str | None] = lambda x: x.isoformat(timespec="seconds") if x else None  # noqa: E731
        data: list[dict[str, Any]] = [{"name": i.user.name, "display_name": i.user.display_name, "role": i.user.role,
                 "organization": i.user.organization_id, "active": i.user.active,
                 "tokens": [{"id": t.id, "prefix": t.prefix, "label": t.label, "state": token_state(t),
                             "expires_at": iso(t.expires_at), "last_used_at": iso(t.last_used_at)}
                            for t in tokens[i.user.name]]} for i in users]
        if as_json:
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            return
        if not data:
            console.print("利用者はいません。opendata users add NAME --org ORG --role admin で追加します。\n"
                          "[dim]no users yet: opendata users add NAME --org ORG --role admin[/]")
            return
        table = Table("name", "role", "organization", "active", "tokens (id: state)")
        for d in data:
            toks = ", ".join(f"{t['id']}: {t['state']}" for t in d["tokens"]) or "-"
            table.add_row(escape(d["name"]), d["role"], escape(d["organization"] or "-"), "yes" if d["active"] else "no",
                          toks)
        console.print(table)

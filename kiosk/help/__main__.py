"""Help requests from a shell, as a kiosk or a tablet (the device of ``$KIOSK_CONFIG``).

``python -m kiosk.help ask [--customer C] [--sku SKU]... [--follow SECONDS]
[--give-up SECONDS]``: ask for help as the kiosk, then print one JSON line per
status change until it is final or ``--follow`` ends.

``python -m kiosk.help tablet --pin PIN [--take] [--for SECONDS]``: sign in on
the tablet with a staff PIN, send heartbeats, print each waiting request as a
JSON line and, with ``--take``, take the first one; sign out at the end.

Prints JSON lines; exits 2 with a message for a bad PIN or setting.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from kiosk.app import Kiosk
from kiosk.config import ConfigError, load_config
from kiosk.help.client import HelpRefused, HelpUnreachable
from kiosk.help.desk import GIVE_UP_AFTER, HelpDesk
from kiosk.help.tablet import HEARTBEAT_EVERY, TabletHelp
from kiosk.staff import StaffAccounts


def _print(data: object) -> None:
    print(json.dumps(data, sort_keys=True), flush=True)


def ask(kiosk: Kiosk, args: argparse.Namespace) -> int:
    desk = HelpDesk(kiosk, give_up_after=args.give_up)
    first_name = None
    if args.customer:
        first_name = (kiosk.privacy.what_we_know(args.customer).get("customer")
                      or {}).get("first_name")
    status = desk.ask(args.customer, first_name=first_name,
                      looking_at=[{"sku": sku} for sku in args.sku], screen="cli")
    _print(status.to_dict())
    deadline = time.monotonic() + args.follow
    while not status.final and time.monotonic() < deadline:
        time.sleep(args.every)
        now = desk.check(status.request_id)
        if now != status:
            _print(now.to_dict())
        status = now
    return 0


def tablet(kiosk: Kiosk, args: argparse.Namespace) -> int:
    check = StaffAccounts(kiosk.db).verify(args.pin)
    if not check.ok:
        print("tablet: --pin: not a staff PIN of this device", file=sys.stderr)
        return 2
    help_desk = TabletHelp(kiosk)
    help_desk.signed_in(check.name)
    _print({"signed_in": check.name})
    deadline, beat = time.monotonic() + args.seconds, time.monotonic()
    seen: set[str] = set()
    try:
        while time.monotonic() < deadline:
            if time.monotonic() - beat >= HEARTBEAT_EVERY:
                help_desk.signed_in(check.name)
                beat = time.monotonic()
            wait = max(0.0, min(2.0, deadline - time.monotonic()))
            for request in help_desk.pending(wait):
                if request["request_id"] in seen:
                    continue
                seen.add(request["request_id"])
                _print({"pending": request})
                if args.take:
                    help_desk.take(request["request_id"], check.name)
                    _print({"taken": request["request_id"], "by": check.name})
                    return 0
            if not args.take and seen:
                return 0
    finally:
        help_desk.signed_out()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.help")
    commands = parser.add_subparsers(dest="command", required=True)
    asking = commands.add_parser("ask", help="ask for help as this kiosk")
    asking.add_argument("--customer", help="the shopper at the kiosk (their customer id)")
    asking.add_argument("--sku", action="append", default=[], help="what they looked at")
    asking.add_argument("--follow", type=float, default=0.0, help="seconds to follow it")
    asking.add_argument("--give-up", type=float, default=GIVE_UP_AFTER,
                        help="seconds before the shopper is sent to the till")
    asking.add_argument("--every", type=float, default=0.2, help="seconds between checks")
    taking = commands.add_parser("tablet", help="sign in on this tablet and follow requests")
    taking.add_argument("--pin", required=True)
    taking.add_argument("--take", action="store_true", help="take the first request")
    taking.add_argument("--for", dest="seconds", type=float, default=30.0,
                        help="seconds to stay signed in")
    args = parser.parse_args(argv)
    for name in ("follow", "give_up", "every", "seconds"):
        if getattr(args, name, 0) is not None and getattr(args, name, 0) < 0:
            parser.error(f"--{name.replace('_', '-')}: must be 0 or more")
    try:
        config = load_config()
    except ConfigError as error:
        parser.error(str(error))
    with Kiosk(config) as kiosk:
        try:
            return (ask if args.command == "ask" else tablet)(kiosk, args)
        except HelpUnreachable as error:
            print(f"{args.command}: head office is out of reach ({error})", file=sys.stderr)
            return 1
        except HelpRefused as error:
            print(f"{args.command}: head office refused: {error}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())

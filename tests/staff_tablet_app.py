"""The staff tablet app as a process of its own, driven like a member of staff would
(offscreen): ``python tests/staff_tablet_app.py --pin PIN [--take] [--lock] [--for S]``.

It opens the real staff window on the device of ``$KIOSK_CONFIG``, types the PIN on the
pad, and prints JSON lines: ``{"signed_in": NAME}``; with ``--lock`` it presses Lock at once
(``{"locked": true}`` once head office was told); each help request the Help screen lists
(``{"pending": {...}}``); with ``--take`` it presses Take on the first one
(``{"taken": ID, "by": NAME}``) and ends. It ends after ``--for`` seconds otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def emit(data: object) -> None:
    print(json.dumps(data, sort_keys=True), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pin", required=True)
    parser.add_argument("--take", action="store_true")
    parser.add_argument("--lock", action="store_true")
    parser.add_argument("--for", dest="seconds", type=float, default=30.0)
    args = parser.parse_args()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.config import load_config
    from kiosk.ui.app import create_staff_window

    kiosk = Kiosk(load_config())
    window = create_staff_window(kiosk)
    window.help.poll.setInterval(200)
    window.resize(1280, 800)
    window.show()
    app = QApplication.instance()
    seen: set[str] = set()

    def finish() -> None:
        window.close()           # locks: the tablet tells head office nobody is here
        app.quit()

    def signed_in(name: str) -> None:
        emit({"signed_in": name})
        window.go("help")
        if args.lock:
            window.nav.lock_button.click()
            window.help.worker.wait()
            QTimer.singleShot(0, lambda: emit({"locked": window.desk.session is None}))

    def listed(requests: list[dict]) -> None:
        for request in requests:
            if request["request_id"] in seen:
                continue
            seen.add(request["request_id"])
            emit({"pending": request})
            if args.take:
                window.help_screen.take_buttons[request["request_id"]].click()
                return

    def taken(_: str) -> None:
        emit({"taken": sorted(seen)[0], "by": window.desk.name})
        QTimer.singleShot(0, finish)

    window.desk.signed_in.connect(signed_in)
    window.desk.refused.connect(lambda message: (emit({"refused": message}), finish()))
    window.help.requests.connect(listed)
    window.help.taken.connect(taken)

    def type_pin() -> None:
        for digit in args.pin:
            window.sign_in.digits[digit].click()
        window.sign_in.ok_button.click()

    QTimer.singleShot(0, type_pin)
    QTimer.singleShot(int(args.seconds * 1000), finish)
    code = app.exec()
    kiosk.close()
    return code


if __name__ == "__main__":
    sys.exit(main())

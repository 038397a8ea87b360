"""``python -m kiosk.hq serve|add-kiosk|...``: head office without the kiosk's plugins."""

from kiosk.hq.cli import hq

if __name__ == "__main__":
    hq(prog_name="python -m kiosk.hq")

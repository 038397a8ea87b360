"""The plugin hooks of Personal Shopper Kiosk.

Every hook starts with ``kiosk_``. The docstring of each stub is its contract
and is mirrored in ``docs/plugins.md``. Arguments are opt-in: an
implementation names only the arguments it needs, so new ones can be added
without breaking plugins.

Naming, after datasette and anki:

- ``kiosk_register_<things>`` returns a list the core merges and checks for
  duplicate names (``kiosk.plugins.collect``: two plugins with one name stop
  the kiosk with a message naming both);
- ``kiosk_<subject>_will_<verb>`` may change a mutable argument;
- ``kiosk_<subject>_did_<verb>`` is a notification;
- ``firstresult=True`` only where exactly one answer makes sense.

Later registration is called first, so third-party plugins win
``firstresult`` hooks; built-in defaults use ``@hookimpl(trylast=True)``.
The core calls hooks through ``kiosk.plugins`` (``call_each``,
``call_first``, ``collect``), which isolate a plugin that raises.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    import click
    from sqlite_utils.migrations import Migrations

    from kiosk.app import Kiosk
    from kiosk.settings import SettingsSection

hookspec = pluggy.HookspecMarker("kiosk")
hookimpl = pluggy.HookimplMarker("kiosk")


@hookspec
def kiosk_configure(kiosk: Kiosk) -> None:
    """Called once when a ``Kiosk`` is built, after its store is open.

    Read your settings with ``kiosk.config.plugin_settings("<name>", YourSettings)``
    (declared through ``kiosk_register_settings``).
    """


@hookspec
def kiosk_register_settings() -> list[SettingsSection]:
    """Return ``kiosk.settings.SettingsSection(name, settings)`` objects.

    ``settings`` is a ``msgspec.Struct`` class: typed fields with defaults
    and ranges (``Annotated[int, msgspec.Meta(ge=1, le=100)]``). The core
    checks the config's ``[plugins.<name>]`` table against it when a
    ``Kiosk`` is built, before anything runs, and refuses wrong types,
    values out of range and unknown keys. Each name may be declared once.
    """


@hookspec
def kiosk_register_migrations() -> list[Migrations]:
    """Return ``sqlite_utils.Migrations`` sets for the plugin's own tables.

    Each set needs a unique name; the core applies them after its own set,
    and refuses a database that holds migrations a set does not know. If the
    implementation raises or returns something else, the kiosk does not start
    (``PluginError`` naming the plugin): without its tables it would fail later.
    """


@hookspec
def kiosk_register_commands(cli: click.Group) -> None:
    """Add click commands or groups to the ``kiosk`` command line."""


@hookspec
def kiosk_register_recommenders(kiosk: Kiosk) -> list[Any]:
    """Return recommender objects (see ``kiosk.recommend``).

    Each has a unique ``name`` (two plugins with one name stop the kiosk); the
    blender merges their candidates.
    """


@hookspec
def kiosk_recommendations_will_show(kiosk: Kiosk, context: Any, shelves: list[Any]) -> None:
    """Change the shelves (a mutable list) just before they are shown."""


@hookspec(firstresult=True)
def kiosk_identify(kiosk: Kiosk, code: str) -> Any:
    """Turn a scanned or typed loyalty code into an identification result.

    Return ``None`` if the code is not of your scheme, so another plugin can
    try it. The first non-``None`` answer wins.
    """


@hookspec(firstresult=True)
def kiosk_issue_card(kiosk: Kiosk, customer_id: str) -> Any:
    """Issue the loyalty card of a shopper who just enrolled at the kiosk.

    Called inside enrolment's transaction, after the customer and their
    consents were written. Return an object with ``code`` (the text the QR
    code holds) and ``short_code`` (what the shopper can type, or ``None``),
    and make sure your ``kiosk_identify`` recognises both; return ``None`` to
    leave it to the next scheme. The first answer wins; the built-in
    loyalty-card scheme answers last. Raise to refuse: the enrolment is undone.
    With no scheme at all the kiosk refuses enrolment (guests only).
    """


@hookspec
def kiosk_register_shelves(kiosk: Kiosk) -> list[Any]:
    """Return ``kiosk.ui.spec.ShelfSpec`` objects: shelves of the picks screen.

    ``ShelfSpec(key, title, order=100, items=None, personal=False)``: with
    ``items=None`` the shelf shows the recommendation service's shelf of that
    key (the built-in shelves, plugins/shelves.py); otherwise
    ``items(kiosk, customer_id, session_id)`` returns the picks (called off
    the GUI thread; ``customer_id`` is None for a guest). A shelf whose
    ``items`` raises is left out. ``kiosk.ui.spec`` imports no Qt.
    """


@hookspec(firstresult=True)
def kiosk_render_card(kiosk: Kiosk, item: Any, parent: Any) -> Any:
    """Return a QWidget that shows ``item``, or ``None`` for the standard card.

    Called on the GUI thread for every pick. The kiosk puts the widget in a
    card frame with the standard Save / Not for me / More like this buttons.
    If the implementation raises, the next plugin is asked; if it returns
    something that is not a QWidget, the standard card is shown instead.
    """


@hookspec
def kiosk_register_screens(kiosk: Kiosk) -> list[Any]:
    """Return ``kiosk.ui.spec.ScreenSpec`` objects: whole screens of the kiosk UI.

    ``ScreenSpec(key, title, factory, order=100)``: the picks screen shows a
    button titled ``title``; ``factory(kiosk, parent)`` returns the QWidget
    when the shopper opens it. A factory that raises shows a friendly note.
    """


@hookspec
def kiosk_event_did_record(kiosk: Kiosk, event: dict[str, Any]) -> None:
    """Called after an event was written to the outbox and committed.

    ``event`` is a copy; changing it changes nothing. Never log personal data.
    """


@hookspec(firstresult=True)
def kiosk_sync_transport(kiosk: Kiosk) -> Any:
    """Return the transport that carries the outbox to head office."""


@hookspec
def kiosk_contact_customer(kiosk: Kiosk, customer_id: str, first_name: str | None,
                           message: str, staff: str) -> str | None:
    """Send ``message`` from ``staff`` to a shopper by a channel of yours; return its name.

    Called for each implementation when staff press "Contact" on a tablet
    (``StaffSession.contact``), only for a shopper who agreed to
    ``staff_profile`` (the core asks, and audits the call as "contact").
    Return the channel's name (e.g. ``"sms"``) if you accepted the message,
    or ``None`` if you did not send it (no number for them, channel down):
    the tablet then says "at their next visit". The core holds no contact
    details: look them up in your own system by ``customer_id``. An
    implementation that raises is logged (its type only) and skipped; the
    others are still called. Never log the message or the shopper's id.
    """

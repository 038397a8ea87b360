"""The hook helpers: call_each, call_first, collect; a failing migrations hook stops start-up.

Plugins here are real files in a plugins folder, loaded as a kiosk loads them.
"""

from __future__ import annotations

import ast
import logging
import textwrap
from pathlib import Path

import pytest

from kiosk import hookimpl
from kiosk.app import Kiosk
from kiosk.config import ConfigError
from kiosk.plugins import (
    DuplicateRegistration,
    PluginError,
    call_each,
    call_first,
    collect,
    make_plugin_manager,
)
from kiosk.ui.spec import ShelfSpec

REPO = Path(__file__).resolve().parent.parent


def plugin_files(folder: Path, **files: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, source in files.items():
        (folder / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    return folder


BAD_TABLES = """
    from kiosk import hookimpl

    @hookimpl
    def kiosk_register_migrations():
        raise RuntimeError("cannot describe my tables")
"""


def recommender_plugin(name: str) -> str:
    """The source of a plugin file registering a recommender ``name`` that picks nothing."""
    return f"""
        from kiosk import hookimpl


        class Nothing:
            name = {name!r}
            personal = False
            trainable = False

            def fit(self, snapshot):
                return None

            def recommend(self, context, k):
                return []


        @hookimpl
        def kiosk_register_recommenders(kiosk):
            return [Nothing()]
    """


def test_a_failing_migrations_hook_stops_start_up_naming_the_plugin(config, tmp_path):
    folder = plugin_files(tmp_path / "plugins", bad_tables=BAD_TABLES)
    with pytest.raises(PluginError) as refused:
        Kiosk(config.with_overrides(plugins_dir=str(folder)), entrypoints=False)
    message = str(refused.value)
    assert "plugin 'bad_tables' failed in kiosk_register_migrations" in message
    assert "cannot describe my tables" in message
    assert 'disabled_plugins = ["bad_tables"]' in message
    assert isinstance(refused.value, ConfigError)  # every front end reports it as such
    assert not Path(config.database).exists(), "nothing was opened"
    # switched off, the kiosk starts
    Kiosk(config.with_overrides(plugins_dir=str(folder), disabled_plugins=["bad_tables"]),
          entrypoints=False).close()


def test_migrations_that_are_not_migrations_stop_start_up_too(config):
    class Confused:
        name = "confused"

        @hookimpl
        def kiosk_register_migrations(self):
            return ["CREATE TABLE x (id)"]

    with pytest.raises(PluginError, match="plugin 'confused' returned something that is not "
                                          "a migration set with a name"):
        Kiosk(config, pm=make_plugin_manager(entrypoints=False, extra=[Confused()]))


def test_a_plugin_file_that_cannot_be_imported_is_named(tmp_path):
    folder = plugin_files(tmp_path / "plugins", typo="def kiosk_configure(:\n")
    with pytest.raises(PluginError, match=r"plugin 'typo' \(.*typo.py\) could not be loaded: "
                                          r"SyntaxError"):
        make_plugin_manager(entrypoints=False, plugins_dir=folder)


def test_an_unknown_hook_is_a_plugin_error(tmp_path):
    folder = plugin_files(tmp_path / "plugins", misspelt="""
        from kiosk import hookimpl

        @hookimpl
        def kiosk_configur(kiosk):
            pass
    """)
    with pytest.raises(PluginError, match="unknown hook 'kiosk_configur'"):
        make_plugin_manager(entrypoints=False, plugins_dir=folder)


class Answer:
    def __init__(self, name: str, answer: object = None, *, fails: bool = False):
        self.name = name
        self.answer = answer
        self.fails = fails

    @hookimpl
    def kiosk_identify(self, kiosk, code):
        if self.fails:
            raise RuntimeError(f"secret {code}")
        return self.answer


def test_call_first_skips_a_failing_plugin_and_returns_the_first_answer(caplog):
    # registered later is asked first: broken, then silent, then yes
    pm = make_plugin_manager(entrypoints=False, extra=[
        Answer("yes", "first"), Answer("also", "second"), Answer("silent"),
        Answer("broken", fails=True)])
    pm.set_blocked("loyalty_card")
    with caplog.at_level(logging.ERROR):
        assert call_first(pm, "kiosk_identify", kiosk=None, code="X1") == ("also", "second")
    assert "plugin 'broken' failed in kiosk_identify" in caplog.text
    assert "secret X1" in caplog.text  # not private: the traceback is logged
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        call_first(pm, "kiosk_identify", private=True, kiosk=None, code="X2")
    assert "plugin 'broken' failed in kiosk_identify (RuntimeError)" in caplog.text
    assert "X2" not in caplog.text and "Traceback" not in caplog.text
    assert call_first(make_plugin_manager(entrypoints=False, extra=[Answer("silent")]),
                      "kiosk_render_card", kiosk=None, item=None, parent=None) is None


def test_call_each_with_required_raises_naming_the_plugin():
    pm = make_plugin_manager(entrypoints=False, extra=[Answer("broken", fails=True)])
    with pytest.raises(PluginError, match="plugin 'broken' failed in kiosk_identify "
                                          r"\(RuntimeError: secret c\)"):
        call_each(pm, "kiosk_identify", required=True, kiosk=None, code="c")
    with pytest.raises(PluginError) as private:
        call_each(pm, "kiosk_identify", required=True, private=True, kiosk=None, code="c")
    assert "secret" not in str(private.value)


class Shelves:
    def __init__(self, name: str, *items: object):
        self.name = name
        self.items = list(items)

    @hookimpl
    def kiosk_register_shelves(self, kiosk):
        return self.items


def test_collect_refuses_one_name_from_two_plugins_naming_both():
    pm = make_plugin_manager(entrypoints=False, extra=[
        Shelves("deals", ShelfSpec("weekly_deal", "Weekly deal")),
        Shelves("offers", ShelfSpec("weekly_deal", "Offer of the week"))])
    with pytest.raises(DuplicateRegistration) as refused:
        collect(pm, "kiosk_register_shelves", ShelfSpec, "key", what="shelf", kiosk=None)
    assert str(refused.value) == (
        "shelf 'weekly_deal' is declared by two plugins (offers and deals); disable one of "
        "them (disabled_plugins in the config)")


def test_collect_merges_in_call_order_and_leaves_misfits_out(caplog):
    same = ShelfSpec("gifts", "Gifts")
    pm = make_plugin_manager(entrypoints=False, extra=[
        Shelves("first", ShelfSpec("a", "A"), same),
        Shelves("second", ShelfSpec("b", "B"), "not a shelf", ShelfSpec("", "No key"), same)])
    with caplog.at_level(logging.WARNING):
        found = collect(pm, "kiosk_register_shelves", ShelfSpec, "key", what="shelf",
                        kiosk=None)
    ours = [(plugin, spec.key) for plugin, spec in found if plugin in ("first", "second")]
    assert ours == [("second", "b"), ("second", "gifts"), ("first", "a")]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings.count("plugin 'second' returned something that is not a shelf with a "
                          "key from kiosk_register_shelves; ignored") == 2


def test_two_plugins_registering_one_recommender_name_stop_the_start(config, tmp_path):
    """Before, the second was dropped in silence (or replaced a built-in)."""
    folder = plugin_files(tmp_path / "plugins", my_popular=recommender_plugin("popular"))
    kiosk = Kiosk(config.with_overrides(plugins_dir=str(folder)), entrypoints=False)
    try:
        with pytest.raises(DuplicateRegistration,
                           match=r"recommender 'popular' is declared by two plugins "
                                 r"\(my_popular and recommend_popular\)"):
            kiosk.recommendations  # noqa: B018
    finally:
        kiosk.close()
    alone = Kiosk(config.with_overrides(plugins_dir=str(folder),
                                        disabled_plugins=["recommend_popular"]),
                  entrypoints=False)
    try:
        names = {r.name for r in alone.recommendations._recommenders()}
        assert "popular" in names and "trending" not in names
    finally:
        alone.close()


def test_two_plugins_registering_one_screen_stop_the_window(config, tmp_path):
    from kiosk.ui.window import screen_specs

    screen = """
        from kiosk import hookimpl
        from kiosk.ui.spec import ScreenSpec

        @hookimpl
        def kiosk_register_screens(kiosk):
            return [ScreenSpec("store_map", "Map", lambda kiosk, parent: None)]
    """
    folder = plugin_files(tmp_path / "plugins", map_a=screen, map_b=screen)
    kiosk = Kiosk(config.with_overrides(plugins_dir=str(folder)), entrypoints=False)
    try:
        with pytest.raises(DuplicateRegistration, match=r"screen 'store_map' is declared by "
                                                        r"two plugins \(map_b and map_a\)"):
            screen_specs(kiosk)
    finally:
        kiosk.close()


def test_no_screen_reaches_the_plugin_manager():
    """Screens build widgets and bind to presenters; hooks are asked through the Kiosk."""
    offenders = []
    for path in sorted((REPO / "kiosk" / "ui" / "screens").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("pm", "hook"):
                offenders.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.ImportFrom) and node.module == "kiosk.plugins":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_kiosk_plugin_card_asks_the_plugins_through_the_kiosk(config):
    class Card:
        name = "card"

        @hookimpl
        def kiosk_render_card(self, kiosk, item, parent):
            return f"card for {item}" if item == "10001" else None

    with Kiosk(config, pm=make_plugin_manager(entrypoints=False, extra=[Card()])) as kiosk:
        assert kiosk.plugin_card("10001", None) == ("card", "card for 10001")
        assert kiosk.plugin_card("10002", None) is None

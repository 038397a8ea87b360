"""Typed plugin settings (``kiosk.settings``): the hook, reading, messages, ``config show``.

The regressions of issue 9 item 6 (each bad value refused at start through
the command line and ``Kiosk(...)``) are in test_settings_refused.py.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import msgspec
import pytest
from click.testing import CliRunner

from kiosk import hookimpl
from kiosk.app import Kiosk
from kiosk.cli import cli
from kiosk.config import ConfigError
from kiosk.plugins import collect_settings, make_plugin_manager
from kiosk.settings import Secret, SettingsSection, describe, read_section
from kiosk.sync.settings import SyncSettings


def outbox_rows(database: Path) -> int:
    import sqlite3

    with sqlite3.connect(database) as conn:
        return conn.execute("SELECT count(*) FROM outbox").fetchone()[0]


def test_good_values_are_read_typed_with_defaults_filled_in(config):
    kiosk = Kiosk(replace(config, plugins={"sync": {"batch_size": 500, "interval": 2},
                                           "loyalty_card": {"free_failures": 5}}),
                  entrypoints=False)
    try:
        sync = kiosk.config.plugin_settings("sync", SyncSettings)
        assert (sync.batch_size, sync.interval, sync.outbox_budget_mb) == (500, 2.0, 256.0)
        assert isinstance(sync.interval, float)
        assert (kiosk.sync.batch_size, kiosk.sync.budget_bytes) == (500, 256_000_000)
        assert kiosk.identity.limiter.free_failures == 5
        assert kiosk.recommendations.budget_ms == 150
    finally:
        kiosk.close()


@pytest.mark.parametrize("url", ["", "http://127.0.0.1:8000", "https://hq.example.com",
                                 "https://hq.example.com/chain/", "http://[::1]:9000",
                                 "http://hq_box.local:8080"])
def test_good_head_office_urls_are_taken(config, url):
    replace(config, hq_url=url).check()


@pytest.mark.parametrize("url", ["http://", "https://:80", "ftp://hq", "http://hq:port",
                                 "http://hq/\x1b[31m", "http://h q", "http://hq/?a=1",
                                 "http://hq#x", "http://-hq-", "hq.example.com"])
def test_bad_head_office_urls_are_refused(config, url):
    with pytest.raises(ConfigError, match="'hq_url' must be"):
        replace(config, hq_url=url).check()


def test_a_table_no_plugin_declares_is_left_as_written(config):
    kiosk = Kiosk(replace(config, plugins={"weekly_deal": {"skus": ["1", "2"]}}),
                  entrypoints=False)
    try:
        assert kiosk.config.plugin_settings("weekly_deal") == {"skus": ["1", "2"]}
    finally:
        kiosk.close()


class GiftSettings(msgspec.Struct, kw_only=True, frozen=True):
    max_price: Annotated[float, msgspec.Meta(gt=0, le=10_000)] = 5.0
    label: Annotated[str, msgspec.Meta(min_length=1, max_length=20)] = "Gifts"
    api_token: Secret = ""


class GiftsPlugin:
    name = "gifts"

    @hookimpl
    def kiosk_register_settings(self):
        return [SettingsSection("gifts", GiftSettings, "the gift shelf"), "not a section"]

    @hookimpl
    def kiosk_configure(self, kiosk):
        kiosk.gift_settings = kiosk.config.plugin_settings("gifts", GiftSettings)


def test_hook_kiosk_register_settings(config):
    pm = make_plugin_manager(entrypoints=False, extra=[GiftsPlugin()])
    assert "gifts" in [section.name for section in collect_settings(pm)]
    good = replace(config, plugins={"gifts": {"max_price": 3, "api_token": "s3cret"}})
    kiosk = Kiosk(good, pm=pm)
    try:
        assert kiosk.gift_settings == GiftSettings(max_price=3.0, api_token="s3cret")
    finally:
        kiosk.close()
    for table, message in [
        ({"max_price": 0}, "max_price must be a number greater than 0 and at most 10000, got 0"),
        ({"label": ""}, "label must be a non-empty text of at most 20 characters, got ''"),
        ({"api_token": 5}, "api_token must be a text, got ***"),
        ({"colour": "red"}, "unknown setting 'colour'. Known settings: api_token, label, "
                            "max_price"),
    ]:
        pm = make_plugin_manager(entrypoints=False, extra=[GiftsPlugin()])
        with pytest.raises(ConfigError) as refused:
            Kiosk(replace(config, plugins={"gifts": table}), pm=pm)
        assert f"[plugins.gifts] {message}" in str(refused.value)
    assert not Path(config.database).exists() or outbox_rows(Path(config.database)) == 0


def test_two_plugins_declaring_one_section_stop_the_kiosk(config):
    class Rival:
        name = "rival"

        @hookimpl
        def kiosk_register_settings(self):
            return [SettingsSection("sync", GiftSettings)]

    pm = make_plugin_manager(entrypoints=False, extra=[Rival()])
    with pytest.raises(ConfigError, match=r"\[plugins.sync\] is declared by two plugins"):
        Kiosk(config, pm=pm)
    assert not Path(config.database).exists()


def test_config_show_lists_plugin_settings_with_secrets_masked(tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "gifts.py").write_text(
        "from typing import Annotated\nimport msgspec\nfrom kiosk import hookimpl\n"
        "from kiosk.settings import Secret, SettingsSection\n\n"
        "class Gifts(msgspec.Struct, kw_only=True):\n"
        "    max_price: Annotated[float, msgspec.Meta(gt=0)] = 5.0\n"
        "    api_token: Secret = ''\n\n"
        "@hookimpl\ndef kiosk_register_settings():\n"
        "    return [SettingsSection('gifts', Gifts)]\n")
    config = tmp_path / "k.toml"
    config.write_text(f'plugins_dir = "{plugins}"\n[plugins.gifts]\napi_token = "s3cret"\n'
                      '[plugins.sync]\nbatch_size = 300\n'
                      '[plugins.other]\npassword = "hunter2"\nnote = "x\\u001b[2J"\n')
    result = CliRunner().invoke(cli, ["--config", str(config), "config", "show", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)["plugins"]
    assert shown["gifts"] == {"max_price": 5.0, "api_token": "***"}
    assert shown["sync"]["batch_size"] == 300 and shown["sync"]["outbox_budget_mb"] == 256.0
    assert shown["loyalty_card"] == {"free_failures": 3, "first_delay": 1.0,
                                     "max_delay": 60.0, "quiet_period": 900.0}
    assert shown["other"]["password"] == "***"
    text = CliRunner().invoke(cli, ["--config", str(config), "config", "show"]).output
    assert "s3cret" not in text and "hunter2" not in text and "\x1b" not in text
    assert "[plugins.sync] batch_size" in text and "300" in text
    bad = tmp_path / "bad.toml"
    bad.write_text(f'plugins_dir = "{plugins}"\n[plugins.gifts]\nmax_price = -1\n')
    refused = CliRunner().invoke(cli, ["--config", str(bad), "config", "show"])
    assert refused.exit_code == 1
    assert "[plugins.gifts] max_price must be a number greater than 0, got -1" in refused.output


def test_descriptions_name_what_is_allowed():
    assert describe(Annotated[int, msgspec.Meta(ge=1, le=10)]) == "a whole number from 1 to 10"
    assert describe(Annotated[float, msgspec.Meta(ge=0.5)]) == "a number at least 0.5"
    assert describe(bool) == "true or false"
    assert describe(list[str]) == "a list, each item a text"
    with pytest.raises(ConfigError, match=r"\[plugins.x\] needs 'a' \(a whole number\)"):
        class Needs(msgspec.Struct):
            a: int

        read_section("x", {}, Needs)


EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kiosk-example-plugin"


def test_the_example_plugin_declares_its_price_limit(config, monkeypatch):
    import sys

    monkeypatch.syspath_prepend(str(EXAMPLE))
    import kiosk_example_plugin as example

    try:
        pm = make_plugin_manager(entrypoints=False, extra=[example])
        with pytest.raises(ConfigError, match=r"\[plugins.gifts_under_five\] max_price must be "
                                              r"a number greater than 0 and at most 10000"):
            Kiosk(replace(config, plugins={"gifts_under_five": {"max_price": 0}}), pm=pm)
        pm = make_plugin_manager(entrypoints=False, extra=[example])
        kiosk = Kiosk(replace(config, plugins={"gifts_under_five": {"max_price": 3}}), pm=pm)
        try:
            assert example.max_price(kiosk) == 3.0
        finally:
            kiosk.close()
    finally:
        for name in [m for m in sys.modules if m.startswith("kiosk_example_plugin")]:
            del sys.modules[name]

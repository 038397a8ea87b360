import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kiosk.cli import cli
from kiosk.config import ConfigError, example_toml, load_config


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config(environ={})
    assert config.store_id == "store-1"
    assert config.idle_timeout == 90
    assert config.source == "defaults"


def test_file_then_environment(tmp_path):
    file = write(tmp_path / "k.toml", 'store_id = "leeds"\nidle_timeout = 120\n'
                 '[plugins.popular]\nwindow_days = 7\n')
    config = load_config(file, environ={"KIOSK_IDLE_TIMEOUT": "45", "KIOSK_LARGE_TEXT": "yes"})
    assert config.store_id == "leeds"
    assert config.idle_timeout == 45
    assert config.large_text is True
    assert config.plugin_settings("popular") == {"window_days": 7}


@pytest.mark.parametrize("text, fragment", [
    ('idle_timeout = "soon"', "'idle_timeout' must be a whole number"),
    ("idle_timeout = 2", "from 10 to 3600"),
    ('theme = "purple"', "one of default, high-contrast"),
    ('hq_url = "ftp://x"', "http:// or https://"),
    ('hq_url = "http://"', "'hq_url' must be an http:// or https:// URL with a host name"),
    ('hq_url = "https://hq.example.com:443x"', "'hq_url' must be an http:// or https:// URL"),
    ('kiosk_id = "k\\u001b]0;pwned\\u0007"', "'kiosk_id' must be a text of 1 to 128 characters"),
    ('store_id = "leeds\\u202e"', "'store_id' must be a text of 1 to 128 characters"),
    (f'kiosk_id = "{"k" * 129}"', "'kiosk_id' must be a text of 1 to 128 characters"),
    ('store_name = " Leeds "', "'store_name' must be a text of 1 to 200 characters"),
    ("[plugins]\nsync = 5", "[plugins.sync] must be a table of settings, got 5"),
    ('colour = "red"', "unknown setting 'colour'"),
    ("store_id = ", "not valid TOML"),
])
def test_bad_values_name_the_key_and_what_is_allowed(tmp_path, text, fragment):
    file = write(tmp_path / "k.toml", text + "\n")
    with pytest.raises(ConfigError, match=re.escape(fragment)):
        load_config(file, environ={})


def test_bad_environment_value_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="KIOSK_LARGE_TEXT"):
        load_config(None, environ={"KIOSK_LARGE_TEXT": "perhaps"})


def test_example_round_trips(tmp_path):
    file = write(tmp_path / "k.toml", example_toml())
    assert load_config(file, environ={}).public_dict()["source"] == str(file)


def test_config_show_cli_masks_token(tmp_path):
    file = write(tmp_path / "k.toml", 'hq_token = "secret-value"\n')
    result = CliRunner().invoke(cli, ["--config", str(file), "config", "show", "--json"])
    assert result.exit_code == 0, result.output
    assert "secret-value" not in result.output
    assert '"hq_token": "***"' in result.output


def test_bad_environment_id_is_refused_with_its_variable(tmp_path):
    with pytest.raises(ConfigError, match="environment variable KIOSK_KIOSK_ID: 'kiosk_id'"):
        load_config(None, environ={"KIOSK_KIOSK_ID": "till\x1b[2J"})


def test_config_show_cli_includes_the_plugin_settings_in_force(tmp_path):
    file = write(tmp_path / "k.toml", "[plugins.sync]\nbatch_size = 300\n")
    result = CliRunner().invoke(cli, ["--config", str(file), "config", "show"])
    assert result.exit_code == 0, result.output
    assert "[plugins.sync] batch_size" in result.output
    assert "[plugins.recommend] budget_ms" in result.output  # defaults shown too


def test_config_show_cli_reports_bad_value(tmp_path):
    file = write(tmp_path / "k.toml", 'language = "klingon"\n')
    result = CliRunner().invoke(cli, ["--config", str(file), "config", "show"])
    assert result.exit_code == 1
    assert "'language' must be one of en, fr" in result.output

"""The settings: every variable read in one place, checked, and handed to run.sh."""
import subprocess
import sys

import pytest

from bot.configuration.settings import CONFIG_DIR, ENVIRONMENT, SettingsError, load_settings, shell_exports


def test_defaults_make_a_working_local_installation():
    settings = load_settings({})
    assert settings.ccas_config == CONFIG_DIR / "ccas" / "grenoble.yml"
    assert settings.database_url.startswith("sqlite:///") and settings.database_url.endswith("var/ccas.db")
    assert (settings.rasa_port, settings.action_port, settings.site_port, settings.counsellor_port) == (
        5005, 5055, 8000, 8080)
    assert settings.action_endpoint_url == "http://127.0.0.1:5055/webhook"
    assert settings.chat_allowed_origins == ("http://localhost:8000", "http://127.0.0.1:8000")
    assert settings.counsellor_cookie_secure and settings.rasa_api and not settings.rasa_api_read_only
    assert settings.api_needs_guard  # open on this machine without a secret: read-only


def test_defaults_follow_the_ports_chosen():
    settings = load_settings({"RASA_PORT": "6005", "SITE_PORT": "9000", "ACTION_PORT": "6055"})
    assert settings.chat_server_url == "http://localhost:6005"
    assert settings.chat_allowed_origins == ("http://localhost:9000", "http://127.0.0.1:9000")
    assert settings.action_endpoint_url == "http://127.0.0.1:6055/webhook"


def test_every_field_has_its_variable():
    settings = load_settings({})
    assert set(ENVIRONMENT) == set(vars(settings))


@pytest.mark.parametrize("environ, words", [
    ({"COUNSELLOR_PORT": "huit mille"}, "COUNSELLOR_PORT"),
    ({"COUNSELLOR_PROXIES": "-1"}, "COUNSELLOR_PROXIES"),
    ({"COUNSELLOR_COOKIE_SECURE": "peut-être"}, "COUNSELLOR_COOKIE_SECURE"),
    ({"RASA_HOST": "0.0.0.0"}, "RASA_JWT_SECRET"),
])
def test_a_setting_that_cannot_work_is_refused_in_words(environ, words):
    with pytest.raises(SettingsError, match=words):
        load_settings(environ)


def test_the_api_beyond_this_machine_needs_a_secret_or_is_off():
    assert load_settings({"RASA_HOST": "0.0.0.0", "RASA_API": "off"}).rasa_api is False
    guarded = load_settings({"RASA_HOST": "0.0.0.0", "RASA_JWT_SECRET": "x" * 40})
    assert guarded.rasa_api and not guarded.api_needs_guard


def test_run_sh_gets_the_same_values_through_the_shell():
    environ = {"RASA_PORT": "6005", "CHAT_ALLOWED_ORIGINS": "https://ccas.example.fr, https://x.fr",
               "REDIS_PASSWORD": "it's $ecret"}
    exports = shell_exports(load_settings(environ))
    script = exports + '\nprintf "%s|%s|%s|%s" "$RASA_PORT" "$CHAT_ALLOWED_ORIGINS" "$REDIS_PASSWORD" ' \
                       '"$CCAS_RASA_API_READ_ONLY"'
    shown = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True).stdout
    assert shown == "6005|https://ccas.example.fr,https://x.fr|it's $ecret|1"
    assert "ACTION_SERVER_TOKEN=" in exports  # made for the run when none is given
    assert "ACTION_SERVER_TOKEN=" not in shell_exports(load_settings({}), fresh_token=False)


def test_the_settings_command_hides_secrets():
    environ = {"RASA_JWT_SECRET": "j" * 40, "COUNSELLOR_SECRET": "c" * 40, "PATH": "/usr/bin"}
    shown = subprocess.run([sys.executable, "-m", "bot", "settings"], capture_output=True, text=True,
                           env=environ, check=True).stdout
    assert "RASA_JWT_SECRET" in shown and "(donné)" in shown
    assert "j" * 40 not in shown and "c" * 40 not in shown

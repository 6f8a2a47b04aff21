"""What Rasa's command line prints: third-party deprecation notices and known false alarms go,
everything else stays, the project's own warnings first."""
import io
import warnings

from bot.configuration.output import install, is_noise

SITE = "/x/.venv/lib/python3.10/site-packages/pkg_resources/__init__.py"


def test_third_party_deprecations_and_known_false_alarms_are_noise():
    assert is_noise("pkg_resources is deprecated", DeprecationWarning, SITE)
    assert is_noise("The utterance 'utter_ask_budget_income' is not used in any story or rule.", UserWarning,
                    "/x/site-packages/rasa/shared/utils/io.py")


def test_the_project_s_own_warnings_and_other_news_are_kept():
    assert not is_noise("old call", DeprecationWarning, "/work/main/bot/reading/amounts.py")
    assert not is_noise("The utterance 'utter_greet' is not used in any story or rule.", UserWarning,
                        "/x/site-packages/rasa/shared/utils/io.py")
    assert not is_noise("model is out of date", UserWarning, SITE)


def test_installed_it_drops_noise_and_shows_the_rest():
    saved = warnings.showwarning
    out = io.StringIO()
    try:
        warnings.showwarning = lambda message, *rest, **named: out.write(f"{message}\n")
        install()  # wraps what showed warnings until now
        warnings.showwarning("noise", DeprecationWarning, SITE, 1)
        warnings.showwarning("kept", UserWarning, "/work/main/bot/x.py", 1)
    finally:
        warnings.showwarning = saved
    assert "kept" in out.getvalue() and "noise" not in out.getvalue()

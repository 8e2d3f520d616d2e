"""The shipped Streamlit configuration (issue #14): no tracebacks for users, no unescaped table exports, a safe
listening address, and every option one Streamlit knows."""

from __future__ import annotations

import tomllib

from conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_every_option_is_one_streamlit_knows():
    from streamlit import config

    options = config.get_config_options()
    for section, values in CONFIG.items():
        for name in values:
            assert f"{section}.{name}" in options, f"{section}.{name}"


def test_users_see_no_traceback():
    from streamlit.config import ShowErrorDetailsConfigOptions

    value = CONFIG["client"]["showErrorDetails"]
    assert value in {o.value for o in ShowErrorDetailsConfigOptions} and value == "none"


def test_tables_offer_no_unneutralised_csv():
    assert CONFIG["client"]["disableDataExport"] is True


def test_the_server_listens_on_this_computer_unless_the_operator_says_otherwise():
    assert CONFIG["server"]["address"] in ("localhost", "127.0.0.1")

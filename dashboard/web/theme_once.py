"""The theme part of each run's first message, worked out once per configuration instead of on every rerun.

Every script run starts with a new-session message, and Streamlit 1.67 fills its six theme sections (theme,
light, dark and their sidebars) by walking every one of its ~250 config options once per section, on the event
loop thread. Profiled with py-spy holding the GIL at 50 sessions on All forces, that was 8% of the server's
time: more than any chart. The options do not change while the server runs, so here each section's message is
built by Streamlit's own function once and copied after that. Each copy first compares that section's current
option values with those it was built from, so a changed option (a config file read again, or `set_option`)
builds it afresh.

It replaces one private function of `streamlit.runtime.app_session`. If a later Streamlit no longer has it,
nothing is replaced, one warning is logged, and the theme is worked out on every run as before.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger("dashboard")

_MARK = "__theme_once__"


class ThemeSections:
    """Each theme section's message, built once by Streamlit's own function and kept with the values it came from."""

    def __init__(self, populate: Any, config: Any, message_type: Any) -> None:
        self._populate = populate
        self._config = config
        self._message_type = message_type
        self._lock = threading.Lock()
        self._options_of: tuple[Any, dict[str, list[Any]]] | None = None  # (the options dict, section -> options)
        self._built: dict[str, tuple[list[Any], Any]] = {}  # section -> (values it was built from, message)

    def _section_options(self, section: str) -> list[Any]:
        options = self._config.get_config_options()
        known = self._options_of
        if known is None or known[0] is not options:  # a reparse makes a new dict: group its options again
            grouped: dict[str, list[Any]] = {}
            for option in options.values():
                grouped.setdefault(option.section, []).append(option)
            known = self._options_of = (options, grouped)
        return known[1].get(section, [])

    def populate(self, msg: Any, section: str = "theme") -> None:
        """What Streamlit's _populate_theme_msg(msg, section) does to an empty message, from a kept copy."""
        values = [option.value for option in self._section_options(section)]
        with self._lock:
            kept = self._built.get(section)
        if kept is None or kept[0] != values:
            built = self._message_type()
            self._populate(built, section)
            kept = (values, built)
            with self._lock:
                self._built[section] = kept
        if kept[1].ListFields():  # a section with nothing set leaves the message untouched, as Streamlit's does
            msg.MergeFrom(kept[1])


def work_out_theme_once() -> bool:
    """Replace app_session._populate_theme_msg with a kept copy per section; False (and one warning) if it moved."""
    try:
        from streamlit import config
        from streamlit.proto.NewSession_pb2 import CustomThemeConfig
        from streamlit.runtime import app_session
    except ImportError as error:
        log.warning("Streamlit's session module moved (%s): the theme is worked out on every run", error)
        return False
    current = getattr(app_session, "_populate_theme_msg", None)
    if not callable(current) or not callable(getattr(config, "get_config_options", None)):
        log.warning("Streamlit has no _populate_theme_msg: the theme is worked out on every run")
        return False
    if getattr(current, _MARK, False):
        return True
    sections = ThemeSections(current, config, CustomThemeConfig)

    def populate_theme_msg(msg: Any, section: str = "theme") -> None:
        sections.populate(msg, section)

    setattr(populate_theme_msg, _MARK, True)
    populate_theme_msg.__wrapped__ = current  # Streamlit's own, for the tests that compare the two
    app_session._populate_theme_msg = populate_theme_msg
    return True

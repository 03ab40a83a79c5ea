"""Data text is text, in real Chromium: on a database whose every shown text column holds hostile content
(tests/hostile_data.py), every page, with its expanders open and every "Show as a table" switch on, shows that content
as words. No element is made from it, no script of it runs, no request leaves for an address in it, and no dialog opens.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from deploy.process import AppServer
from tests.browser.conftest import DESKTOP
from tests.browser.helpers import (
    assert_page_did_not_fail,
    expand_everything,
    open_path,
    reveal_everything,
    switch_on_every_table,
    wait_until_drawn,
)
from tests.browser.registry import registered_pages
from tests.hostile_data import ELSEWHERE, ICON, PWNED, VISIBLE, build_hostile_database

# Every registered page, then the views a page shows only for other choices: the meeting's later steps (the tracker
# step has an expander), meeting mode itself, and the earlier inspection cycle.
PATHS = [
    *(page.path for page in registered_pages()),
    "/meeting?step=2",
    "/meeting?step=3",
    "/meeting?step=4",
    "/meeting?mode=meeting&step=4",
    "/grades?cycle=2021-22",
    "/national?cycle=2021-22",
]

# Markdown that needs LaTeX or emoji shows a placeholder until Streamlit has loaded them: only then is it drawn.
MARKDOWN_DRAWN = "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"

# Run in the page: what the data could have made, if it had been read as markup.
FROM_DATA = """([pwned, elsewhere, icon]) => {
    const hostile = [elsewhere, pwned, 'javascript:', 'data:text/html', 'evil.invalid', 'PHNjcmlwdD'];
    const found = [];
    const named = (value) => hostile.find((word) => value.includes(word));
    // Attributes that load, link or style something; words in an aria-label, a title or an input's value are text.
    const active = ['src', 'srcset', 'href', 'xlink:href', 'action', 'formaction', 'poster', 'data', 'background', 'style'];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            if (attribute.name.startsWith('on')) found.push(`${element.tagName} with ${attribute.name}`);
            const word = active.includes(attribute.name) && named(attribute.value);
            if (word) found.push(`${element.tagName} ${attribute.name}=${attribute.value.slice(0, 80)} (${word})`);
        }
    }
    for (const element of document.querySelectorAll('script, style')) {
        const text = element.textContent;
        if (text.includes(pwned) || text.includes('*{display:none}')) found.push(`${element.tagName}: ${text.slice(0, 80)}`);
    }
    for (const element of document.querySelectorAll('iframe, object, embed, video, audio, base, form, math')) {
        found.push(`${element.tagName} ${element.outerHTML.slice(0, 80)}`);
    }
    for (const link of document.querySelectorAll('[data-testid="stMain"] a[href]')) {
        const address = link.getAttribute('href');
        if (!/^(https?:\\/\\/|#|\\/|\\?)/.test(address)) found.push(`a link to ${address.slice(0, 80)}`);
    }
    const made = {
        'a LaTeX formula': document.querySelectorAll('.katex').length,
        'a Material icon from the data': document.querySelectorAll(`[aria-label="${icon} icon"]`).length,
        "Streamlit's logo": document.querySelectorAll('img[alt="Streamlit logo"]').length,
    };
    for (const [what, count] of Object.entries(made)) if (count) found.push(`${count} × ${what}`);
    const words = document.querySelector('[data-testid="stMain"]').innerText.replaceAll('\\u2060', '');
    return {found, pwned: window[pwned] === undefined ? null : String(window[pwned]), words};
}"""


def in_tooltips(page) -> list[str]:
    """What each widget's help tooltip makes, read while it is open (Streamlit draws a tooltip's markdown on hover).

    Tables' toolbar buttons have tooltips too, fixed words that show only when the pointer is over the table."""
    found = []
    targets = page.locator(
        '[data-testid="stMain"] :is([data-testid="stWidgetLabel"], [data-testid="stMarkdownContainer"]) '
        '[data-testid="stTooltipHoverTarget"]'
    )
    for number in range(targets.count()):
        targets.nth(number).hover()
        page.wait_for_function(f"() => document.querySelector('[data-testid=\"stTooltipContent\"]') && ({MARKDOWN_DRAWN})()")
        found += page.evaluate(FROM_DATA, [PWNED, ELSEWHERE, ICON])["found"]
        page.mouse.move(0, 0)
    return found


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The dashboard over the hostile copy of data/ (its database and its feed catalogue and log)."""
    folder = tmp_path_factory.mktemp("hostile")
    data, database = build_hostile_database(folder)
    server = AppServer(env={"DASHBOARD_DB": str(database), "DASHBOARD_DATA_DIR": str(data)}, log_path=folder / "streamlit.log")
    server.start()
    try:
        assert server.alive(), "the app server we started is not the one answering"
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("path", PATHS)
def test_hostile_text_from_the_data_is_shown_as_words_and_makes_nothing(browser, hostile_server, path):
    context = browser.new_context(base_url=hostile_server.url, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(60_000)
    requests: list[str] = []
    dialogs: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    try:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        open_path(page, path)
        reveal_everything(page)
        expand_everything(page)
        switch_on_every_table(page)
        page.evaluate("() => document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        reveal_everything(page)
        wait_until_drawn(page)
        page.wait_for_function(MARKDOWN_DRAWN)
        assert_page_did_not_fail(page)
        seen = page.evaluate(FROM_DATA, [PWNED, ELSEWHERE, ICON])
        found = seen["found"] + in_tooltips(page)
    finally:
        context.close()
    assert found == [], f"{path}: elements made from the data: {found}"
    assert seen["pwned"] is None, f"{path}: a script from the data ran ({seen['pwned']})"
    assert dialogs == [], f"{path}: a dialog opened: {dialogs}"
    origin = urlparse(hostile_server.url).netloc
    elsewhere = sorted({r for r in requests if urlparse(r).netloc != origin})
    assert elsewhere == [], f"{path}: requests left the site: {elsewhere}"
    assert VISIBLE in seen["words"], f"{path}: the hostile text is not shown as words"
    assert "😄" not in seen["words"], f"{path}: a shortcode in the data became an emoji"

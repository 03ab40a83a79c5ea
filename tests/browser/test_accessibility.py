"""The accessibility audit: axe-core on every page at 1280 and 320 pixels, charts, grades in words, keyboard use.

axe cannot tell whether a chart has a text alternative or whether a grade is shown by colour alone,
so those are checked here directly. Each page is opened once per width and shared by its checks.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import expect

from dashboard.about.model.accessibility import excused_rules
from dashboard.common.scale import FILL_COLOUR, GRADE_ORDER, NOT_A_GRADE, SYMBOL
from dashboard.web.widgets import TABLE_SWITCH
from tests.browser.axe import axe_violations, describe
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import (
    FORCE_PICKER,
    expand_everything,
    expect_force_in_url,
    main_heading,
    open_path,
    path_of,
    query,
    reveal_everything,
    switch_on_every_table,
    wait_until_drawn,
)
from tests.browser.registry import registered_pages

GRADE_WORDS = GRADE_ORDER + NOT_A_GRADE


@pytest.fixture(scope="module")
def desktop(browser, base_url, app_server, app_page):
    context = browser.new_context(base_url=base_url, viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    open_path(tab, app_page.path)
    reveal_everything(tab)
    expand_everything(tab)
    switch_on_every_table(tab)
    reveal_everything(tab)
    yield tab
    context.close()


@pytest.fixture(scope="module")
def narrow(browser, base_url, app_server, app_page):
    context = browser.new_context(base_url=base_url, viewport=PHONE, locale="en-GB", is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    tab = context.new_page()
    open_path(tab, app_page.path)
    reveal_everything(tab)
    yield tab
    context.close()


def test_no_serious_or_critical_axe_failures_at_1280_pixels(desktop, app_page):
    violations = axe_violations(desktop)
    assert not violations, f"{app_page.path} at 1280 px:\n{describe(violations)}"


def test_no_serious_or_critical_axe_failures_at_320_pixels(narrow, app_page):
    violations = axe_violations(narrow)
    assert not violations, f"{app_page.path} at 320 px:\n{describe(violations)}"


def test_the_page_reflows_to_320_pixels_without_sideways_scrolling(narrow, app_page):
    # WCAG 1.4.10: content fits the width; wide tables and charts may scroll inside their own box.
    overflow = narrow.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{app_page.path} is {overflow} px wider than a 320 px screen"


CHART_GROUPS = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stPlotlyChart"]')].map(chart => {
    const holder = chart.closest('[data-testid="stElementContainer"]');
    const group = chart.closest('[class*="st-key-chart-"]');
    if (!group) return {grouped: false};
    const children = ':scope > [data-testid="stElementContainer"], :scope > [data-testid="stLayoutWrapper"]';
    const items = [...group.querySelectorAll(children)];
    const at = items.indexOf(holder);
    const before = at > 0 ? items[at - 1].querySelector('[data-testid="stMarkdownContainer"]') : null;
    const rest = items.slice(at + 1);
    const switchAt = rest.findIndex(i => i.querySelector('input[role="switch"]'));
    const after = switchAt < 0 ? [] : rest.slice(switchAt + 1);
    return {
        grouped: true,
        name: chart.getAttribute('aria-label') || '',
        role: chart.getAttribute('role') || '',
        summary: before ? before.innerText.trim() : '',
        switchName: switchAt < 0 ? '' : rest[switchAt].querySelector('input[role="switch"]').getAttribute('aria-label'),
        table: after.some(i => i.querySelector('[data-testid="stDataFrame"]')),
        download: after.some(i => i.querySelector('[data-testid="stDownloadButton"] button')),
        svgText: chart.querySelector('.main-svg') ? chart.innerText : '',
        fills: [...chart.querySelectorAll('.main-svg path, .main-svg rect')].map(e => getComputedStyle(e).fill),
    };
})"""


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_every_chart_has_a_name_its_sentence_before_it_and_its_data_after_it(desktop, app_page):
    charts = desktop.evaluate(CHART_GROUPS)
    groups = desktop.locator('[data-testid="stMain"] [class*="st-key-chart-"]').count()
    assert len(charts) == groups, f"{groups} chart blocks on {app_page.path} but {len(charts)} charts drawn"
    for number, chart in enumerate(charts, start=1):
        where = f"chart {number} on {app_page.path}"
        assert chart["grouped"], f"{where} was not drawn through dashboard.web.widgets.chart_block"
        assert chart["role"] == "figure" and chart["name"].startswith("Chart: "), f"{where} has no accessible name"
        assert len(chart["summary"].split()) >= 5, f"{where} has no sentence saying what it shows before it"
        assert chart["switchName"] == TABLE_SWITCH, f"{where} has no '{TABLE_SWITCH}' switch after it"
        assert chart["table"], f"{where} has no table of its data after its switch (turned on from the keyboard)"
        assert chart["download"], f"{where} has no CSV download after it"


def test_every_grade_colour_comes_with_the_grade_in_words(desktop, app_page):
    coloured = desktop.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stMarkdownContainer"] span')]
            .filter(s => !['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(s).backgroundColor))
            .map(s => s.innerText.trim())"""
    )
    symbols = {symbol for grade, symbol in SYMBOL.items() if grade in GRADE_ORDER}
    for text in coloured:
        assert re.search(r"[A-Za-z]{2}", text), f"a coloured mark on {app_page.path} has no words: {text!r}"
        if any(symbol in text for symbol in symbols):
            assert any(word in text for word in GRADE_WORDS), f"a grade mark on {app_page.path} lacks its word: {text!r}"
    # In charts: wherever a grade's fill colour is drawn, the grade is written in the same chart.
    grade_of_fill = {_rgb(colour): grade for grade, colour in FILL_COLOUR.items() if grade != "Not known"}
    for number, chart in enumerate(desktop.evaluate(CHART_GROUPS), start=1):
        drawn = {grade_of_fill[f] for f in chart.get("fills", []) if f in grade_of_fill}
        missing = [g for g in drawn if g not in chart.get("svgText", "")]
        assert not missing, f"chart {number} on {app_page.path} colours {missing} without the words"


def test_tab_never_gets_stuck_on_one_element(desktop, app_page):
    # WCAG 2.1.2 No Keyboard Trap: Tab moves focus on until it leaves the page or comes round again. A data
    # table takes one Tab per column before letting go, so only 30 presses on one element count as stuck.
    focus_start_of_page(desktop)
    seen: list[str] = []
    stuck = 0
    for _ in range(150):
        desktop.keyboard.press("Tab")
        current = desktop.evaluate(
            "(() => { const e = document.activeElement; return e && e !== document.body ? "
            "e.tagName + '|' + (e.getAttribute('aria-label') || e.innerText || '').slice(0, 60) + '|' + "
            "Math.round(e.getBoundingClientRect().top + window.scrollY) : 'body'; })()"
        )
        if current == "body" or (seen and current == seen[0]):
            break
        stuck = stuck + 1 if seen and current == seen[-1] else 0
        assert stuck < 30, f"focus is stuck on {current} on {app_page.path}"
        seen.append(current)
    assert seen, f"nothing on {app_page.path} can be reached with Tab"


def focus_start_of_page(page) -> None:
    """Put the keyboard at the top of the document, as after opening the page."""
    page.evaluate("document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex')")


def _focused(page) -> dict:
    return page.evaluate(
        "(() => { const e = document.activeElement; return {role: e.getAttribute('role'), "
        "label: e.getAttribute('aria-label'), href: e.getAttribute('href'), text: (e.innerText || '').trim()}; })()"
    )


def test_a_keyboard_alone_can_choose_a_force_and_move_to_another_page(page):
    target = next(p for p in registered_pages() if not p.default)
    open_path(page, "/")
    focus_start_of_page(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if _focused(page)["label"] == FORCE_PICKER:
            break
    else:
        pytest.fail("Tab never reached the force picker")
    page.keyboard.type("Kent")
    page.keyboard.press("Enter")
    expect_force_in_url(page, "kent")
    expect(page.locator('[data-testid="stMain"] h1').first).to_have_text("Kent Police: where it stands")
    wait_until_drawn(page)

    # The menu comes before the page in reading order, so go back to it with Shift+Tab.
    page.get_by_role("combobox", name=FORCE_PICKER).focus()
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        focused = _focused(page)
        if focused["href"] and focused["href"].rstrip("/").endswith(target.path) and target.title in focused["text"]:
            break
    else:
        pytest.fail(f"Shift+Tab never reached the menu link to {target.title}")
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(re.escape(target.title)))
    wait_until_drawn(page)
    assert path_of(page) == target.path
    assert main_heading(page)
    if page.get_by_role("combobox", name=FORCE_PICKER).count():
        assert query(page).get("force") == ["kent"]
        assert page.get_by_role("combobox", name=FORCE_PICKER).input_value() == "Kent"


def test_the_accessibility_statement_is_in_the_navigation_and_states_its_status(page):
    statement = next(p for p in registered_pages() if p.file == "accessibility.py")
    assert statement.section == "About"
    open_path(page, statement.path)
    text = page.locator('[data-testid="stMain"]').inner_text()
    for heading in ("Compliance status", "Non-accessible content", "Feedback and contact information"):
        assert heading in text
    assert "partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2 AA" in text
    assert re.search(r"last tested on \d{1,2} [A-Z][a-z]+ \d{4}", text)


def test_every_failure_the_audit_excuses_still_happens(page):
    # The statement lists these as known issues; once Streamlit fixes one, the statement must drop it.
    open_path(page, "/")
    page.evaluate(AXE_SCRIPT)
    found = page.evaluate(
        "async (rules) => (await axe.run(document, {runOnly: {type: 'rule', values: rules}})).violations.map(v => v.id)",
        sorted(excused_rules()),
    )
    assert sorted(set(found)) == sorted(excused_rules()), "update KNOWN_ISSUES in dashboard/about/model/accessibility.py"

"""Run axe-core (bundled by the pinned axe-playwright-python; MPL-2.0) in a page, excusing only the known issues.

The known issues, with the exact rule and element each excuses, live in dashboard/about/model/accessibility.py and
are published on the accessibility statement page.
"""

from __future__ import annotations

from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import Page

from dashboard.about.model.accessibility import excused_rules

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (landmarks, headings, and so on).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = ("serious", "critical")

_RUN = """async ({tags, blocking, excused}) => {
    const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
    const isExcused = (rule, target) => {
        const selector = excused[rule];
        if (!selector || target.length !== 1) return false;
        const element = document.querySelector(target[0]);
        return Boolean(element && element.closest(selector));
    };
    return results.violations
        .filter(v => blocking.includes(v.impact))
        .map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.filter(n => !isExcused(v.id, n.target))
                          .map(n => ({target: n.target, html: n.html.slice(0, 300), why: n.failureSummary})),
        }))
        .filter(v => v.nodes.length > 0);
}"""


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical axe violations on the page as it stands, less the excused known issues."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(_RUN, {"tags": TAGS, "blocking": list(BLOCKING), "excused": excused_rules()})


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            lines.append(f"        {node['why'].splitlines()[-1] if node['why'] else ''}")
    return "\n".join(lines)

"""The systemd units as shipped: the site and its refresh in one folder, both sandboxed, descriptors to spare.

Read from deploy/ as text, so this needs no systemd; README ("Running it as a service") records the exposure
score `systemd-analyze security` gives each unit.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deploy.cluster import TEMPLATE
from deploy.process import ROOT

DEPLOY = ROOT / "deploy"
SITE, REFRESH = DEPLOY / "dashboard.service", DEPLOY / "dashboard-refresh.service"


def settings(unit: Path) -> dict[str, list[str]]:
    """Every Key=value of a unit file, each key's values in order (a key may be given more than once)."""
    found: dict[str, list[str]] = {}
    for line in unit.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";", "[")):
            continue
        key, _, value = line.partition("=")
        found.setdefault(key.strip(), []).append(value.strip())
    return found


def one(unit: Path, key: str) -> str:
    values = settings(unit).get(key, [])
    assert len(values) == 1, f"{unit.name} sets {key} {len(values)} times"
    return values[0]


def size_in_bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([KMG]?)", value).groups()
    return int(number) * {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}[unit]


def test_the_site_and_its_refresh_work_in_one_folder_with_one_venv():
    folder = one(SITE, "WorkingDirectory")
    assert one(REFRESH, "WorkingDirectory") == folder
    python = f"{folder}/.venv/bin/python"
    assert one(SITE, "ExecStart").startswith(f"{python} -m deploy.cluster ")
    # The database first, then the static edition if none is published yet (its failure does not stop the start).
    assert settings(SITE)["ExecStartPre"] == [f"{python} -m dashboard build", f"-{python} -m dashboard site --if-missing"]
    assert one(REFRESH, "ExecStart") == f"{python} -m dashboard refresh"
    assert one(SITE, "User") == one(REFRESH, "User") == "dashboard"


def test_the_cron_line_refreshes_the_same_folder_as_the_site():
    folder = one(SITE, "WorkingDirectory")
    line = next(ln for ln in (DEPLOY / "dashboard-refresh.cron").read_text().splitlines() if ln and not ln.startswith("#"))
    assert f"cd {folder} && .venv/bin/python -m dashboard refresh" in line


@pytest.mark.parametrize("unit", [SITE, REFRESH], ids=lambda unit: unit.name)
def test_each_unit_writes_only_to_data_with_no_privileges_and_bounded_memory_and_tasks(unit):
    folder = one(unit, "WorkingDirectory")
    assert one(unit, "ProtectSystem") == "strict"
    assert one(unit, "ReadWritePaths") == f"{folder}/data"
    assert one(unit, "CapabilityBoundingSet") == ""
    assert one(unit, "AmbientCapabilities") == ""
    for switch in ("NoNewPrivileges", "PrivateTmp", "ProtectHome", "PrivateDevices", "RestrictNamespaces"):
        assert one(unit, switch) == "true", switch
    for switch in ("ProtectKernelTunables", "ProtectKernelModules", "ProtectControlGroups", "LockPersonality"):
        assert one(unit, switch) == "true", switch
    assert settings(unit)["SystemCallFilter"][0] == "@system-service"
    assert size_in_bytes(one(unit, "MemoryMax")) >= 1024**3
    assert 0 < int(one(unit, "TasksMax")) <= 1024


def test_both_units_take_only_internet_and_local_sockets_since_both_run_chromium():
    # The site prints the pack with Chromium; the refresh republishes the static edition, whose charts Chromium draws.
    assert one(SITE, "RestrictAddressFamilies").split() == ["AF_INET", "AF_INET6", "AF_UNIX"]
    assert one(REFRESH, "RestrictAddressFamilies").split() == ["AF_INET", "AF_INET6", "AF_UNIX"]


def test_neither_unit_forbids_what_chromium_needs_and_the_refresh_has_the_sites_settings():
    for unit in (SITE, REFRESH):
        assert "MemoryDenyWriteExecute" not in settings(unit), "Chromium's JavaScript compiler fails under it"
        assert "~@privileged" not in " ".join(settings(unit).get("SystemCallFilter", [])), "Chromium calls capset"
    assert one(REFRESH, "EnvironmentFile") == one(SITE, "EnvironmentFile")  # DASHBOARD_PUBLIC_URL for the feeds' ids


def nginx_setting(name: str) -> str:
    match = re.search(rf"^\s*{name}\s+(\S+);", TEMPLATE.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"{name} is not set in {TEMPLATE.name}"
    return match.group(1)


def test_the_descriptor_limits_leave_room_for_every_connection_nginx_may_hold():
    connections = int(nginx_setting("worker_connections"))
    per_worker = int(nginx_setting("worker_rlimit_nofile"))
    assert nginx_setting("worker_processes") == "auto"
    assert per_worker > 2 * connections
    assert int(one(SITE, "LimitNOFILE")) > per_worker

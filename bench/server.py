"""Kept so old imports work: the process helpers live in deploy/process.py (deploy/ imports nothing from bench/)."""

from deploy.process import ROOT, AppServer, cpu_seconds, free_port, owns_port, wait_for_health

__all__ = ["ROOT", "AppServer", "cpu_seconds", "free_port", "owns_port", "wait_for_health"]

"""Checks: each returns data (CheckResult); a runner runs them with deadlines."""

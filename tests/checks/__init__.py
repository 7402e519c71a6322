"""Tests of argmap.checks: one module per check, as in src/argmap/checks/."""

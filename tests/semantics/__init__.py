"""Tests of argmap.semantics: one module per module, as in src/argmap/semantics/."""

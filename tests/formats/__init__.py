"""Tests of argmap.formats: one module per format, as in src/argmap/formats/."""

"""Build argmap's optional C reader (src/argmap/_fastyaml.c); everything else is in pyproject.toml.

The extension reads the common case of a YAML file six times faster than the pure-Python reader,
with the same result (argmap.yamlread). It needs a C compiler and libyaml's headers (Debian:
``apt-get install gcc libyaml-dev``). Without them the build of the extension fails quietly
(``optional=True``) and argmap installs and works without it, only slower on large maps.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "argmap._fastyaml",
            sources=["src/argmap/_fastyaml.c"],
            libraries=["yaml"],
            optional=True,
        )
    ]
)

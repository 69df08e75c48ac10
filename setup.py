"""The optional C speedups of the cleaning engine (everything else is in pyproject.toml).

``reader/clean/_speedups.c`` is built when a C compiler is at hand; when it
is not, the build goes on without it and the same Python code runs instead
(the same results, more slowly).
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("reader.clean._speedups", ["reader/clean/_speedups.c"], optional=True)])

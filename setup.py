"""Package discovery that pyproject.toml cannot say on its own.

``resources/`` stays at the top of the repository and is shipped inside the package as
``lcplanner._resources`` (its ``fonts`` and ``templates`` folders as data), so wheels,
``pip install .`` and editable installs all carry the house-style template and the fonts,
found at run time by ``lcplanner/resources.py``. Everything else is in pyproject.toml.
"""
from setuptools import find_namespace_packages, setup

RESOURCES = ["lcplanner._resources", "lcplanner._resources.fonts",
             "lcplanner._resources.templates"]

setup(
    packages=find_namespace_packages(include=["lcplanner", "lcplanner.*"],
                                     exclude=["*.__pycache__"]) + RESOURCES,
    package_dir={"lcplanner._resources": "resources"},
)

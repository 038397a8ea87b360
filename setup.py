"""Package layout only; all metadata is in pyproject.toml.

plugins/ (the built-in plugins) and assets/ sit at the top of the repository
and install as ``kiosk_plugins`` and ``kiosk_assets``.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["kiosk", "kiosk.*"]), "kiosk_plugins", "kiosk_assets"],
    package_dir={"kiosk_plugins": "plugins", "kiosk_assets": "assets"},
    package_data={"kiosk_assets": ["**/*"]},
    include_package_data=True,
)

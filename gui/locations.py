"""Where the app's own files are: resources/ and seeds/, found relative to this package only."""

from __future__ import annotations

import pathlib

_PACKAGE = pathlib.Path(__file__).resolve().parent


def package_folder(name: str) -> pathlib.Path:
    """A data folder shipped with the gui package: inside it in a wheel, beside it in a checkout.

    A built wheel carries resources/ and seeds/ as copydesk/gui/resources and copydesk/gui/seeds; an
    editable install runs gui/ from the checkout, where they sit at the top beside it. Nothing else
    is searched, so another distribution's top-level folder of the same name is never picked up.
    """
    packaged = _PACKAGE / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def resources_dir() -> pathlib.Path:
    """Stylesheets, icons and the desktop file."""
    return package_folder("resources")


def seeds_folder() -> pathlib.Path:
    """The five sample articles the app opens on first run."""
    return package_folder("seeds")

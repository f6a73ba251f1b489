"""Where library images are used, as told by the apps that use them.

The media library knows nothing of articles: an app that shows images registers a
finder here (articles does, in its AppConfig.ready), and the image admin and form ask
every finder. A finder is called as finder(image, body_only=False) and returns Use rows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from .models import Image

# Below this length a file's stem is not a random name (images stored before names were
# random) and could match unrelated text: the whole stored name is looked for instead.
MIN_MARKER_LENGTH = 16


@dataclass(frozen=True)
class Use:
    """One object that shows an image: its title, its admin URL and where it shows it."""

    title: str
    url: str
    in_cover: bool = False
    in_body: bool = False


Finder = Callable[..., list[Use]]
_finders: list[Finder] = []


def register(finder: Finder) -> Finder:
    """Add finder to the ones asked where an image is used (usable as a decorator)."""
    if finder not in _finders:
        _finders.append(finder)
    return finder


def body_marker(image: Image) -> str:
    """A string found in every URL of image's file and renditions, and nowhere else."""
    name = PurePath(image.file.name)
    return name.stem if len(name.stem) >= MIN_MARKER_LENGTH else image.file.name


def uses_of(image: Image) -> list[Use]:
    """Every registered use of image."""
    return [use for finder in _finders for use in finder(image)]


def is_in_bodies(image: Image) -> bool:
    """Whether some rich-text body shows image's file or one of its renditions."""
    return any(finder(image, body_only=True) for finder in _finders)

"""Write a scene to the file a user asked for; the suffix picks the format.

>>> output_format("actors.HTML")
'html'
>>> output_format("actors.pdf")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
newskg.errors.ConfigError: cannot write 'actors.pdf': give a file ending in .html (...)
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError, GraphFileError
from .page import render_html
from .picture import write_picture
from .scene import Scene

__all__ = ["VIZ_FORMATS", "output_format", "write_viz"]

VIZ_FORMATS = ("html", "png", "svg")
"""The file suffixes :func:`write_viz` understands."""


def output_format(path: Path | str) -> str:
    """The format of an output file from its suffix.

    Raises:
        ConfigError: the suffix is not .html, .png or .svg.
    """
    suffix = Path(path).suffix.lstrip(".").lower()
    if suffix == "htm":
        suffix = "html"
    if suffix not in VIZ_FORMATS:
        raise ConfigError(
            f"cannot write {str(path)!r}: give a file ending in .html (the interactive page), "
            ".png or .svg (a picture)"
        )
    return suffix


def write_viz(scene: Scene, path: Path | str) -> Path:
    """Write ``scene`` as a web page, PNG or SVG, as the suffix of ``path`` says.

    Raises:
        ConfigError: the suffix is not .html, .png or .svg.
        GraphFileError: the file cannot be written.
    """
    out = Path(path)
    fmt = output_format(out)
    try:
        if fmt == "html":
            out.write_text(render_html(scene), encoding="utf-8")
        else:
            write_picture(scene, out, fmt)
    except OSError as err:
        raise GraphFileError(
            f"cannot write {out}: {err.strerror or err}; check the folder"
        ) from err
    return out

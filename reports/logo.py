"""The agency's logo for the *kop surat*: checked and made small once, when the admin sets it,
so that every document after that only places it."""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 25_000_000  # read from the header before decoding: no decompression bomb
SIDE = 400  # pixels of the longer side kept: sharp at 3 cm on paper
FORMATS = frozenset({"PNG", "JPEG", "GIF", "WEBP", "BMP"})


class LogoRefused(ValueError):
    """A file that cannot be the logo; ``reason`` is a key of ``texts.LOGO_REFUSED``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def prepare_logo(data: bytes) -> bytes:
    """The picture in ``data`` as a PNG at most ``SIDE`` pixels on its longer side, with its
    transparency kept. Raises :class:`LogoRefused`."""
    if len(data) > MAX_BYTES:
        raise LogoRefused("too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in FORMATS:
                    raise LogoRefused("not_image")
                if image.width * image.height > MAX_PIXELS:
                    raise LogoRefused("too_many_pixels")
                image.load()
                picture = image.convert("RGBA")
    except LogoRefused:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
            Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise LogoRefused("not_image") from None
    picture.thumbnail((SIDE, SIDE))
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue()


def logo_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels of a prepared logo."""
    with Image.open(io.BytesIO(data)) as image:
        return image.width, image.height

"""Draw the Teams app icons (color 192×192, outline 32×32) with the standard library only.

Teams wants a full-colour icon and a white-on-transparent outline icon. Drawing them from code keeps them
reproducible and editable without an image editor or an extra dependency: shapes are described as functions
that say whether a point is inside, and each pixel is the share of 8×8 sample points that are.

Run from the repository root: `.venv/bin/python appmanifest/make_icons.py` (rewrites color.png and outline.png).
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACCENT = (0x1F, 0x5F, 0x8B)  # the manifest's accentColor, #1F5F8B
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 8

Shape = Callable[[float, float], bool]


def write_png(path: Path, width: int, height: int, rgba: list[tuple[int, int, int, int]]) -> None:
    """An 8-bit RGBA PNG, written by hand (signature, IHDR, one IDAT, IEND)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel) for pixel in rgba[y * width : (y + 1) * width]) for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    )


def coverage(shape: Shape, size: int) -> list[float]:
    """For each pixel of a size×size canvas (unit coordinates 0..1), the share of it the shape covers."""
    step = 1.0 / (size * SAMPLES)
    result = []
    for py in range(size):
        for px in range(size):
            hits = 0
            for sy in range(SAMPLES):
                y = (py * SAMPLES + sy + 0.5) * step
                for sx in range(SAMPLES):
                    if shape((px * SAMPLES + sx + 0.5) * step, y):
                        hits += 1
            result.append(hits / (SAMPLES * SAMPLES))
    return result


def rounded_rect(x0: float, y0: float, x1: float, y1: float, r: float) -> Shape:
    """A rectangle with corner radius r."""

    def inside(x: float, y: float) -> bool:
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            return False
        cx = min(max(x, x0 + r), x1 - r)
        cy = min(max(y, y0 + r), y1 - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

    return inside


def triangle(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> Shape:
    """A filled triangle."""

    def side(p: tuple[float, float], q: tuple[float, float], x: float, y: float) -> float:
        return (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0])

    def inside(x: float, y: float) -> bool:
        d1, d2, d3 = side(a, b, x, y), side(b, c, x, y), side(c, a, x, y)
        return not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0))

    return inside


def stroke(a: tuple[float, float], b: tuple[float, float], width: float) -> Shape:
    """A straight line of the given width with square ends."""
    length = math.dist(a, b)
    ux, uy = (b[0] - a[0]) / length, (b[1] - a[1]) / length

    def inside(x: float, y: float) -> bool:
        along = (x - a[0]) * ux + (y - a[1]) * uy
        across = -(x - a[0]) * uy + (y - a[1]) * ux
        return -width / 2 <= along <= length + width / 2 and abs(across) <= width / 2

    return inside


def union(*shapes: Shape) -> Shape:
    """Inside any of the shapes."""
    return lambda x, y: any(shape(x, y) for shape in shapes)


def within(shape: Shape, x0: float, y0: float, x1: float, y1: float) -> Shape:
    """The part of `shape` inside the box, so stroke ends do not stick out of a letter."""
    return lambda x, y: x0 <= x <= x1 and y0 <= y <= y1 and shape(x, y)


def minus(shape: Shape, hole: Shape) -> Shape:
    """Inside `shape` but not inside `hole`."""
    return lambda x, y: shape(x, y) and not hole(x, y)


def letters_med(x0: float, y0: float, height: float, weight: float) -> Shape:
    """The word MED in block letters, left edge x0, top y0."""
    w = height * 0.78
    gap = height * 0.2
    half = weight / 2
    m_x, e_x, d_x = x0, x0 + w + gap, x0 + 2 * (w + gap) - gap * 0.3
    bottom = y0 + height
    m = within(
        union(
            stroke((m_x + half, y0 + half), (m_x + half, bottom - half), weight),
            stroke((m_x + w - half, y0 + half), (m_x + w - half, bottom - half), weight),
            stroke((m_x + half, y0 + half), (m_x + w / 2, y0 + height * 0.62), weight),
            stroke((m_x + w - half, y0 + half), (m_x + w / 2, y0 + height * 0.62), weight),
        ),
        m_x,
        y0,
        m_x + w,
        bottom,
    )
    e = union(
        stroke((e_x + half, y0 + half), (e_x + half, bottom - half), weight),
        stroke((e_x + half, y0 + half), (e_x + w * 0.85 - half, y0 + half), weight),
        stroke((e_x + half, y0 + height / 2), (e_x + w * 0.75 - half, y0 + height / 2), weight),
        stroke((e_x + half, bottom - half), (e_x + w * 0.85 - half, bottom - half), weight),
    )
    radius = height / 2
    centre = (d_x + w - radius, y0 + radius)

    def bowl(x: float, y: float) -> bool:
        dx, dy = x - centre[0], y - centre[1]
        if x < centre[0]:
            return y0 <= y <= bottom and (abs(dy) >= radius - weight) and x >= d_x
        return (radius - weight) ** 2 <= dx * dx + dy * dy <= radius * radius

    d = union(stroke((d_x + half, y0 + half), (d_x + half, bottom - half), weight), bowl)
    return union(m, e, d)


def bubble(inset: float) -> Shape:
    """A speech bubble with its tail at the lower left, `inset` from the canvas edge."""
    body = rounded_rect(inset, inset + 0.04, 1 - inset, 0.78 - inset * 0.5, 0.16)
    tail = triangle((0.24, 0.6), (0.46, 0.7), (0.2, 0.92 - inset))
    return union(body, tail)


def color_icon(size: int = 192) -> list[tuple[int, int, int, int]]:
    """Accent-coloured tile with a white speech bubble that says MED in the accent colour."""
    bubble_shape = bubble(0.14)
    text_shape = letters_med(0.255, 0.3, 0.2, 0.045)
    tile = rounded_rect(0, 0, 1, 1, 0.0)
    bubble_cov = coverage(minus(bubble_shape, text_shape), size)
    tile_cov = coverage(tile, size)
    pixels = []
    for tile_a, white_a in zip(tile_cov, bubble_cov, strict=True):
        rgb = tuple(round(a * (1 - white_a) + w * white_a) for a, w in zip(ACCENT, WHITE, strict=True))
        pixels.append((rgb[0], rgb[1], rgb[2], round(255 * tile_a)))
    return pixels


def outline_icon(size: int = 32) -> list[tuple[int, int, int, int]]:
    """White bubble outline with three dots on a transparent background, as Teams wants the outline icon."""
    outer = bubble(0.06)
    inner = rounded_rect(0.06 + 0.09, 0.1 + 0.09, 1 - 0.06 - 0.09, 0.75 - 0.09, 0.08)
    dots = union(*(rounded_rect(cx - 0.06, 0.4, cx + 0.06, 0.52, 0.06) for cx in (0.32, 0.5, 0.68)))
    shape = union(minus(outer, inner), dots)
    return [(255, 255, 255, round(255 * a)) for a in coverage(shape, size)]


def main() -> None:
    """Rewrite both icons next to this script."""
    write_png(HERE / "color.png", 192, 192, color_icon())
    write_png(HERE / "outline.png", 32, 32, outline_icon())


if __name__ == "__main__":
    main()

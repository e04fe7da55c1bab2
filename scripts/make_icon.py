"""Draw the HMI's icon with QPainter and write resources/icons/hmi.png and hmi.ico.

The icon is a grey feed silo with a green fill level above a dosing scale, calm like the
ISA-101 screens. The .ico holds PNG images of 16 to 256 px (the format Windows has read
since Vista). Run it again after changing the drawing and commit both files:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen, QPolygonF

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 512
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"

BACKGROUND = QColor("#3c4650")
SILO = QColor("#c8ccd0")
OUTLINE = QColor("#20262c")
FILL = QColor("#3fa34d")


def draw(size: int) -> QImage:
    """The icon at `size` × `size` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    s = size / 64.0  # the drawing is designed on a 64 × 64 grid
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BACKGROUND)
    painter.drawRoundedRect(QRectF(1 * s, 1 * s, 62 * s, 62 * s), 12 * s, 12 * s)
    silo = QPolygonF(
        [
            QPointF(18 * s, 10 * s),
            QPointF(46 * s, 10 * s),
            QPointF(46 * s, 36 * s),
            QPointF(36 * s, 46 * s),
            QPointF(28 * s, 46 * s),
            QPointF(18 * s, 36 * s),
        ]
    )
    painter.setPen(QPen(OUTLINE, max(1.0, 2 * s)))
    painter.setBrush(SILO)
    painter.drawPolygon(silo)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(FILL)
    level = QPolygonF(
        [
            QPointF(20 * s, 24 * s),
            QPointF(44 * s, 24 * s),
            QPointF(44 * s, 35 * s),
            QPointF(35 * s, 44 * s),
            QPointF(29 * s, 44 * s),
            QPointF(20 * s, 35 * s),
        ]
    )
    painter.drawPolygon(level)
    painter.setBrush(SILO)
    painter.setPen(QPen(OUTLINE, max(1.0, 2 * s)))
    painter.drawRect(QRectF(12 * s, 50 * s, 40 * s, 6 * s))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    """Encode an image as PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"cannot encode the {image.width()} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An .ico file holding one PNG per size (ICONDIR, ICONDIRENTRY × n, then the images)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = [], []
    for size, blob in sorted(images.items()):
        if not 1 <= size <= 256:
            raise ValueError(f"icon size {size} px: an .ico image is 1 to 256 px")
        dim = 0 if size == 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def write_icons(folder: Path) -> tuple[Path, Path]:
    """Write hmi.png (512 px) and hmi.ico (16–256 px) into `folder`; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / "hmi.png"
    ico = folder / "hmi.ico"
    png.write_bytes(png_bytes(draw(PNG_SIZE)))
    ico.write_bytes(ico_bytes({size: png_bytes(draw(size)) for size in ICO_SIZES}))
    return png, ico


def main(argv: list[str] | None = None) -> int:
    """Command line: `make_icon.py [--out FOLDER]`."""
    parser = argparse.ArgumentParser(description="Draw the HMI icon (PNG and ICO)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in write_icons(args.out):
        print(f"wrote {path} ({path.stat().st_size} bytes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Small PDF files written byte by byte, so the tests need no PDF download and no drawing library.

Each page draws its lines in Helvetica with WinAnsiEncoding (æ, ø and å are single bytes there, as in the PDFs
Word and most printers write); an empty line leaves a gap, as between two paragraphs. A page given no lines
draws only a grey box: what a scanned page looks like to a text extractor.
"""

from __future__ import annotations

from collections.abc import Sequence

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
FONT_SIZE, LEADING, MARGIN = 11, 14, 72


def _literal(text: str) -> bytes:
    """A PDF string literal in WinAnsiEncoding (cp1252), with its delimiters escaped."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _content(lines: Sequence[str]) -> bytes:
    if not lines:
        return b"0.6 g 72 72 451 698 re f"  # a "scan": paint, no text
    ops = [b"BT", b"/F1 %d Tf" % FONT_SIZE, b"%d TL" % LEADING, b"%d %d Td" % (MARGIN, PAGE_HEIGHT - MARGIN)]
    for line in lines:
        ops.append(_literal(line) + b" Tj T*" if line else b"T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_bytes(pages: Sequence[Sequence[str]], title: str = "", created: str = "") -> bytes:
    """A PDF with one page per item of `pages` (each a list of text lines); `created` as YYYYMMDD."""
    page_ids = [4 + 2 * n for n in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % i for i in page_ids) + b"] /Count %d >>" % len(pages),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    for page_id, lines in zip(page_ids, pages, strict=True):
        stream = _content(lines)
        objects[page_id] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (
            PAGE_WIDTH,
            PAGE_HEIGHT,
        ) + b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    info_id = 4 + 2 * len(pages)
    info = b""
    if title:
        info += b"/Title " + _literal(title)
    if created:
        info += b" /CreationDate (D:" + created.encode() + b"120000Z)"
    objects[info_id] = b"<< " + info + b" >>"

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (info_id + 1)
    for number in range(1, info_id + 1):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (info_id + 1, info_id, xref)
    return bytes(out)

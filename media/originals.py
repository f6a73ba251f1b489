"""The stored original: EXIF orientation applied, GPS and every other metadata removed.

A photo's EXIF, XMP or IPTC can hold where and when it was taken and with which phone,
which may expose a source. Metadata is removed losslessly, by copying the file without
its metadata segments, so the photo is not recompressed; only a photo that must be
turned upright (EXIF orientation) is re-encoded, because browsers rotate by that tag and
it goes away with the rest of EXIF. The functions take and return bytes, no Django.
"""

import io
import re
import struct

from PIL import Image as PILImage
from PIL import ImageSequence
from PIL.JpegImagePlugin import get_sampling

ORIENTATION = 0x0112
# EXIF orientation -> the transpose that turns the pixels upright.
TRANSPOSE = {
    2: PILImage.Transpose.FLIP_LEFT_RIGHT,
    3: PILImage.Transpose.ROTATE_180,
    4: PILImage.Transpose.FLIP_TOP_BOTTOM,
    5: PILImage.Transpose.TRANSPOSE,
    6: PILImage.Transpose.ROTATE_270,
    7: PILImage.Transpose.TRANSVERSE,
    8: PILImage.Transpose.ROTATE_90,
}

# What a browser needs to draw the picture with the right colours; everything else
# (EXIF, XMP, IPTC, comments, text, thumbnails, appended videos) goes.
PNG_KEEP = {
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
    b"sBIT", b"pHYs", b"bKGD", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip
WEBP_KEEP = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
WEBP_VP8X_EXIF_XMP = 0x08 | 0x04
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG markers with no length field; a marker inside entropy-coded data is an 0xFF
# followed by anything but 0x00 (stuffing), a restart marker or another 0xFF (fill).
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}
JPEG_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
SOS, EOI, COM = 0xDA, 0xD9, 0xFE


def clean(data):
    """(data without metadata and turned upright, Pillow's format); data itself if clean."""
    with PILImage.open(io.BytesIO(data), formats=["JPEG", "PNG", "WEBP", "GIF"]) as img:
        orientation = img.getexif().get(ORIENTATION, 1)
        fmt = "JPEG" if img.format == "MPO" else img.format
        # A lossless WebP stays lossless if it has to be drawn again.
        lossless = fmt == "WEBP" and b"VP8L" in data
        if orientation in TRANSPOSE:
            return reencode(img, fmt, TRANSPOSE[orientation], lossless=lossless), fmt
        try:
            return STRIPPERS[fmt](data), fmt
        except (ValueError, IndexError, struct.error):
            # Pillow decoded a file whose layout we cannot follow: draw it again instead.
            return reencode(img, fmt, None, lossless=lossless), fmt


def strip_jpeg(data):
    """JPEG without APPn/COM segments other than JFIF, ICC profile and Adobe."""
    if data[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG")
    out = [data[:2]]
    pos = 2
    while True:
        if data[pos] != 0xFF:
            # Stray bytes between segments, which decoders skip: so do we.
            pos = data.index(b"\xff", pos)
            continue
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker == EOI:
            out.append(data[pos : pos + 2])
            break  # anything after EOI (an MPO's depth map, a motion photo's video) goes
        if marker in JPEG_STANDALONE:
            out.append(data[pos : pos + 2])
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        end = pos + 2 + length
        if end > len(data):
            raise ValueError("segment runs past the end")
        segment = _jpeg_segment(marker, data[pos:end])
        if segment:
            out.append(segment)
        pos = end
        if marker == SOS:
            # Entropy-coded data runs to the next real marker.
            found = JPEG_NEXT_MARKER.search(data, pos)
            if found is None:
                raise ValueError("no EOI")
            out.append(data[pos : found.start()])
            pos = found.start()
    return b"".join(out)


def _jpeg_segment(marker, segment):
    """The segment to keep (maybe rewritten), or None to drop it."""
    payload = segment[4:]
    if marker == 0xE0 and payload.startswith(b"JFIF\0"):
        if len(payload) > 14:
            # A JFIF thumbnail may show what a crop removed: keep the header only.
            header = payload[:12] + b"\0\0"
            return b"\xff\xe0" + struct.pack(">H", len(header) + 2) + header
        return segment
    if marker == 0xE2 and payload.startswith(b"ICC_PROFILE\0"):
        return segment
    if marker == 0xEE and payload.startswith(b"Adobe"):
        return segment  # tells the decoder how to read CMYK and YCCK colours
    if 0xE0 <= marker <= 0xEF or marker == COM:
        return None
    return segment


def strip_png(data):
    """PNG (or APNG) with only the chunks that draw the picture."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    out = [PNG_SIGNATURE]
    pos = len(PNG_SIGNATURE)
    while True:
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 12 + length  # length, type, data, CRC
        if end > len(data):
            raise ValueError("chunk runs past the end")
        if kind in PNG_KEEP:
            out.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            return b"".join(out)


def strip_webp(data):
    """WebP with only the chunks that draw the picture (and the VP8X flags to match)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    (riff_size,) = struct.unpack("<I", data[4:8])
    end_of_riff = min(len(data), 8 + riff_size)
    chunks = []
    pos = 12
    while pos + 8 <= end_of_riff:
        kind, length = struct.unpack("<4sI", data[pos : pos + 8])
        end = pos + 8 + length + (length & 1)  # chunks are padded to an even size
        if end > end_of_riff + (length & 1):
            raise ValueError("chunk runs past the end")
        chunk = data[pos:end]
        if kind == b"VP8X":
            chunk = chunk[:8] + bytes([chunk[8] & ~WEBP_VP8X_EXIF_XMP]) + chunk[9:]
        if kind in WEBP_KEEP:
            chunks.append(chunk)
        pos = end
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


def strip_gif(data):
    """GIF without comments, plain text and application blocks other than looping."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise ValueError("not a GIF")
    flags = data[10]
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    out = [data[:pos]]
    while True:
        introducer = data[pos]
        if introducer == 0x3B:  # trailer; anything after it goes
            out.append(b"\x3b")
            return b"".join(out)
        if introducer == 0x2C:  # image: descriptor, local colour table, LZW code size, data
            flags = data[pos + 9]
            start = pos
            pos += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0) + 1
            pos = _gif_sub_blocks_end(data, pos)
            out.append(data[start:pos])
        elif introducer == 0x21:
            label = data[pos + 1]
            start = pos
            pos = _gif_sub_blocks_end(data, pos + 2)
            block = data[start:pos]
            looping = label == 0xFF and block[3:14] in (b"NETSCAPE2.0", b"ANIMEXTS1.0")
            if label == 0xF9 or looping:  # graphic control (timing, transparency), loop
                out.append(block)
        else:
            raise ValueError("unknown GIF block")


def _gif_sub_blocks_end(data, pos):
    while data[pos]:
        pos += data[pos] + 1
    return pos + 1


STRIPPERS = {"JPEG": strip_jpeg, "PNG": strip_png, "WEBP": strip_webp, "GIF": strip_gif}


def reencode(img, fmt, transpose, *, lossless=False):
    """Draw img again in fmt, transposed, with nothing but its pixels and colour profile."""
    frames, durations = [], []
    for source in ImageSequence.Iterator(img):
        frame = source.copy() if transpose is None else source.transpose(transpose)
        # Pillow writes parts of info (comments, EXIF) back on save: keep only what
        # draws the picture.
        frame.info = {k: v for k, v in source.info.items() if k == "transparency"}
        frames.append(frame)
        durations.append(source.info.get("duration", 0))
        if fmt == "JPEG":
            break  # an MPO's other pictures are not part of the photo readers see
    first = frames[0]
    options = {"icc_profile": img.info.get("icc_profile")}
    if fmt == "JPEG":
        # The original's quantisation tables: as close to lossless as re-encoding gets.
        options.update(qtables=img.quantization, optimize=True)
        if img.info.get("progressive") or img.info.get("progression"):
            options["progressive"] = True
        if get_sampling(img) != -1:
            options["subsampling"] = get_sampling(img)
    elif fmt == "WEBP":
        options.update(quality=90, lossless=lossless)
    if len(frames) > 1:
        options.update(
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=img.info.get("loop", 0),
        )
    buffer = io.BytesIO()
    first.save(buffer, fmt, **{k: v for k, v in options.items() if v is not None})
    return buffer.getvalue()

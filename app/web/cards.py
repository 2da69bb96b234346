"""Social cards: one 1200 x 630 PNG per event (its og:image), drawn with Pillow.

A card shows what a shared link should say at a glance: the event's date (as precise as it is
known), its type and place, the headline, and who reported it. Cards are drawn on first request
and kept on disk under the data folder, named by a digest of what they show, so an edited event
gets a new card and an unchanged one is never drawn twice.

Fonts: DejaVu Sans where the system has it (Debian's fonts-dejavu-core, installed in the Docker
image; it covers Latin, Greek, Cyrillic and Armenian), else the font Pillow ships.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
CARD_VERSION = "1"  # change when the drawing changes: every card is drawn again
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"),)
INK, PAPER, ACCENT, MUTED, TAG = "#ffffff", "#14202e", "#7fb4ef", "#c9d3de", "#2a3d55"
MARGIN = 64


@dataclass(frozen=True)
class CardText:
    site: str
    date_label: str
    type_label: str
    places: str
    title: str
    publishers: str
    key: bool  # a key event (app/importance.py)

    def digest(self) -> str:
        parts = (CARD_VERSION, self.site, self.date_label, self.type_label, self.places, self.title,
                 self.publishers, str(self.key))
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, lines: int) -> list[str]:
    words, result, current = text.split(), [], ""
    for word in words:
        attempt = f"{current} {word}".strip()
        if draw.textlength(attempt, font=font) <= width or not current:
            current = attempt
        else:
            result.append(current)
            current = word
        if len(result) == lines:
            break
    if current and len(result) < lines:
        result.append(current)
    if len(result) == lines and " ".join(result) != " ".join(words):
        last = result[-1]
        while last and draw.textlength(last + "\u2026", font=font) > width:
            last = last[:-1]
        result[-1] = last.rstrip() + "\u2026"
    return result


def draw_card(text: CardText) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    y = MARGIN - 8
    draw.text((MARGIN, y), text.site, font=_font(30, bold=True), fill=MUTED)
    y += 64
    draw.text((MARGIN, y), text.date_label, font=_font(44, bold=True), fill=ACCENT)
    y += 66
    tag_font = _font(28)
    tag = text.type_label + (f"  \u00b7  {text.places}" if text.places else "")
    if text.key:
        tag = "Key event  \u00b7  " + tag
    tag = _wrap(draw, tag, tag_font, WIDTH - 2 * MARGIN - 32, 1)[0]
    box = draw.textbbox((MARGIN + 16, y + 6), tag, font=tag_font)
    draw.rounded_rectangle((MARGIN, y, box[2] + 16, box[3] + 10), radius=20, fill=TAG)
    draw.text((MARGIN + 16, y + 6), tag, font=tag_font, fill=INK)
    y += 80
    # A long headline gets a smaller size rather than running into the footer.
    for size, lines in ((52, 3), (42, 4)):
        title_font = _font(size, bold=True)
        wrapped = _wrap(draw, text.title, title_font, WIDTH - 2 * MARGIN, lines)
        if not wrapped[-1].endswith("\u2026"):
            break
    for line in wrapped:
        draw.text((MARGIN, y), line, font=title_font, fill=INK)
        y += round(size * 1.27)
    footer = _wrap(draw, text.publishers, _font(28), WIDTH - 2 * MARGIN, 1)
    if footer:
        draw.text((MARGIN, HEIGHT - MARGIN - 30), footer[0], font=_font(28), fill=MUTED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def card_png(text: CardText, folder: Path) -> Path:
    """The card's file, drawn now unless a card with the same text was drawn before."""
    path = folder / f"{text.digest()}.png"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".tmp")
        partial.write_bytes(draw_card(text))
        partial.replace(path)  # atomic: a reader never sees half a card
    return path

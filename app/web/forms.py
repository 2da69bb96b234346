"""Reading a posted form without guessing at its bytes.

Starlette decodes a text field whose bytes are not valid in the form's charset as Latin-1
(multipart) or with replacement characters (URL-encoded), silently: pasted text that is not
valid UTF-8 would be stored garbled ("Ã©" for "é"). Here each text field's raw bytes are decoded
strictly; a field that fails is named in `FormReading.undecodable` (the caller refuses the form,
as an upload of the same bytes as a file is refused) and kept with U+FFFD where the bad bytes
were, so a form re-shown to its author shows where the trouble is. Files are left as bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from fastapi import Request
from starlette.datastructures import FormData
from starlette.formparsers import FormParser, MultiPartParser


@dataclass
class FormReading:
    form: FormData
    undecodable: list[str] = field(default_factory=list)  # text fields that were not valid in the charset


def _decode(raw: bytes, charset: str, name: str, undecodable: list[str]) -> str:
    try:
        return raw.decode(charset)
    except UnicodeDecodeError:
        if name not in undecodable:
            undecodable.append(name)
        return raw.decode(charset, errors="replace")


class _StrictMultiPart(MultiPartParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.undecodable: list[str] = []

    def on_part_end(self) -> None:
        part = self._current_part
        if part.file is not None:
            super().on_part_end()
            return
        self.items.append((part.field_name, _decode(bytes(part.data), self._charset or "utf-8",
                                                    part.field_name, self.undecodable)))


class _StrictUrlEncoded(FormParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.undecodable: list[str] = []

    def on_field_end(self) -> None:
        self._current_fields += 1
        if self._current_fields > self.max_fields:
            super().on_field_end()  # raises the parser's own "too many fields"
            return
        name = _decode(unquote_to_bytes(bytes(self._field_name).replace(b"+", b" ")), "utf-8", "", [])
        value = _decode(unquote_to_bytes(bytes(self._field_value).replace(b"+", b" ")), "utf-8", name,
                        self.undecodable)
        self._items.append((name, value))


async def read_form(request: Request, *, max_part_size: int) -> FormReading:
    """The request's form (multipart or URL-encoded), with the text fields that did not decode;
    read once per request (the body can only be read once), however many dependencies ask."""
    cached = getattr(request.state, "form_reading", None)
    if cached is not None:
        return cached
    request.state.form_reading = reading = await _parse(request, max_part_size)
    return reading


async def _parse(request: Request, max_part_size: int) -> FormReading:
    content_type = request.headers.get("content-type", "")
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "multipart/form-data":
        parser = _StrictMultiPart(request.headers, request.stream(), max_part_size=max_part_size)
    elif media_type == "application/x-www-form-urlencoded":
        parser = _StrictUrlEncoded(request.headers, request.stream(), max_part_size=max_part_size)
    else:
        return FormReading(FormData())
    form = await parser.parse()
    return FormReading(form, parser.undecodable)


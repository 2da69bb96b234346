"""Reading articles from files, folders and JSON Lines, with the checks that protect the database.

Everything here turns bytes into `ArticleInput` values or refuses them with a reason a person can
act on. Nothing is stored: the caller decides.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.calendar import is_supported, unsupported_reason
from app.errors import InputRejected, InputTooLarge, UnsupportedInput
from app.pipeline.types import ArticleInput, Metadata

SUPPORTED_SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html"}
FOLDER_METADATA = "articles.json"
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Refusal:
    origin: str
    reason: str


@dataclass(frozen=True)
class Placed:
    """An article whose source names the collection it belongs to (a JSON Lines record's
    `collection`, a slug); the other articles go where the run says (`--collection`), or to the
    default collection."""

    article: ArticleInput
    collection: str


def parse_date(value: object, *, field: str = "published") -> dt.date:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise InputRejected(f"{field} is missing: give the publication date as YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputRejected(f"{field} {value!r} is not a date: use YYYY-MM-DD") from None
    if not is_supported(day):
        raise InputRejected(unsupported_reason(field, day))
    return day


def check_url(url: str | None) -> str | None:
    if url is None or not url.strip():
        return None
    url = url.strip()
    if not (url.startswith("http://") or url.startswith("https://")) or len(url) > 2000:
        raise InputRejected(f"the URL {url[:80]!r} is not an http(s) address")
    return url


def decode_text(data: bytes, origin: str, *, charset: str | None = None) -> str:
    """UTF-8 (or a declared charset) text, or a refusal that says why not."""
    if not data.strip():
        raise InputRejected(f"{origin} is empty: there is no text to ingest")
    if b"\x00" in data[:8192]:
        raise UnsupportedInput(f"{origin} looks binary (it contains NUL bytes), not text")
    if (nul := data.find(b"\x00")) >= 0:  # past the sniffed start: text with one stray zero byte
        raise UnsupportedInput(
            f"{origin} holds a NUL character (a zero byte) at byte {nul:,}, which no article text can hold; "
            "remove it and send the article again"
        )
    try:
        text = data.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise UnsupportedInput(
            f"{origin} is not valid UTF-8 text; save it as UTF-8 or declare its charset"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark is an encoding detail, not article text
    if not text.strip():
        raise InputRejected(f"{origin} is empty: there is no text to ingest")
    return text


def article_from_bytes(
    data: bytes,
    *,
    source_format: str,
    meta: Metadata,
    origin: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: dt.date | None = None,
) -> ArticleInput:
    """Validate and decode one article; HTML is reduced to its main text."""
    if len(data) > max_bytes:
        raise InputTooLarge(
            f"{origin} is {len(data):,} bytes; the limit is {max_bytes:,} bytes"
        )
    text = decode_text(data, origin)
    _check_metadata(meta, origin)
    if source_format == "html":
        from app.ingest.html import reduce_html

        reduced = reduce_html(text)
        text = reduced.text
        meta = meta.over(reduced.metadata)
        if not text.strip():
            raise InputRejected(f"{origin} has no article text once its markup is removed")
    if meta.published is None:
        raise InputRejected(
            f"{origin} has no publication date: give one (--published YYYY-MM-DD or metadata)"
        )
    if today is not None and meta.published > today:
        raise InputRejected(f"{origin}: the publication date {meta.published} is in the future")
    return ArticleInput(
        text=text,
        published=meta.published,
        title=(meta.title or "").strip() or None,
        publisher=(meta.publisher or "").strip() or None,
        url=check_url(meta.url),
        source_format=source_format,
        origin=origin,
    )


def _check_metadata(meta: Metadata, origin: str) -> None:
    """Title, publisher and URL as given in metadata files or JSONL records: text, without NULs.
    Checked before anything is stored, so a bad record is refused in words rather than failing
    halfway through its write (PostgreSQL cannot store a NUL at all)."""
    for field in ("title", "publisher", "url"):
        value = getattr(meta, field)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputRejected(f"{origin}: \"{field}\" must be text, not {type(value).__name__} {str(value)[:40]!r}")
        if "\x00" in value:
            raise UnsupportedInput(f"{origin}: the {field} holds a NUL character (a zero byte), which no {field} can hold")


def read_paths(
    paths: list[Path],
    overrides: Metadata,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: dt.date | None = None,
) -> Iterator[ArticleInput | Placed | Refusal]:
    """Every article the paths hold, in a stable order; bad ones come back as refusals."""
    for path in paths:
        if not path.exists():
            yield Refusal(str(path), f"{path} does not exist")
        elif path.is_dir():
            yield from _read_folder(path, overrides, max_bytes=max_bytes, today=today)
        elif path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, overrides, max_bytes=max_bytes, today=today)
        else:
            yield _read_file(path, overrides, max_bytes=max_bytes, today=today)


def _read_file(path: Path, meta: Metadata, *, max_bytes: int, today) -> ArticleInput | Refusal:
    source_format = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if source_format is None:
        return Refusal(str(path), f"{path.name}: only .txt, .md, .html and .jsonl files are read")
    try:
        if path.stat().st_size > max_bytes:
            raise InputTooLarge(
                f"{path} is {path.stat().st_size:,} bytes; the limit is {max_bytes:,} bytes"
            )
        return article_from_bytes(
            path.read_bytes(),
            source_format=source_format,
            meta=meta,
            origin=str(path),
            max_bytes=max_bytes,
            today=today,
        )
    except InputRejected as error:
        return Refusal(str(path), error.message)


def _read_folder(folder: Path, overrides: Metadata, *, max_bytes: int, today) -> Iterator:
    """A folder's articles; its articles.json (if any) gives each file's metadata."""
    per_file: dict[str, Metadata] = {}
    metadata_path = folder / FOLDER_METADATA
    if metadata_path.exists():
        try:
            listing = json.loads(metadata_path.read_text(encoding="utf-8"))
            for entry in listing.get("articles", []):
                per_file[entry["file"]] = Metadata(
                    published=parse_date(entry["published"]) if entry.get("published") else None,
                    title=entry.get("title"),
                    publisher=entry.get("publisher"),
                    url=entry.get("url"),
                )
        except (ValueError, KeyError, TypeError, AttributeError, InputRejected) as error:
            yield Refusal(str(metadata_path), f"{metadata_path} is not valid metadata: {error}")
            return
    for path in sorted(folder.iterdir()):
        if path.name == FOLDER_METADATA or path.name.startswith(".") or path.name == "README.md":
            continue
        if path.is_dir():
            continue
        if path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, overrides, max_bytes=max_bytes, today=today)
            continue
        meta = overrides.over(per_file.get(path.name, Metadata()))
        yield _read_file(path, meta, max_bytes=max_bytes, today=today)


def _read_jsonl(path: Path, overrides: Metadata, *, max_bytes: int, today) -> Iterator:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            origin = f"line {number} of {path}"
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise InputRejected(f"{origin} has no \"text\" string")
                meta = overrides.over(
                    Metadata(
                        published=parse_date(record["published"]) if record.get("published") else None,
                        title=record.get("title"),
                        publisher=record.get("publisher"),
                        url=record.get("url"),
                    )
                )
                collection = record.get("collection")
                if collection is not None and (not isinstance(collection, str) or not collection.strip()):
                    raise InputRejected(f"{origin}: \"collection\" must be a collection's short name (a string)")
                article = article_from_bytes(
                    record["text"].encode("utf-8"),
                    source_format=record.get("format") if record.get("format") in ("md", "html") else "txt",
                    meta=meta,
                    origin=origin,
                    max_bytes=max_bytes,
                    today=today,
                )
                yield Placed(article, collection.strip()) if collection else article
            except InputRejected as error:
                yield Refusal(origin, error.message)
            except ValueError as error:
                yield Refusal(origin, f"{origin} is not valid JSON ({error})")


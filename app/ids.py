"""Public identifiers: short, URL-safe, not sequential, and the same on every installation.

They are derived from content rather than counters so that two databases built from the same
articles agree, and so that an id never reveals how many things exist:
- an article's id comes from the hash of its text;
- a mention's key from its article's hash, its sentence offset and its position in the sentence;
- an event takes the key of the mention that first reported it, and keeps it for good
  (merged-away ids live on as redirects in event_alias).
"""

from __future__ import annotations

import hashlib
import re

# Crockford's base32 in lower case: no i, l, o, u, so ids survive being read aloud or retyped.
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 10  # 50 bits: collisions stay improbable far beyond a billion ids
ID_PATTERN = re.compile(rf"^[{ALPHABET}]{{{ID_LENGTH}}}$")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_id(*parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(ID_LENGTH):
        number, remainder = divmod(number, 32)
        chars.append(ALPHABET[remainder])
    return "".join(chars)


def article_id(text_hash: str) -> str:
    return short_id("article", text_hash)


def mention_key(text_hash: str, sentence_start: int, ordinal: int) -> str:
    return short_id("mention", text_hash, str(sentence_start), str(ordinal))


def job_id(*parts: str) -> str:
    return short_id("job", *parts)


def is_public_id(value: str) -> bool:
    return bool(ID_PATTERN.match(value))


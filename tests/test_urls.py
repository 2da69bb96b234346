"""Article addresses reduced to the page they name (app/urls.py)."""

from __future__ import annotations

import pytest

from app.urls import address_key


@pytest.mark.parametrize("one, other", [
    ("https://example.org/a/b", "http://www.example.org/a/b/"),
    ("https://example.org/a/b?x=1&y=2", "https://EXAMPLE.org:443/a/b?y=2&x=1#part"),
    ("https://example.org/a/b", "https://example.org/a/b?utm_source=x&utm_campaign=y&fbclid=z&gclid=q"),
    ("https://example.org/", "https://example.org"),
    ("https://example.org/a//b", "https://example.org/a/b"),
])
def test_addresses_of_the_same_page_share_a_key(one, other):
    assert address_key(one) == address_key(other)


@pytest.mark.parametrize("one, other", [
    ("https://example.org/a/b", "https://example.org/a/B"),  # paths are case-sensitive
    ("https://example.org/a/b?id=1", "https://example.org/a/b?id=2"),
    ("https://example.org/a/b", "https://example.org:8080/a/b"),
    ("https://example.org/a/b", "https://example.com/a/b"),
    ("https://news.example.org/a", "https://example.org/a"),
])
def test_different_pages_keep_different_keys(one, other):
    assert address_key(one) != address_key(other)


def test_no_address_has_no_key_and_odd_ones_are_kept():
    assert address_key(None) is None and address_key("  ") is None
    assert address_key("https://example.org:notaport/x") == "https://example.org:notaport/x"

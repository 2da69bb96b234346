"""Helpers shared by test folders that cannot share a conftest.py: plain functions, imported by
name (`from tests.support.live_server import serve`), with no fixtures of their own."""

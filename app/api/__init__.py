"""The JSON API: a stable contract (see ../docs/api.md and /openapi.json)."""

"""The HTML side: pages and htmx fragments over the same read layer as the JSON API."""

"""The read layer: one function per question, shared by the JSON API and the pages.

Functions take a session and typed arguments and return display-ready view models
(app/queries/views.py), never ORM objects.
"""

"""Pure extraction stages: text, publication date and loaded resources in; event candidates out.

Nothing in this package touches the database, the settings, the clock or the network.
The ingestion shell (`app.ingest`) does the I/O around it.
"""

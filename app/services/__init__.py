"""Writes. Each public function does one change inside the caller's transaction; the caller
(ingestion shell, admin route, CLI) owns the transaction, so an article is stored whole or not at all."""

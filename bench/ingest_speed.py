"""Ingestion throughput end to end against spaCy's `nlp.pipe` alone, on the same texts, same run.

End to end means what `timeline ingest` does per article: decode and validate, run every
extraction stage (spaCy included), and store the article and its events in SQLite, one
transaction per article. The baseline is `nlp.pipe` over the same texts with the same model.
The ratio (end-to-end articles/s divided by spaCy-alone articles/s) must stay at or above 0.75.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from app.config import Settings


def tempeval_documents(corpus: Path, limit: int | None = None) -> list[tuple[str, dt.date]]:
    """(text, document creation date) of each TempEval-3 document, train then platinum."""
    documents, seen = [], set()
    for folder in ("train", "platinum"):
        for path in sorted((corpus / folder).glob("*.tml")):
            root = ET.parse(path).getroot()
            dct_node = root.find(".//DCT/TIMEX3")
            text_node = root.find(".//TEXT")
            if dct_node is None or text_node is None:
                continue
            text = "".join(text_node.itertext()).strip()
            if text in seen:
                continue  # the corpus holds a few identical texts; ingestion would skip them
            seen.add(text)
            documents.append((text, dt.date.fromisoformat(dct_node.get("value")[:10])))
    return documents[:limit] if limit else documents


def run(corpus: Path, spacy_model: str, limit: int | None = None, repeats: int = 1,
        postgres_url: str | None = None) -> dict[str, float]:
    """Documents per second, end to end and spaCy alone; on a fresh SQLite file each repetition,
    or on `postgres_url` (a database the benchmark may empty)."""
    from app.ingest.nlp import load_nlp, load_resources
    from app.ingest.runner import ingest_all
    from app.ingest.steps import pipeline_steps
    from app.pipeline.types import ArticleInput
    from app.migrate import upgrade

    documents = tempeval_documents(corpus, limit)
    if not documents:
        return {}
    nlp = load_nlp(spacy_model)
    texts = [text for text, _ in documents]
    # Warm both paths once so neither pays for first-use costs the other doesn't.
    list(nlp.pipe(texts[:5]))
    load_resources()
    inputs = [ArticleInput(text=text, published=dct, origin=f"doc {number}")
              for number, (text, dct) in enumerate(documents)]

    # Interleaved, best of each: a machine busy with something else slows one repetition of
    # either path, not one path throughout.
    spacy_runs, ingest_runs = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts):
            pass
        spacy_runs.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as folder:
            env = {"TIMELINE_DATA_DIR": folder, "TIMELINE_SPACY_MODEL": spacy_model}
            if postgres_url:
                from bench.scratch import empty_for_benchmark

                env["DATABASE_URL"] = postgres_url
                empty_for_benchmark(postgres_url, "ingest")
            settings = Settings.from_env(env)
            upgrade(settings.database_url)
            start = time.perf_counter()
            outcomes = list(ingest_all(inputs, settings, pipeline_steps(settings)))
            ingest_runs.append(time.perf_counter() - start)
            assert all(o.status == "added" for o in outcomes), [o for o in outcomes if o.status != "added"][:3]
            from app.db import dispose_all

            dispose_all()
    spacy_seconds, best = min(spacy_runs), min(ingest_runs)
    end_to_end_seconds = best
    n = len(documents)
    return {
        "ingest_documents": n,
        "ingest_chars": sum(len(t) for t in texts),
        "spacy_pipe_docs_per_s": round(n / spacy_seconds, 2),
        "ingest_docs_per_s": round(n / end_to_end_seconds, 2),
        "ingest_vs_spacy_ratio": round(spacy_seconds / end_to_end_seconds, 3),
    }

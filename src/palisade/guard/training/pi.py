"""Train and evaluate the prompt-injection model; every figure in docs/guard-detection.md comes from here.

    python -m palisade.guard.training.pi train      # writes src/palisade/guard/models/pi_linear.npz
    python -m palisade.guard.training.pi evaluate   # cross-validation, held-out templates, hard negatives
    python -m palisade.guard.training.pi quick      # the shipped model on every set, no refitting

Data: ``pi/dev.jsonl`` from the shared data directory (``--data``, default ``../shared/data`` next to the
checkout) plus the *train* families of ``palisade.guard.training.synth``. The *heldout* and *blind* synthetic
families and ``requests/dev.jsonl`` are never trained on.

Training is multiple-instance: a long positive text is a bag of windows of which at least one is an attack
(an instruction buried in a document), so after a first fit only its highest-scoring windows stay positive.
The operating point (``center``) is the out-of-fold logit at which the model alone flags ``--target-fpr`` of
the negatives; the scanner combines the model's risk with the rule tier's.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from palisade.guard.scanners._pi._features import (
    BITS,
    PSEUDO_CHARS,
    PSEUDO_WORDS,
    STRIDE,
    WINDOW,
    featurize,
    signal_bucket,
    windows,
)
from palisade.guard.scanners._pi._heuristic import score_rules, signal_names
from palisade.guard.scanners._pi._model import LinearModel, is_degenerate, read_npz
from palisade.guard.scanners._pi._text import normalize
from palisade.guard.training import synth
from palisade.guard.training.linear import Rows, fit_logistic

__all__ = ["Corpus", "load_corpus", "main"]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "pi_linear.npz"
DEFAULT_DATA = Path(__file__).resolve().parents[5] / "shared" / "data"
NEG_WINDOW_CAP = 12  # windows of one negative text used for training (all are scored)
MIL_ROUNDS = 1
MIL_KEEP = 0.25
SCALE = 2.0
BLOCK_AT = 0.5


@dataclass
class Corpus:
    texts: list[str]
    labels: I64
    sources: list[str]
    categories: list[str]
    origin: list[str]  # dev | synth-train | synth-heldout | requests
    rows: Rows = field(repr=False)
    window_text: I64 = field(repr=False)  # text index of each window row
    train_window: BoolArray = field(repr=False)  # window used when its text is a training negative
    rule_risk: F64 = field(repr=False)
    signals: list[list[str]] = field(
        repr=False, default_factory=list
    )  # rule signal names of each text

    def mask(self, *origins: str) -> BoolArray:
        return np.array([o in origins for o in self.origin], dtype=bool)


def _source_group(source: str) -> str:
    """One group per originating file: ``NVIDIA/garak:garak/probes/latentinjection.py`` → that file."""
    return source.split(" ")[0]


def _featurize_all(
    texts: Sequence[str], signals: Sequence[Sequence[str]], rng: np.random.Generator
) -> tuple[Rows, I64, BoolArray]:
    rows: list[I64] = []
    cols: list[I64] = []
    vals: list[F64] = []
    window_text: list[int] = []
    train_window: list[bool] = []
    r = 0
    for i, text in enumerate(texts):
        normalized = normalize(text)
        f = featurize(normalized)
        spans = windows(f)
        keep = np.zeros(len(spans), dtype=bool)
        keep[rng.permutation(len(spans))[:NEG_WINDOW_CAP]] = True
        rule_cols = np.asarray([signal_bucket(name) for name in signals[i]], dtype=np.int64)
        for k, (a, b) in enumerate(spans):
            if is_degenerate(normalized, a, b):  # scored as an empty window at run time too
                window_text.append(i)
                train_window.append(False)
                r += 1
                continue
            for buckets, at, pseudo in (
                (f.word_buckets, f.word_at, PSEUDO_WORDS),
                (f.char_buckets, f.char_at, PSEUDO_CHARS),
            ):
                sel = buckets[(at >= a) & (at < b)]
                if sel.size:
                    cols.append(sel)
                    vals.append(np.full(sel.size, 1.0 / (sel.size + pseudo)))
                    rows.append(np.full(sel.size, r, dtype=np.int64))
            if rule_cols.size:
                cols.append(rule_cols)
                vals.append(np.ones(rule_cols.size))
                rows.append(np.full(rule_cols.size, r, dtype=np.int64))
            window_text.append(i)
            train_window.append(bool(keep[k]))
            r += 1
    x = Rows(
        np.concatenate(rows),
        np.concatenate(cols),
        np.concatenate(vals),
        r,
        1 << BITS,
    )
    return x, np.asarray(window_text, dtype=np.int64), np.asarray(train_window, dtype=bool)


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_corpus(data_dir: Path, *, per_family: int = 120, seed: int = 7) -> Corpus:
    texts: list[str] = []
    labels: list[int] = []
    sources: list[str] = []
    cats: list[str] = []
    origin: list[str] = []
    for row in _read_jsonl(data_dir / "pi" / "dev.jsonl"):
        texts.append(str(row["text"]))
        labels.append(int(str(row["label"])))
        sources.append(_source_group(str(row.get("source", "dev"))))
        cats.append(str(row.get("category", "")))
        origin.append("dev")
    for ex in synth.generate(per_family=per_family, seed=seed):
        texts.append(ex.text)
        labels.append(ex.label)
        sources.append(f"synthetic:{ex.family}")
        cats.append(ex.cls)
        origin.append(f"synth-{ex.split}")
    requests = data_dir / "requests" / "dev.jsonl"
    if requests.is_file():
        for row in _read_jsonl(requests):
            tags = row.get("tags")
            # the one prompt-injection row in the requests set is an attack, the rest are ordinary requests
            is_attack = isinstance(tags, list) and "prompt-injection" in tags
            texts.append(str(row["text"]))
            labels.append(1 if is_attack else 0)
            sources.append("requests")
            cats.append("request")
            origin.append("requests")
    rng = np.random.default_rng(seed)
    scored = [score_rules(t) for t in texts]
    rule_risk = np.array([risk for risk, _ in scored])
    signals = [signal_names(hits) for _, hits in scored]
    x, window_text, train_window = _featurize_all(texts, signals, rng)
    return Corpus(
        texts,
        np.asarray(labels, dtype=np.int64),
        sources,
        cats,
        origin,
        x,
        window_text,
        train_window,
        rule_risk,
        signals,
    )


# ------------------------------------------------------------------------------------------------ fitting
@dataclass(frozen=True)
class Fitted:
    weights: F64
    bias: float


def _text_logits(c: Corpus, fitted: Fitted, text_mask: BoolArray) -> F64:
    """Max-window logit of every text (NaN for texts outside ``text_mask``)."""
    win = text_mask[c.window_text]
    sub = c.rows.subset(win)
    logits = sub.dot(fitted.weights) + fitted.bias
    owners = c.window_text[win]
    out = np.full(len(c.texts), -np.inf)
    np.maximum.at(out, owners, logits)
    out[~text_mask] = np.nan
    return out


def fit(c: Corpus, train: BoolArray, *, lam: float, log: bool = False) -> Fitted:
    """Multiple-instance fit on the texts selected by ``train``."""
    labels = c.labels[c.window_text]
    in_train = train[c.window_text]
    counts = np.bincount(c.window_text, minlength=len(c.texts)).astype(np.float64)
    neg = in_train & (labels == 0) & c.train_window
    neg_count = np.bincount(c.window_text[neg], minlength=len(c.texts)).astype(np.float64)
    weight = np.zeros(c.rows.n_rows)
    weight[neg] = 1.0 / np.sqrt(neg_count[c.window_text[neg]])
    pos = in_train & (labels == 1)
    weight[pos] = 1.0 / counts[c.window_text[pos]]
    fitted: Fitted | None = None
    for round_ in range(MIL_ROUNDS + 1):
        if fitted is not None:
            logits = c.rows.subset(pos).dot(fitted.weights) + fitted.bias
            owners = c.window_text[pos]
            weight[pos] = 0.0
            pos_idx = np.flatnonzero(pos)
            by_text: dict[int, list[int]] = defaultdict(list)
            for k, owner in enumerate(owners):
                by_text[int(owner)].append(k)
            for members in by_text.values():
                keep = max(1, math.ceil(len(members) * MIL_KEEP))
                best = sorted(members, key=lambda k: -logits[k])[:keep]
                weight[pos_idx[best]] = 1.0 / keep
        used = weight > 0
        w_used = weight[used]
        y_used = labels[used]
        w_used = w_used.copy()
        w_used[y_used == 1] *= w_used[y_used == 0].sum() / max(w_used[y_used == 1].sum(), 1e-12)
        started = time.perf_counter()
        init = None if fitted is None else np.append(fitted.weights, fitted.bias)
        w, b = fit_logistic(c.rows.subset(used), y_used, w_used, lam=lam, init=init)
        fitted = Fitted(w, b)
        if log:
            sys.stderr.write(
                f"  round {round_}: {used.sum()} windows, {time.perf_counter() - started:.1f}s\n"
            )
    assert fitted is not None
    return fitted


def calibrate(logits: F64, labels: I64, *, target_fpr: float) -> float:
    """The logit at which ``target_fpr`` of the negatives score at or above it."""
    negatives = np.sort(logits[labels == 0])
    if not negatives.size:
        return 0.0
    k = max(0, min(negatives.size - 1, math.ceil(negatives.size * (1.0 - target_fpr)) - 1))
    return float(negatives[k]) + 1e-6


def combined_risk(rule: F64, logits: F64, center: float) -> F64:
    z = np.clip((logits - center) * SCALE, -60, 60)
    model = 1.0 / (1.0 + np.exp(-z))
    return 1.0 - (1.0 - rule) * (1.0 - model)


# ---------------------------------------------------------------------------------------------- reporting
def _rates(pred: BoolArray, labels: I64) -> dict[str, float | int]:
    pos = labels == 1
    neg = ~pos
    tp = int((pred & pos).sum())
    fp = int((pred & neg).sum())
    return {
        "positives": int(pos.sum()),
        "negatives": int(neg.sum()),
        "recall": round(tp / max(int(pos.sum()), 1), 4),
        "fpr": round(fp / max(int(neg.sum()), 1), 4),
        "tp": tp,
        "fp": fp,
    }


def _auc(scores: F64, labels: I64) -> float | None:
    pos = scores[labels == 1]
    neg = scores[labels == 0]
    if not pos.size or not neg.size:
        return None
    order = np.argsort(np.concatenate([neg, pos]), kind="mergesort")
    ranks = np.empty(order.size)
    ranks[order] = np.arange(1, order.size + 1)
    allv = np.concatenate([neg, pos])
    # average ranks over ties
    _, inv, cnt = np.unique(allv, return_inverse=True, return_counts=True)
    sums = np.bincount(inv, weights=ranks)
    ranks = (sums / cnt)[inv]
    rp = ranks[neg.size :].sum()
    return round(float((rp - pos.size * (pos.size + 1) / 2) / (pos.size * neg.size)), 4)


def _tiers(c: Corpus, idx: BoolArray, logits: F64, center: float) -> dict[str, object]:
    labels = c.labels[idx]
    rule = c.rule_risk[idx]
    lg = logits[idx]
    risk = combined_risk(rule, lg, center)
    return {
        "rules": _rates(rule >= BLOCK_AT, labels),
        "model": _rates(lg >= center, labels) | {"roc_auc": _auc(lg, labels)},
        "combined": _rates(risk >= BLOCK_AT, labels) | {"roc_auc": _auc(risk, labels)},
    }


def _by(
    c: Corpus, idx: BoolArray, logits: F64, center: float, key: Sequence[str]
) -> dict[str, object]:
    out: dict[str, object] = {}
    for value in sorted({key[int(i)] for i in np.flatnonzero(idx)}):
        sel = idx & np.array([k == value for k in key])
        labels = c.labels[sel]
        risk = combined_risk(c.rule_risk[sel], logits[sel], center)
        out[value] = _rates(risk >= BLOCK_AT, labels)
    return out


def evaluate(
    c: Corpus, *, lam: float, target_fpr: float, folds: int, seed: int
) -> dict[str, object]:
    dev = c.mask("dev")
    synth_train = c.mask("synth-train")
    heldout = c.mask("synth-heldout")
    requests = c.mask("requests")
    report: dict[str, object] = {}

    # 1. dev, stratified k-fold (in distribution); synthetic training families are always in the training part
    rng = np.random.default_rng(seed)
    fold_of = np.full(len(c.texts), -1)
    for label in (0, 1):
        members = np.flatnonzero(dev & (c.labels == label))
        fold_of[members] = rng.permutation(members.size) % folds
    oof = np.full(len(c.texts), np.nan)
    for k in range(folds):
        test = fold_of == k
        fitted = fit(c, (dev & ~test) | synth_train, lam=lam)
        oof[test] = _text_logits(c, fitted, test)[test]
        sys.stderr.write(f"fold {k + 1}/{folds} done\n")
    center = calibrate(oof[dev], c.labels[dev], target_fpr=target_fpr)
    report["dev_cv"] = {
        "folds": folds,
        "center": round(center, 4),
        **_tiers(c, dev, oof, center),
        "by_category": _by(c, dev, oof, center, c.categories),
    }

    # 2. dev, leave-one-source-out for every source with attacks: how a new *source* of attacks fares
    loso: dict[str, object] = {}
    for source in sorted({c.sources[i] for i in np.flatnonzero(dev & (c.labels == 1))}):
        test = dev & np.array([s == source for s in c.sources])
        if int((c.labels[test] == 1).sum()) < 5:
            continue
        fitted = fit(c, (dev & ~test) | synth_train, lam=lam)
        logits = _text_logits(c, fitted, test)
        loso[source] = _tiers(c, test, logits, center)
        sys.stderr.write(f"left out {source}\n")
    report["dev_leave_one_source_out"] = loso

    # 3. held-out template families, hard negatives and real requests: trained on all dev + synthetic train
    fitted = fit(c, dev | synth_train, lam=lam)
    everything = np.ones(len(c.texts), dtype=bool)
    logits = _text_logits(c, fitted, everything)
    report["synthetic_heldout"] = {
        **_tiers(c, heldout, logits, center),
        "by_class": _by(c, heldout, logits, center, c.categories),
        "by_family": _by(c, heldout, logits, center, c.sources),
    }
    for name in ("blind", "blind2", "blind3"):
        blind = c.mask(f"synth-{name}")
        report[f"synthetic_{name}"] = {
            **_tiers(c, blind, logits, center),
            "by_family": _by(c, blind, logits, center, c.sources),
        }
    report["requests_dev"] = _tiers(c, requests, logits, center)
    hard = dev & np.array([cat.startswith("hard_negative") for cat in c.categories])
    report["hard_negatives_dev_out_of_fold"] = _rates(
        combined_risk(c.rule_risk[hard], oof[hard], center) >= BLOCK_AT, c.labels[hard]
    )
    return report


def quick(c: Corpus, model: LinearModel) -> dict[str, object]:
    """Every set scored by a fitted model (the shipped one by default), no refitting: minutes instead of the
    better part of an hour. Its dev figures are in-sample (the shipped model was trained on dev); the
    synthetic held-out and blind families are not."""
    logits = np.array(
        [model.logit(normalize(t), names) for t, names in zip(c.texts, c.signals, strict=True)]
    )
    report: dict[str, object] = {
        "model": model.meta.get("created"),
        "center": round(model.center, 4),
    }
    dev = c.mask("dev")
    report["dev_in_sample"] = {
        **_tiers(c, dev, logits, model.center),
        "by_category": _by(c, dev, logits, model.center, c.categories),
    }
    for name in ("heldout", "blind", "blind2", "blind3"):
        sel = c.mask(f"synth-{name}")
        report[f"synthetic_{name}"] = {
            **_tiers(c, sel, logits, model.center),
            "by_class": _by(c, sel, logits, model.center, c.categories),
            "by_family": _by(c, sel, logits, model.center, c.sources),
        }
    report["requests_dev"] = _tiers(c, c.mask("requests"), logits, model.center)
    return report


def train(
    c: Corpus, *, lam: float, target_fpr: float, folds: int, seed: int, out: Path
) -> dict[str, object]:
    dev = c.mask("dev")
    synth_train = c.mask("synth-train")
    # operating point from out-of-fold logits, as in evaluate()
    rng = np.random.default_rng(seed)
    fold_of = np.full(len(c.texts), -1)
    for label in (0, 1):
        members = np.flatnonzero(dev & (c.labels == label))
        fold_of[members] = rng.permutation(members.size) % folds
    oof = np.full(len(c.texts), np.nan)
    for k in range(folds):
        test = fold_of == k
        fitted = fit(c, (dev & ~test) | synth_train, lam=lam)
        oof[test] = _text_logits(c, fitted, test)[test]
        sys.stderr.write(f"calibration fold {k + 1}/{folds} done\n")
    center = calibrate(oof[dev], c.labels[dev], target_fpr=target_fpr)
    fitted = fit(c, dev | synth_train, lam=lam, log=True)
    meta = {
        "bits": BITS,
        "window": WINDOW,
        "stride": STRIDE,
        "pseudo_words": PSEUDO_WORDS,
        "pseudo_chars": PSEUDO_CHARS,
        "lambda": lam,
        "target_fpr": target_fpr,
        "trained_on": {
            "pi/dev.jsonl": int(dev.sum()),
            "synthetic train families": int(synth_train.sum()),
        },
        "created": time.strftime("%Y-%m-%d"),
    }
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        weights=fitted.weights.astype(np.float16),
        bias=np.float64(fitted.bias),
        center=np.float64(center),
        scale=np.float64(SCALE),
        meta=np.array(json.dumps(meta, sort_keys=True)),
    )
    out.write_bytes(buf.getvalue())
    model = LinearModel.from_npz(dict(np.load(io.BytesIO(buf.getvalue()), allow_pickle=False)))
    return {"center": center, "bias": fitted.bias, "bytes": out.stat().st_size, "meta": model.meta}


def load_model(path: Path) -> LinearModel:
    return LinearModel.from_npz(read_npz(path))


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m palisade.guard.training.pi", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "command",
        choices=("train", "evaluate", "quick"),
        help="quick: score every set with the shipped model, no cross-validation (a few minutes)",
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="shared data directory (pi/dev.jsonl)"
    )
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--lam", type=float, default=1e-6, help="L2 strength")
    parser.add_argument("--target-fpr", type=float, default=0.006)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--per-family", type=int, default=120, help="synthetic examples per template family"
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the report here")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not (args.data / "pi" / "dev.jsonl").is_file():
        parser.error(
            f"{args.data / 'pi' / 'dev.jsonl'} not found; pass --data <shared data directory>"
        )
    started = time.perf_counter()
    corpus = load_corpus(args.data, per_family=args.per_family, seed=args.seed)
    sys.stderr.write(
        f"corpus: {len(corpus.texts)} texts, {corpus.rows.n_rows} windows, {corpus.rows.row.size} entries "
        f"({time.perf_counter() - started:.0f}s)\n"
    )
    if args.command == "train":
        result = train(
            corpus,
            lam=args.lam,
            target_fpr=args.target_fpr,
            folds=args.folds,
            seed=args.seed,
            out=args.out,
        )
    elif args.command == "quick":
        result = quick(corpus, load_model(args.out))
    else:
        result = evaluate(
            corpus, lam=args.lam, target_fpr=args.target_fpr, folds=args.folds, seed=args.seed
        )
    text = json.dumps(result, indent=2, sort_keys=True)
    sys.stdout.write(text + "\n")
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

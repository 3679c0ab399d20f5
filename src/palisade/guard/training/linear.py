"""L2-regularised logistic regression on sparse rows, trained with L-BFGS, in NumPy only.

Rows are stored as three flat arrays (row id, column, value), so both products the optimiser needs are one
``np.bincount`` each: ``X·w`` sums ``value·w[column]`` per row, ``Xᵀ·g`` sums ``value·g[row]`` per column.
Plain full-batch L-BFGS with a backtracking line search is deterministic (no sampling), which makes the
shipped weights reproducible from the data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Rows", "fit_logistic", "sigmoid"]

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Rows:
    """Sparse rows: entry ``k`` says row ``row[k]`` has ``val[k]`` in column ``col[k]`` (duplicates add up)."""

    row: I64
    col: I64
    val: F64
    n_rows: int
    n_cols: int

    def dot(self, w: F64) -> F64:
        summed = np.bincount(self.row, weights=self.val * w[self.col], minlength=self.n_rows)
        return summed.astype(np.float64, copy=False)

    def tdot(self, g: F64) -> F64:
        summed = np.bincount(self.col, weights=self.val * g[self.row], minlength=self.n_cols)
        return summed.astype(np.float64, copy=False)

    def subset(self, keep: npt.NDArray[np.bool_]) -> Rows:
        """The rows where ``keep`` is true, renumbered in order."""
        new_id = np.cumsum(keep) - 1
        mask = keep[self.row]
        return Rows(
            new_id[self.row[mask]], self.col[mask], self.val[mask], int(keep.sum()), self.n_cols
        )


def sigmoid(z: F64) -> F64:
    out: F64 = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def _softplus(z: F64) -> F64:
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _objective(theta: F64, x: Rows, y: F64, s: F64, lam: float) -> tuple[float, F64]:
    w, b = theta[:-1], theta[-1]
    z = x.dot(w) + b
    margin = y * z
    total = float(s.sum())
    loss = float((s * _softplus(-margin)).sum()) / total + 0.5 * lam * float(w @ w)
    gz = -(s * y * sigmoid(-margin)) / total
    grad = np.empty_like(theta)
    grad[:-1] = x.tdot(gz) + lam * w
    grad[-1] = gz.sum()
    return loss, grad


def fit_logistic(
    x: Rows,
    labels: npt.NDArray[np.int64],
    sample_weight: F64,
    *,
    lam: float = 1e-5,
    max_iter: int = 90,
    history: int = 8,
    tol: float = 1e-6,
    init: F64 | None = None,
) -> tuple[F64, float]:
    """Weights and bias minimising weighted log-loss + ``lam/2·‖w‖²`` (the bias is not penalised)."""
    y = np.where(labels > 0, 1.0, -1.0)
    theta = np.zeros(x.n_cols + 1) if init is None else init.copy()
    f, g = _objective(theta, x, y, sample_weight, lam)
    s_hist: list[F64] = []
    y_hist: list[F64] = []
    for _ in range(max_iter):
        if float(np.abs(g).max()) < tol:
            break
        # two-loop recursion: direction = -H·g
        q = g.copy()
        alphas: list[float] = []
        for s_k, y_k in zip(reversed(s_hist), reversed(y_hist), strict=True):
            a = float(s_k @ q) / float(y_k @ s_k)
            alphas.append(a)
            q -= a * y_k
        if y_hist:
            q *= float(s_hist[-1] @ y_hist[-1]) / float(y_hist[-1] @ y_hist[-1])
        for (s_k, y_k), a in zip(zip(s_hist, y_hist, strict=True), reversed(alphas), strict=True):
            beta = float(y_k @ q) / float(y_k @ s_k)
            q += (a - beta) * s_k
        direction = -q
        slope = float(g @ direction)
        if slope >= 0:  # not a descent direction: restart from the gradient
            s_hist.clear()
            y_hist.clear()
            direction = -g
            slope = float(g @ direction)
        step = 1.0 if s_hist else min(1.0, 1.0 / max(float(np.abs(g).sum()), 1e-12))
        for _ in range(30):
            candidate = theta + step * direction
            f_new, g_new = _objective(candidate, x, y, sample_weight, lam)
            if f_new <= f + 1e-4 * step * slope:
                break
            step *= 0.5
        else:
            break
        s_k = candidate - theta
        y_k = g_new - g
        if float(s_k @ y_k) > 1e-12:
            s_hist.append(s_k)
            y_hist.append(y_k)
            if len(s_hist) > history:
                s_hist.pop(0)
                y_hist.pop(0)
        converged = abs(f - f_new) < tol * max(1.0, abs(f))
        theta, f, g = candidate, f_new, g_new
        if converged:
            break
    return theta[:-1], float(theta[-1])

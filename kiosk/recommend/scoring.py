"""Small numeric helpers shared by the built-in recommenders."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from kiosk.recommend.types import Context, from_day_number


def top_indices(scores: np.ndarray, k: int, *, minimum: float = 0.0) -> np.ndarray:
    """Indexes of the ``k`` highest scores above ``minimum``, best first.

    Ties go to the lower index, so the order never depends on chance.
    """
    valid = np.flatnonzero(scores > minimum)
    if len(valid) == 0 or k <= 0:
        return valid[:0]
    if len(valid) > k:
        part = np.argpartition(-scores[valid], k - 1)[:k]
        threshold = scores[valid][part].min()
        valid = valid[scores[valid] >= threshold]
    order = np.lexsort((valid, -scores[valid]))
    return valid[order][:k]


def history_items(context: Context, index: Mapping[str, int]
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct known items of a shopper's history, sorted: (items, last day, days bought)."""
    summary = context.summary
    positions = np.fromiter((index.get(sku, -1) for sku in summary.skus), dtype=np.int64,
                            count=len(summary.skus))
    known = positions >= 0
    items = positions[known]
    order = np.argsort(items, kind="stable")
    return (items[order], summary.last[known][order],
            summary.times[known][order].astype(np.float64))


def iso_date(day: float) -> str:
    return from_day_number(day).date().isoformat()


def item_cosine_neighbours(matrix, *, neighbours: int, shrink: float = 10.0,
                           block_cells: int = 4_000_000):
    """Top-``neighbours`` cosine similarities between the columns of a users × items matrix.

    Worked out in blocks of items so memory stays bounded for big catalogues.
    Returns a CSR items × items matrix (row i: the items most like item i).
    """
    import scipy.sparse as sp

    x = sp.csc_matrix(matrix, dtype=np.float32)
    n = x.shape[1]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=0)).ravel()).astype(np.float32)
    xt = x.T.tocsr()
    block = max(32, block_cells // max(n, 1))
    rows, cols, vals = [], [], []
    keep = min(neighbours, max(n - 1, 0))
    for start in range(0, n, block):
        stop = min(n, start + block)
        co = (xt[start:stop] @ x).toarray()
        co /= np.outer(norms[start:stop], norms) + shrink
        co[np.arange(stop - start), np.arange(start, stop)] = 0.0
        if keep == 0:
            continue
        part = np.argpartition(-co, keep - 1, axis=1)[:, :keep]
        values = np.take_along_axis(co, part, axis=1)
        mask = values > 0
        rows.append(np.repeat(np.arange(start, stop), keep)[mask.ravel()])
        cols.append(part[mask])
        vals.append(values[mask])
    if not rows:
        return sp.csr_matrix((n, n), dtype=np.float32)
    return sp.csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                         shape=(n, n), dtype=np.float32)

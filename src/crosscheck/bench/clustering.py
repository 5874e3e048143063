"""Scores of a document clustering against gold groups: B³, ARI and V-measure.

B³ (Bagga & Baldwin 1998): for each item, precision is the share of its predicted cluster that
shares its gold group, recall the share of its gold group inside its predicted cluster; both are
averaged over items and F1 is their harmonic mean. ARI and homogeneity/completeness/V-measure are
scikit-learn's. Items are compared by id; both clusterings must cover the same items.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any

__all__ = ["b_cubed", "clustering_scores"]


def b_cubed(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> tuple[float, float, float]:
    """(precision, recall, F1) of ``predicted`` against ``gold``, both item -> cluster label."""
    if set(gold) != set(predicted):
        raise ValueError("gold and predicted clusterings cover different items")
    if not gold:
        return 0.0, 0.0, 0.0
    both = Counter((gold[i], predicted[i]) for i in gold)
    gold_size = Counter(gold.values())
    pred_size = Counter(predicted.values())
    precision = sum(n * n / pred_size[p] for (_, p), n in both.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, _), n in both.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def clustering_scores(gold: Mapping[str, Hashable], predicted: Mapping[str, Hashable]) -> dict[str, Any]:
    from sklearn.metrics import adjusted_rand_score, homogeneity_completeness_v_measure

    items = sorted(gold)
    g = [str(gold[i]) for i in items]
    p = [str(predicted[i]) for i in items]
    precision, recall, f1 = b_cubed(gold, predicted)
    homogeneity, completeness, v = homogeneity_completeness_v_measure(g, p)
    return {
        "b3_precision": precision, "b3_recall": recall, "b3_f1": f1,
        "ari": float(adjusted_rand_score(g, p)),
        "homogeneity": float(homogeneity), "completeness": float(completeness), "v_measure": float(v),
        "clusters": len(set(p)),
    }

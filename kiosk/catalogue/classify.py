"""Spread the seed themes to every product with scikit-learn.

Product names become TF-IDF features (words and word pairs, plus character
n-grams so "T-LIGHT" and "TLIGHT" or plurals land close together). A
logistic-loss linear classifier (SGD) is trained on the products a seed rule
labelled and predicts a theme for the others; a prediction it is not confident about
becomes "other" rather than a guess. Fixed seed, so the same catalogue
always gets the same themes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kiosk.catalogue.themes import OTHER, seed_theme

MIN_CONFIDENCE = 0.45
RANDOM_STATE = 0


@dataclass
class ThemeResult:
    themes: list[str]  # one per name, in order
    seeded: int  # themed by a seed rule
    predicted: int  # themed by the classifier
    unsure: int  # left as "other"


def assign_themes(names: list[str]) -> ThemeResult:
    """A theme key for each product name."""
    seeds = [seed_theme(name) for name in names]
    labelled = [i for i, theme in enumerate(seeds) if theme is not None]
    unlabelled = [i for i, theme in enumerate(seeds) if theme is None]
    themes = [theme or OTHER for theme in seeds]
    if not unlabelled or len({seeds[i] for i in labelled}) < 2:
        return ThemeResult(themes, len(labelled), 0, len(unlabelled))

    # imported here: loading the catalogue package must stay cheap for every command
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier

    words = TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                            token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b")
    chars = TfidfVectorizer(lowercase=True, analyzer="char_wb", ngram_range=(3, 4),
                            min_df=2, sublinear_tf=True)
    features = hstack([words.fit_transform(names), chars.fit_transform(names)]).tocsr()
    # logistic loss (so it gives probabilities), a fixed number of epochs
    # and a fixed seed: the same names always get the same themes
    model = SGDClassifier(loss="log_loss", alpha=1e-4, class_weight="balanced",
                          max_iter=50, tol=None, random_state=RANDOM_STATE)
    model.fit(features[labelled], [seeds[i] for i in labelled])
    probabilities = model.predict_proba(features[unlabelled])
    best = probabilities.argmax(axis=1)
    confident = probabilities[np.arange(len(unlabelled)), best] >= MIN_CONFIDENCE
    predicted = 0
    for row, i in enumerate(unlabelled):
        if confident[row]:
            themes[i] = str(model.classes_[best[row]])
            predicted += 1
    return ThemeResult(themes, len(labelled), predicted, len(unlabelled) - predicted)

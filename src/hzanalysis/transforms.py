"""The scales forecasts and reference classes work on, defined once.

Two scales, one set of formulas and clip limits:

- the *modelling* scale of :mod:`hzanalysis.forecast` (:func:`to_transformed`): identity for a ``level``
  (which may cross zero), logit of a share (in percent), log of a count or an amount;
- the *growth* scale of reference classes and the learned persistence (:func:`to_growth_scale`): logit of
  a share, log of everything else, a positive level included (growth of a level is read as a ratio).

Back-transforms clip first, so that expit and exp never reach 0, 100 or infinity: a simulated path stays
strictly inside its domain.
"""

from __future__ import annotations

import numpy as np
from scipy import special

#: Clip on the logit scale before transforming back (expit(30) is 1 - 1e-13: never exactly 100%).
LOGIT_CLIP = 30.0
#: Clip on the log scale before transforming back (exp(700) is near the largest float, never inf).
LOG_CLIP = 700.0


def to_transformed(values: np.ndarray, domain: str) -> np.ndarray:
    """Original scale → modelling scale (identity, logit of the share, or log)."""
    values = np.asarray(values, dtype=float)
    if domain == "level":
        return values.copy()
    if domain == "share":
        return special.logit(values / 100.0)
    return np.log(values)


def from_transformed(values: np.ndarray, domain: str) -> np.ndarray:
    """Modelling scale → original scale, clipped so the result stays strictly inside the domain."""
    values = np.asarray(values, dtype=float)
    if domain == "level":
        return values.copy()
    if domain == "share":
        return 100.0 * special.expit(np.clip(values, -LOGIT_CLIP, LOGIT_CLIP))
    return np.exp(np.clip(values, -LOG_CLIP, LOG_CLIP))


def _growth_domain(domain: str) -> str:
    """The modelling domain whose scale is the growth scale of ``domain``: a level's growth is a ratio."""
    return "share" if domain == "share" else "amount"


def to_growth_scale(values: np.ndarray, domain: str) -> np.ndarray:
    """Values → growth scale: logit of a share, log of anything else (which must then be positive)."""
    return to_transformed(values, _growth_domain(domain))


def from_growth_scale(values: np.ndarray, domain: str) -> np.ndarray:
    """Growth scale → values, clipped so results stay strictly inside the domain."""
    return from_transformed(values, _growth_domain(domain))

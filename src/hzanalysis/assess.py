"""The public face of the judgement, kept for notebooks, scripts and ``hz.assess``: names only, no code.

The work lives in modules of one job each (issue 15), lowest first:

- :mod:`hzanalysis.probability`: probabilities from simulated paths, and whether a bound decides a target;
- :mod:`hzanalysis.assessment`: the :class:`Assessment` record and its status codes;
- :mod:`hzanalysis.settle`: targets the observations already decide;
- :mod:`hzanalysis.judgement`: one target → an Assessment (pure);
- :mod:`hzanalysis.batch`: the shared options, and loading the registry and figures for many targets;
- :mod:`hzanalysis.lookback`: what the tool said at each earlier as-of date;
- :mod:`hzanalysis.tables`: the scorecard and the frames the charts draw (above the judgement);
- :mod:`hzanalysis.sentences`: the one sentence on each judgement, in Chinese or English (above it);
- :mod:`hzanalysis.gaps`: the data-gap grid and the checklist for the bureaux (above the judgement).

Code inside the package imports from those modules, not from here: this facade sits above the tables.
"""

from __future__ import annotations

from .assessment import (
    COMPARED_MODELS,
    FAN_LEVELS,
    STATUS_TEXT,
    Assessment,
    Status,
    format_value,
)
from .batch import AssessOptions, assess_many, assess_one, assess_options
from .gaps import data_gaps, gap_checklist
from .judgement import assess_target
from .lookback import HISTORY_COLUMNS, as_of_history, history_dates, look_back, outturn_publication
from .probability import bound_decides, meets, p_annual_floor, p_cumulative, p_first, p_level, p_top
from .sentences import verdict_sentence
from .tables import (
    SCORECARD_COLUMNS,
    assess_all,
    fan_frame,
    model_frame,
    rules_frame,
    scenario_frame,
    scorecard_frame,
)

__all__ = [
    "COMPARED_MODELS",
    "FAN_LEVELS",
    "HISTORY_COLUMNS",
    "SCORECARD_COLUMNS",
    "STATUS_TEXT",
    "AssessOptions",
    "Assessment",
    "Status",
    "as_of_history",
    "assess_all",
    "assess_many",
    "assess_one",
    "assess_options",
    "assess_target",
    "bound_decides",
    "data_gaps",
    "fan_frame",
    "format_value",
    "gap_checklist",
    "history_dates",
    "look_back",
    "meets",
    "model_frame",
    "outturn_publication",
    "p_annual_floor",
    "p_cumulative",
    "p_first",
    "p_level",
    "p_top",
    "rules_frame",
    "scenario_frame",
    "scorecard_frame",
    "verdict_sentence",
]

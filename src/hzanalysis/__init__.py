"""hzanalysis: is each 2025 target of the Haizhou District S&T innovation action plan met?

Typical use in JupyterLab::

    import hzanalysis as hz
    scorecard = hz.assess_all()                       # one row per target
    page = hz.assess_one("rd_share_gdp")              # the evidence behind one judgement
    hz.assess_all(data=["my_figures.xlsx"])           # with your own figures (see `hzanalysis data template`)
    hz.judgements("reports/latest/assessments.json")  # a run's stored judgements, as the pages read them
    hz.forecast.forecast(series, 3, domain="share")   # the forecast contract: simulated paths, calibrated
"""

from . import charts, display, forecast, gaps, labels, views
from .assess import (
    Assessment,
    AssessOptions,
    as_of_history,
    assess_all,
    assess_many,
    assess_one,
    assess_target,
    data_gaps,
    fan_frame,
    gap_checklist,
    look_back,
    model_frame,
    rules_frame,
    scenario_frame,
    scorecard_frame,
    verdict_sentence,
)
from .errors import ForecastError, HzError, InputError, LockedError, ParameterError, Problem, ReportError
from .forecast import Forecast
from .gaps import plan_checklist, plan_gaps
from .observations import load_indicators, load_observations, load_regions, series, write_templates
from .plans import DEFAULT_PLAN, Plan, known_plan_ids, resolve_plan
from .targets import Target, get_target, load_targets, targets_frame
from .version import __version__

__all__ = [
    "DEFAULT_PLAN",
    "AssessOptions",
    "Assessment",
    "Forecast",
    "ForecastError",
    "HzError",
    "InputError",
    "Judgements",
    "LockedError",
    "ParameterError",
    "Plan",
    "Problem",
    "ReportError",
    "Target",
    "__version__",
    "as_of_history",
    "assess_all",
    "assess_many",
    "assess_one",
    "assess_target",
    "charts",
    "data_gaps",
    "display",
    "fan_frame",
    "forecast",
    "gap_checklist",
    "gaps",
    "get_target",
    "judgements",
    "known_plan_ids",
    "labels",
    "load_indicators",
    "load_observations",
    "load_regions",
    "load_targets",
    "look_back",
    "model_frame",
    "plan_checklist",
    "plan_gaps",
    "reliability",
    "resolve_plan",
    "rules_frame",
    "scenario_frame",
    "scorecard_frame",
    "series",
    "targets_frame",
    "verdict_sentence",
    "views",
    "write_templates",
]

#: Submodules imported on first use: every report page imports the package, and only the reliability page
#: (shipped results) and the report runner need these. The build (``hzanalysis.derive``) is never one: the
#: runtime does not import it.
_LAZY_SUBMODULES = ("reliability", "report")
#: Functions of those submodules offered at the top: the pages read a run's stored judgements with
#: ``hz.judgements`` (see :mod:`hzanalysis.report.store`).
_LAZY_FUNCTIONS = {"judgements": "report.store", "Judgements": "report.store"}


def __getattr__(name: str):
    if name in _LAZY_SUBMODULES:
        import importlib

        return importlib.import_module(f".{name}", __name__)
    if name in _LAZY_FUNCTIONS:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY_FUNCTIONS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

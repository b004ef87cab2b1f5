"""The judgements of a run as data: computed once, stored in the run folder, read back by every page.

A report used to let each of its ~31 notebooks load the plan and the observations and forecast again. Now
:func:`compute_store` makes every judgement once, in one process (targets spread over worker processes
when ``jobs`` > 1), and the run writes it to ``assessments.json``: plain JSON values and codes (status,
probability, verdict code, forecast quantiles per year, rules, sources, gaps, reference class, look back).
The notebooks get that file as their ``assessments_file`` parameter and call :func:`judgements`, which reads
it; a notebook run alone (``assessments_file = None``, e.g. in JupyterLab) calls the same function, which
computes what the page needs through :func:`compute_store` and reads it back the same way, so a page sees
the same objects either way.

Forecast paths are not stored: the quantiles in :data:`QUANTILES` per forecast year are (the fan chart and
the scorecard's median need no more). :class:`StoredForecast` answers ``quantile`` for exactly those.
The file a run passes to its pages is the one in its staging folder (pages run before the run is published),
so an executed notebook names that path; the published copy is ``<run folder>/assessments.json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import os
import time
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import ParameterError, ReportError
from ..fileio import atomic_write_text
from ..forecast import Forecast
from ..labels import Message

#: Version of the file's layout; a reader refuses any other. 2: the judgement's words are codes with their
#: parameters (missing, data_notes, rules' explanations, verdict), no stored sentence: readers put the words
#: on in their own language. 3: the warnings of a forecast and of a judgement are codes with their
#: parameters too (a Chinese page showed them in English), and a reference class's widening reason is one.
STORE_SCHEMA = 3
#: The file's name inside a run folder.
STORE_FILE = "assessments.json"
#: Quantiles of the forecast paths kept per forecast year: the median and the bounds of the fan chart's
#: 50/80/95% bands (assess.FAN_LEVELS).
QUANTILES: tuple[float, ...] = (0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975)
#: What a store can hold: the judgement of each target, each model's probability beside it (the target
#: pages' comparison), the look back of the settled targets, and the plan's data gaps (grid and checklist).
PARTS: tuple[str, ...] = ("assessments", "models", "look_back", "gaps")


# ---------------------------------------------------------------------------------------------------------
# Plain values


def plain(value: Any) -> Any:
    """``value`` as JSON: NaN and NA become null, dates ISO text, numpy scalars and arrays Python values."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray, pd.Index)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else float(value)
    if value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def _number(value: Any) -> float:
    return math.nan if value is None else float(value)


def frame_record(frame: pd.DataFrame) -> dict[str, Any]:
    """A DataFrame as ``{"columns", "dates", "rows"}``; ``dates`` names the columns of dates."""
    dates = [
        c
        for c in frame.columns
        if frame[c].map(lambda v: isinstance(v, dt.date) and not isinstance(v, dt.datetime)).any()
    ]
    return {
        "columns": [str(c) for c in frame.columns],
        "dates": dates,
        "rows": [plain(list(row)) for row in frame.itertuples(index=False, name=None)],
    }


def frame_from_record(record: dict[str, Any]) -> pd.DataFrame:
    """The DataFrame of :func:`frame_record` (dates back as ``datetime.date``, null as NaN/None)."""
    frame = pd.DataFrame(record["rows"], columns=record["columns"])
    for column in record.get("dates", []):
        frame[column] = [None if v is None else dt.date.fromisoformat(v) for v in frame[column]]
    return frame


def _series_record(series: pd.Series) -> dict[str, list[Any]]:
    return {"index": plain(list(series.index)), "values": plain(list(series.to_numpy()))}


def _series_from(record: dict[str, list[Any]]) -> pd.Series:
    values = [_number(v) for v in record["values"]]
    return pd.Series(values, index=np.asarray(record["index"], dtype=int), dtype=float)


# ---------------------------------------------------------------------------------------------------------
# One assessment <-> one record


@dataclass
class StoredForecast(Forecast):
    """A forecast read back from a store: its quantiles per year (:data:`QUANTILES`) instead of its paths."""

    quantiles: dict[float, np.ndarray] = field(default_factory=dict)

    def quantile(self, q: float | Sequence[float] | np.ndarray) -> np.ndarray:
        """The stored quantile(s) per year, shaped as :meth:`Forecast.quantile`; only :data:`QUANTILES` are
        kept (ParameterError for others)."""
        rows = []
        for level in np.atleast_1d(np.asarray(q, dtype=float)):
            key = next((k for k in self.quantiles if math.isclose(k, level, abs_tol=1e-9)), None)
            if key is None:
                raise ParameterError(
                    f"quantile {level}: a stored forecast keeps only the quantiles {list(QUANTILES)}; "
                    "recompute the judgement (hz.assess_one) for others"
                )
            rows.append(self.quantiles[key])
        return rows[0] if np.ndim(q) == 0 else np.vstack(rows)


def _forecast_record(forecast: Any) -> dict[str, Any] | None:
    if forecast is None:
        return None
    return {
        "model": forecast.model,
        "method": forecast.method,
        "rung": forecast.rung,
        "domain": forecast.domain,
        "warnings": [plain(w.record()) for w in forecast.warnings],
        "reference": plain(forecast.reference),
        "history": _series_record(forecast.history),
        "years": plain(list(forecast.years)),
        "quantiles": {repr(q): plain(forecast.quantile(q)) for q in QUANTILES},
    }


def _forecast_from(record: dict[str, Any] | None) -> Any:
    if record is None:
        return None
    years = np.asarray(record["years"], dtype=int)
    return StoredForecast(
        years=years,
        paths=np.empty((0, years.size)),
        history=_series_from(record["history"]),
        domain=record["domain"],
        model=record["model"],
        method=record["method"],
        rung=record["rung"],
        warnings=[Message.from_record(w) for w in record["warnings"]],
        reference=record["reference"],
        quantiles={
            float(q): np.asarray([_number(v) for v in values]) for q, values in record["quantiles"].items()
        },
    )


def assessment_record(assessment: Any, look_back: pd.DataFrame | None = None) -> dict[str, Any]:
    """One :class:`~hzanalysis.assess.Assessment` (and its look back, if settled) as plain JSON values."""
    a = assessment
    verdict = a.verdict
    return {
        "target_id": a.target.id,
        "target": plain(dataclasses.asdict(a.target)),
        "region": a.region,
        "status": str(a.status),
        "probability": plain(a.probability),
        "verdict": None if verdict is None else plain(dataclasses.asdict(verdict)),
        "forecast": _forecast_record(a.forecast),
        "model_probabilities": plain(a.model_probabilities),
        "model_methods": dict(a.model_methods),
        "rules": [plain(dataclasses.asdict(r)) for r in a.rule_results],
        "required_growth": plain(a.required_growth),
        "historical_growth": plain(a.historical_growth),
        "required_flow": plain(a.required_flow),
        "observed_total": plain(a.observed_total),
        "missing": None if a.missing is None else plain(a.missing.record()),
        "holder_zh": a.holder_zh,
        "needed_years": plain(a.needed_years),
        "warnings": [plain(w.record()) for w in a.warnings],
        "replaced": plain(a.replaced),
        "data_notes": [plain(note.record()) for note in a.data_notes],
        "reference_class": plain(a.reference_class),
        "deciding_bound": None if a.deciding_bound is None else plain(a.deciding_bound.to_dict()),
        "history": _series_record(a.history),
        "observations": frame_record(a.observations),
        "look_back": None if look_back is None else frame_record(look_back),
    }


def assessment_from_record(record: dict[str, Any]) -> Any:
    """The :class:`~hzanalysis.assess.Assessment` of :func:`assessment_record` (forecast as quantiles)."""
    from ..assessment import Assessment, Status
    from ..rules import RuleResult, Verdict
    from ..targets import Target

    target = dict(record["target"])
    for name in ("sections", "responsible_units", "quotes"):
        target[name] = tuple(target[name])
    observations = frame_from_record(record["observations"])
    bound = record["deciding_bound"]
    if bound is not None:
        dates = set(record["observations"].get("dates", []))
        bound = pd.Series(
            {k: dt.date.fromisoformat(v) if k in dates and v is not None else v for k, v in bound.items()}
        )
    verdict = record["verdict"]
    return Assessment(
        target=Target(**target),
        region=record["region"],
        status=Status(record["status"]),
        observations=observations,
        history=_series_from(record["history"]),
        probability=_number(record["probability"]),
        verdict=None if verdict is None else Verdict(**verdict),
        forecast=_forecast_from(record["forecast"]),
        model_probabilities={k: _number(v) for k, v in record["model_probabilities"].items()},
        model_methods=dict(record["model_methods"]),
        rule_results=[
            RuleResult(
                **{**r, "value": _number(r["value"]), "explanation": Message.from_record(r["explanation"])}
            )
            for r in record["rules"]
        ],
        required_growth=_number(record["required_growth"]),
        historical_growth=_number(record["historical_growth"]),
        required_flow=_number(record["required_flow"]),
        observed_total=_number(record["observed_total"]),
        missing=None if record["missing"] is None else Message.from_record(record["missing"]),
        holder_zh=record["holder_zh"],
        needed_years=list(record["needed_years"]),
        warnings=[Message.from_record(w) for w in record["warnings"]],
        replaced=list(record["replaced"]),
        data_notes=[Message.from_record(note) for note in record["data_notes"]],
        reference_class=record["reference_class"],
        deciding_bound=bound,
    )


# ---------------------------------------------------------------------------------------------------------
# Computing a store


@dataclass(frozen=True)
class _Job:
    plan: str
    data: tuple[str, ...]
    as_of: str | None
    models: bool
    look_back: bool
    #: Targets whose model comparison is computed when ``models`` is set (None: every target judged).
    models_for: frozenset[str] | None = None

    def compares(self, target_id: str) -> bool:
        """Whether ``target_id`` gets each model's probability beside the default's."""
        return self.models and (self.models_for is None or target_id in self.models_for)


#: The inputs of the computation under way, in this process (each worker process has its own copy).
_WORKER: dict[str, Any] = {}


def _worker_inputs(job: _Job) -> tuple[Any, Any, Any, Any, Any, list[dict[str, Any]]]:
    """Observations, indicators, regions, options, the files read (for the look back's other dates) and
    the plausibility flags of the figures used, loaded once per process and job."""
    if _WORKER.get("job") != job:
        from ..assess import assess_options
        from ..observations import load_indicators, load_regions, read_observations

        _WORKER.clear()
        _WORKER["job"] = job
        source = read_observations(list(job.data))
        _WORKER["inputs"] = (
            source.as_of(job.as_of),
            load_indicators(),
            load_regions(),
            assess_options(plan=job.plan, data=list(job.data), as_of=job.as_of, compare_models=job.models),
            source,
            source.plausibility(job.as_of),
        )
    return _WORKER["inputs"]


def target_flags(flags: Sequence[dict[str, Any]], indicator: str, observations: pd.DataFrame) -> list[Any]:
    """The plausibility flags of one target: its indicator, in the regions its judgement used (the plan's
    region, and the peers of a rank target)."""
    regions = set(observations["region"]) if "region" in observations else set()
    return plain([f for f in flags if f["indicator"] == indicator and f["region"] in regions])


def _judge(job: _Job, target: Any) -> dict[str, Any]:
    """The record of one target: its judgement (with the model comparison when asked) and, once settled,
    its look back; a target whose judgement raises gets ``error`` instead, so only its own page fails."""
    from ..assess import as_of_history, assess_target

    try:
        observations, indicators, regions, options, source, flags = _worker_inputs(job)
        assessment = assess_target(
            target,
            observations,
            region=options.plan_region(),
            n_paths=options.n_paths,
            seed=options.seed,
            model=options.model,
            compare_models=job.compares(target.id),
            indicators=indicators,
            regions=regions,
        )
        look_back = None
        if job.look_back and assessment.status in ("achieved", "missed"):
            look_back = as_of_history(target.id, options=options, source=source, target=target)
        record = assessment_record(assessment, look_back)
        record["plausibility"] = target_flags(flags, target.indicator, assessment.observations)
        return record
    except Exception as error:  # recorded, and raised again by the page that shows this target
        text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        return {"target_id": target.id, "error": text}


def _judge_all(
    job: _Job, targets: Sequence[Any], jobs: int, meanwhile: Callable[[], None]
) -> list[dict[str, Any]]:
    """Every target's record, in order; ``meanwhile`` runs in this process while the workers judge.

    The workers are forked: they inherit the imported stack (about 3 s of imports saved per worker). Forking
    a process that runs other threads can deadlock the child on a lock one of them held, so a caller with
    threads (several runs in one process) judges in this process instead.
    """
    import threading

    if jobs <= 1 or len(targets) < 2 or threading.active_count() > 1:
        meanwhile()
        try:
            return [_judge(job, t) for t in targets]
        finally:
            # the inputs are cached for one computation only: in a long-lived process (JupyterLab) the
            # reader's file may have changed by the next one
            _WORKER.clear()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(targets)), mp_context=context) as pool:
        records = pool.map(_judge, [job] * len(targets), targets, chunksize=1)  # submitted at once
        meanwhile()
        return list(records)


def compute_store(
    *,
    plan: str,
    data: Sequence[str | os.PathLike[str]] = (),
    as_of: str | None = None,
    targets: Sequence[str] | None = None,
    parts: Iterable[str] = PARTS,
    jobs: int = 1,
    models_for: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Every judgement of a run, once, as the document written to ``assessments.json``.

    ``targets`` selects target ids (default: the plan's whole registry, in its order); ``parts`` which of
    :data:`PARTS` to compute (a page run alone asks only for what it shows); ``models_for`` limits the
    model comparison to these ids (a run with ``--targets`` has target pages for those only, while its
    scorecard, scenarios and look back cover every target); ``jobs`` > 1 judges targets in that many worker
    processes (the page kernels have not started yet, so the cores are free).
    """
    from ..gaps import plan_checklist, plan_gaps
    from ..observations import read_observations
    from ..plans import resolve_plan
    from ..targets import load_targets

    parts = tuple(parts)
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        raise ParameterError(f"parts: unknown part(s) {unknown}; expected some of {list(PARTS)}")
    started = time.perf_counter()
    data_paths = tuple(str(p) for p in data)
    selected = resolve_plan(plan)
    registry = load_targets(plan=selected)
    by_id = {t.id: t for t in registry}
    for name, ids in (("targets", targets), ("models_for", models_for)):
        unknown = [i for i in ids or () if i not in by_id]
        if unknown:
            raise ParameterError(f"{name}: unknown target id(s) {unknown}; known ids are {sorted(by_id)}")
    chosen = list(registry) if targets is None else [by_id[i] for i in dict.fromkeys(targets)]
    source = read_observations(list(data_paths))
    observations = source.as_of(as_of)
    document: dict[str, Any] = {
        "schema": STORE_SCHEMA,
        "parameters": {"plan": plan, "data": list(data_paths), "as_of": as_of, "targets": plain(targets)},
        "parts": list(parts),
        "plan": {
            "id": selected.id,
            "title_zh": selected.title_zh,
            "title_en": selected.title_en,
            "region": selected.region,
            "deadline": plain(selected.deadline),
        },
        "quantiles": list(QUANTILES),
        "observations": frame_record(observations),
        # every implausible figure among those used, as codes and numbers (the data-gaps page lists them)
        "plausibility": plain(source.plausibility(as_of)),
    }

    def gaps() -> None:
        if "gaps" in parts:
            # the grid and checklist cover the plan's whole registry, as the data-gaps page always did
            document["gaps"] = frame_record(plan_gaps(registry, observations, plan=selected, as_of=as_of))
            document["checklist"] = frame_record(
                plan_checklist(registry, observations, plan=selected, as_of=as_of)
            )

    if "assessments" in parts:
        only = None if models_for is None else frozenset(models_for)
        job = _Job(plan, data_paths, as_of, "models" in parts, "look_back" in parts, only)
        document["assessments"] = _judge_all(job, chosen, jobs, meanwhile=gaps)
    else:
        gaps()
    document["seconds"] = round(time.perf_counter() - started, 3)
    return document


def write_store(document: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write ``document`` as UTF-8 JSON (atomically); returns the path."""
    path = Path(path)
    atomic_write_text(path, json.dumps(document, ensure_ascii=False, allow_nan=False, indent=1))
    return path


def read_store(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The document of an ``assessments.json``; ParameterError naming the file when it is not one."""
    path = Path(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ParameterError(
            f"assessments_file {path}: expected the assessments.json of a report run; found {error}. "
            "Fix: point it at <run folder>/assessments.json, or set it to None to compute here."
        ) from error
    if not isinstance(document, dict) or document.get("schema") != STORE_SCHEMA:
        found = document.get("schema") if isinstance(document, dict) else type(document).__name__
        raise ParameterError(
            f"assessments_file {path}: expected schema {STORE_SCHEMA}; found {found!r}. "
            "Fix: re-run the report with this version, or set it to None to compute here."
        )
    return document


# ---------------------------------------------------------------------------------------------------------
# Reading a store back


@dataclass(frozen=True)
class Judgements:
    """The judgements of a run, read back: what every page renders."""

    document: dict[str, Any]
    source: Path | None = None

    @property
    def region(self) -> str:
        """The region the plan's targets are about."""
        return str(self.document["plan"]["region"])

    @property
    def target_ids(self) -> list[str]:
        """Ids of the targets judged, in the plan's order."""
        return [r["target_id"] for r in self.document.get("assessments", [])]

    def _records(self) -> dict[str, dict[str, Any]]:
        if "assessments" not in self.document:
            raise ParameterError(
                "this store holds no assessments (computed with parts without 'assessments')"
            )
        return {r["target_id"]: r for r in self.document["assessments"]}

    def one(self, target_id: str) -> Any:
        """The :class:`~hzanalysis.assess.Assessment` of one target (ReportError if its judgement failed)."""
        records = self._records()
        if target_id not in records:
            raise ParameterError(
                f"target_id: {target_id!r} is not in {self.source or 'the judgements'}; "
                f"it holds {sorted(records)}"
            )
        record = records[target_id]
        if "error" in record:
            raise ReportError(
                f"the judgement of {target_id} failed when the run computed it:\n{record['error']}"
            )
        return assessment_from_record(record)

    def all(self) -> list[Any]:
        """Every target's :class:`~hzanalysis.assess.Assessment`, in the plan's order."""
        return [self.one(i) for i in self.target_ids]

    def scorecard(self) -> pd.DataFrame:
        """The scorecard frame (:func:`hzanalysis.scorecard_frame`) of every target."""
        from ..assess import scorecard_frame

        return scorecard_frame(self.all())

    def as_of_history(self, target_id: str) -> pd.DataFrame:
        """What the tool said about one settled target at each earlier date (empty while it is unsettled)."""
        from ..assess import HISTORY_COLUMNS

        record = self._records()[target_id]
        stored = record.get("look_back")
        return frame_from_record(stored) if stored else pd.DataFrame(columns=HISTORY_COLUMNS)

    def look_back(self) -> pd.DataFrame:
        """:func:`hzanalysis.look_back` from the store: every settled target's history, stacked."""
        from ..assess import HISTORY_COLUMNS

        frames = []
        for record in self.document.get("assessments", []):
            if record.get("look_back"):
                t = record["target"]
                frames.append(
                    frame_from_record(record["look_back"]).assign(
                        target_id=t["id"], name_zh=t["name_zh"], name_en=t["name_en"], unit=t["unit"]
                    )
                )
        columns = ["target_id", "name_zh", "name_en", "unit", *HISTORY_COLUMNS]
        if not frames:
            return pd.DataFrame(columns=columns)
        return pd.concat(frames, ignore_index=True).loc[:, columns]

    @property
    def observations(self) -> pd.DataFrame:
        """Every observation the run used (public and the reader's own, as of the run's cut-off)."""
        return frame_from_record(self.document["observations"])

    def plausibility(self, target_id: str | None = None) -> list[dict[str, Any]]:
        """The implausible figures the run used, as codes and numbers (:meth:`ObservationSource.plausibility`
        of :mod:`hzanalysis.observations`): of one target (its indicator and regions), or of every figure.
        A store written before these were kept holds none."""
        if target_id is None:
            return list(self.document.get("plausibility", []))
        return list(self._records().get(target_id, {}).get("plausibility", []))

    @property
    def gaps(self) -> pd.DataFrame:
        """The plan's data-gap grid (:func:`hzanalysis.plan_gaps`)."""
        return frame_from_record(self._part("gaps"))

    @property
    def checklist(self) -> pd.DataFrame:
        """The plan's checklist of figures to ask for (:func:`hzanalysis.plan_checklist`)."""
        return frame_from_record(self._part("checklist"))

    def _part(self, name: str) -> dict[str, Any]:
        if name not in self.document:
            raise ParameterError(
                f"this store holds no {name} (computed with parts={self.document.get('parts')})"
            )
        return self.document[name]


def judgements(
    assessments_file: str | os.PathLike[str] | None = None,
    *,
    plan: str | None = None,
    data: Sequence[str | os.PathLike[str]] = (),
    as_of: str | None = None,
    targets: Sequence[str] | None = None,
    parts: Iterable[str] = PARTS,
) -> Judgements:
    """The judgements a page renders: read from a run's ``assessments.json``, or computed here.

    With ``assessments_file`` (what ``hzanalysis report`` passes) the stored judgements are read and the other
    arguments are ignored: the run computed them with its own. Without it (a notebook opened alone) only
    ``parts`` of ``targets`` are computed, by the function a run uses (:func:`compute_store`), and read back
    through the same JSON, so a page shows the same thing either way.
    """
    if assessments_file is not None:
        return Judgements(read_store(assessments_file), Path(assessments_file))
    from ..plans import DEFAULT_PLAN

    document = compute_store(plan=plan or DEFAULT_PLAN, data=data, as_of=as_of, targets=targets, parts=parts)
    return Judgements(json.loads(json.dumps(document, ensure_ascii=False, allow_nan=False)))

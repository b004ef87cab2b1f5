"""The modelling and growth scales, defined once (hzanalysis.transforms). Expected values worked by hand."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import numpy as np
import pytest

from hzanalysis import forecast, transforms
from hzanalysis.transforms import from_growth_scale, from_transformed, to_growth_scale, to_transformed

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "hzanalysis"
NAMES = {"to_transformed", "from_transformed", "to_growth_scale", "from_growth_scale"}


def test_known_values_on_the_modelling_scale() -> None:
    # a share of 50% is logit(0.5) = 0; 80% is log(0.8 / 0.2) = log 4
    np.testing.assert_allclose(to_transformed(np.array([50.0, 80.0]), "share"), [0.0, math.log(4.0)])
    np.testing.assert_allclose(to_transformed(np.array([math.e, 1.0]), "count"), [1.0, 0.0])
    level = np.array([-3.0, 2.5])
    out = to_transformed(level, "level")
    np.testing.assert_array_equal(out, level)
    out[0] = 99.0  # a copy: the caller's history is never changed through the result
    assert level[0] == -3.0


def test_the_growth_scale_of_a_level_is_its_log() -> None:
    # the modelling scale keeps a level as it is; growth of a positive level is read as a ratio
    np.testing.assert_allclose(to_growth_scale(np.array([math.e**2]), "level"), [2.0])
    np.testing.assert_allclose(to_transformed(np.array([math.e**2]), "level"), [math.e**2])
    np.testing.assert_allclose(from_growth_scale(np.array([1.0]), "level"), [math.e])


def test_back_transforms_clip_inside_the_domain() -> None:
    # 40 on the logit scale is clipped to 30: 100 * expit(30) = 100 / (1 + e^-30), just below 100
    high = from_transformed(np.array([40.0]), "share")[0]
    assert high == pytest.approx(100.0 / (1.0 + math.exp(-30.0)), rel=1e-15) and high < 100.0
    assert from_growth_scale(np.array([-40.0]), "share")[0] == pytest.approx(100.0 / (1.0 + math.exp(30.0)))
    assert from_growth_scale(np.array([-40.0]), "share")[0] > 0.0
    # 800 on the log scale is clipped to 700: finite (exp(710) overflows), and -800 stays positive
    big = from_transformed(np.array([800.0]), "amount")[0]
    assert big == math.exp(700.0) and math.isfinite(big)
    assert from_growth_scale(np.array([-800.0]), "count")[0] == math.exp(-700.0) > 0.0
    assert transforms.LOGIT_CLIP == 30.0 and transforms.LOG_CLIP == 700.0


@pytest.mark.parametrize("domain", ["share", "count", "amount", "level"])
def test_round_trip(domain: str) -> None:
    values = np.array([0.5, 3.62, 42.0, 99.5])
    np.testing.assert_allclose(from_transformed(to_transformed(values, domain), domain), values, rtol=1e-12)
    np.testing.assert_allclose(from_growth_scale(to_growth_scale(values, domain), domain), values, rtol=1e-12)


def test_the_scales_are_defined_in_one_module() -> None:
    """Before: forecast and reference each wrote the formulas and retyped the clip limits."""
    defined = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in NAMES:
                defined.setdefault(node.name, []).append(path.relative_to(PACKAGE).as_posix())
    assert defined == {name: ["transforms.py"] for name in NAMES}
    # the forecast's names are the same functions, not copies
    assert forecast.to_transformed is to_transformed and forecast.from_transformed is from_transformed

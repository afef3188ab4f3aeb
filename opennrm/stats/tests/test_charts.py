"""Charts are drawn once per specification and served from the cache after that."""

from __future__ import annotations

import vl_convert

from opennrm.stats import charts

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "data": {"values": [{"row": "a", "n": 3}]},
    "mark": "bar",
    "encoding": {
        "y": {"field": "row", "type": "nominal"},
        "x": {"field": "n", "type": "quantitative"},
    },
}


def test_a_chart_is_drawn_again_only_when_its_specification_changes(monkeypatch):
    drawn = []
    real = vl_convert.vegalite_to_svg

    def counting(spec):
        drawn.append(spec)
        return real(spec)

    monkeypatch.setattr(charts.vl_convert, "vegalite_to_svg", counting)
    first = charts.drawn_svg(SPEC)
    assert first.startswith("<svg") and charts.drawn_svg(SPEC) == first
    assert len(drawn) == 1
    changed = {**SPEC, "data": {"values": [{"row": "a", "n": 4}]}}
    assert charts.drawn_svg(changed) != first
    assert len(drawn) == 2

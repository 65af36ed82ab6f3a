"""Decode region boundaries (TopoJSON, GeoJSON) into ``data/snapshot/kaarten/<name>.json``:
per region code its name and polygon rings, without a GIS dependency."""

from __future__ import annotations

import json
from pathlib import Path

from .raw import raw_file

Ring = list[list[float]]
MAP_CREDIT = "CBS/PDOK"


def decode_topojson(topology: dict, name: str) -> dict[str, dict]:
    """``{statcode: {"name": ..., "rings": [...]}}`` from a TopoJSON object (delta-encoded arcs)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)

    def ring(indices: list[int]) -> Ring:
        points: Ring = []
        for index in indices:  # a negative index (~i) is arc i reversed
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    regions = {}
    for geometry in topology["objects"][name]["geometries"]:
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        regions[geometry["properties"]["statcode"]] = {
            "name": geometry["properties"]["statnaam"],
            "rings": [ring(r) for polygon in polygons for r in polygon],
        }
    return regions


def decode_geojson(collection: dict) -> dict[str, dict]:
    """The same shape from a GeoJSON FeatureCollection of (Multi)Polygons."""
    regions = {}
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        regions[feature["properties"]["statcode"]] = {
            "name": feature["properties"]["statnaam"],
            "rings": [ring for polygon in polygons for ring in polygon],
        }
    return regions


def build_maps(maps: dict[str, dict], out: Path) -> dict[str, int]:
    """Decode each map file into ``kaarten/<name>.json`` with its provenance."""
    counts = {}
    for name, spec in maps.items():
        file = raw_file(spec["file"])
        data = json.loads(file.path.read_text(encoding="utf-8"))
        topo = spec["file"].endswith(".topojson")
        regions = decode_topojson(data, name) if topo else decode_geojson(data)
        record = {
            "name": name,
            "source": file.provenance(),
            "crs": spec["crs"],
            "licence": f"{file.entry['licence']}, Bron: {MAP_CREDIT}",
            "note": "generalised boundaries for national maps, not for areas or close-ups",
            "regions": regions,
        }
        target = out / "kaarten" / f"{name}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text + "\n", encoding="utf-8")
        counts[f"kaarten/{name}"] = len(regions)
    return counts

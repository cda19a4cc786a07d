#!/usr/bin/env python3
"""Writes index-service's border-region.geojson: the outline the researchers' map draws.

Written by hand for Newswatch from general knowledge of the region's shape, not copied from any map
data set. Every coordinate is APPROXIMATE (tens of kilometres off in places): an overview for dots
sized by match count, not a map to navigate or to settle where a border runs. Points are
[longitude, latitude] (RFC 7946 section 3.1.1). Run: python3 scripts/border-region-outline.py
"""
import json
import pathlib

# Pakistan-Iran border, north (the Koh-i-Malik Siah tri-point) to south (Gwatar Bay).
PK_IR = [[60.87, 29.86], [61.35, 29.45], [61.55, 29.0], [61.9, 28.6], [62.4, 28.3], [62.8, 28.2],
         [62.95, 27.85], [62.8, 27.5], [62.65, 27.3], [62.8, 26.9], [62.6, 26.6], [62.3, 26.35],
         [62.05, 26.2], [61.8, 26.0], [61.75, 25.6], [61.6, 25.18]]
# Pakistan-Afghanistan border, the tri-point to the north edge of the drawing (past Torkham).
PK_AF = [[60.87, 29.86], [61.6, 29.6], [62.5, 29.4], [63.6, 29.5], [64.6, 29.55], [65.3, 29.6],
         [66.25, 29.85], [66.35, 30.4], [66.42, 30.95], [66.75, 31.2], [67.3, 31.3], [67.8, 31.5],
         [68.3, 31.8], [68.8, 31.65], [69.3, 31.95], [69.35, 32.35], [69.5, 32.9], [69.95, 33.1],
         [70.05, 33.5], [69.9, 33.9], [70.3, 34.0], [70.9, 34.0], [71.1, 34.15], [71.3, 34.6],
         [71.5, 35.0], [71.6, 35.5]]
# Iran-Afghanistan border, the tri-point north (around Sistan) to the drawing's edge.
IR_AF = [[60.87, 29.86], [61.3, 30.3], [61.83, 30.85], [61.78, 31.35], [60.85, 31.5], [60.82, 32.2],
         [60.58, 33.1], [60.95, 33.55], [60.5, 34.3], [61.1, 35.5]]
# The coast, west to east: Iran's Makran coast, Gwatar Bay, Pakistan's coast to Karachi.
COAST_IR = [[58.5, 25.6], [59.0, 25.45], [59.5, 25.42], [60.0, 25.38], [60.4, 25.33], [60.64, 25.26],
            [61.0, 25.18], [61.4, 25.1], [61.6, 25.18]]
COAST_PK = [[61.6, 25.18], [61.75, 25.04], [62.1, 25.08], [62.32, 25.1], [62.8, 25.22], [63.47, 25.24],
            [64.0, 25.3], [64.6, 25.2], [65.5, 25.35], [66.2, 25.45], [66.67, 24.83], [67.0, 24.85],
            [67.3, 24.5]]
# Balochistan's boundary with Sindh, Punjab and Khyber Pakhtunkhwa, from the coast near Karachi north
# to the Afghan border.
BALOCHISTAN_EAST = [[66.67, 24.83], [67.1, 25.3], [67.4, 25.9], [67.5, 26.6], [67.8, 27.3], [68.1, 27.9],
                    [68.1, 28.4], [68.9, 28.3], [69.3, 28.5], [69.5, 29.0], [69.9, 29.4], [70.2, 29.9],
                    [69.9, 30.5], [69.7, 31.0], [70.0, 31.5], [69.3, 31.95]]
# Sistan and Baluchestan's boundary with the rest of Iran, from Sistan in the north to the coast.
SISTAN_WEST = [[60.85, 31.5], [60.6, 31.65], [60.2, 30.9], [59.7, 29.9], [59.1, 28.9], [58.85, 27.8],
               [58.9, 26.6], [58.5, 25.6]]


def until(line, point):
    return line[: line.index(point) + 1]


def feature(name, kind, geometry, **more):
    return {"type": "Feature", "properties": {"name": name, "kind": kind, "approximate": True, **more},
            "geometry": geometry}


balochistan = (PK_IR + until(COAST_PK, [66.67, 24.83])[1:] + BALOCHISTAN_EAST[1:]
               + list(reversed(until(PK_AF, [69.3, 31.95])))[1:])
sistan = (PK_IR + list(reversed(COAST_IR))[1:] + list(reversed(SISTAN_WEST))[1:]
          + list(reversed(until(IR_AF, [60.85, 31.5])))[1:])
sea = COAST_IR + COAST_PK[1:] + [[72.0, 24.5], [72.0, 23.5], [58.5, 23.5], [58.5, 25.6]]

collection = {
    "type": "FeatureCollection",
    "note": "Hand-drawn for Newswatch from general knowledge; APPROXIMATE outlines, not survey data.",
    "bbox": [58.5, 24.5, 72.0, 35.5],
    "features": [
        feature("Arabian Sea", "sea", {"type": "Polygon", "coordinates": [sea]}),
        feature("Balochistan", "province", {"type": "Polygon", "coordinates": [balochistan + [balochistan[0]]]},
                country="PK", place="pk-balochistan"),
        feature("Sistan and Baluchestan", "province", {"type": "Polygon", "coordinates": [sistan + [sistan[0]]]},
                country="IR", place="ir-sistan-baluchestan"),
        feature("Pakistan–Iran border", "border", {"type": "LineString", "coordinates": PK_IR}),
        feature("Pakistan–Afghanistan border", "border", {"type": "LineString", "coordinates": PK_AF}),
        feature("Iran–Afghanistan border", "border", {"type": "LineString", "coordinates": IR_AF}),
        feature("Pakistan", "label", {"type": "Point", "coordinates": [68.8, 27.0]}),
        feature("Iran", "label", {"type": "Point", "coordinates": [59.3, 30.8]}),
        feature("Afghanistan", "label", {"type": "Point", "coordinates": [64.5, 32.6]}),
    ],
}

out = pathlib.Path(__file__).resolve().parent.parent / "index-service/src/main/resources/org/newswatch/index/page/border-region.geojson"
# One feature a line: small, and a diff shows which outline changed.
features = ",\n  ".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in collection.pop("features"))
head = json.dumps(collection, ensure_ascii=False)[:-1]
out.write_text(head + ',\n "features": [\n  ' + features + "\n ]}\n", encoding="utf-8")
print("wrote", out)

#!/usr/bin/env python3
"""Reduces /work/shared/map/theatre-50m.geojson (Natural Earth 1:50m, public
domain) to the window's theatre: land polygons and borders clipped to
lon 85-170 E, lat 28-66 N (the drawn frame is 95-160 E, 35-60 N; the margin
keeps the coast continuous when panning). Polygons are clipped with
Sutherland-Hodgman, which is exact for the fill of concave rings against a
rectangle; lines are cut where they leave the box.

    python3 assets/map/reduce.py /work/shared/map/theatre-50m.geojson > assets/map/theatre.geojson
"""
import json
import sys

W, E, S, N = 85.0, 170.0, 28.0, 66.0


def clip_ring(ring):
    def clip(pts, inside, cross):
        out = []
        for i, p in enumerate(pts):
            q = pts[i - 1]
            if inside(p):
                if not inside(q):
                    out.append(cross(q, p))
                out.append(p)
            elif inside(q):
                out.append(cross(q, p))
        return out

    def at_x(x):
        return lambda a, b: [x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])]

    def at_y(y):
        return lambda a, b: [a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y]

    pts = ring[:-1] if ring[0] == ring[-1] else ring
    for inside, cross in (
        (lambda p: p[0] >= W, at_x(W)),
        (lambda p: p[0] <= E, at_x(E)),
        (lambda p: p[1] >= S, at_y(S)),
        (lambda p: p[1] <= N, at_y(N)),
    ):
        if not pts:
            break
        pts = clip(pts, inside, cross)
    return [[round(x, 3), round(y, 3)] for x, y in pts]


def clip_line(line):
    parts, cur = [], []
    for x, y in line:
        if W <= x <= E and S <= y <= N:
            cur.append([x, y])
        elif cur:
            parts.append(cur)
            cur = []
    if cur:
        parts.append(cur)
    return [p for p in parts if len(p) >= 2]


def main(path):
    src = json.load(open(path))
    land, borders = [], []
    for f in src["features"]:
        g = f["geometry"]
        if g["type"] == "Polygon":
            rings = [clip_ring(r) for r in g["coordinates"]]
            if len(rings[0]) >= 3:
                land.append([r for r in rings if len(r) >= 3])
        elif g["type"] == "LineString":
            borders.extend(clip_line(g["coordinates"]))
    features = [
        {"type": "Feature", "properties": {"kind": "land"},
         "geometry": {"type": "Polygon", "coordinates": rings}}
        for rings in land
    ] + [
        {"type": "Feature", "properties": {"kind": "border"},
         "geometry": {"type": "LineString", "coordinates": line}}
        for line in borders
    ]
    json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, separators=(",", ":"))


main(sys.argv[1])

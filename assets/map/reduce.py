#!/usr/bin/env python3
"""Reduces /work/shared/map/theatre-50m.geojson (Natural Earth 1:50m, public
domain) to the window's theatre: land polygons, borders and rivers clipped to
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


def runs(line, keep):
    """The stretches of a line whose points pass `keep`, each of 2+ points."""
    parts, cur = [], []
    for x, y in line:
        if keep(x, y):
            cur.append([x, y])
        elif cur:
            parts.append(cur)
            cur = []
    if cur:
        parts.append(cur)
    return [p for p in parts if len(p) >= 2]


def clip_line(line):
    return runs(line, lambda x, y: W <= x <= E and S <= y <= N)


# Rivers. Where a Natural Earth border runs in a river it is taken from the
# border: the China-Russia line from Lake Khanka (lat >= 45.25, lon >= 132.9)
# to the Argun's head (lon >= 117.8) is the Ussuri, Amur and Argun; the
# China-North Korea line is the Yalu and the Tumen. Reaches that are no border
# are traced by hand through riverside towns (lon, lat of the towns, to about
# 0.05 deg; approximate between them): a backdrop, not survey data.
TRACED = {
    # Khabarovsk, Troitskoye, Amursk, Komsomolsk, Bogorodskoye, Nikolayevsk
    "Amur (lower)": [[135.07, 48.48], [136.57, 49.45], [136.88, 50.23], [137.01, 50.55],
                     [140.45, 52.38], [140.73, 53.14]],
    # Jilin, Songyuan, Sanchahe (Nen mouth), Harbin, Mulan, Yilan, Jiamusi,
    # Fujin, Tongjiang (Amur mouth)
    "Sungari": [[126.55, 43.84], [124.82, 45.18], [124.90, 45.50], [126.65, 45.75],
                [128.03, 45.95], [129.56, 46.32], [130.36, 46.80], [131.98, 47.25],
                [132.50, 47.65]],
}


def river_part(between, line):
    if between == ["China", "Russia"]:
        # The Ussuri from Lake Khanka, the Amur and the Argun; not the land
        # line west of Khanka.
        keep = lambda x, y: (x >= 132.9 and y >= 45.25) or (x >= 117.8 and y >= 47.5)
    elif between == ["China", "North Korea"]:
        keep = lambda x, y: True
    else:
        return []
    return runs(line, keep)


def main(path):
    src = json.load(open(path))
    land, borders, rivers = [], [], []
    for f in src["features"]:
        g = f["geometry"]
        if g["type"] == "Polygon":
            rings = [clip_ring(r) for r in g["coordinates"]]
            if len(rings[0]) >= 3:
                land.append([r for r in rings if len(r) >= 3])
        elif g["type"] == "LineString":
            borders.extend(clip_line(g["coordinates"]))
            rivers.extend(river_part(f["properties"].get("between"), g["coordinates"]))
    rivers.extend(TRACED.values())
    features = [
        {"type": "Feature", "properties": {"kind": "land"},
         "geometry": {"type": "Polygon", "coordinates": rings}}
        for rings in land
    ] + [
        {"type": "Feature", "properties": {"kind": "border"},
         "geometry": {"type": "LineString", "coordinates": line}}
        for line in borders
    ] + [
        {"type": "Feature", "properties": {"kind": "river"},
         "geometry": {"type": "LineString", "coordinates": line}}
        for line in rivers
    ]
    json.dump({"type": "FeatureCollection", "features": features}, sys.stdout, separators=(",", ":"))


main(sys.argv[1])

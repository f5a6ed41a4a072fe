//! The backdrop: land polygons (triangulated once), borders and rivers, from
//! the Natural Earth extract in `assets/map/` (see its README for provenance).

use super::project;
use bevy::prelude::Resource;
use bevy_egui::egui::Pos2;
use serde_json::Value;

/// Compiled in, so the window works from any directory.
const GEOJSON: &str = include_str!("../../../assets/map/theatre.geojson");

/// Land as triangles, borders and rivers as polylines, in map (world) coordinates.
#[derive(Resource, Clone, Debug, Default)]
pub struct Land {
    pub vertices: Vec<Pos2>,
    pub indices: Vec<u32>,
    pub borders: Vec<Vec<Pos2>>,
    pub rivers: Vec<Vec<Pos2>>,
}

fn points(v: &Value) -> Vec<[f64; 2]> {
    v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| Some([p.get(0)?.as_f64()?, p.get(1)?.as_f64()?]))
        .collect()
}

impl Land {
    /// Parses and triangulates the embedded map (a few milliseconds, once).
    pub fn load() -> Land {
        Land::parse(GEOJSON)
    }

    pub fn parse(text: &str) -> Land {
        let mut land = Land::default();
        let Ok(doc) = serde_json::from_str::<Value>(text) else {
            return land;
        };
        for f in doc["features"].as_array().into_iter().flatten() {
            let coords = &f["geometry"]["coordinates"];
            match f["geometry"]["type"].as_str() {
                Some("Polygon") => land.add_polygon(coords),
                Some("LineString") => {
                    let line = points(coords).iter().map(|p| project(p[0], p[1])).collect();
                    match f["properties"]["kind"].as_str() {
                        Some("river") => land.rivers.push(line),
                        _ => land.borders.push(line),
                    }
                }
                _ => {}
            }
        }
        land
    }

    /// Outer ring then holes; triangulated by earcut in projected coordinates.
    fn add_polygon(&mut self, rings: &Value) {
        let mut flat = Vec::new();
        let mut holes = Vec::new();
        for (i, ring) in rings.as_array().into_iter().flatten().enumerate() {
            if i > 0 {
                holes.push(flat.len() / 2);
            }
            for p in points(ring) {
                let q = project(p[0], p[1]);
                flat.extend([q.x as f64, q.y as f64]);
            }
        }
        let Ok(tris) = earcutr::earcut(&flat, &holes, 2) else {
            return;
        };
        let base = self.vertices.len() as u32;
        self.vertices.extend(
            flat.chunks_exact(2)
                .map(|c| Pos2::new(c[0] as f32, c[1] as f32)),
        );
        self.indices
            .extend(tris.into_iter().map(|i| base + i as u32));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_map_triangulates() {
        let land = Land::load();
        assert!(land.vertices.len() > 1000, "{}", land.vertices.len());
        assert!(land.indices.len() > 3000 && land.indices.len().is_multiple_of(3));
        assert!(land.borders.len() >= 4);
        // Amur-Ussuri-Argun, Yalu-Tumen, lower Amur, Sungari.
        assert_eq!(land.rivers.len(), 4);
    }
}

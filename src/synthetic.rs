//! Synthetic scenarios of any size, for benchmarks and stress tests: a grid of
//! regions split between two factions at war, both on the offensive.

use crate::date::Date;
use crate::scenario::*;

/// A `side × side` grid (≈ `regions`) with `formations` spread over it.
pub fn grid(regions: usize, formations: usize) -> Scenario {
    let side = (regions as f64).sqrt().ceil() as usize;
    let id = |x: usize, y: usize| format!("r{x}_{y}");
    let owner = |x: usize| if x < side / 2 { "west" } else { "east" };
    let mut rs = Vec::new();
    let mut links = Vec::new();
    for y in 0..side {
        for x in 0..side {
            rs.push(Region {
                id: id(x, y),
                name: format!("Region {x},{y}"),
                lat: 40.0 + y as f64 * 0.2,
                lon: 100.0 + x as f64 * 0.2,
                terrain: if (x + y) % 5 == 0 {
                    Terrain::Hills
                } else {
                    Terrain::Plain
                },
                owner: owner(x).into(),
                value: 1.0,
                theatre: "main".into(),
                fort: 0.0,
                depot: x == 0 || x == side - 1,
                allow: vec![],
            });
            for (dx, dy) in [(1, 0), (0, 1)] {
                if x + dx < side && y + dy < side {
                    links.push(Link {
                        from: id(x, y),
                        to: id(x + dx, y + dy),
                        kind: if y % 4 == 0 {
                            LinkKind::Rail
                        } else {
                            LinkKind::Road
                        },
                        length_km: 40.0,
                        rail_capacity: None,
                        allow: vec![],
                    });
                }
            }
        }
    }
    let fs = (0..formations)
        .map(|i| {
            let west = i % 2 == 0;
            let y = (i / 2) % side;
            let x = if west {
                (i / (2 * side)) % (side / 2)
            } else {
                side - 1 - (i / (2 * side)) % (side / 2)
            };
            Formation {
                id: format!("f{i}"),
                name: format!("Formation {i}"),
                faction: if west { "west" } else { "east" }.into(),
                kind: "division".into(),
                location: id(x, y),
                men: 10_000.0,
                tanks: 50.0,
                guns: 100.0,
                aircraft: 0.0,
                quality: 0.5,
                posture: Posture::Attack,
                winter: 0.5,
                parent: None,
                axis: vec![],
                spread: Some((0.9, 1.1)),
                allow: vec![],
            }
        })
        .collect();
    let plan = Plan {
        stance: Stance::Offensive,
        objectives: vec![],
    };
    Scenario {
        meta: Meta {
            name: format!("Synthetic {regions} regions, {formations} formations"),
            description: String::new(),
            start: Date::from_ymd(1941, 6, 1).expect("valid"),
            end: Date::from_ymd(1942, 6, 1).expect("valid"),
            authors: vec![],
            format: FORMAT_VERSION,
            outcomes: vec![],
        },
        factions: ["west", "east"]
            .iter()
            .map(|f| Faction {
                id: f.to_string(),
                name: f.to_string(),
                color: (128, 128, 128),
                controller: Controller::Historical,
                at_war_with: if *f == "west" {
                    vec!["east".into()]
                } else {
                    vec![]
                },
                plan: plan.clone(),
                allies: vec![],
                fights_to_the_last: false,
                allow: vec![],
            })
            .collect(),
        regions: rs,
        links,
        formation_types: vec![FormationType {
            id: "division".into(),
            name: "Division".into(),
            arm: Arm::Infantry,
            trains: 30,
            speed_km: 25.0,
            division: true,
        }],
        formations: fs,
        treaties: vec![],
        flags: vec![],
        variables: vec![],
        events: vec![],
        decisions: vec![],
        params: Params::default(),
        history: vec![],
    }
}

//! The bundled scenarios load and pass every check.

use std::path::Path;

#[test]
fn historical_scenario_loads_clean() {
    let loaded = pact::scenario::load_path(Path::new("scenarios/historical.ron"));
    if let Err(e) = &loaded {
        panic!("historical.ron has problems:\n{e}");
    }
}

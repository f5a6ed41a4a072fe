//! A real window: `pact play --screenshot` on the historical scenario at
//! 1945-08-15, then the PNG is checked. Needs a display, so it is ignored by
//! default; `.ci/run` runs it under Xvfb:
//!
//!     xvfb-run -a -s "-screen 0 1280x800x24" cargo test --release --test window smoke -- --ignored

use crate::common::pact;
use std::time::Duration;

/// Pixels within this distance (per channel) of a faction's colour count as that colour.
const TOLERANCE: i32 = 6;

fn near(p: &[u8], c: (u8, u8, u8)) -> bool {
    (p[0] as i32 - c.0 as i32).abs() <= TOLERANCE
        && (p[1] as i32 - c.1 as i32).abs() <= TOLERANCE
        && (p[2] as i32 - c.2 as i32).abs() <= TOLERANCE
}

#[test]
#[ignore = "needs a display: run under xvfb-run (see .ci/run)"]
fn screenshot_at_1945_08_15_shows_the_map_with_both_sides() {
    assert!(
        pact::gui::check_display().is_ok(),
        "no display: run this test under Xvfb, e.g. \
         xvfb-run -a -s \"-screen 0 1280x800x24\" cargo test --release --test window smoke -- --ignored"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("1945-08-15.png");
    pact()
        .args(["play", "--screenshot"])
        .arg(&out)
        .args(["--date", "1945-08-15", "--frames", "10"])
        .timeout(Duration::from_secs(600))
        .assert()
        .success();
    let img = image::open(&out).expect("a PNG was written").to_rgb8();
    let (w, h) = pact::gui::WINDOW;
    assert_eq!(img.dimensions(), (w, h), "the window's size");

    // The map: left of the side panel, between the top bar and the chronicle.
    let (x0, x1, y0, y1) = (20, w - 420, 90, h - 230);
    let mut lum = Vec::new();
    let (mut ussr, mut japan) = (0, 0);
    let scenario = crate::common::load("scenarios/historical.ron");
    let colour = |id: &str| {
        scenario
            .factions
            .iter()
            .find(|f| f.id == id)
            .expect("faction")
            .color
    };
    let (red, yellow) = (colour("ussr"), colour("japan"));
    for y in y0..y1 {
        for x in x0..x1 {
            let p = img.get_pixel(x, y).0;
            lum.push(0.299 * p[0] as f64 + 0.587 * p[1] as f64 + 0.114 * p[2] as f64);
            ussr += near(&p, red) as u32;
            japan += near(&p, yellow) as u32;
        }
    }
    let mean = lum.iter().sum::<f64>() / lum.len() as f64;
    let var = lum.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / lum.len() as f64;
    assert!(
        var > 200.0,
        "the map area is nearly blank (variance {var:.1})"
    );
    assert!(ussr > 50, "Soviet colour on {ussr} pixels");
    assert!(japan > 50, "Japanese colour on {japan} pixels");
}

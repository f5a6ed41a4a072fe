//! egui's look, set once: no text under 11 px (egui's `Small` is 10 px by
//! default, too small to read on a 1280×800 screen).

use bevy::prelude::*;
use bevy_egui::egui::{self, FontId};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

/// The smallest text the window draws, in points.
pub const MIN_TEXT: f32 = 11.0;

/// Raises every text style below [`MIN_TEXT`] to it.
pub fn apply(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        for font in style.text_styles.values_mut() {
            if font.size < MIN_TEXT {
                *font = FontId::new(MIN_TEXT, font.family.clone());
            }
        }
    });
}

fn setup(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if !*done {
        apply(contexts.ctx_mut()?);
        *done = true;
    }
    Ok(())
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, setup);
}

//! The chronicle panel: the run's dated story, filtered by faction and kind;
//! clicking an entry with a place centres the map on it.

use crate::scenario::Scenario;
use crate::sim::chronicle::{Entry, Kind};
use bevy_egui::egui::{self, Color32, RichText, Ui};

/// Which entries to show.
#[derive(Clone, Debug, PartialEq)]
pub struct ChronicleFilter {
    /// Faction id, or every entry when `None`.
    pub faction: Option<String>,
    /// Kinds shown, in [`Kind::ALL`] order.
    pub kinds: [bool; Kind::ALL.len()],
    /// Cache: entries count and filter the indices were computed for.
    cache: Option<(usize, Option<String>, [bool; Kind::ALL.len()], Vec<usize>)>,
}

impl Default for ChronicleFilter {
    fn default() -> Self {
        ChronicleFilter {
            faction: None,
            kinds: [true; Kind::ALL.len()],
            cache: None,
        }
    }
}

impl ChronicleFilter {
    pub fn admits(&self, e: &Entry) -> bool {
        let k = Kind::ALL.iter().position(|&k| k == e.kind).unwrap_or(0);
        self.kinds[k]
            && self
                .faction
                .as_ref()
                .is_none_or(|f| e.faction.as_deref() == Some(f))
    }

    /// Indices of the entries shown; recomputed only when entries or the filter change.
    pub fn shown(&mut self, entries: &[Entry]) -> &[usize] {
        let fresh = matches!(&self.cache, Some((n, f, k, _))
            if *n == entries.len() && *f == self.faction && *k == self.kinds);
        if !fresh {
            let idx = (0..entries.len())
                .filter(|&i| self.admits(&entries[i]))
                .collect();
            self.cache = Some((entries.len(), self.faction.clone(), self.kinds, idx));
        }
        self.cache.as_ref().map_or(&[], |c| &c.3)
    }
}

fn kind_colour(k: Kind) -> Color32 {
    match k {
        Kind::War | Kind::Capture | Kind::Combat => Color32::from_rgb(230, 110, 100),
        Kind::Treaty | Kind::Decision => Color32::from_rgb(140, 180, 240),
        Kind::Transfer | Kind::Order | Kind::Plan => Color32::from_rgb(200, 170, 110),
        Kind::Outcome | Kind::Front => Color32::from_rgb(150, 210, 140),
        Kind::Event => Color32::GRAY,
    }
}

/// The panel; returns the region id of an entry clicked this frame.
pub fn panel(
    ui: &mut Ui,
    entries: &[Entry],
    scenario: &Scenario,
    filter: &mut ChronicleFilter,
) -> Option<String> {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Chronicle").strong());
        let name = |id: &Option<String>| match id {
            None => "all factions".to_string(),
            Some(id) => scenario
                .factions
                .iter()
                .find(|f| &f.id == id)
                .map_or(id.clone(), |f| f.name.clone()),
        };
        egui::ComboBox::from_id_salt("chronicle_faction")
            .selected_text(name(&filter.faction))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.faction, None, name(&None));
                for f in &scenario.factions {
                    let v = Some(f.id.clone());
                    ui.selectable_value(&mut filter.faction, v.clone(), name(&v));
                }
            });
        for (i, k) in Kind::ALL.iter().enumerate() {
            ui.toggle_value(&mut filter.kinds[i], k.label());
        }
    });
    ui.separator();
    let shown = filter.shown(entries).to_vec();
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .stick_to_bottom(true)
        .show_rows(ui, row_h, shown.len(), |ui, rows| {
            for &i in &shown[rows] {
                let e = &entries[i];
                ui.horizontal(|ui| {
                    ui.monospace(e.date.to_string());
                    ui.label(
                        RichText::new(format!("{:<8}", e.kind.label()))
                            .monospace()
                            .color(kind_colour(e.kind)),
                    );
                    let r = ui.selectable_label(false, &e.text);
                    if r.clicked() {
                        clicked = e.region.clone();
                    }
                    if e.region.is_some() {
                        r.on_hover_text("show on the map");
                    }
                });
            }
        });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    fn entry(kind: Kind, faction: Option<&str>) -> Entry {
        Entry {
            date: Date(0),
            kind,
            faction: faction.map(str::to_string),
            region: None,
            text: String::new(),
        }
    }

    #[test]
    fn filter_by_faction_and_kind() {
        let es = vec![
            entry(Kind::War, Some("ussr")),
            entry(Kind::Capture, Some("japan")),
            entry(Kind::Event, None),
        ];
        let mut f = ChronicleFilter::default();
        assert_eq!(f.shown(&es), &[0, 1, 2]);
        f.faction = Some("ussr".into());
        assert_eq!(f.shown(&es), &[0]);
        f.faction = None;
        f.kinds[Kind::ALL.iter().position(|&k| k == Kind::Event).unwrap()] = false;
        assert_eq!(f.shown(&es), &[0, 1]);
    }
}

//! Selecting formations on the map: a click on a stack selects its
//! strongest formation (the next on each further click) and fans the stack
//! out into its formations, each clickable; shift-click adds a formation to
//! the selection; shift-drag draws a box that selects every formation in it.
//!
//! The window's selection ([`Selection`]) stays the one formation the
//! inspector and the orders act on: the first of the group. The group lives
//! in egui's memory, owned by the map, and follows the window's selection
//! when that changes elsewhere (a pick in the inspector's list).

use super::Selection;
use crate::sim::catalog::{FactionIx, RegionIx};
use bevy_egui::egui::{Context, Id, Pos2};

/// The selected formations and the stack fanned out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    /// The window's selection this group goes with.
    pub primary: Selection,
    /// Selected formations (by sequence number), the primary first.
    pub seqs: Vec<u32>,
    /// The stack shown fanned out: a faction's formations in a region.
    pub fanned: Option<(RegionIx, FactionIx)>,
    /// Where a box selection started (screen), while shift-dragging.
    pub box_from: Option<Pos2>,
}

impl Group {
    pub fn contains(&self, seq: u32) -> bool {
        self.seqs.contains(&seq)
    }

    /// Makes `s` the only selection.
    pub fn only(s: Selection) -> Group {
        Group {
            primary: s,
            seqs: match s {
                Selection::Formation(seq) => vec![seq],
                _ => Vec::new(),
            },
            ..Group::default()
        }
    }

    /// Adds or removes one formation (shift-click); the window's selection
    /// becomes the first one left.
    pub fn toggle(&mut self, seq: u32) {
        match self.seqs.iter().position(|&x| x == seq) {
            Some(i) => {
                self.seqs.remove(i);
            }
            None => self.seqs.push(seq),
        }
        self.primary = self
            .seqs
            .first()
            .map_or(Selection::None, |&s| Selection::Formation(s));
    }

    /// Selects exactly these formations (a box).
    pub fn set(&mut self, seqs: Vec<u32>) {
        self.seqs = seqs;
        self.primary = self
            .seqs
            .first()
            .map_or(Selection::None, |&s| Selection::Formation(s));
        self.fanned = None;
    }
}

fn id() -> Id {
    Id::new("pact_map_group")
}

/// The map's group, following `selection` if it changed outside the map.
pub fn get(ctx: &Context, selection: Selection) -> Group {
    let g: Group = ctx.data(|d| d.get_temp(id())).unwrap_or_default();
    if g.primary == selection {
        g
    } else {
        Group {
            fanned: g.fanned,
            ..Group::only(selection)
        }
    }
}

pub fn put(ctx: &Context, g: Group) {
    ctx.data_mut(|d| d.insert_temp(id(), g));
}

/// The selected formations (by sequence number), as the map last left them.
pub fn selected(ctx: &Context) -> Vec<u32> {
    ctx.data(|d| d.get_temp::<Group>(id()))
        .map(|g| g.seqs)
        .unwrap_or_default()
}

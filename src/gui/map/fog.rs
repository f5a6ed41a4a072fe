//! Fog of war: with a player in the game, the map shows other sides'
//! formations only where the player's side can see, in its own ground and
//! the regions next to it, or next to its formations, and at the strength
//! the player's side believes, not the true one. The belief is the
//! simulation's own: its intelligence estimate for that observer and
//! observed ([`Perception`], the factor its decisions' `perceived_by`
//! conditions use), read, never changed.

use crate::gui::session::{FormationView, Game};
use crate::sim::catalog::{FactionIx, RegionIx};
use crate::sim::state::{Location, Perception};

/// What the player's side sees; everything when nobody plays (a spectator).
#[derive(Clone, Debug, Default)]
pub struct Fog {
    /// The observing faction (the first player's), and its bloc.
    pub observer: Option<(FactionIx, FactionIx)>,
    /// Regions the observer sees into (all, without an observer).
    pub visible: Vec<bool>,
    /// Perceived ÷ true strength of each faction's formations, as the observer estimates it.
    pub factor: Vec<f64>,
    /// Each faction's bloc.
    bloc: Vec<FactionIx>,
}

impl Fog {
    /// Everything in plain sight at true strength.
    pub fn clear(game: &Game) -> Fog {
        let n = game.scenario.factions.len();
        let cat = game.catalog();
        Fog {
            observer: None,
            visible: vec![true; game.view.control.len()],
            factor: vec![1.0; n],
            bloc: FactionIx::all(n).map(|f| cat.bloc_of(f)).collect(),
        }
    }

    /// What the first player's faction sees; clear if nobody plays.
    pub fn of(game: &Game) -> Fog {
        let Some(&me) = game.player_factions().first() else {
            return Fog::clear(game);
        };
        let mut fog = Fog::clear(game);
        let cat = game.catalog();
        let mine = cat.bloc_of(me);
        fog.observer = Some((me, mine));
        let n = game.view.control.len();
        // Own ground and where own troops stand, then one link further.
        let mut seen: Vec<bool> = RegionIx::all(n)
            .map(|r| cat.bloc_of(game.view.control[r]) == mine)
            .collect();
        for f in &game.view.formations {
            if cat.bloc_of(f.info.faction) == mine
                && let Some(r) = f.location.region()
                && r.ix() < n
            {
                seen[r.ix()] = true;
            }
        }
        let mut visible = seen.clone();
        for r in RegionIx::all(n).filter(|r| seen[r.ix()]) {
            for e in cat.edges.get(r.ix()).into_iter().flatten() {
                if let Some(v) = visible.get_mut(e.to.ix()) {
                    *v = true;
                }
            }
        }
        fog.visible = visible;
        let perception = &game.sim.world().resource::<Perception>().0;
        for f in FactionIx::all(fog.factor.len()) {
            let keys = [
                (me, f),
                (me, cat.bloc_of(f)),
                (mine, f),
                (mine, cat.bloc_of(f)),
            ];
            if let Some(&(k, _)) = keys.iter().find_map(|k| perception.get(k)) {
                fog.factor[f.ix()] = k;
            }
        }
        fog
    }

    /// Whether formations of `faction` are the observer's own side (or nobody observes).
    pub fn own(&self, faction: FactionIx) -> bool {
        match self.observer {
            None => true,
            Some((_, bloc)) => self.bloc.get(faction.ix()) == Some(&bloc),
        }
    }

    pub fn sees_region(&self, r: RegionIx) -> bool {
        self.visible.get(r.ix()).copied().unwrap_or(false)
    }

    /// Whether formation `f` shows on the map: own side's always, others where seen
    /// (on the move: where it comes from or goes to is seen).
    pub fn sees(&self, f: &FormationView) -> bool {
        if self.own(f.info.faction) {
            return true;
        }
        match &f.location {
            Location::At(r) => self.sees_region(*r),
            Location::March(m) => self.sees_region(m.from) || self.sees_region(m.to),
            Location::Rail(t) => self.sees_region(t.from) || self.sees_region(t.to),
        }
    }

    /// Whether `f`'s strength is shown as an estimate rather than the truth.
    pub fn estimated(&self, f: &FormationView) -> bool {
        !self.own(f.info.faction)
    }

    /// Men in `f` as the observer believes (the truth for its own side).
    pub fn men(&self, f: &FormationView) -> f64 {
        if self.own(f.info.faction) {
            f.strength.men
        } else {
            f.strength.men * self.factor.get(f.info.faction.ix()).copied().unwrap_or(1.0)
        }
    }

    /// Tanks, likewise.
    pub fn tanks(&self, f: &FormationView) -> f64 {
        if self.own(f.info.faction) {
            f.strength.tanks
        } else {
            f.strength.tanks * self.factor.get(f.info.faction.ix()).copied().unwrap_or(1.0)
        }
    }
}

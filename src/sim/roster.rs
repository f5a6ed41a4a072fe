//! Formations in their stable order. Systems iterate the roster rather than a
//! query so that results never depend on archetype layout (and so a loaded
//! save iterates exactly as the run that wrote it).

use super::catalog::Catalog;
use super::state::*;
use crate::scenario::Formation;
use bevy::prelude::*;
use std::collections::BTreeMap;

#[derive(Resource, Clone, Debug, Default)]
pub struct Roster {
    /// (sequence, entity), ascending by sequence.
    list: Vec<(u32, Entity)>,
    by_id: BTreeMap<String, Entity>,
    next_seq: u32,
}

impl Roster {
    pub fn entities(&self) -> impl Iterator<Item = Entity> + '_ {
        self.list.iter().map(|(_, e)| *e)
    }

    pub fn get(&self, id: &str) -> Option<Entity> {
        self.by_id.get(id).copied()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn next_seq(&self) -> u32 {
        self.next_seq
    }

    /// Sets the next sequence number (restoring a save: removed formations may have held higher ones).
    pub fn set_next_seq(&mut self, seq: u32) {
        self.next_seq = self.next_seq.max(seq);
    }

    fn insert(&mut self, seq: u32, id: String, e: Entity) {
        let at = self.list.partition_point(|(s, _)| *s < seq);
        self.list.insert(at, (seq, e));
        self.by_id.insert(id, e);
        self.next_seq = self.next_seq.max(seq + 1);
    }

    fn remove(&mut self, id: &str) -> Option<Entity> {
        let e = self.by_id.remove(id)?;
        self.list.retain(|(_, x)| *x != e);
        Some(e)
    }
}

/// The components of one formation, as saved and restored.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct FormationRecord {
    pub seq: FormationSeq,
    pub info: FormationInfo,
    pub strength: Strength,
    pub posture: FormationPosture,
    pub supply: Supply,
    pub location: Location,
    #[serde(default)]
    pub axis: AdvanceAxis,
}

/// Spawns a formation with a given record (build, spawn effects, loading a save).
pub fn spawn_record(world: &mut World, rec: FormationRecord) -> Entity {
    let id = rec.info.id.clone();
    let seq = rec.seq.0;
    let e = world
        .spawn((
            rec.seq,
            rec.info,
            rec.strength,
            rec.posture,
            rec.supply,
            rec.location,
            rec.axis,
        ))
        .id();
    world.resource_mut::<Roster>().insert(seq, id, e);
    e
}

/// Spawns a formation from scenario data at its location, scaling strength by `factor`.
/// Returns `None` if an id is taken or a reference is unknown.
pub fn spawn_formation(
    world: &mut World,
    cat: &Catalog,
    f: &Formation,
    factor: f64,
) -> Option<Entity> {
    if world.resource::<Roster>().get(&f.id).is_some() {
        return None;
    }
    let seq = world.resource::<Roster>().next_seq();
    let rec = FormationRecord {
        seq: FormationSeq(seq),
        info: FormationInfo {
            id: f.id.clone(),
            name: f.name.clone(),
            faction: cat.faction(&f.faction)?,
            kind: *cat.type_ix.get(&f.kind)?,
            parent: f.parent.clone(),
        },
        strength: Strength {
            men: f.men * factor,
            tanks: f.tanks * factor,
            guns: f.guns * factor,
            aircraft: f.aircraft * factor,
            quality: f.quality,
            winter: f.winter,
        },
        posture: FormationPosture(f.posture),
        supply: Supply(1.0),
        location: Location::At(cat.region(&f.location)?),
        axis: AdvanceAxis(f.axis.iter().filter_map(|r| cat.region(r)).collect()),
    };
    Some(spawn_record(world, rec))
}

/// Removes a formation from the world and the roster.
pub fn despawn_formation(world: &mut World, id: &str) -> bool {
    let Some(e) = world.resource_mut::<Roster>().remove(id) else {
        return false;
    };
    world.despawn(e)
}

/// Removes every formation (before restoring a save).
pub fn clear(world: &mut World) {
    let ids: Vec<String> = world.resource::<Roster>().by_id.keys().cloned().collect();
    for id in ids {
        despawn_formation(world, &id);
    }
    *world.resource_mut::<Roster>() = Roster::default();
}

/// Every formation's record, in roster order.
pub fn records(world: &World) -> Vec<FormationRecord> {
    let roster = world.resource::<Roster>();
    roster
        .entities()
        .filter_map(|e| {
            let r = world.get_entity(e).ok()?;
            Some(FormationRecord {
                seq: *r.get::<FormationSeq>()?,
                info: r.get::<FormationInfo>()?.clone(),
                strength: *r.get::<Strength>()?,
                posture: *r.get::<FormationPosture>()?,
                supply: *r.get::<Supply>()?,
                location: r.get::<Location>()?.clone(),
                axis: r.get::<AdvanceAxis>().cloned().unwrap_or_default(),
            })
        })
        .collect()
}

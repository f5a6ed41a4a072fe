//! Formations in their stable order. Systems iterate the roster rather than a
//! query so that results never depend on archetype layout (and so a loaded
//! save iterates exactly as the run that wrote it).

use super::catalog::Catalog;
use super::checksum::Fnv;
use super::command::FormationOrder;
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

/// Declares a formation's components once: the record saved and restored, the
/// spawn, the read back and the hash all follow this list.
macro_rules! formation_record {
    ($($(#[$m:meta])* $field:ident: $ty:ty,)*) => {
        /// The components of one formation, as saved and restored.
        #[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq)]
        pub struct FormationRecord {
            $($(#[$m])* pub $field: $ty,)*
        }

        /// Spawns a formation with a given record (build, spawn effects, loading a save).
        pub fn spawn_record(world: &mut World, rec: FormationRecord) -> Entity {
            let id = rec.info.id.clone();
            let seq = rec.seq.0;
            let e = world.spawn(($(rec.$field,)*)).id();
            world.resource_mut::<Roster>().insert(seq, id, e);
            e
        }

        /// Every formation's record, in roster order.
        pub fn records(world: &World) -> Vec<FormationRecord> {
            let roster = world.resource::<Roster>();
            roster
                .entities()
                .filter_map(|e| {
                    let r = world.get_entity(e).ok()?;
                    Some(FormationRecord { $($field: r.get::<$ty>()?.clone(),)* })
                })
                .collect()
        }

        /// Hashes every formation's components in roster order, without copying them.
        pub fn hash_records(world: &World, h: &mut Fnv) {
            let roster = world.resource::<Roster>();
            h.u64(roster.len() as u64);
            // One query fetch per formation rather than a lookup per component.
            let Some(q) = world.try_query::<($(&$ty,)*)>() else { return };
            for e in roster.entities() {
                if let Ok(($($field,)*)) = q.get_manual(world, e) {
                    $(h.feed($field);)*
                }
            }
        }
    };
}

formation_record! {
    seq: FormationSeq,
    info: FormationInfo,
    strength: Strength,
    posture: FormationPosture,
    supply: Supply,
    location: Location,
    #[serde(default)]
    axis: AdvanceAxis,
    /// An explicit order (none: axis or plan); absent from a save when none.
    #[serde(default, skip_serializing_if = "FormationOrder::is_none")]
    order: FormationOrder,
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
        order: FormationOrder(None),
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

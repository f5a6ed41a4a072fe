//! Formations in their stable order. Systems iterate the roster rather than a
//! query so that results never depend on archetype layout (and so a loaded
//! save iterates exactly as the run that wrote it).

use super::catalog::Catalog;
use super::checksum::{Fnv, HashCache};
use super::command::FormationOrder;
use super::state::*;
use crate::scenario::Formation;
use bevy::ecs::component::ComponentMutability;
use bevy::ecs::lifecycle::HookContext;
use bevy::ecs::query::QueryState;
use bevy::ecs::world::DeferredWorld;
use bevy::prelude::*;
use std::collections::BTreeMap;

#[derive(Resource, Clone, Debug, Default)]
pub struct Roster {
    /// (sequence, entity), ascending by sequence.
    list: Vec<(u32, Entity)>,
    by_id: BTreeMap<String, Entity>,
    next_seq: u32,
    /// Counts formations added and removed, so a cache of their hashes knows when it is stale.
    version: u64,
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
        self.version += 1;
    }

    fn remove(&mut self, id: &str) -> Option<Entity> {
        let e = self.by_id.remove(id)?;
        self.list.retain(|(_, x)| *x != e);
        self.version += 1;
        Some(e)
    }
}

/// An immutable component of a formation's record was replaced or removed,
/// the only ways it can change (a formation comes with it through
/// [`spawn_record`], which counts itself): the roster counts that as a change
/// of formations, after which the daily checksum hashes every formation
/// afresh, so its pass need not read these components' change ticks. Every
/// immutable component of the record must have this hook (`on_discard`:
/// unlike one on inserting, spawns do not pay for it).
pub fn record_key_discarded(mut world: DeferredWorld, _: HookContext) {
    if let Some(mut roster) = world.get_resource_mut::<Roster>() {
        roster.bypass_change_detection().version += 1;
    }
}

/// The formations a pass over a query picked, in roster order (each with its
/// sequence number: no second list is made without them): a query walks its
/// tables densely, so picking the few that have work and sorting them by
/// sequence costs less than looking every roster entity up in turn.
pub fn in_roster_order<T>(
    picked: impl Iterator<Item = (FormationSeq, T)>,
) -> Vec<(FormationSeq, T)> {
    // Room for every formation the pass may pick: no regrowth on a big day.
    let mut v = Vec::with_capacity(picked.size_hint().1.unwrap_or(0));
    // `for_each`, not `extend` (which calls `next` formation by formation): a
    // query's iterator walks its rows in a tight loop only when driven from within.
    picked.for_each(|x| v.push(x));
    // Sequence numbers are unique, so an unstable sort leaves one order.
    v.sort_unstable_by_key(|&(seq, _)| seq);
    v
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
            roster.entities().filter_map(|e| record(world, e)).collect()
        }

        /// Formation `e`'s record, if it is a whole formation.
        pub fn record(world: &World, e: Entity) -> Option<FormationRecord> {
            let r = world.get_entity(e).ok()?;
            Some(FormationRecord { $($field: r.get::<$ty>()?.clone(),)* })
        }

        /// Reads a formation's whole record with its change ticks.
        type RecordQuery = QueryState<(Entity, $(Ref<'static, $ty>,)*)>;

        /// How many components a record has.
        const FIELDS: usize = [$(stringify!($field)),*].len();

        /// Which of them are immutable (changed only by replacing them, which
        /// [`record_key_discarded`] counts as a change of the roster).
        const IMMUTABLE: [bool; FIELDS] =
            [$(!<<$ty as Component>::Mutability as ComponentMutability>::MUTABLE),*];

        /// One formation's hash: its components in declaration order, fed
        /// from component number `from` on, the hasher resuming from
        /// `before[from]`; `before` takes the hasher's state ahead of each
        /// component fed.
        fn record_hash(from: usize, before: &mut [u64; FIELDS], $($field: &$ty,)*) -> u64 {
            let mut h = Fnv::resume(before[from]);
            let mut i = 0;
            $(
                if i >= from {
                    before[i] = h.finish();
                    h.feed($field);
                }
                i += 1;
            )*
            let _ = i;
            h.finish()
        }

        /// Takes formation `e`'s last hash out of `total` and puts its new one in,
        /// hashing it again from component number `from` on.
        #[inline(never)]
        fn rehash(hashes: &mut Vec<Hashed>, total: &mut u64, e: Entity, from: usize, $($field: &$ty,)*) {
            // Every record is new to the cache only when all are hashed afresh (from 0).
            let slot = e.index().index() as usize;
            if slot >= hashes.len() {
                hashes.resize_with(slot + 1, Hashed::default);
            }
            let old = &mut hashes[slot];
            let new = mix(record_hash(from, &mut old.before, $($field,)*));
            *total = total.wrapping_sub(old.hash).wrapping_add(new);
            old.hash = new;
        }

        /// Hashes every formation: the count, then the wrapping sum of each
        /// formation's mixed [`record_hash`] (a sum, so that a day's changes can
        /// be taken out and put in without visiting the rest; the sequence
        /// number inside each record keeps formations apart). With a cache, only
        /// formations with a component changed since its last day are hashed
        /// again, from the first component changed on, unless formations came or went.
        pub fn hash_records(world: &World, h: &mut Fnv, cache: Option<&mut HashCache>) {
            let roster = world.resource::<Roster>();
            h.u64(roster.len() as u64);
            let Some(cache) = cache else {
                let mut total = 0u64;
                if let Some(mut q) = world.try_query::<($(&$ty,)*)>() {
                    for ($($field,)*) in q.iter(world) {
                        let mut before = Hashed::default().before;
                        total = total.wrapping_add(mix(record_hash(0, &mut before, $($field,)*)));
                    }
                }
                h.u64(total);
                return;
            };
            let since = cache.since();
            let RecordHashes { query, hashes, total, roster_version } = &mut cache.records;
            if query.is_none() {
                *query = QueryState::try_new(world);
            }
            let Some(q) = query.as_mut() else { return };
            q.update_archetypes(world);
            // Formations came or went: every record is summed afresh.
            let all = *roster_version != Some(roster.version);
            if all {
                hashes.clear();
                *total = 0;
                *roster_version = Some(roster.version);
            }
            // Internal iteration (`for_each`) with a closure small enough to be
            // inlined into the query's tight loop over its rows: it reads the
            // ticks only (not those of immutable components: had one been
            // replaced, `all` would be set), and leaves the hashing to `rehash`.
            q.iter_manual(world).for_each(|(e, $($field,)*)| {
                // The first component changed since the last day, if any: the
                // ticks after it need not be read.
                let mut from = FIELDS;
                let mut i = 0;
                $(
                    if from == FIELDS
                        && (all || (!IMMUTABLE[i] && since.changed($field.last_changed())))
                    {
                        from = i;
                    }
                    i += 1;
                )*
                let _ = i;
                if from < FIELDS {
                    rehash(hashes, total, e, from, $(&*$field,)*);
                }
            });
            h.u64(*total);
        }
    };
}

/// Spreads a record's hash over all 64 bits (SplitMix64's finaliser), so that
/// sums of them do not cancel.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The formations' hashes as of the last daily checksum, and the query that
/// reads their records with change ticks (kept: building it costs more than a
/// quiet day's hashing).
#[derive(Default)]
pub struct RecordHashes {
    query: Option<RecordQuery>,
    /// By entity index: the formations are the same entities until the roster changes.
    hashes: Vec<Hashed>,
    total: u64,
    /// The roster's [`Roster::version`] the hashes were taken at.
    roster_version: Option<u64>,
}

/// A formation's mixed hash as last taken, and the hasher's state ahead of
/// each of its components then: a rehash starts at the first component changed.
struct Hashed {
    before: [u64; FIELDS],
    hash: u64,
}

impl Default for Hashed {
    /// Nothing hashed yet: the hasher's start state ahead of the first component.
    fn default() -> Self {
        Hashed {
            before: [Fnv::default().finish(); FIELDS],
            hash: 0,
        }
    }
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
    let mut roster = world.resource_mut::<Roster>();
    let version = roster.version + 1;
    *roster = Roster {
        version,
        ..Roster::default()
    };
}

//! Enum names for output, ledger keys and hashes, in one spelling: the one
//! scenario files use (serde's), never `Debug`, whose format is not stable.

use serde::Serialize;

/// A unit variant's name as files spell it (`TreatyStatus::InForce` → `in_force`).
/// A variant with data has no such name: it gives "".
pub fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The name in words, for messages (`in_force` → `in force`).
pub fn words<T: Serialize>(v: &T) -> String {
    name(v).replace('_', " ")
}

/// An id in words (`far_east` → `far east`), for what has no name: theatres, outcomes.
pub fn id_words(id: &str) -> String {
    id.replace('_', " ")
}

/// The text with its first letter capitalised (`non aggression` → `Non aggression`).
pub fn capitalised(s: &str) -> String {
    let mut cs = s.chars();
    cs.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(cs).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Controller, LinkKind, TreatyStatus};

    #[test]
    fn names_are_the_file_spelling() {
        assert_eq!(name(&TreatyStatus::InForce), "in_force");
        assert_eq!(words(&TreatyStatus::InForce), "in force");
        assert_eq!(name(&LinkKind::RiverCrossing), "river_crossing");
        assert_eq!(name(&Controller::Ai), "ai");
        // Read back, the name is the same variant.
        let back: TreatyStatus = ron::from_str(&name(&TreatyStatus::InForce)).unwrap();
        assert_eq!(back, TreatyStatus::InForce);
    }
}

//! Effects in words, for the decision dialog: what choosing an option does.

use crate::names::name;
use crate::scenario::{Effect, Selector};

fn selector(s: &Selector) -> String {
    let mut out = match s.count {
        Some(n) => format!("up to {n} of {}'s", s.faction),
        None => format!("all {}'s", s.faction),
    };
    out.push_str(
        if s.types.is_empty() {
            " formations".into()
        } else {
            format!(" {}", s.types.join("/"))
        }
        .as_str(),
    );
    if let Some(t) = &s.theatre {
        out.push_str(&format!(" in theatre {t}"));
    }
    if let Some(r) = &s.region {
        out.push_str(&format!(" at {r}"));
    }
    out
}

/// One effect as a line a player can read.
pub fn describe(e: &Effect) -> String {
    match e {
        Effect::SetFlag(f) => format!("set flag {f}"),
        Effect::ClearFlag(f) => format!("clear flag {f}"),
        Effect::SetVar(v, x) => format!("{v} = {x}"),
        Effect::AddVar(v, x) => format!("{v} {x:+}"),
        Effect::Spawn(f) => format!(
            "new formation: {} ({}, {}, {:.0} men) at {}",
            f.name, f.faction, f.kind, f.men, f.location
        ),
        Effect::Remove(f) => format!("remove {f}"),
        Effect::Teleport { formation, to } => format!("{formation} moves at once to {to}"),
        Effect::RailTransfer { formation, to } => format!("rail {formation} to {to}"),
        Effect::RailTransferMany { select, to } => format!("rail {} to {to}", selector(select)),
        Effect::RailCapacity { line, trains } => {
            format!("railway {} to {trains} trains a day", line.join(" – "))
        }
        Effect::Treaty { treaty, action, by } => match by {
            Some(f) => format!("{f}: {} treaty {treaty}", name(action)),
            None => format!("{} treaty {treaty}", name(action)),
        },
        Effect::DeclareWar(a, b) => format!("{a} declares war on {b}"),
        Effect::Peace(a, b) => format!("peace between {a} and {b}"),
        Effect::SetPlan {
            faction,
            stance,
            objectives,
        } => {
            let mut s = format!("{faction} plan: {}", name(stance));
            if !objectives.is_empty() {
                s.push_str(&format!(", objectives {}", objectives.join(", ")));
            }
            s
        }
        Effect::SetPosture { select, posture } => {
            format!("{} to {} posture", selector(select), name(posture))
        }
        Effect::SetAxis { select, objectives } => {
            format!("{} advance on {}", selector(select), objectives.join(", "))
        }
        Effect::Surrender(select) => format!("{} surrender", selector(select)),
        Effect::Disperse(select) => format!("{} disperse", selector(select)),
        Effect::Resupply { select, amount } => {
            format!("supply of {} × {amount}", selector(select))
        }
        Effect::Outcome(o) => format!("outcome: {o}"),
        Effect::Chronicle(text) => format!("chronicle: “{text}”"),
    }
}

/// Every effect of an option, one line each.
pub fn describe_all(effects: &[Effect]) -> Vec<String> {
    effects.iter().map(describe).collect()
}

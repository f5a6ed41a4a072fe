//! Typed indices into the scenario's lists. A region is not a link, and
//! neither is a `usize`: each index has its own type, indexes slices of its
//! own kind (`regions[r]`, `dist[r]`), and serialises as the bare number, so
//! saves and checksums are those of the plain integer.

use serde::{Deserialize, Serialize};
use std::ops::{Index, IndexMut};

/// `list[ix]` for one kind of list (indexing does not look through a `Vec` to its slice).
macro_rules! indexes {
    ($name:ident, $list:ty) => {
        impl<T> Index<$name> for $list {
            type Output = T;
            fn index(&self, i: $name) -> &T {
                &self[i.ix()]
            }
        }

        impl<T> IndexMut<$name> for $list {
            fn index_mut(&mut self, i: $name) -> &mut T {
                &mut self[i.ix()]
            }
        }
    };
}

macro_rules! index_types {
    ($($(#[$doc:meta])* $name:ident($repr:ty);)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub $repr);

        impl $name {
            /// The position in the list it indexes.
            pub const fn ix(self) -> usize {
                self.0 as usize
            }

            /// The index of position `i`. Lists are bounded by the scenario's
            /// limits, so positions fit.
            pub const fn at(i: usize) -> Self {
                Self(i as $repr)
            }

            /// Every index of a list of `n` items, in order.
            pub fn all(n: usize) -> impl DoubleEndedIterator<Item = Self> + Clone {
                (0..n).map(Self::at)
            }
        }

        impl From<$name> for usize {
            fn from(i: $name) -> usize {
                i.ix()
            }
        }

        /// The bare number, as in saves and messages about them.
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        indexes!($name, [T]);
        indexes!($name, Vec<T>);
    )*};
}

index_types! {
    /// A faction: its position in the scenario's `factions`.
    FactionIx(u8);
    /// A region: its position in `regions`.
    RegionIx(u16);
    /// A link: its position in `links`.
    LinkIx(u16);
    /// A formation type: its position in `formation_types`.
    TypeIx(u16);
}

impl FactionIx {
    /// No faction (a region whose owner is not a listed faction).
    pub const NONE: FactionIx = FactionIx(u8::MAX);
}

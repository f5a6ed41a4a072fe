//! Shortest paths over the map: the one Dijkstra that rail routing, supply
//! reach and the march orders share. Each supplies only what a step costs.

use super::catalog::Edge;
use super::ids::RegionIx;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Distances from the nearest source, and how each region was reached.
pub struct Paths {
    pub dist: Vec<f64>,
    /// The region and edge each region was first reached from at its final distance.
    pub via: Vec<Option<(RegionIx, Edge)>>,
}

impl Paths {
    /// Dijkstra from every region of `sources` at distance 0 over `edges`.
    /// `cost(from, edge)` is the cost of taking `edge` out of `from`, None
    /// where it may not be taken. Ties go to the lower region index, so the
    /// result is the same on every run. With `stop`, the search ends once
    /// that region is settled (distances beyond it are then incomplete).
    pub fn search(
        edges: &[Vec<Edge>],
        sources: impl IntoIterator<Item = RegionIx>,
        stop: Option<RegionIx>,
        cost: impl FnMut(RegionIx, &Edge) -> Option<f64>,
    ) -> Paths {
        Self::run::<true>(edges, sources, stop, cost)
    }

    /// [`Self::search`]'s distances alone, without recording how each region
    /// was reached (supply reach needs no routes).
    pub fn distances(
        edges: &[Vec<Edge>],
        sources: impl IntoIterator<Item = RegionIx>,
        cost: impl FnMut(RegionIx, &Edge) -> Option<f64>,
    ) -> Vec<f64> {
        Self::run::<false>(edges, sources, None, cost).dist
    }

    /// The search, recording `via` only when `VIA` (empty otherwise).
    fn run<const VIA: bool>(
        edges: &[Vec<Edge>],
        sources: impl IntoIterator<Item = RegionIx>,
        stop: Option<RegionIx>,
        mut cost: impl FnMut(RegionIx, &Edge) -> Option<f64>,
    ) -> Paths {
        let mut dist = vec![f64::INFINITY; edges.len()];
        let mut via = if VIA {
            vec![None; edges.len()]
        } else {
            Vec::new()
        };
        let mut starts: Vec<RegionIx> = sources.into_iter().collect();
        for &s in &starts {
            dist[s] = 0.0;
        }
        // The sources, all at 0, wait in a sorted list beside the heap (an
        // offensive has hundreds of targets): each next entry is the smaller
        // of the list's head and the heap's top. Entries are totally ordered,
        // and equal ones are identical, so they come in the order one heap of
        // them all would give, while the heap holds only the frontier.
        starts.sort_unstable();
        let mut starts = starts.into_iter().peekable();
        let mut heap = BinaryHeap::new();
        loop {
            let from_starts = match (starts.peek(), heap.peek()) {
                (Some(&s), Some(Reverse(top))) => Entry::new(0.0, s) <= *top,
                (Some(_), None) => true,
                (None, _) => false,
            };
            let next = if from_starts {
                starts.next().map(|s| Entry::new(0.0, s))
            } else {
                heap.pop().map(|Reverse(top)| top)
            };
            let Some(next) = next else { break };
            let (d, r) = (next.dist(), next.region());
            if Some(r) == stop {
                break;
            }
            if d > dist[r] {
                continue;
            }
            for e in &edges[r] {
                let Some(c) = cost(r, e) else { continue };
                if d + c < dist[e.to] {
                    dist[e.to] = d + c;
                    if VIA {
                        via[e.to] = Some((r, *e));
                    }
                    heap.push(Reverse(Entry::new(d + c, e.to)));
                }
            }
        }
        Paths { dist, via }
    }

    /// The edges from the source to `to`, in order (None where unreachable).
    pub fn route(&self, to: RegionIx) -> Option<Vec<Edge>> {
        if !self.dist[to].is_finite() {
            return None;
        }
        let mut steps = Vec::new();
        let mut at = to;
        while let Some((from, e)) = self.via[at] {
            steps.push(e);
            at = from;
        }
        steps.reverse();
        Some(steps)
    }
}

/// A heap entry, a distance and a region, as one integer that orders as the
/// pair does (NaN never occurs: lengths are checked), so that the heap
/// compares single integers: above, the distance as the integer
/// `f64::total_cmp` compares (its sign bit flipped, to order unsigned; the
/// transform is its own inverse, so the f64 comes back bit for bit); below,
/// the region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry(u128);

impl Entry {
    const SIGN: u64 = 1 << 63;

    fn new(d: f64, r: RegionIx) -> Entry {
        let key = flip(d.to_bits() as i64) as u64 ^ Self::SIGN;
        Entry(u128::from(key) << 64 | r.ix() as u128)
    }

    fn dist(self) -> f64 {
        f64::from_bits(flip(((self.0 >> 64) as u64 ^ Self::SIGN) as i64) as u64)
    }

    fn region(self) -> RegionIx {
        RegionIx::at(self.0 as u64 as usize)
    }
}

/// `f64::total_cmp`'s key: negative numbers' magnitude bits flipped, so that
/// the integers order as the floats do.
fn flip(bits: i64) -> i64 {
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

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
        mut cost: impl FnMut(RegionIx, &Edge) -> Option<f64>,
    ) -> Paths {
        let mut dist = vec![f64::INFINITY; edges.len()];
        let mut via = vec![None; edges.len()];
        let starts: Vec<_> = sources
            .into_iter()
            .map(|s| Reverse((OrdF64(0.0), s)))
            .collect();
        for &Reverse((_, s)) in &starts {
            dist[s] = 0.0;
        }
        // Heapified at once (an offensive has hundreds of targets). Pops come
        // in the order they would after pushing one by one: entries are totally
        // ordered, and equal ones are identical.
        let mut heap = BinaryHeap::from(starts);
        while let Some(Reverse((OrdF64(d), r))) = heap.pop() {
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
                    via[e.to] = Some((r, *e));
                    heap.push(Reverse((OrdF64(d + c), e.to)));
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

/// An f64 with a total order, for the priority queue (NaN never occurs: lengths are checked).
#[derive(Clone, Copy, Debug, PartialEq)]
struct OrdF64(f64);

impl Eq for OrdF64 {}

impl PartialOrd for OrdF64 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrdF64 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

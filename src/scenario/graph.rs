//! Small graph helpers shared by the checks and the engine: disjoint sets
//! (blocs of allied factions, connected parts of the map) and strongly
//! connected components (events that trigger each other).

/// Disjoint sets over `0..n`; each set is represented by its smallest member.
#[derive(Clone, Debug)]
pub struct Sets(Vec<usize>);

impl Sets {
    pub fn new(n: usize) -> Self {
        Sets((0..n).collect())
    }

    pub fn root(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    /// Joins the sets of `a` and `b`, keeping the smaller root (so a bloc is led by its first-listed member).
    pub fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        self.0[ra.max(rb)] = ra.min(rb);
    }
}

/// Bloc leader of each faction: factions joined by `allies` (either way) form
/// a bloc led by its first-listed member.
pub fn blocs(s: &super::Scenario) -> Vec<usize> {
    let ix = super::kinds::id_index::<super::Faction>(s);
    let mut sets = Sets::new(s.factions.len());
    for (i, f) in s.factions.iter().enumerate() {
        for a in &f.allies {
            if let Some(&j) = ix.get(a.as_str()) {
                sets.join(i, j);
            }
        }
    }
    (0..s.factions.len()).map(|i| sets.root(i)).collect()
}

/// Strongly connected components of a directed graph given as adjacency
/// lists (Tarjan's algorithm without recursion, so a long chain in a file
/// cannot overflow the stack). Components come out in reverse topological order.
pub fn strong_components(adj: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = adj.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut next = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(root, 0usize)];
        while let Some(&(v, edge)) = work.last() {
            if edge == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = adj[v].get(edge) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                comp.sort_unstable();
                out.push(comp);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_keep_the_first_member_as_root() {
        let mut s = Sets::new(4);
        s.join(3, 1);
        s.join(1, 2);
        assert_eq!((s.root(3), s.root(2), s.root(0)), (1, 1, 0));
    }

    #[test]
    fn finds_cycles_and_singletons() {
        // 0 -> 1 -> 2 -> 0, 2 -> 3
        let adj = vec![vec![1], vec![2], vec![0, 3], vec![]];
        let mut comps = strong_components(&adj);
        comps.sort();
        assert_eq!(comps, vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn long_chains_do_not_overflow() {
        let n = 200_000;
        let adj: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n]).collect();
        assert_eq!(strong_components(&adj).len(), 1);
    }
}

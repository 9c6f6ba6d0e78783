//! Small-code sorting for the browser build.
//!
//! The standard library's sorts (driftsort, ipnsort) are fast but large, and Rust compiles one
//! copy per element type *and* per comparison closure: with ~50 call sites they made ~125 KB of
//! the wasm before optimisation. Here every sort is one sort of `u32` indices with a
//! dynamically-dispatched comparison (a single compiled copy of the standard stable sort),
//! followed by a small generic permutation. Stable, `O(n log n)`, and a little slower per
//! comparison — irrelevant at the sizes sorted here (a few thousand items at most per call).

use std::cmp::Ordering;

/// Sort `v` by `cmp`, stably.
pub fn by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let items: &[T] = v;
        sorted_indices(items.len(), &|a, b| cmp(&items[a], &items[b]))
    };
    permute(v, order);
}

/// Sort `v` by the key `f` gives, stably.
pub fn by_key<T, K: Ord>(v: &mut [T], f: impl Fn(&T) -> K) {
    by(v, |a, b| f(a).cmp(&f(b)));
}

/// Sort `v` in ascending order, stably.
pub fn ascending<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// The indices `0..n` in the order `cmp` puts them (stable). Not generic: compiled once.
#[inline(never)]
fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<u32> {
    let n = n.min(u32::MAX as usize);
    let mut order: Vec<u32> = (0..n as u32).collect();
    order.sort_by(|&a, &b| cmp(a as usize, b as usize));
    order
}

/// Rearrange `v` so that `v[i]` becomes the old `v[order[i]]` (cycle by cycle, in place).
/// `order` must be a permutation of `0..v.len()`.
pub(crate) fn permute<T>(v: &mut [T], mut order: Vec<u32>) {
    for start in 0..order.len() {
        let mut cur = start;
        // Follow the cycle through `start`, marking visited slots with their own index.
        while order[cur] as usize != start {
            let next = order[cur] as usize;
            v.swap(cur, next);
            order[cur] = cur as u32;
            cur = next;
        }
        order[cur] = cur as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic generator (splitmix64).
    fn gen(seed: u64, n: usize, range: u64) -> Vec<u64> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = s;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                (z ^ (z >> 31)) % range
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        for (seed, n, range) in [
            (1, 0, 5),
            (2, 1, 5),
            (3, 2, 2),
            (4, 17, 4),
            (5, 100, 10),
            (6, 5000, 300),
            (7, 3000, 1 << 40),
        ] {
            let keys = gen(seed, n, range);
            // Pair each key with its position: stability shows in the second field.
            let mut ours: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std = ours.clone();
            by_key(&mut ours, |x| x.0);
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "seed {seed}");
            let mut ours: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std = ours.clone();
            by(&mut ours, |a, b| b.0.cmp(&a.0));
            std.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(ours, std, "seed {seed}, descending");
        }
        let mut words = vec!["b".to_string(), "a".into(), "c".into(), "a".into()];
        ascending(&mut words);
        assert_eq!(words, ["a", "a", "b", "c"]);
    }
}

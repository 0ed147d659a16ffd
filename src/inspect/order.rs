//! Ordering the page's short lists, at the bottom of the core (it uses nothing). The standard
//! library's sorts are fast on big inputs but weigh several KB of wasm per element type; the
//! page only ever orders a few dozen items (tabs, nearest operations, places), so a small stable
//! insertion into a bounded list does it in a few hundred bytes. Lists that can be long (a
//! session's calls) are ordered by [`sort_by`]: one merge sort over positions, not generic, so
//! every element type shares its code.

/// The `n` items with the smallest keys, in key order, equals in their original order: one pass
/// over `items`, each step at most `n` comparisons.
pub fn smallest_by_key<T, K: Ord>(
    items: impl IntoIterator<Item = T>,
    n: usize,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let mut best: Vec<(K, T)> = Vec::with_capacity(n.saturating_add(1).min(64));
    if n == 0 {
        return Vec::new();
    }
    for item in items {
        let k = key(&item);
        if best.len() == n && best.last().is_some_and(|(last, _)| *last <= k) {
            continue;
        }
        // After every equal key already there: the order of equals is kept.
        let at = best.iter().position(|(b, _)| *b > k).unwrap_or(best.len());
        best.insert(at, (k, item));
        best.truncate(n);
    }
    best.into_iter().map(|(_, item)| item).collect()
}

/// All of `items` sorted by key, equals in their original order.
pub fn sorted_by_key<T, K: Ord>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let n = items.len();
    smallest_by_key(items, n, key)
}

/// The positions `0..n` in the order that sorts the items they stand for: `less(a, b)` says the
/// item at `a` goes strictly before the one at `b`; equals keep their order. A bottom-up merge
/// sort (n log n comparisons) with one copy of its code for every element type.
fn permutation(n: usize, less: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut from: Vec<usize> = (0..n).collect();
    let mut to: Vec<usize> = Vec::with_capacity(n);
    let mut width = 1;
    while width < n {
        to.clear();
        let mut lo = 0;
        while lo < n {
            let mid = lo.saturating_add(width).min(n);
            let hi = mid.saturating_add(width).min(n);
            let (mut i, mut j) = (lo, mid);
            while let Some(&left) = from.get(i).filter(|_| i < mid) {
                match from.get(j).filter(|&&right| j < hi && less(right, left)) {
                    Some(&right) => {
                        to.push(right);
                        j += 1;
                    }
                    None => {
                        to.push(left);
                        i += 1;
                    }
                }
            }
            to.extend(from.get(j..hi).unwrap_or_default());
            lo = hi;
        }
        std::mem::swap(&mut from, &mut to);
        width = width.saturating_mul(2);
    }
    from
}

/// Sorts `items` by `less` (strictly before), equals in their original order, in n log n.
pub fn sort_by<T>(items: &mut [T], less: impl Fn(&T, &T) -> bool) {
    let order = {
        let items = &*items;
        permutation(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => less(a, b),
            _ => false,
        })
    };
    // `order[k]` is where the item for place `k` is: follow each cycle, swapping it into place.
    let mut order = order;
    for start in 0..order.len() {
        let mut k = start;
        while let Some(next) = order.get_mut(k).map(|o| std::mem::replace(o, usize::MAX)) {
            if next == start || next == usize::MAX {
                break;
            }
            if next < items.len() && k < items.len() {
                items.swap(k, next);
            }
            k = next;
        }
    }
}

/// Sorts `items` by key, equals in their original order, in n log n.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a) < key(b));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_by_key_is_stable_and_agrees_with_the_standard_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for n in 0..200 {
            let mut v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 7) as u8, i)
                })
                .collect();
            let mut expected = v.clone();
            expected.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| p.0);
            assert_eq!(v, expected, "n = {n}");
        }
    }
}

//! Ordering the page's short lists, at the bottom of the core (it uses nothing). The standard
//! library's sorts are fast on big inputs but weigh several KB of wasm per element type; the
//! page only ever orders a few dozen items (tabs, nearest operations, places), so a small stable
//! insertion into a bounded list does it in a few hundred bytes.

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

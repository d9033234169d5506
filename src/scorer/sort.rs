//! A stable sort by packed integer keys: small and allocation-light.

/// Sorts `v` by a key of at most 96 bits, stably (the index breaks ties).
/// Every runtime sort goes through here so that the standard sort is
/// instantiated once, for `u128`: each `sort_by` with its own closure
/// instantiated it again, about 4 KB of Wasm apiece.
pub(crate) fn sort_by_packed<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u128) {
    if v.len() < 2 {
        return;
    }
    if v.len() <= SMALL_SORT {
        // Insertion sort, in place, of the keys worked out once (a key may
        // round a float): most replies have a handful of cues, and this
        // allocates nothing (stable: an element moves past greater keys
        // only).
        let mut keys = [0u128; SMALL_SORT];
        for (k, x) in keys.iter_mut().zip(v.iter()) {
            *k = key(x);
        }
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && keys[j - 1] > keys[j] {
                keys.swap(j - 1, j);
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mut keys: Vec<u128> = v
        .iter()
        .enumerate()
        .map(|(i, x)| key(x) << 32 | i as u128)
        .collect();
    sort_keys(&mut keys);
    let mut items: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        keys.iter()
            .filter_map(|k| items[(k & 0xffff_ffff) as usize].take()),
    );
}

/// Up to this many elements are insertion-sorted in place.
pub(crate) const SMALL_SORT: usize = 16;

/// A weight in [0, 1] (or a sum of a few), in thousandths, descending as a
/// sort key.
pub(crate) fn milli_desc(x: f32) -> u128 {
    (u32::MAX - (x.max(0.0) * 1000.0).round() as u32) as u128
}

#[inline(never)]
pub(crate) fn sort_keys(keys: &mut [u128]) {
    keys.sort_unstable();
}

//! Overlapping matches resolved: a phrase wins over a lone word.

use super::sort::sort_by_packed;
use crate::lexicon::data::Lexicon;
use crate::lexicon::program::Hit;
use crate::tuning::MAX_CUES_PER_REPLY;

/// Where two matches overlap, a phrase wins over a lone evaluative word
/// (flag `t`), then the stronger cue, then the longer: "the
/// comments calling her selfish are disgusting" (defence) over "selfish";
/// "put the phone down" over the weaker "phone ... attention". Ties keep the
/// earlier entry, so the outcome never depends on hash order.
pub(crate) fn resolve_overlaps(hits: &mut Vec<Hit>, lexicon: &Lexicon) {
    let weight = |h: &Hit| (lexicon.entries[h.entry as usize].weight * 1000.0) as u32;
    // A lone evaluative word yields to any phrase it is part of.
    let lone = |h: &Hit| lexicon.entries[h.entry as usize].flags.needs_target;
    // lone (1 bit), weight descending (32), length descending (32), start
    // (20: a reply is at most 64 KiB), entry (11 bits, in the room the
    // index leaves; ties past it keep the order hits came in).
    sort_by_packed(hits, |h| {
        (lone(h) as u128) << 95
            | ((u32::MAX - weight(h)) as u128) << 63
            | ((u32::MAX - (h.end - h.start)) as u128) << 31
            | ((h.start as u128) & 0xf_ffff) << 11
            | (h.entry as u128).min(0x7ff)
    });
    let mut kept = 0;
    for i in 0..hits.len() {
        let h = hits[i];
        if hits[..kept]
            .iter()
            .all(|k| h.end <= k.start || h.start >= k.end)
        {
            hits[kept] = h;
            kept += 1;
        }
        if kept >= MAX_CUES_PER_REPLY {
            break;
        }
    }
    hits.truncate(kept);
    sort_by_packed(hits, |h| h.start as u128);
}

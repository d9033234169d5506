//! The learned layer: a linear stance model over the reply's words. The
//! weights table and its hashes are [`weights`]; a reply's features are
//! [`features`].

pub(crate) mod features;
pub(crate) mod weights;

#[cfg(test)]
mod tests;

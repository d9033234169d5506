//! Cues to weighed cues: the rules that turn raw matches into what a reader
//! would understand ([`apply`]), over a view of the reply's words and
//! sentences ([`view`]), with the words they look for ([`words`]).

pub(crate) mod apply;
pub(crate) mod view;
pub(crate) mod words;

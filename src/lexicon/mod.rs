//! Words to cues: the lexicon's data files ([`data`]), the pattern language
//! ([`pattern`]), patterns compiled into a program over word ids
//! ([`program`]), the program run over a reply ([`run`]), the compiled
//! lexicon saved and read back ([`codec`]), and the topic words that give a
//! category to what no pattern named ([`topics`]).

pub(crate) mod codec;
pub(crate) mod data;
pub(crate) mod pattern;
pub(crate) mod program;
pub(crate) mod run;
pub(crate) mod topics;

#[cfg(test)]
mod program_tests;

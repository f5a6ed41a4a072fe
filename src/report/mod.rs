//! What front ends print about a run: the closing summary and its JSON form.

pub mod compare;
pub mod summary;

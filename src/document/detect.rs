//! Which container a file is, by its content first.

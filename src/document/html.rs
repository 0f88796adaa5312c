//! HTML → [`super::Layout`].

//! Word (.docx) → [`super::Layout`].

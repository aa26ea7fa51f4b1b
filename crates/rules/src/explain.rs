//! Renders an [`crate::Outcome`] as readable text, in Bahasa Indonesia or English.

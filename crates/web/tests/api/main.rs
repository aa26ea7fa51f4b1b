//! Integration tests for the HTTP surface: one binary, driven by the testkit.

mod access;
mod auth;
mod calc;
mod imports;
mod pages;
mod registry;
mod testkit;

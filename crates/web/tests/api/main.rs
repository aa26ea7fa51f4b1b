//! Integration tests for the HTTP surface: one binary, driven by the testkit.

mod access;
mod analytics;
mod analytics_pdf;
mod analytics_privacy;
mod auth;
mod calc;
mod campaigns;
mod flows;
mod imports;
mod pages;
mod registry;
mod registry_write;
mod testkit;
mod trend;

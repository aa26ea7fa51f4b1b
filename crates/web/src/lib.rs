//! # jamsos-web
//!
//! The server: the REST API (`/api/v1`, with the calculation contract at `/api/v1/calc` and an
//! OpenAPI document at `/api/openapi.json`) and the web application, server-rendered in Bahasa
//! Indonesia (English switchable), with accounts, roles, sessions and API tokens.
//!
//! Module map: [`router`] declares every route with its access rule; [`auth`] authenticates and
//! holds the one authorization [`auth::policy`]; [`accounts`] stores accounts, sessions, tokens
//! and idempotency records; [`calc`] is the calculation door; [`api`] the other JSON routes;
//! [`pages`] the HTML pages (templates in `templates/`), [`i18n`] their words, [`fmt`] their
//! number and date formats, [`explain_view`] their rendering of traces; [`privacy`] masks
//! personal data; [`telemetry`] logs; [`server`] runs and stops the server.

#![forbid(unsafe_code)]

pub mod accounts;
pub mod analytics;
pub mod api;
pub mod assets;
pub mod auth;
pub mod calc;
pub mod campaigns;
pub mod demo;
pub mod error;
pub mod explain_view;
pub mod fmt;
pub mod health;
pub mod i18n;
pub mod imports;
pub mod openapi;
pub mod pages;
pub mod preview;
pub mod privacy;
pub mod registry;
pub mod router;
pub mod server;
pub mod state;
pub mod telemetry;

pub use router::router;
pub use state::{AppState, Settings};

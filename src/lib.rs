//! SFCC Token Inspector: paste a Salesforce Commerce Cloud credential and see it decoded,
//! classified and explained, entirely in the browser.
//!
//! [`inspect`] is the pure core (no web dependencies, tested natively); [`ui`] is the thin Yew
//! front end that renders an [`inspect::Report`].

// Guards (clippy.toml sets the threshold): no function of the crate grows past 80 lines.
#![warn(clippy::too_many_lines)]

pub mod inspect;
pub mod markup;

#[cfg(target_arch = "wasm32")]
pub mod ui;

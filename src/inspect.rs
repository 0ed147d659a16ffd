//! The pure analysis core: no web dependencies, so it runs and is tested natively.
//!
//! [`analyze`] turns pasted text into a [`Report`], which does not depend on the clock; the
//! [`Evidence`] (the report, the failing request, the checklist) is read once when an input
//! changes, and [`page`] composes everything the page shows from it at `now`, cheaply enough
//! to run every second. The modules form layers (ARCHITECTURE.md): `text` and `catalog` at the
//! bottom, `page` at the top; this file only declares them and re-exports the entry points.

// Every public item of the core says what it is (`scripts/test` denies warnings).
#![warn(missing_docs)]

pub mod answer;
pub mod catalog;
pub mod checklist;
pub mod claims;
pub mod compare;
pub mod credential;
pub mod documented;
pub mod errors;
pub mod exercise;
pub mod extract;
pub mod findings;
pub mod har;
pub mod jose;
pub mod keys;
pub mod order;
pub mod page;
pub mod report;
pub mod request;
pub mod sanitize;
pub mod scopes;
pub mod session;
pub mod sfcc;
pub mod signature;
pub mod text;
pub mod time;
pub mod verdict;

pub use credential::{BasicCredentials, Credential, Kind};
pub use extract::{Candidate, Extraction, Scheme};
pub use findings::{Finding, Severity};
pub use page::{page, Evidence, Page};
pub use report::{analyze, analyze_kept, keep, Report, MAX_INPUT_BYTES};
pub use time::{TimeStatus, UnixTime};

//! The findings only a whole session shows, each a small rule over the calls and tokens: what it
//! looks for is in the data (a 401 whose token's `exp` lies before the call, a refresh token
//! redeemed twice), never in a file's name or values. No rule writes a secret: tokens are named
//! by their labels, and passwords, client secrets and refresh tokens never by value.

mod calls;
mod cookies;
mod drift;
mod export;
mod refresh;

use super::carried::Carried;
use super::{Call, RefreshToken, SessionFinding, Token};
use crate::inspect::findings::Severity;
use crate::inspect::har::Har;
use crate::inspect::sfcc::Sfcc;
use crate::inspect::time::iso_utc;

/// What the rules read.
pub(crate) struct Ctx<'a> {
    /// The file.
    pub har: &'a Har,
    /// The SFCC calls.
    pub calls: &'a [Call],
    /// Every JWT.
    pub tokens: &'a [Token],
    /// Every refresh token.
    pub refresh: &'a [RefreshToken],
    /// Each refresh token's text, by index (compared, never shown).
    pub refresh_texts: &'a [String],
    /// What each entry carried.
    pub carried: &'a [Carried],
    /// The export removed the credentials.
    pub sanitized: bool,
}

impl Ctx<'_> {
    /// The call of entry `entry`.
    pub fn call(&self, entry: usize) -> Option<&Call> {
        self.calls.iter().find(|c| c.entry == entry)
    }

    /// The token the call sent, else the one it most likely sent.
    pub fn token_of(&self, c: &Call) -> Option<&Token> {
        c.token.or(c.likely_token).and_then(|i| self.tokens.get(i))
    }

    /// A token's label.
    pub fn label(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("?", |t| t.label.as_str())
    }

    /// A refresh token's label.
    pub fn rt_label(&self, i: usize) -> &str {
        self.refresh.get(i).map_or("?", |t| t.label.as_str())
    }

    /// Access tokens (not id tokens) issued in the capture, in the order issued.
    pub fn issued_access(&self) -> Vec<(usize, &Token)> {
        let mut v: Vec<(usize, &Token)> = self
            .tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| t.issued_in.is_some() && !t.label.starts_with("IDT"))
            .collect();
        crate::inspect::order::sort_by_key(&mut v, |(_, t)| t.issued_in);
        v
    }

    /// The `referer` of entry `entry`, as a path (the tab it came from).
    pub fn tab(&self, entry: usize) -> Option<String> {
        let e = self.har.entries.get(entry)?;
        let r = e.request_header("referer")?;
        let (_, path) = super::classify::host_path(r);
        Some(path.to_string())
    }
}

/// The SFCC reading of a token.
pub(crate) fn sfcc(t: &Token) -> Option<&Sfcc> {
    t.credential.sfcc()
}

/// `09:12:04Z` for an instant in seconds.
pub(crate) fn hms(t: i64) -> String {
    let iso = iso_utc(t);
    iso.split_once('T')
        .map_or(iso.clone(), |(_, time)| time.to_string())
}

/// `entry 26`, `entries 26 and 31`, `entries 1, 2 and 3`.
pub(crate) fn entries_phrase(entries: &[usize]) -> String {
    match entries {
        [] => "no entry".into(),
        [one] => format!("entry {one}"),
        [rest @ .., last] => format!(
            "entries {} and {last}",
            rest.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `AT1, AT2 and AT3`.
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A finding.
pub(crate) fn finding(
    severity: Severity,
    id: &'static str,
    title: &str,
    detail: String,
    entries: Vec<usize>,
) -> SessionFinding {
    SessionFinding {
        severity,
        id,
        title: title.to_string(),
        detail,
        entries,
    }
}

/// Every rule, in the order their findings are listed among equals.
const RULES: &[fn(&Ctx) -> Vec<SessionFinding>] = &[
    export::sanitized,
    calls::truncated,
    calls::expired,
    drift::revoked,
    calls::missing_scope,
    calls::am_tenant,
    calls::invalid_scope,
    refresh::reused,
    refresh::usid_broken,
    refresh::stale_copy,
    refresh::now_guest,
    calls::scope_changed,
    drift::client_changed,
    drift::drift,
    export::secrets,
    export::client_secret,
    cookies::in_cookies,
    refresh::guest_to_registered,
    refresh::single_use_ok,
    cookies::plugin_guest,
    cookies::rotation,
    cookies::handoff,
    calls::correlation_ids,
    export::login_removed,
    export::no_response,
    export::proxy_capture,
];

/// The session's findings, most serious first.
pub(crate) fn all(ctx: &Ctx) -> Vec<SessionFinding> {
    let mut out: Vec<SessionFinding> = RULES.iter().flat_map(|rule| rule(ctx)).collect();
    crate::inspect::order::sort_by_key(&mut out, |f| f.severity);
    out
}

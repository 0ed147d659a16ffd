//! Rules on the file itself: a sanitized export, the secrets it holds (named, never quoted),
//! requests without a response, a proxy capture.

use super::{entries_phrase, finding, Ctx};
use crate::inspect::findings::Severity;
use crate::inspect::session::classify::{classify, Kind};
use crate::inspect::session::SessionFinding;

/// The export removed `Authorization`, `Cookie` and `Set-Cookie`.
pub(crate) fn sanitized(ctx: &Ctx) -> Vec<SessionFinding> {
    if !ctx.sanitized {
        return Vec::new();
    }
    let bodies: Vec<usize> = ctx
        .calls
        .iter()
        .filter(|c| {
            c.issued.iter().any(|i| {
                ctx.tokens[*i].issued_where.as_deref() == Some("response body access_token")
            })
        })
        .map(|c| c.entry)
        .collect();
    let forms = ctx.calls.iter().any(|c| c.refresh_token.is_some());
    let forms = if forms {
        " and the refresh tokens also in the refresh form posts"
    } else {
        ""
    };
    let detail = format!(
        "Sanitized export (Chrome >= 130 default): no Authorization, Cookie or Set-Cookie header in any entry and every cookies array is empty; the tokens survive only in token-response bodies ({}){forms}. Which token each API call sent is inferred from the timeline (the latest access token issued before it).",
        entries_phrase(&bodies)
    );
    vec![finding(
        Severity::Info,
        "sanitized-export",
        "Sanitized export: credentials removed",
        detail,
        Vec::new(),
    )]
}

/// A shopper's password (Basic on `/oauth2/login`, a form `password`) in the file.
pub(crate) fn secrets(ctx: &Ctx) -> Vec<SessionFinding> {
    let entries: Vec<usize> = ctx
        .carried
        .iter()
        .enumerate()
        .filter(|(i, k)| {
            let basic_login = k
                .auth
                .as_ref()
                .is_some_and(|(s, _)| s.eq_ignore_ascii_case("basic"))
                && ctx.har.entries[*i].url.contains("/oauth2/login");
            basic_login || k.param("password").is_some()
        })
        .map(|(i, _)| i)
        .collect();
    if entries.is_empty() {
        return Vec::new();
    }
    let mut also = Vec::new();
    if ctx
        .tokens
        .iter()
        .any(|t| t.seen_in.iter().any(|(_, w)| w.contains("authorization")))
    {
        also.push("access tokens travel in Authorization headers".to_string());
    }
    let mut names: Vec<String> = ctx
        .refresh
        .iter()
        .flat_map(|r| r.seen_in.iter())
        .filter_map(|(_, w)| w.strip_prefix("request cookie ").map(str::to_string))
        .collect();
    crate::inspect::order::sort_by(&mut names, |a, b| a < b);
    names.dedup();
    if !names.is_empty() {
        also.push(format!("refresh tokens in {} cookies (sent with every same-origin request), form bodies and token responses", names.join(" / ")));
    }
    let also = if also.is_empty() {
        String::new()
    } else {
        format!("; {}", also.join(", "))
    };
    let detail = format!(
        "{} carries the shopper's login and password (a Basic Authorization header or a password field){also}: redact before sharing.",
        capital(&entries_phrase(&entries))
    );
    vec![finding(
        Severity::Warning,
        "secrets-in-har",
        "Secrets in the file",
        detail,
        entries,
    )]
}

/// An API client secret (form `client_secret`, Basic on a token endpoint) in the file.
pub(crate) fn client_secret(ctx: &Ctx) -> Vec<SessionFinding> {
    let mut how = Vec::new();
    let entries: Vec<usize> = ctx
        .carried
        .iter()
        .enumerate()
        .filter(|(i, k)| {
            let url = &ctx.har.entries[*i].url;
            let form = k.param("client_secret").is_some();
            let basic = k
                .auth
                .as_ref()
                .is_some_and(|(s, _)| s.eq_ignore_ascii_case("basic"))
                && (url.contains("/oauth2/token") || url.contains("/oauth2/access_token"));
            if form {
                how.push("the form body (client_secret_post)");
            }
            if basic {
                how.push("a Basic Authorization header (client_secret_basic)");
            }
            form || basic
        })
        .map(|(i, _)| i)
        .collect();
    if entries.is_empty() {
        return Vec::new();
    }
    crate::inspect::order::sort_by(&mut how, |a, b| a < b);
    how.dedup();
    let detail = format!(
        "The API client secret is in {} of {}; a real one must be rotated after sharing such a file.",
        how.join(" and "),
        entries_phrase(&entries)
    );
    vec![finding(
        Severity::Warning,
        "client-secret-in-har",
        "An API client secret is in the file",
        detail,
        entries,
    )]
}

/// A sanitized export removed the Basic credentials of a login.
pub(crate) fn login_removed(ctx: &Ctx) -> Vec<SessionFinding> {
    if !ctx.sanitized {
        return Vec::new();
    }
    let entries: Vec<usize> = ctx
        .calls
        .iter()
        .filter(|c| c.url.contains("/oauth2/login"))
        .map(|c| c.entry)
        .collect();
    if entries.is_empty() {
        return Vec::new();
    }
    let detail = format!(
        "The shopper's Basic credentials on /oauth2/login ({}) were removed by the export; refresh tokens, code_verifier values and id_tokens (with e-mail and name) remain in bodies.",
        entries_phrase(&entries)
    );
    vec![finding(
        Severity::Info,
        "login-credentials-removed",
        "Login credentials removed by the export",
        detail,
        entries,
    )]
}

/// Requests without a response.
pub(crate) fn no_response(ctx: &Ctx) -> Vec<SessionFinding> {
    let list: Vec<(usize, String)> = ctx
        .har
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.status == 0 || e.missing_response)
        .map(|(i, e)| {
            let kind = match classify(e) {
                Kind::Sfcc(c, _) => c.id(),
                Kind::Other(k) => k,
            };
            let error = e
                .error
                .as_deref()
                .map(|x| format!(", _error {x}"))
                .unwrap_or_default();
            (i, format!("entry {i} ({kind}, status 0{error})"))
        })
        .collect();
    if list.is_empty() {
        return Vec::new();
    }
    let sfcc = list.iter().any(|(i, _)| ctx.call(*i).is_some());
    let which = if sfcc {
        ""
    } else {
        " (none of them an SFCC call)"
    };
    let text: Vec<String> = list.iter().map(|(_, t)| t.clone()).collect();
    let detail = format!(
        "{} request(s) have no response{which}: {}.",
        list.len(),
        text.join("; ")
    );
    let entries = list.iter().map(|(i, _)| *i).collect();
    vec![finding(
        Severity::Info,
        "no-response-entry",
        "Requests without a response",
        detail,
        entries,
    )]
}

/// Proxies whose captures hold several tabs or programs in one file.
const PROXIES: &[&str] = &["mitmproxy", "charles", "fiddler", "proxyman", "burp"];

/// A capture made by a proxy rather than a browser.
pub(crate) fn proxy_capture(ctx: &Ctx) -> Vec<SessionFinding> {
    let Some(creator) = ctx.har.creator.as_deref() else {
        return Vec::new();
    };
    let lower = creator.to_ascii_lowercase();
    if !PROXIES.iter().any(|p| lower.contains(p)) {
        return Vec::new();
    }
    let mut tabs: Vec<String> = ctx.calls.iter().filter_map(|c| ctx.tab(c.entry)).collect();
    crate::inspect::order::sort_by(&mut tabs, |a, b| a < b);
    tabs.dedup();
    let tabs = if tabs.len() > 1 {
        format!(
            " Several pages in one file: tell the tabs apart by their referer ({}).",
            tabs.join(", ")
        )
    } else {
        String::new()
    };
    let detail = format!("Captured with {creator} (no pages, no browser fields).{tabs}");
    vec![finding(
        Severity::Info,
        "proxy-capture",
        "Captured through a proxy",
        detail,
        Vec::new(),
    )]
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

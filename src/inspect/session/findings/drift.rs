//! What changes between the calls of one session when it should not: the client id of the
//! tokens, the organization or the site the calls go to; and a 401 for a token that was valid at
//! the call (revoked: the shopper's credentials changed, or it was logged out).

use super::{and_list, entries_phrase, finding, sfcc, Ctx};
use crate::inspect::findings::Severity;
use crate::inspect::session::{AtCall, Call, SessionFinding};

/// Values in order of first appearance, each with the entries it was seen in.
fn groups(items: impl Iterator<Item = (String, usize)>) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (value, entry) in items {
        match out.iter_mut().find(|(v, _)| *v == value) {
            Some((_, entries)) => {
                if !entries.contains(&entry) {
                    entries.push(entry);
                }
            }
            None => out.push((value, vec![entry])),
        }
    }
    out
}

fn described(groups: &[(String, Vec<usize>)]) -> String {
    and_list(
        &groups
            .iter()
            .map(|(v, e)| format!("{v} ({})", entries_phrase(e)))
            .collect::<Vec<_>>(),
    )
}

fn all_entries(groups: &[(String, Vec<usize>)]) -> Vec<usize> {
    let e: Vec<usize> = groups.iter().flat_map(|(_, e)| e.iter().copied()).collect();
    crate::inspect::order::sorted_by_key(e, |x| *x)
}

/// The access tokens the calls sent carry more than one client id.
pub(crate) fn client_changed(ctx: &Ctx) -> Vec<SessionFinding> {
    let used = ctx.calls.iter().filter_map(|c| {
        let t = ctx.token_of(c)?;
        let client = sfcc(t)?.client_id.clone()?;
        Some((format!("{client} ({})", t.label), c.entry))
    });
    // Grouped by client: the label is only the first token seen with it.
    let mut by_client: Vec<(String, Vec<usize>)> = Vec::new();
    for (value, entries) in groups(used) {
        let client = value.split(' ').next().unwrap_or("").to_string();
        match by_client.iter_mut().find(|(v, _)| v.starts_with(&client)) {
            Some((_, e)) => e.extend(entries),
            None => by_client.push((value, entries)),
        }
    }
    if by_client.len() < 2 {
        return Vec::new();
    }
    let detail = format!(
        "The tokens sent carry {} client ids: {}. Two apps (or two configurations of one) share this session; a token or refresh token of one client is not accepted for the other, and each has its own scopes.",
        by_client.len(),
        described(&by_client)
    );
    vec![finding(
        Severity::Warning,
        "client-id-changed",
        "The client id changes between calls",
        detail,
        all_entries(&by_client),
    )]
}

/// The site of a call: `siteId=` in the query, or OCAPI's `/s/{site}/dw/`.
fn site(url: &str) -> Option<String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let from_query = query.split('&').find_map(|p| {
        p.strip_prefix("siteId=")
            .or_else(|| p.strip_prefix("siteid="))
    });
    let from_path = url
        .split_once("/s/")
        .and_then(|(_, rest)| rest.split_once("/dw/"))
        .map(|(site, _)| site)
        .filter(|s| !s.contains('/') && *s != "-");
    let site = from_query.or(from_path)?;
    (!site.is_empty()).then(|| crate::inspect::text::percent_decode(site))
}

fn url_of<'a>(ctx: &'a Ctx, c: &Call) -> &'a str {
    ctx.har.entries.get(c.entry).map_or("", |e| e.url.as_str())
}

/// The calls go to more than one organization, or more than one site.
pub(crate) fn drift(ctx: &Ctx) -> Vec<SessionFinding> {
    let orgs = groups(ctx.calls.iter().filter_map(|c| {
        Some((
            super::calls::url_org(url_of(ctx, c))
                .filter(|o| !o.is_empty())?
                .to_string(),
            c.entry,
        ))
    }));
    let sites = groups(
        ctx.calls
            .iter()
            .filter_map(|c| Some((site(url_of(ctx, c))?, c.entry))),
    );
    let mut out = Vec::new();
    if orgs.len() > 1 {
        let detail = format!(
            "The calls go to {} organizations: {}. A token is issued for one tenant: calls to another answer 401 or 403 (check which one the storefront or the script is configured for).",
            orgs.len(),
            described(&orgs)
        );
        out.push(finding(
            Severity::Warning,
            "organization-drift",
            "The organization changes between calls",
            detail,
            all_entries(&orgs),
        ));
    }
    if sites.len() > 1 {
        let detail = format!(
            "The calls name {} sites: {}. A SLAS shopper token is issued for one site (its chid); calls for another site fail or see another catalog.",
            sites.len(),
            described(&sites)
        );
        out.push(finding(
            Severity::Warning,
            "site-drift",
            "The site changes between calls",
            detail,
            all_entries(&sites),
        ));
    }
    out
}

/// A 401 for a token that was valid by its clock at the call, whole (not a cut chunk).
pub(crate) fn revoked(ctx: &Ctx) -> Vec<SessionFinding> {
    ctx.calls
        .iter()
        .filter(|c| c.status == 401 && c.at_call == Some(AtCall::Valid))
        .filter_map(|c| {
            let t = ctx.token_of(c)?;
            let left = crate::inspect::time::duration(c.seconds_to_exp.unwrap_or(0).unsigned_abs());
            let likely = if c.token.is_none() { " most likely" } else { "" };
            let detail = format!(
                "401 at entry {}: the token{likely} sent ({}) was valid at the call ({left} left) yet was refused. A valid token is refused when it was revoked: the shopper logged out or changed their password, the API client's secret or scopes changed, or the token belongs to another instance. Log in again; a refresh with a revoked refresh token fails too.",
                c.entry, t.label
            );
            Some(finding(
                Severity::Error,
                "revoked-token-401",
                "401 for a token that was valid at the call",
                detail,
                vec![c.entry],
            ))
        })
        .collect()
}

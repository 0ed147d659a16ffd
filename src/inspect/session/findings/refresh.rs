//! Rules on refresh tokens and shopper identity: a refresh token redeemed twice, a stale copy
//! sent while the cookie held a newer one, a registered shopper turned into a new guest, and the
//! guest-to-registered login.

use super::{and_list, entries_phrase, finding, sfcc, Ctx};
use crate::inspect::findings::Severity;
use crate::inspect::session::{Call, SessionFinding, Token};

/// " (tab /account/orders)", from the entry's referer.
fn tab(ctx: &Ctx, entry: usize) -> String {
    ctx.tab(entry)
        .map(|t| format!(", tab {t}"))
        .unwrap_or_default()
}

/// What a call's answer said, briefly (`invalid refresh_token`).
fn said(ctx: &Ctx, entry: usize) -> String {
    let c = ctx.carried.get(entry);
    let e = ctx.har.entries.get(entry);
    let body = e.and_then(|e| match &e.response_body {
        crate::inspect::har::Body::Text(t) => serde_json::from_str::<serde_json::Value>(t).ok(),
        _ => None,
    });
    let msg = body
        .as_ref()
        .and_then(|b| {
            b.get("message")
                .or_else(|| b.get("error_description"))
                .or_else(|| b.get("error"))
        })
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .or_else(|| c.and_then(|c| c.field("error")).map(str::to_string));
    msg.map(|m| format!(" {m}")).unwrap_or_default()
}

/// A refresh token redeemed more than once.
pub(crate) fn reused(ctx: &Ctx) -> Vec<SessionFinding> {
    ctx.refresh
        .iter()
        .filter(|r| r.reused())
        .map(|r| {
            let first = r.redeemed_in[0];
            let t0 = ctx.call(first.entry).map_or(0, |c| c.started_ms);
            let parts: Vec<String> = r
                .redeemed_in
                .iter()
                .enumerate()
                .map(|(k, d)| {
                    let c = ctx.call(d.entry);
                    let issued: Vec<String> = c.map(|c| c.issued.iter().map(|i| ctx.label(*i).to_string()).filter(|l| !l.starts_with("IDT")).chain(c.issued_refresh.iter().map(|i| ctx.rt_label(*i).to_string())).collect()).unwrap_or_default();
                    let what = if issued.is_empty() { said(ctx, d.entry) } else { format!(", issued {}", issued.join(" + ")) };
                    let when = if k == 0 {
                        String::new()
                    } else {
                        let dt = c.map_or(0, |c| c.started_ms - t0);
                        format!(" {} s later", crate::inspect::time::seconds_2dp(dt))
                    };
                    format!("{}at entry {}{when} ({}{what}{})", if k == 0 { "" } else { "again " }, d.entry, d.status, tab(ctx, d.entry))
                })
                .collect();
            let detail = format!(
                "Refresh token reused: {} was redeemed {}. SLAS refresh tokens of public clients are single-use: every tab must read the newest refresh token (the cookie) before refreshing, or refresh in one place.",
                r.label,
                parts.join(" and ")
            );
            let entries = r.redeemed_in.iter().map(|d| d.entry).collect();
            finding(Severity::Error, "refresh-token-reused", "A refresh token was redeemed twice", detail, entries)
        })
        .collect()
}

/// Every refresh token redeemed at most once.
pub(crate) fn single_use_ok(ctx: &Ctx) -> Vec<SessionFinding> {
    let redeemed: Vec<(&str, usize)> = ctx
        .refresh
        .iter()
        .flat_map(|r| {
            r.redeemed_in
                .iter()
                .map(move |d| (r.label.as_str(), d.entry))
        })
        .collect();
    if redeemed.is_empty() || ctx.refresh.iter().any(|r| r.reused()) {
        return Vec::new();
    }
    let list: Vec<String> = redeemed
        .iter()
        .map(|(l, e)| format!("{l} at entry {e}"))
        .collect();
    let detail = format!(
        "Each refresh token was redeemed once ({}): no reuse.",
        list.join(", ")
    );
    let entries = redeemed.iter().map(|(_, e)| *e).collect();
    vec![finding(
        Severity::Info,
        "refresh-tokens-single-use-ok",
        "Refresh tokens used once each",
        detail,
        entries,
    )]
}

/// A refresh grant whose form token differs from the newer one in its own cookie.
pub(crate) fn stale_copy(ctx: &Ctx) -> Vec<SessionFinding> {
    let mut out = Vec::new();
    for c in ctx.calls.iter().filter(|c| c.refresh_token.is_some()) {
        let Some(form) = c.refresh_token else {
            continue;
        };
        let Some(k) = ctx.carried.get(c.entry) else {
            continue;
        };
        let newer = k.refresh_cookies().find_map(|(name, value)| {
            let i = ctx.refresh_texts.iter().position(|t| t == value)?;
            let issued = ctx.refresh.get(i)?.issued_in?;
            (i != form && issued < c.entry).then_some((i, name, issued))
        });
        let Some((i, name, issued)) = newer else {
            continue;
        };
        let detail = format!(
            "Entry {} sent {} in its form body while its Cookie header already held {} ({name}, issued at entry {issued}): this tab used a stale in-memory copy of the refresh token (the multi-tab refresh bug class). Read the refresh token from the cookie just before refreshing.",
            c.entry,
            ctx.rt_label(form),
            ctx.rt_label(i)
        );
        out.push(finding(
            Severity::Warning,
            "stale-refresh-token-copy",
            "A stale copy of the refresh token was sent",
            detail,
            vec![c.entry],
        ));
    }
    out
}

/// Pairs of consecutive access tokens of one client: (earlier, later).
fn successions<'a>(ctx: &'a Ctx) -> Vec<(&'a Token, &'a Token)> {
    let issued = ctx.issued_access();
    issued
        .windows(2)
        .filter(|p| sfcc(p[0].1).map(|s| &s.client_id) == sfcc(p[1].1).map(|s| &s.client_id))
        .map(|p| (p[0].1, p[1].1))
        .collect()
}

fn ids(t: &Token) -> (String, String, Option<bool>) {
    let s = sfcc(t);
    (
        s.and_then(|s| s.usid.clone()).unwrap_or_else(|| "?".into()),
        s.and_then(|s| s.customer_id.clone())
            .unwrap_or_else(|| "?".into()),
        s.and_then(|s| s.guest),
    )
}

/// The SLAS calls between two entries whose path is `marker`.
fn slas_between<'a>(ctx: &'a Ctx, from: usize, to: usize, marker: &str) -> Vec<&'a Call> {
    ctx.calls
        .iter()
        .filter(|c| c.entry > from && c.entry < to && c.url.contains(marker))
        .collect()
}

/// A guest token followed by a registered one.
pub(crate) fn guest_to_registered(ctx: &Ctx) -> Vec<SessionFinding> {
    let mut out = Vec::new();
    for (a, b) in successions(ctx) {
        let ((ua, ca, ga), (ub, cb, gb)) = (ids(a), ids(b));
        if ga != Some(true) || gb != Some(false) {
            continue;
        }
        let (from, to) = (a.issued_in.unwrap_or(0), b.issued_in.unwrap_or(0));
        let login = slas_between(ctx, from, to, "/oauth2/login");
        let mut entries: Vec<usize> = login.iter().map(|c| c.entry).collect();
        entries.push(to);
        let login = login
            .first()
            .map(|c| format!(" (login at entry {})", c.entry))
            .unwrap_or_default();
        let usid = if ua == ub {
            format!("usid {ua} continues")
        } else {
            format!("usid changes from {ua} to {ub}")
        };
        let detail = format!(
            "Guest to registered at entry {to}{login}: {} is a guest token, {} a registered one; {usid}; customer id changes from {ca} (gcid) to {cb} (rcid).",
            a.label, b.label
        );
        out.push(finding(
            Severity::Info,
            "guest-to-registered",
            "The shopper logged in",
            detail,
            entries,
        ));
    }
    out
}

/// A registered token followed by a guest token with a new usid.
pub(crate) fn usid_broken(ctx: &Ctx) -> Vec<SessionFinding> {
    let mut out = Vec::new();
    for (a, b) in successions(ctx) {
        let ((ua, ca, ga), (ub, cb, gb)) = (ids(a), ids(b));
        if ga != Some(false) || gb != Some(true) || ua == ub {
            continue;
        }
        let (from, to) = (a.issued_in.unwrap_or(0), b.issued_in.unwrap_or(0));
        let mut entries: Vec<usize> = slas_between(ctx, from, to, "/oauth2/authorize")
            .iter()
            .map(|c| c.entry)
            .collect();
        let start = entries.first().copied().unwrap_or(to);
        entries.push(to);
        entries.extend(b.used_in.iter().copied());
        let failed = ctx
            .calls
            .iter()
            .find(|c| c.entry > from && c.entry < to && c.refresh_token.is_some() && !c.ok)
            .map(|c| format!(" after the refresh at entry {} failed", c.entry))
            .unwrap_or_default();
        let detail = format!(
            "usid continuity broken: a new guest login (entries {start}-{to}{}){failed} replaced the registered shopper: usid {ua} -> {ub}, customer {ca} (registered) -> {cb} (guest); the shopper looks logged out there and gets a new, empty guest basket ({}).",
            tab(ctx, to),
            entries_phrase(&b.used_in)
        );
        out.push(finding(
            Severity::Error,
            "usid-continuity-broken",
            "The registered shopper became a new guest",
            detail,
            entries,
        ));
    }
    out
}

/// Calls still sending the registered token while the shared cookies hold a new guest's
/// refresh token.
pub(crate) fn now_guest(ctx: &Ctx) -> Vec<SessionFinding> {
    let mut out = Vec::new();
    for (a, b) in successions(ctx) {
        let ((ua, _, ga), (ub, _, gb)) = (ids(a), ids(b));
        if ga != Some(false) || gb != Some(true) || ua == ub {
            continue;
        }
        let to = b.issued_in.unwrap_or(0);
        let guest_rts: Vec<usize> = ctx
            .call(to)
            .map(|c| c.issued_refresh.clone())
            .unwrap_or_default();
        let still: Vec<&Call> = ctx
            .calls
            .iter()
            .filter(|c| c.entry > to && ctx.token_of(c).is_some_and(|t| ids(t).0 == ua))
            .filter(|c| {
                guest_rts
                    .iter()
                    .any(|r| ctx.refresh[*r].seen_in.iter().any(|(e, _)| *e == c.entry))
            })
            .collect();
        if still.is_empty() {
            continue;
        }
        let cookie = guest_rts
            .first()
            .and_then(|r| {
                ctx.refresh[*r]
                    .seen_in
                    .iter()
                    .find(|(e, w)| *e > to && w.starts_with("request cookie"))
            })
            .map(|(_, w)| w.trim_start_matches("request cookie ").to_string())
            .unwrap_or_else(|| "cc-nx-g".into());
        let entries: Vec<usize> = still.iter().map(|c| c.entry).collect();
        let labels: Vec<String> = guest_rts
            .iter()
            .map(|r| ctx.rt_label(*r).to_string())
            .collect();
        let detail = format!(
            "From entry {to} on the browser's cookies hold the guest refresh token ({cookie}, {}) and usid {ub}; the tab still using {} ({}) works, but will turn into that guest at its next refresh.",
            and_list(&labels),
            a.label,
            entries_phrase(&entries)
        );
        out.push(finding(
            Severity::Warning,
            "shared-cookies-now-guest",
            "The shared cookies now hold a guest",
            detail,
            entries,
        ));
    }
    out
}

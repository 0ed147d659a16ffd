//! Rules on tokens that travel in cookies (SFRA with plugin_slas, hybrid storefronts): the
//! guest session the first page set up, the cookie rotation, the hand-off to PWA Kit, and every
//! request that carries the access token in cookies.

use super::{finding, hms, sfcc, Ctx};
use crate::inspect::findings::Severity;
use crate::inspect::session::{Category, SessionFinding, Token};
use crate::inspect::time::duration;

fn storefront(c: Category) -> bool {
    matches!(
        c,
        Category::StorefrontPage | Category::StorefrontController | Category::StorefrontApp
    )
}

/// Access tokens issued by a storefront response's `Set-Cookie`, in order.
fn cookie_issued<'a>(ctx: &'a Ctx) -> Vec<(usize, &'a Token)> {
    ctx.issued_access()
        .into_iter()
        .filter(|(_, t)| {
            t.issued_where
                .as_deref()
                .is_some_and(|w| w.starts_with("response set-cookie"))
        })
        .filter(|(_, t)| {
            t.issued_in
                .and_then(|e| ctx.call(e))
                .is_some_and(|c| storefront(c.category))
        })
        .collect()
}

/// What else the entry's `Set-Cookie` set: the refresh token (by label), usid, dwsid.
fn also_set(ctx: &Ctx, entry: usize) -> Vec<String> {
    let Some(k) = ctx.carried.get(entry) else {
        return Vec::new();
    };
    let mut out: Vec<String> = k
        .set_refresh()
        .map(|(name, value)| {
            let label = ctx
                .refresh_texts
                .iter()
                .position(|t| t == value)
                .map_or("?", |i| ctx.rt_label(i));
            format!("the refresh token {name} ({label})")
        })
        .collect();
    for name in ["usid", "dwsid"] {
        if k.set_cookies
            .iter()
            .any(|(n, _)| n == name || n.starts_with(&format!("{name}_")))
        {
            out.push(name.to_string());
        }
    }
    out
}

fn chunk_sizes(ctx: &Ctx, entry: usize) -> String {
    let Some(k) = ctx.carried.get(entry) else {
        return String::new();
    };
    let sizes: Vec<String> = k
        .set_cookies
        .iter()
        .filter(|(n, _)| n.starts_with("cc-at"))
        .map(|(n, v)| format!("{n} {}", v.len()))
        .collect();
    sizes.join(", ")
}

/// The first storefront page whose `Set-Cookie` brought a guest access token.
pub(crate) fn plugin_guest(ctx: &Ctx) -> Vec<SessionFinding> {
    let Some((_, t)) = cookie_issued(ctx).into_iter().next() else {
        return Vec::new();
    };
    let entry = t.issued_in.unwrap_or(0);
    let bridge = t
        .credential
        .claim_rows()
        .iter()
        .any(|r| r.name == "isb" && r.display.contains("sesb"));
    let kind = if bridge {
        ", a session-bridge guest token (isb sesb)"
    } else {
        ""
    };
    let guest = sfcc(t).and_then(|s| s.guest) == Some(true);
    let what = if guest { "guest session" } else { "session" };
    let where_ = t
        .issued_where
        .as_deref()
        .unwrap_or("")
        .trim_start_matches("response set-cookie ");
    let detail = format!(
        "plugin_slas {what}: entry {entry}'s Set-Cookie brought {}{kind} split over {where_} ({} characters), and {}.",
        t.label,
        chunk_sizes(ctx, entry),
        super::and_list(&also_set(ctx, entry))
    );
    vec![finding(
        Severity::Info,
        "plugin-slas-guest",
        "plugin_slas session in cookies",
        detail,
        vec![entry],
    )]
}

/// A later storefront page whose `Set-Cookie` replaced the cookie token.
pub(crate) fn rotation(ctx: &Ctx) -> Vec<SessionFinding> {
    let issued = cookie_issued(ctx);
    let mut out = Vec::new();
    for pair in issued.windows(2) {
        let ((_, a), (_, b)) = (pair[0], pair[1]);
        let entry = b.issued_in.unwrap_or(0);
        let Some(k) = ctx.carried.get(entry) else {
            continue;
        };
        let sent: Vec<String> = k
            .cookies
            .iter()
            .filter(|(n, _)| super::super::carried::is_refresh_cookie(n) || n == "dwsid")
            .map(|(n, _)| n.clone())
            .collect();
        let since = ctx
            .call(a.issued_in.unwrap_or(0))
            .zip(ctx.call(entry))
            .map(|(x, y)| {
                let secs = (y.started_ms - x.started_ms)
                    .div_euclid(1000)
                    .unsigned_abs();
                format!("{} after entry {} set them", duration(secs), x.entry)
            })
            .unwrap_or_else(|| "later".into());
        let expired = match (a.exp, ctx.call(entry)) {
            (Some(exp), Some(c)) if exp * 1000 <= c.started_ms => {
                format!("; {} had expired at {}", a.label, hms(exp))
            }
            _ => String::new(),
        };
        let dropped = if k.cookie_chunks.is_none() {
            format!(
                "the request carried no cc-at ({since}, the browser had dropped {}'s cookies{expired}) but sent {}",
                a.label,
                sent.join(", ")
            )
        } else {
            format!("the request still carried {} in cc-at", a.label)
        };
        let usid = match (
            sfcc(a).and_then(|s| s.usid.clone()),
            sfcc(b).and_then(|s| s.usid.clone()),
        ) {
            (Some(x), Some(y)) if x == y => format!(" usid {x} continues."),
            (Some(x), Some(y)) => format!(" usid changes from {x} to {y}."),
            _ => String::new(),
        };
        let detail = format!(
            "Cookie rotation at entry {entry}: {dropped}; its Set-Cookie rotated {} ({}) and set {}.{usid}",
            b.issued_where.as_deref().unwrap_or("").trim_start_matches("response set-cookie "),
            b.label,
            super::and_list(&also_set(ctx, entry))
        );
        out.push(finding(
            Severity::Info,
            "cookie-rotation",
            "The cookie token was rotated",
            detail,
            vec![entry],
        ));
    }
    out
}

/// A token carried in cookies, then sent as a Bearer on a SCAPI call.
pub(crate) fn handoff(ctx: &Ctx) -> Vec<SessionFinding> {
    let mut out = Vec::new();
    for (i, t) in ctx.tokens.iter().enumerate() {
        let in_cookies = |e: usize| {
            t.seen_in
                .iter()
                .any(|(x, w)| *x == e && w.starts_with("request cookie"))
        };
        let bearer = ctx.calls.iter().find(|c| {
            c.token == Some(i)
                && c.at_call != Some(crate::inspect::session::AtCall::Truncated)
                && c.token_sent_as
                    .as_deref()
                    .is_some_and(|w| w.contains("authorization"))
                && matches!(
                    c.category,
                    Category::ScapiShopper | Category::ScapiAdmin | Category::ScapiCustom
                )
        });
        let Some(b) = bearer else { continue };
        let page = ctx
            .calls
            .iter()
            .rev()
            .find(|c| c.entry < b.entry && storefront(c.category) && in_cookies(c.entry));
        let Some(p) = page else { continue };
        let dwsid = ctx
            .carried
            .get(b.entry)
            .is_some_and(|k| k.cookies.iter().any(|(n, _)| n == "sfdc_dwsid"))
            || ctx
                .har
                .entries
                .get(b.entry)
                .is_some_and(|e| e.request_header("sfdc_dwsid").is_some());
        let dwsid = if dwsid { " (with sfdc_dwsid)" } else { "" };
        let cleared = if ctx
            .carried
            .get(b.entry)
            .is_some_and(|k| k.cookie_chunks.is_none())
        {
            " and no longer sent the cc-at cookies"
        } else {
            ""
        };
        let detail = format!(
            "Phased headless hand-off: the storefront page at entry {} still carried {} in cc-at + cc-at_2; PWA Kit then sent the joined token as Authorization: Bearer{dwsid} at entry {}{cleared}.",
            p.entry, t.label, b.entry
        );
        out.push(finding(
            Severity::Info,
            "phased-headless-handoff",
            "Hand-off from cookies to PWA Kit",
            detail,
            vec![p.entry, b.entry],
        ));
    }
    out
}

/// Every request that carries an access token in its cookies.
pub(crate) fn in_cookies(ctx: &Ctx) -> Vec<SessionFinding> {
    let entries: Vec<usize> = ctx
        .carried
        .iter()
        .enumerate()
        .filter(|(_, k)| {
            k.cookie_chunks
                .as_ref()
                .is_some_and(|ch| super::super::carried::looks_jwt(&ch.joined))
        })
        .map(|(i, _)| i)
        .collect();
    if entries.is_empty() {
        return Vec::new();
    }
    let statics = entries.iter().any(|e| ctx.call(*e).is_none());
    let statics = if statics {
        ", static files included"
    } else {
        ""
    };
    let mut others: Vec<&str> = Vec::new();
    let any = |f: &dyn Fn(&str) -> bool| {
        entries
            .iter()
            .any(|e| ctx.carried[*e].cookies.iter().any(|(n, _)| f(n)))
    };
    if any(&|n| super::super::carried::is_refresh_cookie(n)) {
        others.push("the refresh token (cc-nx / cc-nx-g)");
    }
    if any(&|n| n == "dwsid") {
        others.push("dwsid");
    }
    let others = if others.is_empty() {
        String::new()
    } else {
        format!(", and {} travel too", others.join(" and "))
    };
    let detail = format!(
        "The access token travels in cookies on {} requests{statics}; cc-at + cc-at_2 rejoin into a signed token{others}: a sanitizer must remove all of them before the file is shared.",
        entries.len()
    );
    vec![finding(
        Severity::Warning,
        "tokens-in-cookies",
        "Access tokens in cookies",
        detail,
        entries,
    )]
}

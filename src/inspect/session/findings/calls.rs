//! Rules on failing calls: a cut Bearer, an expired token, a missing scope, an Account Manager
//! token for another tenant, a refused scope request; and the scope set changing between tokens.

use super::{and_list, entries_phrase, finding, hms, sfcc, Ctx};
use crate::inspect::answer::NOT_IN_LOG_CENTER;
use crate::inspect::compare::compare;
use crate::inspect::findings::Severity;
use crate::inspect::request::{self, Outcome, RequestCheck};
use crate::inspect::session::evidence::request_text;
use crate::inspect::session::{AtCall, Call, Category, SessionFinding, Token};
use crate::inspect::sfcc::{Sfcc, SfccKind};
use crate::inspect::time::{duration, Moment};

/// A Bearer value that is only the first `cc-at` chunk.
pub(crate) fn truncated(ctx: &Ctx) -> Vec<SessionFinding> {
    ctx.calls
        .iter()
        .filter(|c| c.at_call == Some(AtCall::Truncated))
        .map(|c| {
            let sent = ctx
                .carried
                .get(c.entry)
                .and_then(|k| k.bearer())
                .map_or(0, str::len);
            let full = c.token.map(|i| {
                let t = &ctx.tokens[i];
                let state = match c.seconds_to_exp {
                    Some(s) if s > 0 => format!("valid at that time ({} left)", duration(s.unsigned_abs())),
                    Some(s) => format!("expired {} before the call", duration(s.unsigned_abs())),
                    None => "complete".into(),
                };
                format!(
                    "; join cc-at + cc-at_2 ({} characters) to get {}, which was {state}",
                    t.credential.text.len(),
                    t.label
                )
            });
            let id = if matches!(c.category, Category::OcapiShop | Category::OcapiData) {
                "truncated-bearer-ocapi"
            } else {
                "truncated-bearer"
            };
            let detail = format!(
                "{} at entry {} ({} {}): the request sent only the first cookie chunk (cc-at, {sent} characters) as the Bearer token, a cut JWT with no signature{}.",
                c.status,
                c.entry,
                c.method,
                super::super::calls::short_url(&c.url),
                full.unwrap_or_else(|| ": the whole token is cc-at + cc-at_2 joined".into())
            );
            finding(Severity::Error, id, "Truncated Bearer token (one cookie chunk)", detail, vec![c.entry])
        })
        .collect()
}

/// A 401 whose token had expired before the call.
pub(crate) fn expired(ctx: &Ctx) -> Vec<SessionFinding> {
    ctx.calls
        .iter()
        .filter(|c| c.status == 401 && c.at_call == Some(AtCall::Expired))
        .map(|c| expired_one(ctx, c))
        .collect()
}

fn expired_one(ctx: &Ctx, c: &Call) -> SessionFinding {
    let t = ctx.token_of(c);
    let label = t.map_or("?", |t| t.label.as_str());
    let likely = if c.token.is_none() {
        "most likely sent "
    } else {
        ""
    };
    let ago = duration(c.seconds_to_exp.unwrap_or(0).unsigned_abs());
    let exp = t
        .and_then(|t| t.exp)
        .map(|e| format!(" (exp {})", hms(e)))
        .unwrap_or_default();
    let mut entries = vec![c.entry];
    let refresh = ctx.calls.iter().find(|r| {
        r.started_ms >= c.started_ms && r.entry != c.entry && r.refresh_token.is_some() && r.ok
    });
    let after = match refresh {
        Some(r) => {
            entries.push(r.entry);
            let new: Vec<String> = r
                .issued
                .iter()
                .map(|i| ctx.label(*i).to_string())
                .filter(|l| !l.starts_with("IDT"))
                .collect();
            let retry = ctx.calls.iter().find(|x| {
                x.started_ms >= r.started_ms
                    && x.entry != r.entry
                    && x.ok
                    && x.url == c.url
                    && x.method == c.method
            });
            let retried = match retry {
                Some(x) => {
                    entries.push(x.entry);
                    format!(" and the retry at entry {} succeeded", x.entry)
                }
                None => String::new(),
            };
            format!(
                "; the refresh at entry {} issued {}{retried}",
                r.entry,
                and_list(&new)
            )
        }
        None => "; refresh the token before calling (the app reused a cached token)".into(),
    };
    let op = c.operation.map(|o| format!(" ({o})")).unwrap_or_default();
    let detail = format!(
        "401 at entry {}{op}: the access token {likely}({label}) expired {ago} before the call{exp}{after}.",
        c.entry
    );
    finding(
        Severity::Error,
        "expired-token-401",
        "401 after the token expired",
        detail,
        entries,
    )
}

/// The request check of call `c` with token `t`, at the call.
fn check(ctx: &Ctx, c: &Call, t: &Token) -> Option<RequestCheck> {
    let e = ctx.har.entries.get(c.entry)?;
    let at = Moment::call(e.started_at()?);
    request::check_at(&request_text(e), Some(&t.credential), at)?.ok()
}

/// The scope names a token grants.
fn granted(t: &Token) -> Vec<String> {
    sfcc(t)
        .map(|s| s.scopes.iter().map(|g| g.name.clone()).collect())
        .unwrap_or_default()
}

/// The first scope the operation needs that the token lacks, with its alternatives.
fn missing(check: &RequestCheck, have: &[String]) -> Option<(String, Vec<String>)> {
    let has = |s: &str| have.iter().any(|g| g == s || *g == format!("{s}.rw"));
    check
        .expected
        .items
        .iter()
        .filter(|x| !x.scope.starts_with("SALESFORCE_COMMERCE_API:"))
        .find(|x| !has(&x.scope) && !x.alternatives.iter().any(|a| has(a)))
        .map(|x| (x.scope.clone(), x.alternatives.clone()))
}

/// A scope the operation needs and its alternatives.
type Needed = (String, Vec<String>);

/// 403s whose token lacks the scope the operation needs, grouped by that scope.
pub(crate) fn missing_scope(ctx: &Ctx) -> Vec<SessionFinding> {
    let mut groups: Vec<(Needed, Vec<&Call>)> = Vec::new();
    for c in ctx.calls.iter().filter(|c| c.status == 403) {
        let Some(t) = ctx.token_of(c) else { continue };
        let Some(check) = check(ctx, c, t) else {
            continue;
        };
        let failed = check
            .items
            .iter()
            .any(|i| i.id == "scopes" && i.outcome == Outcome::Fail);
        let Some(m) = missing(&check, &granted(t)).filter(|_| failed) else {
            continue;
        };
        match groups.iter_mut().find(|(k, _)| *k == m) {
            Some((_, v)) => v.push(c),
            None => groups.push((m, vec![c])),
        }
    }
    groups
        .into_iter()
        .map(|((scope, alts), calls)| scope_finding(ctx, &scope, &alts, &calls))
        .collect()
}

fn scope_finding(ctx: &Ctx, scope: &str, alts: &[String], calls: &[&Call]) -> SessionFinding {
    let entries: Vec<usize> = calls.iter().map(|c| c.entry).collect();
    let mut sent: Vec<String> = calls
        .iter()
        .filter_map(|c| ctx.token_of(c))
        .map(|t| t.label.clone())
        .collect();
    sent.dedup();
    let has = |t: &Token| granted(t).iter().any(|g| g == scope);
    let issued = ctx.issued_access();
    let client = match calls.first().and_then(|c| ctx.token_of(c)).and_then(sfcc) {
        Some(s) if s.kind == SfccKind::AmAccess => "API client (Account Manager)",
        _ => "SLAS client",
    };
    let first_lacking = issued
        .iter()
        .position(|(_, t)| !has(t) && sent.contains(&t.label));
    let history = match first_lacking {
        Some(k) if k > 0 && issued[..k].iter().any(|(_, t)| has(t)) => {
            let had: Vec<String> = issued[..k]
                .iter()
                .filter(|(_, t)| has(t))
                .map(|(_, t)| t.label.clone())
                .collect();
            let lack: Vec<String> = issued[k..]
                .iter()
                .filter(|(_, t)| !has(t))
                .map(|(_, t)| t.label.clone())
                .collect();
            format!(
                "; every token issued from entry {} on ({}) lacks it, which {} had: the {client} lost the scope; calls that need it fail until it is added back",
                issued[k].1.issued_in.unwrap_or(0),
                and_list(&lack),
                and_list(&had)
            )
        }
        _ => "; add it to the API client's scopes and get a new token".into(),
    };
    let ops: Vec<String> = calls
        .iter()
        .filter_map(|c| c.operation.map(str::to_string))
        .collect();
    let verb = if calls.iter().all(|c| c.token.is_none()) {
        "most likely sent"
    } else {
        "sent"
    };
    let needs = if alts.is_empty() {
        scope.to_string()
    } else {
        format!("{scope} or {}", alts.join(" or "))
    };
    let detail = format!(
        "403 at {} ({}): the token {verb} ({}) lacks {scope} (the operation needs {needs}){history}.",
        entries_phrase(&entries),
        and_list(&ops),
        and_list(&sent)
    );
    let id = if scope.ends_with(".rw") {
        "missing-rw-scope-403"
    } else {
        "missing-scope-403"
    };
    finding(
        Severity::Error,
        id,
        &format!("403: the token lacks {scope}"),
        detail,
        entries,
    )
}

/// The organization id in a SCAPI URL (`…/organizations/f_ecom_zzzz_001/…`).
pub(super) fn url_org(url: &str) -> Option<&str> {
    let at = url.find("/organizations/")? + "/organizations/".len();
    url[at..].split(['/', '?']).next()
}

/// The tenants an Account Manager token's `SALESFORCE_COMMERCE_API:<tenant>` scopes name.
fn am_tenants(t: &Token) -> Vec<String> {
    granted(t)
        .iter()
        .filter_map(|g| {
            g.strip_prefix("SALESFORCE_COMMERCE_API:")
                .map(str::to_string)
        })
        .collect()
}

/// 403s of an Account Manager token on an organization its tenant scopes do not name.
pub(crate) fn am_tenant(ctx: &Ctx) -> Vec<SessionFinding> {
    let bad: Vec<&Call> = ctx
        .calls
        .iter()
        .filter(|c| c.status == 403 && c.category == Category::ScapiAdmin)
        .filter(|c| {
            let Some(t) = ctx.token_of(c) else {
                return false;
            };
            let tenants = am_tenants(t);
            let org = url_org(&c.url).unwrap_or("");
            !tenants.is_empty() && !tenants.iter().any(|x| org.ends_with(x.as_str()))
        })
        .collect();
    let Some(first) = bad.first() else {
        return Vec::new();
    };
    let Some(t) = ctx.token_of(first) else {
        return Vec::new();
    };
    let org = url_org(&first.url).unwrap_or("?");
    let tenants = am_tenants(t);
    let filter = sfcc(t)
        .map(|s| {
            s.tenant_filter
                .iter()
                .map(|(role, ts)| format!("{role}:{}", ts.join(",")))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|f| !f.is_empty())
        .map(|f| format!(", tenantFilter {f}"))
        .unwrap_or_default();
    let worked: Vec<usize> = ctx
        .calls
        .iter()
        .filter(|c| c.ok && c.token == first.token && c.category == Category::ScapiAdmin)
        .map(|c| c.entry)
        .collect();
    let works = if worked.is_empty() {
        String::new()
    } else {
        format!(
            "; the same token works for its own tenant ({})",
            entries_phrase(&worked)
        )
    };
    let entries: Vec<usize> = bad.iter().map(|c| c.entry).collect();
    let detail = format!(
        "403 at {}: the Account Manager token {} is scoped to tenant {} (SALESFORCE_COMMERCE_API:{}{filter}) but the calls target organization {org}{works}. Ask for SALESFORCE_COMMERCE_API:{} in the token request, with the tenant in the API client's filter.",
        entries_phrase(&entries),
        t.label,
        tenants.join(", "),
        tenants.join(" SALESFORCE_COMMERCE_API:"),
        org.trim_start_matches("f_ecom_")
    );
    vec![finding(
        Severity::Error,
        "am-tenant-scope-missing",
        "Account Manager token for another tenant",
        detail,
        entries,
    )]
}

/// A token request refused with `invalid_scope`.
pub(crate) fn invalid_scope(ctx: &Ctx) -> Vec<SessionFinding> {
    ctx.calls
        .iter()
        .filter(|c| c.status == 400 && matches!(c.category, Category::AccountManager | Category::Slas))
        .filter(|c| ctx.carried.get(c.entry).and_then(|k| k.field("error")) == Some("invalid_scope"))
        .map(|c| {
            let asked = ctx
                .carried
                .get(c.entry)
                .and_then(|k| k.param("scope"))
                .unwrap_or("");
            let new = never_granted(ctx, asked);
            let (id, fix) = if c.category == Category::AccountManager {
                (
                    "am-invalid-scope",
                    "add the tenant to the API client's Salesforce Commerce API role (its tenant filter) in Account Manager; the request itself is right",
                )
            } else {
                (
                    "invalid-scope",
                    "add the scope to the SLAS client's scopes (SLAS Admin), or stop asking for it",
                )
            };
            let which = if new.is_empty() {
                String::new()
            } else {
                format!(
                    ", so the API client may not ask for {} (no token of the session grants it)",
                    new.join(" ")
                )
            };
            let detail = format!(
                "400 invalid_scope at entry {}: the token request for \"{asked}\" was refused{which}; {fix}.",
                c.entry
            );
            finding(Severity::Error, id, "Token request refused: invalid_scope", detail, vec![c.entry])
        })
        .collect()
}

/// Two consecutive tokens of one client with different scopes.
pub(crate) fn scope_changed(ctx: &Ctx) -> Vec<SessionFinding> {
    let issued = ctx.issued_access();
    let mut out = Vec::new();
    for pair in issued.windows(2) {
        let ((_, a), (_, b)) = (pair[0], pair[1]);
        let (Some(sa), Some(sb)) = (sfcc(a), sfcc(b)) else {
            continue;
        };
        // An Account Manager client asks for its scopes in each request: only SLAS tokens
        // (scopes from the client's settings) change behind the app's back.
        let slas = |s: &Sfcc| s.kind == SfccKind::SlasAccess;
        if sa.client_id != sb.client_id || !slas(sa) || !slas(sb) {
            continue;
        }
        let cmp = compare(&a.credential, &b.credential, b.iat.unwrap_or(0));
        if cmp.added.is_empty() && cmp.removed.is_empty() {
            continue;
        }
        let list = |v: &[String]| {
            if v.is_empty() {
                "nothing".to_string()
            } else {
                v.join(", ")
            }
        };
        let usid = if sa.usid == sb.usid {
            "same usid"
        } else {
            "another usid"
        };
        let detail = format!(
            "The client's scopes changed between {} (issued {}) and {} (issued {}): removed {}; added {}. Same client id, {usid}.",
            a.label,
            a.iat.map(hms).unwrap_or_default(),
            b.label,
            b.iat.map(hms).unwrap_or_default(),
            list(&cmp.removed),
            list(&cmp.added)
        );
        let entries = vec![a.issued_in.unwrap_or(0), b.issued_in.unwrap_or(0)];
        out.push(finding(
            Severity::Warning,
            "scope-set-changed",
            "The scope set changed between two tokens",
            detail,
            entries,
        ));
    }
    out
}

/// The correlation ids of the failing calls that Log Center holds.
pub(crate) fn correlation_ids(ctx: &Ctx) -> Vec<SessionFinding> {
    let list: Vec<(usize, &str)> = ctx
        .calls
        .iter()
        .filter(|c| !c.ok && !NOT_IN_LOG_CENTER.iter().any(|p| c.url.contains(p)))
        .filter_map(|c| Some((c.entry, c.correlation_id.as_deref()?)))
        .collect();
    if list.is_empty() {
        return Vec::new();
    }
    let text: Vec<String> = list.iter().map(|(e, id)| format!("{e}: {id}")).collect();
    let detail = format!(
        "Correlation ids of the failing calls (search them in Log Center): {}.",
        text.join("; ")
    );
    let entries = list.iter().map(|(e, _)| *e).collect();
    vec![finding(
        Severity::Info,
        "correlation-ids",
        "Correlation ids of the failing calls",
        detail,
        entries,
    )]
}

/// The scopes of a request that no token of the session was granted.
fn never_granted(ctx: &Ctx, asked: &str) -> Vec<String> {
    asked
        .split_whitespace()
        .filter(|s| !ctx.tokens.iter().any(|t| granted(t).iter().any(|g| g == s)))
        .map(str::to_string)
        .collect()
}

//! The ticket summary: what the page found, in Markdown, with nothing in it that could be used
//! or that identifies a shopper. It names the credentials (kind, tenant, organization, site,
//! client id, scopes, times), the checklist, the request's operation, the verdict with its
//! causes, and the answer's type and correlation id. It never holds a token, a signature, a
//! refresh token, a secret or Basic credentials; logins, e-mails, names and phone numbers are
//! masked, and the ids that identify a shopper (`usid`, customer ids, visit ids) are replaced by
//! pseudonyms that are stable within the summary (`usid#1`), so two tokens can still be compared.
//! A last pass replaces any of those values wherever a sentence quoted one.

use std::fmt::Write as _;

use super::{Page, RequestState};
use crate::inspect::checklist::Check;
use crate::inspect::credential::Credential;
use crate::inspect::order::sorted_by_key;
use crate::inspect::request::Matched;
use crate::inspect::signature::{describe, Signature};
use crate::inspect::text::reveal;
use crate::inspect::time::iso_utc;

/// Identity rows whose values identify a shopper: replaced by a pseudonym with this prefix.
const PSEUDONYMOUS: &[(&str, &str)] = &[
    ("usid", "usid"),
    ("customer", "customer"),
    ("session-customer", "customer"),
    ("visit", "visit"),
];

/// Identity rows that are personal data or a session secret: masked.
const MASKED: &[&str] = &["login", "display-name", "phone", "user", "dwsid"];

/// Values shorter than this are not looked for in the text (an id of one letter would match
/// everywhere); they are never written either.
const MIN_REDACTED: usize = 4;

/// Path parameters kept as they are: they name the tenant, the site or the catalogue, not a
/// shopper. Every other parameter (customerId, basketId, orderNo …) becomes a pseudonym.
const KEPT_PARAMS: &[&str] = &[
    "organizationId",
    "tenantId",
    "siteId",
    "productId",
    "categoryId",
    "catalogId",
];

/// `text` with every occurrence of `value` that is not part of a longer word replaced.
fn replace_words(text: &str, value: &str, with: &str) -> String {
    let word =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(value) {
        let before = rest[..at].chars().next_back().or(out.chars().next_back());
        let after = rest[at + value.len()..].chars().next();
        out.push_str(&rest[..at]);
        if word(before) || word(after) {
            out.push_str(value);
        } else {
            out.push_str(with);
        }
        rest = &rest[at + value.len()..];
    }
    out.push_str(rest);
    out
}

/// What the summary replaces: values to mask, and values to give pseudonyms.
#[derive(Default)]
struct Redaction {
    /// (value, replacement), longest values first when applied.
    pairs: Vec<(String, String)>,
}

impl Redaction {
    /// The pseudonym of `value` (`usid#2`), the same each time it is asked.
    fn pseudonym(&mut self, prefix: &str, value: &str) -> String {
        if value.len() < MIN_REDACTED {
            return format!("{prefix}#?");
        }
        if let Some((_, p)) = self.pairs.iter().find(|(v, _)| v == value) {
            return p.clone();
        }
        let n = 1 + self
            .pairs
            .iter()
            .filter(|(_, p)| p.starts_with(&format!("{prefix}#")))
            .count();
        let p = format!("{prefix}#{n}");
        self.pairs.push((value.to_string(), p.clone()));
        p
    }

    fn mask(&mut self, value: &str, with: &str) {
        if value.len() >= MIN_REDACTED && !self.pairs.iter().any(|(v, _)| v == value) {
            self.pairs.push((value.to_string(), with.to_string()));
        }
    }

    /// `text` with every recorded value replaced where it stands as a word of its own (not
    /// inside a longer id), longest first, so a value inside another is not half-replaced.
    fn apply(&self, text: &str) -> String {
        sorted_by_key(self.pairs.iter().collect(), |(v, _)| {
            std::cmp::Reverse(v.len())
        })
        .iter()
        .fold(text.to_string(), |t, (v, r)| replace_words(&t, v, r))
    }
}

/// The Markdown summary of `page` for a ticket.
pub fn ticket(page: &Page) -> String {
    let mut r = Redaction::default();
    let mut out = String::from("### SFCC call diagnosis (SFCC Token Inspector)\n\n");
    if let Some(v) = &page.verdict {
        let _ = writeln!(out, "**Verdict:** {}\n", v.headline);
        for c in &v.causes {
            let _ = writeln!(
                out,
                "- {} — `{}`: {}",
                c.judgement.word(),
                c.check.id(),
                c.text
            );
        }
        if !v.causes.is_empty() {
            out.push('\n');
        }
    } else if let Some(check) = page.request.check() {
        // An unmatched path is quoted in the verdict, with whatever ids it holds: not here.
        if !matches!(check.matched, Matched::Nothing { .. }) {
            let _ = writeln!(out, "**Request check:** {}\n", check.verdict);
        }
    }
    request(&mut out, page);
    answer(&mut out, page);
    signature(&mut out, page);
    for (i, c) in page.report.credentials.iter().enumerate() {
        credential(&mut out, c, &mut r, i, page);
    }
    checklist(&mut out, page);
    for c in &page.report.credentials {
        r.mask(c.text.trim(), "[token removed]");
        for part in c.text.trim().split('.') {
            r.mask(part, "[removed]");
        }
    }
    if let RequestState::Checked(check) = &page.request {
        if let Matched::Operation(op) = &check.matched {
            for (k, v) in &op.params {
                if k == "customerId" {
                    r.pseudonym("customer", v);
                } else if !KEPT_PARAMS.contains(&k.as_str()) {
                    r.pseudonym(k, v);
                }
            }
        }
    }
    // A ticket must not carry a direction override or an invisible character either.
    let mut text: String = r
        .apply(&out)
        .lines()
        .map(reveal)
        .collect::<Vec<_>>()
        .join("\n");
    text.push('\n');
    text.push_str(
        "\n_Removed: tokens, signatures, refresh tokens, secrets and Basic credentials. Masked: logins, e-mail addresses, names, phone numbers and session ids. Shopper ids are pseudonyms (usid#1, customer#1) that match within this summary._\n",
    );
    text
}

/// The failing request: its operation (the template, not the path, which holds ids).
fn request(out: &mut String, page: &Page) {
    let Some(check) = page.request.check() else {
        return;
    };
    let r = &check.request;
    let method = r.method.as_deref().unwrap_or("GET");
    let host = r.host.as_deref().unwrap_or("(no host)");
    let what = match &check.matched {
        Matched::Operation(op) => {
            let e = op.endpoint;
            format!(
                "{method} {} — {} (`{}{}`)",
                e.operation_id, e.api, e.base_path, e.path
            )
        }
        Matched::Custom(api) => format!("{method} custom API {} {}", api.name, api.version),
        Matched::Nothing { .. } => format!("{method} (no Commerce API operation matches the path)"),
    };
    let _ = writeln!(out, "**Request:** {what} on `{host}`");
    let params: Vec<String> = r
        .query
        .iter()
        .filter(|(k, _)| k == "siteId")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if !params.is_empty() {
        let _ = writeln!(out, "- {}", params.join(", "));
    }
    out.push('\n');
}

/// The answer: status, what it was recognised as, the correlation id.
fn answer(out: &mut String, page: &Page) {
    let Some(a) = &page.answer else {
        return;
    };
    let status = a
        .answer
        .status
        .map_or_else(|| "no status".to_string(), |s| s.to_string());
    let what = match a.recognition.entry {
        Some(e) => format!(
            "{} — `{}` ({}{})",
            e.title,
            e.id,
            e.family.name(),
            if a.recognition.guessed {
                ", family guessed without the URL"
            } else {
                ""
            }
        ),
        None => "not a documented SFCC error answer".into(),
    };
    let _ = writeln!(out, "**Answer:** {status} {what}");
    let f = &a.answer.body.fields;
    if let Some(t) = f
        .r#type
        .as_deref()
        .or(f.error.as_deref())
        .or(f.fault_type.as_deref())
        .or(f.code.as_deref())
    {
        let _ = writeln!(out, "- type: `{t}`");
    }
    if let Some(c) = a.answer.correlation() {
        let _ = writeln!(out, "- correlation id ({}): `{}`", c.name, c.value);
    }
    for name in ["x-dw-request-base-id", "cf-ray"] {
        if let Some(v) = a.answer.header(name) {
            let _ = writeln!(out, "- {name}: `{}`", v.trim());
        }
    }
    if let Some((code, Some(ray))) = &f.cloudflare {
        let _ = writeln!(out, "- Cloudflare error {code}, Ray ID `{ray}`");
    }
    if let Some(d) = a.answer.date {
        let _ = writeln!(out, "- answered at (Date): {}", iso_utc(d));
    }
    out.push('\n');
}

/// Whether the judged credential's signature was verified, not checked, or failed.
fn signature(out: &mut String, page: &Page) {
    let Some(s) = &page.signature else {
        return;
    };
    let line = match &s.signature {
        Signature::Verified { key, alg } => format!("verified ({alg}) with {}", public(key)),
        Signature::Failed(why) => format!("NOT verified: {why}"),
        Signature::NoKey(why) => format!("not verified: {why}"),
        Signature::Unverifiable(why) => format!("cannot be verified here: {why}"),
        Signature::Pending(_) => "being verified".into(),
        Signature::BrowserCannot(why) => format!("not checked: {why}"),
        Signature::NotChecked => "not checked (no signing keys pasted)".into(),
    };
    let _ = writeln!(out, "**Signature:** {line}\n");
}

/// A key as the ticket names it: its description without a certificate's subject (a CN can be
/// a person's name or e-mail).
fn public(key: &crate::inspect::keys::Key) -> String {
    let text = describe(key);
    match (text.find(" (CN="), text.rfind(") (")) {
        (Some(start), Some(end)) if end > start => {
            format!("{}{}", &text[..start], &text[end + 1..])
        }
        _ => text,
    }
}

/// One credential: what it is, whose, its scopes and times.
fn credential(out: &mut String, c: &Credential, r: &mut Redaction, i: usize, page: &Page) {
    let selected = page.selected == Some(i) && page.report.credentials.len() > 1;
    let _ = writeln!(
        out,
        "**Credential{}:** {}{}",
        if page.report.credentials.len() > 1 {
            format!(" {}", i + 1)
        } else {
            String::new()
        },
        c.title(),
        if selected { " (the one judged)" } else { "" }
    );
    if let Some(b) = c.basic() {
        let _ = writeln!(
            out,
            "- Basic credentials for client id `{}` (secret removed)",
            b.client_id
        );
    }
    if let Some(req) = &c.token_request {
        let grant = req.grant_type.as_deref().unwrap_or("not given");
        let _ = writeln!(
            out,
            "- token request: grant `{grant}` (client secret removed)"
        );
    }
    if let Some(s) = c.sfcc() {
        for row in &s.identity {
            if let Some((_, prefix)) = PSEUDONYMOUS.iter().find(|(id, _)| *id == row.id) {
                r.pseudonym(prefix, &row.value);
            } else if MASKED.contains(&row.id) {
                r.mask(&row.value, "[masked]");
            }
        }
        let mut lines = Vec::new();
        if let Some(t) = &s.tenants.tenant {
            lines.push(format!("tenant `{}`, organization `{}`", t.id, t.org_id));
        } else if !s.tenants.all.is_empty() {
            lines.push(format!("tenants `{}`", s.tenants.all.join("`, `")));
        }
        if let Some(site) = &s.site {
            lines.push(format!("site `{site}`"));
        }
        if let Some(id) = &s.client_id {
            lines.push(format!("client id `{id}`"));
        }
        for (prefix, value) in [("usid", &s.usid), ("customer", &s.customer_id)] {
            if let Some(v) = value {
                lines.push(format!("{prefix}: {}", r.pseudonym(prefix, v)));
            }
        }
        for l in lines {
            let _ = writeln!(out, "- {l}");
        }
        if !s.roles.is_empty() {
            let _ = writeln!(out, "- roles: {}", s.roles.join(", "));
        }
        let scopes: Vec<&str> = s.scopes.iter().map(|g| g.name.as_str()).collect();
        if !scopes.is_empty() {
            let _ = writeln!(out, "- scopes ({}): {}", scopes.len(), scopes.join(" "));
        }
    }
    times(out, c, page);
    out.push('\n');
}

/// Issued, expires, and (for the judged credential) its validity at the call.
fn times(out: &mut String, c: &Credential, page: &Page) {
    let t = c.times();
    let mut parts = Vec::new();
    for (name, label) in [("iat", "issued"), ("exp", "expires")] {
        if let Some(at) = t.at(name) {
            parts.push(format!("{label} {}", iso_utc(at)));
        }
    }
    if let Some(status) = c.time_status(page.at.at) {
        parts.push(format!(
            "{} {}: {}",
            page.at.when(),
            iso_utc(page.at.at),
            status.id().replace('_', " ")
        ));
    }
    if !parts.is_empty() {
        let _ = writeln!(out, "- times: {}", parts.join("; "));
    }
}

/// The expected-scope checklist against the judged credential.
fn checklist(out: &mut String, page: &Page) {
    let Some(result) = &page.checklist.result else {
        return;
    };
    if result.rows.is_empty() {
        return;
    }
    let rows: Vec<String> = result
        .rows
        .iter()
        .map(|row| match &row.check {
            Check::Satisfied { by } => format!("{} ✓ ({by})", row.expected.scope),
            Check::ReadOnly { have } => format!("{} ✗ read-only ({have})", row.expected.scope),
            Check::Missing => format!("{} ✗ missing", row.expected.scope),
        })
        .collect();
    let _ = writeln!(out, "**Expected scopes:** {}\n", rows.join("; "));
}

//! The request check: a pasted request (URL, curl command or `METHOD URL` line) matched to its
//! Commerce API operation (endpoints.json), and the token checked against it: scopes, tenant,
//! token kind, site, customer (REFERENCE.md §6.1, §6.2, §7.5).

use super::catalog::Audience;
use super::catalog::{Endpoint, ENDPOINTS, LONGEST_TEMPLATE};
use super::checklist::{Expectations, Expected};
use super::credential::Credential;
use super::errors;
use super::findings::{Finding, Severity};
use super::scopes::covers;
use super::sfcc::tenant::normalise;
use super::sfcc::{Sfcc, Variant};
use super::text::percent_decode;
use super::time::{self, TimeStatus, UnixTime};

/// A request as pasted, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRequest {
    /// `GET`, `POST` …; `None` when the paste gave none (a bare URL: `GET` is assumed for matching).
    pub method: Option<String>,
    /// Host, when the paste had one.
    pub host: Option<String>,
    /// SCAPI short code (`kv7kzm78` in `kv7kzm78.api.commercecloud.salesforce.com`).
    pub short_code: Option<String>,
    /// The SCAPI path (PWA Kit `/mobify/proxy/api` prefix removed), without query.
    pub path: String,
    /// Query parameters, percent-decoded, in order.
    pub query: Vec<(String, String)>,
    /// The request went through the PWA Kit proxy (`/mobify/proxy/api/…`).
    pub proxied: bool,
}

/// The operation a request matched, with the path parameters it filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationMatch {
    pub endpoint: &'static Endpoint,
    /// `organizationId` → `f_ecom_abcd_001`, `basketId` → …, in template order.
    pub params: Vec<(String, String)>,
}

/// What the request was matched to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    Operation(OperationMatch),
    /// No operation has this method and path; the nearest operations, best first (at most 3).
    Nothing {
        nearest: Vec<&'static Endpoint>,
    },
}

/// Outcome of one line of the request check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail,
    Warn,
    /// Nothing to check (e.g. the operation takes no site).
    Skip,
}

impl Outcome {
    /// Lower-case id, also the CSS class.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Warn => "warn",
            Outcome::Skip => "skip",
        }
    }
}

/// One line of the request check: `scopes`, `tenant`, `token-kind`, `site`, `customer`, `time`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckItem {
    pub id: &'static str,
    pub label: &'static str,
    pub outcome: Outcome,
    pub text: String,
}

/// The request check, complete.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestCheck {
    pub request: ParsedRequest,
    pub matched: Matched,
    /// Can this token make this call? With the one-line reason.
    pub ok: bool,
    /// "This token cannot call updateBasket: it has sfcc.shopper-baskets-orders (read) but the call
    /// needs sfcc.shopper-baskets-orders.rw".
    pub verdict: String,
    pub items: Vec<CheckItem>,
    /// The problems, for the ranked list at the top (with their documented error bodies).
    pub findings: Vec<Finding>,
    /// The scopes this operation needs, for the checklist.
    pub expected: Expectations,
}

/// Parses a pasted request: a URL, a curl command, or a `METHOD URL` line (also a path alone,
/// and the "Request URL:" / "Request Method:" lines of browser devtools). The error says, in a
/// sentence, what could not be read.
pub fn parse(text: &str) -> Result<ParsedRequest, String> {
    let words = split_words(text);
    let mut method: Option<String> = None;
    let mut url: Option<String> = None;
    let mut has_data = false;
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        match w {
            "-X" | "--request" => {
                method = next.map(str::to_ascii_uppercase);
                i += 1;
            }
            "--url" => {
                url = next.map(str::to_string);
                i += 1;
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--json" | "--data-urlencode" => {
                has_data = true;
                i += 1;
            }
            "-H" | "--header" | "-u" | "--user" | "-A" | "-b" | "--cookie" | "-o" | "-e" => i += 1,
            _ if w.starts_with("-X") && w.len() > 2 => method = Some(w[2..].to_ascii_uppercase()),
            _ if is_method(w) && method.is_none() => method = Some(w.to_ascii_uppercase()),
            _ if url.is_none() && (w.contains("://") || w.starts_with('/')) => {
                url = Some(w.to_string())
            }
            _ => {}
        }
        i += 1;
    }
    if method.is_none() && has_data {
        method = Some("POST".into());
    }
    let url = url.ok_or_else(|| {
        "No URL found: paste a request URL, a curl command or a line like “GET https://…/organizations/f_ecom_…/…”."
            .to_string()
    })?;
    let (host, rest) = match url.split_once("://") {
        Some((_, after)) => match after.find('/') {
            Some(slash) => (Some(after[..slash].to_string()), after[slash..].to_string()),
            None => (Some(after.to_string()), "/".to_string()),
        },
        None => (None, url.clone()),
    };
    let rest = rest.split('#').next().unwrap_or("").to_string();
    let (path, query) = rest.split_once('?').unwrap_or((rest.as_str(), ""));
    let (path, proxied) = match path.find("/mobify/proxy/api") {
        Some(at) => (&path[at + "/mobify/proxy/api".len()..], true),
        None => (path, false),
    };
    let host = host.map(|h| h.rsplit('@').next().unwrap_or(&h).to_ascii_lowercase());
    let short_code = host
        .as_deref()
        .and_then(|h| h.strip_suffix(".api.commercecloud.salesforce.com"))
        .map(str::to_string);
    let query = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(&v.replace('+', " ")))
        })
        .collect();
    Ok(ParsedRequest {
        method,
        host,
        short_code,
        path: if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        },
        query,
        proxied,
    })
}

fn is_method(w: &str) -> bool {
    matches!(
        w.to_ascii_uppercase().as_str(),
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    ) && w.chars().all(|c| c.is_ascii_alphabetic())
}

/// Shell-like words: quotes group, `\` line continuations vanish, devtools labels are dropped.
fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => quote = Some(c),
            (None, '\\') if chars.peek().is_some_and(|n| *n == '\n' || *n == '\r') => {}
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
        .into_iter()
        .map(|w| w.trim_end_matches([',', ';']).to_string())
        .filter(|w| !w.ends_with(':') && !w.is_empty())
        .collect()
}

/// The non-empty segments of a path.
fn segments(path: &str) -> Vec<&str> {
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// The segments of an operation's full template (base path, then path), without allocating:
/// this runs for every operation on every keystroke.
fn template(e: &Endpoint) -> impl Iterator<Item = &'static str> + Clone {
    e.base_path
        .split('/')
        .chain(e.path.split('/'))
        .filter(|s| !s.is_empty())
}

/// Matches the path's segments against an operation's full template; returns the filled-in
/// parameters and the number of literal segments (more literals = more specific). Stops at the
/// first literal that differs, which for most operations is the first or second segment.
fn match_template(e: &Endpoint, path: &[&str]) -> Option<(Vec<(String, String)>, usize)> {
    let mut params = Vec::new();
    let mut literals = 0;
    let mut template = template(e);
    let mut path = path.iter();
    loop {
        match (template.next(), path.next()) {
            (None, None) => break,
            (Some(ts), Some(ps)) => {
                if let Some(name) = ts.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    params.push((name, *ps));
                } else if ts == *ps {
                    literals += 1;
                } else {
                    return None;
                }
            }
            _ => return None,
        }
    }
    let params = params
        .into_iter()
        .map(|(name, value)| (name.to_string(), percent_decode(value)))
        .collect();
    Some((params, literals))
}

/// Finds the operation for a parsed request.
pub fn find(request: &ParsedRequest) -> Matched {
    let method = request.method.as_deref().unwrap_or("GET");
    let path = segments(&request.path);
    let mut best: Option<(usize, OperationMatch)> = None;
    let mut same_path: Vec<&'static Endpoint> = Vec::new();
    for e in ENDPOINTS {
        let Some((params, literals)) = match_template(e, &path) else {
            continue;
        };
        if !e.method.eq_ignore_ascii_case(method) {
            same_path.push(e);
            continue;
        }
        if best.as_ref().is_none_or(|(l, _)| literals > *l) {
            best = Some((
                literals,
                OperationMatch {
                    endpoint: e,
                    params,
                },
            ));
        }
    }
    if let Some((_, m)) = best {
        return Matched::Operation(m);
    }
    if !same_path.is_empty() {
        same_path.truncate(3);
        return Matched::Nothing { nearest: same_path };
    }
    Matched::Nothing {
        nearest: nearest(&path, method),
    }
}

/// The operations whose template shares the most with the path's segments, best first (at
/// most 3).
fn nearest(path: &[&str], method: &str) -> Vec<&'static Endpoint> {
    // A template of t segments scores at most 4t (shared) + 2t (literals) + 1 (method) less 2
    // per segment of length gap: with 4t segments or more the path cannot score above 4. So a
    // runaway path is answered at once, and the literal lookups below scan a short path.
    if path.len() >= 4 * LONGEST_TEMPLATE {
        return Vec::new();
    }
    let mut scored: Vec<(i64, &'static Endpoint)> = ENDPOINTS
        .iter()
        .map(|e| {
            // One walk of the template: its length, the leading segments it shares with the
            // path (placeholders match anything) and its literals found anywhere in the path.
            let (mut len, mut shared, mut literal_hits, mut sharing) = (0i64, 0i64, 0i64, true);
            for (i, s) in template(e).enumerate() {
                let placeholder = s.as_bytes().first() == Some(&b'{');
                sharing &= path.get(i).is_some_and(|p| placeholder || *p == s);
                shared += i64::from(sharing);
                literal_hits += i64::from(!placeholder && path.contains(&s));
                len += 1;
            }
            let len_gap = (len - path.len() as i64).abs();
            let method_bonus = i64::from(e.method.eq_ignore_ascii_case(method));
            (
                shared * 4 + literal_hits * 2 - len_gap * 2 + method_bonus,
                e,
            )
        })
        .filter(|(score, _)| *score > 4)
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    scored.into_iter().take(3).map(|(_, e)| e).collect()
}

/// The scopes an operation needs, collapsed for the checklist: the most specific needed scope
/// (the read-only form when the operation lists it, since `.rw` covers it) with the other listed
/// scopes that are not implied as alternatives.
pub fn expected_for(e: &Endpoint) -> Expected {
    let scopes: Vec<&str> = e
        .scopes_any_of
        .iter()
        .copied()
        .filter(|s| !s.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .collect();
    let main = scopes
        .iter()
        .find(|s| {
            !s.ends_with(".rw")
                && **s != "sfcc.shopper-standard"
                && scopes.contains(&format!("{s}.rw").as_str())
        })
        .or_else(|| scopes.iter().find(|s| **s != "sfcc.shopper-standard"))
        .or_else(|| scopes.first())
        .copied()
        .unwrap_or_default();
    let alternatives = scopes
        .iter()
        .filter(|s| **s != main && !covers(s, main))
        .map(|s| s.to_string())
        .collect();
    Expected {
        scope: main.to_string(),
        alternatives,
    }
}

/// Checks `token` (the selected credential, if any) against the request pasted as `text` at `now`.
/// `None` when `text` is blank; `Some(Err(message))` when it cannot be read as a request.
pub fn check(
    text: &str,
    token: Option<&Credential>,
    now: UnixTime,
) -> Option<Result<RequestCheck, String>> {
    if text.trim().is_empty() {
        return None;
    }
    let request = match parse(text) {
        Ok(r) => r,
        Err(e) => return Some(Err(e)),
    };
    let matched = find(&request);
    let Matched::Operation(op) = &matched else {
        let method = request.method.clone().unwrap_or_else(|| "GET".into());
        let nearest = match &matched {
            Matched::Nothing { nearest } => nearest
                .iter()
                .map(|e| format!("{} {}", e.method, e.operation_id))
                .collect::<Vec<_>>()
                .join(", "),
            Matched::Operation(_) => String::new(),
        };
        let verdict = if nearest.is_empty() {
            format!(
                "No Commerce API operation matches {method} {}.",
                in_sentence(&request.path)
            )
        } else {
            format!(
                "No Commerce API operation matches {method} {}; nearest: {nearest}.",
                in_sentence(&request.path)
            )
        };
        return Some(Ok(RequestCheck {
            request,
            matched,
            ok: false,
            verdict,
            items: Vec::new(),
            findings: Vec::new(),
            expected: Expectations::default(),
        }));
    };
    let e = op.endpoint;
    let mut expected = Expectations::default();
    let needed = expected_for(e);
    if !needed.scope.is_empty() {
        expected.items.push(needed);
    }
    let url_tenant = op
        .params
        .iter()
        .find(|(k, _)| k == "organizationId" || k == "tenantId")
        .map(|(k, v)| (k.clone(), v.clone()));
    let sfcc = token.and_then(|c| c.sfcc());
    if let (Some((_, t)), Some(s)) = (&url_tenant, sfcc) {
        if s.audience == Audience::Admin && e.token != "shopper" && e.api != "SLAS Admin" {
            expected.merge(&Expectations::parse(&format!(
                "SALESFORCE_COMMERCE_API:{}",
                normalise(t)
            )));
        }
    }
    let mut c = Checker {
        e,
        op,
        request: &request,
        token,
        now,
        items: Vec::new(),
        findings: Vec::new(),
        failures: Vec::new(),
    };
    c.run(url_tenant);
    let Checker {
        items,
        findings,
        failures,
        ..
    } = c;
    let ok = failures.is_empty() && token.is_some();
    let verdict = match (token, failures.first()) {
        (None, _) => format!(
            "{} {} ({} {}): paste a token to check whether it can make this call.",
            e.method,
            e.operation_id,
            e.api,
            version(e)
        ),
        (Some(_), Some(why)) => format!("This token cannot call {}: {why}.", e.operation_id),
        (Some(_), None) => format!(
            "This token can call {} ({} {}).",
            e.operation_id,
            e.api,
            version(e)
        ),
    };
    Some(Ok(RequestCheck {
        request,
        matched: matched.clone(),
        ok,
        verdict,
        items,
        findings,
        expected,
    }))
}

/// A pasted path as it reads in a sentence: past its first 100 characters it is cut, with its
/// length, so a runaway paste cannot bury the verdict.
fn in_sentence(path: &str) -> String {
    match path.char_indices().nth(100) {
        Some((at, _)) => format!("{}… ({} characters)", &path[..at], path.chars().count()),
        None => path.to_string(),
    }
}

/// "an Account Manager access token", "a SLAS shopper access token".
fn with_article(title: &str) -> String {
    let vowel = title.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']);
    format!("{} {title}", if vowel { "an" } else { "a" })
}

fn version(e: &Endpoint) -> &'static str {
    e.base_path.rsplit('/').next().unwrap_or("")
}

struct Checker<'a> {
    e: &'static Endpoint,
    op: &'a OperationMatch,
    request: &'a ParsedRequest,
    token: Option<&'a Credential>,
    now: UnixTime,
    items: Vec<CheckItem>,
    findings: Vec<Finding>,
    /// Why the call fails, most important first, as verdict clauses.
    failures: Vec<String>,
}

impl Checker<'_> {
    fn item(
        &mut self,
        id: &'static str,
        label: &'static str,
        outcome: Outcome,
        text: impl Into<String>,
    ) {
        self.items.push(CheckItem {
            id,
            label,
            outcome,
            text: text.into(),
        });
    }

    fn fail(&mut self, why: String, finding: Finding) {
        self.failures.push(why);
        self.findings.push(finding);
    }

    fn run(&mut self, url_tenant: Option<(String, String)>) {
        let e = self.e;
        self.item(
            "operation",
            "Operation",
            Outcome::Pass,
            format!(
                "{} {} — {} {} ({}{})",
                e.method,
                e.operation_id,
                e.api,
                version(e),
                e.base_path,
                e.path
            ),
        );
        let Some(token) = self.token else {
            self.item(
                "token-kind",
                "Token",
                Outcome::Skip,
                "Paste a token to check it against this call.",
            );
            return;
        };
        let Some(sfcc) = token.sfcc() else {
            self.item(
                "token-kind",
                "Token",
                Outcome::Fail,
                format!(
                    "This is {}: it cannot be sent as a bearer token.",
                    with_article(token.title())
                ),
            );
            self.failures.push(format!(
                "it is {}, not a token with claims",
                with_article(token.title())
            ));
            return;
        };
        self.time(token);
        self.kind(sfcc);
        self.tenant(sfcc, url_tenant);
        self.scopes(sfcc);
        self.site(sfcc);
        self.customer(sfcc);
    }

    fn time(&mut self, token: &Credential) {
        match token.time_status(self.now) {
            Some(TimeStatus::Expired) => {
                let ago = token
                    .times()
                    .at("exp")
                    .map(|exp| time::duration(exp.abs_diff(self.now)))
                    .unwrap_or_default();
                self.item(
                    "time",
                    "Validity",
                    Outcome::Fail,
                    format!("Expired {ago} ago: the call gets 401 Unauthorized."),
                );
                self.failures.insert(0, format!("it expired {ago} ago"));
            }
            Some(TimeStatus::NotYetValid) => {
                self.item(
                    "time",
                    "Validity",
                    Outcome::Fail,
                    "Not valid yet (nbf is in the future).",
                );
                self.failures.insert(0, "it is not valid yet".into());
            }
            Some(TimeStatus::Valid) => self.item("time", "Validity", Outcome::Pass, "Valid now."),
            _ => self.item("time", "Validity", Outcome::Warn, "No expiry claim."),
        }
    }

    fn kind(&mut self, s: &Sfcc) {
        let e = self.e;
        if e.token == "none" {
            self.item(
                "token-kind",
                "Token kind",
                Outcome::Warn,
                "This SLAS endpoint authenticates the SLAS client (Basic client_id:secret, or client_id in the body), not a bearer token.",
            );
            return;
        }
        let has = |scheme: &str| e.schemes.contains(&scheme);
        let am_ok =
            has("AmOAuth2") || has("BearerToken") || (e.schemes.is_empty() && e.token == "admin");
        let plain_shopper = has("ShopperToken") || (e.schemes.is_empty() && e.token == "shopper");
        let ok = match s.audience {
            Audience::Admin => am_ok,
            Audience::Shopper => {
                plain_shopper
                    || (has("ShopperTokenTsob") && s.variant == Some(Variant::Tsob))
                    || (has("ShopperTokenTaob") && s.variant == Some(Variant::Taob))
            }
            Audience::Other => false,
        };
        let kind = with_article(s.kind.title());
        if ok {
            self.item(
                "token-kind",
                "Token kind",
                Outcome::Pass,
                format!("{} accepts {kind}.", e.operation_id),
            );
            return;
        }
        let mut wants: Vec<&str> = Vec::new();
        if am_ok {
            wants.push("an Account Manager token");
        }
        if plain_shopper {
            wants.push("a SLAS shopper token");
        }
        if has("ShopperTokenTsob") {
            wants.push("a trusted-system (TSOB) SLAS token");
        }
        if has("ShopperTokenTaob") {
            wants.push("a trusted-agent (TAOB) SLAS token");
        }
        let want = if wants.is_empty() {
            "another kind of token".to_string()
        } else {
            wants.join(" or ")
        };
        let error = if am_ok && !plain_shopper {
            &errors::ADMIN_INVALID_TOKEN
        } else {
            &errors::SHOPPER_UNAUTHORIZED
        };
        self.item(
            "token-kind",
            "Token kind",
            Outcome::Fail,
            format!("{} needs {want}; this is {kind}.", e.operation_id),
        );
        self.fail(
            format!("it is {kind}, but the call needs {want}"),
            Finding::new(
                Severity::Error,
                "wrong-token-kind",
                format!("Wrong kind of token for {}", e.api),
                format!(
                    "{} ({}) needs {want}, but this is {kind}.",
                    e.operation_id, e.api
                ),
            )
            .with_error(error),
        );
    }

    fn scopes(&mut self, s: &Sfcc) {
        let e = self.e;
        let granted: Vec<&str> = s.scopes.iter().map(|g| g.name.as_str()).collect();
        let wanted: Vec<&str> = e.scopes_any_of.to_vec();
        if wanted.is_empty() {
            self.item(
                "scopes",
                "Scopes",
                Outcome::Skip,
                "This operation's spec lists no scope.",
            );
            return;
        }
        let roles = wanted
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == '_'));
        if roles {
            let has: Vec<&str> = s
                .roles
                .iter()
                .map(String::as_str)
                .chain(s.tenant_filter.iter().map(|(r, _)| r.as_str()))
                .collect();
            match wanted.iter().find(|w| has.contains(w)) {
                Some(r) => self.item(
                    "scopes",
                    "Role",
                    Outcome::Pass,
                    format!("The token has the {r} role."),
                ),
                None => {
                    let need = wanted.join(" or ");
                    self.item(
                        "scopes",
                        "Role",
                        Outcome::Fail,
                        format!(
                            "Needs the Account Manager role {need}; the token has none of them."
                        ),
                    );
                    self.fail(
                        format!("it lacks the {need} role"),
                        Finding::new(
                            Severity::Error,
                            "missing-role",
                            format!("Missing the {need} role"),
                            "SLAS Admin checks Account Manager roles, not scopes: give the user or API client one of these roles for the tenant.",
                        ),
                    );
                }
            }
            return;
        }
        if let Some(g) = wanted
            .iter()
            .find_map(|w| granted.iter().find(|g| covers(g, w)))
        {
            self.item(
                "scopes",
                "Scopes",
                Outcome::Pass,
                format!(
                    "{g} — one of the scopes {} accepts ({}).",
                    e.operation_id,
                    wanted.join(", ")
                ),
            );
        } else {
            let fix = wanted
                .iter()
                .find(|w| **w != "sfcc.shopper-standard")
                .or(wanted.first())
                .copied()
                .unwrap_or_default();
            let read_only = wanted.iter().find_map(|w| {
                w.strip_suffix(".rw")
                    .and_then(|r| granted.iter().find(|g| **g == r))
            });
            let (why, text) = match read_only {
                Some(have) => (
                    format!("it has {have} (read) but the call needs {fix}"),
                    format!("Read-only where write is needed: the token has {have}, the call needs {fix}."),
                ),
                None => (
                    format!("it lacks {fix}"),
                    match wanted.as_slice() {
                        [one] => format!("{one} is not granted; add it to the client's scopes."),
                        _ => format!("None of {} is granted; add {fix} to the client's scopes.", wanted.join(", ")),
                    },
                ),
            };
            self.item("scopes", "Scopes", Outcome::Fail, text.clone());
            let mut f = Finding::new(
                Severity::Error,
                "missing-scope",
                format!("{} needs {fix}", e.operation_id),
                text,
            );
            if s.audience != Audience::Admin {
                f = f.with_error(&errors::SHOPPER_FORBIDDEN);
            } else {
                f.detail
                    .push_str(" Admin APIs answer 403 Forbidden (body not documented).");
            }
            self.fail(why, f);
        }
    }

    fn tenant(&mut self, s: &Sfcc, url_tenant: Option<(String, String)>) {
        let Some((param, raw)) = url_tenant else {
            self.item(
                "tenant",
                "Tenant",
                Outcome::Skip,
                "The URL names no organization.",
            );
            return;
        };
        let url = normalise(&raw);
        let slas_admin = param == "tenantId";
        if slas_admin && raw.to_ascii_lowercase().starts_with("f_ecom_") {
            self.findings.push(
                Finding::new(
                    Severity::Error,
                    "org-id-format",
                    "SLAS Admin takes the tenant id, not the organization id",
                    format!("Use {url}, not {raw}, in /tenants/{{tenantId}}."),
                )
                .with_error(&errors::SLAS_ADMIN_TENANT),
            );
        } else if !slas_admin && !raw.starts_with("f_ecom_") {
            self.findings.push(Finding::new(
                Severity::Error,
                "org-id-format",
                "The organization id lacks “f_ecom_”",
                format!("Commerce API URLs take the organization id f_ecom_{url}, not {raw}."),
            ));
        }
        let mut tenants: Vec<&str> = if s.audience == Audience::Admin {
            s.tenants.places.iter().map(|p| p.tenant.as_str()).collect()
        } else {
            s.tenants.tenant.iter().map(|t| t.id.as_str()).collect()
        };
        tenants.sort_unstable();
        tenants.dedup();
        let tenants: Vec<&str> =
            if tenants.is_empty() && s.audience == Audience::Admin && slas_admin {
                s.tenants.all.iter().map(String::as_str).collect()
            } else {
                tenants
            };
        if tenants.is_empty() {
            self.item(
                "tenant",
                "Tenant",
                Outcome::Warn,
                format!("The URL is for {url}; the token names no tenant."),
            );
            return;
        }
        if tenants.contains(&url.as_str()) {
            self.item(
                "tenant",
                "Tenant",
                Outcome::Pass,
                format!("The URL's {param} {raw} is the token's tenant {url}."),
            );
            return;
        }
        let mine = tenants.join(", ");
        self.item(
            "tenant",
            "Tenant",
            Outcome::Fail,
            format!("The URL is for {url}; the token is for {mine}."),
        );
        let mut f = Finding::new(
            Severity::Error,
            "tenant-mismatch-request",
            format!("The call is for tenant {url}, the token for {mine}"),
            format!("The URL's {param} is {raw}, but the token was issued for {mine}: a token only works for its own tenant."),
        );
        f = if slas_admin {
            f.with_error(&errors::SLAS_ADMIN_TENANT)
        } else if s.audience == Audience::Shopper {
            f.with_error(&errors::SHOPPER_UNAUTHORIZED)
        } else {
            f
        };
        self.fail(
            format!(
                "it is for tenant {mine} but the URL is for {}",
                if slas_admin {
                    raw.clone()
                } else {
                    format!("f_ecom_{url}")
                }
            ),
            f,
        );
    }

    fn site(&mut self, s: &Sfcc) {
        let Some(param) = self.e.site_param.as_ref() else {
            self.item(
                "site",
                "Site",
                Outcome::Skip,
                "This operation takes no site.",
            );
            return;
        };
        let given = self
            .request
            .query
            .iter()
            .find(|(k, _)| k == param.name)
            .map(|(_, v)| v.clone());
        let mine = s.site.clone();
        match (given, mine) {
            (None, _) if param.required => {
                self.item(
                    "site",
                    "Site",
                    Outcome::Fail,
                    format!("The required {} parameter is missing.", param.name),
                );
                self.fail(
                    format!("the required {} parameter is missing", param.name),
                    Finding::new(
                        Severity::Warning,
                        "site-missing",
                        format!("No {} in the request", param.name),
                        format!(
                            "{} requires ?{}=<site id>.",
                            self.e.operation_id, param.name
                        ),
                    ),
                );
            }
            (None, _) => self.item(
                "site",
                "Site",
                Outcome::Skip,
                format!("No {} given (optional).", param.name),
            ),
            (Some(g), Some(m)) if g == m => self.item(
                "site",
                "Site",
                Outcome::Pass,
                format!("{}={g} is the token's site.", param.name),
            ),
            (Some(g), Some(m)) if s.audience == Audience::Shopper => {
                self.item(
                    "site",
                    "Site",
                    Outcome::Fail,
                    format!("{}={g}, but the token is for site {m}.", param.name),
                );
                self.fail(
                    format!("it is for site {m} but the call asks for {}={g}", param.name),
                    Finding::new(Severity::Error, "site-mismatch", format!("The token is for site {m}, the call for {g}"), format!("A SLAS token for channel_id {m} only works with siteId={m} (SLAS docs); the API rejects it for {g}. The exact status is not documented.")),
                );
            }
            (Some(g), _) if s.audience == Audience::Shopper => self.item(
                "site",
                "Site",
                Outcome::Warn,
                format!("{}={g}; the token names no site (blank chid).", param.name),
            ),
            (Some(g), _) => self.item(
                "site",
                "Site",
                Outcome::Pass,
                format!("{}={g}.", param.name),
            ),
        }
    }

    fn customer(&mut self, s: &Sfcc) {
        let id = self
            .op
            .params
            .iter()
            .find(|(k, _)| k == "customerId")
            .map(|(_, v)| v.clone());
        if matches!(self.e.operation_id, "transferBasket" | "mergeBasket") && s.guest == Some(true)
        {
            self.item(
                "customer",
                "Customer",
                Outcome::Fail,
                "A guest token has no previous customer to transfer or merge from.",
            );
            self.fail(
                "a guest token cannot transfer or merge a basket".into(),
                Finding::new(
                    Severity::Error,
                    "guest-cannot-merge",
                    "Guest token on a basket transfer/merge",
                    "transferBasket and mergeBasket need a registered shopper's token.",
                )
                .with_error(&errors::GUEST_NO_PREVIOUS_CUSTOMER),
            );
            return;
        }
        let Some(id) = id else { return };
        if s.audience != Audience::Shopper {
            return;
        }
        match s.customer_id.as_deref() {
            Some(mine) if mine == id => self.item(
                "customer",
                "Customer",
                Outcome::Pass,
                format!("The customerId {id} is the token's customer."),
            ),
            Some(mine) => {
                self.item(
                    "customer",
                    "Customer",
                    Outcome::Fail,
                    format!("The URL's customerId is {id}; the token's customer is {mine}."),
                );
                self.fail(
                    format!("the URL's customer {id} is not the token's customer {mine}"),
                    Finding::new(
                        Severity::Error,
                        "customer-mismatch",
                        "Another customer's URL",
                        format!("The path has customerId {id}, but the token belongs to {mine}."),
                    )
                    .with_error(&errors::INVALID_CUSTOMER),
                );
            }
            None => self.item(
                "customer",
                "Customer",
                Outcome::Warn,
                "The token names no customer id.",
            ),
        }
    }
}

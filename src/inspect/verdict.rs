//! One verdict from the three pieces of evidence: the token, the failing request and the API's
//! answer. The answer is recognised as a documented error (`data/sfcc/errors.json`); each of
//! the checks its entry names (`token_checks`) is then judged against the token and the request
//! check, at the time of the call (the answer's `Date`, when given): *confirmed*, *ruled out* or
//! *cannot tell*. The first confirmed cause is the verdict; when the answer and the token
//! disagree, that is said too (ERRORS.md §3, §5).

use super::answer::{Answer, Recognition, Shape};
use super::catalog::Audience;
use super::credential::Credential;
use super::documented::{ErrorEntry, Family, TokenCheck};
use super::findings::{Finding, Severity};
use super::request::{CheckItem, Matched, Outcome, RequestCheck};
use super::signature::{describe, Signature};
use super::time::{self, Moment, TimeStatus};

/// How a cause fares against the evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// The evidence shows it.
    Confirmed,
    /// The evidence excludes it.
    RuledOut,
    /// The evidence cannot tell.
    CannotTell,
}

impl Judgement {
    /// Lower-case id, also the CSS class.
    pub fn id(self) -> &'static str {
        match self {
            Judgement::Confirmed => "confirmed",
            Judgement::RuledOut => "ruled-out",
            Judgement::CannotTell => "cannot-tell",
        }
    }

    /// How the page says it.
    pub fn word(self) -> &'static str {
        match self {
            Judgement::Confirmed => "confirmed",
            Judgement::RuledOut => "ruled out",
            Judgement::CannotTell => "cannot tell",
        }
    }
}

/// One cause of the documented answer, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cause {
    /// The check that judged it.
    pub check: TokenCheck,
    /// How it fares.
    pub judgement: Judgement,
    /// Why: "the token had expired 2 min before the call".
    pub text: String,
}

/// The verdict on the failing call.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The one line: "403: the token has sfcc.shopper-baskets-orders (read); updateBasket needs
    /// sfcc.shopper-baskets-orders.rw".
    pub headline: String,
    /// A cause was found (or the answer itself settles it).
    pub settled: bool,
    /// The call succeeded.
    pub succeeded: bool,
    /// The causes of the recognised answer, confirmed first, then cannot tell, then ruled out.
    pub causes: Vec<Cause>,
    /// Where the answer and the token (or the request check) disagree.
    pub findings: Vec<Finding>,
    /// The time the token was judged at.
    pub at: Moment,
}

/// The evidence the verdict weighs.
pub struct Weighed<'a> {
    /// The selected credential.
    pub token: Option<&'a Credential>,
    /// The request check, judged at [`Weighed::at`].
    pub request: Option<&'a RequestCheck>,
    /// The answer.
    pub answer: &'a Answer,
    /// What the answer was recognised as.
    pub recognition: Recognition,
    /// The time of the call, or now.
    pub at: Moment,
    /// The signature checked against the pasted keys.
    pub signature: Option<&'a Signature>,
}

/// The verdict on the call.
pub fn verdict(w: &Weighed) -> Verdict {
    let entry = w.recognition.entry;
    let status = w.answer.status.or(entry.and_then(|e| e.status));
    let mut causes: Vec<Cause> = entry
        .map(|e| e.checks.iter().filter_map(|c| judge(*c, w)).collect())
        .unwrap_or_default();
    rank(&mut causes);
    let mut findings = Vec::new();
    let code = match (w.answer.status, status) {
        (Some(s), _) => s.to_string(),
        (None, Some(s)) => format!("{s} (the documented status; the answer gave none)"),
        (None, None) => "The answer".to_string(),
    };
    let (headline, settled) = match (status, entry) {
        (Some(s), _) if s < 400 => {
            findings.extend(succeeded_anyway(w, s));
            (
                format!("The call succeeded ({s}{}).", reason(w.answer)),
                true,
            )
        }
        (_, None) => (undocumented(w, &code), false),
        (_, Some(e)) => explained(w, e, &code, &causes, &mut findings),
    };
    Verdict {
        headline,
        settled,
        succeeded: status.is_some_and(|s| s < 400),
        causes,
        findings,
        at: w.at,
    }
}

fn reason(answer: &Answer) -> String {
    answer
        .reason
        .as_deref()
        .map(|r| format!(" {r}"))
        .unwrap_or_default()
}

/// Confirmed causes first, then those we cannot tell, then the ruled out; stable.
fn rank(causes: &mut Vec<Cause>) {
    let order = |j: Judgement| match j {
        Judgement::Confirmed => 0,
        Judgement::CannotTell => 1,
        Judgement::RuledOut => 2,
    };
    let mut ranked = Vec::with_capacity(causes.len());
    for k in 0..3 {
        ranked.extend(causes.iter().filter(|c| order(c.judgement) == k).cloned());
    }
    *causes = ranked;
}

/// The headline for a recognised answer.
fn explained(
    w: &Weighed,
    e: &ErrorEntry,
    code: &str,
    causes: &[Cause],
    findings: &mut Vec<Finding>,
) -> (String, bool) {
    let confirmed: Vec<&Cause> = causes
        .iter()
        .filter(|c| c.judgement == Judgement::Confirmed)
        .collect();
    if let Some(said) = settled_by_answer(w, e) {
        let auth = matches!(e.status, Some(401 | 403));
        let failing = w
            .request
            .and_then(|r| r.items.iter().find(|i| i.outcome == Outcome::Fail))
            .map(|i| sentence(&i.text));
        let also = confirmed
            .first()
            .map(|c| c.text.clone())
            .or(failing)
            .filter(|_| auth)
            .map(|c| format!(" (besides, {c})"))
            .unwrap_or_default();
        let lead = if confirmed.is_empty() && auth {
            passes(w)
        } else {
            String::new()
        };
        return (format!("{code}{lead}: {said}{also}."), true);
    }
    if let Some(first) = confirmed.first() {
        findings.extend(token_accepted_anyway(w, e, first));
        return (format!("{code}: {}.", first.text), true);
    }
    if e.checks.is_empty() {
        let title = e.title.trim_end_matches('.');
        return (format!("{code} {title}: {}", e.meaning), true);
    }
    findings.extend(disagreement(w, e, causes));
    let open: Vec<&str> = causes
        .iter()
        .filter(|c| c.judgement == Judgement::CannotTell)
        .map(|c| c.check.id())
        .collect();
    let lead = passes(w);
    let text = if w.token.is_none() {
        format!(
            "{code} {}: {} Paste the token (and the request) to tell which cause.",
            e.title.trim_end_matches('.'),
            e.meaning
        )
    } else if open.is_empty() {
        format!("{code}{lead}: none of the causes the token can show holds; what remains is server-side (a revoked token or a rotated signing key), which nothing in the token shows.")
    } else {
        format!(
            "{code}{lead}: what remains cannot be told from the token ({}).",
            open.join(", ")
        )
    };
    (text, false)
}

/// " although the token was valid at the call and has the scopes", as far as the checks show.
fn passes(w: &Weighed) -> String {
    let Some(token) = w.token else {
        return String::new();
    };
    let mut ok = Vec::new();
    if token.time_status(w.at.at) == Some(TimeStatus::Valid) {
        let tense = if w.at.of_call { "was" } else { "is" };
        ok.push(format!("{tense} valid {}", w.at.when()));
    }
    let passed = |id: &str| {
        w.request
            .and_then(|r| item(r, id))
            .is_some_and(|i| i.outcome == Outcome::Pass)
    };
    if passed("token-kind") && passed("tenant") {
        ok.push("is the right kind for the right tenant".into());
    }
    if passed("scopes") {
        ok.push("has the scopes".into());
    }
    match ok.as_slice() {
        [] => String::new(),
        [one] => format!(" although the token {one}"),
        [rest @ .., last] => format!(" although the token {} and {last}", rest.join(", ")),
    }
}

/// What the answer itself settles, whatever the token shows.
fn settled_by_answer(w: &Weighed, e: &ErrorEntry) -> Option<String> {
    let retry = retry_after(w.answer);
    Some(match e.id {
        "scapi-unauthorized-credentials-changed" | "ocapi-invalid-access-token-credentials-changed" => {
            "the answer says the customer's credentials changed — the token was revoked; the shopper must log in again".into()
        }
        "custom-api-endpoint-not-registered" if w.answer.body.shape != Shape::Empty => {
            "on a custom API, with a body of its own: the API's code answered, so the endpoint is registered; its message says what was not found; not an auth problem".into()
        }
        "custom-api-endpoint-not-registered" => {
            "on a custom API: the endpoint is not registered for this site; not an auth problem".into()
        }
        "scapi-too-many-requests" | "am-rate-limited" | "edge-cloudflare-rate-limited-1015" => {
            format!("rate limited ({}){retry}; not an auth problem", e.title)
        }
        "scapi-load-shedding" => "the API is shedding load (sfdc_load_status); retry later, not an auth problem".into(),
        _ => return None,
    })
}

/// "; retry after 120 s", from the answer's `Retry-After`.
fn retry_after(answer: &Answer) -> String {
    answer
        .header("retry-after")
        .map(|s| format!("; retry after {} s", s.trim()))
        .unwrap_or_default()
}

/// The answer matches no documented SFCC error.
fn undocumented(w: &Weighed, code: &str) -> String {
    if w.answer.status == Some(429) {
        let retry = retry_after(w.answer);
        return format!("429: rate limited{retry}; not an auth problem (the body is not a documented SFCC answer).");
    }
    let family = match w.request.map(|r| &r.matched) {
        Some(Matched::Custom(_)) => " (from a custom API: its own script may answer this way)",
        _ => "",
    };
    format!(
        "{code}{}: not a documented SFCC error answer{family}.",
        reason(w.answer)
    )
}

/// The request check's line with this id.
fn item<'a>(r: &'a RequestCheck, id: &str) -> Option<&'a CheckItem> {
    r.items.iter().find(|i| i.id == id)
}

/// Judges one cause; `None` when it does not apply (a site check for an operation without a
/// site, a read-only cause when the scope is missing altogether).
fn judge(check: TokenCheck, w: &Weighed) -> Option<Cause> {
    let cause = |judgement, text: String| {
        Some(Cause {
            check,
            judgement,
            text,
        })
    };
    let Some(token) = w.token else {
        return cause(Judgement::CannotTell, "no token pasted".into());
    };
    match check {
        TokenCheck::Expired | TokenCheck::NotYetValid => timing(check, token, w.at),
        TokenCheck::Signature => signature(token, w.signature),
        TokenCheck::AmTenantScopeMissing => tenant_scope(token, w.request),
        TokenCheck::WrongTokenKind if token.sfcc().is_none() => cause(
            Judgement::Confirmed,
            format!(
                "this is {}, not an access token",
                lower_first(token.title())
            ),
        ),
        _ => from_request(check, w.request),
    }
}

/// Expiry and not-before, at the call (or now, said so, when the answer gives no `Date`).
fn timing(check: TokenCheck, token: &Credential, at: Moment) -> Option<Cause> {
    let times = token.times();
    let Some(status) = token.time_status(at.at) else {
        return Some(Cause {
            check,
            judgement: Judgement::CannotTell,
            text: "the token has no time claims".into(),
        });
    };
    let span = |t: i64| time::duration(t.abs_diff(at.at));
    let (judgement, text) = match (check, status, times.at("exp")) {
        (TokenCheck::Expired, TimeStatus::Expired, Some(exp)) if at.of_call => (
            Judgement::Confirmed,
            format!("the token had expired {} before the call", span(exp)),
        ),
        (TokenCheck::Expired, TimeStatus::Expired, Some(exp)) => (
            Judgement::Confirmed,
            format!(
                "the token expired {} ago (judged now: the answer gives no Date)",
                span(exp)
            ),
        ),
        (TokenCheck::Expired, _, Some(exp)) if at.of_call => (
            Judgement::RuledOut,
            format!(
                "the token had not expired at the call: it expired {} later",
                span(exp)
            ),
        ),
        (TokenCheck::Expired, _, Some(exp)) => (
            Judgement::RuledOut,
            format!("the token has not expired: it expires in {}", span(exp)),
        ),
        (TokenCheck::Expired, _, None) => (Judgement::CannotTell, "the token has no exp".into()),
        (_, TimeStatus::NotYetValid, _) => (
            Judgement::Confirmed,
            format!(
                "the token was not valid yet {} (its nbf lies after it)",
                at.when()
            ),
        ),
        _ if times.at("nbf").is_none() => (
            Judgement::RuledOut,
            "it has no nbf: it is valid from when it was issued".into(),
        ),
        _ if at.of_call => (Judgement::RuledOut, "its nbf had passed at the call".into()),
        _ => (Judgement::RuledOut, "its nbf has passed".into()),
    };
    Some(Cause {
        check,
        judgement,
        text,
    })
}

/// The signature: what the pasted keys showed, else what the token itself shows (a hand-made
/// or unsigned token).
fn signature(token: &Credential, checked: Option<&Signature>) -> Option<Cause> {
    let cause = |judgement, text: String| {
        Some(Cause {
            check: TokenCheck::Signature,
            judgement,
            text,
        })
    };
    match checked {
        Some(Signature::Verified { key, alg }) => {
            return cause(
                Judgement::RuledOut,
                format!("the signature verifies ({alg}) with {}", describe(key)),
            )
        }
        Some(Signature::Failed(why)) => {
            return cause(
                Judgement::Confirmed,
                format!("the signature does not verify: {why}"),
            )
        }
        Some(Signature::NoKey(why)) => {
            return cause(Judgement::CannotTell, format!("not verified: {why}"))
        }
        Some(Signature::BrowserCannot(why)) => {
            return cause(Judgement::CannotTell, format!("not checked: {why}"))
        }
        Some(Signature::Pending(_)) => {
            return cause(
                Judgement::CannotTell,
                "the signature is being verified".into(),
            )
        }
        _ => {}
    }
    let shown = token
        .findings
        .iter()
        .find(|f| matches!(f.id, "test-token" | "alg-none" | "missing-signature"));
    match (shown, checked) {
        (Some(f), _) => cause(Judgement::Confirmed, lower_first(&f.title)),
        (None, Some(Signature::Unverifiable(why))) => {
            cause(Judgement::CannotTell, format!("cannot be verified here: {why}"))
        }
        _ => cause(
            Judgement::CannotTell,
            "the signature was not verified: paste the tenant's signing keys (its JWKS) to check it".into(),
        ),
    }
}

/// An Account Manager token on an Admin API needs `SALESFORCE_COMMERCE_API:<tenant>`.
fn tenant_scope(token: &Credential, request: Option<&RequestCheck>) -> Option<Cause> {
    let s = token.sfcc()?;
    if s.audience != Audience::Admin {
        return None;
    }
    let has = s
        .scopes
        .iter()
        .any(|g| g.name.starts_with("SALESFORCE_COMMERCE_API:"));
    let needed = request.and_then(|r| {
        r.expected
            .items
            .iter()
            .find(|x| x.scope.starts_with("SALESFORCE_COMMERCE_API:"))
    });
    let granted = |scope: &str| s.scopes.iter().any(|g| g.name.eq_ignore_ascii_case(scope));
    let (judgement, text) = match needed {
        Some(x) if granted(&x.scope) => (Judgement::RuledOut, format!("the token has {}", x.scope)),
        Some(x) => (Judgement::Confirmed, format!("the token lacks {}", x.scope)),
        None if !has => (
            Judgement::Confirmed,
            "the token has no SALESFORCE_COMMERCE_API:<tenant> scope".into(),
        ),
        None => (
            Judgement::CannotTell,
            "paste the request to check the tenant scope against its URL".into(),
        ),
    };
    Some(Cause {
        check: TokenCheck::AmTenantScopeMissing,
        judgement,
        text,
    })
}

/// A cause the request check decides (kind, tenant, scopes, site, customer).
fn from_request(check: TokenCheck, request: Option<&RequestCheck>) -> Option<Cause> {
    let Some(r) = request else {
        return Some(Cause {
            check,
            judgement: Judgement::CannotTell,
            text: "paste the failing request to check it".into(),
        });
    };
    let line = r.items.iter().find(|i| {
        i.check == Some(check)
            || (check == TokenCheck::ScopeReadOnly && i.id == "scopes")
            || (check == TokenCheck::ScopeMissing && i.id == "scopes")
    })?;
    let judgement = match line.outcome {
        Outcome::Fail if line.check == Some(check) => Judgement::Confirmed,
        // The scope is missing altogether (or only read-only): the other scope cause is the
        // same line.
        Outcome::Fail => return None,
        Outcome::Pass if check == TokenCheck::ScopeReadOnly => return None,
        Outcome::Pass => Judgement::RuledOut,
        Outcome::Warn => Judgement::CannotTell,
        Outcome::Skip => return None,
    };
    Some(Cause {
        check,
        judgement,
        text: sentence(&line.text),
    })
}

/// A check line as a clause: first letter lower-cased, final full stop dropped.
fn sentence(text: &str) -> String {
    lower_first(text.trim_end_matches('.'))
}

/// `text` with its first letter in lower case, unless it starts a name in capitals
/// (`SALESFORCE_COMMERCE_API`, `TSOB`). ASCII only: the Unicode case tables cost the wasm bytes.
fn lower_first(text: &str) -> String {
    let capitals = text
        .split(' ')
        .next()
        .is_some_and(|w| w.len() > 1 && w.bytes().all(|b| b.is_ascii_uppercase() || b == b'_'));
    let mut out = text.to_string();
    if !capitals {
        if let Some(first) = out.get_mut(..1) {
            first.make_ascii_lowercase();
        }
    }
    out
}

/// An answer of a scope or token family that the token's checks contradict: a 403 for a
/// scope the token has, a 401 for a token that passes everything.
fn disagreement(w: &Weighed, e: &ErrorEntry, causes: &[Cause]) -> Option<Finding> {
    w.token?;
    let ruled = |c: TokenCheck| {
        causes
            .iter()
            .any(|x| x.check == c && x.judgement == Judgement::RuledOut)
    };
    let all_ruled_out = causes.iter().all(|c| c.judgement != Judgement::Confirmed)
        && causes
            .iter()
            .filter(|c| c.judgement == Judgement::RuledOut)
            .count()
            >= 3;
    if e.status == Some(401) && all_ruled_out {
        return Some(Finding::new(
            Severity::Warning,
            "answer-disagrees",
            "The answer and the token disagree: 401 for a token that passes every check",
            "Nothing in the token explains the 401: it was revoked (a logout or a password change), signed with a key that has since rotated, or altered. Verify its signature with the tenant's keys, or have the shopper log in again.",
        ));
    }
    if e.checks.contains(&TokenCheck::ScopeMissing)
        && ruled(TokenCheck::ScopeMissing)
        && e.status == Some(403)
    {
        return Some(Finding::new(
            Severity::Warning,
            "answer-disagrees",
            "The answer and the token disagree: 403 for a scope the token has",
            "The token has a scope this operation accepts, yet the API answered 403. Check the SLAS client's (or API client's) scopes on the server, a TSOB/TAOB subtype the operation needs, or whether this answer belongs to another call.",
        ));
    }
    None
}

/// The call succeeded although the request check says it cannot: say so.
fn succeeded_anyway(w: &Weighed, status: u16) -> Option<Finding> {
    let r = w.request?;
    (w.token.is_some() && !r.ok && r.items.iter().any(|i| i.outcome == Outcome::Fail)).then(|| {
        Finding::new(
            Severity::Warning,
            "answer-disagrees",
            format!("The answer ({status}) and the request check disagree"),
            format!("The API answered {status}, but the check says: {} Is this the answer to this call, made with this token?", r.verdict),
        )
    })
}

/// A business answer (the token was accepted) for a token the checks find failing.
fn token_accepted_anyway(w: &Weighed, e: &ErrorEntry, first: &Cause) -> Option<Finding> {
    let auth = matches!(e.status, Some(401 | 403)) || e.family == Family::Edge;
    (!auth && w.token.is_some()).then(|| {
        Finding::new(
            Severity::Warning,
            "answer-disagrees",
            "The answer and the token disagree",
            format!("The API answered {} ({}), so it accepted the token, yet {}: is this the token that was sent?", e.title, e.id, first.text),
        )
    })
}

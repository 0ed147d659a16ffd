//! The check of a custom API call (`/custom/{apiName}/{version}/organizations/{organizationId}/…`).
//! No published spec lists custom APIs: their schema names one `c_…` scope, which the client must
//! grant (the SLAS client's scopes for a ShopperToken API, the API client's for AmOAuth2); a 401
//! usually means that scope is missing, a 404 that the endpoint is not registered for the site.

use super::checks::{fold, tenant, validity, with_article, Line};
use super::matching::{CustomApi, Matched};
use super::parse::ParsedRequest;
use super::{Outcome, RequestCheck};
use crate::inspect::catalog::Audience;
use crate::inspect::checklist::Expectations;
use crate::inspect::credential::Credential;
use crate::inspect::findings::{Finding, Severity};
use crate::inspect::sfcc::Sfcc;
use crate::inspect::time::Moment;

/// Checks `token` against a custom API call.
pub(super) fn check(
    request: ParsedRequest,
    api: CustomApi,
    token: Option<&Credential>,
    now: Moment,
) -> RequestCheck {
    let method = request.method.as_deref().unwrap_or("GET").to_string();
    let what = format!("the custom API {} {}", api.name, api.version);
    let mut lines = vec![Line::new(
        "operation",
        "Operation",
        Outcome::Pass,
        format!(
            "{method} {}: {what} (not in the published specs; its scope is one of the client's c_ scopes)",
            api.endpoint
        ),
    )];
    match token {
        None => lines.push(Line::new(
            "token-kind",
            "Token",
            Outcome::Skip,
            "Paste a token to check it against this call.",
        )),
        Some(t) => match t.sfcc() {
            None => lines.push(
                Line::new(
                    "token-kind",
                    "Token",
                    Outcome::Fail,
                    format!(
                        "This is {}: it cannot be sent as a bearer token.",
                        with_article(t.title())
                    ),
                )
                .failing("it is not a token with claims".into()),
            ),
            Some(s) => lines.extend([
                validity(t, now),
                kind(s),
                tenant(Some(("organizationId", &api.organization)), s),
                scope(&api, s),
                site(&request, s),
            ]),
        },
    }
    let (items, findings, failure) = fold(lines);
    let verdict = match (token, failure) {
        (None, _) => format!("{method} {what}: paste a token to check whether it can make this call."),
        (Some(_), Some(why)) => format!("This token cannot call {what}: {why}."),
        (Some(_), None) => format!(
            "This token passes every check for {what}; whether its c_ scope is the one the API's schema names cannot be told from here."
        ),
    };
    RequestCheck {
        ok: failure_free(&items) && token.is_some(),
        request,
        matched: Matched::Custom(api),
        verdict,
        items,
        findings,
        expected: Expectations::default(),
    }
}

fn failure_free(items: &[super::CheckItem]) -> bool {
    items.iter().all(|i| i.outcome != Outcome::Fail)
}

/// A custom API takes a SLAS shopper token (ShopperToken) or an Account Manager token
/// (AmOAuth2), as its schema says.
fn kind(s: &Sfcc) -> Line {
    let kind = with_article(s.kind.title());
    match s.audience {
        Audience::Shopper => Line::new(
            "token-kind",
            "Token kind",
            Outcome::Pass,
            format!("This is {kind}: right for a custom API secured with ShopperToken."),
        ),
        Audience::Admin => Line::new(
            "token-kind",
            "Token kind",
            Outcome::Pass,
            format!("This is {kind}: right for a custom API secured with AmOAuth2."),
        ),
        Audience::Other => Line::new(
            "token-kind",
            "Token kind",
            Outcome::Fail,
            format!("A custom API takes a SLAS shopper token or an Account Manager token; this is {kind}."),
        )
        .failing(format!("it is {kind}, but a custom API needs a SLAS or Account Manager token")),
    }
}

/// The token has a `c_…` scope; which one the API's schema names cannot be told from here.
fn scope(api: &CustomApi, s: &Sfcc) -> Line {
    let custom: Vec<&str> = s
        .scopes
        .iter()
        .map(|g| g.name.as_str())
        .filter(|n| n.starts_with("c_"))
        .collect();
    if custom.is_empty() {
        return Line::new(
            "scopes",
            "Scopes",
            Outcome::Fail,
            "The token has no c_ scope: a custom API needs the c_ scope its schema names, granted to the client.",
        )
        .failing("it has no c_ scope".into())
        .with(Finding::new(
            Severity::Error,
            "custom-scope-missing",
            format!("No c_ scope for the custom API {}", api.name),
            "A custom API's schema names exactly one c_ scope; add it to the client (SLAS client scopes, or the Account Manager API client) and get a new token. Without it the API answers 401.",
        ));
    }
    Line::new(
        "scopes",
        "Scopes",
        Outcome::Warn,
        format!(
            "The token has {}: the API's schema must name one of them.",
            custom.join(", ")
        ),
    )
}

/// A ShopperToken custom API takes `siteId`, which must be the SLAS token's site.
fn site(request: &ParsedRequest, s: &Sfcc) -> Line {
    let given = request
        .query
        .iter()
        .find(|(k, _)| k == "siteId")
        .map(|(_, v)| v.as_str());
    match (s.audience, given, s.site.as_deref()) {
        (Audience::Shopper, None, _) => Line::new(
            "site",
            "Site",
            Outcome::Fail,
            "A custom API secured with ShopperToken needs ?siteId=<site id>.",
        )
        .failing("the siteId parameter is missing".into()),
        (Audience::Shopper, Some(g), Some(m)) if g != m => Line::new(
            "site",
            "Site",
            Outcome::Fail,
            format!("siteId={g}, but the token is for site {m}."),
        )
        .failing(format!(
            "it is for site {m} but the call asks for siteId={g}"
        )),
        (_, Some(g), _) => Line::new("site", "Site", Outcome::Pass, format!("siteId={g}.")),
        (_, None, _) => Line::new(
            "site",
            "Site",
            Outcome::Skip,
            "No siteId (an organization-level call).",
        ),
    }
}

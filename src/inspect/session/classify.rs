//! Which entries are SFCC calls, and what kind the others are: read from the URL, the resource
//! type and the cookie names alone, so that thousands of other entries cost almost nothing.

use super::Category;
use crate::inspect::har::Entry;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An SFCC call: its category, and whether it went through the PWA Kit proxy.
    Sfcc(Category, bool),
    /// Anything else, by kind (`static`, `analytics` …).
    Other(&'static str),
}

/// The kinds of other entries, in the order [`super::Others::by_kind`] lists them.
pub(crate) const OTHER_KINDS: &[&str] = &[
    "static",
    "analytics",
    "image-service",
    "einstein",
    "slas-redirect-target",
    "storefront-app",
    "other",
];

/// The PWA Kit proxy prefixes in front of a SCAPI path.
pub(crate) const PROXIES: &[&str] = &["/mobify/proxy/api", "/mobify/slas/private"];

const SCAPI_HOST: &str = ".api.commercecloud.salesforce.com";
const ANALYTICS_HOSTS: &[&str] = &[
    "google-analytics.com",
    "googletagmanager.com",
    "doubleclick.net",
    "analytics.google.com",
    "facebook.com",
    "hotjar.com",
    "segment.io",
    "clarity.ms",
];
const STATIC_EXTENSIONS: &[&str] = &[
    ".js",
    ".mjs",
    ".css",
    ".map",
    ".woff",
    ".woff2",
    ".ttf",
    ".otf",
    ".eot",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".svg",
    ".webp",
    ".avif",
    ".ico",
    ".webmanifest",
];

/// The host (lower case) and the path (without query or fragment) of a URL.
pub(crate) fn host_path(url: &str) -> (String, &str) {
    let after = url.split_once("://").map_or(url, |(_, a)| a);
    let (host, rest) = match after.find('/') {
        Some(i) => (&after[..i], &after[i..]),
        None => (after, "/"),
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("/");
    let host = host.rsplit('@').next().unwrap_or(host);
    (host.to_ascii_lowercase(), rest)
}

/// The SCAPI path of a proxied request (after `/mobify/proxy/api` or `/mobify/slas/private`).
pub(crate) fn unproxied(path: &str) -> Option<&str> {
    PROXIES
        .iter()
        .find_map(|p| path.find(p).map(|at| &path[at + p.len()..]))
}

/// A cookie name SFCC sets for a credential or a session (`cc-at`, `cc-at_2`, `cc-nx-g_RefArch`,
/// `dwsid`, `usid_RefArch` …).
pub(crate) fn is_sfcc_cookie(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.starts_with("cc-at")
        || n.starts_with("cc-nx")
        || n == "dwsid"
        || n.starts_with("dwanonymous_")
        || n.starts_with("dwsecuretoken_")
        || n == "usid"
        || n.starts_with("usid_")
}

/// The entry's request or response carries SFCC cookies.
fn carries_sfcc_cookies(e: &Entry) -> bool {
    e.request_cookies.iter().any(|c| is_sfcc_cookie(&c.name))
        || e.response_cookies.iter().any(|c| is_sfcc_cookie(&c.name))
        || header_cookies(e.request_header("cookie").unwrap_or(""))
        || e.response_headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case("set-cookie"))
            .any(|h| {
                h.value
                    .lines()
                    .any(|l| is_sfcc_cookie(l.split('=').next().unwrap_or("").trim()))
            })
}

fn header_cookies(value: &str) -> bool {
    value
        .split(';')
        .any(|p| is_sfcc_cookie(p.split('=').next().unwrap_or("").trim()))
}

/// What the entry is.
pub(crate) fn classify(e: &Entry) -> Kind {
    let (host, path) = host_path(&e.url);
    if let Some(kind) = api(&host, path) {
        return kind;
    }
    if let Some(other) = noise(e, &host, path) {
        return Kind::Other(other);
    }
    if path.contains("/on/demandware.store/") && carries_sfcc_cookies(e) {
        return Kind::Sfcc(Category::StorefrontController, false);
    }
    if is_page(e) {
        return if carries_sfcc_cookies(e) {
            Kind::Sfcc(Category::StorefrontPage, false)
        } else {
            Kind::Other("storefront-app")
        };
    }
    if carries_sfcc_cookies(e)
        && e.resource_type
            .as_deref()
            .is_some_and(|t| t == "fetch" || t == "xhr")
    {
        return Kind::Sfcc(Category::StorefrontApp, false);
    }
    Kind::Other("other")
}

/// The SFCC APIs, by host and path.
fn api(host: &str, path: &str) -> Option<Kind> {
    if host == "account.demandware.com" && path.contains("/oauth2/") {
        return Some(Kind::Sfcc(Category::AccountManager, false));
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains("/dw/shop/") {
        return Some(Kind::Sfcc(Category::OcapiShop, false));
    }
    if lower.contains("/dw/data/") {
        return Some(Kind::Sfcc(Category::OcapiData, false));
    }
    let (scapi, proxied) = match unproxied(path) {
        Some(rest) => (rest, true),
        None if host.ends_with(SCAPI_HOST) => (path, false),
        None => return None,
    };
    Some(Kind::Sfcc(scapi_category(scapi), proxied))
}

/// SLAS, custom, shopper or admin, by the SCAPI path's first segments.
fn scapi_category(path: &str) -> Category {
    let mut seg = path.split('/').filter(|s| !s.is_empty());
    match (seg.next(), seg.next()) {
        (Some("shopper"), Some(s)) if s.starts_with("auth") => Category::Slas,
        (Some("custom"), _) => Category::ScapiCustom,
        (_, Some(api)) if api.starts_with("shopper-") => Category::ScapiShopper,
        _ => Category::ScapiAdmin,
    }
}

/// The kinds of entries that are never SFCC calls, whatever cookies they carry.
fn noise(e: &Entry, host: &str, path: &str) -> Option<&'static str> {
    if ANALYTICS_HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    {
        return Some("analytics");
    }
    if host.ends_with("cquotient.com") {
        return Some("einstein");
    }
    if path.contains("/dw/image/") {
        return Some("image-service");
    }
    let lower = path.to_ascii_lowercase();
    if path.contains("/on/demandware.static/")
        || path.contains("/mobify/bundle/")
        || STATIC_EXTENSIONS.iter().any(|x| lower.ends_with(x))
        || lower.ends_with("/manifest.json")
        || matches!(
            e.resource_type.as_deref(),
            Some("script" | "stylesheet" | "font" | "image" | "media" | "manifest")
        )
    {
        return Some("static");
    }
    let query = e.url.split_once('?').map_or("", |(_, q)| q);
    if lower.ends_with("/callback")
        || query.split('&').any(|p| p.starts_with("code=")) && query.contains("usid=")
    {
        return Some("slas-redirect-target");
    }
    None
}

/// A page load: a document, or an HTML answer to a GET.
fn is_page(e: &Entry) -> bool {
    if let Some(t) = e.resource_type.as_deref() {
        return t == "document";
    }
    e.method.eq_ignore_ascii_case("GET")
        && e.response_mime
            .as_deref()
            .is_some_and(|m| m.to_ascii_lowercase().starts_with("text/html"))
}

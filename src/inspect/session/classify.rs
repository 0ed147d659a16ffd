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
pub(crate) fn host_path(url: &str) -> (std::borrow::Cow<'_, str>, &str) {
    let after = url.split_once("://").map_or(url, |(_, a)| a);
    let (host, rest) = match after.find('/') {
        Some(i) => (&after[..i], &after[i..]),
        None => (after, "/"),
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("/");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = if host.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(host.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(host)
    };
    (host, rest)
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
    let n = name.trim();
    ["cc-at", "cc-nx", "dwanonymous_", "dwsecuretoken_", "usid_"]
        .iter()
        .any(|p| starts_with_ci(n, p))
        || n.eq_ignore_ascii_case("dwsid")
        || n.eq_ignore_ascii_case("usid")
}

/// `text` starts with `prefix` (ASCII, any case), without allocating.
pub(crate) fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// `text` ends with `suffix` (ASCII, any case), without allocating.
fn ends_with_ci(text: &str, suffix: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= suffix.len() && b[b.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// `host` is `domain` or one of its subdomains.
fn in_domain(host: &str, domain: &str) -> bool {
    host.strip_suffix(domain)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
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

/// What the entry is. The cheap tests (host, extension, resource type) come first: most
/// entries of a big capture are static files and beacons.
pub(crate) fn classify(e: &Entry) -> Kind {
    let (host, path) = host_path(&e.url);
    if let Some(other) = by_host_or_type(e, &host, path) {
        return Kind::Other(other);
    }
    if let Some(kind) = api(&host, path) {
        return kind;
    }
    if let Some(other) = noise(e, path) {
        return Kind::Other(other);
    }
    let bearer = e.request_header("authorization").is_some();
    if path.contains("/on/demandware.store/") && (bearer || carries_sfcc_cookies(e)) {
        return Kind::Sfcc(Category::StorefrontController, false);
    }
    if is_page(e) {
        return if carries_sfcc_cookies(e) {
            Kind::Sfcc(Category::StorefrontPage, false)
        } else {
            Kind::Other("storefront-app")
        };
    }
    let fetch = e
        .resource_type
        .as_deref()
        .is_some_and(|t| t == "fetch" || t == "xhr");
    if fetch && carries_sfcc_cookies(e) {
        return Kind::Sfcc(Category::StorefrontApp, false);
    }
    Kind::Other("other")
}

/// Analytics and Einstein hosts, and files (by extension or resource type): never API calls.
fn by_host_or_type(e: &Entry, host: &str, path: &str) -> Option<&'static str> {
    if ANALYTICS_HOSTS.iter().any(|h| in_domain(host, h)) {
        return Some("analytics");
    }
    if in_domain(host, "cquotient.com") {
        return Some("einstein");
    }
    let file = STATIC_EXTENSIONS.iter().any(|x| ends_with_ci(path, x))
        || ends_with_ci(path, "/manifest.json")
        || matches!(
            e.resource_type.as_deref(),
            Some("script" | "stylesheet" | "font" | "image" | "media" | "manifest")
        );
    if !file {
        return None;
    }
    Some(if path.contains("/dw/image/") {
        "image-service"
    } else {
        "static"
    })
}

/// The SFCC APIs, by host and path.
fn api(host: &str, path: &str) -> Option<Kind> {
    if host == "account.demandware.com" && path.contains("/oauth2/") {
        return Some(Kind::Sfcc(Category::AccountManager, false));
    }
    if path.contains("/dw/shop/") {
        return Some(Kind::Sfcc(Category::OcapiShop, false));
    }
    if path.contains("/dw/data/") {
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

/// The other kinds of entries that are never SFCC calls, whatever cookies they carry.
fn noise(e: &Entry, path: &str) -> Option<&'static str> {
    if path.contains("/dw/image/") {
        return Some("image-service");
    }
    if path.contains("/on/demandware.static/") || path.contains("/mobify/bundle/") {
        return Some("static");
    }
    let query = e.url.split_once('?').map_or("", |(_, q)| q);
    let code = query.split('&').any(|p| p.starts_with("code=")) && query.contains("usid=");
    if ends_with_ci(path, "/callback") || code {
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

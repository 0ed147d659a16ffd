//! Components in a real browser (headless Chromium, via `wasm-pack test --headless --chrome`):
//! the input, the live countdown and the URL fragment.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use base64::Engine as _;
use sfcc_token_inspector::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn b64(json: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
}

fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// A signed-looking SLAS-shaped token expiring `exp_in` seconds from now.
fn token(exp_in: i64) -> String {
    let iat = now() - 60;
    format!(
        "{}.{}.c2lnbmF0dXJl",
        b64(r#"{"alg":"ES256","typ":"jwt"}"#),
        b64(&format!(
            r#"{{"sub":"cc-slas::abcd_001::scid:c1::usid:u1","iat":{iat},"nbf":{},"exp":{}}}"#,
            iat - 30,
            now() + exp_in
        ))
    )
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The app mounted in its own element; unmounted and removed when dropped, so that tests do
/// not see each other's apps (or their fragment listeners).
struct Mounted {
    root: Element,
    handle: Option<yew::AppHandle<App>>,
}

impl std::ops::Deref for Mounted {
    type Target = Element;
    fn deref(&self) -> &Element {
        &self.root
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Mounts the whole app in a fresh element.
async fn mount() -> Mounted {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    Mounted {
        root,
        handle: Some(handle),
    }
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(60)).await;
}

/// Waits (up to 3 s, on a loaded machine) until `selector` is in the page.
async fn until(root: &Element, selector: &str) {
    for _ in 0..75 {
        if find(root, selector).is_some() {
            return;
        }
        settle().await;
    }
}

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).unwrap()
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

async fn type_into(root: &Element, value: &str) {
    let area: HtmlTextAreaElement = find(root, "[data-testid=token-input]")
        .unwrap()
        .dyn_into()
        .unwrap();
    area.set_value(value);
    let event = web_sys::InputEvent::new("input").unwrap();
    area.dispatch_event(&event).unwrap();
    settle().await;
    // The cards after the report's first screen come at the first idle moment after it.
    for _ in 0..75 {
        if find(root, "[data-testid=result]:not([data-complete])").is_none() {
            break;
        }
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn pasting_a_bearer_line_shows_the_decoded_token_and_what_was_stripped() {
    let root = mount().await;
    assert!(
        find(&root, "[data-testid=empty]").is_some(),
        "empty state first"
    );
    type_into(&root, &format!("Authorization: Bearer {}", token(600))).await;
    assert_eq!(
        text(&root, "[data-testid=kind]"),
        "JSON Web Token (signed, JWS)"
    );
    assert!(text(&root, "[data-testid=stripped]").contains("removed the “Bearer” scheme"));
    assert!(text(&root, "[data-testid=payload-json]").contains("\"sub\": \"cc-slas::abcd_001"));
    assert!(find(&root, "tr[data-claim=sub]").is_some());
    assert_eq!(text(&root, "[data-testid=status]"), "Valid now");
}

#[wasm_bindgen_test]
async fn bad_input_gets_a_specific_message_not_a_blank_page() {
    let root = mount().await;
    type_into(&root, "eyJhbGciOiJFUzI1NiJ9.eyJzdWIi*!*.sig").await;
    assert_eq!(text(&root, "[data-testid=kind]"), "Malformed token");
    let findings = text(&root, "[data-testid=findings]");
    assert!(
        findings
            .contains("segment 2 (payload) is not valid base64url: unexpected '*' at position 9"),
        "{findings}"
    );
    assert!(
        find(&root, "[data-testid=header-panel] tr[data-claim=alg]").is_some(),
        "the header still shows"
    );
}

#[wasm_bindgen_test]
async fn clear_empties_the_input_and_the_report() {
    let root = mount().await;
    type_into(&root, &token(600)).await;
    assert!(find(&root, "[data-testid=result]").is_some());
    let clear: HtmlElement = find(&root, "[data-testid=clear]")
        .unwrap()
        .dyn_into()
        .unwrap();
    clear.click();
    settle().await;
    let area: HtmlTextAreaElement = find(&root, "[data-testid=token-input]")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(area.value(), "");
    assert!(find(&root, "[data-testid=result]").is_none());
    assert!(find(&root, "[data-testid=empty]").is_some());
}

#[wasm_bindgen_test]
async fn the_countdown_ticks_every_second_without_a_new_paste() {
    let root = mount().await;
    type_into(&root, &token(125)).await;
    let first = text(&root, "[data-testid=relative-exp]");
    assert!(first.starts_with("expires in 2 min"), "{first}");
    yew::platform::time::sleep(Duration::from_millis(2100)).await;
    let later = text(&root, "[data-testid=relative-exp]");
    assert_ne!(first, later, "the countdown did not move");
    assert!(
        later.starts_with("expires in 2 min") || later.starts_with("expires in 1 min"),
        "{later}"
    );
    assert_eq!(
        text(&root, "[data-testid=lifetime]"),
        "Lifetime (exp − iat): 3 min 5 s"
    );
}

#[wasm_bindgen_test]
async fn the_countdown_turns_into_expired_when_exp_passes() {
    let root = mount().await;
    type_into(&root, &token(3)).await;
    assert_eq!(text(&root, "[data-testid=status]"), "Valid now");
    yew::platform::time::sleep(Duration::from_millis(4100)).await;
    assert_eq!(text(&root, "[data-testid=status]"), "Expired");
    assert!(text(&root, "[data-testid=relative-exp]").starts_with("expired "));
    assert!(find(&root, "[data-finding=expired]").is_some());
}

#[wasm_bindgen_test]
async fn a_token_in_the_fragment_is_loaded_then_removed_from_the_address_bar() {
    let window = web_sys::window().unwrap();
    let before = window.location().href().unwrap();
    window
        .location()
        .set_hash(&format!("token={}", token(600)))
        .unwrap();
    let root = mount().await;
    until(&root, "[data-testid=kind]").await;
    assert_eq!(
        text(&root, "[data-testid=kind]"),
        "JSON Web Token (signed, JWS)"
    );
    let area: HtmlTextAreaElement = find(&root, "[data-testid=token-input]")
        .unwrap()
        .dyn_into()
        .unwrap();
    assert!(area.value().starts_with("eyJ"));
    assert_eq!(window.location().hash().unwrap(), "");
    assert!(!window.location().href().unwrap().contains("eyJ"));
    assert_eq!(
        window.location().href().unwrap(),
        before.split('#').next().unwrap()
    );
}

#[wasm_bindgen_test]
async fn the_last_resort_message_replaces_a_dead_app_with_a_readable_one() {
    let app = mount().await;
    type_into(&app, &format!("Bearer {}", token(600))).await;
    assert!(find(&app, "[data-testid=result]").is_some());
    sfcc_token_inspector::ui::browser::show_fatal_message();
    let alert = find(&app, "[role=alert]").expect("the message is an alert");
    let said = alert.text_content().unwrap_or_default();
    assert!(
        said.contains("Something went wrong inside the inspector"),
        "{said}"
    );
    assert!(said.contains("Reload the page"), "{said}");
    assert!(
        said.contains("Nothing you pasted was sent anywhere"),
        "{said}"
    );
    // The token is gone from the page with the dead app.
    assert!(find(&app, "[data-testid=result]").is_none());
    assert!(!app.inner_html().contains("eyJ"));
}

/// Sets the text of the text box with this test id, as a paste does.
async fn type_in(root: &Element, testid: &str, value: &str) {
    let area: HtmlTextAreaElement = find(root, &format!("[data-testid={testid}]"))
        .unwrap()
        .dyn_into()
        .unwrap();
    area.set_value(value);
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    settle().await;
}

#[wasm_bindgen_test]
async fn the_real_views_render_every_odd_input_without_dying() {
    let root = mount().await;
    let h = b64(r#"{"alg":"RS256","typ":"JWT"}"#);
    let p = b64(r#"{"sub":"x","exp":1900000000,"scp":"sfcc.shopper-products sfcc.x\u200b"}"#);
    let odd: Vec<String> = vec![
        String::new(),
        ".".into(),
        "..".into(),
        ".....".repeat(40),
        format!("{h}.{p}.c2ln~"),
        format!("{h}.{p}"),
        format!("{h}.{p}.c2ln.c2ln.c2ln.c2ln"),
        format!("{h}.{}.c2ln", b64("[1,2]")),
        format!("{h}.{}.c2ln", b64(r#"{"exp":"soon","nbf":-1,"iat":1e300}"#)),
        format!("{h}.{}.c2ln", b64(r#"{"exp":1,"exp":2,"sub":"a\ud800b"}"#)),
        format!(
            "{h}.{}.c2ln",
            b64(&format!(
                "{{\"a\":{}1{}}}",
                "[".repeat(300),
                "]".repeat(300)
            ))
        ),
        format!("\u{feff}Bearer {h}.{p}.c2ln\u{202e}"),
        format!("{}.e30.c2ln", b64(r#"{"alg":"none"}"#)),
        format!("{}.a.b!c.d.e", b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#)),
        "Authorization: Bearer".into(),
        "Bearer undefined".into(),
        "Basic !!!".into(),
        r#"{"access_token": 42, "error": "invalid_client"}"#.into(),
        "Cookie: cc-at=;cc-at_2=x.y; dwsid=".into(),
        "curl -u : https://x".into(),
        "\0\u{1}\u{7f}".into(),
        "<img src=x onerror=alert(1)>".into(),
        "é".repeat(5000),
        "A".repeat(300_000),
    ];
    for text in &odd {
        type_in(&root, "token-input", text).await;
        type_in(&root, "request-input", &format!("PATCH {text}")).await;
        type_in(&root, "checklist-input", text).await;
        assert!(
            find(&root, "[data-testid=result], [data-testid=empty]").is_some(),
            "nothing shown for {:?}",
            text.chars().take(60).collect::<String>()
        );
        assert!(find(&root, "[data-testid=fatal]").is_none());
    }
}

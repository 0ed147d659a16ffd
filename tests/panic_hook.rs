//! A real panic in the running app (headless Chromium, via `wasm-pack test --headless --chrome`):
//! the hook that `ui::start` installs must replace the dead app with a readable message. In a
//! test binary of its own, because a panic leaves the wasm instance unusable for other tests.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use sfcc_token_inspector::ui;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlTextAreaElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_panic_replaces_the_app_and_the_token_with_a_readable_message() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    // As the page starts: `ui::start` is `start_in(<body>)`.
    let _app = ui::start_in(root.clone());
    let settle = || yew::platform::time::sleep(Duration::from_millis(80));
    settle().await;
    let area: HtmlTextAreaElement = root
        .query_selector("[data-testid=token-input]")
        .unwrap()
        .expect("the app mounted")
        .dyn_into()
        .unwrap();
    let token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJwYW5pYy10ZXN0In0.";
    area.set_value(token);
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    // The claims are among the cards rendered at the first idle moment after the first screen.
    for _ in 0..40 {
        if root.query_selector("[data-complete]").unwrap().is_some() {
            break;
        }
        settle().await;
    }
    assert!(
        root.inner_html().contains("panic-test"),
        "the token is shown"
    );

    // A panic in a callback, as a bug in an event handler would be. The abort that follows it
    // surfaces as an error of that callback, not of this test.
    gloo::timers::callback::Timeout::new(0, || panic!("a bug")).forget();
    settle().await;

    let fatal = root
        .query_selector("[data-testid=fatal][role=alert]")
        .unwrap()
        .expect("the last-resort message replaced the app");
    let said = fatal.text_content().unwrap_or_default();
    assert!(
        said.contains("Something went wrong inside the inspector"),
        "{said}"
    );
    assert!(said.contains("Reload the page"), "{said}");
    assert!(
        !root.inner_html().contains("panic-test"),
        "the token went with the app"
    );
    assert!(
        !root.inner_html().contains("eyJ"),
        "the token went with the app"
    );
}

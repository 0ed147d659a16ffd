//! A copy-to-clipboard button that says "Copied" for a moment.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use super::browser::copy_text;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text to copy.
    pub text: AttrValue,
    /// What is copied, for screen readers and the tooltip ("Copy token").
    pub what: AttrValue,
    /// The button's word when it is not "Copy".
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let state = use_state(|| None::<bool>);
    let timeout = use_mut_ref(|| None::<Timeout>);
    let onclick = {
        let text = props.text.clone();
        let state = state.clone();
        Callback::from(move |_| {
            state.set(Some(copy_text(&text)));
            let state = state.clone();
            *timeout.borrow_mut() = Some(Timeout::new(1500, move || state.set(None)));
        })
    };
    let label = match *state {
        Some(true) => "Copied",
        Some(false) => "Copy failed",
        None => props.label.as_deref().unwrap_or("Copy"),
    };
    html! {
        <button type="button" class="copy" title={props.what.clone()} aria-label={props.what.clone()}
            data-testid="copy" {onclick}>
            <span aria-live="polite">{ label }</span>
        </button>
    }
}

/// The page's one handler for the copy buttons the cards write as text
/// ([`Markup::copy_button`](crate::markup::Markup::copy_button)): a click on one copies its
/// `data-copy` and says "Copied" (or "Copy failed") for a moment, as [`CopyButton`] does.
pub fn listen_for_copies(root: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    gloo::events::EventListener::new(root, "click", |e| {
        let Some(button) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button[data-copy]").ok().flatten())
        else {
            return;
        };
        let text = button.get_attribute("data-copy").unwrap_or_default();
        let said = if copy_text(&text) {
            "Copied"
        } else {
            "Copy failed"
        };
        // The click of the moment: an earlier click's timeout leaves a later one's word alone.
        let click = button
            .get_attribute("data-click")
            .and_then(|n| n.parse::<u32>().ok())
            .map_or(1, |n| n.wrapping_add(1))
            .to_string();
        let _ = button.set_attribute("data-click", &click);
        say(&button, said);
        Timeout::new(1500, move || {
            if button.get_attribute("data-click").as_deref() == Some(click.as_str()) {
                say(&button, "Copy");
            }
        })
        .forget();
    })
    .forget();
}

fn say(button: &web_sys::Element, word: &str) {
    if let Some(label) = button.first_element_child() {
        label.set_text_content(Some(word));
    }
}

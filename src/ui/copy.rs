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

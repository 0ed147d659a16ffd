//! The text area everything is pasted into, its Clear button and what extraction stripped.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::inspect::keep;

#[derive(Properties, PartialEq)]
pub struct TokenInputProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    pub on_clear: Callback<()>,
    /// What was removed to find the credential, in plain words.
    #[prop_or_default]
    pub stripped: Rc<Vec<String>>,
}

#[component]
pub fn TokenInput(props: &TokenInputProps) -> Html {
    let area = use_node_ref();
    // Ready to paste as soon as the page opens, and again after Clear.
    {
        let area = area.clone();
        use_effect_with(props.value.is_empty(), move |empty| {
            if *empty {
                if let Some(el) = area.cast::<HtmlTextAreaElement>() {
                    let _ = el.focus();
                }
            }
        });
    }
    // A paste past what is analysed is trimmed in the box itself, in the input event, before
    // the browser lays it out: a text box holding 10 MB takes seconds to lay out.
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
            {
                let text = super::browser::text_of(&area);
                let (kept, dropped) = keep(&text);
                if dropped > 0 {
                    area.set_value(kept);
                }
                on_input.emit(text);
            }
        })
    };
    let onclick = {
        let on_clear = props.on_clear.clone();
        Callback::from(move |_| on_clear.emit(()))
    };
    let stripped = (!props.stripped.is_empty()).then(|| {
        html! {
            <ul class="stripped" data-testid="stripped" aria-label="What was removed from the paste">
                { for props.stripped.iter().map(|s| html! { <li>{ crate::inspect::text::reveal(s) }</li> }) }
            </ul>
        }
    });
    html! {
        <section class="card input-card">
            <label for="token-input" class="input-label">
                { "Paste a token — or whatever holds it: an Authorization line, a curl, fetch or PowerShell copy, request headers, a HAR file or JSON, cookies, a form body, a URL, or several tokens one a line" }
            </label>
            <textarea id="token-input" data-testid="token-input" class="token-input" ref={area}
                spellcheck="false" autocomplete="off" autocapitalize="off" autocorrect="off"
                rows="5" placeholder="eyJhbGciOiJFUzI1NiIs…"
                value={props.value.clone()} {oninput} />
            <div class="input-actions">
                <button type="button" class="button" data-testid="clear" {onclick}
                    disabled={props.value.is_empty()}>{ "Clear" }</button>
                { stripped.unwrap_or_default() }
            </div>
        </section>
    }
}

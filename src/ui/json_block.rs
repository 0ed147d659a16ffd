//! Pretty JSON in the token's own claim order, with a copy button.

use yew::prelude::*;

use super::copy::CopyButton;

#[derive(Properties, PartialEq)]
pub struct JsonBlockProps {
    pub title: AttrValue,
    pub json: AttrValue,
    pub testid: AttrValue,
}

/// JSON longer than this starts folded (a 64 KB token's payload would cost a long layout).
const OPEN_UP_TO: usize = 16 * 1024;

/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn json_block(props: &JsonBlockProps) -> Html {
    html! {
        // Open unless huge: the browser skips laying out a closed disclosure.
        <details class="json-block" open={props.json.len() <= OPEN_UP_TO}>
            <summary>{ props.title.clone() }</summary>
            <div class="json-wrap">
                <CopyButton text={props.json.clone()} what={format!("Copy {}", props.title)} />
                <pre class="json" data-testid={props.testid.clone()} tabindex="0">{ props.json.clone() }</pre>
            </div>
        </details>
    }
}

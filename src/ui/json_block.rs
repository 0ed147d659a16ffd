//! Pretty JSON in the token's own claim order, with a copy button.

use yew::prelude::*;

use super::copy::CopyButton;

#[derive(Properties, PartialEq)]
pub struct JsonBlockProps {
    pub title: AttrValue,
    pub json: AttrValue,
    pub testid: AttrValue,
}

#[component]
pub fn JsonBlock(props: &JsonBlockProps) -> Html {
    html! {
        <details class="json-block" open=true>
            <summary>{ props.title.clone() }</summary>
            <div class="json-wrap">
                <CopyButton text={props.json.clone()} what={format!("Copy {}", props.title)} />
                <pre class="json" data-testid={props.testid.clone()} tabindex="0">{ props.json.clone() }</pre>
            </div>
        </details>
    }
}

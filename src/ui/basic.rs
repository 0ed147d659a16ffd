//! Basic client credentials: the client id, and the secret masked.

use yew::prelude::*;

use crate::inspect::text::reveal;

use super::copy::CopyButton;
use crate::inspect::BasicCredentials;

#[derive(Properties, PartialEq)]
pub struct BasicPanelProps {
    pub basic: BasicCredentials,
}

#[component]
pub fn BasicPanel(props: &BasicPanelProps) -> Html {
    let b = &props.basic;
    html! {
        <section class="card" data-testid="basic">
            <h3>{ "Client credentials" }</h3>
            <table class="claims">
                <tbody>
                    <tr>
                        <th scope="row">{ "Client id" }</th>
                        <td><code data-testid="client-id">{ reveal(&b.client_id) }</code>
                            <CopyButton text={AttrValue::from(b.client_id.clone())} what="Copy client id" /></td>
                    </tr>
                    <tr>
                        <th scope="row">{ "Client secret" }</th>
                        <td><code data-testid="secret">{ b.masked_secret() }</code></td>
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

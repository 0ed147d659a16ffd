//! Client credentials: the client id, the secret masked, and — when they were sent in a token
//! request (`client_secret_post` or `curl -u`) — the grant, what it asks for, and the endpoint.

use yew::prelude::*;

use crate::inspect::extract::TokenRequest;
use crate::inspect::text::reveal;

use super::copy::CopyButton;
use crate::inspect::BasicCredentials;

#[derive(Properties, PartialEq)]
pub struct BasicPanelProps {
    pub basic: BasicCredentials,
    /// The token request the credentials were posted in, if the paste shows one.
    #[prop_or_default]
    pub token_request: Option<TokenRequest>,
}

/// The grant and endpoint rows of a token request.
fn request_rows(request: &TokenRequest) -> Html {
    let grant = request.grant_type.as_ref().map(|grant| {
        html! {
            <tr>
                <th scope="row">{ "Grant" }</th>
                <td><code data-testid="grant-type">{ reveal(grant) }</code>
                    if let Some(meaning) = request.grant_meaning() {
                        <p class="claim-doc" data-testid="grant-meaning">{ meaning }</p>
                    }
                </td>
            </tr>
        }
    });
    let endpoint = request.endpoint.as_ref().map(|url| {
        html! {
            <tr>
                <th scope="row">{ "Sent to" }</th>
                <td><code data-testid="token-endpoint">{ reveal(url) }</code>
                    if let Some(service) = request.service() {
                        <p class="claim-doc">{ format!("The {service} token endpoint.") }</p>
                    }
                </td>
            </tr>
        }
    });
    html! { <>{ grant.unwrap_or_default() }{ endpoint.unwrap_or_default() }</> }
}

/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn basic_panel(props: &BasicPanelProps) -> Html {
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
                    { props.token_request.as_ref().map(request_rows).unwrap_or_default() }
                </tbody>
            </table>
        </section>
    }
}

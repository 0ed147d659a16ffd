//! The signing keys: their text area (collapsed until used) and what the signature check found,
//! with where the keys for this kind of token are.

use std::rc::Rc;

use yew::prelude::*;

use super::copy::CopyButton;
use crate::inspect::keys::KeySet;
use crate::inspect::page::SignatureState;
use crate::inspect::signature::{describe, Signature};
use crate::inspect::text::reveal;

/// What the keys input shows.
pub struct KeysInputProps {
    pub value: AttrValue,
    pub on_input: Callback<String>,
    pub keys: Rc<KeySet>,
}

/// Where the engineer pastes the keys (a JWKS, a JWK, a PEM key or certificate, or a secret).
/// A function, not a component: it holds no state, and each component costs the wasm its own
/// lifecycle code.
pub fn keys_input(props: &KeysInputProps) -> Html {
    let oninput = super::text_input(&props.on_input);
    let k = &props.keys;
    let read = {
        html! {
            <div id="keys-read" aria-live="polite">
                if !k.keys.is_empty() {
                    <p class="hint" data-testid="keys-read">{ format!("Read {} key{}: ", k.keys.len(), if k.keys.len() == 1 { "" } else { "s" }) }
                        { k.keys.iter().map(describe).collect::<Vec<_>>().join("; ") }</p>
                }
                { for k.problems.iter().map(|p| html! { <p class="error-text" data-testid="key-problem">{ reveal(p) }</p> }) }
                if k.secret {
                    <p class="warning-text" data-testid="secret-warning">{ "A shared secret was pasted: it is used only here and never stored, but if it was shared to get here (chat, ticket, e-mail), rotate it." }</p>
                }
                if k.private {
                    <p class="warning-text" data-testid="private-warning">{ "A private key was pasted: only its public part is used. A private key that was shared must be rotated." }</p>
                }
            </div>
        }
    };
    html! {
        // Open once opened: clearing the box must not fold it away under the cursor.
        <details class="card keys-card" data-testid="keys">
            <summary class="input-label">{ "Signing keys (optional): verify the signature offline" }</summary>
            <textarea id="keys-input" data-testid="keys-input" class="request-input" aria-label="Signing keys"
                aria-describedby="keys-read"
                spellcheck="false" autocomplete="off" autocapitalize="off" autocorrect="off" rows="3"
                placeholder={r#"{"keys":[{"kty":"EC","crv":"P-256","kid":"…","x":"…","y":"…"}]}  ·  -----BEGIN PUBLIC KEY-----  ·  a certificate  ·  an HS256 secret"#}
                value={props.value.clone()} {oninput} />
            <p class="hint">{ "A JWKS or a JWK, a PEM public key (PUBLIC KEY, RSA PUBLIC KEY), an X.509 certificate, or the shared secret of an HS256 token (text, base64 or base64url). Checked by your browser's WebCrypto; never stored, sent or logged." }</p>
            { read }
        </details>
    }
}

/// The signature of the selected credential: verified, not verified with why, or not checked
/// with where the keys are.
pub fn signature_card(s: &SignatureState) -> Html {
    let (class, badge, text) = match &s.signature {
        Signature::Verified { key, alg } => ("ok", "Signature verified", format!("{alg}, with {}.", describe(key))),
        Signature::Failed(why) => ("error", "Not verified", format!("The signature does not verify: {why}")),
        Signature::NoKey(why) => ("error", "Not verified", format!("No key to verify with: {why}")),
        Signature::Unverifiable(why) => ("info", "Cannot be verified here", why.clone()),
        Signature::Pending(_) => ("info", "Verifying…", "Your browser is checking the signature.".to_string()),
        Signature::BrowserCannot(why) => ("warning", "Not checked", format!("{why}. This says nothing about the token.")),
        Signature::NotChecked => ("info", "Signature not checked", "Decoding a token does not prove SFCC will accept it: paste its signing keys above to verify it.".to_string()),
    };
    html! {
        <section class={classes!("card", "signature", class)} data-testid="signature" data-signature={s.signature.id()}
            role="status" aria-live="polite">
            <h2 class="signature-head"><span class={classes!("badge", class)}>{ badge }</span></h2>
            <p data-testid="signature-text">{ reveal(&text) }</p>
            if !matches!(s.signature, Signature::Verified { .. }) {
                <p class="hint" data-testid="keys-help">{ reveal(&s.help) }</p>
                if let Some(curl) = &s.curl {
                    <p class="share"><code data-testid="jwks-curl">{ curl.clone() }</code>
                        <CopyButton text={AttrValue::from(curl.clone())} what="Copy the curl command that fetches the JWKS" /></p>
                }
            }
        </section>
    }
}

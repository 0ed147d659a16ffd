//! The raw token, each dot-separated part in its own colour, with a legend and a copy button.

use yew::prelude::*;

use super::copy::CopyButton;
use super::CredentialProps;
use crate::inspect::jose::{DecodeError, Jose, Role, Segment};
use crate::inspect::text::reveal;

fn role_class(role: Role) -> &'static str {
    match role {
        Role::Header => "seg-header",
        Role::Payload | Role::Ciphertext => "seg-payload",
        Role::Signature | Role::Tag => "seg-signature",
        Role::EncryptedKey | Role::Iv => "seg-key",
        Role::Extra => "seg-extra",
    }
}

/// The 1-based character position of the character that broke segment `n`, if one did.
fn bad_char(jose: &Jose, n: usize) -> Option<usize> {
    jose.errors.iter().find_map(|e| match e {
        DecodeError::BadBase64 { n: bad, pos, .. } if *bad == n => Some(*pos),
        _ => None,
    })
}

/// Characters of one part shown at most: a real token is a few KB, and a multi-megabyte paste
/// would make the page crawl. The rest is counted, not shown (it is still copied whole).
const SHOWN_CHARS: usize = 100_000;

/// `text` cut to [`SHOWN_CHARS`], with hidden characters made visible and a note of what was cut.
fn shown(text: &str) -> Html {
    let total = text.chars().count();
    if total <= SHOWN_CHARS {
        return html! { reveal(text) };
    }
    let head: String = text.chars().take(SHOWN_CHARS).collect();
    html! {
        <>{ reveal(&head) }<span class="muted cut">{ format!(" … {} more characters not shown", total - SHOWN_CHARS) }</span></>
    }
}

/// One segment's text, with the character that broke it marked.
fn segment_text(segment: &Segment, bad: Option<usize>) -> Html {
    if segment.text.is_empty() {
        return html! { "∅" };
    }
    let Some(pos) = bad else {
        return shown(&segment.text);
    };
    let before: String = segment.text.chars().take(pos - 1).collect();
    let bad: String = segment.text.chars().skip(pos - 1).take(1).collect();
    let after: String = segment.text.chars().skip(pos).collect();
    html! {
        <>{ reveal(&before) }<mark class="bad-char" title="this character is not base64url">{ reveal(&bad) }</mark>{ shown(&after) }</>
    }
}

/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn segments(props: &CredentialProps) -> Html {
    let c = &props.credential;
    let body = match c.jose() {
        Some(jose) => {
            let last = jose.segments.len().saturating_sub(1);
            html! {
                { for jose.segments.iter().enumerate().map(|(i, s)| html! {
                    <>
                        <span class={classes!("seg", role_class(s.role))} title={s.role.name()}>
                            { segment_text(s, bad_char(jose, i + 1)) }
                        </span>
                        if i < last { <span class="dot">{ "." }</span> }
                    </>
                }) }
            }
        }
        None => html! { <span class="seg seg-opaque">{ shown(&c.text) }</span> },
    };
    let legend = c.jose().map(|jose| {
        html! {
            <ul class="legend">
                { for jose.segments.iter().enumerate().map(|(i, s)| html! {
                    <li><span class={classes!("swatch", role_class(s.role))}></span>
                    { format!("{} {}", i + 1, s.role.name()) }
                    { s.decoded_len.map(|n| format!(" · {n} bytes")).unwrap_or_default() }</li>
                }) }
            </ul>
        }
    });
    html! {
        <section class="card raw" data-testid="segments">
            <div class="card-head">
                <h3>{ "Token" }<span class="muted small">{ format!(" · {} characters", c.text.chars().count()) }</span></h3>
                <CopyButton text={AttrValue::from(c.text.clone())} what="Copy token" />
            </div>
            <p class="raw-token" tabindex="0">{ body }</p>
            { legend.unwrap_or_default() }
        </section>
    }
}

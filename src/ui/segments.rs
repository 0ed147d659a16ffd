//! The raw token, each dot-separated part in its own colour, with a legend and a copy button.

use yew::prelude::*;

use super::CredentialProps;
use crate::inspect::jose::{DecodeError, Jose, Role, Segment};
use crate::inspect::text::reveal;
use crate::markup::Markup;

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
fn shown(m: &mut Markup, text: &str) {
    let total = text.chars().count();
    if total <= SHOWN_CHARS {
        m.text(&reveal(text));
        return;
    }
    let head: String = text.chars().take(SHOWN_CHARS).collect();
    m.text(&reveal(&head)).leaf(
        "span",
        "muted cut",
        &format!(" … {} more characters not shown", total - SHOWN_CHARS),
    );
}

/// One segment's text, with the character that broke it marked.
fn segment_text(m: &mut Markup, segment: &Segment, bad: Option<usize>) {
    if segment.text.is_empty() {
        m.text("∅");
        return;
    }
    let Some(pos) = bad else {
        return shown(m, &segment.text);
    };
    let before: String = segment.text.chars().take(pos - 1).collect();
    let bad: String = segment.text.chars().skip(pos - 1).take(1).collect();
    let after: String = segment.text.chars().skip(pos).collect();
    m.text(&reveal(&before))
        .open("mark", "bad-char")
        .attr("title", "this character is not base64url")
        .text(&reveal(&bad))
        .close();
    shown(m, &after);
}

/// The segments, each in its colour, dots between them.
fn body(m: &mut Markup, jose: &Jose) {
    let last = jose.segments.len().saturating_sub(1);
    for (i, s) in jose.segments.iter().enumerate() {
        m.open("span", &format!("seg {}", role_class(s.role)))
            .attr("title", s.role.name());
        segment_text(m, s, bad_char(jose, i + 1));
        m.close();
        if i < last {
            m.leaf("span", "dot", ".");
        }
    }
}

/// What each segment is, and how many bytes it decodes to.
fn legend(m: &mut Markup, jose: &Jose) {
    m.open("ul", "legend");
    for (i, s) in jose.segments.iter().enumerate() {
        m.open("li", "")
            .open("span", &format!("swatch {}", role_class(s.role)))
            .close()
            .text(&format!("{} {}", i + 1, s.role.name()));
        if let Some(n) = s.decoded_len {
            m.text(&format!(" · {n} bytes"));
        }
        m.close();
    }
    m.close();
}

/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn segments(props: &CredentialProps) -> Html {
    let c = &props.credential;
    let mut m = Markup::new();
    m.open("section", "card raw")
        .attr("data-testid", "segments")
        .open("div", "card-head")
        .open("h3", "")
        .text("Token")
        .leaf(
            "span",
            "muted small",
            &format!(" · {} characters", c.text.chars().count()),
        )
        .close()
        .copy_button(&c.text, "Copy token")
        .close()
        .open("p", "raw-token")
        .attr("tabindex", "0");
    match c.jose() {
        Some(jose) => body(&mut m, jose),
        None => {
            m.open("span", "seg seg-opaque");
            shown(&mut m, &c.text);
            m.close();
        }
    }
    m.close();
    if let Some(jose) = c.jose() {
        legend(&mut m, jose);
    }
    super::raw(m)
}

//! The Yew front end: one reducer (`state.rs`) holding the raw inputs read into
//! [`Evidence`](crate::inspect::Evidence), and components that render the
//! [`Page`](crate::inspect::Page) that [`page`](crate::inspect::page) composes from it. No
//! component decodes a token or composes findings itself.

mod answer_panel;
mod app;
mod basic;
pub mod browser;
mod checklist_panel;
mod claims_table;
mod clock;
mod compare_panel;
mod copy;
mod credential_view;
mod findings;
mod har_open;
mod identity;
mod json_block;
mod keys_panel;
mod raw;
mod rehearsal;
mod request_panel;
mod scopes_panel;
mod segments;
mod session_view;
mod state;
mod tenant_panel;
mod times;
mod token_input;
pub mod verify;

pub use app::App;

use std::rc::Rc;

use crate::inspect::Credential;

/// A value shared between the page and its views, compared by identity: the page hands the
/// same `Rc` down until the evidence changes, so props compare in one step and no deep
/// comparison of a credential is ever compiled in.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A card written as text ([`Markup`](crate::markup::Markup)) as a node of the page: put there
/// once, then brought in place to each new text (`raw.rs`), so that a second's tick keeps a
/// selection, an opened `<details>` or a copy button's "Copied".
pub fn raw(markup: crate::markup::Markup) -> yew::Html {
    let html = yew::AttrValue::from(markup.finish());
    yew::html! { <raw::Raw {html} /> }
}

/// Props of every component that shows a part of one credential: the credential itself.
#[derive(yew::Properties, PartialEq, Clone)]
pub struct CredentialProps {
    /// The credential shown.
    pub credential: Shared<Credential>,
}

impl CredentialProps {
    /// The credential these props carry (always there; an `Option` so panels read it one way).
    pub fn credential(&self) -> Option<&Credential> {
        Some(&self.credential)
    }
}

/// An `oninput` handler for a text area that passes its whole text to `on_text`.
pub fn text_input(on_text: &yew::Callback<String>) -> yew::Callback<yew::InputEvent> {
    use wasm_bindgen::JsCast;
    let on_text = on_text.clone();
    yew::Callback::from(move |e: yew::InputEvent| {
        if let Some(area) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            on_text.emit(browser::text_of(&area));
        }
    })
}

/// Mounts the app on `<body>`, with a last-resort panic message instead of a dead page: after
/// the boot shell's first paint (the box is on screen, and takes a paste, while the app mounts
/// in the next task), and never while a paste into the shell is being handled.
pub fn start() {
    browser::after_next_paint(mount);
}

fn mount() {
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        // Read before mounting empties the body: a paste made before the wasm mounted is
        // rendered for real at once, and there is nothing to rehearse.
        let pasted = browser::take_boot();
        start_in(body.into());
        rehearsal::rehearse_when_idle(pasted);
    }
}

/// Mounts the app on `root` the way the page does ([`start`]): the panic message first.
pub fn start_in(root: web_sys::Element) -> yew::AppHandle<App> {
    browser::install_panic_message();
    copy::listen_for_copies(&root);
    yew::Renderer::<App>::with_root(root).render()
}

//! A card written as text ([`Markup`](crate::markup::Markup)), put on the page once and then
//! updated in place.
//!
//! Cards that show a time count the seconds ("expires in 12 min 5 s"), so their text changes
//! every second. Rebuilding such a card from its text would lose what the engineer is doing in
//! it: a text selection, an opened `<details>`, a copy button saying "Copied". So a new text is
//! read into nodes off the page and the card on the page is brought to it node by node: only a
//! text or an attribute that changed is written, and a node is replaced only where the
//! structure differs.

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RawProps {
    /// The card's HTML, every text and attribute value escaped by `Markup`.
    pub html: AttrValue,
}

/// Attributes the page itself sets on a card's nodes while the engineer uses it, kept as they
/// are: a `<details>` the engineer opened or closed, a copy button's click of the moment.
const LIVE: [&str; 2] = ["open", "data-click"];

#[component]
pub fn Raw(props: &RawProps) -> Html {
    let shown = use_mut_ref(|| None::<(AttrValue, Vec<Node>)>);
    let mut shown = shown.borrow_mut();
    let nodes = match shown.take() {
        Some((html, nodes)) if html == props.html => nodes,
        Some((_, live)) => {
            let mut live = live.into_iter();
            parse(&props.html)
                .into_iter()
                .map(|new| match live.next() {
                    Some(here) if morph(&here, &new) => here,
                    _ => new,
                })
                .collect()
        }
        None => parse(&props.html),
    };
    let html = nodes.iter().map(|n| Html::VRef(n.clone())).collect();
    *shown = Some((props.html.clone(), nodes));
    html
}

/// The nodes `html` is made of, read into an element off the page (nothing in a card's text
/// loads or runs: `Markup` writes no script, image or handler, and escapes every value).
fn parse(html: &str) -> Vec<Node> {
    let mut nodes = Vec::new();
    if let Ok(holder) = gloo::utils::document().create_element("div") {
        holder.set_inner_html(html);
        while let Some(node) = holder.first_child() {
            let _ = holder.remove_child(&node);
            nodes.push(node);
        }
    }
    nodes
}

/// Brings `live` to what `new` says, in place. False when it cannot be (another kind of node
/// or another tag): the caller puts `new` in its place.
fn morph(live: &Node, new: &Node) -> bool {
    if live.node_type() != new.node_type() {
        return false;
    }
    match (live.dyn_ref::<Element>(), new.dyn_ref::<Element>()) {
        (Some(l), Some(n)) => {
            if l.tag_name() != n.tag_name() {
                return false;
            }
            // A copy button copying the same text keeps its word: it may say "Copied".
            let copy = l.get_attribute("data-copy");
            let copies_same = copy.is_some() && copy == n.get_attribute("data-copy");
            attributes(l, n);
            if !copies_same {
                children(live, new);
            }
        }
        _ => {
            let text = new.node_value();
            if live.node_value() != text {
                live.set_node_value(text.as_deref());
            }
        }
    }
    true
}

fn attributes(live: &Element, new: &Element) {
    let names = |e: &Element| -> Vec<String> {
        e.get_attribute_names()
            .iter()
            .filter_map(|n| n.as_string())
            .filter(|n| !LIVE.contains(&n.as_str()))
            .collect()
    };
    for name in names(new) {
        let value = new.get_attribute(&name).unwrap_or_default();
        if live.get_attribute(&name).as_deref() != Some(value.as_str()) {
            let _ = live.set_attribute(&name, &value);
        }
    }
    for name in names(live) {
        if new.get_attribute(&name).is_none() {
            let _ = live.remove_attribute(&name);
        }
    }
}

/// Brings the children of `live` to those of `new`, pair by pair; `new` is emptied.
fn children(live: &Node, new: &Node) {
    let mut at = live.first_child();
    while let Some(next_new) = new.first_child() {
        match at {
            Some(here) => {
                at = here.next_sibling();
                if morph(&here, &next_new) {
                    let _ = new.remove_child(&next_new);
                } else {
                    let _ = live.replace_child(&next_new, &here);
                }
            }
            None => {
                let _ = live.append_child(&next_new);
            }
        }
    }
    while let Some(here) = at {
        at = here.next_sibling();
        let _ = live.remove_child(&here);
    }
}

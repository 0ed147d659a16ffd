//! The ranked findings at the top of a credential — the token's own and the request check's, as
//! the page composed them — with the error body the API returns in that case; and the validity
//! badge.

use yew::prelude::*;

use std::rc::Rc;

use crate::inspect::{Finding, TimeStatus};
use crate::markup::Markup;

#[derive(Properties, PartialEq, Clone)]
pub struct FindingsProps {
    /// The selected credential's findings and the request check's, ranked (`Page::findings`).
    pub findings: Rc<Vec<Finding>>,
}

/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn findings(props: &FindingsProps) -> Html {
    let findings = &props.findings;
    if findings.is_empty() {
        return Html::default();
    }
    let mut m = Markup::new();
    m.open("section", "card findings")
        .attr("aria-label", "Findings")
        .attr("data-testid", "findings")
        .open("ul", "");
    for f in findings.iter() {
        m.open("li", &format!("finding {}", f.severity.name()))
            .attr("data-finding", f.id)
            .leaf("span", "severity", f.severity.name())
            .open("div", "")
            .open("strong", "finding-title")
            .rich(&f.title)
            .close()
            .open("p", "finding-detail")
            .rich(&f.detail)
            .close();
        if let Some(e) = f.error {
            m.open("details", "error-body")
                .attr("data-testid", "error-body")
                .leaf(
                    "summary",
                    "",
                    &format!("What the API answers: HTTP {}", e.status),
                )
                .leaf("pre", "json", e.body)
                .open("p", "source")
                .text("Source: ")
                .text(e.source)
                .copy_button(e.body, "Copy the error body")
                .close()
                .close();
        }
        m.close().close();
    }
    super::raw(m)
}

/// The credential's validity now (`Page::status`) as a badge; none without time claims.
pub fn status_badge(m: &mut Markup, status: Option<TimeStatus>) {
    let Some(status) = status else {
        return;
    };
    let (class, text) = match status {
        TimeStatus::Valid => ("badge ok", "Valid now"),
        TimeStatus::Expired => ("badge error", "Expired"),
        TimeStatus::NotYetValid => ("badge error", "Not yet valid"),
        TimeStatus::NoExpiry => ("badge warning", "No expiry"),
    };
    m.open("span", class)
        .attr("data-testid", "status")
        .text(text)
        .close();
}

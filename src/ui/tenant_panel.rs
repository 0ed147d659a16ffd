//! Whose tenant: realm, instance and its type, organization id, SLAS environment, and every
//! place the token states a tenant, side by side.

use yew::prelude::*;

use crate::inspect::sfcc::tenant::Tenants;
use crate::inspect::text::reveal;
use crate::markup::Markup;

use super::CredentialProps;

/// One fact: `<div class="fact"><dt>label</dt><dd><code>value</code>…`, left open for a note;
/// the field and the value's test id when they are given.
fn fact(m: &mut Markup, field: Option<&str>, label: &str, value: &str) {
    m.open("div", "fact")
        .attr_some("data-field", field)
        .leaf("dt", "", label)
        .open("dd", "")
        .open("code", "")
        .attr_some("data-testid", field)
        .text(&reveal(value))
        .close();
}

/// The token's one tenant split into realm, instance and organization id.
fn main_facts(m: &mut Markup, t: &Tenants) {
    let Some(tenant) = &t.tenant else { return };
    m.open("dl", "facts");
    fact(m, Some("tenant-id"), "Tenant id", &tenant.id);
    if tenant.unusual {
        m.leaf("span", "note", "unusual shape: a tenant id is 4 characters, “_”, and an instance (prd, stg, dev, 001, s05)");
    }
    m.close().close();
    fact(m, None, "Realm", &tenant.realm);
    m.close().close();
    fact(m, None, "Instance", &tenant.instance);
    m.open("span", "tag info")
        .attr("data-testid", "instance-type")
        .text(tenant.instance_type.label())
        .close();
    m.close().close();
    fact(m, Some("org-id"), "Organization id", &tenant.org_id);
    m.leaf("span", "note", "as used in Commerce API URLs")
        .close()
        .close();
    if let Some(env) = &t.slas_env {
        fact(m, None, "SLAS environment", env);
        m.close().close();
    }
    m.close();
}

/// The table of places that state a tenant; rows are marked only when the core found a real
/// conflict (an AM token may list several tenants on purpose).
fn places(m: &mut Markup, t: &Tenants, conflict: bool) {
    if t.places.is_empty() {
        return;
    }
    let first = t.places.first().map(|p| &p.tenant).filter(|_| conflict);
    m.open("table", "places")
        .attr("data-testid", "tenant-places")
        .leaf("caption", "", "Where the token states its tenant")
        .open("thead", "")
        .open("tr", "");
    for head in ["Place", "As written", "Tenant"] {
        m.open("th", "").attr("scope", "col").text(head).close();
    }
    m.close().close().open("tbody", "");
    for p in &t.places {
        let differs = first.is_some_and(|f| *f != p.tenant);
        m.open("tr", if differs { "mismatch" } else { "" })
            .attr("data-place", &p.place)
            .open("th", "")
            .attr("scope", "row")
            .leaf("code", "", &reveal(&p.place))
            .close()
            .leaf("td", "mono wrap", &reveal(&p.raw))
            .open("td", "")
            .leaf("code", "", &reveal(&p.tenant))
            .close()
            .close();
    }
    m.close().close();
}

/// The tenant card: the token's one tenant split into realm, instance and organization id (or
/// every tenant it names), and the table of places that state one, conflicts marked.
/// Rendered by the credential view (a function, not a component: it holds no state, and
/// the view re-renders only when its credential, request or findings change).
pub fn tenant_panel(props: &CredentialProps) -> Html {
    let Some(sfcc) = props.credential().and_then(|c| c.sfcc()) else {
        return Html::default();
    };
    let t = &sfcc.tenants;
    if t.places.is_empty() && t.all.is_empty() {
        return Html::default();
    }
    let mut m = Markup::new();
    m.open("section", "card tenant")
        .attr("data-testid", "tenant")
        .leaf("h3", "", "Tenant");
    main_facts(&mut m, t);
    if t.tenant.is_none() && !t.all.is_empty() {
        m.open("p", "")
            .attr("data-testid", "tenants-all")
            .text("This token names several tenants: ");
        for id in &t.all {
            m.leaf("code", "scope-chip", &reveal(id));
        }
        m.close();
    }
    let conflict = sfcc.findings.iter().any(|f| f.id == "tenant-mismatch");
    places(&mut m, t, conflict);
    super::raw(m)
}

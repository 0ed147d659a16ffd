//! Whose tenant: realm, instance and its type, organization id, SLAS environment, and every
//! place the token states a tenant, side by side.

use yew::prelude::*;

use crate::inspect::text::reveal;

use super::CredentialProps;

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
    let main = t.tenant.as_ref().map(|tenant| {
        html! {
            <dl class="facts">
                <div class="fact" data-field="tenant-id"><dt>{ "Tenant id" }</dt><dd><code data-testid="tenant-id">{ reveal(&tenant.id) }</code>
                    if tenant.unusual { <span class="note">{ "unusual shape: a tenant id is 4 characters, “_”, and an instance (prd, stg, dev, 001, s05)" }</span> }
                </dd></div>
                <div class="fact"><dt>{ "Realm" }</dt><dd><code>{ reveal(&tenant.realm) }</code></dd></div>
                <div class="fact"><dt>{ "Instance" }</dt><dd><code>{ reveal(&tenant.instance) }</code>
                    <span class="tag info" data-testid="instance-type">{ tenant.instance_type.label() }</span></dd></div>
                <div class="fact" data-field="org-id"><dt>{ "Organization id" }</dt><dd><code data-testid="org-id">{ reveal(&tenant.org_id) }</code>
                    <span class="note">{ "as used in Commerce API URLs" }</span></dd></div>
                if let Some(env) = &t.slas_env {
                    <div class="fact"><dt>{ "SLAS environment" }</dt><dd><code>{ reveal(env) }</code></dd></div>
                }
            </dl>
        }
    });
    let multi = (t.tenant.is_none() && !t.all.is_empty()).then(|| {
        html! {
            <p data-testid="tenants-all">{ "This token names several tenants: " }
                { for t.all.iter().map(|id| html! { <code class="scope-chip">{ reveal(id) }</code> }) }
            </p>
        }
    });
    // Rows are marked only when the core found a real conflict (an AM token may list several
    // tenants on purpose).
    let conflict = sfcc.findings.iter().any(|f| f.id == "tenant-mismatch");
    let first = t
        .places
        .first()
        .map(|p| p.tenant.clone())
        .filter(|_| conflict);
    let places = (!t.places.is_empty()).then(|| {
        html! {
            <table class="places" data-testid="tenant-places">
                <caption>{ "Where the token states its tenant" }</caption>
                <thead><tr><th scope="col">{ "Place" }</th><th scope="col">{ "As written" }</th><th scope="col">{ "Tenant" }</th></tr></thead>
                <tbody>
                    { for t.places.iter().map(|p| {
                        let differs = first.as_ref().is_some_and(|f| *f != p.tenant);
                        html! {
                            <tr data-place={p.place.clone()} class={classes!(differs.then_some("mismatch"))}>
                                <th scope="row"><code>{ reveal(&p.place) }</code></th>
                                <td class="mono wrap">{ reveal(&p.raw) }</td>
                                <td><code>{ reveal(&p.tenant) }</code></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        }
    });
    html! {
        <section class="card tenant" data-testid="tenant">
            <h3>{ "Tenant" }</h3>
            { main.unwrap_or_default() }
            { multi.unwrap_or_default() }
            { places.unwrap_or_default() }
        </section>
    }
}

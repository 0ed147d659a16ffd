//! The Yew front end (placeholder while the core is written).
use yew::prelude::*;

#[component]
fn App() -> Html {
    html! { <main id="app" class="app"><h1>{ "SFCC Token Inspector" }</h1></main> }
}

/// Mounts the app on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

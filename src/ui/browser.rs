//! Small browser helpers: the URL fragment, the tightened CSP, local time, the panic message.
//! None of them logs or stores anything.

use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The URL fragment (`#…`), if any.
pub fn fragment() -> Option<String> {
    let hash = window()?.location().hash().ok()?;
    (hash.len() > 1).then_some(hash)
}

/// Removes the fragment from the address bar without adding a history entry, so a token that
/// arrived in the URL is neither shown nor kept in the history.
pub fn clear_fragment() {
    let Some(win) = window() else { return };
    let location = win.location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = win.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Once the wasm has loaded nothing needs the network: add a second policy, `connect-src 'none'`,
/// so that no code on this page can send anything anywhere from now on.
pub fn forbid_connections() {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(head), Ok(meta)) = (doc.head(), doc.create_element("meta")) else {
        return;
    };
    let _ = meta.set_attribute("http-equiv", "Content-Security-Policy");
    let _ = meta.set_attribute("content", "connect-src 'none'");
    let _ = meta.set_attribute("data-added-by", "app");
    let _ = head.append_child(&meta);
}

/// An instant in the viewer's own time zone, e.g. "22/11/2026, 23:30:00 CET". One
/// `Intl.DateTimeFormat` formats them all: `Date.toLocaleString` with options builds a new
/// formatter on every call, and the first one costs the browser about 20 ms (its locale data).
/// The rehearsal of the first paste (`rehearsal.rs`) builds it while the page is idle.
pub fn local_time(secs: i64) -> String {
    thread_local! {
        static FORMAT: js_sys::Function = local_time_format();
    }
    let date = js_sys::Date::new(&JsValue::from_f64(secs as f64 * 1000.0));
    FORMAT
        .with(|format| format.call1(&JsValue::NULL, &date))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// The viewer's locale's date and time with seconds and the zone's short name.
fn local_time_format() -> js_sys::Function {
    let options = js_sys::Object::new();
    for field in ["year", "month", "day", "hour", "minute", "second"] {
        let _ = js_sys::Reflect::set(&options, &field.into(), &"numeric".into());
    }
    let _ = js_sys::Reflect::set(&options, &"timeZoneName".into(), &"short".into());
    let locale = window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_else(|| "en".into());
    js_sys::Intl::DateTimeFormat::new(&js_sys::Array::of1(&locale.into()), &options).format()
}

/// Runs `f` when the browser is next idle, or after `within_ms` at the latest (0: no limit).
/// Safari, without `requestIdleCallback`: a moment after the next paint.
pub fn when_idle(within_ms: u32, f: impl FnOnce() + 'static) {
    let Some(win) = window() else { return };
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    let has_idle = js_sys::Reflect::get(&win, &"requestIdleCallback".into())
        .map(|f| f.is_function())
        .unwrap_or(false);
    let options = web_sys::IdleRequestOptions::new();
    if within_ms > 0 {
        options.set_timeout(within_ms);
    }
    if !(has_idle
        && win
            .request_idle_callback_with_options(f.unchecked_ref(), &options)
            .is_ok())
    {
        let _ = win.set_timeout_with_callback_and_timeout_and_arguments_0(
            f.unchecked_ref(),
            within_ms.clamp(1, 300) as i32,
        );
    }
}

/// Runs `f` once, in the task after the next frame has been painted (or after 100 ms, in a tab
/// the browser does not paint: a background tab).
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    let Some(win) = window() else { return f() };
    let once = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let run = {
        let once = once.clone();
        move || {
            if let Some(f) = once.take() {
                f();
            }
        }
    };
    let later = wasm_bindgen::closure::Closure::once_into_js(run.clone());
    let _ = win.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), 100);
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        let task = wasm_bindgen::closure::Closure::once_into_js(run);
        if let Some(win) = window() {
            let _ =
                win.set_timeout_with_callback_and_timeout_and_arguments_0(task.unchecked_ref(), 0);
        }
    });
    let _ = win.request_animation_frame(frame.unchecked_ref());
}

/// The boot shell's box (index.html) as it was when the app took over: what was typed or
/// pasted into it before the wasm mounted, where the caret was, whether it had the focus.
struct Boot {
    text: String,
    selection: Option<(u32, u32)>,
    scroll_top: i32,
    focused: bool,
}

thread_local! {
    static BOOT: std::cell::RefCell<Option<Boot>> = const { std::cell::RefCell::new(None) };
}

/// Reads the boot shell's box, before the app mounts (mounting empties `<body>`, shell and
/// all). Returns whether anything was typed or pasted into it.
pub fn take_boot() -> bool {
    let doc = gloo::utils::document();
    let Some(area) = doc
        .get_element_by_id("boot-input")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return false;
    };
    let boot = Boot {
        text: text_of(&area),
        selection: match (area.selection_start(), area.selection_end()) {
            (Ok(Some(start)), Ok(Some(end))) => Some((start, end)),
            _ => None,
        },
        scroll_top: area.scroll_top(),
        focused: doc
            .active_element()
            .is_some_and(|e| js_sys::Object::is(&e, &area)),
    };
    let pasted = !boot.text.is_empty();
    BOOT.set(Some(boot));
    pasted
}

/// What was typed or pasted into the boot shell before the app mounted ([`take_boot`]).
pub fn boot_text() -> String {
    BOOT.with_borrow(|b| b.as_ref().map(|b| b.text.clone()).unwrap_or_default())
}

/// Once the app has rendered in the shell's place: gives its box the shell's focus, caret and
/// scroll position. Nothing typed meanwhile is lost: the app started from [`boot_text`], in the
/// same task, with no input event between them.
pub fn drop_boot() {
    let Some(boot) = BOOT.take() else { return };
    let app = gloo::utils::document()
        .get_element_by_id("token-input")
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let (true, Some(app)) = (boot.focused, app) {
        let _ = app.focus();
        if let Some((start, end)) = boot.selection {
            let _ = app.set_selection_range(start, end);
        }
        app.set_scroll_top(boot.scroll_top);
    }
}

/// Calls `f` whenever the fragment changes while the page is open. Returns the listener, which
/// stops listening when dropped.
pub fn on_hash_change(f: impl Fn() + 'static) -> Option<gloo::events::EventListener> {
    let win = window()?;
    Some(gloo::events::EventListener::new(
        &win,
        "hashchange",
        move |_| f(),
    ))
}

/// Copies `text` to the clipboard: the async Clipboard API where the page is a secure context,
/// else the older `execCommand("copy")` on a temporary text area. Returns whether it worked
/// (for the Clipboard API: whether it was started).
pub fn copy_text(text: &str) -> bool {
    let Some(win) = window() else { return false };
    let navigator = win.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if has_clipboard && win.is_secure_context() {
        let promise = navigator.clipboard().write_text(text);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
        return true;
    }
    copy_with_exec_command(&win, text).unwrap_or(false)
}

fn copy_with_exec_command(win: &web_sys::Window, text: &str) -> Option<bool> {
    let doc = win.document()?;
    let area: web_sys::HtmlTextAreaElement =
        doc.create_element("textarea").ok()?.dyn_into().ok()?;
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    area.set_class_name("offscreen");
    let body = doc.body()?;
    body.append_child(&area).ok()?;
    area.select();
    let ok = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    Some(ok)
}

/// Scrolls the element with id `id` into view and moves the focus there (for screen readers).
pub fn bring_into_view(id: &str) {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.scroll_into_view();
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Offers `text` as a file download named `name` (a Blob URL, revoked once clicked: nothing is
/// sent anywhere). Returns whether the browser took it.
pub fn download(name: &str, text: &str, mime: &str) -> bool {
    download_blob(name, text, mime).is_some()
}

fn download_blob(name: &str, text: &str, mime: &str) -> Option<()> {
    let doc = window()?.document()?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_class_name("offscreen");
    let body = doc.body()?;
    body.append_child(&a).ok()?;
    a.click();
    a.remove();
    // The download has started from the click; the URL can go once the browser has it.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000)
        .ok()?;
    Some(())
}

/// If anything ever panics, replace the page with a readable message instead of leaving a dead
/// page. It replaces Yew's default hook, which would print the panic (possibly with token text)
/// to the console.
pub fn install_panic_message() {
    yew::set_custom_panic_hook(Box::new(|_| show_fatal_message()));
}

/// Replaces everything in the element the app is mounted on (the page body; the body as well
/// if the app has not mounted yet) with the last-resort message: what happened, what to do,
/// and that nothing was sent. Says nothing about the input, and the token goes with the app.
pub fn show_fatal_message() {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let container = document
        .get_element_by_id("app")
        .and_then(|app| app.parent_element())
        .or_else(|| document.body().map(Into::into));
    if let Some(container) = container {
        container.set_inner_html(
            "<main id=\"app\" class=\"app\"><section class=\"card fatal\" role=\"alert\" data-testid=\"fatal\">\
             <h2>Something went wrong inside the inspector</h2>\
             <p>This is a bug, not a problem with your token. Reload the page to start again. \
             Nothing you pasted was sent anywhere.</p></section></main>",
        );
    }
}

/// localStorage key of the expected-scope checklist: the only thing this page ever stores.
const CHECKLIST_KEY: &str = "sfcc-token-inspector.checklist";

fn local_storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// The checklist remembered from an earlier visit (text form: one scope per line).
pub fn load_checklist() -> String {
    local_storage()
        .and_then(|s| s.get_item(CHECKLIST_KEY).ok().flatten())
        .unwrap_or_default()
}

/// Remembers the checklist; an empty one removes the entry. Takes the checklist's own type, so
/// nothing else (a token) can be stored by mistake.
pub fn save_checklist(checklist: &crate::inspect::checklist::Expectations) {
    let Some(storage) = local_storage() else {
        return;
    };
    if checklist.is_empty() {
        let _ = storage.remove_item(CHECKLIST_KEY);
    } else {
        let _ = storage.set_item(CHECKLIST_KEY, &checklist.to_text());
    }
}

/// A link to this page whose fragment holds only the checklist (`#expect=a,b|c`).
pub fn checklist_link(checklist: &crate::inspect::checklist::Expectations) -> String {
    let Some(location) = window().map(|w| w.location()) else {
        return String::new();
    };
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let items: Vec<String> = checklist
        .to_text()
        .lines()
        .map(|l| String::from(js_sys::encode_uri_component(l)))
        .collect();
    format!("{base}#expect={}", items.join(","))
}

/// Printing shows every disclosure (CSS cannot open a `details`): when the page is about to be
/// printed (`beforeprint`, or the print media query starting to match, as when a test emulates
/// print), every closed `details` in `main` is opened and marked; afterwards the marked ones are
/// closed again. Returns the listeners, which stop listening when dropped.
pub fn open_disclosures_for_print() -> Vec<gloo::events::EventListener> {
    use gloo::events::EventListener;
    let Some(win) = window() else {
        return Vec::new();
    };
    let mut listeners = vec![
        EventListener::new(&win, "beforeprint", |_| open_disclosures(true)),
        EventListener::new(&win, "afterprint", |_| open_disclosures(false)),
    ];
    if let Ok(Some(print)) = win.match_media("print") {
        let query = print.clone();
        listeners.push(EventListener::new(&print, "change", move |_| {
            open_disclosures(query.matches())
        }));
    }
    listeners
}

const PRINT_OPENED: &str = "data-print-opened";

/// Opens every closed disclosure of `main` (`open`), or closes again those it opened.
fn open_disclosures(open: bool) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let selector = if open {
        "main details:not([open])"
    } else {
        "main details[data-print-opened]"
    };
    let Ok(found) = doc.query_selector_all(selector) else {
        return;
    };
    for i in 0..found.length() {
        let Some(el) = found
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if open {
            let _ = el.set_attribute("open", "");
            let _ = el.set_attribute(PRINT_OPENED, "");
        } else {
            let _ = el.remove_attribute("open");
            let _ = el.remove_attribute(PRINT_OPENED);
        }
    }
}

thread_local! {
    static RENDERS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The report's cards below the fold are laid out lazily (`content-visibility: auto`) for a new
/// report's first paint; at the first idle moment after it the page is marked
/// `data-render="full"` (on the root element, which the app does not render), and the stylesheet
/// then lays out every card, so that a full-page capture shows them all. Called after each render
/// of new evidence: the mark goes at once (before the browser lays the new report out) and comes
/// back when the browser is idle again.
pub fn render_lazily_until_idle() {
    let Some(win) = window() else { return };
    let Some(root) = win.document().and_then(|d| d.document_element()) else {
        return;
    };
    let _ = root.remove_attribute("data-render");
    let render = RENDERS.with(|r| {
        r.set(r.get().wrapping_add(1));
        r.get()
    });
    when_idle(0, move || {
        // Only the latest render's: an earlier one's idle moment may come after a newer paste.
        if RENDERS.with(|r| r.get()) == render {
            let _ = root.set_attribute("data-render", "full");
        }
    });
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A text box whose `value` is left a JS string.
    type TextBox;
    #[wasm_bindgen(method, getter)]
    fn value(this: &TextBox) -> js_sys::JsString;
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &js_sys::JsString) -> js_sys::Uint8Array;
}

/// The text of a text box, read through the browser's `TextEncoder` and copied into the wasm in
/// one step. wasm-bindgen's own conversion (`value()`) walks an ASCII text one character at a
/// time in JS, which is still cold on the first paste: 4–6 ms for a 64 KB token.
pub fn text_of(area: &web_sys::HtmlTextAreaElement) -> String {
    let bytes = TextEncoder::new()
        .encode(&area.unchecked_ref::<TextBox>().value())
        .to_vec();
    // The encoder writes UTF-8 only (a lone surrogate becomes U+FFFD).
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

//! Opening a HAR: a file picker, drag-and-drop anywhere on the page, the file read with the
//! File API in slices (it never leaves the browser), a progress bar and Cancel. The reading
//! yields to the browser between slices, so the page stays responsive on a 50 MB file.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::inspect::har::{self, Progress};
use crate::inspect::session::{self, Session};

/// The File API hands the file over in slices of this size.
const SLICE: usize = 4 << 20;
/// The reader walks this much of the file per step …
const STEP: usize = 256 << 10;
/// … and steps for about this long (ms) before it lets the browser handle input and paint.
const SLICE_MS: f64 = 24.0;
/// The largest file the page reads: past this, the tab's memory is at risk.
pub const MAX_HAR_BYTES: usize = 1 << 30;

/// A HAR opened, or why it could not be.
#[derive(Clone, PartialEq)]
pub struct Opened {
    /// The file's name.
    pub name: Rc<str>,
    /// The file, kept to be read again for the sanitized export (never stored).
    pub file: Option<web_sys::File>,
    /// The session, or the sentence that says why there is none.
    pub session: Result<Rc<Session>, String>,
}

/// How far the reading has got.
#[derive(Clone, PartialEq)]
struct Loading {
    name: Rc<str>,
    total: usize,
    /// Bytes handed over by the File API.
    loaded: usize,
    /// What the HAR reader has walked, once it runs.
    parsed: Option<Progress>,
}

#[derive(Properties, PartialEq)]
pub struct HarOpenProps {
    /// A file was read (or failed).
    pub on_open: Callback<Opened>,
}

/// The picker, the drop zone over the whole page and the progress of a reading.
#[component]
pub fn HarOpen(props: &HarOpenProps) -> Html {
    let loading = use_state(|| None::<Loading>);
    let cancel = use_mut_ref(|| Rc::new(Cell::new(false)));
    let dragging = use_state(|| false);
    let input = use_node_ref();
    let start = {
        let loading = loading.clone();
        let cancel = cancel.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |file: web_sys::File| {
            let flag = Rc::new(Cell::new(false));
            // A file opened while another is read replaces it: the first reading stops.
            cancel.borrow().set(true);
            *cancel.borrow_mut() = flag.clone();
            wasm_bindgen_futures::spawn_local(open(file, loading.clone(), flag, on_open.clone()));
        })
    };
    use_drop_anywhere(dragging.clone(), start.clone());
    let onchange = {
        let start = start.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(file) = el.files().and_then(|f| f.get(0)) {
                start.emit(file);
            }
            // The same file can be opened again.
            el.set_value("");
        })
    };
    let pick = {
        let input = input.clone();
        Callback::from(move |_| {
            if let Some(el) = input.cast::<web_sys::HtmlElement>() {
                el.click();
            }
        })
    };
    let on_cancel = {
        let cancel = cancel.clone();
        Callback::from(move |_| cancel.borrow().set(true))
    };
    html! {
        <div class="har-open" data-testid="har-open">
            <button type="button" class="button" data-testid="har-open-button" onclick={pick}>{ "Open a HAR file…" }</button>
            <input id="har-file" class="hidden-input" type="file" accept=".har,.json,application/json"
                data-testid="har-file" aria-label="HAR file" ref={input} {onchange} />
            <span class="muted">{ " or drop it anywhere on the page. It is read here and never leaves your browser." }</span>
            if let Some(l) = &*loading {
                { progress(l, on_cancel) }
            }
            if *dragging {
                <div class="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
                    <p>{ "Drop the HAR file to read it here. Nothing is sent." }</p>
                </div>
            }
        </div>
    }
}

fn progress(l: &Loading, on_cancel: Callback<MouseEvent>) -> Html {
    // Tenths of a MB, in integers (no float formatting code in the wasm).
    let mb = |b: usize| {
        let tenths = b / 104_858;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    let (value, text) = match l.parsed {
        None => (
            l.loaded,
            format!("Reading {}: {} of {} MB", l.name, mb(l.loaded), mb(l.total)),
        ),
        Some(p) => (
            p.bytes_read,
            format!(
                "Reading the entries of {}: {} found, {} of {} MB",
                l.name,
                p.entries,
                mb(p.bytes_read),
                mb(l.total)
            ),
        ),
    };
    html! {
        <div class="har-progress" role="status" data-testid="har-progress">
            <progress max={l.total.max(1).to_string()} value={value.to_string()} aria-label="Reading the HAR file" />
            <span>{ text }</span>
            <button type="button" class="button" data-testid="har-cancel" onclick={on_cancel}>{ "Cancel" }</button>
        </div>
    }
}

/// Drag-and-drop anywhere on the page: an overlay while a file is dragged over it, the file
/// read when dropped.
#[hook]
fn use_drop_anywhere(dragging: UseStateHandle<bool>, start: Callback<web_sys::File>) {
    use_effect_with((), move |_| {
        let doc = gloo::utils::document();
        let opts = EventListenerOptions::enable_prevent_default();
        let has_files = |e: &web_sys::DragEvent| {
            e.data_transfer().is_some_and(|d| {
                d.types()
                    .iter()
                    .any(|t| t.as_string().as_deref() == Some("Files"))
            })
        };
        let over = {
            let dragging = dragging.clone();
            EventListener::new_with_options(&doc, "dragover", opts, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::DragEvent>() else {
                    return;
                };
                if has_files(e) {
                    e.prevent_default();
                    if !*dragging {
                        dragging.set(true);
                    }
                }
            })
        };
        let leave = {
            let dragging = dragging.clone();
            EventListener::new(&doc, "dragleave", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::DragEvent>() else {
                    return;
                };
                // Leaving the window: no related target.
                if e.related_target().is_none() {
                    dragging.set(false);
                }
            })
        };
        let dropped = EventListener::new_with_options(&doc, "drop", opts, move |e| {
            let Some(e) = e.dyn_ref::<web_sys::DragEvent>() else {
                return;
            };
            let file = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0));
            dragging.set(false);
            if let Some(file) = file {
                e.prevent_default();
                start.emit(file);
            }
        });
        move || drop((over, leave, dropped))
    });
}

/// Reads `file` in slices, then its entries in steps, then composes the session.
async fn open(
    file: web_sys::File,
    loading: UseStateHandle<Option<Loading>>,
    cancel: Rc<Cell<bool>>,
    on_open: Callback<Opened>,
) {
    let name: Rc<str> = file.name().into();
    let total = file.size() as usize;
    let result = read(&file, &name, total, &loading, &cancel).await;
    loading.set(None);
    match result {
        Err(None) => {} // cancelled
        Err(Some(message)) => on_open.emit(Opened {
            name,
            file: None,
            session: Err(message),
        }),
        Ok(session) => on_open.emit(Opened {
            name,
            file: Some(file),
            session: Ok(Rc::new(session)),
        }),
    }
}

/// `Err(None)`: cancelled; `Err(Some(why))`: the page says why.
async fn read(
    file: &web_sys::File,
    name: &Rc<str>,
    total: usize,
    loading: &UseStateHandle<Option<Loading>>,
    cancel: &Cell<bool>,
) -> Result<Session, Option<String>> {
    if total > MAX_HAR_BYTES {
        return Err(Some(format!(
            "{name} is {} MB: the page reads HAR files up to {} MB. Export fewer requests (filter the Network panel to Fetch/XHR and Doc), or cut the file.",
            total >> 20,
            MAX_HAR_BYTES >> 20
        )));
    }
    let mut state = Loading {
        name: name.clone(),
        total,
        loaded: 0,
        parsed: None,
    };
    loading.set(Some(state.clone()));
    let bytes = load(
        file,
        total,
        |at| {
            state.loaded = at;
            loading.set(Some(state.clone()));
        },
        cancel,
    )
    .await?;
    let mut reader = har::Reader::new(&bytes).map_err(|e| Some(format!("{name}: {e}")))?;
    loop {
        let since = js_sys::Date::now();
        let mut p = reader.step(&bytes, STEP);
        while !p.done && js_sys::Date::now() - since < SLICE_MS {
            p = reader.step(&bytes, STEP);
        }
        state.parsed = Some(p);
        loading.set(Some(state.clone()));
        if p.done {
            break;
        }
        next_task().await;
        if cancel.get() {
            return Err(None);
        }
    }
    let har = reader.finish();
    drop(bytes);
    next_task().await;
    Ok(session::read(har))
}

/// The file's bytes, slice by slice.
async fn load(
    file: &web_sys::File,
    total: usize,
    mut progress: impl FnMut(usize),
    cancel: &Cell<bool>,
) -> Result<Vec<u8>, Option<String>> {
    let failed =
        |_| Some("The browser could not read the file (was it moved or deleted?).".to_string());
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(total).map_err(|_| {
        Some(format!(
            "The file is {} MB: there is not enough memory for it in this tab. Close other tabs, or export fewer requests.",
            total >> 20
        ))
    })?;
    let mut at = 0;
    while at < total {
        let end = (at + SLICE).min(total);
        let blob = file
            .slice_with_f64_and_f64(at as f64, end as f64)
            .map_err(failed)?;
        let buffer = JsFuture::from(blob.array_buffer()).await.map_err(failed)?;
        let array = js_sys::Uint8Array::new(&buffer);
        let old = bytes.len();
        bytes.resize(old + array.length() as usize, 0);
        array.copy_to(&mut bytes[old..]);
        at = end;
        progress(at);
        if cancel.get() {
            return Err(None);
        }
    }
    Ok(bytes)
}

/// The bytes of a file opened before (for the sanitized export).
pub async fn bytes_of(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let never = Cell::new(false);
    load(file, file.size() as usize, |_| {}, &never)
        .await
        .map_err(Option::unwrap_or_default)
}

/// Lets the browser run its queue (input, painting) before the reading goes on.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

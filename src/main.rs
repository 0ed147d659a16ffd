//! Browser entry point: mounts the Yew app. All logic lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    sfcc_token_inspector::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a browser app: build it with `trunk build --release` (see README.md).");
    std::process::exit(2);
}

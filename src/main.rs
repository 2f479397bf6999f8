//! The web app's entry point: mounts the Yew app. Build it with `trunk build`; natively this binary
//! only says so.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The page opened with `#facilitate` is the facilitator's console, which is its own module
    // (`src/bin/facilitator.rs`): the boot script loads that one instead of this.
    yew::Renderer::<incident_trainer::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("incident-trainer is the browser app: build it with `trunk build` (see README.md).");
    eprintln!("For the command line, use `incident-sim`.");
    std::process::exit(2);
}

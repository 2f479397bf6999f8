//! The web app's entry point: mounts the Yew app. Build it with `trunk build`; natively this binary
//! only says so.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The same page opened with `#facilitate` is the facilitator's console, beside the room's.
    if incident_trainer::ui::facilitating() {
        yew::Renderer::<incident_trainer::ui::Facilitate>::new().render();
    } else {
        yew::Renderer::<incident_trainer::ui::App>::new().render();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("incident-trainer is the browser app: build it with `trunk build` (see README.md).");
    eprintln!("For the command line, use `incident-sim`.");
    std::process::exit(2);
}

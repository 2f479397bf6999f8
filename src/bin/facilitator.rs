//! The facilitator's console, in its own window (the page opened with `#facilitate`) and its own
//! module, so the trainee's page does not download it: the page's boot script loads this one
//! instead of the app when the window is the facilitator's. It talks to the room's window over the
//! browser's BroadcastChannel (`ui::room`), as it did when it was a screen of the app.

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<incident_trainer::ui::Facilitate>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "the facilitator's console runs in the browser: open the built page with #facilitate"
    );
    std::process::ExitCode::from(2)
}

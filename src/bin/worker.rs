//! The page's worker, off its main thread: the page sends a file's text, the worker parses and
//! validates it (the TOML parser lives here, not in the page's first download) and answers with
//! the scenario or its errors; it also runs the solver for the author's page (posting progress;
//! the page cancels a search by stopping the worker) and holds the built-ins' sources. See
//! `worker::protocol` for the messages.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        // Bytes (postcard); anything else reads as an empty request, which is answered Garbled.
        let request = e
            .data()
            .dyn_into::<js_sys::Uint8Array>()
            .map(|bytes| bytes.to_vec())
            .unwrap_or_default();
        incident_trainer::worker::protocol::answer_each(&request, &mut |reply| {
            let _ = reply_to.post_message(&js_sys::Uint8Array::from(reply.as_slice()));
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(
        incident_trainer::worker::protocol::READY,
    ));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!("the worker runs in the browser, beside the web app; use `incident-sim validate` or `incident-sim solve` here");
    std::process::ExitCode::from(2)
}

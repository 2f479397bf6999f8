//! The page's handle on its worker: started on the first file opened or on the author's
//! page (its wasm holds the TOML parser and the solver, so the page's first download does not).
//! Dropping the handle stops the worker: that is how a search is cancelled.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use crate::worker::protocol::{self as remote, Reply};

/// Where Trunk puts the worker's loader (worker files keep their names: see index.html).
const LOADER: &str = "./worker_loader.js";

/// Why the worker could not be started or reached.
#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error("the checker did not start: {0}")]
    NotStarted(String),
    #[error("the checker could not be reached: {0}")]
    Unreachable(String),
}

pub struct WorkerClient {
    worker: Worker,
    /// A request made before the worker said it listens.
    held: Rc<RefCell<Option<Vec<u8>>>>,
    ready: Rc<Cell<bool>>,
    // Dropped with the worker, which is terminated first.
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl WorkerClient {
    /// Starts the worker; every reply goes to `on_reply`.
    pub fn start(on_reply: Callback<Reply>) -> Result<WorkerClient, WorkerError> {
        let worker = Worker::new(LOADER).map_err(|e| WorkerError::NotStarted(format!("{e:?}")))?;
        let replies = on_reply.clone();
        let (held, ready) = (
            Rc::new(RefCell::new(None::<Vec<u8>>)),
            Rc::new(Cell::new(false)),
        );
        let (hold, heard) = (Rc::clone(&held), Rc::clone(&ready));
        let port = worker.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            if data.as_string().as_deref() == Some(remote::READY) {
                heard.set(true);
                if let Some(request) = hold.borrow_mut().take() {
                    let _ = port.post_message(&bytes(&request));
                }
                return;
            }
            // A reply is bytes (postcard); anything else reads as empty, which is Garbled.
            let reply = data
                .dyn_into::<js_sys::Uint8Array>()
                .map(|b| b.to_vec())
                .unwrap_or_default();
            replies.emit(remote::read_reply(&reply));
        });
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            on_reply.emit(Reply::Garbled(
                "the checker stopped with an error; reload the page and try again".into(),
            ));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerClient {
            worker,
            held,
            ready,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Asks for a job (see `remote::Job`); the latest request wins while the worker starts.
    pub fn job(&self, file: &str, text: &str, job: remote::Job) -> Result<(), WorkerError> {
        self.send(remote::job(file, text, job))
    }

    fn send(&self, request: Vec<u8>) -> Result<(), WorkerError> {
        if !self.ready.get() {
            *self.held.borrow_mut() = Some(request);
            return Ok(());
        }
        self.worker
            .post_message(&bytes(&request))
            .map_err(|e| WorkerError::Unreachable(format!("{e:?}")))
    }
}

fn bytes(message: &[u8]) -> js_sys::Uint8Array {
    js_sys::Uint8Array::from(message)
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

//! The page's worker's client: started on the first request, every reply to `on_reply`, and
//! stopped with the component.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::ui::worker_client::{WorkerClient, WorkerError};
use crate::worker::protocol::{Job, Reply};

/// A handle on one worker, cheap to clone into callbacks.
#[derive(Clone)]
pub struct WorkerHandle {
    worker: Rc<RefCell<Option<WorkerClient>>>,
    on_reply: Callback<Reply>,
}

impl WorkerHandle {
    /// Sends a job, starting the worker if need be.
    pub fn job(&self, file: &str, text: &str, job: Job) -> Result<(), WorkerError> {
        let mut worker = self.worker.borrow_mut();
        if worker.is_none() {
            *worker = Some(WorkerClient::start(self.on_reply.clone())?);
        }
        worker.as_ref().map_or(Ok(()), |v| v.job(file, text, job))
    }

    /// Stops the worker (a job under way is dropped with it): how a search is cancelled.
    pub fn stop(&self) {
        self.worker.borrow_mut().take();
    }

    /// Asks for a file to be checked.
    pub fn check(&self, file: &str, text: &str) -> Result<(), WorkerError> {
        self.job(file, text, Job::Check)
    }
}

#[hook]
pub fn use_worker(on_reply: Callback<Reply>) -> WorkerHandle {
    let worker = use_mut_ref(|| None::<WorkerClient>);
    {
        let worker = worker.clone();
        use_effect_with((), move |_| move || drop(worker.borrow_mut().take()));
    }
    WorkerHandle { worker, on_reply }
}

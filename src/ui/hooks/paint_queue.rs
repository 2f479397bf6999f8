//! Canvas redraws, spread over animation frames: at most one chart paints per frame, so a scrape
//! that lands on four charts never makes one long task. A chart queued again before it painted is
//! painted once, with its latest data.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use super::frame::on_next_frame;

type Job = Rc<dyn Fn()>;

#[derive(Default)]
struct Queue {
    jobs: VecDeque<(u64, Job)>,
    /// A frame is asked for and has not run yet.
    pump: bool,
    next_id: u64,
}

thread_local! {
    static QUEUE: RefCell<Queue> = RefCell::default();
}

/// A fresh id for one canvas.
pub fn painter_id() -> u64 {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.next_id += 1;
        q.next_id
    })
}

/// Queues `job` for canvas `id`, replacing any job of the same canvas still waiting.
pub fn queue_paint(id: u64, job: Job) {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        match q.jobs.iter_mut().find(|(i, _)| *i == id) {
            Some(slot) => slot.1 = job,
            None => q.jobs.push_back((id, job)),
        }
        if !q.pump {
            q.pump = true;
            on_next_frame(|_| pump());
        }
    });
}

fn pump() {
    let job = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.pump = false;
        q.jobs.pop_front().map(|(_, job)| job)
    });
    if let Some(job) = job {
        job();
    }
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        if !q.jobs.is_empty() && !q.pump {
            q.pump = true;
            on_next_frame(|_| pump());
        }
    });
}

//! Prints how long a scrub of the replay screen takes on a 4-hour run (the built-in leak's time
//! limit, the real team's actions): rebuilt from the start, and from the nearest snapshot.
//! Figures, not pass/fail.

use std::rc::Rc;
use std::time::{Duration, Instant};

use incident_trainer::scenario::library;
use incident_trainer::ui::session::rewind::{Kept, Rewind};
use incident_trainer::ui::session::Session;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let s = Rc::new(library::builtin("ecommerce-memory-leak").expect("built-in scenario"));
    let actions = s.reference_actions();
    let end = s.config.duration_s;
    // Minutes spread over the run, in a scrubbing order (back and forth).
    let minutes: Vec<u32> = (0..24).map(|i| (i * 97 % 240) + 1).collect();
    let from_start: Vec<Duration> = minutes
        .iter()
        .map(|m| {
            let due: Vec<_> = actions
                .iter()
                .filter(|a| a.tick <= m * 60)
                .cloned()
                .collect();
            let start = Instant::now();
            let session = Session::replay(Rc::clone(&s), s.seed, &due, m * 60).expect("replays");
            std::hint::black_box(session.tick());
            start.elapsed()
        })
        .collect();
    let kept = Kept {
        seed: s.seed,
        actions: &actions,
        injects: &[],
        end,
    };
    let mut rewind = Rewind::new(Rc::clone(&s), &kept);
    let start = Instant::now();
    std::hint::black_box(rewind.at(end).tick());
    let first = start.elapsed();
    let snapshotted: Vec<Duration> = minutes
        .iter()
        .map(|m| {
            let start = Instant::now();
            std::hint::black_box(rewind.at(m * 60).tick());
            start.elapsed()
        })
        .collect();
    let slowest = |times: &[Duration]| times.iter().max().map_or(0.0, |d| d.as_secs_f64() * 1e3);
    println!(
        "scrub, 4-hour run, rebuilt from the start      median {:>8.2} ms  slowest {:>8.2} ms",
        median(from_start.clone()),
        slowest(&from_start)
    );
    println!(
        "scrub, 4-hour run, from a 10-minute snapshot   median {:>8.2} ms  slowest {:>8.2} ms  ({} snapshots; the first scrub to the end, keeping them: {:.2} ms)",
        median(snapshotted.clone()),
        slowest(&snapshotted),
        rewind.snapshots(),
        first.as_secs_f64() * 1e3
    );
}

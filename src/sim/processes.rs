//! How one host's process differs a little from the next: its process id, the live heap it comes
//! back with after a restart, how much CPU it reads. All drawn from the run's hosts stream, one
//! draw after another in the order the world asks, so a run repeats exactly.

use rand::RngExt;
use rand_chacha::ChaCha8Rng;

/// The largest live heap a restarted process comes back above or below the baseline, as a share.
pub const HEAP_SPREAD: f64 = 0.02;
/// The largest difference in a process's CPU reading from the model's, as a share.
pub const CPU_SPREAD: f64 = 0.03;
/// Process ids start above what the system takes at boot and wrap below this.
const PID_FIRST: u32 = 1_000;
const PID_MAX: u32 = 32_768;

/// One process's draws: its id and how it differs from the model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProcessDraw {
    pub pid: u32,
    /// Multiplies the baseline live heap it starts with.
    pub heap_factor: f64,
    /// Multiplies its CPU reading.
    pub cpu_factor: f64,
}

#[derive(Clone, Debug)]
pub struct ProcessDraws {
    rng: ChaCha8Rng,
}

impl ProcessDraws {
    pub fn new(rng: ChaCha8Rng) -> ProcessDraws {
        ProcessDraws { rng }
    }

    /// A uniform draw in [-1, 1].
    fn signed(&mut self) -> f64 {
        super::rng::signed(&mut self.rng)
    }

    /// A process id the host has not just used: the first one anywhere, or a later one after
    /// `previous` (the processes started in between took the ones between).
    pub fn pid(&mut self, previous: Option<u32>) -> u32 {
        let span = PID_MAX - PID_FIRST;
        let offset = match previous {
            None => self.rng.random_range(0..span),
            Some(p) => p - PID_FIRST + 40 + self.rng.random_range(0..2_000),
        };
        PID_FIRST + offset % span
    }

    /// A new process on a host: its id after `previous`, and how it differs.
    pub fn process(&mut self, previous: Option<u32>) -> ProcessDraw {
        let pid = self.pid(previous);
        ProcessDraw {
            pid,
            heap_factor: 1.0 + HEAP_SPREAD * self.signed(),
            cpu_factor: 1.0 + CPU_SPREAD * self.signed(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn draws(seed: u64) -> ProcessDraws {
        ProcessDraws::new(ChaCha8Rng::seed_from_u64(seed))
    }

    #[test]
    fn draws_repeat_for_a_seed_and_stay_in_their_bounds() {
        let (mut a, mut b) = (draws(7), draws(7));
        let mut previous = None;
        for _ in 0..2_000 {
            let (x, y) = (a.process(previous), b.process(previous));
            assert_eq!(x, y);
            assert!((PID_FIRST..PID_MAX).contains(&x.pid));
            assert_ne!(Some(x.pid), previous, "a restart gets a new id");
            assert!((x.heap_factor - 1.0).abs() <= HEAP_SPREAD);
            assert!((x.cpu_factor - 1.0).abs() <= CPU_SPREAD);
            previous = Some(x.pid);
        }
        assert_ne!(draws(7).process(None), draws(8).process(None));
    }
}

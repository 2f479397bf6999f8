//! Seeded random streams. Each subsystem draws from its own ChaCha8 stream of the run's seed, so
//! adding draws in one subsystem never shifts another's numbers. ChaCha8 gives the same output on
//! every platform (unlike `SmallRng`), which keeps native and wasm32 traces identical.

use rand::distr::{Distribution, Uniform};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

const TRAFFIC_STREAM: u64 = 1;
const VARIATION_STREAM: u64 = 2;
const HOSTS_STREAM: u64 = 3;

pub struct Streams {
    seed: u64,
}

impl Streams {
    pub fn new(seed: u64) -> Streams {
        Streams { seed }
    }

    fn stream(&self, id: u64) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(id);
        rng
    }

    pub fn traffic(&self) -> ChaCha8Rng {
        self.stream(TRAFFIC_STREAM)
    }

    /// The draws that make a seed's variant of a scenario.
    pub fn variation(&self) -> ChaCha8Rng {
        self.stream(VARIATION_STREAM)
    }

    /// What makes one host's process differ a little from the next: its id, the heap it comes
    /// back with, its CPU reading.
    pub fn hosts(&self) -> ChaCha8Rng {
        self.stream(HOSTS_STREAM)
    }
}

/// A uniform draw in [-1, 1] (a seed's variation, traffic noise, a host's spread).
pub fn signed(rng: &mut ChaCha8Rng) -> f64 {
    Uniform::new_inclusive(-1.0, 1.0)
        .expect("-1 <= 1 is a range")
        .sample(rng)
}

/// A stateless, portable 64-bit mix (SplitMix64's finaliser): picks background log lines from
/// (seed, tick, host) without keeping generator state.
pub fn mix64(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

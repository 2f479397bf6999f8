//! A stable 64-bit hash of a trace: the same bytes on every platform and every release of the
//! toolchain (std's `Hasher`s promise neither), fed word by word.

use super::simulation::Trace;

pub struct StableHasher {
    state: u64,
}

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher {
            state: 0x243f_6a88_85a3_08d3,
        }
    }
}

impl StableHasher {
    pub fn word(&mut self, word: u64) {
        self.state = (self.state.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    /// Floats by their bits, with every NaN folded into one so NaN payloads never matter.
    pub fn f32(&mut self, value: f32) {
        self.word(if value.is_nan() {
            0x7fc0_0000
        } else {
            u64::from(value.to_bits())
        });
    }

    pub fn f64(&mut self, value: f64) {
        self.word(if value.is_nan() {
            0x7ff8_0000_0000_0000
        } else {
            value.to_bits()
        });
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        self.word(bytes.len() as u64);
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.word(u64::from_le_bytes(w));
        }
    }

    pub fn finish(&self) -> u64 {
        super::rng::mix64(self.state)
    }
}

/// Hashes everything a run produced: every sample, every event, every finding, the totals.
pub fn trace_hash(trace: &Trace) -> u64 {
    let mut h = StableHasher::default();
    h.word(trace.seed);
    h.word(u64::from(trace.ticks));
    let s = &trace.series;
    h.word(s.ticks.len() as u64);
    for (t, start) in s.ticks.iter().zip(&s.starts) {
        h.word(u64::from(*t));
        h.word(*start as u64);
    }
    for v in s.fleet.iter().chain(s.server.iter()).flatten() {
        h.f32(*v);
    }
    // Events and findings are structured data; their JSON is a canonical byte form (fields in
    // declaration order, floats printed shortest-round-trip, which is exact).
    for e in &trace.events.events {
        h.word(u64::from(e.tick));
        h.bytes(
            serde_json::to_string(&e.kind)
                .expect("events serialise")
                .as_bytes(),
        );
    }
    h.word(trace.events.dropped);
    for f in &trace.findings {
        h.bytes(
            serde_json::to_string(f)
                .expect("findings serialise")
                .as_bytes(),
        );
    }
    let i = &trace.impact;
    for v in [
        i.requests,
        i.failed_requests,
        i.orders,
        i.failed_orders,
        i.revenue,
        i.revenue_lost,
        i.peak_users_affected_pct,
    ] {
        h.f64(v);
    }
    h.word(i.outage_started_at.map_or(u64::MAX, u64::from));
    h.word(i.restored_at.map_or(u64::MAX, u64::from));
    h.finish()
}

/// The first scrape at which two traces differ, for determinism failures.
pub fn first_divergence(first: &Trace, second: &Trace) -> Option<u32> {
    let n = first.series.len().min(second.series.len());
    for i in 0..n {
        let row = |t: &Trace| -> Vec<u32> { t.series.row(i).map(f32::to_bits).collect() };
        if first.series.ticks[i] != second.series.ticks[i] || row(first) != row(second) {
            return Some(first.series.ticks[i]);
        }
    }
    let events = first
        .events
        .events
        .iter()
        .zip(&second.events.events)
        .find(|(x, y)| x != y);
    if let Some((x, y)) = events {
        return Some(x.tick.min(y.tick));
    }
    (first.series.len() != second.series.len()
        || first.events.events.len() != second.events.events.len()
        || first.findings != second.findings)
        .then_some(first.ticks.min(second.ticks))
}

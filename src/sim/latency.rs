//! Request latency: each server's percentiles from its load, merged into fleet percentiles through
//! a log-bucketed histogram (four buckets per doubling, read straight off the float's bits, so it
//! needs no logarithm and gives the same buckets on every platform).

/// Buckets cover 1 ms .. 2^16 ms (about 65 s) at four per octave.
const BUCKETS: usize = 16 * 4;

/// One server's latency over a scrape interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServerLatency {
    pub p50_ms: f64,
    pub latency_ms_p95: f64,
    pub p99_ms: f64,
}

/// What shapes one server's latency over an interval.
#[derive(Clone, Copy, Debug)]
pub struct LoadSample {
    /// Request service time including dependency calls, unloaded.
    pub service_ms: f64,
    /// Demand over capacity.
    pub utilisation: f64,
    /// Share of the interval spent in GC pauses.
    pub gc_share: f64,
    pub gc_pause_ms: f64,
    pub timeout_ms: f64,
}

/// CPU cores one server's requests share: the "servers" of its M/M/c queue.
const CORES: f64 = 4.0;

/// Queueing adds a wait that grows as utilisation nears 1 (Sakasegawa's approximation of an M/M/c
/// queue: wait = service * rho^(sqrt(2(c+1)) - 1) / (c (1 - rho))), until timeouts cap it. For
/// c = 4 the exponent is 2.16; it is rounded to 2 so the hot path needs no `pow`. A GC pause lands in the tail first: it reaches p99 once GC takes 1% of the time.
/// Requests that timed out are counted apart, at the timeout.
pub fn server_latency(load: &LoadSample) -> ServerLatency {
    let rho = load.utilisation.clamp(0.0, 0.97);
    let wait_ms = load.service_ms * rho * rho / (CORES * (1.0 - rho));
    let mean_ms = load.service_ms + wait_ms;
    let (mut p50, mut p95, mut p99) = (mean_ms * 0.8, mean_ms * 2.2, mean_ms * 3.5);
    if load.gc_share > 0.5 {
        p50 += load.gc_pause_ms;
    }
    if load.gc_share > 0.05 {
        p95 += load.gc_pause_ms;
    }
    if load.gc_share > 0.01 {
        p99 += load.gc_pause_ms;
    }
    ServerLatency {
        p50_ms: p50.min(load.timeout_ms),
        latency_ms_p95: p95.min(load.timeout_ms),
        p99_ms: p99.min(load.timeout_ms),
    }
}

fn bucket_of(ms: f64) -> usize {
    let v = ms.max(1.0) as f32;
    let bits = v.to_bits();
    let exponent = ((bits >> 23) & 0xff) as i32 - 127;
    let quarter = ((bits >> 21) & 0b11) as i32;
    ((exponent * 4 + quarter).max(0) as usize).min(BUCKETS - 1)
}

/// The middle of a bucket, in milliseconds.
fn bucket_value(bucket: usize) -> f64 {
    let exponent = (bucket / 4) as i32;
    let quarter = (bucket % 4) as f64;
    let low = f64::from_bits(((exponent + 1023) as u64) << 52);
    low * (1.0 + (quarter + 0.5) / 4.0)
}

/// Fleet latency histogram for one scrape.
#[derive(Clone, Debug)]
pub struct Histogram {
    counts: [f64; BUCKETS],
    total: f64,
}

impl Default for Histogram {
    fn default() -> Self {
        Histogram {
            counts: [0.0; BUCKETS],
            total: 0.0,
        }
    }
}

impl Histogram {
    pub fn clear(&mut self) {
        *self = Histogram::default();
    }

    pub fn add(&mut self, ms: f64, requests: f64) {
        if requests > 0.0 {
            self.counts[bucket_of(ms)] += requests;
            self.total += requests;
        }
    }

    /// Adds `requests` spread as one server's percentiles say.
    pub fn add_server(&mut self, latency: &ServerLatency, requests: f64) {
        self.add(latency.p50_ms, requests * 0.5);
        self.add(latency.latency_ms_p95, requests * 0.45);
        self.add(latency.p99_ms, requests * 0.05);
    }

    pub fn is_empty(&self) -> bool {
        self.total <= 0.0
    }

    /// The `q` quantile (0..1), or 0 when nothing was recorded.
    pub fn quantile(&self, fraction: f64) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let wanted = fraction * self.total;
        let mut seen = 0.0;
        for (bucket, count) in self.counts.iter().enumerate() {
            seen += count;
            if seen >= wanted - 1e-9 {
                return bucket_value(bucket);
            }
        }
        bucket_value(BUCKETS - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_monotonic_and_close_to_the_value() {
        let mut last = 0;
        for ms in [1.0, 1.3, 2.0, 10.0, 95.0, 800.0, 5000.0, 30_000.0] {
            let b = bucket_of(ms);
            assert!(b >= last, "{ms}");
            last = b;
            let back = bucket_value(b);
            assert!((back / ms - 1.0).abs() < 0.2, "{ms} -> {back}");
        }
    }

    #[test]
    fn one_slow_server_in_four_shows_in_the_tail_not_the_median() {
        let fast = ServerLatency {
            p50_ms: 40.0,
            latency_ms_p95: 90.0,
            p99_ms: 140.0,
        };
        let slow = ServerLatency {
            p50_ms: 3000.0,
            latency_ms_p95: 5000.0,
            p99_ms: 5000.0,
        };
        let mut h = Histogram::default();
        for _ in 0..3 {
            h.add_server(&fast, 100.0);
        }
        h.add_server(&slow, 100.0);
        assert!(h.quantile(0.5) < 100.0);
        assert!(h.quantile(0.95) > 2000.0);
    }

    #[test]
    fn queueing_and_gc_raise_the_tail() {
        let calm = server_latency(&LoadSample {
            service_ms: 50.0,
            utilisation: 0.3,
            gc_share: 0.0,
            gc_pause_ms: 100.0,
            timeout_ms: 10_000.0,
        });
        let busy = server_latency(&LoadSample {
            utilisation: 0.9,
            gc_share: 0.1,
            service_ms: 50.0,
            gc_pause_ms: 100.0,
            timeout_ms: 10_000.0,
        });
        assert!(busy.p50_ms > calm.p50_ms);
        assert!(busy.p99_ms > calm.p99_ms + 100.0);
    }
}

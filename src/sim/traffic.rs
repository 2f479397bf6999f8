//! Requests per second: a time-of-day curve, campaign and surge multipliers, seeded wander.

use rand_chacha::ChaCha8Rng;

use super::config::{Campaign, TrafficConfig};

/// How slowly the random wander moves (per-tick autocorrelation).
const NOISE_MEMORY: f64 = 0.995;

/// A multiplier active over a window, ramping in and out linearly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub start_s: u32,
    pub end_s: u32,
    pub multiplier: f64,
    pub ramp_s: u32,
}

impl Window {
    pub fn factor(&self, tick: u32) -> f64 {
        if tick < self.start_s || tick >= self.end_s {
            return 1.0;
        }
        let ramp = self.ramp_s.max(1) as f64;
        let into = (tick - self.start_s) as f64 / ramp;
        let left = (self.end_s - tick) as f64 / ramp;
        let weight = into.min(left).min(1.0);
        1.0 + (self.multiplier - 1.0) * weight
    }
}

impl From<&Campaign> for Window {
    fn from(campaign: &Campaign) -> Window {
        Window {
            start_s: campaign.start_s,
            end_s: campaign.end_s,
            multiplier: campaign.multiplier,
            ramp_s: campaign.ramp_s,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Traffic {
    cfg: TrafficConfig,
    start_s_of_day: u32,
    windows: Vec<Window>,
    noise: f64,
    noise_step: f64,
    rng: ChaCha8Rng,
}

impl Traffic {
    pub fn new(cfg: &TrafficConfig, start_s_of_day: u32, rng: ChaCha8Rng) -> Traffic {
        Traffic {
            cfg: cfg.clone(),
            start_s_of_day,
            windows: cfg.campaigns.iter().map(Window::from).collect(),
            noise: 0.0,
            // Scales uniform draws so the wander has unit variance: sqrt(3 (1 - a^2)).
            noise_step: (3.0 * (1.0 - NOISE_MEMORY * NOISE_MEMORY)).sqrt(),
            rng,
        }
    }

    /// Adds a surge (a fault) on top of the campaigns.
    pub fn add_window(&mut self, window: Window) {
        self.windows.push(window);
    }

    /// Time-of-day factor, linear between the hourly points.
    pub fn profile(&self, tick: u32) -> f64 {
        let s_of_day = (self.start_s_of_day as u64 + tick as u64) % 86_400;
        let hour = (s_of_day / 3600) as usize;
        let frac = (s_of_day % 3600) as f64 / 3600.0;
        let a = self.cfg.hourly_profile[hour];
        let b = self.cfg.hourly_profile[(hour + 1) % 24];
        a + (b - a) * frac
    }

    /// The expected rate without the random wander.
    pub fn expected_rps(&self, tick: u32) -> f64 {
        let windows: f64 = self.windows.iter().map(|w| w.factor(tick)).product();
        if !self.cfg.observed.is_empty() {
            return observed_rps(&self.cfg.observed, tick) * windows;
        }
        self.cfg.baseline_rps * self.profile(tick) * windows
    }

    /// Draws this tick's requests.
    pub fn next_rps(&mut self, tick: u32) -> f64 {
        let uniform = super::rng::signed(&mut self.rng);
        self.noise = NOISE_MEMORY * self.noise + self.noise_step * uniform;
        let wander = (1.0 + self.cfg.noise_share * self.noise).max(0.0);
        let rps = self.expected_rps(tick) * wander;
        debug_assert!(
            rps.is_finite() && rps >= 0.0,
            "tick {tick}: {rps} requests/s"
        );
        rps
    }

    pub fn active_users(&self, rps: f64) -> f64 {
        rps / self.cfg.requests_per_user_s.max(1e-9)
    }

    pub fn config(&self) -> &TrafficConfig {
        &self.cfg
    }
}

/// The observed series at `tick`: linear between points, flat beyond the ends.
fn observed_rps(points: &[(u32, f64)], tick: u32) -> f64 {
    let after = points.partition_point(|p| p.0 <= tick);
    match (after.checked_sub(1).map(|i| points[i]), points.get(after)) {
        (Some((t0, a)), Some(&(t1, b))) => {
            a + (b - a) * f64::from(tick - t0) / f64::from((t1 - t0).max(1))
        }
        (Some((_, a)), None) => a,
        (None, Some(&(_, b))) => b,
        (None, None) => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observed_traffic_interpolates_and_holds_its_ends() {
        let points = [(600, 100.0), (1200, 400.0)];
        assert_eq!(observed_rps(&points, 0), 100.0);
        assert_eq!(observed_rps(&points, 600), 100.0);
        assert_eq!(observed_rps(&points, 900), 250.0);
        assert_eq!(observed_rps(&points, 1200), 400.0);
        assert_eq!(observed_rps(&points, 5000), 400.0);
    }

    #[test]
    fn window_ramps_in_and_out() {
        let w = Window {
            start_s: 100,
            end_s: 300,
            multiplier: 3.0,
            ramp_s: 50,
        };
        assert_eq!(w.factor(99), 1.0);
        assert_eq!(w.factor(100), 1.0);
        assert_eq!(w.factor(125), 2.0);
        assert_eq!(w.factor(200), 3.0);
        assert_eq!(w.factor(275), 2.0);
        assert_eq!(w.factor(300), 1.0);
    }
}

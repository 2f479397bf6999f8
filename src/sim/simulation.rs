//! The world: all mutable state in one struct, and `step()` as the only way time moves.

use serde::{Deserialize, Serialize};

use super::alerts::AlertState;
use super::config::{Setting, SimConfig};
use super::deps::Dependencies;
use super::events::RestartCause;
use super::faults::{FaultKind, FaultState, Sight, World};
use super::findings::Finding;
use super::fleet::{Fleet, ServeInput};
use super::impact::{Impact, ImpactTotals};
use super::invariants::Broken;
use super::latency::Histogram;
use super::metrics::Series;
use super::pending::PendingQueue;
use super::processes::ProcessDraws;
use super::rng::Streams;
use super::traffic::Traffic;
use super::voice::Voice;
use super::EventLog;

/// Everything a run produced. It is a pure function of (config, seed, actions).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Trace {
    pub seed: u64,
    pub series: Series,
    pub events: EventLog,
    pub findings: Vec<Finding>,
    pub impact: ImpactTotals,
    /// Ticks simulated so far.
    pub ticks: u32,
    /// How the servers' diagnostics read (not part of the trace hash: it changes no number).
    #[serde(default)]
    pub voice: Voice,
}

/// What the responders (trainee and the people they call) have set in motion.
#[derive(Clone, Debug, Default)]
pub struct Response {
    pub busy_until: u32,
    pub developers_paged_at: Option<u32>,
    pub developers_engaged: bool,
    pub hypothesis: Option<u32>,
    /// When the trainee declared the incident resolved; no action is taken after it.
    pub resolved_declared_at: Option<u32>,
    pub maintenance: bool,
    pub rate_limit_rps: Option<f64>,
    /// Share of incoming traffic let in, when an action has blocked some (a bot, a feature).
    pub traffic_share: Option<f64>,
    /// The scenario's own actions that have landed (by index).
    pub custom_landed: std::collections::BTreeSet<u32>,
    /// Every cause the trainee has declared (by index), the current one among them.
    pub declared: std::collections::BTreeSet<u32>,
}

/// Sums over the current scrape interval.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Interval {
    pub(super) arrived: f64,
    pub(super) failed: f64,
    pub(super) orders: f64,
    pub(super) pool_used: f64,
    pub(super) db_query_ms: f64,
    pub(super) payment_ms: f64,
    pub(super) service_ms: f64,
}

#[derive(Clone, Debug)]
pub struct Simulation {
    pub(super) cfg: SimConfig,
    pub(super) tick: u32,
    pub(super) traffic: Traffic,
    pub(super) fleet: Fleet,
    pub(super) deps: Dependencies,
    pub(super) response: Response,
    pub(super) faults: FaultState,
    pub(super) pending: PendingQueue,
    pub(super) trace: Trace,
    pub(super) alerts: AlertState,
    pub(super) impact: Impact,
    pub(super) histogram: Histogram,
    pub(super) interval: Interval,
}

impl Simulation {
    pub fn new(cfg: SimConfig, seed: u64) -> Simulation {
        let cfg = if cfg.variation.is_some() {
            cfg.variant(seed)
        } else {
            cfg
        };
        let streams = Streams::new(seed);
        let fleet = Fleet::new(&cfg.fleet, ProcessDraws::new(streams.hosts()));
        let pids = fleet.servers.iter().map(|s| s.pid).collect();
        let scrapes = (cfg.duration_s / cfg.scrape_interval_s.max(1)) as usize + 1;
        let mut series = Series::new(cfg.scrape_interval_s, cfg.fleet.servers, scrapes);
        series.hosts = fleet.names().to_vec();
        let mut sim = Simulation {
            traffic: Traffic::new(&cfg.traffic, cfg.start_s_of_day, streams.traffic()),
            fleet,
            deps: Dependencies::new(&cfg.database, &cfg.payment, &cfg.dependencies),
            response: Response::default(),
            faults: FaultState::new(&cfg.faults, &cfg.deploy_history),
            pending: PendingQueue::default(),
            trace: Trace {
                seed,
                series,
                voice: Voice::new(&cfg, pids),
                ..Trace::default()
            },
            alerts: AlertState::new(&cfg.alerts),
            impact: Impact::new(
                &cfg.slo,
                cfg.traffic.pages_per_user_window,
                cfg.scrape_interval_s,
            ),
            histogram: Histogram::default(),
            interval: Interval::default(),
            tick: 0,
            cfg,
        };
        sim.trace.voice.settings = Setting::ALL.map(|s| (s, sim.setting(s))).to_vec();
        sim
    }

    pub fn config(&self) -> &SimConfig {
        &self.cfg
    }

    pub fn tick(&self) -> u32 {
        self.tick
    }

    pub fn is_over(&self) -> bool {
        self.tick >= self.cfg.duration_s
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    pub fn into_trace(self) -> Trace {
        self.trace
    }

    pub fn fleet(&self) -> &Fleet {
        &self.fleet
    }

    pub fn response(&self) -> &Response {
        &self.response
    }

    /// Servers being provisioned, not yet in the fleet.
    pub fn servers_on_order(&self) -> usize {
        self.pending
            .count(|e| matches!(e, super::pending::Effect::ServerProvisioned))
    }

    /// When the last change the team started lands (a rollback, a fix, a server, a push, a
    /// cleanup, a scenario's own action), if one is under way.
    pub fn changes_land_at(&self) -> Option<u32> {
        use super::pending::Effect as E;
        self.pending.last_due(|e| {
            matches!(
                e,
                E::FixLive
                    | E::RollbackLive
                    | E::ServerProvisioned
                    | E::Land(_)
                    | E::CustomLands { .. }
            )
        })
    }

    /// Whether alert rule `rule` (index into the config's alerts) is firing now.
    pub fn alert_firing(&self, rule: usize) -> bool {
        self.alerts.firing(rule)
    }

    /// Advances the world by one second. Returns false once the run is over.
    pub fn step(&mut self) -> bool {
        if self.is_over() {
            return false;
        }
        let t = self.tick;
        self.world(t).start_due();
        self.run_pending(t);
        self.fleet.finish_starts(t, &mut self.trace.events);
        if t % self.cfg.fleet.lb.health_interval_s.max(1) == 0 {
            self.fleet.health_checks(t, &mut self.trace.events);
        }
        self.serve(t);
        self.tick += 1;
        self.trace.ticks = self.tick;
        if self.tick % self.cfg.scrape_interval_s.max(1) == 0 {
            self.scrape();
        }
        // Every step of every debug build and test keeps the world physical; a release build
        // trusts what the tests saw.
        #[cfg(debug_assertions)]
        if let Err(broken) = self.check_invariants() {
            panic!("tick {}: {broken}", self.tick);
        }
        true
    }

    /// The parts of the world the faults act on, at tick `t`.
    pub(super) fn world(&mut self, tick: u32) -> World<'_> {
        World {
            tick,
            faults: &self.cfg.faults,
            state: &mut self.faults,
            fleet: &mut self.fleet,
            traffic: &mut self.traffic,
            deps: &mut self.deps,
            pending: &mut self.pending,
            events: &mut self.trace.events,
        }
    }

    /// What the faults' evidence tests may read now.
    pub(super) fn sight(&self) -> Sight<'_> {
        Sight {
            tick: self.tick,
            fleet: &self.fleet,
            deps: &self.deps,
            events: &self.trace.events,
            database: &self.cfg.database,
            payment: &self.cfg.payment,
        }
    }

    /// Rolls out a release: every server restarts on it at once.
    pub(super) fn deploy(&mut self, tick: u32, version: String, cause: RestartCause) {
        self.world(tick).deploy(version, cause);
    }

    /// Marks matching live faults cured and removes their effect on the world.
    pub(super) fn cure(&mut self, tick: u32, matches: impl Fn(usize, &FaultKind) -> bool) -> usize {
        self.world(tick).cure(matches)
    }

    /// Runs to the end of the time limit.
    pub fn run_to_end(&mut self) {
        while self.step() {}
    }

    fn serve(&mut self, tick: u32) {
        let rps = self.traffic.next_rps(tick) * self.response.traffic_share.unwrap_or(1.0);
        let admitted = if self.response.maintenance {
            0.0
        } else {
            self.response
                .rate_limit_rps
                .map_or(rps, |limit| rps.min(limit))
        };
        let order_share = self.cfg.traffic.orders_per_1k_requests / 1000.0;
        let service_ms = self.cfg.fleet.base_latency_ms + self.deps.request_ms(order_share);
        let input = ServeInput {
            tick,
            admitted,
            service_ms,
        };
        let served = self.fleet.serve(input, &mut self.trace.events);
        let workers_up = match self.deps.counts_workers {
            true => self.fleet.workers_up(),
            false => 0.0,
        };
        let deps = self.deps.tick(served.served, workers_up);
        let answered = served.served - deps.db_failed - deps.other_failed;
        let broken = answered * self.faults.failing_share(&self.cfg.faults);
        let ok = answered - broken;
        let failed =
            served.failed() + deps.db_failed + deps.other_failed + broken + (rps - admitted);
        if !self.deps.extras.is_empty() {
            self.note_dependency_trouble(tick);
        }
        debug_assert!(
            (rps - ok - failed).abs() <= 1e-6 * rps.max(1.0),
            "requests not conserved at tick {tick}: {rps} arrived, {ok} ok, {failed} failed"
        );
        let orders = ok * order_share * (1.0 - deps.payment_failed_share);
        // Lost is what a healthy system would have taken (the gateway declines its usual share
        // even then) and did not: a healthy afternoon loses nothing.
        let expected = rps * order_share * (1.0 - self.cfg.payment.error_share);
        let lost = (expected - orders).max(0.0);
        let aov = self.cfg.traffic.avg_order_value;
        let totals = &mut self.impact.totals;
        totals.requests += rps;
        totals.failed_requests += failed;
        totals.orders += orders;
        totals.failed_orders += lost;
        totals.revenue += orders * aov;
        totals.revenue_lost += lost * aov;
        let i = &mut self.interval;
        i.arrived += rps;
        i.failed += failed;
        i.orders += orders;
        i.pool_used += deps.pool_used_share;
        i.db_query_ms += deps.db_query_ms;
        i.payment_ms += deps.payment_latency_ms;
        i.service_ms += service_ms;
    }

    /// A dependency of the scenario's own going into or out of trouble is an event (its host's
    /// logs say it).
    fn note_dependency_trouble(&mut self, tick: u32) {
        for (i, e) in self.deps.extras.iter_mut().enumerate() {
            let now = e.in_trouble();
            if now == e.troubled {
                continue;
            }
            e.troubled = now;
            let dependency = i as u32;
            // Failures per call, as the dependency itself sees them.
            let reach = e.last.calls.min(1.0);
            let per_call = if reach > 0.0 {
                (e.failing_share() / reach).min(1.0)
            } else {
                0.0
            };
            let kind = if now {
                super::EventKind::DependencyTrouble {
                    dependency,
                    latency_ms: e.last.latency_ms as f32,
                    failing_pct: (100.0 * per_call) as f32,
                    used_pct: (100.0 * e.last.used) as f32,
                    refusing: e.last.refusing,
                }
            } else {
                super::EventKind::DependencyRecovered { dependency }
            };
            self.trace.events.push(tick, kind);
        }
    }

    /// Checks the physical invariants: debug builds after every step, release builds when
    /// asked.
    pub fn check_invariants(&self) -> Result<(), Broken> {
        super::invariants::check(&self.fleet, &self.impact.totals)
    }
}

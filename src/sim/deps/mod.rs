//! Downstream dependencies: the main database (with its connection pool), the payment gateway,
//! and the scenario's own: more databases, HTTP services, and caches in front of either.

mod own;

pub use own::{Extra, ExtraTick};

use super::config::{DatabaseConfig, Dependency, DependencyConfig, DependencyKind, PaymentConfig};

/// Pool utilisation above which requests start queueing for a connection.
const POOL_QUEUE_FROM: f64 = 0.7;

/// One tick's view of the dependencies.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DepsTick {
    /// Requests that failed waiting for a database connection.
    pub db_failed: f64,
    pub pool_used_share: f64,
    /// Time a query runs on the database.
    pub db_exec_ms: f64,
    /// Query time plus connection wait, per query.
    pub db_query_ms: f64,
    pub payment_latency_ms: f64,
    /// Share of payments failing.
    pub payment_failed_share: f64,
    /// Requests that failed in the scenario's own dependencies (of those the database served).
    pub other_failed: f64,
}

#[derive(Clone, Debug)]
pub struct Dependencies {
    pub db: DatabaseConfig,
    pub payment: PaymentConfig,
    /// Pool size as the live config says (a bad push changes it).
    pub pool_size: u32,
    pub db_slowdown: f64,
    pub payment_slowdown: f64,
    /// Queries per request the main database takes from caches missing more than usual.
    pub main_extra_calls: f64,
    pub last: DepsTick,
    pub extras: Vec<Extra>,
    /// The scenario's own, each before those it depends on.
    order: Vec<usize>,
    /// Whether a tick needs how many workers are up: connections held per worker, by the main
    /// database's pool or at a dependency's limits (fixed for the run).
    pub counts_workers: bool,
}

impl Dependencies {
    pub fn new(
        db: &DatabaseConfig,
        payment: &PaymentConfig,
        named: &[DependencyConfig],
    ) -> Dependencies {
        let extras = named.iter().map(Extra::new).collect();
        Dependencies {
            extras,
            order: own::dependents_first(named),
            counts_workers: db.held_per_worker > 0.0
                || named.iter().any(|d| {
                    let limits = d.limits.as_ref();
                    limits.is_some_and(|l| l.connections_per_worker > 0.0)
                }),
            main_extra_calls: 0.0,
            db: db.clone(),
            payment: payment.clone(),
            pool_size: db.pool_size,
            db_slowdown: 1.0,
            payment_slowdown: 1.0,
            last: DepsTick {
                db_exec_ms: db.query_ms,
                db_query_ms: db.query_ms,
                payment_latency_ms: payment.latency_ms,
                ..DepsTick::default()
            },
        }
    }

    pub fn set_slowdown(&mut self, dependency: Dependency, multiplier: f64) {
        match dependency {
            Dependency::Database => self.db_slowdown = multiplier,
            Dependency::Payment => self.payment_slowdown = multiplier,
            Dependency::Named(i) => self.extras[i as usize].slowdown = multiplier,
        }
    }

    /// A database's pool size as the live config says.
    pub fn pool_of(&self, database: Dependency) -> u32 {
        match database {
            Dependency::Named(i) => self.extras[i as usize].pool_size,
            _ => self.pool_size,
        }
    }

    pub fn set_pool(&mut self, database: Dependency, size: u32) {
        match database {
            Dependency::Named(i) => self.extras[i as usize].pool_size = size,
            _ => self.pool_size = size,
        }
    }

    /// A database's pool size as configured (what a revert goes back to).
    pub fn configured_pool(&self, database: Dependency) -> u32 {
        if let Dependency::Named(i) = database {
            if let DependencyKind::Database { pool_size, .. } = self.extras[i as usize].cfg.kind {
                return pool_size;
            }
        }
        self.db.pool_size
    }

    /// Time one request spends in dependency calls, from the last tick's state.
    pub fn request_ms(&self, checkout_share: f64) -> f64 {
        let own: f64 = self
            .extras
            .iter()
            .map(|e| e.last.calls * e.last.latency_ms)
            .sum();
        (self.db.queries_per_request + self.main_extra_calls) * self.last.db_query_ms
            + checkout_share * self.last.payment_latency_ms.min(self.payment.timeout_ms)
            + own
    }

    /// Puts this tick's served requests through the dependencies; `workers_up` is how many
    /// workers the running servers have (what holds connections when workers keep them).
    pub fn tick(&mut self, served_rps: f64, workers_up: f64) -> DepsTick {
        if !self.extras.is_empty() {
            self.route();
        }
        let query_ms = self.db.query_ms * self.db_slowdown;
        let pool = self.pool_size.max(1) as f64;
        if self.db.held_per_worker > 0.0 {
            self.tick_held(served_rps, workers_up, query_ms, pool);
        } else {
            self.tick_pool(served_rps, query_ms, pool);
        }
        if !self.extras.is_empty() {
            let answered = served_rps - self.last.db_failed;
            self.last.other_failed = answered * self.own_failures(answered, workers_up);
        }
        self.last
    }

    /// The main database with connections taken per query.
    fn tick_pool(&mut self, served_rps: f64, query_ms: f64, pool: f64) {
        let queries = self.db.queries_per_request + self.main_extra_calls;
        // More demand than connections: the queue grows until requests give up.
        let (db_failed, used, wait_ms) =
            own::pool_load(served_rps, queries, query_ms, pool, self.db.max_wait_ms);
        let (payment_latency_ms, payment_failed_share) = self.payment();
        self.last = DepsTick {
            db_failed,
            pool_used_share: used.min(1.0),
            db_exec_ms: query_ms,
            db_query_ms: query_ms + wait_ms,
            payment_latency_ms,
            payment_failed_share,
            other_failed: 0.0,
        };
    }

    /// The gateway's latency and the share of payments failing.
    fn payment(&self) -> (f64, f64) {
        let latency_ms = self.payment.latency_ms * self.payment_slowdown;
        let failed = if latency_ms >= self.payment.timeout_ms {
            1.0
        } else {
            self.payment.error_share
        };
        (latency_ms, failed)
    }

    /// Workers keep their connections: each has what it holds or nothing. Those left without
    /// one fail what they take; the rest never wait for a connection.
    fn tick_held(&mut self, served_rps: f64, workers_up: f64, query_ms: f64, pool: f64) {
        let wanted = workers_up * self.db.held_per_worker;
        let connected = if wanted > 0.0 {
            (pool / wanted).min(1.0)
        } else {
            1.0
        };
        let (payment_latency_ms, payment_failed_share) = self.payment();
        self.last = DepsTick {
            db_failed: served_rps * (1.0 - connected),
            pool_used_share: (wanted / pool).min(1.0),
            db_exec_ms: query_ms,
            db_query_ms: query_ms,
            payment_latency_ms,
            payment_failed_share,
            other_failed: 0.0,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps(pool_size: u32) -> Dependencies {
        let db = DatabaseConfig {
            pool_size,
            query_ms: 10.0,
            queries_per_request: 2.0,
            max_wait_ms: 2000.0,
            held_per_worker: 0.0,
            depends_on: Vec::new(),
            host: "db-1".into(),
        };
        let payment = PaymentConfig {
            latency_ms: 300.0,
            timeout_ms: 5000.0,
            error_share: 0.01,
            present: true,
        };
        Dependencies::new(&db, &payment, &[])
    }

    #[test]
    fn a_small_pool_fails_what_it_cannot_carry() {
        // 1,000 rps x 2 queries x 10 ms = 20 busy connections.
        let roomy = deps(100).tick(1000.0, 0.0);
        assert_eq!(roomy.db_failed, 0.0);
        assert!((roomy.pool_used_share - 0.2).abs() < 1e-9);
        let tight = deps(10).tick(1000.0, 0.0);
        // 10 connections carry 10 x 1000 / (2 x 10) = 500 rps.
        assert!((tight.db_failed - 500.0).abs() < 1e-9);
        assert_eq!(tight.pool_used_share, 1.0);
        assert_eq!(tight.db_query_ms, 10.0 + 2000.0);
    }

    #[test]
    fn workers_that_hold_connections_starve_the_rest_once_the_pool_is_short() {
        let mut d = deps(100);
        d.db.held_per_worker = 1.0;
        // 80 workers hold 80 of 100: everyone is served, no waiting.
        let fine = d.tick(1000.0, 80.0);
        assert_eq!(fine.db_failed, 0.0);
        assert!((fine.pool_used_share - 0.8).abs() < 1e-9);
        assert_eq!(fine.db_query_ms, 10.0);
        // 200 workers want 200: half have a connection, half of the requests fail.
        let short = d.tick(1000.0, 200.0);
        assert!((short.db_failed - 500.0).abs() < 1e-9);
        assert_eq!(short.pool_used_share, 1.0);
    }

    #[test]
    fn a_payment_gateway_slower_than_its_timeout_fails_every_payment() {
        let mut d = deps(100);
        d.set_slowdown(Dependency::Payment, 20.0);
        assert_eq!(d.tick(100.0, 0.0).payment_failed_share, 1.0);
    }
}

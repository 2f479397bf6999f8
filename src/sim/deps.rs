//! Downstream dependencies: the database (with its connection pool) and the payment gateway.

use super::config::{DatabaseConfig, Dependency, PaymentConfig};

/// Pool utilisation above which requests start queueing for a connection.
const POOL_QUEUE_FROM: f64 = 0.7;

/// One tick's view of the dependencies.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DepsTick {
    /// Requests that failed waiting for a database connection.
    pub db_failed: f64,
    pub pool_used_fraction: f64,
    /// Time a query runs on the database.
    pub db_exec_ms: f64,
    /// Query time plus connection wait, per query.
    pub db_query_ms: f64,
    pub payment_latency_ms: f64,
    /// Share of payments failing.
    pub payment_failed_fraction: f64,
}

#[derive(Clone, Debug)]
pub struct Dependencies {
    pub db: DatabaseConfig,
    pub payment: PaymentConfig,
    /// Pool size as the live config says (a bad push changes it).
    pub pool_size: u32,
    pub db_slowdown: f64,
    pub payment_slowdown: f64,
    pub last: DepsTick,
}

impl Dependencies {
    pub fn new(db: &DatabaseConfig, payment: &PaymentConfig) -> Dependencies {
        Dependencies {
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
        }
    }

    /// Time one request spends in dependency calls, from the last tick's state.
    pub fn request_ms(&self, checkout_share: f64) -> f64 {
        self.db.queries_per_request * self.last.db_query_ms
            + checkout_share * self.last.payment_latency_ms.min(self.payment.timeout_ms)
    }

    /// Puts this tick's served requests through the dependencies; `workers_up` is how many
    /// workers the running servers have (what holds connections when workers keep them).
    pub fn tick(&mut self, served_rps: f64, workers_up: f64) -> DepsTick {
        let query_ms = self.db.query_ms * self.db_slowdown;
        let pool = self.pool_size.max(1) as f64;
        if self.db.held_per_worker > 0.0 {
            return self.tick_held(served_rps, workers_up, query_ms, pool);
        }
        let busy_connections = served_rps * self.db.queries_per_request * query_ms / 1000.0;
        let used = busy_connections / pool;
        let wait_ms = if used <= POOL_QUEUE_FROM {
            0.0
        } else if used >= 1.0 {
            // More demand than connections: the queue grows until requests give up.
            self.db.max_wait_ms
        } else {
            let queueing = (used - POOL_QUEUE_FROM) / (1.0 - used.min(0.99));
            (query_ms * queueing).min(self.db.max_wait_ms)
        };
        let pool_rps = pool * 1000.0 / (self.db.queries_per_request.max(1e-9) * query_ms);
        let db_failed = (served_rps - pool_rps).max(0.0);
        let (payment_latency_ms, payment_failed_fraction) = self.payment();
        self.last = DepsTick {
            db_failed,
            pool_used_fraction: used.min(1.0),
            db_exec_ms: query_ms,
            db_query_ms: query_ms + wait_ms,
            payment_latency_ms,
            payment_failed_fraction,
        };
        self.last
    }

    /// The gateway's latency and the share of payments failing.
    fn payment(&self) -> (f64, f64) {
        let latency_ms = self.payment.latency_ms * self.payment_slowdown;
        let failed = if latency_ms >= self.payment.timeout_ms {
            1.0
        } else {
            self.payment.error_fraction
        };
        (latency_ms, failed)
    }

    /// Workers keep their connections: each has what it holds or nothing. Those left without
    /// one fail what they take; the rest never wait for a connection.
    fn tick_held(
        &mut self,
        served_rps: f64,
        workers_up: f64,
        query_ms: f64,
        pool: f64,
    ) -> DepsTick {
        let wanted = workers_up * self.db.held_per_worker;
        let connected = if wanted > 0.0 {
            (pool / wanted).min(1.0)
        } else {
            1.0
        };
        let (payment_latency_ms, payment_failed_fraction) = self.payment();
        self.last = DepsTick {
            db_failed: served_rps * (1.0 - connected),
            pool_used_fraction: (wanted / pool).min(1.0),
            db_exec_ms: query_ms,
            db_query_ms: query_ms,
            payment_latency_ms,
            payment_failed_fraction,
        };
        self.last
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
        };
        let payment = PaymentConfig {
            latency_ms: 300.0,
            timeout_ms: 5000.0,
            error_fraction: 0.01,
            present: true,
        };
        Dependencies::new(&db, &payment)
    }

    #[test]
    fn a_small_pool_fails_what_it_cannot_carry() {
        // 1,000 rps x 2 queries x 10 ms = 20 busy connections.
        let roomy = deps(100).tick(1000.0, 0.0);
        assert_eq!(roomy.db_failed, 0.0);
        assert!((roomy.pool_used_fraction - 0.2).abs() < 1e-9);
        let tight = deps(10).tick(1000.0, 0.0);
        // 10 connections carry 10 x 1000 / (2 x 10) = 500 rps.
        assert!((tight.db_failed - 500.0).abs() < 1e-9);
        assert_eq!(tight.pool_used_fraction, 1.0);
        assert_eq!(tight.db_query_ms, 10.0 + 2000.0);
    }

    #[test]
    fn workers_that_hold_connections_starve_the_rest_once_the_pool_is_short() {
        let mut d = deps(100);
        d.db.held_per_worker = 1.0;
        // 80 workers hold 80 of 100: everyone is served, no waiting.
        let fine = d.tick(1000.0, 80.0);
        assert_eq!(fine.db_failed, 0.0);
        assert!((fine.pool_used_fraction - 0.8).abs() < 1e-9);
        assert_eq!(fine.db_query_ms, 10.0);
        // 200 workers want 200: half have a connection, half of the requests fail.
        let short = d.tick(1000.0, 200.0);
        assert!((short.db_failed - 500.0).abs() < 1e-9);
        assert_eq!(short.pool_used_fraction, 1.0);
    }

    #[test]
    fn a_payment_gateway_slower_than_its_timeout_fails_every_payment() {
        let mut d = deps(100);
        d.set_slowdown(Dependency::Payment, 20.0);
        assert_eq!(d.tick(100.0, 0.0).payment_failed_fraction, 1.0);
    }
}

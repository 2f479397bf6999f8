//! A run's error rate per minute: the share of requests that failed in each simulated minute,
//! read off the scraped series (each scrape's error rate weighed by its traffic).

use crate::sim::{Metric, Trace};

/// (tick the minute starts at, percent of requests failing in it), one point per minute.
pub fn error_curve(trace: &Trace) -> Vec<(u32, f32)> {
    let series = &trace.series;
    let errors = series.fleet(Metric::ErrorRatePct);
    let traffic = series.fleet(Metric::RequestsPerS);
    let mut out: Vec<(u32, f32)> = Vec::new();
    // Per minute: (failed-weighted sum, requests, plain sum, samples).
    let mut bucket: Option<(u32, f64, f64, f64, u32)> = None;
    let close = |b: (u32, f64, f64, f64, u32), out: &mut Vec<(u32, f32)>| {
        let (minute, failed, requests, plain, samples) = b;
        let pct = if requests > 0.0 {
            failed / requests
        } else {
            plain / f64::from(samples.max(1))
        };
        out.push((minute, pct as f32));
    };
    for (i, &tick) in series.ticks.iter().enumerate() {
        let minute = tick - tick % 60;
        let (pct, rps) = (
            f64::from(errors.get(i).copied().unwrap_or(0.0)),
            f64::from(traffic.get(i).copied().unwrap_or(0.0)).max(0.0),
        );
        match bucket.as_mut() {
            Some(b) if b.0 == minute => {
                b.1 += pct * rps;
                b.2 += rps;
                b.3 += pct;
                b.4 += 1;
            }
            _ => {
                if let Some(done) = bucket.take() {
                    close(done, &mut out);
                }
                bucket = Some((minute, pct * rps, rps, pct, 1));
            }
        }
    }
    if let Some(done) = bucket {
        close(done, &mut out);
    }
    out
}

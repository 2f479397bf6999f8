//! Findings as an engineer would read them: terminal output, dashboards as text tables.

use std::fmt::Write;

use super::clock::hhmm;
use super::config::DependencyClass;
use super::findings::{ConfigChange, Finding, FindingBody, HeapEntry, LbRow, MemoryRow};
use super::logs;
use super::runtime::fill;
use super::simulation::Trace;

/// Appends one formatted line (writing to a `String` cannot fail).
macro_rules! out {
    ($o:expr, $($arg:tt)*) => {{
        let _ = writeln!($o, $($arg)*);
    }};
}

/// The text of a finding. Logs are generated here, from the trace, only when asked for.
pub fn finding_text(finding: &Finding, trace: &Trace, start_s_of_day: u32) -> String {
    let mut o = String::new();
    match &finding.body {
        FindingBody::Memory { rows } => memory(&mut o, rows, trace.voice.runtime),
        FindingBody::Logs {
            host,
            from,
            to,
            source,
        } => {
            let lines = match source {
                Some(d) => logs::render_host(trace, *from, *to, *d),
                None => logs::render(trace, *from, *to, *host),
            };
            if lines.is_empty() {
                out!(o, "-- No entries --");
            }
            for l in lines {
                out!(o, "{}", l.format(start_s_of_day));
            }
        }
        FindingBody::Config { host, settings } => {
            out!(o, "# running configuration of {host}");
            for (k, v) in settings {
                out!(o, "{k} = {v}");
            }
        }
        FindingBody::ConfigDiff { since, changes } => {
            config_diff(&mut o, since, changes, start_s_of_day)
        }
        FindingBody::Deploys { lines } => {
            for (when, version, summary) in lines {
                out!(o, "{when:<17} {version:<14} {summary}");
            }
        }
        FindingBody::HeapProfile {
            host,
            live_mb,
            heap_max_mb,
            entries,
        } => {
            let title = fill(
                trace.voice.runtime.profile().heap_tool,
                &[
                    ("host", host.clone()),
                    ("live", format!("{live_mb:.0}")),
                    ("max", format!("{heap_max_mb:.0}")),
                ],
            );
            heap_profile(&mut o, &title, entries)
        }
        FindingBody::Database { .. } | FindingBody::Dependencies { .. } => {
            database(&mut o, &finding.body)
        }
        FindingBody::LoadBalancer { rows } => load_balancer(&mut o, rows),
        FindingBody::Top(top) => super::top::render(
            &mut o,
            top,
            &trace.voice,
            trace.seed,
            (start_s_of_day, finding.issued_at),
        ),
        FindingBody::Free { .. } | FindingBody::Df { .. } => host_command(&mut o, &finding.body),
        FindingBody::Limits { .. } => o.push_str(&super::host_look::limits_text(&finding.body)),
        FindingBody::Note { text } | FindingBody::Output { text } => out!(o, "{text}"),
    }
    o
}

/// The database's page and the dependencies' table (other bodies write nothing).
fn database(out: &mut String, body: &FindingBody) {
    if let FindingBody::Database {
        pool_size,
        pool_used_pct,
        exec_ms,
        wait_ms,
        failing_rps,
        held,
        others,
    } = body
    {
        out!(
            out,
            "connection pool: {pool_used_pct:.0}% of {pool_size} connections in use"
        );
        if let Some((wanted, each)) = held {
            out!(
                out,
                "connections held open by the running workers ({each} each, busy or idle): {wanted:.0}"
            );
        }
        out!(out, "query execution time: {exec_ms:.0} ms");
        out!(out, "wait for a free connection: {wait_ms:.0} ms per query");
        out!(
            out,
            "requests failing for want of a connection: {failing_rps:.0}/s"
        );
        if !others.is_empty() {
            out!(out, "\nother databases:");
            dependency_rows(out, others);
        }
    }
    if let FindingBody::Dependencies {
        db_query_ms,
        db_pool_used_pct,
        payment_latency_ms,
        payment_failed_pct,
        payment_gateway,
        others,
    } = body
    {
        out!(
            out,
            "{:<16} {:>12} {:>10}",
            "dependency",
            "latency ms",
            "status"
        );
        // Every status says what it measures (a bare "100%" read as nothing in particular).
        out!(
            out,
            "{:<16} {:>12.0}   pool {:.0}% used",
            "database",
            db_query_ms,
            db_pool_used_pct
        );
        if *payment_gateway {
            out!(
                out,
                "{:<16} {:>12.0}   {:.1}% failed",
                "payment gateway",
                payment_latency_ms,
                payment_failed_pct
            );
        }
        dependency_rows(out, others);
    }
}

/// The scenario's own dependencies, one line each, in the dependency table's columns.
fn dependency_rows(out: &mut String, rows: &[super::findings::DependencyRow]) {
    for r in rows {
        let status = match r.kind {
            DependencyClass::Database => {
                format!("pool {:.0}%, {:.1}% failed", r.used_pct, r.failing_pct)
            }
            DependencyClass::Cache => format!("{:.0}% missing", r.used_pct),
            DependencyClass::Http | DependencyClass::Proxy => {
                format!("{:.1}% failed", r.failing_pct)
            }
        };
        out!(out, "{:<16} {:>12.0}   {status}", r.name, r.latency_ms);
    }
}

/// `free -m` and `df -h` on one host (other bodies write nothing).
fn host_command(out: &mut String, body: &FindingBody) {
    if let FindingBody::Free {
        host,
        total_mb,
        used_mb,
        free_mb,
        buff_cache_mb,
        available_mb,
    } = body
    {
        out!(out, "[{host}]$ free -m");
        out!(
            out,
            "{:>14} {:>10} {:>10} {:>10} {:>10} {:>10}",
            "total",
            "used",
            "free",
            "shared",
            "buff/cache",
            "available"
        );
        out!(out, "Mem: {total_mb:>9.0} {used_mb:>10.0} {free_mb:>10.0} {:>10} {buff_cache_mb:>10.0} {available_mb:>10.0}", 12);
        out!(out, "Swap: {:>8} {:>10} {:>10}", 0, 0, 0);
    }
    if let FindingBody::Df {
        host,
        size_mb,
        used_mb,
    } = body
    {
        let gb = |mb: f64| mb / 1024.0;
        out!(out, "[{host}]$ df -h /var");
        out!(out, "Filesystem      Size  Used Avail Use% Mounted on");
        let pct = 100.0 * used_mb / size_mb;
        out!(
            out,
            "/dev/vdb1     {:>5.1}G {:>4.1}G {:>4.1}G {:>3.0}% /var",
            gb(*size_mb),
            gb(*used_mb),
            gb(size_mb - used_mb),
            pct
        );
    }
}

fn memory(out: &mut String, rows: &[MemoryRow], runtime: super::Runtime) {
    // Without a collected heap, memory in use is what is live, and there is no GC time.
    let (used, gc) = match runtime.profile().gc_heap {
        true => ("heap MB", "GC %"),
        false => ("mem MB", "GC %"),
    };
    // Columns as wide as their longest entry, so long host names keep the table in line.
    let hw = width("host", rows.iter().map(|r| r.host.as_str()));
    let sw = width("process", rows.iter().map(|r| r.state.as_str()));
    out!(
        out,
        "{:<hw$} {:<sw$} {:>9} {:>9} {:>8} {:>6} {:>11} {:>8}",
        "host",
        "process",
        used,
        "live MB",
        "max MB",
        gc,
        "live MB/min",
        "restarts"
    );
    for r in rows {
        out!(
            out,
            "{:<hw$} {:<sw$} {:>9.0} {:>9.0} {:>8.0} {:>6.1} {:>+11.1} {:>8}",
            r.host,
            r.state,
            r.heap_used_mb,
            r.heap_live_mb,
            r.heap_max_mb,
            r.gc_time_pct,
            r.live_growth_mb_per_min,
            r.restarts
        );
    }
}

fn config_diff(out: &mut String, since: &str, changes: &[ConfigChange], start_s_of_day: u32) {
    out!(out, "diff against {since}:");
    if changes.is_empty() {
        out!(
            out,
            "  no differences: the running configuration matches the last known-good one"
        );
    }
    for c in changes {
        let when = c.when.clone().unwrap_or_else(|| hhmm(start_s_of_day, c.at));
        match &c.text {
            Some(text) => out!(out, "+ {text}    (pushed {when})"),
            None => out!(
                out,
                "- {} = {}\n+ {} = {}    (pushed {when})",
                c.key,
                c.from,
                c.key,
                c.to,
            ),
        }
    }
}

fn heap_profile(out: &mut String, title: &str, entries: &[HeapEntry]) {
    out!(out, "{title}");
    out!(
        out,
        "{:>4} {:>12} {:>11}  site",
        "rank",
        "objects",
        "retained MB"
    );
    for (i, e) in entries.iter().enumerate() {
        out!(
            out,
            "{:>4} {:>12} {:>11.1}  {}",
            i + 1,
            e.objects,
            e.retained_mb,
            e.site
        );
    }
}

/// The width of a text column: its heading's or its longest entry's, in characters.
fn width<'a>(heading: &str, entries: impl Iterator<Item = &'a str>) -> usize {
    entries
        .map(|e| e.chars().count())
        .chain(std::iter::once(heading.chars().count()))
        .max()
        .unwrap_or(0)
}

fn load_balancer(out: &mut String, rows: &[LbRow]) {
    let hw = width("backend", rows.iter().map(|r| r.host.as_str()));
    let pw = width("process", rows.iter().map(|r| r.process.as_str()));
    out!(
        out,
        "{:<hw$} {:<10} {:<pw$} {:>6} {:>6} {:>8} {:>9}",
        "backend",
        "rotation",
        "process",
        "fails",
        "passes",
        "share %",
        "check ms"
    );
    for r in rows {
        let rotation = if r.in_rotation { "in" } else { "OUT" };
        out!(
            out,
            "{:<hw$} {:<10} {:<pw$} {:>6} {:>6} {:>8.1} {:>9}",
            r.host,
            rotation,
            r.process,
            r.failed_checks,
            r.passed_checks,
            r.traffic_share_pct,
            if r.process == "running" {
                format!("{:.0}", r.check_ms)
            } else {
                "-".to_string()
            }
        );
    }
}

/// A count or amount with thousands separators: 1234567.8 -> "1,234,568".
pub fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.max(0.0));
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn groups_thousands() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.4), "999");
        assert_eq!(thousands(1000.0), "1,000");
        assert_eq!(thousands(1_234_567.8), "1,234,568");
    }
}

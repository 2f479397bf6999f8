//! `top` on one host as it prints: load, tasks, CPU and memory lines, then the processes by CPU.

use std::fmt::Write;

use super::clock::hhmmss;
use super::findings::Top;
use super::rng::mix64;
use super::Voice;

/// Everyday processes of an app server's host: (user, pid, resident MB, usual %CPU, command).
/// They start at boot in the same order everywhere, so their ids agree across hosts.
const SYSTEM: [(&str, u32, f64, f64, &str); 5] = [
    ("root", 1, 11.6, 0.0, "systemd"),
    ("root", 412, 38.4, 0.1, "systemd-journal"),
    ("syslog", 655, 5.1, 0.0, "rsyslogd"),
    ("root", 811, 22.3, 0.3, "node_exporter"),
    ("root", 1043, 7.2, 0.0, "sshd"),
];
/// Tasks besides the ones listed (kernel threads, idle daemons).
const OTHER_TASKS: usize = 118;

struct Row {
    pid: u32,
    user: String,
    res_mb: f64,
    cpu_pct: f64,
    command: String,
}

/// What the host's name contributes to a draw.
fn host_bits(host: &str) -> u64 {
    host.bytes()
        .fold(0u64, |h, b| h.rotate_left(7) ^ u64::from(b))
}

/// Resident memory as top scales it: `812m`, `1.4g`.
fn res(mb: f64) -> String {
    if mb >= 1024.0 {
        format!("{:.1}g", mb / 1024.0)
    } else {
        format!("{mb:.0}m")
    }
}

/// The text of a `top` finding, taken at `issued_at`.
pub(super) fn render(out: &mut String, top: &Top, voice: &Voice, seed: u64, clock: (u32, u32)) {
    let (start_s_of_day, issued_at) = clock;
    let bits = seed ^ host_bits(&top.host);
    let rows = processes(top, voice, bits, issued_at);
    let running = rows.iter().filter(|r| r.cpu_pct >= 5.0).count().max(1);
    let tasks = (OTHER_TASKS + rows.len(), running);
    let up_days = 3 + mix64(bits) % 60;
    let uptime = format!("{} up {up_days} days", hhmmss(start_s_of_day, issued_at));
    for line in summary(top, &uptime, tasks) {
        let _ = writeln!(out, "{line}");
    }
    for r in rows {
        let state = if r.cpu_pct >= 5.0 { 'R' } else { 'S' };
        let mem = 100.0 * r.res_mb / top.mem_total_mb.max(1.0);
        let _ = writeln!(
            out,
            "{:>7} {:<9.9} {:>3} {:>3} {:>7} {state} {:>5.1} {:>5.1} {}",
            r.pid,
            r.user,
            20,
            0,
            res(r.res_mb),
            r.cpu_pct,
            mem,
            r.command
        );
    }
}

/// The host's processes, busiest first: the everyday ones, the service's, a runaway.
fn processes(top: &Top, voice: &Voice, bits: u64, issued_at: u32) -> Vec<Row> {
    // The service's account: its name up to the first dash (`shop-app` runs as `shop`).
    let user = voice.service.split('-').next().unwrap_or("app").to_string();
    let mut rows: Vec<Row> = SYSTEM
        .iter()
        .enumerate()
        .map(|(i, (who, id, mb, cpu, command))| {
            let r = mix64(bits ^ (u64::from(issued_at) << 16) ^ i as u64);
            Row {
                pid: *id,
                user: who.to_string(),
                res_mb: *mb,
                cpu_pct: cpu + (r % 4) as f64 / 10.0,
                command: command.to_string(),
            }
        })
        .collect();
    if let Some(pid) = top.pid {
        rows.push(Row {
            pid,
            user: user.clone(),
            res_mb: top.app_rss_mb,
            cpu_pct: top.app_cpu_pct,
            command: voice.runtime.profile().process.to_string(),
        });
    }
    if let Some((command, pct)) = &top.runaway {
        rows.push(Row {
            pid: top.runaway_pid,
            user,
            res_mb: 64.0,
            cpu_pct: *pct,
            command: command.clone(),
        });
    }
    rows.sort_by(|a, b| b.cpu_pct.total_cmp(&a.cpu_pct).then(a.pid.cmp(&b.pid)));
    rows
}

/// The lines above the process table; `tasks` is (total, running).
fn summary(top: &Top, uptime: &str, tasks: (usize, usize)) -> [String; 7] {
    let Top {
        load_1m,
        load_5m,
        load_15m,
        cpu_pct,
        mem_total_mb,
        mem_used_mb,
        ..
    } = top;
    let (total, running) = tasks;
    let cache = super::diagnose::PAGE_CACHE_MB.min(mem_total_mb - mem_used_mb);
    let free = mem_total_mb - mem_used_mb - cache;
    let system = cpu_pct * 0.08;
    [
        format!(
            "top - {uptime},  1 user,  load average: {load_1m:.2}, {load_5m:.2}, {load_15m:.2}"
        ),
        format!(
            "Tasks: {total} total, {running:>3} running, {:>3} sleeping,   0 stopped,   0 zombie",
            total - running
        ),
        format!(
            "%Cpu(s): {:>4.1} us, {system:>4.1} sy,  0.0 ni, {:>4.1} id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st",
            cpu_pct - system,
            100.0 - cpu_pct
        ),
        format!("MiB Mem : {mem_total_mb:>8.1} total, {free:>8.1} free, {mem_used_mb:>8.1} used, {cache:>8.1} buff/cache"),
        format!(
            "MiB Swap: {:>8.1} total, {:>8.1} free, {:>8.1} used. {:>8.1} avail Mem",
            0.0,
            0.0,
            0.0,
            free + cache
        ),
        String::new(),
        format!(
            "{:>7} {:<9} {:>3} {:>3} {:>7} S {:>5} {:>5} COMMAND",
            "PID", "USER", "PR", "NI", "RES", "%CPU", "%MEM"
        ),
    ]
}

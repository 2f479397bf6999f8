//! A fault's shape in time, written the same for every kind: `duration`, `windows`, or `every`
//! with `for` (and `until`). Read into the simulation's `Schedule`, its offsets counted from the
//! fault's start.

use crate::sim::Schedule;

use super::super::checker::Checker;
use super::super::file::FaultFile;

/// When a fault starts (a tick) and its schedule; every problem located under `path`.
pub(super) fn read(checker: &mut Checker, path: &str, fault: &FaultFile) -> (u32, Schedule) {
    let forms = [
        ("duration", fault.duration.is_some()),
        ("windows", fault.windows.is_some()),
        ("every", fault.every.is_some()),
    ];
    let given: Vec<&str> = forms.iter().filter(|f| f.1).map(|f| f.0).collect();
    if given.len() > 1 {
        checker.fail(
            format!("{path}.{}", given[1]),
            format!("`{}` and `{}` both say when it is on", given[0], given[1]),
            "keep one: `duration` (ends by itself), `windows` (on during each) or `every` with `for` (flapping)",
        );
    }
    flap_parts_need_every(checker, path, fault);
    if let Some(windows) = &fault.windows {
        return windows_schedule(checker, path, fault, windows);
    }
    let at_s = super::start_s(checker, path, fault);
    let schedule = if let Some(duration) = &fault.duration {
        let before = checker.problems.len();
        let duration_s = checker.duration(&format!("{path}.duration"), duration);
        if duration_s == 0 && checker.problems.len() == before {
            zero(checker, &format!("{path}.duration"));
        }
        Schedule::For { duration_s }
    } else if let Some(every) = &fault.every {
        flapping(checker, path, fault, at_s, every)
    } else {
        Schedule::UntilCured
    };
    (at_s, schedule)
}

fn zero(checker: &mut Checker, path: &str) {
    checker.fail(
        path,
        "a fault on for no time never shows",
        "give a length such as \"25m\", or leave `duration` out for a fault on until cured",
    );
}

/// `for` and `until` belong to a flapping fault.
fn flap_parts_need_every(checker: &mut Checker, path: &str, fault: &FaultFile) {
    if fault.every.is_some() {
        return;
    }
    for (field, given) in [
        ("for", fault.on_for.is_some()),
        ("until", fault.until.is_some()),
    ] {
        if given {
            checker.fail(
                format!("{path}.{field}"),
                format!("`{field}` belongs to a flapping fault, which needs `every`"),
                "add `every = \"5m\"` (the period) with `for = \"2m\"` (how long it is on in each)",
            );
        }
    }
}

/// `every` with `for`, from `at` (then `until` when given).
fn flapping(
    checker: &mut Checker,
    path: &str,
    fault: &FaultFile,
    at_s: u32,
    every: &str,
) -> Schedule {
    let period_s = checker.duration(&format!("{path}.every"), every);
    let before = checker.problems.len();
    let on_s = match &fault.on_for {
        Some(on) => checker.duration(&format!("{path}.for"), on),
        None => {
            checker.fail(
                path,
                "a flapping fault needs `for` (how long it is on in each period)",
                format!("add `for = \"2m\"`, shorter than `every = \"{every}\"`"),
            );
            1
        }
    };
    if on_s == 0 && checker.problems.len() == before {
        zero(checker, &format!("{path}.for"));
    }
    if period_s > 0 && on_s >= period_s {
        checker.fail(
            format!("{path}.for"),
            format!(
                "on for `{}` of every `{every}` is never off",
                fault.on_for.as_deref().unwrap_or("")
            ),
            "make `for` shorter than `every`, or leave both out for a fault on until cured",
        );
    }
    let until_s = fault.until.as_ref().and_then(|until| {
        let until_path = format!("{path}.until");
        let until = checker.time_opt(&until_path, until)?;
        if until <= at_s {
            checker.fail(
                until_path,
                "the flapping stops before it starts",
                "give a time after `at`",
            );
        }
        Some(until.saturating_sub(at_s))
    });
    Schedule::Every {
        period_s,
        on_s,
        until_s,
    }
}

/// On during each window, in order: the first window's start is the fault's.
fn windows_schedule(
    checker: &mut Checker,
    path: &str,
    fault: &FaultFile,
    windows: &[[String; 2]],
) -> (u32, Schedule) {
    for (field, given) in [("at", fault.at.is_some()), ("since", fault.since.is_some())] {
        if given {
            checker.fail(
                format!("{path}.{field}"),
                format!("`{field}` and `windows` both say when it starts"),
                "leave out `at`: the first window's start is when the fault starts",
            );
        }
    }
    if windows.is_empty() {
        checker.fail(
            format!("{path}.windows"),
            "no windows: the fault would never be on",
            "list at least one, such as [[\"11:20\", \"11:45\"]]",
        );
        return (0, Schedule::UntilCured);
    }
    let mut ticks: Vec<(u32, u32)> = Vec::new();
    for (i, [from, to]) in windows.iter().enumerate() {
        let here = format!("{path}.windows[{i}]");
        let (Some(from_s), Some(to_s)) =
            (checker.time_opt(&here, from), checker.time_opt(&here, to))
        else {
            continue;
        };
        if to_s <= from_s {
            checker.fail(
                &here,
                format!("the window ends ({to}) before it begins ({from})"),
                "write each window as [\"begins\", \"ends\"]",
            );
        } else if ticks.last().is_some_and(|last| from_s <= last.1) {
            checker.fail(
                &here,
                format!("the window begins ({from}) before the one before it ends"),
                "list the windows in order, each beginning after the one before ends",
            );
        }
        ticks.push((from_s, to_s));
    }
    let at_s = ticks.first().map_or(0, |w| w.0);
    let offsets = ticks
        .iter()
        .map(|(from, to)| (from.saturating_sub(at_s), to.saturating_sub(at_s)))
        .collect();
    (at_s, Schedule::Windows(offsets))
}

//! Host names as a scenario writes them, checked against its fleet.

use crate::sim::FleetConfig;

use super::checker::Checker;

/// The server called `name`; a located error (and server 0) when there is none.
pub fn host(checker: &mut Checker, path: &str, name: &str, fleet: &FleetConfig) -> u32 {
    let found = (0..fleet.servers).find(|s| fleet.host_name(*s) == name);
    match found {
        Some(s) => s,
        // With no valid fleet there is nothing to check hosts against; the fleet is reported.
        _ if fleet.servers == 0 || checker.hosts_unknown => 0,
        _ => {
            let known = known_hosts(fleet);
            checker.fail(
                path,
                format!("there is no host `{name}`"),
                format!("hosts are {known}"),
            );
            0
        }
    }
}

/// The fleet's hosts in a few words: all of them when few, the first and last when many.
pub fn known_hosts(fleet: &FleetConfig) -> String {
    let n = fleet.servers;
    if n <= 6 {
        (0..n)
            .map(|s| fleet.host_name(s))
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        format!("{} .. {}", fleet.host_name(0), fleet.host_name(n - 1))
    }
}

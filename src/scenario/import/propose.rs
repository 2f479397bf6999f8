//! What a timeline line's words suggest: a catalogue action ("a server restart was attempted"
//! -> `restart_server`) and a milestone (detected, escalated, cause confirmed, fixed, restored).
//! Both are proposals: the draft marks them so, and the author keeps or changes them.

use super::read::Line;
use crate::sim::actions::{TargetKind, CATALOGUE};

/// A timeline line with what its words propose.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub line: Line,
    /// A catalogue action id, and the words that proposed it.
    pub action: Option<(&'static str, &'static str)>,
    /// A milestone id from [`MILESTONES`].
    pub milestone: Option<&'static str>,
}

/// Words -> action, first match wins (so "fixed ... and restarted" is the fix, not a restart).
const ACTIONS: [(&[&str], &str); 14] = [
    (
        &[
            "root cause",
            "confirmed as the cause",
            "identified the cause",
        ],
        "declare_hypothesis",
    ),
    (
        &["fixed", "fix was", "patch", "hotfix", "code fix"],
        "apply_code_fix",
    ),
    (
        &[
            "rolled back",
            "roll back",
            "rollback",
            "reverted the deploy",
            "reverted the release",
        ],
        "rollback_deploy",
    ),
    (
        &[
            "reverted the config",
            "config revert",
            "configuration was reverted",
        ],
        "revert_config",
    ),
    (&["maintenance page"], "enable_maintenance_page"),
    (&["status page", "statuspage"], "update_status_page"),
    (
        &[
            "scaled out",
            "scale out",
            "added capacity",
            "more servers",
            "added servers",
            "scaled up",
        ],
        "scale_out",
    ),
    (
        &["restart", "rebooted", "reboot", "bounced"],
        "restart_server",
    ),
    (
        &[
            "developer",
            "development team",
            "paged",
            "escalat",
            "on-call engineer",
        ],
        "page_developers",
    ),
    (&["config"], "check_config"),
    (&["memory", "heap", "oom"], "view_memory"),
    (&["disk", "filesystem"], "df"),
    (&["rate limit", "throttl"], "enable_rate_limiting"),
    (&["logs", "log files"], "read_logs"),
];

/// The milestones the import can place: id, title, its `when`, the words that mark it.
pub const MILESTONES: [(&str, &str, &str, &[&str]); 5] = [
    (
        "detected",
        "Outage detected",
        "alert:errors",
        &["detect", "alert", "noticed", "monitoring", "first report"],
    ),
    (
        "escalated",
        "Developers engaged",
        "developers_engaged",
        &["engaged", "escalat", "paged", "developer"],
    ),
    (
        "cause_confirmed",
        "Root cause confirmed",
        "hypothesis:root_cause",
        &["root cause", "confirmed", "identified the cause"],
    ),
    (
        "fixed",
        "Fix shipped",
        "fix_deployed",
        &["fixed", "fix was", "deployed a fix", "patch", "hotfix"],
    ),
    (
        "restored",
        "Service restored",
        "restored",
        &[
            "restor",
            "recovered",
            "back to normal",
            "return to normal",
            "operating normally",
            "resolved",
            "fully operational",
        ],
    ),
];

/// The first host of the template's fleet, the target a host action is proposed on.
pub const FIRST_HOST: &str = "web-1";

/// The target an action needs in the draft, if it needs one.
pub fn target(action: &str) -> Option<&'static str> {
    let spec = CATALOGUE.iter().find(|s| s.id == action)?;
    match spec.target {
        TargetKind::Host | TargetKind::AnyHost => Some(FIRST_HOST),
        TargetKind::Hypothesis => Some("root_cause"),
        TargetKind::Severity => Some("sev1"),
        _ => None,
    }
}

fn action_for(lower: &str) -> Option<(&'static str, &'static str)> {
    ACTIONS.iter().find_map(|(words, id)| {
        let id = CATALOGUE.iter().find(|s| s.id == *id)?.id;
        words.iter().find(|w| lower.contains(*w)).map(|w| (id, *w))
    })
}

/// Proposes actions and milestones for every line; a milestone goes to the first line that
/// marks it, and the restore to the last (a write-up often says "restored" more than once).
pub fn all(lines: Vec<Line>) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = lines
        .into_iter()
        .map(|line| {
            let lower = line.note.to_ascii_lowercase();
            Proposal {
                action: action_for(&lower),
                milestone: None,
                line,
            }
        })
        .collect();
    for (id, _, _, words) in MILESTONES {
        let marks = |p: &Proposal| {
            let lower = p.line.note.to_ascii_lowercase();
            words.iter().any(|w| lower.contains(w))
        };
        let free = |p: &&mut Proposal| p.milestone.is_none() && marks(p);
        let chosen = match id == "restored" {
            true => out.iter_mut().rev().find(free),
            false => out.iter_mut().find(free),
        };
        if let Some(p) = chosen {
            p.milestone = Some(id);
        }
    }
    // A restore is the outcome, not something the team did.
    for p in out.iter_mut().filter(|p| p.milestone == Some("restored")) {
        p.action = None;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(minutes: u32, note: &str) -> Line {
        Line {
            minutes,
            note: note.to_string(),
            line: 1,
        }
    }

    #[test]
    fn words_propose_catalogue_actions() {
        let got = all(vec![
            line(870, "Monitoring systems detected the outage."),
            line(
                875,
                "A server restart was attempted but did not resolve the issue.",
            ),
            line(
                1000,
                "The bug was fixed through code optimization, and the server was restarted.",
            ),
            line(1010, "Website services were fully restored."),
        ]);
        assert_eq!(got[0].milestone, Some("detected"));
        assert_eq!(got[1].action, Some(("restart_server", "restart")));
        assert_eq!(got[2].action.map(|a| a.0), Some("apply_code_fix"));
        assert_eq!(got[2].milestone, Some("fixed"));
        assert_eq!((got[3].action, got[3].milestone), (None, Some("restored")));
        for (_, id) in ACTIONS {
            assert!(
                CATALOGUE.iter().any(|s| s.id == id),
                "{id} is in the catalogue"
            );
        }
        assert_eq!(target("restart_server"), Some(FIRST_HOST));
    }
}

//! A fault's shape in time, the same for every kind: on until cured, on for a while, on during
//! windows, or flapping. Offsets count from the fault's start (`at_s`), so a seed that moves the
//! start moves the whole shape with it.

use serde::{Deserialize, Serialize};

/// When a fault is on, once it has started.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Schedule {
    /// On from its start until something cures it.
    #[default]
    UntilCured,
    /// On for this long after it starts, then gone by itself.
    For { duration_s: u32 },
    /// On during each `(from, to)`, seconds after its start, off between; gone after the last.
    /// The first starts at 0, each ends after it starts and the next starts after it ends.
    Windows(Vec<(u32, u32)>),
    /// Flapping: on for `on_s` of every `period_s` from its start, until `until_s` after it
    /// (when set; otherwise for the rest of the run).
    Every {
        period_s: u32,
        on_s: u32,
        until_s: Option<u32>,
    },
}

impl Schedule {
    /// When the on-time that began `began_s` after the fault's start ends (seconds after its
    /// start); `None` while nothing but a cure ends it.
    pub fn ends_after(&self, began_s: u32) -> Option<u32> {
        match self {
            Schedule::UntilCured => None,
            Schedule::For { duration_s } => Some(began_s.saturating_add(*duration_s)),
            Schedule::Windows(windows) => windows
                .iter()
                .find(|(from, to)| *from <= began_s && began_s < *to)
                .map(|(_, to)| *to),
            Schedule::Every {
                on_s, until_s: end, ..
            } => {
                let off = began_s.saturating_add(*on_s);
                Some(end.map_or(off, |end| off.min(end)))
            }
        }
    }

    /// When it comes on again after an off-time beginning `ended_s` after its start, if it does.
    pub fn returns_after(&self, ended_s: u32) -> Option<u32> {
        match self {
            Schedule::UntilCured | Schedule::For { .. } => None,
            Schedule::Windows(windows) => windows
                .iter()
                .map(|(from, _)| *from)
                .find(|from| *from >= ended_s),
            Schedule::Every {
                period_s,
                until_s: end,
                ..
            } => {
                let period = (*period_s).max(1);
                let next = (ended_s / period).saturating_add(1).saturating_mul(period);
                end.is_none_or(|end| next < end).then_some(next)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Schedule;

    #[test]
    fn windows_end_and_return_in_order() {
        let windows = Schedule::Windows(vec![(0, 1500), (1800, 4200)]);
        assert_eq!(windows.ends_after(0), Some(1500));
        assert_eq!(windows.returns_after(1500), Some(1800));
        assert_eq!(windows.ends_after(1800), Some(4200));
        assert_eq!(windows.returns_after(4200), None);
    }

    #[test]
    fn flapping_repeats_until_its_end() {
        let flap = Schedule::Every {
            period_s: 300,
            on_s: 150,
            until_s: Some(700),
        };
        assert_eq!(flap.ends_after(0), Some(150));
        assert_eq!(flap.returns_after(150), Some(300));
        assert_eq!(flap.ends_after(600), Some(700));
        assert_eq!(flap.returns_after(700), None);
        let forever = Schedule::Every {
            period_s: 300,
            on_s: 150,
            until_s: None,
        };
        assert_eq!(forever.returns_after(450), Some(600));
    }

    #[test]
    fn a_duration_ends_once_and_until_cured_never_does() {
        assert_eq!(Schedule::For { duration_s: 60 }.ends_after(0), Some(60));
        assert_eq!(Schedule::For { duration_s: 60 }.returns_after(60), None);
        assert_eq!(Schedule::UntilCured.ends_after(0), None);
    }
}

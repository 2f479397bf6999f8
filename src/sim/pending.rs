//! Effects that land later (a restart finishing, developers arriving, a fix going live), kept in
//! `(tick, sequence)` order so ties keep the order they were scheduled in.

use super::events::RestartCause;
use super::resolve::Change;

/// Most effects that may wait at once; scheduling past it is refused.
pub const MAX_PENDING: usize = 4_096;

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    StopServer {
        server: u32,
        cause: RestartCause,
    },
    DevelopersArrive,
    FixLive,
    RollbackLive,
    ServerProvisioned,
    FaultEnds {
        fault: u32,
    },
    /// A paused fault's next window opens (unless it was cured meanwhile).
    FaultReturns {
        fault: u32,
    },
    /// A change the trainee started lands when its action completes (a config push, a cleanup).
    Land(Change),
    /// A scenario's own action lands: its cures and settings take effect.
    CustomLands {
        action: u32,
    },
    /// A killed runaway process is started again (until its fault is cured).
    RunawayReturns {
        fault: u32,
        server: u32,
    },
}

#[derive(Clone, Debug, Default)]
pub struct PendingQueue {
    items: Vec<(u32, u64, Effect)>,
    next_seq: u64,
}

impl PendingQueue {
    /// Schedules an effect; false when the queue is full.
    pub fn schedule(&mut self, at: u32, effect: Effect) -> bool {
        if self.items.len() >= MAX_PENDING {
            return false;
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let pos = self
            .items
            .partition_point(|(t, s, _)| (*t, *s) <= (at, seq));
        self.items.insert(pos, (at, seq, effect));
        true
    }

    /// Removes and returns the next effect due at or before `tick`.
    pub fn pop_due(&mut self, tick: u32) -> Option<Effect> {
        match self.items.first() {
            Some((at, _, _)) if *at <= tick => Some(self.items.remove(0).2),
            _ => None,
        }
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn contains(&self, matches: impl Fn(&Effect) -> bool) -> bool {
        self.items.iter().any(|(_, _, e)| matches(e))
    }

    /// The latest tick at which a matching effect is due.
    pub fn last_due(&self, matches: impl Fn(&Effect) -> bool) -> Option<u32> {
        self.items
            .iter()
            .filter(|(_, _, e)| matches(e))
            .map(|(t, _, _)| *t)
            .max()
    }

    pub fn count(&self, matches: impl Fn(&Effect) -> bool) -> usize {
        self.items.iter().filter(|(_, _, e)| matches(e)).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_keep_insertion_order() {
        let mut q = PendingQueue::default();
        q.schedule(10, Effect::FixLive);
        q.schedule(5, Effect::DevelopersArrive);
        q.schedule(10, Effect::RollbackLive);
        assert_eq!(q.pop_due(4), None);
        assert_eq!(q.pop_due(10), Some(Effect::DevelopersArrive));
        assert_eq!(q.pop_due(10), Some(Effect::FixLive));
        assert_eq!(q.pop_due(10), Some(Effect::RollbackLive));
        assert!(q.is_empty());
    }
}

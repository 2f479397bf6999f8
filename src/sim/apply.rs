//! Trainee actions: checking them, their effects on the world, and the effects that land later.

use super::actions::{Action, ActionError, Nothing};
use super::events::{EventKind, RestartCause};
use super::findings::{Finding, FindingBody};
use super::pending::Effect;
use super::resolve::{Coordination, Resolved};
use super::simulation::Simulation;

impl Simulation {
    /// How long `action` takes in this scenario (0 for one it does not define).
    pub fn duration_s(&self, action: &Action) -> u32 {
        self.cfg.info(action).map_or(0, |a| a.duration_s)
    }

    /// Takes an action now. Its finding is ready after the action's duration, and the trainee is
    /// busy until then. A refused action is recorded in the trace and changes nothing else.
    pub fn apply(&mut self, action: Action) -> Result<&Finding, ActionError> {
        let t = self.tick;
        match self.try_apply(t, &action) {
            Ok(body) => {
                let ready_at = t + self.duration_s(&action);
                self.response.busy_until = ready_at;
                let taken = EventKind::ActionTaken {
                    action: action.clone(),
                    ready_at,
                };
                self.trace.events.push(t, taken);
                let shows = self.shown_faults(&body);
                self.trace.findings.push(Finding {
                    action,
                    issued_at: t,
                    ready_at,
                    body,
                    shows,
                });
                Ok(self.trace.findings.last().expect("just pushed"))
            }
            Err(error) => {
                let reason = error.to_string();
                self.trace
                    .events
                    .push(t, EventKind::ActionRejected { action, reason });
                Err(error)
            }
        }
    }

    /// The live faults whose anomaly `body` shows, by index, in file order.
    fn shown_faults(&self, body: &FindingBody) -> Vec<u32> {
        let sight = self.sight();
        self.faults
            .live()
            .filter(|&i| self.cfg.faults[i].kind.shows(body, &sight))
            .map(|i| i as u32)
            .collect()
    }

    fn try_apply(&mut self, tick: u32, action: &Action) -> Result<FindingBody, ActionError> {
        match self.preflight(action)? {
            Resolved::Look(look) => Ok(self.diagnose(tick, look)),
            Resolved::Start(start) => self.start(tick, start),
            Resolved::Change(change) => self.change(tick, change, self.duration_s(action)),
            Resolved::Coordinate(coordination) => self.coordinate(tick, coordination),
            Resolved::Custom { index, host } => self.custom_action(tick, index, host),
        }
    }

    /// Escalation and communication: paging, severity, status page, hypotheses, the code fix.
    fn coordinate(&mut self, tick: u32, what: Coordination) -> Result<FindingBody, ActionError> {
        use Coordination as C;
        let note = |text: String| Ok(FindingBody::Note { text });
        match what {
            C::PageDevelopers => self.page_developers(tick),
            C::DeclareSeverity(level) => {
                self.trace
                    .events
                    .push(tick, EventKind::SeverityDeclared { level });
                note(format!("Incident declared {level}."))
            }
            C::UpdateStatusPage => {
                self.trace.events.push(tick, EventKind::StatusPageUpdated);
                note("The status page now tells customers about the outage.".into())
            }
            C::DeclareHypothesis(h) => note(self.declare_hypothesis(tick, h)),
            C::ApplyCodeFix { hypothesis } => self.apply_code_fix(tick, hypothesis),
            C::DeclareResolved => {
                self.response.resolved_declared_at = Some(tick);
                self.trace.events.push(tick, EventKind::ResolutionDeclared);
                note(format!(
                    "Incident declared resolved at {}.",
                    super::clock::hhmm(self.cfg.start_s_of_day, tick)
                ))
            }
        }
    }

    pub(super) fn schedule(&mut self, at: u32, effect: Effect) -> Result<(), ActionError> {
        if self.pending.schedule(at, effect) {
            Ok(())
        } else {
            Err(ActionError::NothingToDo {
                reason: Nothing::QueueFull,
            })
        }
    }

    /// The team works from a cause: what it says, with the scenario's own actions that were
    /// waiting for this cause and are now on the menu.
    fn declare_hypothesis(&mut self, tick: u32, cause: u32) -> String {
        let correct = self.cfg.hypotheses[cause as usize].correct;
        self.response.hypothesis = Some(cause);
        let first = self.response.declared.insert(cause);
        let event = EventKind::HypothesisDeclared {
            hypothesis: cause,
            correct,
        };
        self.trace.events.push(tick, event);
        let title = &self.cfg.hypotheses[cause as usize].title;
        let now_known: Vec<String> = self
            .cfg
            .custom_actions
            .iter()
            .filter(|c| first && c.revealed_by_cause == Some(cause) && self.knows_custom(c))
            .map(|c| format!("\"{}\"", c.title))
            .collect();
        if now_known.is_empty() {
            format!("Working hypothesis: {title}.")
        } else {
            format!(
                "Working hypothesis: {title}. Working from it, now on the menu: {}.",
                now_known.join(", ")
            )
        }
    }

    fn page_developers(&mut self, tick: u32) -> Result<FindingBody, ActionError> {
        self.response.developers_paged_at = Some(tick);
        let wait = self.cfg.response.developers_response_s;
        self.schedule(tick + wait, Effect::DevelopersArrive)?;
        let text = format!(
            "Paged {}; they expect to join in about {} min.",
            self.cfg.response.escalation_team(),
            wait / 60
        );
        Ok(FindingBody::Note { text })
    }

    fn apply_code_fix(&mut self, tick: u32, hypothesis: u32) -> Result<FindingBody, ActionError> {
        if !self.bug_in_code() {
            let title = &self.cfg.hypotheses[hypothesis as usize].title;
            // What is wrong is not a bug (a config, a limit, a setting): the developers say so
            // rather than ship a build that changes nothing.
            let text = format!(
                "The developers find nothing in the code to fix: they looked for \"{title}\" and the code does what it should, so they build and ship nothing. What is wrong is outside the code."
            );
            return Ok(FindingBody::Note { text });
        }
        self.schedule(tick + self.cfg.response.fix_deploy_s, Effect::FixLive)?;
        let title = &self.cfg.hypotheses[hypothesis as usize].title;
        let who = super::config::capitalised(self.cfg.response.escalation_people());
        let text = format!(
            "{who} are fixing \"{title}\" and shipping it; the build goes live in about {} min, when every server restarts on it at once (a short full outage).",
            self.cfg.response.fix_deploy_s / 60
        );
        Ok(FindingBody::Note { text })
    }

    /// Lands every effect due now.
    pub(super) fn run_pending(&mut self, tick: u32) {
        while let Some(effect) = self.pending.pop_due(tick) {
            match effect {
                // A server that is down is started again: a rolling restart brings it back too.
                Effect::StopServer { server, cause } => {
                    self.fleet
                        .stop(server as usize, tick, cause, true, &mut self.trace.events);
                }
                Effect::DevelopersArrive => {
                    self.response.developers_engaged = true;
                    self.trace.events.push(tick, EventKind::DevelopersEngaged);
                }
                Effect::FixLive => self.fix_live(tick),
                Effect::RollbackLive => {
                    let Some(version) = self.faults.previous_release.clone() else {
                        continue; // nothing earlier to go back to: the rollback changes nothing
                    };
                    self.cure(tick, |_, k| k.deploy().is_some());
                    self.deploy(tick, version, RestartCause::Deploy);
                }
                Effect::ServerProvisioned => {
                    let s = self.fleet.add_server(tick);
                    self.trace.series.hosts.push(self.fleet.name(s).into());
                    self.trace
                        .events
                        .push(tick, EventKind::ServerAdded { server: s });
                }
                Effect::FaultEnds { fault } => self.world(tick).end(fault),
                Effect::FaultReturns { fault } => self.world(tick).resume(fault),
                Effect::Land(change) => self.land(tick, change),
                Effect::CustomLands { action } => self.custom_lands(tick, action as usize),
                Effect::RunawayReturns { fault, server } => {
                    let live = self.faults.live().any(|i| i == fault as usize);
                    if let (true, Some(cpu_pct)) =
                        (live, self.cfg.faults[fault as usize].kind.runaway_cpu_pct())
                    {
                        self.fleet.start_runaway(server as usize, cpu_pct);
                    }
                }
            }
        }
    }

    /// Whether a bug in the code is acting now or due back (what a code fix could remove).
    fn bug_in_code(&self) -> bool {
        self.faults
            .curable_now()
            .any(|i| self.cfg.faults[i].kind.in_code())
    }

    /// The developers' build goes live: it cures the code faults if they worked on the right cause.
    fn fix_live(&mut self, tick: u32) {
        let right_cause = self
            .response
            .hypothesis
            .is_some_and(|h| self.cfg.hypotheses[h as usize].correct);
        if right_cause {
            self.cure(tick, |_, k| k.in_code());
        }
        let version = format!("{}-hotfix", self.faults.release);
        self.deploy(tick, version, RestartCause::Deploy);
    }
}

//! The session reducer: what the screens need besides the simulation itself (which lives in the
//! session, never cloned per frame). A message that changes nothing returns the same `Rc`, so Yew
//! skips the render.

use std::rc::Rc;

/// Which screen is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Library,
    Briefing,
    Console,
    End,
    /// The author's page: write and check a scenario.
    Author,
}

/// How fast simulated time runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    Paused,
    X1,
    X10,
    X60,
}

impl Speed {
    pub const ALL: [Speed; 4] = [Speed::Paused, Speed::X1, Speed::X10, Speed::X60];

    /// Simulated seconds per real second.
    pub fn factor(self) -> f64 {
        match self {
            Speed::Paused => 0.0,
            Speed::X1 => 1.0,
            Speed::X10 => 10.0,
            Speed::X60 => 60.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Speed::Paused => "Pause",
            Speed::X1 => "1x",
            Speed::X10 => "10x",
            Speed::X60 => "60x",
        }
    }

    /// Keys 1-4 pick a speed.
    pub fn from_key(key: &str) -> Option<Speed> {
        match key {
            "1" => Some(Speed::Paused),
            "2" => Some(Speed::X1),
            "3" => Some(Speed::X10),
            "4" => Some(Speed::X60),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct UiState {
    pub screen: Screen,
    pub speed: Speed,
    /// The speed Space returns to.
    pub resume: Speed,
    /// Simulated tick shown.
    pub tick: u32,
    /// Bumps when a scrape lands or the trainee acts: panels and charts redraw then.
    pub generation: u64,
    /// The finding open in the findings panel (index into the trace's findings).
    pub open_finding: Option<usize>,
    /// Alert firings acknowledged, as (rule, fired_at).
    pub acknowledged: Vec<(u32, u32)>,
    /// What the live region announces (new alerts, findings, refusals).
    pub announcement: String,
    /// A one-line notice on the library (a discarded save, a file that could not be read).
    pub notice: Option<String>,
}

impl Default for UiState {
    fn default() -> Self {
        UiState {
            screen: Screen::Library,
            speed: Speed::Paused,
            resume: Speed::X10,
            tick: 0,
            generation: 0,
            open_finding: None,
            acknowledged: Vec::new(),
            announcement: String::new(),
            notice: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Msg {
    /// Show a screen; entering the console starts paused at the session's tick.
    Show(Screen, u32),
    SetSpeed(Speed),
    TogglePause,
    /// Time moved to `tick`; `scraped` when new data landed.
    Advanced {
        tick: u32,
        scraped: bool,
    },
    /// The trainee acted (or a finding became ready): redraw panels.
    Acted,
    OpenFinding(Option<usize>),
    Acknowledge((u32, u32)),
    Announce(String),
    Notice(Option<String>),
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for UiState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        UiState::apply(self, msg)
    }
}

impl UiState {
    /// The reducer: a new state when something changed, the same `Rc` when nothing did.
    pub fn apply(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Show(screen, tick) => {
                next.screen = screen;
                next.tick = tick;
                next.generation += 1;
                if screen != Screen::Console {
                    next.speed = Speed::Paused;
                }
                if screen == Screen::Briefing {
                    next.open_finding = None;
                    next.acknowledged.clear();
                    next.announcement.clear();
                }
            }
            Msg::SetSpeed(_) | Msg::TogglePause if self.screen != Screen::Console => return self,
            Msg::SetSpeed(speed) => {
                next.speed = speed;
                if speed != Speed::Paused {
                    next.resume = speed;
                }
            }
            Msg::TogglePause => {
                next.speed = if self.speed == Speed::Paused {
                    self.resume
                } else {
                    Speed::Paused
                };
            }
            Msg::Advanced { tick, scraped } => {
                next.tick = tick;
                if scraped {
                    next.generation += 1;
                }
            }
            Msg::Acted => next.generation += 1,
            Msg::OpenFinding(f) => next.open_finding = f,
            Msg::Acknowledge(key) => {
                if !next.acknowledged.contains(&key) {
                    next.acknowledged.push(key);
                }
            }
            Msg::Announce(text) => next.announcement = text,
            Msg::Notice(text) => next.notice = text,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(state: &Rc<UiState>, msg: Msg) -> Rc<UiState> {
        UiState::apply(Rc::clone(state), msg)
    }

    #[test]
    fn space_pauses_and_resumes_the_last_speed() {
        let s = Rc::new(UiState::default());
        let idle = reduce(&s, Msg::SetSpeed(Speed::X60));
        assert!(
            Rc::ptr_eq(&s, &idle),
            "speed keys do nothing outside the console"
        );
        let s = reduce(&s, Msg::Show(Screen::Console, 0));
        let s = reduce(&s, Msg::SetSpeed(Speed::X60));
        let paused = reduce(&s, Msg::TogglePause);
        assert_eq!(paused.speed, Speed::Paused);
        let resumed = reduce(&paused, Msg::TogglePause);
        assert_eq!(resumed.speed, Speed::X60);
        assert_eq!(Speed::from_key("4"), Some(Speed::X60));
        assert_eq!(Speed::from_key("5"), None);
    }

    #[test]
    fn nothing_changed_means_the_same_state_and_no_render() {
        let s = Rc::new(UiState::default());
        let same = reduce(
            &s,
            Msg::Advanced {
                tick: 0,
                scraped: false,
            },
        );
        assert!(Rc::ptr_eq(&s, &same));
        let moved = reduce(
            &s,
            Msg::Advanced {
                tick: 5,
                scraped: false,
            },
        );
        assert_eq!(
            moved.generation, s.generation,
            "no scrape, no redraw of panels"
        );
        let scraped = reduce(
            &moved,
            Msg::Advanced {
                tick: 10,
                scraped: true,
            },
        );
        assert_eq!(scraped.generation, s.generation + 1);
    }

    #[test]
    fn leaving_the_console_pauses_and_a_new_briefing_forgets_the_last_run() {
        let s = Rc::new(UiState::default());
        let s = reduce(&s, Msg::Show(Screen::Console, 0));
        let s = reduce(&s, Msg::SetSpeed(Speed::X10));
        let s = reduce(&s, Msg::Acknowledge((0, 1800)));
        let s = reduce(&s, Msg::Acknowledge((0, 1800)));
        assert_eq!(s.acknowledged.len(), 1);
        let end = reduce(&s, Msg::Show(Screen::End, 9000));
        assert_eq!(end.speed, Speed::Paused);
        let again = reduce(&end, Msg::Show(Screen::Briefing, 0));
        assert!(again.acknowledged.is_empty());
    }
}

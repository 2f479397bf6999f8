//! Which screen is up and how fast simulated time runs.

/// Which screen is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Library,
    Briefing,
    Console,
    End,
    /// A kept run played back, scrubbed and taken over.
    Replay,
}

impl Screen {
    /// The screens whose clock runs at a chosen speed.
    pub fn has_clock(self) -> bool {
        matches!(self, Screen::Console | Screen::Replay)
    }
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

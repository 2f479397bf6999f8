//! The page's addresses. The trainer is the page itself; the team lead's pages (the author's
//! page, the cohort review) and the facilitator's console are the page opened with a fragment,
//! each its own module, which the boot script (`scripts/post-build.mjs`) loads for that
//! fragment, so a trainee's first download carries none of them. Going from one to another loads
//! the page again; what they hand each other (a scenario to play, the one opened from a file) is
//! kept in the tab's session storage under the keys below.

/// The author's page: write a scenario in the browser.
pub const AUTHOR: &str = "#author";
/// The cohort review: many runs of one scenario side by side.
pub const COHORT: &str = "#cohort";
/// The facilitator's console, in a second window beside the room's.
pub const FACILITATE: &str = "#facilitate";
/// Back to the trainer (an empty fragment).
pub const TRAINER: &str = "#";

/// A scenario the author's page asks the trainer to play (packed, `scenario::packed`); the
/// trainer takes it, once, when it starts.
pub const PLAY_KEY: &str = "incident-trainer.play";
/// The scenario opened from a file (or played from the author's page), packed: listed in the
/// library again when the trainer comes back, and a scenario the cohort review can replay.
pub const OPENED_KEY: &str = "incident-trainer.opened";

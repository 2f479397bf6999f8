//! The team lead's pages, a module of their own (`src/bin/lead.rs`) so a trainee's first download
//! does not carry them: the author's page (the page opened with `#author`) and the cohort review
//! (`#cohort`). The boot script loads this module for those fragments (`ui::pages`); a scenario
//! to play goes to the trainer through the tab's session storage, and the trainer's page loads
//! again to play it.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::components::masthead::Masthead;
use super::hooks::use_theme;
use super::pages::{COHORT, OPENED_KEY, PLAY_KEY, TRAINER};
use super::progress;
use super::screens::{author::Author, cohort::CohortReview};
use super::storage::session;
use crate::scenario::Scenario;

/// What the page could not do (keep the theme, hand a scenario over), the latest said.
#[derive(Default, PartialEq)]
struct Note(Option<String>);

impl Reducible for Note {
    type Action = String;

    fn reduce(self: Rc<Self>, text: String) -> Rc<Self> {
        Rc::new(Note(Some(text)))
    }
}

#[component]
pub fn Lead() -> Html {
    let note = use_reducer(Note::default);
    let say = note.dispatcher().to_callback();
    let theme = use_theme(say.clone());
    let dark = theme.dark;
    use_effect_with((), |_| browser::install_panic_screen());
    let builtins = use_memo((), |_| progress::builtins());
    let cohort = browser::fragment() == COHORT;
    // The review replays runs of the built-ins and of the scenario the trainer had opened (read
    // on the review only: the author's page has no use for it).
    let reviewed = use_memo(cohort, {
        let builtins = Rc::clone(&builtins);
        move |cohort| {
            let mut all = (*builtins).clone();
            if !*cohort {
                return (Rc::new(all), None);
            }
            let opened = session::scenario(OPENED_KEY, false);
            let unreadable = match opened {
                Some(Ok(scenario)) => {
                    all.push(Rc::new(scenario));
                    None
                }
                Some(Err(why)) => Some(format!(
                    "The scenario opened in the trainer could not be read back ({why}): its runs will not replay here."
                )),
                None => None,
            };
            (Rc::new(all), unreadable)
        }
    });
    let page = if cohort {
        let (scenarios, unreadable) = (*reviewed).clone();
        html! {
            <>
                if let Some(text) = unreadable { <p class="storage-note" role="status">{ text }</p> }
                <CohortReview {scenarios} {dark} />
            </>
        }
    } else {
        let on_play = Callback::from(move |scenario: Rc<Scenario>| {
            match session::keep(PLAY_KEY, &scenario) {
                Ok(()) => browser::go(TRAINER),
                Err(why) => say.emit(format!(
                    "The scenario could not be handed to the trainer: {why}. Download it and open the file in the library."
                )),
            }
        });
        html! { <Author {dark} library={Rc::clone(&builtins)} {on_play} /> }
    };
    html! {
        <div class={classes!("app", dark.then_some("dark"))}>
            <Masthead {theme} />
            if let Some(text) = &note.0 { <p class="storage-note" role="status">{ text.clone() }</p> }
            { page }
        </div>
    }
}

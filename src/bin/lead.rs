//! The team lead's pages (the author's page, `#author`, and the cohort review, `#cohort`) as a
//! module of their own, so the trainee's page does not download them: the page's boot script
//! loads this one instead of the app for those fragments (`ui::pages`).

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<incident_trainer::ui::Lead>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    eprintln!("the author's page and the cohort review run in the browser: open the built page with #author or #cohort");
    std::process::ExitCode::from(2)
}

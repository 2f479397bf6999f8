//! The tab's session storage: what one page of this app hands the next (`ui::pages`). Like local
//! storage, failures are reported, never fatal.

use super::local::Refused;
use crate::scenario::{packed, Scenario};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps `scenario` under `key`, packed.
pub fn keep(key: &str, scenario: &Scenario) -> Result<(), Refused> {
    storage()
        .ok_or(Refused)?
        .set_item(key, &packed::pack_text(scenario))
        .map_err(|_| Refused)
}

/// The scenario kept under `key`, if any; with `take`, the key is cleared as it is read.
pub fn scenario(key: &str, take: bool) -> Option<Result<Scenario, packed::PackError>> {
    let storage = storage()?;
    let text = storage.get_item(key).ok().flatten()?;
    if take {
        let _ = storage.remove_item(key);
    }
    Some(packed::unpack_text(&text))
}

//! The browser's local storage. Failures (storage disabled, private mode, quota) are reported,
//! never fatal: a page whose storage getter throws still runs, it only cannot keep anything.

/// The storage, when the browser lets the page have it (its getter throws when disabled).
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// The browser would not store a value.
#[derive(Debug, thiserror::Error)]
#[error("the browser refused to store it (storage full or disabled)")]
pub struct Refused;

pub fn write(key: &str, value: &str) -> Result<(), Refused> {
    storage()
        .ok_or(Refused)?
        .set_item(key, value)
        .map_err(|_| Refused)
}

pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// Moves what `from` holds to `to`, so a bad entry is kept rather than lost; true when kept.
pub fn set_aside(from: &str, to: &str) -> bool {
    let Some(text) = read(from) else {
        return false;
    };
    let kept = write(to, &text).is_ok();
    if kept {
        remove(from);
    }
    kept
}

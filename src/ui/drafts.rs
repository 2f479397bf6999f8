//! The author's drafts: several named scenario files kept in the browser's local storage, the
//! last one worked on first. Plain Rust, tested natively; the author's page reads and writes
//! them through `storage::local`.

use serde::{Deserialize, Serialize};

pub const DRAFTS_KEY: &str = "incident-trainer.drafts";
/// Where drafts that could not be read are moved, so a bad write never costs the author's work.
pub const UNREADABLE_KEY: &str = "incident-trainer.drafts.unreadable";
/// Bumped when the layout changes.
pub const DRAFTS_VERSION: u32 = 1;

/// Why the stored drafts could not be read (the page adds what it did with them).
#[derive(Debug, thiserror::Error)]
pub enum DraftsError {
    #[error("Your saved drafts could not be read ({0})")]
    Unreadable(serde_json::Error),
    #[error("Your saved drafts are from another version of the trainer (format {0})")]
    OtherFormat(u32),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Drafts {
    pub version: u32,
    /// Most recently saved first.
    pub drafts: Vec<Draft>,
}

impl Default for Drafts {
    fn default() -> Drafts {
        Drafts {
            version: DRAFTS_VERSION,
            drafts: Vec::new(),
        }
    }
}

impl Drafts {
    /// Reads the stored drafts; none stored is an empty list. The error says what was wrong in
    /// one line (the caller keeps the text aside rather than lose it).
    pub fn decode(text: Option<&str>) -> Result<Drafts, DraftsError> {
        let Some(text) = text else {
            return Ok(Drafts::default());
        };
        let drafts: Drafts = serde_json::from_str(text).map_err(DraftsError::Unreadable)?;
        if drafts.version != DRAFTS_VERSION {
            return Err(DraftsError::OtherFormat(drafts.version));
        }
        Ok(drafts)
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(self).expect("drafts serialise")
    }

    pub fn get(&self, name: &str) -> Option<&Draft> {
        self.drafts.iter().find(|d| d.name == name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.drafts.iter().map(|d| d.name.as_str())
    }

    /// Saves `text` under `name` (replacing a draft of that name) and puts it first.
    pub fn save(&mut self, name: &str, text: &str) {
        self.drafts.retain(|d| d.name != name);
        self.drafts.insert(
            0,
            Draft {
                name: name.to_string(),
                text: text.to_string(),
            },
        );
    }

    pub fn remove(&mut self, name: &str) {
        self.drafts.retain(|d| d.name != name);
    }

    /// Renames a draft; false when the new name is empty or taken by another draft.
    pub fn rename(&mut self, from: &str, to: &str) -> bool {
        let to = to.trim();
        if to.is_empty() || (to != from && self.get(to).is_some()) {
            return false;
        }
        match self.drafts.iter_mut().find(|d| d.name == from) {
            Some(d) => {
                d.name = to.to_string();
                true
            }
            None => false,
        }
    }

    /// `base`, or `base (2)`, `base (3)`... whichever no draft has yet.
    pub fn free_name(&self, base: &str) -> String {
        let base = if base.trim().is_empty() {
            "draft"
        } else {
            base.trim()
        };
        if self.get(base).is_none() {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base} ({n})"))
            .find(|name| self.get(name).is_none())
            .expect("some number is free")
    }
}

/// A file name to download a draft as: its name with anything unsafe in a file name replaced.
pub fn file_name(name: &str) -> String {
    let stem: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-');
    format!("{}.toml", if stem.is_empty() { "scenario" } else { stem })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_save_most_recent_first_rename_and_remove() {
        let mut d = Drafts::default();
        d.save("leak", "a");
        d.save("surge", "b");
        d.save("leak", "a2");
        assert_eq!(d.names().collect::<Vec<_>>(), ["leak", "surge"]);
        assert_eq!(d.get("leak").unwrap().text, "a2");
        assert!(!d.rename("leak", "surge"), "taken");
        assert!(!d.rename("leak", "  "), "empty");
        assert!(d.rename("leak", " my leak "));
        assert_eq!(d.get("my leak").unwrap().text, "a2");
        d.remove("surge");
        assert_eq!(d.names().collect::<Vec<_>>(), ["my leak"]);
        assert_eq!(d.free_name("my leak"), "my leak (2)");
        d.save("my leak (2)", "");
        assert_eq!(d.free_name("my leak"), "my leak (3)");
        assert_eq!(d.free_name(""), "draft");
    }

    #[test]
    fn stored_drafts_read_back_and_bad_ones_say_why() {
        let mut d = Drafts::default();
        d.save("x", "[scenario]\nid = \"x\"\n");
        assert_eq!(Drafts::decode(Some(&d.encode())).unwrap(), d);
        assert_eq!(Drafts::decode(None).unwrap(), Drafts::default());
        let e = Drafts::decode(Some("{\"version\":1,\"drafts\":[{\"name\":3}]}"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("Your saved drafts could not be read"), "{e}");
        let e = Drafts::decode(Some("{\"version\":9,\"drafts\":[]}"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("format 9"), "{e}");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name("my leak (2)"), "my-leak--2.toml");
        assert_eq!(file_name("../../etc"), "etc.toml");
        assert_eq!(file_name("///"), "scenario.toml");
        assert_eq!(file_name("pool-push_v2"), "pool-push_v2.toml");
    }
}

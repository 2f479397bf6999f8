//! The scenario format's reference on the author's page: `schema/reference.txt` (built from the
//! schema and the docs, kept current by tests/schema.rs) read into sections, and searched.

/// The committed reference, embedded.
pub const TEXT: &str = include_str!("../../../schema/reference.txt");

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: &'static str,
    pub kind: &'static str,
    /// `required`, `optional` or `optional (default ...)`.
    pub need: &'static str,
    pub meaning: &'static str,
}

impl Field {
    pub fn required(&self) -> bool {
        self.need == "required"
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The table's TOML header: `[clock]`, `[[faults]]`.
    pub header: &'static str,
    pub about: &'static str,
    pub fields: Vec<Field>,
}

/// The reference's sections, in its order.
pub fn sections(text: &'static str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for line in text.lines() {
        let cells: Vec<&'static str> = line.split('\t').collect();
        match cells.as_slice() {
            ["S", header, about] => out.push(Section {
                header,
                about,
                fields: Vec::new(),
            }),
            ["F", name, kind, need, meaning] => {
                if let Some(s) = out.last_mut() {
                    s.fields.push(Field {
                        name,
                        kind,
                        need,
                        meaning,
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The sections and fields matching `query` (every word, case-insensitive, in the header, the
/// field's name, type, default or meaning); a section whose header matches keeps every field.
/// An empty query keeps everything.
pub fn search(sections: &[Section], query: &str) -> Vec<Section> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let hit = |texts: &[&str]| {
        let all = texts.join(" ").to_lowercase();
        words.iter().all(|w| all.contains(w.as_str()))
    };
    sections
        .iter()
        .filter_map(|s| {
            if hit(&[s.header]) {
                return Some(s.clone());
            }
            let fields: Vec<Field> = s
                .fields
                .iter()
                .filter(|f| hit(&[s.header, f.name, f.kind, f.need, f.meaning]))
                .cloned()
                .collect();
            (!fields.is_empty()).then(|| Section {
                fields,
                ..s.clone()
            })
        })
        .collect()
}

/// A section's anchor id on the page (`ref-fleet-load_balancer`).
pub fn anchor(header: &str) -> String {
    let name: String = header
        .trim_matches(|c| c == '[' || c == ']')
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("ref-{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_reads_into_sections_with_every_field() {
        let all = sections(TEXT);
        let fleet = all.iter().find(|s| s.header == "[fleet]").unwrap();
        let servers = fleet.fields.iter().find(|f| f.name == "servers").unwrap();
        assert!(servers.required());
        assert!(!servers.meaning.is_empty());
        let runtime = fleet.fields.iter().find(|f| f.name == "runtime").unwrap();
        assert!(
            !runtime.required() && runtime.kind.starts_with("one of: jvm"),
            "{runtime:?}"
        );
        assert!(all.iter().any(|s| s.header == "[[faults]]"));
        assert!(
            all.iter().all(|s| !s.fields.is_empty()),
            "a section without fields"
        );
        // The template's required and optional markings agree with the reference.
        let template = crate::scenario::library::source("starter").unwrap();
        let mut table = "";
        let mut checked = 0;
        for line in template.lines() {
            if line.starts_with('[') {
                table = line.trim();
                continue;
            }
            let Some((key, _)) = line.split_once(" = ") else {
                continue;
            };
            let section = all.iter().find(|s| s.header == table).unwrap();
            let f = section.fields.iter().find(|f| f.name == key).unwrap();
            // Marked optional: optional in the reference. Not marked: required, or a field the
            // reference calls optional whose comment says when it is required.
            let agree = if line.contains("# optional") {
                !f.required()
            } else {
                f.required() || line.contains("# required")
            };
            assert!(
                agree,
                "{table} {key}: the template and the reference disagree"
            );
            checked += 1;
        }
        assert!(checked > 60);
    }

    #[test]
    fn the_reference_is_searched_by_every_word() {
        let all = sections(TEXT);
        let found = search(&all, "heap MAX");
        assert!(found
            .iter()
            .any(|s| s.header == "[fleet]" && s.fields.iter().any(|f| f.name == "heap_max_mb")));
        assert!(found.iter().all(|s| s.fields.len() < 10));
        let lb = search(&all, "[fleet.load_balancer]");
        assert_eq!(lb.len(), 1);
        assert_eq!(
            lb[0].fields.len(),
            all.iter()
                .find(|s| s.header == "[fleet.load_balancer]")
                .unwrap()
                .fields
                .len()
        );
        assert!(search(&all, "no such field anywhere").is_empty());
        assert_eq!(search(&all, "  ").len(), all.len());
        assert_eq!(anchor("[[scenario.sources]]"), "ref-scenario-sources");
    }
}

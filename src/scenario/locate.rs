//! Finding where a field is in the source text, and which field a place belongs to, from the spans
//! the TOML parser keeps for every key and value.

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// A parsed document with spans.
pub struct Located<'a> {
    root: Spanned<DeTable<'a>>,
}

enum Segment<'p> {
    Key(&'p str),
    Index(usize),
}

fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
            out.push(Segment::Key(key));
        }
        for index in pieces {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                out.push(Segment::Index(i));
            }
        }
    }
    out
}

impl<'a> Located<'a> {
    /// Parses `text`; `Err` carries the parser's message and the byte offset of the problem.
    pub fn parse(text: &'a str) -> Result<Located<'a>, (String, Option<usize>)> {
        DeTable::parse(text)
            .map(|root| Located { root })
            .map_err(|e| (e.message().to_string(), e.span().map(|s| s.start)))
    }

    /// The span of the value at `path`; where the path ends early (a missing field), the span of
    /// the deepest table or array that exists on the way.
    pub fn span_of(&self, path: &str) -> Range<usize> {
        let mut span = self.root.span();
        let mut table: Option<&DeTable<'a>> = Some(self.root.get_ref());
        let mut array: Option<&[Spanned<DeValue<'a>>]> = None;
        for segment in segments(path) {
            let next = match segment {
                Segment::Key(key) => table.and_then(|t| {
                    t.iter()
                        .find(|(k, _)| k.get_ref().as_ref() == key)
                        .map(|(_, v)| v)
                }),
                Segment::Index(i) => array.and_then(|a| a.get(i)),
            };
            let Some(value) = next else { break };
            span = value.span();
            (table, array) = match value.get_ref() {
                DeValue::Table(t) => (Some(t), None),
                DeValue::Array(a) => (None, Some(&a[..])),
                _ => (None, None),
            };
        }
        span
    }

    /// The dotted path of the key at `offset`, or of the value that contains it.
    pub fn path_at(&self, offset: usize) -> String {
        find_path(self.root.get_ref(), offset, "").unwrap_or_default()
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

/// Depth first: a table's span can be just its header, so every table is searched, and a key or
/// scalar whose own span holds the offset wins.
fn find_path(table: &DeTable<'_>, offset: usize, prefix: &str) -> Option<String> {
    for (key, value) in table.iter() {
        let path = join(prefix, key.get_ref());
        match value.get_ref() {
            DeValue::Table(t) => {
                if let Some(found) = find_path(t, offset, &path) {
                    return Some(found);
                }
            }
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let indexed = format!("{path}[{i}]");
                    let found = match item.get_ref() {
                        // An entry's span can be just its `[[header]]`: a missing field's place.
                        DeValue::Table(t) => find_path(t, offset, &indexed)
                            .or_else(|| item.span().contains(&offset).then_some(indexed)),
                        _ => item.span().contains(&offset).then_some(indexed),
                    };
                    if found.is_some() {
                        return found;
                    }
                }
            }
            _ => {}
        }
        if key.span().contains(&offset) || value.span().contains(&offset) {
            return Some(path);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "[fleet]\nservers = 4\n\n[[faults]]\nat = \"14:00\"\n\n[[faults]]\nat = \"15:00\"\nmultiplier = 2.0\n";

    #[test]
    fn finds_values_by_path() {
        let doc = Located::parse(DOC).unwrap();
        assert_eq!(&DOC[doc.span_of("fleet.servers")], "4");
        assert_eq!(&DOC[doc.span_of("faults[1].at")], "\"15:00\"");
        assert_eq!(&DOC[doc.span_of("faults[1].multiplier")], "2.0");
    }

    #[test]
    fn a_missing_field_points_at_its_table() {
        let doc = Located::parse(DOC).unwrap();
        let span = doc.span_of("faults[0].site");
        assert!(
            DOC[span.start..].starts_with("[[faults]]") || DOC[span.start..].starts_with("at"),
            "{span:?}"
        );
    }

    #[test]
    fn finds_the_path_of_a_place() {
        let doc = Located::parse(DOC).unwrap();
        let offset = DOC.find("2.0").unwrap();
        assert_eq!(doc.path_at(offset), "faults[1].multiplier");
        assert_eq!(doc.path_at(DOC.find('4').unwrap()), "fleet.servers");
        // A missing field is reported at its entry's header: the entry, counted right.
        let second = DOC.rfind("[[faults]]").unwrap();
        assert_eq!(doc.path_at(second + 2), "faults[1]");
    }
}

//! Merge fields: `$[Leads.First Name]` (module and field by API name or label, English or German).
//! One parser and renderer serves templates, predefined texts, replies and previews. It reads
//! only module definitions and records, so it lives with the CRM, below everything that uses it
//! (messaging renders replies with it and must not import templates).

use serde_json::Value;

use crate::crm::model::{FieldType, ModuleDef, RecordRow};
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq)]
pub struct MergeField {
    /// Module API name.
    pub module: String,
    /// Field API name.
    pub field: String,
    /// English label, used for Meta's example values.
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    Text(String),
    Field(MergeField),
}

/// Splits `text` into literal text and merge fields, each of which must belong to `module`.
pub fn parse(text: &str, modules: &[ModuleDef], module: &str) -> Result<Vec<Segment>> {
    let mut out = vec![];
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find("$[") {
        let Some(len) = rest[start..].find(']') else {
            return Err(Error::validation(
                "text",
                format!("unclosed merge field at character {}", offset + start + 1),
            ));
        };
        if start > 0 {
            out.push(Segment::Text(rest[..start].to_string()));
        }
        let token = &rest[start..start + len + 1];
        out.push(Segment::Field(resolve(token, modules, module)?));
        offset += start + len + 1;
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest.to_string()));
    }
    Ok(out)
}

fn resolve(token: &str, modules: &[ModuleDef], module: &str) -> Result<MergeField> {
    let inner = &token[2..token.len() - 1];
    let bad = |why: String| Error::validation("text", format!("{token}: {why}"));
    let (m, f) = inner
        .split_once('.')
        .ok_or_else(|| bad("write it as $[Module.Field]".into()))?;
    let def = modules
        .iter()
        .find(|d| {
            d.api_name.eq_ignore_ascii_case(m.trim())
                || d.label.eq_ignore_ascii_case(m.trim())
                || d.label_de.eq_ignore_ascii_case(m.trim())
        })
        .ok_or_else(|| bad(format!("there is no module '{}'", m.trim())))?;
    if def.api_name != module {
        return Err(bad(format!("only fields of {module} can be used here")));
    }
    let field = def
        .field_by_name(f.trim())
        .ok_or_else(|| bad(format!("{} has no field '{}'", def.api_name, f.trim())))?;
    Ok(MergeField {
        module: def.api_name.clone(),
        field: field.api_name.clone(),
        label: field.label.clone(),
    })
}

/// The display text of one field's value; empty when the record has none.
pub fn value_text(def: &ModuleDef, record: &RecordRow, field: &str) -> String {
    let Some(v) = record.values.get(field) else {
        return String::new();
    };
    let ft = def.field(field).map(|f| f.field_type);
    match (ft, v) {
        (Some(FieldType::Currency), Value::Number(n)) => {
            let cents = n.as_i64().unwrap_or_default();
            format!("{}.{:02}", cents / 100, (cents % 100).abs())
        }
        (Some(FieldType::Boolean), Value::Bool(b)) => if *b { "yes" } else { "no" }.to_string(),
        (_, Value::String(s)) => s.clone(),
        (_, Value::Null) => String::new(),
        (_, other) => other.to_string(),
    }
}

/// Renders `segments` with `record`'s values; a field without a value renders as empty text.
pub fn render(segments: &[Segment], def: &ModuleDef, record: &RecordRow) -> String {
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Field(f) => value_text(def, record, &f.field),
        })
        .collect()
}

/// The fields in order of appearance (a field used twice appears twice, as Meta numbers them).
pub fn fields(segments: &[Segment]) -> Vec<&MergeField> {
    segments
        .iter()
        .filter_map(|s| match s {
            Segment::Field(f) => Some(f),
            Segment::Text(_) => None,
        })
        .collect()
}

/// Meta's positional form: `Hello {{1}}`, with the fields in parameter order.
pub fn to_positional(segments: &[Segment]) -> String {
    let mut n = 0;
    segments
        .iter()
        .map(|s| match s {
            Segment::Text(t) => t.clone(),
            Segment::Field(_) => {
                n += 1;
                format!("{{{{{n}}}}}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crm::modules::standard;

    #[test]
    fn parses_labels_api_names_and_german_labels() {
        let mods = standard();
        let segs = parse(
            "Hallo $[Leads.First Name] $[Leads.Last_Name] aus $[Leads.Ort]!",
            &mods,
            "Leads",
        )
        .unwrap();
        let f: Vec<_> = fields(&segs).iter().map(|f| f.field.clone()).collect();
        assert_eq!(f, ["First_Name", "Last_Name", "City"]);
        assert_eq!(to_positional(&segs), "Hallo {{1}} {{2}} aus {{3}}!");
    }

    #[test]
    fn rejects_unknown_fields_other_modules_and_unclosed() {
        let mods = standard();
        let e = parse("Hi $[Leads.No Such]", &mods, "Leads").unwrap_err();
        assert!(e.to_string().contains("$[Leads.No Such]"), "{e}");
        assert!(parse("Hi $[Contacts.First Name]", &mods, "Leads").is_err());
        assert!(parse("Hi $[Leads.First Name", &mods, "Leads").is_err());
        assert!(parse("Hi $[Nope.First Name]", &mods, "Leads").is_err());
    }
}

//! Custom fields and custom modules, defined by administrators.
//!
//! Custom fields live in `custom_fields` (read by [`Crm::modules`]); custom modules in
//! `custom_modules`, each with a required `Name` and an `Owner`, so records, visibility, search
//! and custom fields work on them as on the standard modules.

use redb::{ReadTransaction, ReadableTable};
use serde_json::Value;

use super::Crm;
pub use super::model::CustomModule;
use super::model::{FieldDef, FieldType, ModuleDef};
use super::modules;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::{CUSTOM_FIELDS, CUSTOM_MODULES, PHONE_INDEX, RECORDS};

pub const MAX_OPTIONS: usize = 200;

/// What an administrator asks for; `api_name` is derived from the label when absent.
#[derive(Debug, Clone)]
pub struct NewCustomField {
    pub api_name: Option<String>,
    pub label: String,
    pub label_de: Option<String>,
    pub field_type: FieldType,
    pub required: bool,
    pub options: Vec<String>,
    /// The options' German labels, by position; empty: the same as `options`.
    pub options_de: Vec<String>,
    pub lookup_module: Option<String>,
}

/// The custom modules in API name order; a data dir from before they existed has none.
pub(super) fn stored_modules(tx: &ReadTransaction) -> Result<Vec<ModuleDef>> {
    let t = match tx.open_table(CUSTOM_MODULES) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(vec![]),
        Err(e) => return Err(e.into()),
    };
    let mut out = vec![];
    for row in t.iter()? {
        out.push(row?.1.value()?.def());
    }
    Ok(out)
}

/// `Shoe size` → `Shoe_Size`; `Größe (EU)` → `Groesse_EU`. Empty when nothing usable is left.
pub fn derive_api_name(label: &str) -> String {
    let mut words: Vec<String> = vec![];
    let mut word = String::new();
    for c in label.chars() {
        let mapped = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'Ä' => "Ae",
            'Ö' => "Oe",
            'Ü' => "Ue",
            'ß' => "ss",
            _ => "",
        };
        if !mapped.is_empty() {
            word.push_str(mapped);
        } else if c.is_ascii_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut name = words
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|f| f.to_ascii_uppercase().to_string() + cs.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("_");
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "F_");
    }
    name.truncate(50);
    name.trim_end_matches('_').to_string()
}

fn valid_api_name(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.len() <= 50
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn clean_label(label: &str, field: &str) -> Result<String> {
    let l = label.trim();
    if l.is_empty() {
        return Err(Error::validation(field, "a label is required"));
    }
    if l.chars().count() > 60 {
        return Err(Error::validation(field, "at most 60 characters"));
    }
    Ok(l.to_string())
}

impl Crm {
    pub async fn create_custom_field(
        &self,
        viewer: &Viewer,
        module: &str,
        input: NewCustomField,
    ) -> Result<FieldDef> {
        viewer.require_admin()?;
        let def = self.module(module)?;
        let label = clean_label(&input.label, "label")?;
        let label_de = match input.label_de.as_deref().map(str::trim) {
            Some(l) if !l.is_empty() => clean_label(l, "labelDe")?,
            _ => label.clone(),
        };
        let taken_label = |l: &str| {
            def.fields
                .iter()
                .any(|f| f.label.eq_ignore_ascii_case(l) || f.label_de.eq_ignore_ascii_case(l))
        };
        if taken_label(&label) || (label_de != label && taken_label(&label_de)) {
            return Err(Error::Conflict(format!(
                "{} already has a field labelled '{label}'",
                def.api_name
            )));
        }
        let taken_name = |n: &str| {
            def.fields
                .iter()
                .any(|f| f.api_name.eq_ignore_ascii_case(n))
        };
        let api_name = match input.api_name.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => {
                if !valid_api_name(n) {
                    return Err(Error::validation(
                        "apiName",
                        "a letter, then letters, digits or _ (at most 50)",
                    ));
                }
                if taken_name(n) {
                    return Err(Error::Conflict(format!(
                        "{} already has a field {n}",
                        def.api_name
                    )));
                }
                n.to_string()
            }
            _ => {
                let base = derive_api_name(&label);
                let base = if base.is_empty() {
                    "Field".to_string()
                } else {
                    base
                };
                let mut name = base.clone();
                let mut n = 2;
                while taken_name(&name) {
                    name = format!("{base}_{n}");
                    n += 1;
                }
                name
            }
        };
        let mut options = vec![];
        let mut options_de = vec![];
        let mut lookup_module = None;
        match input.field_type {
            FieldType::Owner | FieldType::LineItems => {
                return Err(Error::validation(
                    "fieldType",
                    "owner and line items fields cannot be added",
                ));
            }
            FieldType::Picklist => {
                for o in &input.options {
                    let o = o.trim();
                    if o.is_empty() || o.chars().count() > 100 {
                        return Err(Error::validation(
                            "options",
                            "options must be 1 to 100 characters",
                        ));
                    }
                    if options.iter().any(|x: &String| x.eq_ignore_ascii_case(o)) {
                        return Err(Error::validation(
                            "options",
                            format!("'{o}' is listed twice"),
                        ));
                    }
                    options.push(o.to_string());
                }
                if options.is_empty() || options.len() > MAX_OPTIONS {
                    return Err(Error::validation(
                        "options",
                        format!("a picklist needs 1 to {MAX_OPTIONS} options"),
                    ));
                }
                if !input.options_de.is_empty() {
                    if input.options_de.len() != options.len() {
                        return Err(Error::validation(
                            "optionsDe",
                            "give a German label for each option, in the same order",
                        ));
                    }
                    options_de = input
                        .options_de
                        .iter()
                        .zip(&options)
                        .map(|(d, o)| match d.trim() {
                            "" => o.clone(),
                            d => d.chars().take(100).collect(),
                        })
                        .collect();
                }
            }
            FieldType::Lookup => {
                let target = input
                    .lookup_module
                    .as_deref()
                    .map(str::trim)
                    .unwrap_or_default();
                let target = self
                    .module(target)
                    .map_err(|_| Error::validation("lookupModule", "no such module"))?;
                lookup_module = Some(target.api_name);
            }
            _ => {}
        }
        let field = FieldDef {
            api_name,
            label,
            label_de,
            field_type: input.field_type,
            required: input.required,
            options,
            options_de,
            lookup_module,
            custom: true,
        };
        let module = def.api_name.clone();
        let is_custom_module = def.custom;
        self.store
            .write(move |tx| {
                if is_custom_module
                    && tx
                        .txn
                        .open_table(CUSTOM_MODULES)?
                        .get(module.as_str())?
                        .is_none()
                {
                    return Err(Error::NotFound("module".into()));
                }
                let mut t = tx.txn.open_table(CUSTOM_FIELDS)?;
                // Another admin may have added the same name since we looked.
                for row in t.range((module.as_str(), "")..=(module.as_str(), "\u{10FFFF}"))? {
                    let (k, v) = row?;
                    let (other_name, other) = (k.value().1.to_string(), v.value()?);
                    if other_name.eq_ignore_ascii_case(&field.api_name)
                        || other.label.eq_ignore_ascii_case(&field.label)
                    {
                        return Err(Error::Conflict(format!(
                            "{module} already has a field {}",
                            field.api_name
                        )));
                    }
                }
                t.put((module.as_str(), field.api_name.as_str()), &field)?;
                drop(t);
                tx.emit(Event::ModuleChanged {
                    module: module.clone(),
                })?;
                Ok(field.clone())
            })
            .await
    }

    /// Removes a custom field and its values from every record of the module.
    pub async fn delete_custom_field(
        &self,
        viewer: &Viewer,
        module: &str,
        api_name: &str,
    ) -> Result<()> {
        viewer.require_admin()?;
        let def = self.module(module)?;
        let field = def
            .field(api_name)
            .ok_or_else(|| Error::NotFound("field".into()))?
            .clone();
        if !field.custom {
            return Err(Error::validation(
                "apiName",
                "standard fields cannot be deleted",
            ));
        }
        let other_phones: Vec<String> = def
            .phone_fields()
            .filter(|f| f.api_name != field.api_name)
            .map(|f| f.api_name.clone())
            .collect();
        let module = def.api_name.clone();
        self.store
            .write(move |tx| {
                let removed = tx
                    .txn
                    .open_table(CUSTOM_FIELDS)?
                    .remove((module.as_str(), field.api_name.as_str()))?
                    .is_some();
                if !removed {
                    return Err(Error::NotFound("field".into()));
                }
                let mut changed = vec![];
                let rows: Vec<_> = tx
                    .txn
                    .open_table(RECORDS)?
                    .range((module.as_str(), "")..=(module.as_str(), "\u{10FFFF}"))?
                    .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
                    .filter(|r| r.values.contains_key(&field.api_name))
                    .collect();
                for old in rows {
                    let mut row = old.clone();
                    let value = row.values.remove(&field.api_name);
                    if field.field_type == FieldType::Phone
                        && let Some(Value::String(p)) = &value
                        && !other_phones.iter().any(|f| row.text(f) == Some(p.as_str()))
                    {
                        tx.txn.open_table(PHONE_INDEX)?.remove((
                            p.as_str(),
                            module.as_str(),
                            row.id.as_str(),
                        ))?;
                    }
                    super::records::put_row(tx.txn, Some(&old), &row)?;
                    changed.push(row.id.clone());
                }
                for id in changed {
                    tx.emit(Event::RecordChanged {
                        module: module.clone(),
                        record_id: id,
                        saved: None,
                    })?;
                }
                tx.emit(Event::ModuleChanged {
                    module: module.clone(),
                })
            })
            .await
    }

    pub async fn create_custom_module(
        &self,
        viewer: &Viewer,
        api_name: &str,
        label: &str,
        label_de: Option<&str>,
    ) -> Result<ModuleDef> {
        viewer.require_admin()?;
        let api_name = api_name.trim();
        if !valid_api_name(api_name) {
            return Err(Error::validation(
                "apiName",
                "a letter, then letters, digits or _ (at most 50)",
            ));
        }
        let label = clean_label(label, "label")?;
        let label_de = match label_de.map(str::trim) {
            Some(l) if !l.is_empty() => clean_label(l, "labelDe")?,
            _ => label.clone(),
        };
        let taken = |m: &ModuleDef| {
            m.api_name.eq_ignore_ascii_case(api_name)
                || m.label.eq_ignore_ascii_case(&label)
                || m.label_de.eq_ignore_ascii_case(&label_de)
        };
        if modules::standard().iter().any(taken) || self.modules()?.iter().any(taken) {
            return Err(Error::Conflict(format!(
                "a module named {api_name} or labelled '{label}' exists"
            )));
        }
        let row = CustomModule {
            api_name: api_name.to_string(),
            label,
            label_de,
            created_at: self.clock.now(),
            created_by: viewer.id().to_string(),
        };
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(CUSTOM_MODULES)?;
                for other in t.iter()? {
                    let other = other?.1.value()?;
                    if other.api_name.eq_ignore_ascii_case(&row.api_name)
                        || other.label.eq_ignore_ascii_case(&row.label)
                    {
                        return Err(Error::Conflict(format!(
                            "a module named {} exists",
                            other.api_name
                        )));
                    }
                }
                t.put(row.api_name.as_str(), &row)?;
                drop(t);
                tx.emit(Event::ModuleChanged {
                    module: row.api_name.clone(),
                })?;
                Ok(row.def())
            })
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names_come_from_labels() {
        assert_eq!(derive_api_name("Shoe size"), "Shoe_Size");
        assert_eq!(derive_api_name("  Größe (EU) "), "Groesse_EU");
        assert_eq!(derive_api_name("2nd phone"), "F_2nd_Phone");
        assert_eq!(derive_api_name("!!!"), "");
        assert!(valid_api_name("Shoe_Size"));
        assert!(!valid_api_name("_x"));
        assert!(!valid_api_name("a b"));
    }
}

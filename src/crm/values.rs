//! Validation of record values per field type. A bad value names its field; nothing is written.

use chrono::{DateTime, NaiveDate};
use phonenumber::country::Id;
use serde_json::{Map, Value};

use super::model::{FieldDef, FieldType, ModuleDef};
use super::phone;
use crate::error::{Error, Result};
use crate::i18n::Text;

/// Checks and normalises `input` against `module`; returns the values to merge (nulls clear).
pub fn clean(module: &ModuleDef, input: &Value, country: Id) -> Result<Map<String, Value>> {
    let (out, mut errors) = clean_each(module, input, country);
    match errors.is_empty() {
        true => Ok(out),
        false => Err(errors.remove(0)),
    }
}

/// Like [`clean`], checking every field: the values that passed and an error per field that
/// did not (CSV import reports them all).
pub fn clean_each(
    module: &ModuleDef,
    input: &Value,
    country: Id,
) -> (Map<String, Value>, Vec<Error>) {
    let Value::Object(map) = input else {
        return (
            Map::new(),
            vec![Error::invalid(Text::new(
                "values must be an object keyed by field API name",
                "Die Werte müssen ein Objekt sein, nach API-Namen der Felder geordnet",
            ))],
        );
    };
    let mut out = Map::new();
    let mut errors = vec![];
    for (key, value) in map {
        let Some(field) = module.field(key) else {
            errors.push(Error::validation(
                key.clone(),
                Text::new(
                    format!("{} has no field {key}", module.api_name),
                    format!("{} hat kein Feld {key}", module.label_de),
                ),
            ));
            continue;
        };
        if value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty()) {
            out.insert(key.clone(), Value::Null);
            continue;
        }
        match clean_one(field, value, country) {
            Ok(v) => {
                out.insert(key.clone(), v);
            }
            Err(e) => errors.push(e),
        }
    }
    (out, errors)
}

/// Every required field that `values` lacks, one error each.
pub fn missing_required(module: &ModuleDef, values: &Map<String, Value>) -> Vec<Error> {
    module
        .fields
        .iter()
        .filter(|f| f.required && values.get(&f.api_name).is_none_or(Value::is_null))
        .map(|f| {
            Error::validation(
                f.api_name.clone(),
                Text::new(
                    format!("{} is required", f.label),
                    format!("{} ist ein Pflichtfeld", f.label_de),
                ),
            )
        })
        .collect()
}

/// Merges `changes` into `values` and checks required fields.
pub fn merge(
    module: &ModuleDef,
    values: &mut Map<String, Value>,
    changes: Map<String, Value>,
) -> Result<()> {
    for (k, v) in changes {
        if v.is_null() {
            values.remove(&k);
        } else {
            values.insert(k, v);
        }
    }
    match missing_required(module, values).into_iter().next() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn clean_one(field: &FieldDef, value: &Value, country: Id) -> Result<Value> {
    let name = field.api_name.as_str();
    // "<label>: why" in English and German, each with the field's label in that language.
    let bad = |en: &str, de: &str| {
        Error::validation(
            name,
            Text::new(
                format!("{}: {en}", field.label),
                format!("{}: {de}", field.label_de),
            ),
        )
    };
    let text = || {
        value
            .as_str()
            .map(str::trim)
            .ok_or_else(|| bad("expected text", "Text erwartet"))
    };
    Ok(match field.field_type {
        FieldType::Text | FieldType::Lookup | FieldType::Owner => {
            let s = text()?;
            if s.chars().count() > 255 {
                return Err(bad("at most 255 characters", "höchstens 255 Zeichen"));
            }
            Value::from(s)
        }
        FieldType::Multiline => {
            let s = value
                .as_str()
                .ok_or_else(|| bad("expected text", "Text erwartet"))?;
            if s.chars().count() > 32_000 {
                return Err(bad("at most 32,000 characters", "höchstens 32.000 Zeichen"));
            }
            Value::from(s)
        }
        FieldType::Email => {
            let s = crate::auth::normalize_email(text()?)
                .map_err(|_| bad("not an email address", "keine E-Mail-Adresse"))?;
            Value::from(s)
        }
        FieldType::Phone => Value::from(phone::to_e164(text()?, country, name)?),
        FieldType::Picklist => {
            let s = text()?;
            // The stored value is the English option; its German label is taken too.
            let opt = field
                .options
                .iter()
                .enumerate()
                .find(|(i, o)| {
                    o.eq_ignore_ascii_case(s)
                        || field
                            .options_de
                            .get(*i)
                            .is_some_and(|d| d.eq_ignore_ascii_case(s))
                })
                .map(|(_, o)| o)
                .ok_or_else(|| {
                    let de_options = field
                        .options
                        .iter()
                        .enumerate()
                        .map(|(i, o)| field.options_de.get(i).unwrap_or(o).as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    bad(
                        &format!("'{s}' is not one of {}", field.options.join(", ")),
                        &format!("„{s}“ ist keiner der Werte {de_options}"),
                    )
                })?;
            Value::from(opt.clone())
        }
        FieldType::Number => match value {
            Value::Number(n) => Value::Number(n.clone()),
            Value::String(s) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Value::from)
                .ok_or_else(|| bad("expected a number", "Zahl erwartet"))?,
            _ => return Err(bad("expected a number", "Zahl erwartet")),
        },
        FieldType::Currency => match value {
            Value::Number(n) if n.is_i64() => Value::Number(n.clone()),
            Value::String(s) => s.trim().parse::<i64>().map(Value::from).map_err(|_| {
                bad(
                    "expected integer minor units (cents)",
                    "ganze Cent-Beträge erwartet",
                )
            })?,
            _ => {
                return Err(bad(
                    "expected integer minor units (cents)",
                    "ganze Cent-Beträge erwartet",
                ));
            }
        },
        FieldType::Date => {
            let s = text()?;
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| bad("expected a date YYYY-MM-DD", "Datum JJJJ-MM-TT erwartet"))?;
            Value::from(s)
        }
        FieldType::DateTime => {
            let s = text()?;
            let t = DateTime::parse_from_rfc3339(s).map_err(|_| {
                bad(
                    "expected an RFC 3339 date and time",
                    "Datum und Uhrzeit nach RFC 3339 erwartet",
                )
            })?;
            Value::from(t.with_timezone(&chrono::Utc).to_rfc3339())
        }
        FieldType::LineItems => super::line_items::clean(field, value)?,
        FieldType::Boolean => Value::Bool(
            value
                .as_bool()
                .ok_or_else(|| bad("expected true or false", "wahr oder falsch erwartet"))?,
        ),
    })
}

//! Validation of record values per field type. A bad value names its field; nothing is written.

use chrono::{DateTime, NaiveDate};
use phonenumber::country::Id;
use serde_json::{Map, Value};

use super::model::{FieldDef, FieldType, ModuleDef};
use super::phone;
use crate::error::{Error, Result};

/// Checks and normalises `input` against `module`; returns the values to merge (nulls clear).
pub fn clean(module: &ModuleDef, input: &Value, country: Id) -> Result<Map<String, Value>> {
    let Value::Object(map) = input else {
        return Err(Error::invalid(
            "values must be an object keyed by field API name",
        ));
    };
    let mut out = Map::new();
    for (key, value) in map {
        let field = module.field(key).ok_or_else(|| {
            Error::validation(
                key.clone(),
                format!("{} has no field {key}", module.api_name),
            )
        })?;
        let v = if value.is_null() || value.as_str().is_some_and(|s| s.trim().is_empty()) {
            Value::Null
        } else {
            clean_one(field, value, country)?
        };
        out.insert(key.clone(), v);
    }
    Ok(out)
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
    for f in module.fields.iter().filter(|f| f.required) {
        if !values.contains_key(&f.api_name) {
            return Err(Error::validation(
                f.api_name.clone(),
                format!("{} is required", f.label),
            ));
        }
    }
    Ok(())
}

fn clean_one(field: &FieldDef, value: &Value, country: Id) -> Result<Value> {
    let name = field.api_name.as_str();
    let bad = |why: &str| Error::validation(name, format!("{}: {why}", field.label));
    let text = || {
        value
            .as_str()
            .map(str::trim)
            .ok_or_else(|| bad("expected text"))
    };
    Ok(match field.field_type {
        FieldType::Text | FieldType::Lookup | FieldType::Owner => {
            let s = text()?;
            if s.chars().count() > 255 {
                return Err(bad("at most 255 characters"));
            }
            Value::from(s)
        }
        FieldType::Multiline => {
            let s = value.as_str().ok_or_else(|| bad("expected text"))?;
            if s.chars().count() > 32_000 {
                return Err(bad("at most 32,000 characters"));
            }
            Value::from(s)
        }
        FieldType::Email => {
            let s =
                crate::auth::normalize_email(text()?).map_err(|_| bad("not an email address"))?;
            Value::from(s)
        }
        FieldType::Phone => Value::from(phone::to_e164(text()?, country, name)?),
        FieldType::Picklist => {
            let s = text()?;
            let opt = field
                .options
                .iter()
                .find(|o| o.eq_ignore_ascii_case(s))
                .ok_or_else(|| bad(&format!("'{s}' is not one of {}", field.options.join(", "))))?;
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
                .ok_or_else(|| bad("expected a number"))?,
            _ => return Err(bad("expected a number")),
        },
        FieldType::Currency => match value {
            Value::Number(n) if n.is_i64() => Value::Number(n.clone()),
            Value::String(s) => s
                .trim()
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| bad("expected integer minor units (cents)"))?,
            _ => return Err(bad("expected integer minor units (cents)")),
        },
        FieldType::Date => {
            let s = text()?;
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| bad("expected a date YYYY-MM-DD"))?;
            Value::from(s)
        }
        FieldType::DateTime => {
            let s = text()?;
            let t = DateTime::parse_from_rfc3339(s)
                .map_err(|_| bad("expected an RFC 3339 date and time"))?;
            Value::from(t.with_timezone(&chrono::Utc).to_rfc3339())
        }
        FieldType::LineItems => super::line_items::clean(field, value)?,
        FieldType::Boolean => Value::Bool(
            value
                .as_bool()
                .ok_or_else(|| bad("expected true or false"))?,
        ),
    })
}

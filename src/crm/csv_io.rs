//! CSV import (administrators) and export of Leads and Contacts.
//!
//! Import: the first row names the columns by field API name or label (English or German);
//! `Id`, `Created_Time` and `Modified_Time` (written by export) are ignored, any other unknown
//! column refuses the whole file. Each further row is validated like `createRecord` and written
//! on its own: a bad row is reported with its row number (the header is row 1), one error per
//! field at fault (every one of them, not just the first), and nothing of it is written; good
//! rows are written. `Owner` takes a user's email or id; booleans take true/false, yes/no,
//! ja/nein, 1/0; a lookup takes the linked record's id or its name (one record the importer
//! may see); a picklist takes the option or its German label. Messages are in the importer's
//! language.
//!
//! Export: the records the viewer can see (optionally matching `search`), oldest first, with the
//! same columns, owners as emails, lookups as the linked record's name. Cells that a spreadsheet
//! would run as a formula get a leading `'`, which import removes again.

use std::collections::HashMap;

use futures_util::StreamExt;
use serde_json::{Map, Value};

use super::model::{FieldDef, FieldType, ModuleDef};
use super::{Crm, ListQuery, values};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::i18n::Text;

pub const MODULES: [&str; 2] = ["Leads", "Contacts"];
pub const MAX_ROWS: usize = 10_000;
const READ_ONLY: [&str; 3] = ["Id", "Created_Time", "Modified_Time"];

#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    pub created: usize,
    pub errors: Vec<RowError>,
}

#[derive(Debug, Clone)]
pub struct RowError {
    /// 1-based, the header being row 1.
    pub row: usize,
    pub field: Option<String>,
    pub message: String,
}

fn check_module(module: &str) -> Result<()> {
    if MODULES.contains(&module) {
        Ok(())
    } else {
        Err(Error::validation(
            "module",
            "import and export are available for Leads and Contacts",
        ))
    }
}

impl Crm {
    pub async fn import_records(
        &self,
        viewer: &Viewer,
        module: &str,
        csv_text: &str,
    ) -> Result<ImportReport> {
        viewer.require_admin()?;
        check_module(module)?;
        let def = self.module(module)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => return Err(Error::validation("csv", format!("header row: {e}"))),
            None => return Err(Error::validation("csv", "the file is empty")),
        };
        let columns = columns(&def, &header)?;
        let mut names = Names::default();
        let mut report = ImportReport::default();
        let mut rows = vec![];
        for (i, rec) in records.enumerate() {
            let row = i + 2;
            if rows.len() >= MAX_ROWS {
                return Err(Error::validation(
                    "csv",
                    format!("at most {MAX_ROWS} rows at a time"),
                ));
            }
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    report.errors.push(RowError {
                        row,
                        field: None,
                        message: e.to_string(),
                    });
                    continue;
                }
            };
            if rec.iter().all(str::is_empty) {
                continue;
            }
            if rec.len() != header.len() {
                report.errors.push(RowError {
                    row,
                    field: None,
                    message: Text::new(
                        format!(
                            "the row has {} cells, the header {}",
                            rec.len(),
                            header.len()
                        ),
                        format!(
                            "Die Zeile hat {} Zellen, die Kopfzeile {}",
                            rec.len(),
                            header.len()
                        ),
                    )
                    .in_lang(crate::i18n::current()),
                });
                continue;
            }
            let mut errors = vec![];
            let values = self.row_values(viewer, &def, &columns, &rec, &mut names, &mut errors)?;
            if let Value::Object(map) = &values {
                errors.extend(values::clean_each(&def, &values, self.country()).1);
                errors.extend(values::missing_required(&def, map));
            }
            if errors.is_empty() {
                rows.push((row, values));
            }
            for e in errors {
                report.errors.push(row_error(row, e)?);
            }
        }
        // Rows are written concurrently so the store groups them into few commits; a row that
        // fails is refused alone.
        let results: Vec<_> = futures_util::stream::iter(rows)
            .map(|(row, values)| async move { (row, self.create(viewer, module, &values).await) })
            .buffered(32)
            .collect()
            .await;
        for (row, r) in results {
            match r {
                Ok(_) => report.created += 1,
                Err(e) => report.errors.push(row_error(row, e)?),
            }
        }
        report.errors.sort_by_key(|e| e.row);
        Ok(report)
    }

    pub fn export_records(
        &self,
        viewer: &Viewer,
        module: &str,
        search: Option<String>,
    ) -> Result<String> {
        check_module(module)?;
        let def = self.module(module)?;
        let q = ListQuery {
            search,
            limit: usize::MAX,
            ..ListQuery::default()
        };
        let mut rows = self.list(viewer, module, &q)?.rows;
        rows.sort_by(|a, b| a.id.cmp(&b.id));
        let named = self.lookups(viewer, &rows)?;
        let emails: HashMap<String, String> = self
            .auth
            .users()?
            .into_iter()
            .map(|u| (u.id, u.email))
            .collect();
        let fields: Vec<_> = def
            .fields
            .iter()
            .filter(|f| f.field_type != FieldType::LineItems)
            .collect();
        let mut w = csv::WriterBuilder::new().from_writer(vec![]);
        let csv_err = |e: csv::Error| Error::Internal(format!("csv: {e}"));
        let mut header = vec![READ_ONLY[0]];
        header.extend(fields.iter().map(|f| f.api_name.as_str()));
        header.extend(&READ_ONLY[1..]);
        w.write_record(&header).map_err(csv_err)?;
        for (r, named) in rows.into_iter().zip(named) {
            let mut cells = vec![r.id.clone()];
            for f in &fields {
                let cell = match (f.field_type, r.values.get(&f.api_name)) {
                    (_, None | Some(Value::Null)) => String::new(),
                    // The linked record's name (import finds it again by name); the id when
                    // the viewer may not see it.
                    (FieldType::Lookup, Some(Value::String(id))) => guard(
                        named
                            .iter()
                            .find(|l| l.field == f.api_name)
                            .and_then(|l| l.name.as_deref())
                            .unwrap_or(id),
                    ),
                    (FieldType::Owner, _) => emails
                        .get(&r.owner_id)
                        .cloned()
                        .unwrap_or_else(|| r.owner_id.clone()),
                    (_, Some(Value::String(s))) => guard(s),
                    (_, Some(Value::Bool(b))) => b.to_string(),
                    (_, Some(Value::Number(n))) => n.to_string(),
                    (_, Some(other)) => guard(&other.to_string()),
                };
                cells.push(cell);
            }
            cells.push(crate::clock::to_rfc3339(r.created_at));
            cells.push(crate::clock::to_rfc3339(r.modified_at));
            w.write_record(&cells).map_err(csv_err)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| Error::Internal(format!("csv: {e}")))?;
        String::from_utf8(bytes).map_err(|e| Error::Internal(format!("csv: {e}")))
    }

    /// One row as `createRecord` values; what cannot be read is added to `errors` (every
    /// cell, not just the first).
    fn row_values(
        &self,
        viewer: &Viewer,
        def: &ModuleDef,
        columns: &[Option<String>],
        rec: &csv::StringRecord,
        names: &mut Names,
        errors: &mut Vec<Error>,
    ) -> Result<Value> {
        let mut values = Map::new();
        for (col, cell) in columns.iter().zip(rec.iter()) {
            let Some(api) = col else { continue };
            if cell.is_empty() {
                continue;
            }
            let cell = unguard(cell);
            let Some(field) = def.field(api) else {
                continue;
            };
            let v = match field.field_type {
                FieldType::Boolean => match parse_bool(cell) {
                    Some(b) => Value::Bool(b),
                    None => {
                        errors.push(cell_error(
                            field,
                            format!("'{cell}' is not true or false"),
                            format!("„{cell}“ ist weder wahr noch falsch"),
                        ));
                        continue;
                    }
                },
                FieldType::Owner if cell.contains('@') => match self.auth.user_by_email(cell)? {
                    Some(u) => Value::from(u.id),
                    None => {
                        errors.push(cell_error(
                            field,
                            format!("no user with email {cell}"),
                            format!("kein Benutzer mit der E-Mail {cell}"),
                        ));
                        continue;
                    }
                },
                FieldType::Lookup => match self.lookup_by_id_or_name(viewer, field, cell, names)? {
                    Ok(id) => Value::from(id),
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                },
                _ => Value::from(cell),
            };
            values.insert(api.clone(), v);
        }
        Ok(Value::Object(values))
    }

    /// The id of the record a lookup cell names: its id, or the name of exactly one record of
    /// the linked module that the importer may see.
    fn lookup_by_id_or_name(
        &self,
        viewer: &Viewer,
        field: &FieldDef,
        cell: &str,
        names: &mut Names,
    ) -> Result<Result<String, Error>> {
        let Some(module) = field.lookup_module.as_deref() else {
            return Ok(Ok(cell.to_string()));
        };
        if self.get(viewer, module, cell)?.is_some() {
            return Ok(Ok(cell.to_string()));
        }
        if !names.0.contains_key(module) {
            let all = ListQuery {
                limit: usize::MAX,
                ..ListQuery::default()
            };
            let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
            for r in self.list(viewer, module, &all)?.rows {
                by_name
                    .entry(r.display_name().to_lowercase())
                    .or_default()
                    .push(r.id);
            }
            names.0.insert(module.to_string(), by_name);
        }
        let found = names
            .0
            .get(module)
            .and_then(|m| m.get(&cell.to_lowercase()))
            .map(Vec::as_slice)
            .unwrap_or_default();
        Ok(match found {
            [id] => Ok(id.clone()),
            [] => Err(cell_error(
                field,
                format!("no record named '{cell}'"),
                format!("kein Datensatz namens „{cell}“"),
            )),
            _ => Err(cell_error(
                field,
                format!("several records are named '{cell}'; use the id"),
                format!("mehrere Datensätze heißen „{cell}“; bitte die Id angeben"),
            )),
        })
    }
}

/// Per import: the names of each linked module's records the importer may see.
#[derive(Default)]
struct Names(HashMap<String, HashMap<String, Vec<String>>>);

/// "<label>: why" in English and German.
fn cell_error(field: &FieldDef, en: String, de: String) -> Error {
    Error::validation(
        field.api_name.clone(),
        Text::new(
            format!("{}: {en}", field.label),
            format!("{}: {de}", field.label_de),
        ),
    )
}

/// The field each column fills (`None`: ignored).
fn columns(def: &ModuleDef, header: &csv::StringRecord) -> Result<Vec<Option<String>>> {
    let mut out: Vec<Option<String>> = vec![];
    for h in header.iter() {
        let h = h.trim();
        if h.is_empty()
            || READ_ONLY
                .iter()
                .any(|r| r.eq_ignore_ascii_case(h) || r.replace('_', " ").eq_ignore_ascii_case(h))
        {
            out.push(None);
            continue;
        }
        let f = def
            .field_by_name(h)
            .filter(|f| f.field_type != FieldType::LineItems)
            .ok_or_else(|| {
                Error::validation(
                    h,
                    Text::new(
                        format!("{} has no field '{h}'", def.api_name),
                        format!("{} hat kein Feld „{h}“", def.label_de),
                    ),
                )
            })?;
        if out.iter().flatten().any(|a| *a == f.api_name) {
            return Err(Error::validation(
                h,
                format!("two columns fill {}", f.api_name),
            ));
        }
        out.push(Some(f.api_name.clone()));
    }
    Ok(out)
}

fn row_error(row: usize, e: Error) -> Result<RowError> {
    match e {
        Error::Validation { ref field, .. } => Ok(RowError {
            row,
            field: field.clone(),
            message: e.localized(crate::i18n::current()),
        }),
        Error::NotFound(_) | Error::Conflict(_) | Error::Forbidden(_) => Ok(RowError {
            row,
            field: None,
            message: e.localized(crate::i18n::current()),
        }),
        other => Err(other),
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s.to_lowercase().as_str() {
        "true" | "yes" | "ja" | "1" | "x" | "wahr" => Some(true),
        "false" | "no" | "nein" | "0" | "falsch" => Some(false),
        _ => None,
    }
}

/// A leading `'` keeps a spreadsheet from running the cell as a formula. Phone numbers and
/// plain numbers (`+49 151 ...`, `-12.5`) are left alone.
fn guard(s: &str) -> String {
    let risky = match s.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !s[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || " ()-./".contains(c)),
        _ => false,
    };
    if risky {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '@', '+', '-', '\t', '\r']) => rest,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_and_unguarded() {
        for s in ["=1+1", "@SUM(A1)", "-2+3*cmd"] {
            let g = guard(s);
            assert!(g.starts_with('\''), "{s}");
            assert_eq!(unguard(&g), s);
        }
        for s in ["+4915123456789", "-12.5", "Anna", "it's"] {
            assert_eq!(guard(s), s);
            assert_eq!(unguard(s), s);
        }
    }
}

//! The names behind lookup values: a lookup stores the linked record's id; lists, record pages,
//! CSV exports and PDFs show its name. Names are resolved for a whole page at once (one read
//! transaction, the viewer's visibility computed once) and only for records the viewer may see:
//! a linked record they may not see stays nameless, so its name never reaches them.

use std::collections::{HashMap, HashSet};

use super::Crm;
use super::model::{FieldType, RecordRow};
use crate::auth::Viewer;
use crate::error::Result;
use crate::store::tables::RECORDS;

/// One lookup value of a record, with the linked record's name when the viewer may see it.
#[derive(Debug, Clone)]
pub struct Lookup {
    /// The lookup field's API name.
    pub field: String,
    /// The linked module.
    pub module: String,
    pub id: String,
    /// `None`: no such record, or one the viewer may not see.
    pub name: Option<String>,
}

impl Crm {
    /// Each row's lookups (in the order of its module's fields), named for `viewer`.
    pub fn lookups(&self, viewer: &Viewer, rows: &[RecordRow]) -> Result<Vec<Vec<Lookup>>> {
        let owners = self.visible_owners(viewer)?;
        self.lookups_for(owners.as_ref(), rows)
    }

    /// Like [`Crm::lookups`] for the owners whose records the reader sees (`None`: all).
    pub fn lookups_for(
        &self,
        owners: Option<&HashSet<String>>,
        rows: &[RecordRow],
    ) -> Result<Vec<Vec<Lookup>>> {
        let modules = self.modules()?;
        let mut wanted: Vec<Vec<Lookup>> = Vec::with_capacity(rows.len());
        for row in rows {
            let Some(def) = modules.iter().find(|m| m.api_name == row.module) else {
                wanted.push(vec![]);
                continue;
            };
            wanted.push(
                def.fields
                    .iter()
                    .filter(|f| f.field_type == FieldType::Lookup)
                    .filter_map(|f| {
                        let id = row.text(&f.api_name).filter(|s| !s.is_empty())?;
                        Some(Lookup {
                            field: f.api_name.clone(),
                            module: f.lookup_module.clone()?,
                            id: id.to_string(),
                            name: None,
                        })
                    })
                    .collect(),
            );
        }
        if wanted.iter().all(Vec::is_empty) {
            return Ok(wanted);
        }
        let tx = self.store.read()?;
        let records = tx.open_table(RECORDS)?;
        let mut names: HashMap<(String, String), Option<String>> = HashMap::new();
        for l in wanted.iter_mut().flatten() {
            let key = (l.module.clone(), l.id.clone());
            if let Some(n) = names.get(&key) {
                l.name.clone_from(n);
                continue;
            }
            let name = records
                .get((l.module.as_str(), l.id.as_str()))?
                .and_then(|v| crate::store::decoded(v.value()))
                .filter(|r| owners.is_none_or(|o| o.contains(&r.owner_id)))
                .map(|r| r.display_name());
            l.name.clone_from(&name);
            names.insert(key, name);
        }
        Ok(wanted)
    }
}

//! F18–F20: predefined texts with merge fields, for the reply composer.

pub mod model;

pub use model::PredefinedText;

use redb::ReadableTable;

use crate::clock::SharedClock;
use crate::crm::Crm;
use crate::crm::merge;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::PREDEFINED;
use crate::store::{Store, Tx};

#[derive(Clone)]
pub struct Predefined {
    store: Store,
    clock: SharedClock,
    crm: Crm,
}

impl Predefined {
    pub fn new(store: Store, clock: SharedClock, crm: Crm) -> Self {
        Self { store, clock, crm }
    }

    fn check(&self, name: &str, module: &str, text: &str) -> Result<()> {
        if name.trim().is_empty() || name.chars().count() > 100 {
            return Err(Error::validation(
                "name",
                "name must have 1 to 100 characters",
            ));
        }
        if text.trim().is_empty() || text.chars().count() > 4096 {
            return Err(Error::validation(
                "text",
                "text must have 1 to 4,096 characters",
            ));
        }
        let modules = self.crm.modules()?;
        if !modules.iter().any(|m| m.api_name == module) {
            return Err(Error::validation("module", format!("no module {module}")));
        }
        merge::parse(text, &modules, module).map(drop)
    }

    pub async fn create(
        &self,
        author: &str,
        name: &str,
        module: &str,
        text: &str,
    ) -> Result<PredefinedText> {
        self.check(name, module, text)?;
        let now = self.clock.now();
        let p = PredefinedText {
            id: crate::ids::new_id(now),
            name: name.trim().to_string(),
            module: module.to_string(),
            text: text.to_string(),
            created_by: author.to_string(),
            created_at: now,
        };
        self.store.write(move |tx| put(tx, &p)).await
    }

    pub async fn update(&self, id: &str, name: &str, text: &str) -> Result<PredefinedText> {
        let seen = self.get(id)?;
        self.check(name, &seen.module, text)?;
        let (id, name, text) = (id.to_string(), name.trim().to_string(), text.to_string());
        self.store
            .write(move |tx| {
                // Read again in the transaction, so a text deleted meanwhile stays deleted.
                let mut p = tx
                    .txn
                    .open_table(PREDEFINED)?
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .ok_or_else(|| Error::NotFound("predefined text".into()))?;
                p.name.clone_from(&name);
                p.text.clone_from(&text);
                put(tx, &p)
            })
            .await
    }

    pub async fn delete(&self, id: &str) -> Result<()> {
        let id = id.to_string();
        self.store
            .write(move |tx| {
                tx.txn
                    .open_table(PREDEFINED)?
                    .remove(id.as_str())?
                    .ok_or_else(|| Error::NotFound("predefined text".into()))?;
                tx.emit(Event::PredefinedChanged {
                    predefined_id: id.clone(),
                })
            })
            .await
    }

    pub fn get(&self, id: &str) -> Result<PredefinedText> {
        self.store
            .read()?
            .open_table(PREDEFINED)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?
            .ok_or_else(|| Error::NotFound("predefined text".into()))
    }

    /// Filtered by module, by name. (Searching goes through the search index.)
    pub fn list(&self, module: Option<&str>) -> Result<Vec<PredefinedText>> {
        let tx = self.store.read()?;
        let t = tx.open_table(PREDEFINED)?;
        let mut out: Vec<PredefinedText> = t
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .filter(|p| module.is_none_or(|m| p.module == m))
            .collect();
        out.sort_by_key(|p| p.name.to_lowercase());
        Ok(out)
    }
}

/// Stores `p` and announces the change (the search index follows it).
fn put(tx: &mut Tx<'_>, p: &PredefinedText) -> Result<PredefinedText> {
    tx.txn.open_table(PREDEFINED)?.put(p.id.as_str(), p)?;
    tx.emit(Event::PredefinedChanged {
        predefined_id: p.id.clone(),
    })?;
    Ok(p.clone())
}

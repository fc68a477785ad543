//! Rules, blueprints and journeys are definitions stored under (module, id); this is their one
//! storage path: list, find, add, change and remove.

use std::fmt::Debug;

use redb::{ReadableTable, TableDefinition};
use serde::{Serialize, de::DeserializeOwned};

use super::model::{BlueprintRow, JourneyRow, RuleRow};
use crate::error::{Error, Result};
use crate::store::tables::{AUTO_BLUEPRINTS, AUTO_JOURNEYS, AUTO_RULES};
use crate::store::{Json, PutRow, Store, Tx};

pub type Table<T> = TableDefinition<'static, (&'static str, &'static str), Json<T>>;

pub trait Definition: Clone + Serialize + DeserializeOwned + Debug + Send + Sync + 'static {
    const TABLE: Table<Self>;
    /// What a missing one is called in `NOT_FOUND`.
    const NAME: &'static str;
    fn id(&self) -> &str;
    fn module(&self) -> &str;
}

macro_rules! definition {
    ($row:ty, $table:expr, $name:literal) => {
        impl Definition for $row {
            const TABLE: Table<Self> = $table;
            const NAME: &'static str = $name;
            fn id(&self) -> &str {
                &self.id
            }
            fn module(&self) -> &str {
                &self.module
            }
        }
    };
}

definition!(RuleRow, AUTO_RULES, "workflow rule");
definition!(BlueprintRow, AUTO_BLUEPRINTS, "blueprint");
definition!(JourneyRow, AUTO_JOURNEYS, "journey");

/// Every definition, or those of one module (a range over the key's first part).
pub fn list<T: Definition>(store: &Store, module: Option<&str>) -> Result<Vec<T>> {
    let tx = store.read()?;
    let t = tx.open_table(T::TABLE)?;
    let rows = match module {
        Some(m) => t.range((m, "")..=(m, "\u{10FFFF}"))?,
        None => t.iter()?,
    };
    rows.map(|e| {
        e.map_err(Error::from)
            .and_then(|(_, v)| v.value().map_err(Into::into))
    })
    .collect()
}

/// The definition `id` (ids are unique across modules), or `NOT_FOUND`.
pub fn find<T: Definition>(
    t: &impl ReadableTable<(&'static str, &'static str), Json<T>>,
    id: &str,
) -> Result<T> {
    for e in t.iter()? {
        let (_, v) = e?;
        if let Ok(row) = v.value()
            && row.id() == id
        {
            return Ok(row);
        }
    }
    Err(Error::NotFound(T::NAME.into()))
}

/// Writes `row` in the caller's transaction.
pub fn put<T: Definition>(tx: &mut Tx<'_>, row: &T) -> Result<()> {
    tx.txn
        .open_table(T::TABLE)?
        .put((row.module(), row.id()), row)?;
    Ok(())
}

/// Stores a new definition and answers it.
pub async fn add<T: Definition>(store: &Store, row: T) -> Result<T> {
    let r = row.clone();
    store.write(move |tx| put(tx, &r)).await?;
    Ok(row)
}

/// Reads the definition `id`, lets `edit` change it and writes it back, in one transaction.
pub async fn change<T, F>(store: &Store, id: &str, mut edit: F) -> Result<T>
where
    T: Definition,
    F: FnMut(&mut Tx<'_>, &mut T) -> Result<()> + Send + 'static,
{
    let id = id.to_string();
    store
        .write(move |tx| {
            let mut row = find::<T>(&tx.txn.open_table(T::TABLE)?, &id)?;
            edit(tx, &mut row)?;
            put(tx, &row)?;
            Ok(row)
        })
        .await
}

/// Removes the definition `id`.
pub async fn remove<T: Definition>(store: &Store, id: &str) -> Result<()> {
    let id = id.to_string();
    store
        .write(move |tx| {
            let mut t = tx.txn.open_table(T::TABLE)?;
            let row = find::<T>(&t, &id)?;
            t.remove((row.module(), row.id()))?;
            Ok(())
        })
        .await
}

//! Records: create, change and delete, always through the actor's visibility, and the one
//! write path every stored record goes through (`save`, `put_row`). Reading and listing are in
//! `listing.rs`.

use std::collections::HashSet;

use phonenumber::country::Id;
use redb::{ReadableTable, WriteTransaction};
use serde_json::{Map, Value};

use super::model::{FieldType, ModuleDef, RecordRow};
use super::{modules, values};
use crate::auth::{Auth, Viewer};
use crate::blobs::Blobs;
use crate::clock::SharedClock;
use crate::error::{Error, Result};
use crate::events::{Event, Saved};
use crate::store::PutRow;
use crate::store::Store;
use crate::store::tables::{
    CUSTOM_FIELDS, PHONE_INDEX, RECORD_COUNTS, RECORDS, RECORDS_BY_MODIFIED, USERS,
};

#[derive(Clone)]
pub struct Crm {
    pub(super) store: Store,
    pub(super) clock: SharedClock,
    pub(super) auth: Auth,
    /// The app's one blob store (built by `App::open`): generated documents live there.
    pub(super) blobs: Blobs,
    country: Id,
    /// The configured currency: amounts in documents are in it unless the company settings
    /// name another.
    pub(super) currency: String,
    /// The record-search index (`App::open` sets it): searches read only matching records.
    /// Without it a search scans the module.
    pub(super) search: Option<crate::search::Search>,
}

impl Crm {
    pub fn new(store: Store, clock: SharedClock, auth: Auth, blobs: Blobs, country: Id) -> Self {
        Self {
            store,
            clock,
            auth,
            blobs,
            country,
            currency: "EUR".into(),
            search: None,
        }
    }

    /// Answers record searches from `search`'s index.
    #[must_use]
    pub fn with_search(mut self, search: crate::search::Search) -> Self {
        self.search = Some(search);
        self
    }

    /// Waits (briefly) until a search of `search` would see every change written so far, so a
    /// record created or edited and then searched at once is found. Nothing to wait for when
    /// there is no search text.
    pub async fn search_caught_up(&self, search: Option<&str>) {
        if let Some(s) = &self.search
            && search.is_some_and(|t| !t.trim().is_empty())
        {
            s.caught_up().await;
        }
    }

    /// The currency documents state when the company settings name none.
    #[must_use]
    pub fn with_currency(mut self, currency: &str) -> Self {
        currency.clone_into(&mut self.currency);
        self
    }

    /// The organisation's default country (national phone numbers are read in it).
    pub(super) fn country(&self) -> Id {
        self.country
    }

    pub fn modules(&self) -> Result<Vec<ModuleDef>> {
        let tx = self.store.read()?;
        let custom = tx.open_table(CUSTOM_FIELDS)?;
        let mut mods = modules::standard();
        mods.extend(super::custom::stored_modules(&tx)?);
        for m in &mut mods {
            for row in
                custom.range((m.api_name.as_str(), "")..=(m.api_name.as_str(), "\u{10FFFF}"))?
            {
                m.fields.push(row?.1.value()?);
            }
        }
        Ok(mods)
    }

    pub fn module(&self, api_name: &str) -> Result<ModuleDef> {
        self.modules()?
            .into_iter()
            .find(|m| m.api_name == api_name)
            .ok_or_else(|| Error::validation("module", format!("no module {api_name}")))
    }

    pub async fn create(&self, viewer: &Viewer, module: &str, input: &Value) -> Result<RecordRow> {
        let def = self.module(module)?;
        let changes = values::clean(&def, input, self.country)?;
        let access = self.access(viewer)?;
        let now = self.clock.now();
        let id = crate::ids::new_id(now);
        self.store
            .write(move |tx| {
                let mut values = Map::new();
                values::merge(&def, &mut values, changes.clone())?;
                let owner_id = owner_in(tx.txn, &access, values.get("Owner"))?;
                values.insert("Owner".into(), Value::from(owner_id.clone()));
                let row = RecordRow {
                    id: id.clone(),
                    module: def.api_name.clone(),
                    owner_id,
                    values,
                    created_at: now,
                    created_by: access.user.clone(),
                    modified_at: now,
                    modified_by: access.user.clone(),
                };
                save(tx, &def, None, &row, &access, true)
            })
            .await
    }

    /// Applies `input` to the record as it is when the change commits (read, decided and
    /// written in one transaction, so concurrent edits never write back a stale copy).
    pub async fn update(
        &self,
        viewer: &Viewer,
        module: &str,
        id: &str,
        input: &Value,
    ) -> Result<RecordRow> {
        let def = self.module(module)?;
        let changes = values::clean(&def, input, self.country)?;
        let access = self.access(viewer)?;
        let now = self.clock.now();
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let old = visible_row(tx.txn, &access, &def.api_name, &id)?;
                let mut row = old.clone();
                values::merge(&def, &mut row.values, changes.clone())?;
                row.owner_id = owner_in(tx.txn, &access, row.values.get("Owner"))?;
                row.values
                    .insert("Owner".into(), Value::from(row.owner_id.clone()));
                row.modified_at = now.max(old.modified_at);
                row.modified_by = access.user.clone();
                save(tx, &def, Some(&old), &row, &access, true)
            })
            .await
    }

    /// Like [`Crm::update`], with `guard` deciding on the record as the transaction reads it
    /// (it may refuse, or add its own writes to the same transaction) before `input` applies.
    /// Blueprint transitions use it: the state is checked and changed in one transaction.
    pub async fn update_guarded<G>(
        &self,
        viewer: &Viewer,
        module: &str,
        id: &str,
        input: &Value,
        mut guard: G,
    ) -> Result<RecordRow>
    where
        G: FnMut(&mut crate::store::Tx<'_>, &RecordRow) -> Result<()> + Send + 'static,
    {
        let def = self.module(module)?;
        let changes = values::clean(&def, input, self.country)?;
        let access = self.access(viewer)?;
        let now = self.clock.now();
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let old = visible_row(tx.txn, &access, &def.api_name, &id)?;
                guard(tx, &old)?;
                let mut row = old.clone();
                values::merge(&def, &mut row.values, changes.clone())?;
                row.modified_at = now.max(old.modified_at);
                row.modified_by = access.user.clone();
                save(tx, &def, Some(&old), &row, &access, true)
            })
            .await
    }

    /// A change made by automation in the caller's transaction, as `actor`, to the record as
    /// the transaction reads it. It does not trigger automation again (no loops).
    pub fn update_by_automation(
        &self,
        tx: &mut crate::store::Tx<'_>,
        actor: &str,
        module: &str,
        id: &str,
        input: &Value,
        now: crate::clock::Millis,
    ) -> Result<RecordRow> {
        let def = self.module(module)?;
        let changes = values::clean(&def, input, self.country)?;
        let access = Access {
            user: actor.to_string(),
            owners: None,
        };
        let old = visible_row(tx.txn, &access, &def.api_name, id)?;
        let mut row = old.clone();
        values::merge(&def, &mut row.values, changes)?;
        row.modified_at = now.max(old.modified_at);
        row.modified_by = access.user.clone();
        save(tx, &def, Some(&old), &row, &access, false)
    }

    pub async fn delete(&self, viewer: &Viewer, module: &str, id: &str) -> Result<()> {
        let def = self.module(module)?;
        let access = self.access(viewer)?;
        let id = id.to_string();
        self.store
            .write(move |tx| {
                let row = visible_row(tx.txn, &access, &def.api_name, &id)?;
                unindex_phones(tx.txn, &def, &row)?;
                remove_row(tx.txn, &row)?;
                tx.emit(Event::RecordDeleted {
                    module: row.module.clone(),
                    record_id: row.id.clone(),
                })
            })
            .await
    }

    /// `value` for `field` as a record would store it (phones in E.164, currency in minor
    /// units, …); automation compares conditions with stored values.
    pub fn clean_value(&self, module: &str, field: &str, value: &str) -> Result<Value> {
        let def = self.module(module)?;
        let mut m = Map::new();
        m.insert(field.to_string(), Value::from(value));
        Ok(values::clean(&def, &Value::Object(m), self.country)?
            .remove(field)
            .unwrap_or(Value::Null))
    }

    /// Who is acting and whose records they may see, for checks inside a write.
    pub fn access(&self, viewer: &Viewer) -> Result<Access> {
        Ok(Access {
            user: viewer.id().to_string(),
            owners: self.auth.visible_owners(viewer)?,
        })
    }
}

/// The acting user and the owners whose records they may see (`None`: all).
#[derive(Debug, Clone)]
pub struct Access {
    pub user: String,
    pub owners: Option<HashSet<String>>,
}

impl Access {
    pub fn sees(&self, owner: &str) -> bool {
        self.owners.as_ref().is_none_or(|o| o.contains(owner))
    }
}

/// The record as the transaction sees it, if `access` may see it; otherwise `NOT_FOUND`, the
/// same answer as for a record that does not exist.
pub(super) fn visible_row(
    txn: &WriteTransaction,
    access: &Access,
    module: &str,
    id: &str,
) -> Result<RecordRow> {
    txn.open_table(RECORDS)?
        .get((module, id))?
        .map(|v| v.value())
        .transpose()?
        .filter(|r| access.sees(&r.owner_id))
        .ok_or_else(|| Error::NotFound("record".into()))
}

/// The owner a record gets: the one asked for, if the actor may hand records to them.
pub(super) fn owner_in(
    txn: &WriteTransaction,
    access: &Access,
    asked: Option<&Value>,
) -> Result<String> {
    let Some(id) = asked.and_then(Value::as_str) else {
        return Ok(access.user.clone());
    };
    let exists = txn.open_table(USERS)?.get(id)?.is_some();
    if !exists || !access.sees(id) {
        return Err(Error::validation(
            "Owner",
            "no such user, or not one you may assign records to",
        ));
    }
    Ok(id.to_string())
}

/// Writes `row` (replacing `old`), keeps the phone index in step and logs the change.
/// `automate`: whether workflow rules and journeys may react (not for automation's own changes):
/// the change's event then says how the record was saved, and automation follows it in this
/// transaction.
fn save(
    tx: &mut crate::store::Tx<'_>,
    def: &ModuleDef,
    old: Option<&RecordRow>,
    row: &RecordRow,
    access: &Access,
    automate: bool,
) -> Result<RecordRow> {
    let row = &*super::line_items::apply(tx.txn, def, old, row, access)?;
    check_lookups(tx.txn, def, row, access)?;
    if let Some(old) = old {
        unindex_phones(tx.txn, def, old)?;
    }
    let mut idx = tx.txn.open_table(PHONE_INDEX)?;
    for f in def.phone_fields() {
        if let Some(p) = row.text(&f.api_name) {
            idx.insert((p, row.module.as_str(), row.id.as_str()), ())?;
        }
    }
    drop(idx);
    put_row(tx.txn, old, row)?;
    tx.emit(Event::RecordChanged {
        module: row.module.clone(),
        record_id: row.id.clone(),
        saved: automate.then(|| Saved::between(old.map(|o| &o.values), &row.values)),
    })?;
    Ok(row.clone())
}

/// Stores `row` (replacing `old`) and keeps the modified-time index and the owner counts in
/// step. Every write of a record goes through here.
pub(crate) fn put_row(
    txn: &WriteTransaction,
    old: Option<&RecordRow>,
    row: &RecordRow,
) -> Result<()> {
    let mut index = txn.open_table(RECORDS_BY_MODIFIED)?;
    if let Some(old) = old {
        index.remove((old.module.as_str(), old.modified_at, old.id.as_str()))?;
    }
    index.insert(
        (row.module.as_str(), row.modified_at, row.id.as_str()),
        row.owner_id.as_str(),
    )?;
    if old.is_none_or(|o| o.owner_id != row.owner_id) {
        if let Some(old) = old {
            count(txn, old, -1)?;
            crate::store::conversation_index::owner_changed(
                txn,
                &row.module,
                &row.id,
                Some(&row.owner_id),
            )?;
        }
        count(txn, row, 1)?;
    }
    crate::store::record_index::index_fields(txn, old, Some(row))?;
    txn.open_table(RECORDS)?
        .put((row.module.as_str(), row.id.as_str()), row)?;
    Ok(())
}

/// Removes `row`, its modified-time index entry and its place in the owner counts.
pub(crate) fn remove_row(txn: &WriteTransaction, row: &RecordRow) -> Result<()> {
    txn.open_table(RECORDS_BY_MODIFIED)?.remove((
        row.module.as_str(),
        row.modified_at,
        row.id.as_str(),
    ))?;
    count(txn, row, -1)?;
    crate::store::conversation_index::owner_changed(txn, &row.module, &row.id, None)?;
    crate::store::record_index::index_fields(txn, Some(row), None)?;
    txn.open_table(RECORDS)?
        .remove((row.module.as_str(), row.id.as_str()))?;
    Ok(())
}

fn count(txn: &WriteTransaction, row: &RecordRow, delta: i64) -> Result<()> {
    let mut counts = txn.open_table(RECORD_COUNTS)?;
    let key = (row.module.as_str(), row.owner_id.as_str());
    let n = counts.get(key)?.map(|v| v.value()).unwrap_or(0);
    let n = n.saturating_add_signed(delta);
    if n == 0 {
        counts.remove(key)?;
    } else {
        counts.insert(key, n)?;
    }
    Ok(())
}

fn unindex_phones(txn: &WriteTransaction, def: &ModuleDef, row: &RecordRow) -> Result<()> {
    let mut idx = txn.open_table(PHONE_INDEX)?;
    for f in def.phone_fields() {
        if let Some(p) = row.text(&f.api_name) {
            idx.remove((p, row.module.as_str(), row.id.as_str()))?;
        }
    }
    Ok(())
}

/// Each lookup names a record the actor may see; one they may not see is refused exactly like
/// one that does not exist, so its name never reaches them (lists, pages, PDFs).
fn check_lookups(
    txn: &WriteTransaction,
    def: &ModuleDef,
    row: &RecordRow,
    access: &Access,
) -> Result<()> {
    let records = txn.open_table(RECORDS)?;
    for f in def
        .fields
        .iter()
        .filter(|f| f.field_type == FieldType::Lookup)
    {
        if let (Some(target), Some(m)) = (row.text(&f.api_name), f.lookup_module.as_deref())
            && !records
                .get((m, target))?
                .is_some_and(|r| r.value().is_ok_and(|r| access.sees(&r.owner_id)))
        {
            return Err(Error::validation(
                f.api_name.clone(),
                format!("{}: no {m} record {target}", f.label),
            ));
        }
    }
    Ok(())
}

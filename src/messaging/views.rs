//! Custom views of the Messages module (F26): named, saved filter sets, private to their owner
//! or shared with everyone.

use redb::ReadableTable;

use super::Messaging;
pub use super::model::MessageView;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::store::PutRow;
use crate::store::tables::MESSAGE_VIEWS;

/// A view to create (no id) or to change.
pub struct ViewInput {
    pub id: Option<String>,
    pub name: String,
    pub shared: bool,
    pub filter: serde_json::Value,
}

const MAX_NAME: usize = 80;

impl Messaging {
    /// The viewer's own views and everyone's shared ones, by name.
    pub fn views(&self, viewer: &Viewer) -> Result<Vec<MessageView>> {
        let tx = self.store.read()?;
        let mut out: Vec<MessageView> = tx
            .open_table(MESSAGE_VIEWS)?
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
            .filter(|v| v.shared || v.owner_id == viewer.id())
            .collect();
        out.sort_by_key(|v| v.name.to_lowercase());
        Ok(out)
    }

    pub async fn save_view(&self, viewer: &Viewer, input: ViewInput) -> Result<MessageView> {
        let name = input.name.trim().to_string();
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return Err(Error::validation(
                "name",
                format!("a view needs a name of 1 to {MAX_NAME} characters"),
            ));
        }
        let now = self.clock.now();
        let viewer_id = viewer.id().to_string();
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(MESSAGE_VIEWS)?;
                let view = match &input.id {
                    Some(id) => {
                        let old = t
                            .get(id.as_str())?
                            .map(|v| v.value())
                            .transpose()?
                            .filter(|v| v.shared || v.owner_id == viewer_id)
                            .ok_or_else(|| Error::NotFound("view".into()))?;
                        if old.owner_id != viewer_id {
                            return Err(Error::Forbidden(
                                "only its owner may change a view".into(),
                            ));
                        }
                        MessageView {
                            name: name.clone(),
                            shared: input.shared,
                            filter: input.filter.clone(),
                            ..old
                        }
                    }
                    None => MessageView {
                        id: crate::ids::new_id(now),
                        name: name.clone(),
                        owner_id: viewer_id.clone(),
                        shared: input.shared,
                        filter: input.filter.clone(),
                        created_at: now,
                    },
                };
                t.put(view.id.as_str(), &view)?;
                Ok(view)
            })
            .await
    }

    /// Deletes a view: its owner may, and administrators may delete shared ones.
    pub async fn delete_view(&self, viewer: &Viewer, id: &str) -> Result<()> {
        let (id, viewer_id, admin) = (
            id.to_string(),
            viewer.id().to_string(),
            viewer.user.is_admin,
        );
        self.store
            .write(move |tx| {
                let mut t = tx.txn.open_table(MESSAGE_VIEWS)?;
                let view = t
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                    .filter(|v| v.shared || v.owner_id == viewer_id)
                    .ok_or_else(|| Error::NotFound("view".into()))?;
                if view.owner_id != viewer_id && !admin {
                    return Err(Error::Forbidden("only its owner may delete a view".into()));
                }
                t.remove(id.as_str())?;
                Ok(())
            })
            .await
    }
}

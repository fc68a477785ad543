//! Custom views of the Messages module (F26): named, saved filter sets, private to their owner
//! or shared with everyone; and applying a filter (F25): relative times, calendar periods and
//! "me" resolved into a search query.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use redb::ReadableTable;

use super::Messaging;
pub use super::model::MessageView;
use super::model::{DurationUnit, MessageFilter, Period, Someone, Span};
use crate::auth::Viewer;
use crate::clock::{Millis, to_datetime};
use crate::error::{Error, Result};
use crate::search::MessageQuery;
use crate::store::PutRow;
use crate::store::tables::MESSAGE_VIEWS;

/// A view to create (no id) or to change.
pub struct ViewInput {
    pub id: Option<String>,
    pub name: String,
    pub shared: bool,
    pub filter: MessageFilter,
}

const MAX_NAME: usize = 80;

impl MessageFilter {
    /// The search query for `viewer_id` at `now`: "me" is the viewer, relative times count back
    /// from `now`, and every time condition narrows the others.
    pub fn to_query(&self, viewer_id: &str, now: Millis) -> Result<MessageQuery> {
        let person = |who: &Option<Someone>| {
            who.as_ref().map(|w| match w {
                Someone::Me => viewer_id.to_string(),
                Someone::User(id) => id.clone(),
            })
        };
        let (mut from, mut to) = (self.from, self.to);
        let mut narrow = |lo: Millis, hi: Option<Millis>| {
            from = Some(from.map_or(lo, |f| f.max(lo)));
            if let Some(hi) = hi {
                to = Some(to.map_or(hi, |t| t.min(hi)));
            }
        };
        if let Some(w) = &self.within {
            narrow(now - w.millis("within")?, None);
        }
        if let Some(p) = self.period {
            let (lo, hi) = p.range(now);
            narrow(lo, Some(hi));
        }
        let span = |s: &Option<Span>, field| s.map(|s| s.millis(field)).transpose();
        Ok(MessageQuery {
            conversation_id: self.conversation_id.clone(),
            profile_id: self.profile_id.clone(),
            module: self.module.clone(),
            record_id: self.record_id.clone(),
            direction: self.direction,
            status: self.status,
            kind: self.kind.clone().filter(|k| !k.trim().is_empty()),
            not_replied_within: span(&self.not_replied_within, "notRepliedWithin")?,
            replied_within: span(&self.replied_within, "repliedWithin")?,
            from,
            to,
            owner: person(&self.owner),
            replied_by: person(&self.replied_by),
        })
    }
}

impl Span {
    /// In ms; `field` names it in the validation error.
    fn millis(self, field: &str) -> Result<Millis> {
        if !(0..=10_000).contains(&self.amount) {
            return Err(Error::validation(
                field,
                "amount must be between 0 and 10000",
            ));
        }
        let hours = match self.unit {
            DurationUnit::Hours => 1,
            DurationUnit::Days => 24,
            DurationUnit::Weeks => 24 * 7,
            DurationUnit::Months => 24 * 30,
        };
        Ok(i64::from(self.amount) * hours * 3_600_000)
    }
}

impl Period {
    /// [from, to) in ms around `now`.
    fn range(self, now: Millis) -> (Millis, Millis) {
        let today = to_datetime(now).date_naive();
        let (start, end) = match self {
            Self::Today => (today, today + Duration::days(1)),
            Self::Yesterday => (today - Duration::days(1), today),
            Self::ThisWeek => {
                let monday =
                    today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
                (monday, monday + Duration::days(7))
            }
            Self::ThisMonth => {
                let first = today.with_day(1).unwrap_or(today);
                let next = first
                    .checked_add_months(chrono::Months::new(1))
                    .unwrap_or(first + Duration::days(31));
                (first, next)
            }
        };
        let ms = |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc().timestamp_millis();
        (ms(start), ms(end))
    }
}

impl Messaging {
    /// `filter` applied for `viewer` now.
    pub fn message_query(&self, viewer: &Viewer, filter: &MessageFilter) -> Result<MessageQuery> {
        filter.to_query(viewer.id(), self.clock.now())
    }

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

    /// Saves a view whose filter applies (it is checked as the viewer would apply it now).
    pub async fn save_view(&self, viewer: &Viewer, input: ViewInput) -> Result<MessageView> {
        self.message_query(viewer, &input.filter)?;
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

//! F7–F9: WhatsApp templates, submitted to Meta for review. Merge fields become positional
//! parameters with example values; status changes arrive by webhook.
//!
//! Templates sit above messaging: a template is reviewed through the WhatsApp account messaging
//! holds (its Graph client and error mapping, `messaging::upstream`) and sent through messaging's
//! outbox (`send.rs` builds a `messaging::send::Outgoing`). Messaging never imports this module:
//! it reads and updates template rows through `templates::model` (the inbox applies Meta's
//! review, quality and category webhooks in `messaging/quality.rs`, a send reads the category
//! for consent), and the merge engine both use is `crm::merge`.

mod meta;
pub mod model;
mod send;

pub use meta::header_as_media;
use meta::{from_meta, meta_body};
pub use model::{Button, Category, Template, TemplateStatus};

use redb::ReadableTable;
use serde_json::{Value, json};

use crate::clock::SharedClock;
use crate::crm::Crm;
use crate::crm::merge;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::messaging::Messaging;
use crate::store::PutRow;
use crate::store::tables::TEMPLATES;
use crate::store::{Store, Tx};

pub struct TemplateInput {
    pub name: String,
    pub module: String,
    pub language: String,
    pub category: Category,
    pub body: String,
    pub header: Option<String>,
    pub footer: Option<String>,
    pub buttons: Vec<Button>,
    /// An image or document header (instead of a text header).
    pub header_media: Option<model::HeaderMedia>,
}

#[derive(Clone)]
pub struct Templates {
    store: Store,
    clock: SharedClock,
    crm: Crm,
    messaging: Messaging,
}

impl Templates {
    pub fn new(store: Store, clock: SharedClock, crm: Crm, messaging: Messaging) -> Self {
        Self {
            store,
            clock,
            crm,
            messaging,
        }
    }

    pub fn list(&self, module: Option<&str>) -> Result<Vec<Template>> {
        let tx = self.store.read()?;
        let t = tx.open_table(TEMPLATES)?;
        let all = t
            .iter()?
            .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()));
        Ok(all
            .filter(|x| module.is_none_or(|m| x.module == m))
            .collect())
    }

    pub fn get(&self, id: &str) -> Result<Template> {
        self.store
            .read()?
            .open_table(TEMPLATES)?
            .get(id)?
            .map(|v| v.value())
            .transpose()?
            .ok_or_else(|| Error::NotFound("template".into()))
    }

    fn validate(&self, input: &TemplateInput) -> Result<Vec<merge::Segment>> {
        let name_ok = !input.name.is_empty()
            && input.name.len() <= 512
            && input
                .name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !name_ok {
            return Err(Error::validation(
                "name",
                "use lower-case letters, digits and underscores",
            ));
        }
        let lang_ok = (2..=6).contains(&input.language.len())
            && input
                .language
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '_');
        if !lang_ok {
            return Err(Error::validation(
                "language",
                "a locale such as en, en_US or de",
            ));
        }
        if input.body.trim().is_empty() || input.body.chars().count() > 1024 {
            return Err(Error::validation(
                "body",
                "the body needs 1 to 1,024 characters",
            ));
        }
        if input
            .header
            .as_ref()
            .is_some_and(|h| h.chars().count() > 60)
        {
            return Err(Error::validation("header", "at most 60 characters"));
        }
        if input.header.is_some() && input.header_media.is_some() {
            return Err(Error::validation(
                "header",
                "a header is either text or a file, not both",
            ));
        }
        if let Some(m) = &input.header_media {
            let ok = match m.kind.as_str() {
                "image" => matches!(m.mime_type.as_str(), "image/jpeg" | "image/png"),
                "document" => m.mime_type == "application/pdf",
                _ => false,
            };
            if !ok {
                return Err(Error::validation(
                    "headerFile",
                    "an image header takes a JPEG or PNG, a document header a PDF",
                ));
            }
        }
        if input
            .footer
            .as_ref()
            .is_some_and(|h| h.chars().count() > 60)
        {
            return Err(Error::validation("footer", "at most 60 characters"));
        }
        if input.buttons.len() > 10
            || input
                .buttons
                .iter()
                .any(|b| b.text.is_empty() || b.text.chars().count() > 25)
        {
            return Err(Error::validation(
                "buttons",
                "up to 10 buttons, each with 1 to 25 characters",
            ));
        }
        let modules = self.crm.modules()?;
        merge::parse(&input.body, &modules, &input.module).map_err(|e| match e {
            Error::Validation { message, .. } => Error::validation("body", message),
            other => other,
        })
    }

    /// Stores the template as PENDING and submits it to Meta for review.
    pub async fn create(&self, author: &str, input: TemplateInput) -> Result<Template> {
        self.crm
            .module(&input.module)
            .map_err(|_| Error::validation("module", format!("no module {}", input.module)))?;
        let segments = self.validate(&input)?;
        let acc = self
            .messaging
            .account()?
            .ok_or_else(|| Error::Conflict("connect WhatsApp first".into()))?;
        let now = self.clock.now();
        let template = Template {
            id: crate::ids::new_id(now),
            name: input.name,
            module: input.module,
            language: input.language,
            category: input.category,
            body: input.body,
            header: input.header,
            footer: input.footer,
            buttons: input.buttons,
            status: TemplateStatus::Pending,
            rejection_reason: None,
            meta_id: None,
            created_by: Some(author.to_string()),
            created_at: now,
            updated_at: now,
            quality: None,
            header_media: input.header_media,
        };
        let stored = template.clone();
        self.store
            .write(move |tx| {
                let t = tx.txn.open_table(TEMPLATES)?;
                let dup = t.iter()?.filter_map(|r| r.ok()).any(|(_, v)| {
                    v.value()
                        .is_ok_and(|v| v.name == stored.name && v.language == stored.language)
                });
                drop(t);
                if dup {
                    return Err(Error::Conflict(format!(
                        "a template {} in {} exists",
                        stored.name, stored.language
                    )));
                }
                save(tx, &stored)
            })
            .await?;
        let handle = self.header_handle(&acc.client, &template).await;
        let submitted = match handle {
            Ok(h) => {
                acc.client
                    .create_template(&acc.waba_id, &meta_body(&template, &segments, h.as_deref()))
                    .await
            }
            Err(e) => Err(e),
        };
        let meta_id = match submitted {
            Ok(v) => v.get("id").and_then(Value::as_str).map(String::from),
            Err(e) => {
                let id = template.id.clone();
                self.store
                    .write(move |tx| {
                        tx.txn.open_table(TEMPLATES)?.remove(id.as_str())?;
                        Ok(())
                    })
                    .await?;
                return Err(crate::messaging::upstream(e));
            }
        };
        let id = template.id.clone();
        self.store
            .write(move |tx| {
                let Some(mut t) = tx
                    .txn
                    .open_table(TEMPLATES)?
                    .get(id.as_str())?
                    .map(|v| v.value())
                    .transpose()?
                else {
                    return Err(Error::NotFound("template".into()));
                };
                t.meta_id = meta_id.clone();
                save(tx, &t)?;
                Ok(t)
            })
            .await
    }

    /// Changes a template's content; refused while Meta is reviewing it.
    pub async fn update(&self, id: &str, input: TemplateInput) -> Result<Template> {
        let current = self.get(id)?;
        if current.status == TemplateStatus::Pending {
            return Err(Error::Conflict(
                "the template is in review and cannot be edited".into(),
            ));
        }
        if input.name != current.name
            || input.language != current.language
            || input.module != current.module
        {
            return Err(Error::validation(
                "name",
                "name, language and module cannot change",
            ));
        }
        let segments = self.validate(&input)?;
        let acc = self
            .messaging
            .account()?
            .ok_or_else(|| Error::Conflict("connect WhatsApp first".into()))?;
        let (id, seen, now) = (current.id.clone(), current.updated_at, self.clock.now());
        // Marked PENDING with the new content before Meta hears of it, in one transaction that
        // reads the template again: a review answer arriving after the edit lands on top of it,
        // and an edit or delete made meanwhile is not overwritten.
        let (before, t) = self
            .store
            .write(move |tx| {
                let before = stored(tx, &id)?;
                if before.status == TemplateStatus::Pending || before.updated_at != seen {
                    return Err(Error::Conflict(
                        "the template changed meanwhile; reload it and edit again".into(),
                    ));
                }
                let mut t = before.clone();
                t.body.clone_from(&input.body);
                t.header.clone_from(&input.header);
                t.footer.clone_from(&input.footer);
                t.buttons.clone_from(&input.buttons);
                t.header_media.clone_from(&input.header_media);
                t.category = input.category;
                t.status = TemplateStatus::Pending;
                t.rejection_reason = None;
                t.updated_at = now.max(before.updated_at + 1);
                save(tx, &t)?;
                Ok((before, t))
            })
            .await?;
        if let Some(meta) = &t.meta_id {
            let edited = match self.header_handle(&acc.client, &t).await {
                Ok(h) => {
                    let body = meta_body(&t, &segments, h.as_deref());
                    acc.client
                        .edit_template(meta, &json!({"components": body["components"]}))
                        .await
                }
                Err(e) => Err(e),
            };
            if let Err(e) = edited {
                let ours = t.updated_at;
                self.store
                    .write(move |tx| {
                        // Put the content back unless something else changed it since.
                        if stored(tx, &before.id)?.updated_at == ours {
                            save(tx, &before)?;
                        }
                        Ok(())
                    })
                    .await?;
                return Err(crate::messaging::upstream(e));
            }
        }
        Ok(t)
    }

    /// Pulls the account's templates from Meta: statuses of known ones are refreshed, templates
    /// made elsewhere (e.g. in WhatsApp Manager) are added. Those arrive with Meta's `{{1}}`
    /// placeholders and are filed under Leads; until an administrator maps the placeholders to
    /// merge fields by editing the body, Meta refuses their sends for the parameter count.
    pub async fn sync(&self, author: &str) -> Result<Vec<Template>> {
        let acc = self
            .messaging
            .account()?
            .ok_or_else(|| Error::Conflict("connect WhatsApp first".into()))?;
        let remote = acc
            .client
            .list_templates(&acc.waba_id)
            .await
            .map_err(crate::messaging::upstream)?;
        let now = self.clock.now();
        let author = author.to_string();
        self.store
            .write(move |tx| {
                let known: Vec<Template> = tx
                    .txn
                    .open_table(TEMPLATES)?
                    .iter()?
                    .filter_map(|r| r.ok().and_then(|(_, v)| v.value().ok()))
                    .collect();
                for r in &remote {
                    let Some(t) = from_meta(r, &known, &author, now) else {
                        continue;
                    };
                    save(tx, &t)?;
                }
                Ok(())
            })
            .await?;
        self.list(None)
    }

    /// Submits every stored template to the account again (the demo's simulator forgets them);
    /// answers the new Meta ids of those that were approved here.
    pub async fn resubmit_all(&self) -> Result<Vec<String>> {
        let Some(acc) = self.messaging.account()? else {
            return Ok(vec![]);
        };
        let modules = self.crm.modules()?;
        let mut approved = vec![];
        for t in self.list(None)? {
            let segments = merge::parse(&t.body, &modules, &t.module)?;
            let handle = match self.header_handle(&acc.client, &t).await {
                Ok(h) => h,
                Err(e) => {
                    tracing::warn!(template = %t.name, error = %e, "could not upload a header file");
                    continue;
                }
            };
            match acc
                .client
                .create_template(&acc.waba_id, &meta_body(&t, &segments, handle.as_deref()))
                .await
            {
                Ok(v) => {
                    if let (TemplateStatus::Approved, Some(id)) =
                        (t.status, v.get("id").and_then(Value::as_str))
                    {
                        approved.push(id.to_string());
                    }
                }
                Err(e) => {
                    tracing::warn!(template = %t.name, error = %e, "could not resubmit a template")
                }
            }
        }
        Ok(approved)
    }

    pub async fn delete(&self, id: &str) -> Result<()> {
        let t = self.get(id)?;
        if let Some(acc) = self.messaging.account()? {
            acc.client
                .delete_template(&acc.waba_id, &t.name)
                .await
                .map_err(crate::messaging::upstream)?;
        }
        let id = id.to_string();
        self.store
            .write(move |tx| {
                tx.txn.open_table(TEMPLATES)?.remove(id.as_str())?;
                tx.emit(Event::TemplateChanged {
                    template_id: id.clone(),
                })
            })
            .await
    }
}

/// The template as the transaction sees it.
fn stored(tx: &Tx<'_>, id: &str) -> Result<Template> {
    tx.txn
        .open_table(TEMPLATES)?
        .get(id)?
        .map(|v| v.value())
        .transpose()?
        .ok_or_else(|| Error::NotFound("template".into()))
}

fn save(tx: &mut Tx<'_>, t: &Template) -> Result<Template> {
    tx.txn.open_table(TEMPLATES)?.put(t.id.as_str(), t)?;
    tx.emit(Event::TemplateChanged {
        template_id: t.id.clone(),
    })?;
    Ok(t.clone())
}

//! F10/F9: sending an approved template from a record. Messages go only to Leads and Contacts:
//! a template of another module (a Quote, say) resolves its fields on that record and is sent to
//! the Contact (else Lead) the record links to.

use serde_json::{Value, json};

use super::{Category, Templates};
use crate::auth::Viewer;
use crate::crm::merge;
use crate::crm::model::RecordRow;
use crate::error::{Error, Result};
use crate::messaging::model::{Message, RecordRef};
use crate::messaging::setup::Profile;
use crate::messaging::{SendTemplate, send::Outgoing};

impl super::Template {
    /// Refuses a template that may not be sent from a record of `module`: one not approved
    /// (F8), or one of another module.
    pub fn check_sendable(&self, module: &str) -> Result<(), Error> {
        if self.status != super::TemplateStatus::Approved {
            return Err(Error::TemplateNotApproved(
                format!("{:?}", self.status).to_uppercase(),
            ));
        }
        if self.module != module {
            return Err(Error::validation(
                "templateId",
                format!("this template is for {}", self.module),
            ));
        }
        Ok(())
    }
}

/// Meta refuses empty parameters; a field without a value is sent as this.
const EMPTY_PARAMETER: &str = "-";

impl Templates {
    pub async fn send(&self, viewer: &Viewer, input: SendTemplate) -> Result<Message> {
        let (out, _) = self.prepare(viewer, input)?;
        self.messaging.enqueue(out).await
    }

    /// Everything a send needs, checked for `viewer` (used by sending and by `sendCost`, so the
    /// price is quoted for exactly the send that would go).
    pub fn prepare(&self, viewer: &Viewer, input: SendTemplate) -> Result<(Outgoing, Category)> {
        let t = self.get(&input.template_id)?;
        t.check_sendable(&input.module)?;
        let record = self
            .crm
            .get(viewer, &input.module, &input.record_id)?
            .ok_or_else(|| Error::NotFound("record".into()))?;
        let recipient = self.recipient(&record)?;
        crate::consent::ensure_may_receive_templates(
            &self.store.read()?,
            &RecordRef {
                module: recipient.module.clone(),
                id: recipient.id.clone(),
            },
            t.category == Category::Marketing,
        )?;
        let profile = self.messaging.usable_profile(viewer, &input.profile_id)?;
        let phone = phone_of(&recipient, input.phone_field.as_deref())?;
        let def = self.crm.module(&t.module)?;
        let segments = merge::parse(&t.body, &self.crm.modules()?, &t.module)?;
        let merge = Merge {
            t: &t,
            def: &def,
            segments: &segments,
        };
        Ok((
            merge.outgoing(viewer, profile, &record, &recipient, &phone),
            t.category,
        ))
    }

    /// A broadcast's sends (N10): the template (approved, of `module`, a Leads or Contacts
    /// template), the profile (usable by `viewer`) and, per record, its send or why it cannot
    /// go. The records were read with `viewer`'s visibility.
    #[allow(clippy::type_complexity)]
    pub fn prepare_batch(
        &self,
        viewer: &Viewer,
        template_id: &str,
        profile_id: &str,
        module: &str,
        records: Vec<RecordRow>,
    ) -> Result<(
        super::Template,
        Vec<(RecordRow, std::result::Result<Outgoing, String>)>,
    )> {
        let t = self.get(template_id)?;
        t.check_sendable(module)?;
        let profile = self.messaging.usable_profile(viewer, profile_id)?;
        let def = self.crm.module(module)?;
        if !def.is_person() {
            return Err(Error::validation(
                "module",
                "broadcasts go to Leads or Contacts",
            ));
        }
        let segments = merge::parse(&t.body, &self.crm.modules()?, &t.module)?;
        let merge = Merge {
            t: &t,
            def: &def,
            segments: &segments,
        };
        let out = records
            .into_iter()
            .map(|record| {
                let prepared = match phone_of(&record, None) {
                    Err(_) => Err("no WhatsApp number".to_string()),
                    Ok(phone) => {
                        Ok(merge.outgoing(viewer, profile.clone(), &record, &record, &phone))
                    }
                };
                (record, prepared)
            })
            .collect();
        Ok((t, out))
    }

    /// The rendered body for `record`, as the customer will read it (the send dialog's preview).
    pub fn preview(
        &self,
        viewer: &Viewer,
        template_id: &str,
        module: &str,
        record_id: &str,
    ) -> Result<String> {
        let t = self.get(template_id)?;
        let record = self
            .crm
            .get(viewer, module, record_id)?
            .ok_or_else(|| Error::NotFound("record".into()))?;
        let segments = merge::parse(&t.body, &self.crm.modules()?, &t.module)?;
        Ok(merge::render(
            &segments,
            &self.crm.module(&t.module)?,
            &record,
        ))
    }

    /// The Lead or Contact a record's messages go to (F9).
    fn recipient(&self, record: &RecordRow) -> Result<RecordRow> {
        if self.crm.module(&record.module)?.is_person() {
            return Ok(record.clone());
        }
        for (field, module) in [("Contact_Name", "Contacts"), ("Lead_Name", "Leads")] {
            if let Some(id) = record.text(field)
                && let Some(r) = self.crm.get_unchecked(module, id)?
            {
                return Ok(r);
            }
        }
        Err(Error::validation(
            "recordId",
            "messages go only to Leads or Contacts, and this record links to neither",
        ))
    }
}

/// A template ready to send: its module's fields and its parsed body.
struct Merge<'a> {
    t: &'a super::Template,
    def: &'a crate::crm::model::ModuleDef,
    segments: &'a [merge::Segment],
}

impl Merge<'_> {
    /// The send to `recipient` at `phone`, its fields merged from `record` (the recipient, or
    /// the record it was sent from).
    fn outgoing(
        &self,
        viewer: &Viewer,
        profile: Profile,
        record: &RecordRow,
        recipient: &RecordRow,
        phone: &str,
    ) -> Outgoing {
        let wa_id = crate::crm::phone::e164_to_wa_id(phone);
        let (payload, text) = build(self.t, self.def, self.segments, record, &wa_id);
        Outgoing {
            profile,
            wa_id,
            record: RecordRef {
                module: recipient.module.clone(),
                id: recipient.id.clone(),
            },
            kind: "template".into(),
            text,
            payload,
            sent_by: viewer.id().to_string(),
            template_id: Some(self.t.id.clone()),
            reply_to: None,
            media: self.t.header_media.as_ref().map(super::header_as_media),
        }
    }
}

/// The number to use: the asked field, else Mobile, else Phone.
fn phone_of(r: &RecordRow, field: Option<&str>) -> Result<String> {
    let fields: Vec<&str> = match field {
        Some(f) => vec![f],
        None => vec!["Mobile", "Phone"],
    };
    fields
        .iter()
        .find_map(|f| r.text(f).filter(|s| s.starts_with('+')).map(String::from))
        .ok_or_else(|| Error::validation("phoneField", "the record has no mobile or phone number"))
}

/// The Graph API payload of template `t` for `record` to `wa_id`, and the text as rendered.
fn build(
    t: &super::Template,
    def: &crate::crm::model::ModuleDef,
    segments: &[merge::Segment],
    record: &RecordRow,
    wa_id: &str,
) -> (Value, String) {
    let params: Vec<Value> = merge::fields(segments)
        .iter()
        .map(|f| {
            let v = merge::value_text(def, record, &f.field);
            json!({"type": "text", "text": if v.trim().is_empty() { EMPTY_PARAMETER.to_string() } else { v }})
        })
        .collect();
    let mut components = vec![];
    if let Some(m) = &t.header_media {
        // The sender uploads the file and puts its media id here.
        let mut media = json!({});
        if m.kind == "document" {
            media["filename"] = json!(m.file_name);
        }
        components.push(
            json!({"type": "header", "parameters": [{"type": m.kind, m.kind.clone(): media}]}),
        );
    }
    if !params.is_empty() {
        components.push(json!({"type": "body", "parameters": params}));
    }
    let payload = json!({"messaging_product": "whatsapp", "recipient_type": "individual", "to": wa_id, "type": "template",
        "template": {"name": t.name, "language": {"code": t.language}, "components": components}});
    (payload, merge::render(segments, def, record))
}

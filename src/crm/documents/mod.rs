//! Documents: a quote, sales order, purchase order or invoice rendered to a PDF (A4, the PDF
//! base font Helvetica, so nothing is embedded and no system font is needed), stored in the blob
//! store under its sha256 and listed per record. Labels follow the viewer's language.

use redb::{ReadTransaction, ReadableTable};

mod layout;
mod pdf;

pub use layout::money_text;
use layout::{DocView, date_text, line_cells, render};

use super::Crm;
use super::line_items;
pub use super::model::DocumentRow;
use super::model::{FieldType, ModuleDef, RecordRow};
use crate::auth::{Language, Viewer};
use crate::clock::Millis;
use crate::error::{Error, Result};
use crate::events::Event;
use crate::store::PutRow;
use crate::store::tables::{DOCUMENTS, META, RECORDS};

/// The modules whose records render to documents.
pub const DOCUMENT_MODULES: [&str; 4] = ["Quotes", "Sales_Orders", "Purchase_Orders", "Invoices"];

impl Crm {
    /// Renders the record to a PDF, stores it, and lists it with the record's documents.
    pub async fn generate_document(
        &self,
        viewer: &Viewer,
        module: &str,
        record_id: &str,
    ) -> Result<DocumentRow> {
        if !DOCUMENT_MODULES.contains(&module) {
            return Err(Error::validation(
                "module",
                "documents are made from quotes, sales orders, purchase orders and invoices",
            ));
        }
        let row = self
            .get(viewer, module, record_id)?
            .ok_or_else(|| Error::NotFound("record".into()))?;
        let def = self.module(module)?;
        let now = self.clock.now();
        let number = self.document_number(module, record_id, now).await?;
        let view = self.view(&def, &row, viewer, now, &number)?;
        let title = view.title.clone();
        let id = crate::ids::new_id(now);
        let blobs = self.blobs.clone();
        let unique = id.clone();
        let (sha256, size) = tokio::task::spawn_blocking(move || {
            let pdf = render(&view);
            blobs.put(&pdf, &unique).map(|sha| (sha, pdf.len() as u64))
        })
        .await
        .map_err(|e| Error::Internal(format!("render: {e}")))??;
        let subject = row.text("Subject").unwrap_or_default().to_string();
        let mut doc = DocumentRow {
            id,
            module: row.module,
            record_id: row.id,
            number: Some(number),
            version: 1,
            sha256,
            file_name: String::new(),
            size,
            created_at: now,
            created_by: viewer.id().to_string(),
        };
        self.store
            .write(move |tx| {
                if tx
                    .txn
                    .open_table(RECORDS)?
                    .get((doc.module.as_str(), doc.record_id.as_str()))?
                    .is_none()
                {
                    return Err(Error::NotFound("record".into()));
                }
                // Each new document of the record is its next version, named so: a PDF made
                // again never shares its name with the one before.
                let mut docs = tx.txn.open_table(DOCUMENTS)?;
                let before = docs
                    .range(
                        (doc.module.as_str(), doc.record_id.as_str(), "")
                            ..=(doc.module.as_str(), doc.record_id.as_str(), "\u{10FFFF}"),
                    )?
                    .filter_map(|r| r.ok().and_then(|(_, v)| crate::store::decoded(v.value())))
                    .map(|d| d.version.max(1))
                    .max()
                    .unwrap_or(0);
                doc.version = before + 1;
                doc.file_name = file_name(
                    &title,
                    doc.number.as_deref().unwrap_or_default(),
                    &subject,
                    doc.version,
                );
                docs.put(
                    (doc.module.as_str(), doc.record_id.as_str(), doc.id.as_str()),
                    &doc,
                )?;
                drop(docs);
                tx.txn
                    .open_table(crate::store::tables::DOCUMENT_IDS)?
                    .insert(
                        doc.id.as_str(),
                        (doc.module.as_str(), doc.record_id.as_str()),
                    )?;
                tx.emit(Event::DocumentGenerated {
                    document_id: doc.id.clone(),
                    module: doc.module.clone(),
                    record_id: doc.record_id.clone(),
                })?;
                Ok(doc.clone())
            })
            .await
    }

    /// The record's document number: given with its first document (the module's next in the
    /// year, `Q-2026-0001`) and kept for every later version.
    async fn document_number(&self, module: &str, record_id: &str, now: Millis) -> Result<String> {
        let prefix = match module {
            "Quotes" => "Q",
            "Sales_Orders" => "SO",
            "Purchase_Orders" => "PO",
            _ => "INV",
        };
        let year = u64::try_from(chrono::Datelike::year(&crate::clock::to_datetime(now)))
            .unwrap_or_default();
        let record_key = format!("doc_number:{module}:{record_id}");
        let seq_key = format!("doc_seq:{module}:{year}");
        let encoded = self
            .store
            .write(move |tx| {
                let mut meta = tx.txn.open_table(META)?;
                if let Some(n) = meta.get(record_key.as_str())? {
                    return Ok(n.value());
                }
                let seq = meta.get(seq_key.as_str())?.map_or(0, |v| v.value()) + 1;
                meta.insert(seq_key.as_str(), seq)?;
                let encoded = year * 1_000_000 + seq;
                meta.insert(record_key.as_str(), encoded)?;
                Ok(encoded)
            })
            .await?;
        Ok(format!(
            "{prefix}-{}-{:04}",
            encoded / 1_000_000,
            encoded % 1_000_000
        ))
    }

    /// The record's documents, newest first; `NOT_FOUND` when the viewer cannot see the record.
    pub fn documents(
        &self,
        viewer: &Viewer,
        module: &str,
        record_id: &str,
    ) -> Result<Vec<DocumentRow>> {
        if self.get(viewer, module, record_id)?.is_none() {
            return Err(Error::NotFound("record".into()));
        }
        let tx = self.store.read()?;
        stored_documents(&tx, module, record_id)
    }

    /// The document with blob `sha256` of a record the viewer can see, if there is one.
    pub fn document_for_download(
        &self,
        viewer: &Viewer,
        module: &str,
        record_id: &str,
        sha256: &str,
    ) -> Result<Option<DocumentRow>> {
        if self.get(viewer, module, record_id)?.is_none() {
            return Ok(None);
        }
        let tx = self.store.read()?;
        Ok(stored_documents(&tx, module, record_id)?
            .into_iter()
            .find(|d| d.sha256 == sha256))
    }

    /// Where the file of `doc` lives in the blob store, for streaming it.
    pub fn document_path(&self, doc: &DocumentRow) -> Result<std::path::PathBuf> {
        self.blobs.path(&doc.sha256)
    }

    fn view(
        &self,
        def: &ModuleDef,
        row: &RecordRow,
        viewer: &Viewer,
        now: Millis,
        number: &str,
    ) -> Result<DocView> {
        let de = viewer.user.language == Language::De;
        let company = self.company()?;
        let currency = self.document_currency(&company);
        let t = |en: &str, de_text: &str| if de { de_text } else { en }.to_string();
        let title = match def.api_name.as_str() {
            "Quotes" => t("Quote", "Angebot"),
            "Sales_Orders" => t("Sales Order", "Auftrag"),
            "Purchase_Orders" => t("Purchase Order", "Bestellung"),
            _ => t("Invoice", "Rechnung"),
        };
        let label = |f: &str| {
            def.field(f)
                .map(|f| if de { &f.label_de } else { &f.label }.clone())
                .unwrap_or_else(|| f.to_string())
        };
        let mut meta = vec![
            (t("Number", "Nummer"), number.to_string()),
            (
                t("Date", "Datum"),
                date_text(&crate::clock::to_rfc3339(now)[..10], de),
            ),
        ];
        for f in ["Invoice_Date", "Due_Date", "Valid_Till"] {
            if let Some(v) = row.text(f) {
                meta.push((label(f), date_text(v, de)));
            }
        }
        meta.push((t("Currency", "Währung"), currency.clone()));
        let mut parties = vec![];
        for f in def
            .fields
            .iter()
            .filter(|f| f.field_type == FieldType::Lookup)
        {
            let (Some(id), Some(m)) = (row.text(&f.api_name), f.lookup_module.as_deref()) else {
                continue;
            };
            // A linked record the viewer may not see stays out of their PDF.
            let Some(linked) = self.get(viewer, m, id)? else {
                continue;
            };
            let name = linked.display_name();
            parties.push((if de { &f.label_de } else { &f.label }.clone(), name));
        }
        if let Some(v) = row.text("Vendor_Name") {
            parties.push((label("Vendor_Name"), v.to_string()));
        }
        let lines = line_items::stored_lines(row);
        let money = |f: &str| row.values.get(f).and_then(serde_json::Value::as_i64);
        let totals = ["Sub_Total", "Tax", "Grand_Total"]
            .iter()
            .filter_map(|f| {
                money(f).map(|v| (label(f), format!("{} {currency}", money_text(v, de))))
            })
            .collect();
        let contact = [
            company.email.as_str(),
            company.phone.as_str(),
            company.website.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        let mut header: Vec<String> = company
            .address
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if !contact.is_empty() {
            header.push(contact);
        }
        if !company.tax_id.is_empty() {
            header.push(format!("{} {}", t("Tax id", "USt-IdNr."), company.tax_id));
        }
        Ok(DocView {
            company: company.name.clone(),
            company_lines: header,
            title,
            subject: row.text("Subject").unwrap_or_default().to_string(),
            meta,
            parties,
            headers: [
                "#".into(),
                t("Product", "Produkt"),
                t("Qty", "Menge"),
                format!("{} ({currency})", t("Unit price", "Einzelpreis")),
                t("Discount", "Rabatt"),
                t("Tax", "Steuer"),
                format!("{} ({currency})", t("Amount", "Betrag")),
            ],
            rows: lines.iter().map(|l| line_cells(l, de)).collect(),
            no_lines: t("No line items.", "Keine Positionen."),
            totals,
            terms: row
                .text("Terms_and_Conditions")
                .filter(|s| !s.trim().is_empty())
                .map(|s| (label("Terms_and_Conditions"), s.to_string())),
            page: t("Page", "Seite"),
        })
    }
}

fn stored_documents(
    tx: &ReadTransaction,
    module: &str,
    record_id: &str,
) -> Result<Vec<DocumentRow>> {
    let t = match tx.open_table(DOCUMENTS) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(vec![]),
        Err(e) => return Err(e.into()),
    };
    let mut out = vec![];
    for r in t
        .range((module, record_id, "")..=(module, record_id, "\u{10FFFF}"))?
        .rev()
    {
        out.push(r?.1.value()?);
    }
    Ok(out)
}

/// `Angebot-Q-2026-0001-Business-Paket.pdf`, later versions `…-v2.pdf`: ASCII letters,
/// digits and dashes only.
fn file_name(title: &str, number: &str, subject: &str, version: u32) -> String {
    let mut s = String::new();
    for c in format!("{title} {number} {subject}").chars() {
        let mapped = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'Ä' => "Ae",
            'Ö' => "Oe",
            'Ü' => "Ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                s.push(c);
                continue;
            }
            _ => "-",
        };
        if mapped == "-" && (s.is_empty() || s.ends_with('-')) {
            continue;
        }
        s.push_str(mapped);
    }
    let mut s: String = s.chars().take(80).collect();
    while s.ends_with('-') {
        s.pop();
    }
    if s.is_empty() {
        s.push_str("document");
    }
    if version > 1 {
        s.push_str(&format!("-v{version}"));
    }
    format!("{s}.pdf")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_names() {
        assert_eq!(money_text(123_456, false), "1,234.56");
        assert_eq!(money_text(123_456, true), "1.234,56");
        assert_eq!(money_text(-5, false), "-0.05");
        assert_eq!(money_text(100_000_000, false), "1,000,000.00");
        assert_eq!(
            file_name("Angebot", "Q-2026-0001", "Größe: 3 (neu)", 1),
            "Angebot-Q-2026-0001-Groesse-3-neu.pdf"
        );
        assert_eq!(
            file_name("Quote", "Q-2026-0001", "Paket", 2),
            "Quote-Q-2026-0001-Paket-v2.pdf"
        );
        assert_eq!(file_name("", "", "!!", 1), "document.pdf");
    }
}

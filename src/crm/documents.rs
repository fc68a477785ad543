//! Documents: a quote, sales order, purchase order or invoice rendered to a PDF (A4, the PDF
//! base font Helvetica, so nothing is embedded and no system font is needed), stored in the blob
//! store under its sha256 and listed per record. Labels follow the viewer's language.

use redb::{ReadTransaction, ReadableTable};

use super::Crm;
use super::line_items::{self, Line};
pub use super::model::DocumentRow;
use super::model::{FieldType, ModuleDef, RecordRow};
use crate::auth::{Language, Viewer};
use crate::blobs::Blobs;
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
        blobs: &Blobs,
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
        let blobs = blobs.clone();
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

fn line_cells(l: &Line, de: bool) -> [String; 6] {
    let dec = |s: String| if de { s.replace('.', ",") } else { s };
    let name = if l.product_name.is_empty() {
        l.product.clone()
    } else {
        l.product_name.clone()
    };
    [
        name,
        dec(line_items::scaled_text(l.quantity_milli, 3)),
        money_text(l.unit_price, de),
        if l.discount == 0 {
            String::new()
        } else {
            money_text(l.discount, de)
        },
        format!(
            "{}{}%",
            dec(line_items::scaled_text(l.tax_bp, 2)),
            if de { " " } else { "" }
        ),
        money_text(l.net_amount, de),
    ]
}

/// Minor units as `1,234.56` (English) or `1.234,56` (German).
pub fn money_text(minor: i64, de: bool) -> String {
    let (group, point) = if de { ('.', ',') } else { (',', '.') };
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let units = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push(group);
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{point}{:02}", abs % 100)
}

/// `2026-11-02` stays as it is in English and becomes `02.11.2026` in German.
fn date_text(iso: &str, de: bool) -> String {
    match (de, chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")) {
        (true, Ok(d)) => d.format("%d.%m.%Y").to_string(),
        _ => iso.to_string(),
    }
}

/// Everything a document shows, already as text.
struct DocView {
    /// The company's name, and its address and contact lines (the header).
    company: String,
    company_lines: Vec<String>,
    title: String,
    subject: String,
    meta: Vec<(String, String)>,
    parties: Vec<(String, String)>,
    headers: [String; 7],
    /// product, quantity, unit price, discount, tax, amount
    rows: Vec<[String; 6]>,
    no_lines: String,
    totals: Vec<(String, String)>,
    terms: Option<(String, String)>,
    page: String,
}

mod pdf {
    //! A small page writer over `pdf-writer`: text in Helvetica (WinAnsi), lines and pages.

    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

    pub const WIDTH: f32 = 595.28;
    pub const HEIGHT: f32 = 841.89;
    pub const LEFT: f32 = 50.0;
    pub const RIGHT: f32 = WIDTH - 50.0;
    pub const TOP: f32 = HEIGHT - 56.0;
    pub const BOTTOM: f32 = 64.0;

    #[derive(Clone, Copy)]
    pub enum Font {
        Regular,
        Bold,
    }

    impl Font {
        fn name(self) -> Name<'static> {
            match self {
                Font::Regular => Name(b"F1"),
                Font::Bold => Name(b"F2"),
            }
        }
    }

    pub struct Pages {
        done: Vec<Content>,
        cur: Content,
        pub y: f32,
    }

    impl Pages {
        pub fn new() -> Self {
            Self {
                done: vec![],
                cur: Content::new(),
                y: TOP,
            }
        }

        pub fn new_page(&mut self) {
            let page = std::mem::replace(&mut self.cur, Content::new());
            self.done.push(page);
            self.y = TOP;
        }

        /// Starts a new page unless `needed` points still fit above the bottom margin.
        pub fn ensure(&mut self, needed: f32) -> bool {
            if self.y - needed < BOTTOM {
                self.new_page();
                return true;
            }
            false
        }

        pub fn text(&mut self, x: f32, y: f32, font: Font, size: f32, s: &str) {
            self.cur
                .begin_text()
                .set_font(font.name(), size)
                .next_line(x, y)
                .show(Str(&winansi(s)))
                .end_text();
        }

        pub fn text_right(&mut self, right: f32, y: f32, font: Font, size: f32, s: &str) {
            let w = width(s, font, size);
            self.text(right - w, y, font, size, s);
        }

        pub fn rule(&mut self, y: f32, gray: f32, width: f32) {
            self.cur
                .save_state()
                .set_stroke_gray(gray)
                .set_line_width(width)
                .move_to(LEFT, y)
                .line_to(RIGHT, y)
                .stroke()
                .restore_state();
        }

        pub fn band(&mut self, y: f32, height: f32, gray: f32) {
            self.cur
                .save_state()
                .set_fill_gray(gray)
                .rect(LEFT, y, RIGHT - LEFT, height)
                .fill_nonzero()
                .restore_state();
        }

        /// The PDF; `footer(i, n)` is written at the bottom of page i of n.
        pub fn finish(mut self, title: &str, footer: impl Fn(usize, usize) -> String) -> Vec<u8> {
            let last = std::mem::replace(&mut self.cur, Content::new());
            self.done.push(last);
            let n = self.done.len();
            let mut pdf = Pdf::new();
            let catalog = Ref::new(1);
            let tree = Ref::new(2);
            let regular = Ref::new(3);
            let bold = Ref::new(4);
            let info = Ref::new(5);
            let first_page = 6;
            let page_ref = |i: usize| Ref::new(first_page + 2 * i32::try_from(i).unwrap_or(0));
            let content_ref =
                |i: usize| Ref::new(first_page + 1 + 2 * i32::try_from(i).unwrap_or(0));
            pdf.catalog(catalog).pages(tree);
            pdf.pages(tree)
                .kids((0..n).map(page_ref))
                .count(i32::try_from(n).unwrap_or(i32::MAX));
            for (font, name) in [(regular, "Helvetica"), (bold, "Helvetica-Bold")] {
                pdf.type1_font(font)
                    .base_font(Name(name.as_bytes()))
                    .encoding_predefined(Name(b"WinAnsiEncoding"));
            }
            pdf.document_info(info)
                .title(TextStr(title))
                .producer(TextStr("Parley"));
            for (i, mut content) in self.done.into_iter().enumerate() {
                let f = footer(i + 1, n);
                let w = width(&f, Font::Regular, 8.0);
                content
                    .begin_text()
                    .set_font(Font::Regular.name(), 8.0)
                    .next_line(RIGHT - w, 36.0)
                    .show(Str(&winansi(&f)))
                    .end_text();
                let mut page = pdf.page(page_ref(i));
                page.media_box(Rect::new(0.0, 0.0, WIDTH, HEIGHT));
                page.parent(tree);
                page.contents(content_ref(i));
                let mut res = page.resources();
                res.fonts()
                    .pair(Font::Regular.name(), regular)
                    .pair(Font::Bold.name(), bold);
                res.finish();
                page.finish();
                pdf.stream(content_ref(i), &content.finish());
            }
            pdf.finish()
        }
    }

    /// Text width in points. Digits and the punctuation of numbers are exact Helvetica widths;
    /// letters are estimated on the wide side, which is enough for alignment and clipping.
    pub fn width(s: &str, font: Font, size: f32) -> f32 {
        let units: u32 = s
            .chars()
            .map(|c| match c {
                '0'..='9' | '#' | '$' | '€' => 556,
                ' ' | '.' | ',' | ':' | ';' | '!' | 'i' | 'j' | 'l' | '\'' => 278,
                '-' | '(' | ')' | 'f' | 't' | 'r' => 333,
                '%' => 889,
                'm' | 'w' => 833,
                'M' | 'W' => 944,
                c if c.is_uppercase() => 722,
                _ => 556,
            })
            .sum();
        let bold = if matches!(font, Font::Bold) {
            1.05
        } else {
            1.0
        };
        #[allow(clippy::cast_precision_loss)] // small sums
        let units = units as f32;
        units * size / 1000.0 * bold
    }

    /// `s` shortened with "..." to fit `max` points.
    pub fn clip(s: &str, font: Font, size: f32, max: f32) -> String {
        if width(s, font, size) <= max {
            return s.to_string();
        }
        let mut out: String = s.to_string();
        while !out.is_empty() && width(&format!("{out}..."), font, size) > max {
            out.pop();
        }
        format!("{}...", out.trim_end())
    }

    /// Greedy word wrap to `max` points per line; newlines in `s` are kept.
    pub fn wrap(s: &str, font: Font, size: f32, max: f32) -> Vec<String> {
        let mut lines = vec![];
        for para in s.lines() {
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if width(&candidate, font, size) <= max || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_string();
                }
                if width(&line, font, size) > max {
                    line = clip(&line, font, size, max);
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Windows-1252 bytes for the PDF's WinAnsiEncoding; what it cannot show becomes `?`.
    pub fn winansi(s: &str) -> Vec<u8> {
        s.chars()
            .map(|c| match c {
                ' '..='~' => c as u8,
                '\u{a0}'..='\u{ff}' => u8::try_from(u32::from(c)).unwrap_or(b'?'),
                '\t' | '\n' | '\r' => b' ',
                '€' => 0x80,
                '‚' => 0x82,
                '„' => 0x84,
                '…' => 0x85,
                '‰' => 0x89,
                'Š' => 0x8A,
                '‹' => 0x8B,
                'Œ' => 0x8C,
                'Ž' => 0x8E,
                '‘' => 0x91,
                '’' => 0x92,
                '“' => 0x93,
                '”' => 0x94,
                '•' => 0x95,
                '–' => 0x96,
                '—' => 0x97,
                '™' => 0x99,
                'š' => 0x9A,
                '›' => 0x9B,
                'œ' => 0x9C,
                'ž' => 0x9E,
                'Ÿ' => 0x9F,
                _ => b'?',
            })
            .collect()
    }
}

/// Column right edges (the product column is left-aligned at `PRODUCT_X`).
const NUM_X: f32 = pdf::LEFT + 4.0;
const PRODUCT_X: f32 = pdf::LEFT + 24.0;
const PRODUCT_MAX: f32 = 180.0;
const COL_RIGHT: [f32; 5] = [300.0, 370.0, 430.0, 475.0, pdf::RIGHT - 4.0];

fn render(v: &DocView) -> Vec<u8> {
    use pdf::Font::{Bold, Regular};
    let mut p = pdf::Pages::new();
    // The company on the right of the title, the document's title on the left.
    let mut yc = p.y + 6.0;
    if !v.company.is_empty() {
        p.text_right(
            pdf::RIGHT,
            yc,
            Bold,
            11.0,
            &pdf::clip(&v.company, Bold, 11.0, 240.0),
        );
        yc -= 13.0;
    }
    for line in &v.company_lines {
        p.text_right(
            pdf::RIGHT,
            yc,
            Regular,
            8.5,
            &pdf::clip(line, Regular, 8.5, 240.0),
        );
        yc -= 11.0;
    }
    p.text(pdf::LEFT, p.y, Bold, 22.0, &v.title);
    let mut y = (p.y - 24.0).min(yc - 8.0);
    for line in pdf::wrap(&v.subject, Bold, 13.0, pdf::RIGHT - pdf::LEFT) {
        p.text(pdf::LEFT, y, Bold, 13.0, &line);
        y -= 17.0;
    }
    // Meta (number, dates) on the right, parties (contact, account) on the left.
    let block_top = y - 8.0;
    let mut yl = block_top;
    for (label, value) in &v.parties {
        p.text(pdf::LEFT, yl, Bold, 9.0, label);
        p.text(
            pdf::LEFT + 90.0,
            yl,
            Regular,
            9.0,
            &pdf::clip(value, Regular, 9.0, 170.0),
        );
        yl -= 13.0;
    }
    let mut yr = block_top;
    for (label, value) in &v.meta {
        p.text(330.0, yr, Bold, 9.0, label);
        p.text(
            415.0,
            yr,
            Regular,
            9.0,
            &pdf::clip(value, Regular, 9.0, 130.0),
        );
        yr -= 13.0;
    }
    p.y = yl.min(yr) - 18.0;

    let header = |p: &mut pdf::Pages| {
        p.band(p.y - 5.0, 18.0, 0.9);
        p.text(NUM_X, p.y, Bold, 9.0, &v.headers[0]);
        p.text(PRODUCT_X, p.y, Bold, 9.0, &v.headers[1]);
        for (h, right) in v.headers[2..].iter().zip(COL_RIGHT) {
            p.text_right(right, p.y, Bold, 9.0, h);
        }
        p.y -= 20.0;
    };
    header(&mut p);
    if v.rows.is_empty() {
        p.text(PRODUCT_X, p.y, Regular, 9.0, &v.no_lines);
        p.y -= 16.0;
    }
    for (i, row) in v.rows.iter().enumerate() {
        if p.ensure(16.0) {
            header(&mut p);
        }
        p.text(NUM_X, p.y, Regular, 9.0, &(i + 1).to_string());
        p.text(
            PRODUCT_X,
            p.y,
            Regular,
            9.0,
            &pdf::clip(&row[0], Regular, 9.0, PRODUCT_MAX),
        );
        for (cell, right) in row[1..].iter().zip(COL_RIGHT) {
            p.text_right(right, p.y, Regular, 9.0, cell);
        }
        p.rule(p.y - 5.0, 0.85, 0.5);
        p.y -= 16.0;
    }

    p.ensure(16.0 * v.totals.len() as f32 + 10.0);
    p.y -= 6.0;
    for (i, (label, value)) in v.totals.iter().enumerate() {
        let last = i + 1 == v.totals.len();
        let font = if last { Bold } else { Regular };
        if last {
            p.rule(p.y + 11.0, 0.3, 0.8);
        }
        p.text_right(COL_RIGHT[3], p.y, font, 10.0, label);
        p.text_right(COL_RIGHT[4], p.y, font, 10.0, value);
        p.y -= 16.0;
    }

    if let Some((label, text)) = &v.terms {
        p.y -= 14.0;
        p.ensure(30.0);
        p.text(pdf::LEFT, p.y, Bold, 9.0, label);
        p.y -= 13.0;
        for line in pdf::wrap(text, Regular, 9.0, pdf::RIGHT - pdf::LEFT) {
            p.ensure(12.0);
            p.text(pdf::LEFT, p.y, Regular, 9.0, &line);
            p.y -= 12.0;
        }
    }
    let title = format!("{} {}", v.title, v.subject);
    p.finish(&title, |i, n| format!("{} {i} / {n}", v.page))
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

    #[test]
    fn renders_many_pages() {
        let v = DocView {
            company: "Muster GmbH".into(),
            company_lines: vec!["Hauptstr. 1".into(), "10115 Berlin".into()],
            title: "Quote".into(),
            subject: "Big order für Müller".into(),
            meta: vec![("Number".into(), "X".into())],
            parties: vec![("Contact".into(), "Anna".into())],
            headers: [
                "#",
                "Product",
                "Qty",
                "Unit price",
                "Discount",
                "Tax",
                "Amount",
            ]
            .map(String::from),
            rows: (0..120)
                .map(|i| {
                    [
                        format!("Product {i} with a rather long name that gets clipped"),
                        "1".into(),
                        "1.00".into(),
                        String::new(),
                        "19%".into(),
                        "1.00".into(),
                    ]
                })
                .collect(),
            no_lines: String::new(),
            totals: vec![("Grand Total".into(), "120.00".into())],
            terms: Some(("Terms".into(), "word ".repeat(400))),
            page: "Page".into(),
        };
        let pdf = render(&v);
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.contains("/Count 4") || text.contains("/Count 3"),
            "pages"
        );
        assert!(text.contains("(Page 1 / "));
    }
}

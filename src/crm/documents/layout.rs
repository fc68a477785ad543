//! How a document looks: its text already in the viewer's language (`DocView`), numbers and
//! dates as the language writes them, and the A4 layout drawn with the page writer in `pdf`.

use super::pdf;
use crate::crm::line_items::{self, Line};

pub(super) fn line_cells(l: &Line, de: bool) -> [String; 6] {
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
pub(super) fn date_text(iso: &str, de: bool) -> String {
    match (de, chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")) {
        (true, Ok(d)) => d.format("%d.%m.%Y").to_string(),
        _ => iso.to_string(),
    }
}

/// Everything a document shows, already as text.
pub(super) struct DocView {
    /// The company's name, and its address and contact lines (the header).
    pub(super) company: String,
    pub(super) company_lines: Vec<String>,
    pub(super) title: String,
    pub(super) subject: String,
    pub(super) meta: Vec<(String, String)>,
    pub(super) parties: Vec<(String, String)>,
    pub(super) headers: [String; 7],
    /// product, quantity, unit price, discount, tax, amount
    pub(super) rows: Vec<[String; 6]>,
    pub(super) no_lines: String,
    pub(super) totals: Vec<(String, String)>,
    pub(super) terms: Option<(String, String)>,
    pub(super) page: String,
}

const NUM_X: f32 = pdf::LEFT + 4.0;
const PRODUCT_X: f32 = pdf::LEFT + 24.0;
const PRODUCT_MAX: f32 = 180.0;
const COL_RIGHT: [f32; 5] = [300.0, 370.0, 430.0, 475.0, pdf::RIGHT - 4.0];

pub(super) fn render(v: &DocView) -> Vec<u8> {
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

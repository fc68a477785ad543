//! Line items of quotes, sales orders, purchase orders and invoices, and the totals derived from
//! them. Everything is integer arithmetic on minor units (cents).
//!
//! An item is `{product, quantity, unitPrice?, discount?, taxPercent?}`:
//! - `product`: a Products record id; its name is copied into `productName` when stored.
//! - `quantity`: > 0, at most 3 decimal places (`1.5` hours).
//! - `unitPrice`: minor units, >= 0; when left out, the product's `Unit_Price`.
//! - `discount`: minor units off the line, 0 ..= quantity × unit price (default 0).
//! - `taxPercent`: 0 ..= 100, at most 2 decimal places (default 0).
//!
//! Per line, rounding half away from zero to whole minor units:
//! `amount = round(quantity × unitPrice)`, `netAmount = amount − discount`,
//! `taxAmount = round(netAmount × taxPercent / 100)`, `total = netAmount + taxAmount`.
//! The record's `Sub_Total` is the sum of `netAmount`, `Tax` the sum of `taxAmount` and
//! `Grand_Total = Sub_Total + Tax` (so lines always add up to the totals shown).
//!
//! While a record has line items, its three totals are computed here and values sent for them
//! are replaced; a record without line items keeps totals entered by hand, and removing all line
//! items clears the computed totals.

use std::borrow::Cow;

use redb::{ReadableTable, WriteTransaction};
use serde_json::{Map, Value};

use super::model::{FieldDef, FieldType, ModuleDef, RecordRow};
use crate::error::{Error, Result};
use crate::store::tables::RECORDS;

pub const MAX_ITEMS: usize = 200;
const TOTALS: [&str; 3] = ["Sub_Total", "Tax", "Grand_Total"];
/// Keys a client may send back unchanged after reading a record; recomputed on every write.
const COMPUTED: [&str; 5] = ["productName", "amount", "netAmount", "taxAmount", "total"];

/// One line as stored, with everything computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub product: String,
    pub product_name: String,
    /// Thousandths of a unit.
    pub quantity_milli: i64,
    pub unit_price: i64,
    pub discount: i64,
    /// Hundredths of a percent (basis points): 19 % is 1900.
    pub tax_bp: i64,
    pub amount: i64,
    pub net_amount: i64,
    pub tax_amount: i64,
    pub total: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub sub_total: i64,
    pub tax: i64,
    pub grand_total: i64,
}

/// Checks the shape of a `Line_Items` value from a client; an empty list clears the field.
pub fn clean(field: &FieldDef, value: &Value) -> Result<Value> {
    let name = field.api_name.as_str();
    let Value::Array(items) = value else {
        return Err(Error::validation(
            name,
            format!("{}: expected a list", field.label),
        ));
    };
    if items.is_empty() {
        return Ok(Value::Null);
    }
    if items.len() > MAX_ITEMS {
        return Err(Error::validation(
            name,
            format!("{}: at most {MAX_ITEMS} line items", field.label),
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let bad =
            |why: String| Error::validation(name, format!("{} {}: {why}", field.label, i + 1));
        let Value::Object(obj) = item else {
            return Err(bad("expected an object".into()));
        };
        if let Some(k) = obj.keys().find(|k| {
            !["product", "quantity", "unitPrice", "discount", "taxPercent"].contains(&k.as_str())
                && !COMPUTED.contains(&k.as_str())
        }) {
            return Err(bad(format!("unknown key '{k}'")));
        }
        let product = obj
            .get("product")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty() && s.len() <= 64)
            .ok_or_else(|| bad("product must be a Products record id".into()))?;
        let quantity = obj
            .get("quantity")
            .ok_or_else(|| bad("quantity is required".into()))
            .and_then(|q| {
                decimal(q, 3)
                    .filter(|q| *q > 0 && *q <= 1_000_000_000_000)
                    .ok_or_else(|| {
                        bad("quantity must be a positive number with at most 3 decimals".into())
                    })
            })?;
        let mut clean = Map::new();
        clean.insert("product".into(), Value::from(product));
        clean.insert("quantity".into(), milli_value(quantity));
        if let Some(p) = obj.get("unitPrice").filter(|v| !v.is_null()) {
            let p = minor_units(p)
                .filter(|p| (0..=MAX_MINOR).contains(p))
                .ok_or_else(|| bad("unitPrice must be whole minor units (cents), >= 0".into()))?;
            clean.insert("unitPrice".into(), Value::from(p));
        }
        let discount = match obj.get("discount").filter(|v| !v.is_null()) {
            Some(d) => minor_units(d)
                .filter(|d| (0..=MAX_MINOR).contains(d))
                .ok_or_else(|| bad("discount must be whole minor units (cents), >= 0".into()))?,
            None => 0,
        };
        clean.insert("discount".into(), Value::from(discount));
        let tax = match obj.get("taxPercent").filter(|v| !v.is_null()) {
            Some(t) => decimal(t, 2)
                .filter(|t| (0..=10_000).contains(t))
                .ok_or_else(|| bad("taxPercent must be 0 to 100 with at most 2 decimals".into()))?,
            None => 0,
        };
        clean.insert("taxPercent".into(), bp_value(tax));
        out.push(Value::Object(clean));
    }
    Ok(Value::Array(out))
}

/// Largest money amount accepted in one place: 10^13 minor units, so sums cannot overflow.
const MAX_MINOR: i64 = 10_000_000_000_000;

/// Fills in product names and default prices, computes every line and the record's totals.
/// Runs inside the write transaction, so a product deleted meanwhile is noticed.
pub fn apply<'a>(
    txn: &WriteTransaction,
    def: &ModuleDef,
    old: Option<&RecordRow>,
    row: &'a RecordRow,
    access: &super::records::Access,
) -> Result<Cow<'a, RecordRow>> {
    let Some(field) = def
        .fields
        .iter()
        .find(|f| f.field_type == FieldType::LineItems)
    else {
        return Ok(Cow::Borrowed(row));
    };
    let name = field.api_name.as_str();
    let items = row.values.get(name).and_then(Value::as_array);
    let Some(items) = items.filter(|a| !a.is_empty()) else {
        let had = old
            .and_then(|o| o.values.get(name))
            .and_then(Value::as_array)
            .is_some_and(|a| !a.is_empty());
        if !had {
            return Ok(Cow::Borrowed(row));
        }
        let mut row = row.clone();
        for t in TOTALS {
            row.values.remove(t);
        }
        return Ok(Cow::Owned(row));
    };
    let unchanged = old.and_then(|o| o.values.get(name)) == row.values.get(name);
    let records = txn.open_table(RECORDS)?;
    let mut lines = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let bad =
            |why: String| Error::validation(name, format!("{} {}: {why}", field.label, i + 1));
        let product = item
            .get("product")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let stored_name = item.get("productName").and_then(Value::as_str);
        let stored_price = item.get("unitPrice").and_then(Value::as_i64);
        // Lines stored before keep their product name and price even if the product is gone.
        let (product_name, unit_price) = match (unchanged, stored_name, stored_price) {
            (true, Some(n), Some(p)) => (n.to_string(), p),
            _ => {
                let p = records
                    .get(("Products", product.as_str()))?
                    .map(|v| v.value())
                    .transpose()?
                    .filter(|p| access.sees(&p.owner_id))
                    .ok_or_else(|| bad(format!("no Products record {product}")))?;
                let price = match stored_price {
                    Some(p) => p,
                    None => p
                        .values
                        .get("Unit_Price")
                        .and_then(Value::as_i64)
                        .ok_or_else(|| {
                            bad("unitPrice is required (the product has no unit price)".into())
                        })?,
                };
                (p.display_name(), price)
            }
        };
        let quantity_milli = item
            .get("quantity")
            .and_then(|q| decimal(q, 3))
            .unwrap_or(0);
        let discount = item.get("discount").and_then(Value::as_i64).unwrap_or(0);
        let tax_bp = item
            .get("taxPercent")
            .and_then(|t| decimal(t, 2))
            .unwrap_or(0);
        let line = compute(
            product,
            product_name,
            quantity_milli,
            unit_price,
            discount,
            tax_bp,
        )
        .map_err(bad)?;
        lines.push(line);
    }
    let totals = totals(&lines).ok_or_else(|| Error::validation(name, "totals are too large"))?;
    let mut row = row.clone();
    row.values.insert(
        name.to_string(),
        Value::Array(lines.iter().map(line_value).collect()),
    );
    let has = |f: &str| def.field(f).is_some();
    for (f, v) in TOTALS
        .iter()
        .zip([totals.sub_total, totals.tax, totals.grand_total])
    {
        if has(f) {
            row.values.insert((*f).to_string(), Value::from(v));
        }
    }
    Ok(Cow::Owned(row))
}

/// One line's amounts; the error says what is wrong with it.
pub fn compute(
    product: String,
    product_name: String,
    quantity_milli: i64,
    unit_price: i64,
    discount: i64,
    tax_bp: i64,
) -> std::result::Result<Line, String> {
    let amount = div_round(i128::from(quantity_milli) * i128::from(unit_price), 1000)
        .ok_or("the line amount is too large")?;
    if discount > amount {
        return Err(format!(
            "discount {discount} is more than the line amount {amount}"
        ));
    }
    let net_amount = amount - discount;
    let tax_amount = div_round(i128::from(net_amount) * i128::from(tax_bp), 10_000)
        .ok_or("the tax is too large")?;
    Ok(Line {
        product,
        product_name,
        quantity_milli,
        unit_price,
        discount,
        tax_bp,
        amount,
        net_amount,
        tax_amount,
        total: net_amount + tax_amount,
    })
}

pub fn totals(lines: &[Line]) -> Option<Totals> {
    let mut t = Totals::default();
    for l in lines {
        t.sub_total = t.sub_total.checked_add(l.net_amount)?;
        t.tax = t.tax.checked_add(l.tax_amount)?;
    }
    t.grand_total = t.sub_total.checked_add(t.tax)?;
    Some(t)
}

/// The stored lines of a record (as written by [`apply`]), for documents.
pub fn stored_lines(row: &RecordRow) -> Vec<Line> {
    let Some(items) = row.values.get("Line_Items").and_then(Value::as_array) else {
        return vec![];
    };
    items
        .iter()
        .map(|v| {
            let i = |k: &str| v.get(k).and_then(Value::as_i64).unwrap_or(0);
            let s = |k: &str| {
                v.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            Line {
                product: s("product"),
                product_name: s("productName"),
                quantity_milli: v.get("quantity").and_then(|q| decimal(q, 3)).unwrap_or(0),
                unit_price: i("unitPrice"),
                discount: i("discount"),
                tax_bp: v.get("taxPercent").and_then(|t| decimal(t, 2)).unwrap_or(0),
                amount: i("amount"),
                net_amount: i("netAmount"),
                tax_amount: i("taxAmount"),
                total: i("total"),
            }
        })
        .collect()
}

fn line_value(l: &Line) -> Value {
    let mut m = Map::new();
    m.insert("product".into(), Value::from(l.product.clone()));
    m.insert("productName".into(), Value::from(l.product_name.clone()));
    m.insert("quantity".into(), milli_value(l.quantity_milli));
    m.insert("unitPrice".into(), Value::from(l.unit_price));
    m.insert("discount".into(), Value::from(l.discount));
    m.insert("taxPercent".into(), bp_value(l.tax_bp));
    m.insert("amount".into(), Value::from(l.amount));
    m.insert("netAmount".into(), Value::from(l.net_amount));
    m.insert("taxAmount".into(), Value::from(l.tax_amount));
    m.insert("total".into(), Value::from(l.total));
    Value::Object(m)
}

/// `n / d` rounded half away from zero, if it fits an i64 (`d` > 0).
fn div_round(n: i128, d: i128) -> Option<i64> {
    let q = n / d;
    let r = n % d;
    let q = if 2 * r.abs() >= d { q + n.signum() } else { q };
    i64::try_from(q).ok()
}

/// A JSON number or numeric string with at most `places` decimals, scaled by 10^places.
pub fn decimal(v: &Value, places: u32) -> Option<i64> {
    let s = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty()
        || int.len() > 15
        || frac.len() > places as usize
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let scale = 10i64.pow(places);
    let mut frac_val: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    frac_val *= 10i64.pow(places - frac.len() as u32);
    let v = int
        .parse::<i64>()
        .ok()?
        .checked_mul(scale)?
        .checked_add(frac_val)?;
    Some(if neg { -v } else { v })
}

fn minor_units(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn scaled_value(v: i64, scale: i64) -> Value {
    if v % scale == 0 {
        Value::from(v / scale)
    } else {
        // Close enough for display: at most 3 decimals and far below 2^53; computations use
        // the scaled integer, read back with `decimal`.
        Value::from(v as f64 / scale as f64)
    }
}

fn milli_value(v: i64) -> Value {
    scaled_value(v, 1000)
}

fn bp_value(v: i64) -> Value {
    scaled_value(v, 100)
}

/// `1234.5` style text of a scaled decimal, without trailing zeros.
pub fn scaled_text(v: i64, places: u32) -> String {
    let scale = 10i64.pow(places);
    let sign = if v < 0 { "-" } else { "" };
    let (i, f) = (v.abs() / scale, v.abs() % scale);
    if f == 0 {
        return format!("{sign}{i}");
    }
    let frac = format!("{f:0width$}", width = places as usize);
    format!("{sign}{i}.{}", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rounds_half_away_from_zero_per_line() {
        // 3 × 3.33 = 9.99; 19 % of 9.99 = 1.8981 → 1.90
        let l = compute("p".into(), "P".into(), 3000, 333, 0, 1900).unwrap();
        assert_eq!((l.amount, l.tax_amount, l.total), (999, 190, 1189));
        // 1.5 × 0.05 = 0.075 → 0.08; 0.5 × 0.01 = 0.005 → 0.01
        assert_eq!(
            compute("p".into(), "".into(), 1500, 5, 0, 0)
                .unwrap()
                .amount,
            8
        );
        assert_eq!(
            compute("p".into(), "".into(), 500, 1, 0, 0).unwrap().amount,
            1
        );
        assert!(compute("p".into(), "".into(), 1000, 100, 101, 0).is_err());
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(decimal(&json!(1.5), 3), Some(1500));
        assert_eq!(decimal(&json!("0.001"), 3), Some(1));
        assert_eq!(decimal(&json!(0.0001), 3), None);
        assert_eq!(decimal(&json!(19), 2), Some(1900));
        assert_eq!(decimal(&json!(8.25), 2), Some(825));
        assert_eq!(decimal(&json!("abc"), 2), None);
        assert_eq!(scaled_text(1500, 3), "1.5");
        assert_eq!(scaled_text(825, 2), "8.25");
        assert_eq!(scaled_text(2000, 3), "2");
    }
}

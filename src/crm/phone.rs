//! Phone numbers are normalised to E.164 once, at the edge; the rest of Parley compares strings.

use phonenumber::country::Id;

use crate::error::{Error, Result};

/// Parses `input` (national numbers in `default_country`) into E.164, e.g. `+4915123456789`.
pub fn to_e164(input: &str, default_country: Id, field: &str) -> Result<String> {
    let bad = || {
        Error::validation(
            field,
            crate::i18n::Text::new(
                format!("'{input}' is not a valid phone number"),
                format!("„{input}“ ist keine gültige Telefonnummer"),
            ),
        )
    };
    let trimmed = input.trim();
    if trimmed.is_empty() || trimmed.chars().any(|c| c.is_alphabetic()) || trimmed.len() > 40 {
        return Err(bad());
    }
    let parsed = phonenumber::parse(Some(default_country), trimmed).map_err(|_| bad())?;
    if !phonenumber::is_valid(&parsed) {
        return Err(bad());
    }
    Ok(parsed.format().mode(phonenumber::Mode::E164).to_string())
}

/// A WhatsApp `wa_id` (digits, no `+`) in E.164, if it is a plausible number.
pub fn wa_id_to_e164(wa_id: &str) -> Option<String> {
    let digits: String = wa_id.chars().filter(char::is_ascii_digit).collect();
    let parsed = phonenumber::parse(None, format!("+{digits}")).ok()?;
    Some(parsed.format().mode(phonenumber::Mode::E164).to_string())
}

/// E.164 without the `+`, as WhatsApp wants it.
pub fn e164_to_wa_id(e164: &str) -> String {
    e164.trim_start_matches('+').to_string()
}

pub fn parse_country(code: &str) -> Option<Id> {
    code.trim().to_uppercase().parse().ok()
}

//! The language the server answers in (README, Decisions: "Server texts in the user's
//! language"). A request runs in one language: the signed-in user's setting, else the
//! browser's `Accept-Language`; errors, PDFs, CSV exports and notifications are written in it.
//! Texts with parameters are built in both languages where they arise ([`Text`]); fixed English
//! sentences are translated through one table ([`german`]), like gettext's message ids.

use std::fmt;

mod german;

/// A language the server writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    /// `de`, `de-DE`, `de-AT;q=0.9, en` → German when German comes first.
    pub fn from_accept_language(header: &str) -> Lang {
        let first = header.split(',').next().unwrap_or_default().trim();
        if first.to_ascii_lowercase().starts_with("de") {
            Lang::De
        } else {
            Lang::En
        }
    }
}

tokio::task_local! {
    static LANG: Lang;
}

/// Runs `f` with `lang` as the language of what it answers.
pub async fn scope<F: Future>(lang: Lang, f: F) -> F::Output {
    LANG.scope(lang, f).await
}

/// The language of the request being answered (English outside one).
pub fn current() -> Lang {
    LANG.try_with(|l| *l).unwrap_or_default()
}

/// A text in English and, where one was written, German.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub de: Option<String>,
}

impl Text {
    pub fn new(en: impl Into<String>, de: impl Into<String>) -> Self {
        Self {
            en: en.into(),
            de: Some(de.into()),
        }
    }

    /// The text in `lang`: German as written, else from the table, else English.
    pub fn in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en.clone(),
            Lang::De => self
                .de
                .clone()
                .unwrap_or_else(|| localize(&self.en, Lang::De)),
        }
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en)
    }
}

impl From<String> for Text {
    fn from(en: String) -> Self {
        Self { en, de: None }
    }
}

impl From<&str> for Text {
    fn from(en: &str) -> Self {
        Self {
            en: en.to_string(),
            de: None,
        }
    }
}

/// `en` in `lang`, through the table of fixed sentences.
pub fn localize(en: &str, lang: Lang) -> String {
    match lang {
        Lang::De => german(en)
            .or_else(|| german::sentence(en))
            .map(str::to_string)
            .or_else(|| german::pattern(en))
            .unwrap_or_else(|| en.to_string()),
        Lang::En => en.to_string(),
    }
}

/// The German of a fixed English server sentence (errors and reasons without parameters).
pub fn german(en: &str) -> Option<&'static str> {
    Some(match en {
        "sign in first" => "Bitte zuerst anmelden",
        "record not found" => "Datensatz nicht gefunden",
        "not found" => "Nicht gefunden",
        "the 24-hour reply window is closed" => "Das 24-Stunden-Antwortfenster ist geschlossen",
        "administrators only" => "Nur für Administratoren",
        "the file is empty" => "Die Datei ist leer",
        "import and export are available for Leads and Contacts" => {
            "Import und Export gibt es für Leads und Kontakte"
        }
        "documents are made from quotes, sales orders, purchase orders and invoices" => {
            "Dokumente entstehen aus Angeboten, Aufträgen, Bestellungen und Rechnungen"
        }
        "no such user, or not one you may assign records to" => {
            "Diesen Benutzer gibt es nicht, oder Sie dürfen ihm keine Datensätze zuweisen"
        }
        "values must be an object keyed by field API name" => {
            "Die Werte müssen ein Objekt sein, nach API-Namen der Felder geordnet"
        }
        // Nouns of `NOT_FOUND` ("record not found" → "Datensatz nicht gefunden").
        "record" => "Datensatz",
        "message" => "Nachricht",
        "conversation" => "Unterhaltung",
        "user" => "Benutzer",
        "template" => "Vorlage",
        "predefined text" => "Textbaustein",
        "file" => "Datei",
        "activity" => "Aktivität",
        "group" => "Gruppe",
        "role" => "Rolle",
        "view" => "Ansicht",
        "broadcast" => "Rundsendung",
        "payment" => "Zahlung",
        "document" => "Dokument",
        "profile" => "Profil",
        "upload (it may have expired)" => "Hochgeladene Datei (vielleicht abgelaufen)",
        "webhook subscription" => "Webhook-Abonnement",
        "internal error" => "Interner Fehler",
        "wrong email or password" => "E-Mail oder Passwort falsch",
        "passwords need at least 10 characters" => "Passwörter brauchen mindestens 10 Zeichen",
        "the number is not verified yet: verify it in Meta's WhatsApp Manager" => {
            "Die Nummer ist noch nicht verifiziert: Verifizieren Sie sie im WhatsApp Manager von Meta"
        }
        "already linked to another profile" => "Bereits mit einem anderen Profil verbunden",
        "in use by another WhatsApp product; migrating numbers in use is not supported" => {
            "Von einem anderen WhatsApp-Produkt verwendet; verwendete Nummern können nicht übernommen werden"
        }
        "the account has no such number" => "Das Konto hat keine solche Nummer",
        "unknown senders become Leads or Contacts" => {
            "Unbekannte Absender werden Leads oder Kontakte"
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language() {
        assert_eq!(Lang::from_accept_language("de-DE,de;q=0.9,en"), Lang::De);
        assert_eq!(Lang::from_accept_language("en-US,de;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
    }

    #[test]
    fn texts() {
        let t = Text::new("Last Name is required", "Nachname ist ein Pflichtfeld");
        assert_eq!(t.in_lang(Lang::De), "Nachname ist ein Pflichtfeld");
        assert_eq!(
            Text::from("sign in first").in_lang(Lang::De),
            "Bitte zuerst anmelden"
        );
        assert_eq!(Text::from("other").in_lang(Lang::De), "other");
    }
}

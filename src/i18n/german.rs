//! The German of the server's fixed sentences beyond the first table in `i18n.rs`, and of the
//! sentences with parameters that services build with `format!` ([`pattern`]): errors
//! (conflicts, refusals, validation), eligibility reasons, hints. A sentence missing here is
//! answered in English; `tests::every_product_message_has_german` lists what must be here.

/// A fixed English sentence in German.
pub fn sentence(en: &str) -> Option<&'static str> {
    Some(match en {
        // Nouns of `NOT_FOUND`.
        "API token" => "API-Token",
        "WhatsApp profile" => "WhatsApp-Profil",
        "module" => "Modul",
        "field" => "Feld",
        "upload" => "Hochgeladene Datei",
        // Templates.
        "A TEXT HEADER can have at most one parameter." => {
            "Ein Text-Kopf darf höchstens einen Parameter haben."
        }
        "A TEXT HEADER needs a text." => "Ein Text-Kopf braucht einen Text.",
        "A template can have 1 to 10 buttons." => "Eine Vorlage kann 1 bis 10 Schaltflächen haben.",
        "An APPROVED template can be edited once per 24 hours and 10 times per 30 days." => {
            "Eine genehmigte Vorlage kann einmal in 24 Stunden und zehnmal in 30 Tagen bearbeitet werden."
        }
        "DISABLED templates can't be deleted." => {
            "Deaktivierte Vorlagen können nicht gelöscht werden."
        }
        "The category of an APPROVED template can't be changed." => {
            "Die Kategorie einer genehmigten Vorlage kann nicht geändert werden."
        }
        "a header is either text or a file, not both" => {
            "Ein Kopf ist entweder Text oder eine Datei, nicht beides"
        }
        "an IMAGE or DOCUMENT header needs its file (headerUploadId), and only those" => {
            "Nur ein Bild- oder Dokument-Kopf braucht seine Datei (headerUploadId)"
        }
        "an image header takes a JPEG or PNG, a document header a PDF" => {
            "Ein Bild-Kopf nimmt JPEG oder PNG, ein Dokument-Kopf ein PDF"
        }
        "a locale such as en, en_US or de" => "Eine Sprache wie en, en_US oder de",
        "the body needs 1 to 1,024 characters" => "Der Text braucht 1 bis 1.024 Zeichen",
        "up to 10 buttons, each with 1 to 25 characters" => {
            "Bis zu 10 Schaltflächen mit je 1 bis 25 Zeichen"
        }
        "use lower-case letters, digits and underscores" => {
            "Verwenden Sie Kleinbuchstaben, Ziffern und Unterstriche"
        }
        "name, language and module cannot change" => {
            "Name, Sprache und Modul können nicht geändert werden"
        }
        "the template changed meanwhile; reload it and edit again" => {
            "Die Vorlage wurde inzwischen geändert; laden Sie sie neu und bearbeiten Sie sie erneut"
        }
        "the template is in review and cannot be edited" => {
            "Die Vorlage wird geprüft und kann nicht bearbeitet werden"
        }
        "no such template" => "Diese Vorlage gibt es nicht",
        "choose a template" => "Wählen Sie eine Vorlage",
        // Sending and conversations.
        "a reply needs 1 to 4,096 characters" => "Eine Antwort braucht 1 bis 4.096 Zeichen",
        "text must have 1 to 4,096 characters" => "Der Text muss 1 bis 4.096 Zeichen haben",
        "give either text or predefinedTextId" => {
            "Geben Sie entweder einen Text oder einen Textbaustein an"
        }
        "give exactly one of uploadId or documentId per attachment" => {
            "Geben Sie je Anhang genau eine hochgeladene Datei oder ein Dokument an"
        }
        "messages go only to Leads or Contacts, and this record links to neither" => {
            "Nachrichten gehen nur an Leads oder Kontakte, und dieser Datensatz ist mit keinem verbunden"
        }
        "no WhatsApp profile to send from" => "Kein WhatsApp-Profil, von dem gesendet werden kann",
        "no such message in this conversation" => {
            "Diese Nachricht gibt es in dieser Unterhaltung nicht"
        }
        "nothing to send" => "Nichts zu senden",
        "one emoji, or \"\" to remove" => "Ein Emoji, oder \"\" zum Entfernen",
        "the conversation has no record" => "Die Unterhaltung hat keinen Datensatz",
        "the message has not reached WhatsApp yet" => {
            "Die Nachricht hat WhatsApp noch nicht erreicht"
        }
        "the record has no mobile or phone number" => {
            "Der Datensatz hat keine Mobil- oder Telefonnummer"
        }
        "the recipient opted out of WhatsApp messages from us" => {
            "Der Empfänger hat WhatsApp-Nachrichten von uns abbestellt"
        }
        "the recipient opted out of marketing messages (their WhatsApp setting); utility templates may still go" => {
            "Der Empfänger hat Marketing-Nachrichten abbestellt (seine WhatsApp-Einstellung); Service-Vorlagen dürfen weiter gesendet werden"
        }
        "this document belongs to a record that is not related to the conversation's record" => {
            "Dieses Dokument gehört zu einem Datensatz, der nicht mit dem Datensatz der Unterhaltung verbunden ist"
        }
        "unsupported file type" => "Dateityp wird nicht unterstützt",
        "latitude and longitude are required" => "Breiten- und Längengrad sind erforderlich",
        "a past exchange opens with the customer's message" => {
            "Ein früherer Austausch beginnt mit der Nachricht des Kunden"
        }
        // WhatsApp setup.
        "another profile already uses this number" => {
            "Ein anderes Profil verwendet diese Nummer bereits"
        }
        "connect WhatsApp first" => "Verbinden Sie zuerst WhatsApp",
        "connect a WhatsApp Business account first" => {
            "Verbinden Sie zuerst ein WhatsApp-Business-Konto"
        }
        "nickname must have 1 to 60 characters" => "Der Anzeigename muss 1 bis 60 Zeichen haben",
        "the account no longer has this profile's number" => {
            "Das Konto hat die Nummer dieses Profils nicht mehr"
        }
        "the two-step verification PIN has 6 digits" => {
            "Die PIN der Bestätigung in zwei Schritten hat 6 Ziffern"
        }
        "not registered for the Cloud API yet: register it with its two-step verification PIN" => {
            "Noch nicht für die Cloud-API registriert: Registrieren Sie sie mit ihrer PIN der Bestätigung in zwei Schritten"
        }
        "a number with country code, e.g. 4915123456789" => {
            "Eine Nummer mit Ländervorwahl, z. B. 4915123456789"
        }
        "the simulated phone exists only in demo mode" => {
            "Das simulierte Telefon gibt es nur im Demo-Modus"
        }
        "the simulator exists only in demo mode" => "Den Simulator gibt es nur im Demo-Modus",
        "time travel is only available in the demo" => "Zeitreisen gibt es nur in der Demo",
        // Records, modules, fields.
        "a letter, then letters, digits or _ (at most 50)" => {
            "Ein Buchstabe, dann Buchstaben, Ziffern oder _ (höchstens 50)"
        }
        "a name has 1 to 100 characters" => "Ein Name hat 1 bis 100 Zeichen",
        "a name of 1 to 200 characters" => "Ein Name mit 1 bis 200 Zeichen",
        "name must have 1 to 100 characters" => "Der Name muss 1 bis 100 Zeichen haben",
        "name must have 1 to 120 characters" => "Der Name muss 1 bis 120 Zeichen haben",
        "at most 255 characters" => "Höchstens 255 Zeichen",
        "at most 32,000 characters" => "Höchstens 32.000 Zeichen",
        "at most 60 characters" => "Höchstens 60 Zeichen",
        "give a German label for each option, in the same order" => {
            "Geben Sie jeder Option eine deutsche Bezeichnung, in derselben Reihenfolge"
        }
        "options must be 1 to 100 characters" => "Optionen müssen 1 bis 100 Zeichen haben",
        "owner and line items fields cannot be added" => {
            "Felder für Besitzer und Positionen können nicht hinzugefügt werden"
        }
        "standard fields cannot be deleted" => "Standardfelder können nicht gelöscht werden",
        "no such module" => "Dieses Modul gibt es nicht",
        "choose a field of the module" => "Wählen Sie ein Feld des Moduls",
        "a three-letter currency code such as EUR" => "Ein dreistelliger Währungscode wie EUR",
        // Activities.
        "a meeting needs a start time" => "Ein Termin braucht eine Startzeit",
        "a subject is required" => "Ein Betreff ist erforderlich",
        "a task needs a subject" => "Eine Aufgabe braucht einen Betreff",
        "an end needs a start time" => "Ein Ende braucht eine Startzeit",
        "the end is before the start" => "Das Ende liegt vor dem Beginn",
        "task, meeting or call" => "Aufgabe, Termin oder Anruf",
        "no such user, or not one you may assign activities to" => {
            "Diesen Benutzer gibt es nicht, oder Sie dürfen ihm keine Aktivitäten zuweisen"
        }
        // Users, roles, groups, tokens, views.
        "group name must have 1 to 80 characters" => "Der Gruppenname muss 1 bis 80 Zeichen haben",
        "role name must have 1 to 80 characters" => "Der Rollenname muss 1 bis 80 Zeichen haben",
        "token name must have 1 to 80 characters" => "Der Token-Name muss 1 bis 80 Zeichen haben",
        "no such parent role" => "Diese übergeordnete Rolle gibt es nicht",
        "no such role" => "Diese Rolle gibt es nicht",
        "other roles report to this role" => "Andere Rollen sind dieser Rolle unterstellt",
        "users still hold this role" => "Benutzer haben diese Rolle noch",
        "the current password is wrong" => "Das aktuelle Passwort ist falsch",
        "you cannot remove your own administrator rights or deactivate yourself" => {
            "Sie können sich nicht selbst die Administratorrechte entziehen oder sich deaktivieren"
        }
        "only its owner may change a view" => "Nur ihr Besitzer darf eine Ansicht ändern",
        "only its owner may delete a view" => "Nur ihr Besitzer darf eine Ansicht löschen",
        "Invalid after cursor." => "Ungültiger Cursor (after).",
        "Invalid before cursor." => "Ungültiger Cursor (before).",
        // Automation.
        "a blueprint needs a picklist field" => "Ein Ablauf braucht ein Auswahlfeld",
        "a blueprint's module cannot change; make a new blueprint" => {
            "Das Modul eines Ablaufs kann nicht geändert werden; legen Sie einen neuen an"
        }
        "a journey needs at least one step" => "Eine Journey braucht mindestens einen Schritt",
        "a journey's module cannot change; make a new journey" => {
            "Das Modul einer Journey kann nicht geändert werden; legen Sie eine neue an"
        }
        "a rule needs at least one action" => "Eine Regel braucht mindestens eine Aktion",
        "a rule's module cannot change; make a new rule" => {
            "Das Modul einer Regel kann nicht geändert werden; legen Sie eine neue an"
        }
        "at most a year (525,600 minutes)" => "Höchstens ein Jahr (525.600 Minuten)",
        "from 1 to 525,600 (a year)" => "Von 1 bis 525.600 (ein Jahr)",
        "automation cannot change the owner or line items" => {
            "Automatisierung kann Besitzer und Positionen nicht ändern"
        }
        "CONTAINS needs a value" => "CONTAINS braucht einen Wert",
        "FIELD_UPDATED needs a field of the module" => "FIELD_UPDATED braucht ein Feld des Moduls",
        "name at least one state" => "Nennen Sie mindestens einen Zustand",
        "name at least one transition" => "Nennen Sie mindestens einen Übergang",
        "step keys must be non-empty and unique" => {
            "Schrittschlüssel müssen gefüllt und eindeutig sein"
        }
        "the action has no URL" => "Die Aktion hat keine URL",
        "the rule's author" => "Der Autor der Regel",
        // Webhooks.
        "an http or https URL is needed" => "Eine http- oder https-URL wird gebraucht",
        "an outgoing webhook needs a URL" => "Ein ausgehender Webhook braucht eine URL",
        "choose at least one event" => "Wählen Sie mindestens ein Ereignis",
        "credentials in the URL are not allowed" => "Zugangsdaten in der URL sind nicht erlaubt",
        "no host" => "Kein Host",
        // Credits.
        "a non-negative amount with at most 4 decimals" => {
            "Ein nicht negativer Betrag mit höchstens 4 Nachkommastellen"
        }
        "a non-zero amount with at most 4 decimals, e.g. \"-2.5\"" => {
            "Ein Betrag ungleich null mit höchstens 4 Nachkommastellen, z. B. \"-2.5\""
        }
        "a positive amount with at most 4 decimals (at most 100,000)" => {
            "Ein positiver Betrag mit höchstens 4 Nachkommastellen (höchstens 100.000)"
        }
        "a rate card is at most 1 MiB" => "Eine Preisliste ist höchstens 1 MiB groß",
        "a reference (1–200 characters, e.g. the invoice number) is required" => {
            "Eine Referenz (1–200 Zeichen, z. B. die Rechnungsnummer) ist erforderlich"
        }
        "connect and activate a WhatsApp number before buying credits" => {
            "Verbinden und aktivieren Sie eine WhatsApp-Nummer, bevor Sie Guthaben kaufen"
        }
        "no payment gateway is configured; an administrator records top-ups manually (recordTopUp)" => {
            "Kein Zahlungsanbieter eingerichtet; ein Administrator erfasst Aufladungen von Hand"
        }
        "say why (a note of 1–500 characters)" => {
            "Nennen Sie den Grund (eine Notiz mit 1–500 Zeichen)"
        }
        "declined" => "abgelehnt",
        // Broadcasts, uploads.
        "broadcasts go to Leads or Contacts" => "Rundsendungen gehen an Leads oder Kontakte",
        "every recipient is skipped (opted out, no number or repeated)" => {
            "Jeder Empfänger wird übersprungen (abbestellt, keine Nummer oder doppelt)"
        }
        "no recipients" => "Keine Empfänger",
        "send the file in the field `file`" => "Senden Sie die Datei im Feld `file`",
        "uploads from a browser need our own page (X-Requested-With)" => {
            "Hochladen aus einem Browser geht nur über unsere eigene Seite (X-Requested-With)"
        }
        "not base64" => "Kein Base64",
        // Smaller checks.
        "a keyword has at most 40 characters" => "Ein Schlüsselwort hat höchstens 40 Zeichen",
        "give 1 to 50 keywords" => "Geben Sie 1 bis 50 Schlüsselwörter an",
        "a label is required" => "Eine Bezeichnung ist erforderlich",
        "amount must be between 0 and 10000" => "Der Wert muss zwischen 0 und 10000 liegen",
        "minutes cannot be negative" => "Minuten können nicht negativ sein",
        "required" => "Erforderlich",
        "totals are too large" => "Die Summen sind zu groß",
        _ => return None,
    })
}

/// Sentences with parameters: the English with `{}` where a parameter stands, the German with
/// `{0}`, `{1}`… in the order the English has them.
const PATTERNS: &[(&str, &str)] = &[
    (
        "linked to the profile \"{}\"",
        "Mit dem Profil „{0}“ verbunden",
    ),
    ("no module {}", "Kein Modul {0}"),
    ("no user {}", "Kein Benutzer {0}"),
    ("no source {}", "Keine Quelle {0}"),
    (
        "'{}' is not an email address",
        "„{0}“ ist keine E-Mail-Adresse",
    ),
    (
        "a user with email {} exists",
        "Es gibt bereits einen Benutzer mit der E-Mail {0}",
    ),
    (
        "password must have at least {} characters",
        "Das Passwort muss mindestens {0} Zeichen haben",
    ),
    (
        "password must have at most {} characters",
        "Das Passwort darf höchstens {0} Zeichen haben",
    ),
    (
        "a password has at most {} characters",
        "Ein Passwort hat höchstens {0} Zeichen",
    ),
    (
        "an email address has at most {} characters",
        "Eine E-Mail-Adresse hat höchstens {0} Zeichen",
    ),
    (
        "{} already has a field labelled '{}'",
        "{0} hat bereits ein Feld mit der Bezeichnung „{1}“",
    ),
    ("{} already has a field {}", "{0} hat bereits ein Feld {1}"),
    ("'{}' is listed twice", "„{0}“ steht zweimal in der Liste"),
    (
        "a picklist needs 1 to {} options",
        "Eine Auswahlliste braucht 1 bis {0} Optionen",
    ),
    (
        "a module named {} or labelled '{}' exists",
        "Es gibt bereits ein Modul namens {0} oder mit der Bezeichnung „{1}“",
    ),
    (
        "a module named {} exists",
        "Es gibt bereits ein Modul namens {0}",
    ),
    (
        "at most {} rows at a time",
        "Höchstens {0} Zeilen auf einmal",
    ),
    ("header row: {}", "Kopfzeile: {0}"),
    ("{} has no field {}", "{0} hat kein Feld {1}"),
    ("{} needs a value", "{0} braucht einen Wert"),
    ("this template is for {}", "Diese Vorlage ist für {0}"),
    ("at most {} characters", "Höchstens {0} Zeichen"),
    (
        "step '{}' goes to '{}', which is not a step",
        "Schritt „{0}“ führt zu „{1}“, das kein Schritt ist",
    ),
    (
        "step '{}' needs an action",
        "Schritt „{0}“ braucht eine Aktion",
    ),
    (
        "step '{}' needs waitMinutes from 1 to 525,600",
        "Schritt „{0}“ braucht eine Wartezeit von 1 bis 525.600 Minuten",
    ),
    (
        "'{}' is not an option of {}",
        "„{0}“ ist keine Option von {1}",
    ),
    (
        "'{}' must go between the blueprint's states",
        "„{0}“ muss zwischen Zuständen des Ablaufs verlaufen",
    ),
    (
        "'{}' goes from '{}', and the record is in '{}'",
        "„{0}“ beginnt bei „{1}“, der Datensatz ist aber in „{2}“",
    ),
    (
        "the file is larger than {}, the most WhatsApp takes (documents)",
        "Die Datei ist größer als {0}, das Höchste, was WhatsApp annimmt (Dokumente)",
    ),
    (
        "unclosed merge field at character {}",
        "Nicht geschlossenes Seriendruckfeld bei Zeichen {0}",
    ),
    (
        "a template {} in {} exists",
        "Es gibt bereits eine Vorlage {0} in {1}",
    ),
    (
        "a view needs a name of 1 to {} characters",
        "Eine Ansicht braucht einen Namen mit 1 bis {0} Zeichen",
    ),
    (
        "WhatsApp is off for the profile \"{}\": an administrator can switch it on again in Settings → WhatsApp",
        "WhatsApp ist für das Profil „{0}“ ausgeschaltet: Ein Administrator kann es unter Einstellungen → WhatsApp wieder einschalten",
    ),
    (
        "this text is for {}, the conversation is with a {} record",
        "Dieser Text ist für {0}, die Unterhaltung gehört zu einem Datensatz aus {1}",
    ),
    (
        "you have {} of uploads waiting; they expire after a day (or send them first)",
        "Sie haben {0} an hochgeladenen Dateien offen; sie verfallen nach einem Tag (oder senden Sie sie zuerst)",
    ),
    (
        "{} cannot be sent on WhatsApp: {}",
        "{0} kann nicht über WhatsApp gesendet werden: {1}",
    ),
    (
        "at most {} attachments per message ({} given)",
        "Höchstens {0} Anhänge je Nachricht ({1} angegeben)",
    ),
    (
        "unknown event {} (known: {})",
        "Unbekanntes Ereignis {0} (bekannt: {1})",
    ),
    (
        "cannot resolve {}: {}",
        "{0} lässt sich nicht auflösen: {1}",
    ),
    ("{} has no address", "{0} hat keine Adresse"),
    (
        "{} resolves to {}, a loopback or private address (allowed only with webhook_allow_private)",
        "{0} verweist auf {1}, eine lokale oder private Adresse (nur mit webhook_allow_private erlaubt)",
    ),
    (
        "{} is a loopback or private address (allowed only with webhook_allow_private)",
        "{0} ist eine lokale oder private Adresse (nur mit webhook_allow_private erlaubt)",
    ),
    ("{} is in both lists", "{0} steht in beiden Listen"),
    (
        "the rate card has no rates in {}; upload one that has",
        "Die Preisliste hat keine Preise in {0}; laden Sie eine mit Preisen hoch",
    ),
    (
        "the balance would go below zero (it is {} {})",
        "Das Guthaben würde unter null fallen (es beträgt {0} {1})",
    ),
    (
        "the card has no rates in the wallet's currency {}",
        "Die Preisliste hat keine Preise in der Währung des Guthabens {0}",
    ),
    (
        "the installed card takes effect {}; this one ({}) is older",
        "Die installierte Preisliste gilt ab {0}; diese ({1}) ist älter",
    ),
    ("at most {} recipients", "Höchstens {0} Empfänger"),
    (
        "more than {} records match; narrow the search",
        "Mehr als {0} Datensätze passen; grenzen Sie die Suche ein",
    ),
    (
        "the number's messaging limit ({}: {} customers per 24 h) would be exceeded: {} reached already, this broadcast adds {}",
        "Das Nachrichtenlimit der Nummer ({0}: {1} Kunden je 24 h) würde überschritten: {2} schon erreicht, diese Rundsendung fügt {3} hinzu",
    ),
    ("the broadcast is {}", "Die Rundsendung ist {0}"),
    (
        "the response would exceed {} bytes; ask for less (a search, a smaller page)",
        "Die Antwort wäre größer als {0} Bytes; fragen Sie nach weniger (eine Suche, eine kleinere Seite)",
    ),
    ("cannot simulate '{}'", "„{0}“ kann nicht simuliert werden"),
    (
        "transition names must be non-empty and unique in the module ('{}')",
        "Namen von Übergängen müssen gefüllt und im Modul eindeutig sein („{0}“)",
    ),
    (
        "unknown payment gateway '{}' (known: simulated, none)",
        "Unbekannter Zahlungsanbieter „{0}“ (bekannt: simulated, none)",
    ),
    ("the upload broke off: {}", "Das Hochladen brach ab: {0}"),
    ("not a multipart upload: {}", "Kein Multipart-Upload: {0}"),
];

/// The German of an English sentence with parameters, when it follows one of [`PATTERNS`].
/// Each pattern is tried left to right, so the cost is linear in the table and the sentence.
pub fn pattern(en: &str) -> Option<String> {
    PATTERNS.iter().find_map(|(english, german)| {
        let params = captures(english, en)?;
        let mut out = (*german).to_string();
        for (i, p) in params.iter().enumerate() {
            out = out.replace(&format!("{{{i}}}"), p);
        }
        Some(out)
    })
}

/// The parameters of `text` when it reads as `template` with `{}` filled in (each non-empty).
fn captures<'a>(template: &str, text: &'a str) -> Option<Vec<&'a str>> {
    let parts: Vec<&str> = template.split("{}").collect();
    let (first, rest) = parts.split_first()?;
    let mut left = text.strip_prefix(first)?;
    let mut params = vec![];
    for (i, lit) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        let at = if last {
            if !left.ends_with(lit) {
                return None;
            }
            left.len() - lit.len()
        } else if lit.is_empty() {
            return None;
        } else {
            left.find(lit)?
        };
        if at == 0 {
            return None;
        }
        params.push(&left[..at]);
        left = &left[at + lit.len()..];
    }
    (parts.len() > 1 || left.is_empty()).then_some(params)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, localize};

    /// Files whose messages are not the product's: the Graph API simulator answers in Meta's
    /// English, and the command line (backup, restore, configuration, keys) speaks to operators.
    const NOT_PRODUCT: &[&str] = &[
        "channel/whatsapp/sandbox",
        "backup/",
        "main.rs",
        "config.rs",
        "secrets.rs",
        "error.rs",
        "i18n",
    ];

    /// The fixed sentences of `Error::…` constructors in `src/` (no `format!`).
    fn product_sentences() -> Vec<(String, String)> {
        let mut out = vec![];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = e.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let rel = path
                    .strip_prefix(&root)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                if !rel.ends_with(".rs") || NOT_PRODUCT.iter().any(|n| rel.starts_with(n)) {
                    continue;
                }
                let code = std::fs::read_to_string(&path).unwrap_or_default();
                for needle in [
                    "Error::Conflict(",
                    "Error::Forbidden(",
                    "Error::OptedOut(",
                    "Error::PaymentFailed(",
                    "Error::invalid(",
                    "Error::validation(",
                    "Error::NotFound(",
                ] {
                    for (at, _) in code.match_indices(needle) {
                        let mut args = &code[at + needle.len()..];
                        if needle == "Error::validation(" {
                            let Some(comma) = args.find(',') else {
                                continue;
                            };
                            args = &args[comma + 1..];
                        }
                        let Some(q) = args.find('"') else { continue };
                        let before = &args[..q];
                        if before.contains("format!")
                            || before.contains("Text::new")
                            || before.contains(')')
                        {
                            continue;
                        }
                        let mut lit = String::new();
                        let mut chars = args[q + 1..].chars();
                        while let Some(c) = chars.next() {
                            match c {
                                '\\' => lit.extend(chars.next()),
                                '"' => break,
                                c => lit.push(c),
                            }
                        }
                        if !lit.contains('{') {
                            out.push((rel.clone(), lit));
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_product_message_has_german() {
        let sentences = product_sentences();
        assert!(
            sentences.len() > 50,
            "the scan finds the messages: {sentences:?}"
        );
        let missing: Vec<_> = sentences
            .iter()
            .filter(|(_, en)| localize(en, Lang::De) == *en)
            .collect();
        assert!(missing.is_empty(), "no German for: {missing:#?}");
    }

    #[test]
    fn patterns_fill_in_their_parameters() {
        assert_eq!(
            pattern("linked to the profile \"Support\"").as_deref(),
            Some("Mit dem Profil „Support“ verbunden")
        );
        assert_eq!(
            pattern("a user with email anna@example.com exists").as_deref(),
            Some("Es gibt bereits einen Benutzer mit der E-Mail anna@example.com")
        );
        assert_eq!(
            pattern("Leads already has a field labelled 'Size'").as_deref(),
            Some("Leads hat bereits ein Feld mit der Bezeichnung „Size“")
        );
        assert_eq!(pattern("something else"), None);
        assert_eq!(pattern("no module "), None);
    }
}

//! The files WhatsApp takes (Cloud API spec §6): MIME types, the message type each is sent as,
//! and Meta's size limits. A file's type is decided by its content (magic bytes, via `infer`)
//! and must agree with its name's extension; a mismatch or an unsupported type is refused with
//! the reason.
//!
//! Two container formats cannot always be told apart from the first bytes alone: Office Open XML
//! (a ZIP) and legacy Office (an OLE compound file). When the content is such a container and
//! `infer` cannot name the flavour from the first 64 KB, the extension decides between the
//! flavours of that container (`.docx` / `.xlsx` / `.pptx`, `.doc` / `.xls` / `.ppt`).

const KB: u64 = 1024;
const MB: u64 = 1024 * KB;

/// How many leading bytes the sniffer looks at.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The largest file any type allows (documents, 100 MB).
pub const MAX_BYTES: u64 = 100 * MB;

/// One supported type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaType {
    pub mime: &'static str,
    /// The Cloud API message type: `image`, `video`, `audio`, `document` or `sticker`.
    pub kind: &'static str,
    pub limit: u64,
    pub extensions: &'static [&'static str],
}

impl MediaType {
    /// Whether Meta allows a caption on this message type.
    pub fn takes_caption(&self) -> bool {
        matches!(self.kind, "image" | "video" | "document")
    }
}

const fn t(
    mime: &'static str,
    kind: &'static str,
    limit: u64,
    extensions: &'static [&'static str],
) -> MediaType {
    MediaType {
        mime,
        kind,
        limit,
        extensions,
    }
}

pub const TYPES: [MediaType; 17] = [
    t("image/jpeg", "image", 5 * MB, &["jpg", "jpeg", "jpe"]),
    t("image/png", "image", 5 * MB, &["png"]),
    t("image/webp", "sticker", 500 * KB, &["webp"]),
    t("video/mp4", "video", 16 * MB, &["mp4", "m4v"]),
    t("video/3gpp", "video", 16 * MB, &["3gp", "3gpp"]),
    t("audio/aac", "audio", 16 * MB, &["aac"]),
    t("audio/amr", "audio", 16 * MB, &["amr"]),
    t("audio/mpeg", "audio", 16 * MB, &["mp3", "mpga"]),
    t("audio/mp4", "audio", 16 * MB, &["m4a", "mp4a"]),
    t("audio/ogg", "audio", 16 * MB, &["ogg", "opus", "oga"]),
    t(
        "text/plain",
        "document",
        100 * MB,
        &["txt", "text", "log", "csv"],
    ),
    t("application/pdf", "document", 100 * MB, &["pdf"]),
    t("application/msword", "document", 100 * MB, &["doc"]),
    t(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "document",
        100 * MB,
        &["docx"],
    ),
    t("application/vnd.ms-excel", "document", 100 * MB, &["xls"]),
    t(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "document",
        100 * MB,
        &["xlsx"],
    ),
    // PowerPoint (both flavours) share the document kind; listed via `extra` below.
    t(
        "application/vnd.ms-powerpoint",
        "document",
        100 * MB,
        &["ppt"],
    ),
];

const PPTX: MediaType = t(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "document",
    100 * MB,
    &["pptx"],
);

/// Every supported type.
pub fn all() -> impl Iterator<Item = &'static MediaType> {
    TYPES.iter().chain(std::iter::once(&PPTX))
}

/// The supported type for a MIME type (parameters like `; codecs=opus` ignored).
pub fn by_mime(mime: &str) -> Option<&'static MediaType> {
    let base = mime.split(';').next().unwrap_or_default().trim();
    all().find(|t| t.mime.eq_ignore_ascii_case(base))
}

/// The static WebP sticker limit (animated ones may have 500 KB).
const STATIC_STICKER: u64 = 100 * KB;

/// The file name's extension, lower-cased.
pub fn extension(file_name: &str) -> Option<String> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty() && ext.len() <= 8).then(|| ext.to_ascii_lowercase())
}

fn named(mime: &str) -> Result<&'static MediaType, String> {
    by_mime(mime).ok_or_else(|| format!("{mime} is not supported"))
}

/// What the content is, by its first bytes (see the module comment for ZIP and OLE).
fn sniff(head: &[u8], ext: Option<&str>) -> Result<&'static MediaType, String> {
    let ext_is = |list: &[&str]| ext.is_some_and(|e| list.contains(&e));
    if let Some(found) = infer::get(head) {
        let mime = match found.mime_type() {
            "audio/m4a" => "audio/mp4",
            "audio/opus" => "audio/ogg",
            "audio/ogg" => {
                return Err("OGG audio must be Opus-encoded for WhatsApp (this one is not)".into());
            }
            "application/x-ole-storage" => return ole(ext),
            "application/zip" => {
                return match ext {
                    Some("docx") => named(
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    ),
                    Some("xlsx") => {
                        named("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                    }
                    Some("pptx") => named(PPTX.mime),
                    _ => Err("a ZIP archive is not a file WhatsApp takes".into()),
                };
            }
            other => other,
        };
        if let Some(t) = by_mime(mime) {
            return Ok(t);
        }
        if is_3gpp(head) {
            return named("video/3gpp");
        }
        return Err(format!(
            "its content is {} ({mime}), which WhatsApp does not take",
            found.extension()
        ));
    }
    if is_3gpp(head) {
        return named("video/3gpp");
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return ole(ext);
    }
    if ext_is(&["txt", "text", "log", "csv"]) && looks_like_text(head) {
        return named("text/plain");
    }
    Err("its content is not one of the types WhatsApp takes".into())
}

/// A legacy Office (OLE compound) file: the extension names the flavour.
fn ole(ext: Option<&str>) -> Result<&'static MediaType, String> {
    match ext {
        Some("doc") => named("application/msword"),
        Some("xls") => named("application/vnd.ms-excel"),
        Some("ppt") => named("application/vnd.ms-powerpoint"),
        _ => Err("an Office file must be named .doc, .xls or .ppt".into()),
    }
}

/// An ISO media file whose brand is 3GPP (`ftyp3gp…`).
fn is_3gpp(head: &[u8]) -> bool {
    head.get(4..8) == Some(b"ftyp") && head.get(8..10) == Some(b"3g")
}

/// Valid UTF-8 (a character may be cut at the end of the sample) without NUL bytes.
fn looks_like_text(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && head.len() - e.valid_up_to() < 4,
    }
}

/// Whether a WebP file is animated (a VP8X header with the animation flag).
fn webp_animated(head: &[u8]) -> bool {
    head.get(12..16) == Some(b"VP8X") && head.get(20).is_some_and(|f| f & 0x02 != 0)
}

/// The type of a file named `file_name` whose first bytes are `head` and whose size is
/// `size`, or why WhatsApp would not take it.
pub fn check(file_name: &str, head: &[u8], size: u64) -> Result<&'static MediaType, String> {
    if size == 0 {
        return Err("the file is empty".into());
    }
    let ext = extension(file_name);
    let found = sniff(head, ext.as_deref())?;
    if let Some(e) = &ext
        && !found.extensions.contains(&e.as_str())
    {
        return Err(format!(
            "the name ends in .{e} but the content is {} ({}); rename it or pick the right file",
            found.extensions.first().copied().unwrap_or_default(),
            found.mime
        ));
    }
    let limit = if found.kind == "sticker" && !webp_animated(head) {
        STATIC_STICKER
    } else {
        found.limit
    };
    if size > limit {
        return Err(format!(
            "{} is larger than WhatsApp's {} limit for {} files",
            human(size),
            human(limit),
            found.mime
        ));
    }
    Ok(found)
}

/// Bytes for people: `5 MB`, `100 KB`, `12.3 MB`.
pub fn human(bytes: u64) -> String {
    if bytes >= MB {
        if bytes.is_multiple_of(MB) {
            format!("{} MB", bytes / MB)
        } else {
            format!("{:.1} MB", bytes as f64 / MB as f64)
        }
    } else if bytes >= KB {
        format!("{} KB", bytes.div_ceil(KB))
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";

    #[test]
    fn content_and_name_must_agree() {
        assert_eq!(check("a.png", PNG, 100).unwrap().mime, "image/png");
        assert_eq!(check("a.pdf", PDF, 100).unwrap().kind, "document");
        assert_eq!(check("noext", PDF, 100).unwrap().mime, "application/pdf");
        let e = check("invoice.pdf", PNG, 100).unwrap_err();
        assert!(e.contains(".pdf") && e.contains("image/png"), "{e}");
        assert!(check("page.html", b"<html><body>hi</body></html>", 30).is_err());
        assert!(check("notes.txt", b"<html><body>hi</body></html>", 30).is_err());
        assert!(check("notes.txt", "Grüße, Erika\n".as_bytes(), 15).is_ok());
        assert!(check("a.exe", b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff", 16).is_err());
        assert!(check("empty.txt", b"", 0).is_err());
    }

    #[test]
    fn limits_follow_meta() {
        assert!(check("a.png", PNG, 5 * MB).is_ok());
        let e = check("a.png", PNG, 5 * MB + 1).unwrap_err();
        assert!(e.contains("5 MB"), "{e}");
        assert!(check("a.pdf", PDF, 100 * MB + 1).is_err());
        let webp = b"RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0";
        assert!(check("s.webp", webp, 100 * KB).is_ok());
        assert!(check("s.webp", webp, 100 * KB + 1).is_err());
        assert_eq!(human(1536 * KB), "1.5 MB");
    }

    #[test]
    fn three_gpp_and_office() {
        let head = b"\0\0\0\x18ftyp3gp4\0\0\0\0isom3gp4";
        assert_eq!(check("v.3gp", head, 1000).unwrap().mime, "video/3gpp");
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(
            check("old.xls", &ole, 10).unwrap().mime,
            "application/vnd.ms-excel"
        );
        assert!(check("old.pdf", &ole, 10).is_err());
    }
}

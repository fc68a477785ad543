//! The embedded single-page app: hashed assets cached for a year, `index.html` never cached,
//! and every unknown path answered with `index.html` so client routes deep-link.
//!
//! The web app's build (frontend/vite.config.ts) writes every text file also brotli- and
//! gzip-compressed (`x.js.br`, `x.js.gz`), at the highest levels, once. A request gets the
//! smallest variant its `Accept-Encoding` allows (br, then gzip, then the file as it is) with
//! `Content-Encoding` set and `Vary: Accept-Encoding`, so a cache keeps them apart. Nothing is
//! compressed while serving.
//!
//! The binary embeds only those variants (build.rs stages them), plus the few files too small
//! to gain from compression. A client that accepts neither encoding (rare: curl without
//! `--compressed`, some scripts) gets the gzip variant decompressed for it.

use std::borrow::Cow;
use std::io::Read;

use poem::http::{HeaderMap, Method, StatusCode, header};
use poem::{Body, Endpoint, Request, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "$OUT_DIR/web"]
struct Assets;

/// Hashed file names under `assets/` never change content: cached for a year, not revalidated.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

pub struct Spa;

/// A stored variant of a file: its bytes and the `Content-Encoding` that names them.
struct Variant {
    data: Cow<'static, [u8]>,
    encoding: Option<&'static str>,
}

/// The content codings a request accepts, from its `Accept-Encoding` (RFC 9110 §12.5.3):
/// a coding listed with `q=0` is refused, `*` stands for every coding not listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Accepts {
    pub br: bool,
    pub gzip: bool,
}

impl Accepts {
    pub fn from_headers(headers: &HeaderMap) -> Accepts {
        let mut br = None;
        let mut gzip = None;
        let mut any = None;
        for value in headers.get_all(header::ACCEPT_ENCODING) {
            let Ok(value) = value.to_str() else { continue };
            for item in value.split(',') {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
                let q_ok = parts
                    .filter_map(|p| {
                        let (k, v) = p.split_once('=')?;
                        (k.trim().eq_ignore_ascii_case("q")).then(|| v.trim().to_string())
                    })
                    .next_back()
                    .map(|q| q.parse::<f32>().map(|q| q > 0.0).unwrap_or(false))
                    .unwrap_or(true);
                match coding.as_str() {
                    "br" => br = Some(q_ok),
                    "gzip" | "x-gzip" => gzip = Some(q_ok),
                    "*" => any = Some(q_ok),
                    _ => {}
                }
            }
        }
        let any = any.unwrap_or(false);
        Accepts {
            br: br.unwrap_or(any),
            gzip: gzip.unwrap_or(any),
        }
    }
}

/// The variant of the embedded file `path` to send to a client that accepts `accepts`.
fn variant(path: &str, accepts: Accepts) -> Option<Variant> {
    let compressed = |ext: &str, encoding: &'static str| {
        Assets::get(&format!("{path}.{ext}")).map(|f| Variant {
            data: f.data,
            encoding: Some(encoding),
        })
    };
    let packed = if accepts.br {
        compressed("br", "br")
    } else {
        None
    };
    let packed = packed.or_else(|| {
        if accepts.gzip {
            compressed("gz", "gzip")
        } else {
            None
        }
    });
    packed
        .or_else(|| {
            Assets::get(path).map(|f| Variant {
                data: f.data,
                encoding: None,
            })
        })
        .or_else(|| {
            let packed = Assets::get(&format!("{path}.gz"))?;
            let mut plain = Vec::new();
            match flate2::read::GzDecoder::new(packed.data.as_ref()).read_to_end(&mut plain) {
                Ok(_) => Some(Variant {
                    data: Cow::Owned(plain),
                    encoding: None,
                }),
                Err(e) => {
                    tracing::error!(error = %e, path, "embedded gzip variant does not decode");
                    None
                }
            }
        })
}

/// Whether `path` names a file of the app (not a precompressed variant of one).
fn is_served_file(path: &str) -> bool {
    !path.is_empty() && !path.ends_with(".br") && !path.ends_with(".gz")
}

fn respond(path: &str, accepts: Accepts, cache: &str) -> Option<Response> {
    let v = variant(path, accepts)?;
    let mime = if path.ends_with(".html") {
        "text/html; charset=utf-8".to_string()
    } else {
        mime_guess::from_path(path)
            .first_or_octet_stream()
            .as_ref()
            .to_string()
    };
    let mut b = Response::builder()
        .content_type(mime)
        .header(header::CACHE_CONTROL, cache)
        .header(header::VARY, "accept-encoding");
    if let Some(enc) = v.encoding {
        b = b.header(header::CONTENT_ENCODING, enc);
    }
    // Release builds embed the files: sent from the binary's memory without a copy.
    let body = match v.data {
        Cow::Borrowed(bytes) => Body::from(bytes),
        Cow::Owned(bytes) => Body::from(bytes),
    };
    Some(b.body(body))
}

impl Endpoint for Spa {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return Ok(Response::builder()
                .status(StatusCode::METHOD_NOT_ALLOWED)
                .finish());
        }
        let accepts = Accepts::from_headers(req.headers());
        let path = req.uri().path().trim_start_matches('/');
        if is_served_file(path) {
            let cache = if path.starts_with("assets/") {
                IMMUTABLE
            } else {
                "no-cache"
            };
            if let Some(resp) = respond(path, accepts, cache) {
                return Ok(resp);
            }
        }
        if path.starts_with("assets/") {
            return Ok(Response::builder()
                .status(StatusCode::NOT_FOUND)
                .body("not found"));
        }
        Ok(
            respond("index.html", accepts, "no-cache").unwrap_or_else(|| {
                Response::builder()
                    .status(StatusCode::NOT_FOUND)
                    .body("web app not built")
            }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use poem::http::HeaderValue;

    fn accepts(v: &str) -> Accepts {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
        Accepts::from_headers(&h)
    }

    #[test]
    fn accept_encoding_is_read_as_rfc_9110_says() {
        let both = Accepts {
            br: true,
            gzip: true,
        };
        assert_eq!(Accepts::from_headers(&HeaderMap::new()), Accepts::default());
        assert_eq!(accepts("gzip, deflate, br, zstd"), both);
        assert_eq!(accepts("GZIP;q=0.5, BR;q=1.0"), both);
        assert_eq!(
            accepts("gzip"),
            Accepts {
                br: false,
                gzip: true
            }
        );
        assert_eq!(
            accepts("br;q=0, gzip"),
            Accepts {
                br: false,
                gzip: true
            }
        );
        assert_eq!(accepts("*"), both);
        assert_eq!(
            accepts("*;q=1, gzip;q=0"),
            Accepts {
                br: true,
                gzip: false
            }
        );
        assert_eq!(accepts("identity"), Accepts::default());
        assert_eq!(accepts("br;q=nonsense"), Accepts::default());
        assert!(accepts("x-gzip").gzip);
    }
}

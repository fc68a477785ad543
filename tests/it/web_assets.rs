//! The embedded web app as sent: each file in the encoding the request accepts (brotli, then
//! gzip, then as it is), the same bytes once decoded, and cached by whether its name is hashed.

use std::io::Read;

use crate::harness::Server;

/// GET `path` with `Accept-Encoding: accept` (none when `None`): status, headers, body as sent.
async fn get(
    s: &Server,
    path: &str,
    accept: Option<&str>,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let mut req = s.http.get(s.url(path));
    if let Some(a) = accept {
        req = req.header("accept-encoding", a);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let headers = r.headers().clone();
    (status, headers, r.bytes().await.unwrap().to_vec())
}

fn decode(encoding: &str, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        "br" => {
            brotli_decompressor::Decompressor::new(body, 4096)
                .read_to_end(&mut out)
                .unwrap();
        }
        "gzip" => {
            flate2::read::GzDecoder::new(body)
                .read_to_end(&mut out)
                .unwrap();
        }
        other => panic!("unexpected encoding {other}"),
    }
    out
}

/// Checks `path` in all three encodings and returns its identity bytes.
async fn check(s: &Server, path: &str, content_type: &str, cache: &str) -> Vec<u8> {
    let (status, h, identity) = get(s, path, None).await;
    assert_eq!(status, 200, "{path}");
    assert!(h.get("content-encoding").is_none(), "{path}: {h:?}");
    assert!(
        h["content-type"]
            .to_str()
            .unwrap()
            .starts_with(content_type),
        "{path}: {h:?}"
    );
    assert_eq!(h["cache-control"], cache, "{path}");
    assert_eq!(h["vary"], "accept-encoding", "{path}");
    assert_eq!(h["content-length"], identity.len().to_string());
    assert!(!identity.is_empty());

    for (accept, want) in [
        ("br", "br"),
        ("gzip", "gzip"),
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=0, gzip;q=0.8", "gzip"),
        ("*", "br"),
    ] {
        let (status, h, body) = get(s, path, Some(accept)).await;
        assert_eq!(status, 200, "{path} {accept}");
        assert_eq!(h["content-encoding"], want, "{path} {accept}");
        assert_eq!(h["vary"], "accept-encoding", "{path} {accept}");
        assert_eq!(h["cache-control"], cache, "{path} {accept}");
        assert!(
            h["content-type"]
                .to_str()
                .unwrap()
                .starts_with(content_type),
            "{path} {accept}: the type of the file, not of the encoding"
        );
        assert_eq!(h["content-length"], body.len().to_string());
        assert!(body.len() < identity.len(), "{path} {accept}: smaller");
        assert_eq!(decode(want, &body), identity, "{path} {accept}");
    }
    // Codings we do not have (or refused ones) get the file as it is.
    for accept in ["deflate", "zstd", "identity", "br;q=0, gzip;q=0"] {
        let (_, h, body) = get(s, path, Some(accept)).await;
        assert!(h.get("content-encoding").is_none(), "{path} {accept}");
        assert_eq!(body, identity, "{path} {accept}");
    }
    identity
}

#[tokio::test]
async fn the_web_app_is_sent_precompressed_and_cached_by_name() {
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("frontend/dist");
    if dist.join(".stub").exists() {
        eprintln!("frontend/dist is a stub (PARLEY_SKIP_FRONTEND): nothing to check");
        return;
    }
    let s = Server::start().await;
    let index = check(&s, "/", "text/html", "no-cache").await;
    // A client route gets the same page, negotiated the same way.
    assert_eq!(
        check(&s, "/leads/some-id", "text/html", "no-cache").await,
        index
    );

    let html = String::from_utf8(index).unwrap();
    let refs: Vec<&str> = html
        .split('"')
        .filter(|p| p.starts_with("/assets/"))
        .collect();
    let script = refs.iter().find(|p| p.ends_with(".js")).expect("a script");
    let style = refs
        .iter()
        .find(|p| p.ends_with(".css"))
        .expect("a stylesheet");
    let immutable = "public, max-age=31536000, immutable";
    let js = check(&s, script, "text/javascript", immutable).await;
    assert_eq!(
        js,
        std::fs::read(dist.join(script.trim_start_matches('/'))).unwrap()
    );
    check(&s, style, "text/css", immutable).await;

    // The precompressed files are not pages of their own, and unknown assets are 404s.
    let (status, _, _) = get(&s, &format!("{script}.br"), None).await;
    assert_eq!(status, 404);
    let (status, _, _) = get(&s, "/assets/nope.js", Some("br")).await;
    assert_eq!(status, 404);
}

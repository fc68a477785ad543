//! The network side of outgoing webhooks, shared by subscriptions and automation's
//! OUTGOING_WEBHOOK action: signing, URL and address checks, one pinned POST.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{Attempt, Settings};
use crate::clock::Millis;
use crate::error::{Error, Result};

const TIMEOUT: Duration = Duration::from_secs(10);

/// Signs `body` as deliveries are signed: `sha256=<hex>`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable_hmac());
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

// HMAC accepts keys of any length; this is never reached.
fn unreachable_hmac() -> Hmac<Sha256> {
    #[allow(clippy::expect_used)]
    <Hmac<Sha256> as Mac>::new_from_slice(b"k").expect("HMAC takes any key length")
}

/// Whether `ip` may be delivered to under `s`.
pub fn address_allowed(ip: IpAddr, s: &Settings) -> bool {
    if s.allow_private {
        return true;
    }
    let loopback = ip.is_loopback();
    if loopback {
        return s.allow_loopback;
    }
    let private = match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return address_allowed(IpAddr::V4(v4), s);
            }
            let seg = v6.segments();
            v6.is_unspecified()
                || v6.is_multicast()
                || (seg[0] & 0xfe00) == 0xfc00
                || (seg[0] & 0xffc0) == 0xfe80
        }
    };
    !private
}

pub fn parse_url(url: &str) -> Result<reqwest::Url> {
    let u = reqwest::Url::parse(url.trim()).map_err(|e| Error::validation("url", e.to_string()))?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return Err(Error::validation("url", "an http or https URL is needed"));
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(Error::validation(
            "url",
            "credentials in the URL are not allowed",
        ));
    }
    Ok(u)
}

/// Resolves `url`'s host and answers the first allowed address (all must be allowed).
pub async fn resolve_checked(url: &reqwest::Url, s: &Settings) -> Result<SocketAddr> {
    let host = url
        .host_str()
        .ok_or_else(|| Error::validation("url", "no host"))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = url.port_or_known_default().unwrap_or(443);
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
        .await
        .map_err(|e| Error::validation("url", format!("cannot resolve {host}: {e}")))?
        .collect();
    let first = addrs
        .first()
        .copied()
        .ok_or_else(|| Error::validation("url", format!("{host} has no address")))?;
    if let Some(bad) = addrs.iter().find(|a| !address_allowed(a.ip(), s)) {
        return Err(Error::validation(
            "url",
            format!(
                "{host} resolves to {}, a loopback or private address (allowed only with webhook_allow_private)",
                bad.ip()
            ),
        ));
    }
    Ok(first)
}

/// POSTs `body` to `url` once: the host is resolved and checked ([`resolve_checked`]), the
/// request pinned to that address, redirects not followed, and signed with `secret` when there
/// is one (`X-Parley-Signature`). Answers what happened (`at` is the caller's clock).
pub async fn post_signed(
    url: &str,
    secret: Option<&str>,
    body: &str,
    settings: &Settings,
    at: Millis,
) -> Attempt {
    let fail = |e: String| Attempt {
        at,
        status_code: None,
        error: Some(e),
    };
    let url = match parse_url(url) {
        Ok(u) => u,
        Err(e) => return fail(e.to_string()),
    };
    let addr = match resolve_checked(&url, settings).await {
        Ok(a) => a,
        Err(e) => return fail(e.to_string()),
    };
    let host = url.host_str().unwrap_or_default().to_string();
    let client = match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .resolve(&host, addr)
        .user_agent(concat!("Parley-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(c) => c,
        Err(e) => return fail(e.to_string()),
    };
    let mut req = client
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(secret) = secret {
        req = req.header("x-parley-signature", sign(secret, body.as_bytes()));
    }
    match req.send().await {
        Ok(resp) => {
            let code = resp.status().as_u16();
            Attempt {
                at,
                status_code: Some(code),
                error: (!resp.status().is_success()).then(|| format!("HTTP {code}")),
            }
        }
        Err(e) => fail(e.to_string()),
    }
}

/// Checks a URL as a definition is saved: http(s), no credentials, and a host given as an IP
/// address must be allowed (a name is resolved and checked at each attempt). Answers it
/// normalised.
pub fn check_url(url: &str, settings: &Settings) -> Result<String> {
    let u = parse_url(url)?;
    let host = u
        .host_str()
        .unwrap_or_default()
        .trim_start_matches('[')
        .trim_end_matches(']');
    if let Ok(ip) = host.parse::<IpAddr>()
        && !address_allowed(ip, settings)
    {
        return Err(Error::validation(
            "url",
            format!(
                "{ip} is a loopback or private address (allowed only with webhook_allow_private)"
            ),
        ));
    }
    Ok(u.to_string())
}

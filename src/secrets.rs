//! Encryption at rest for stored credentials (access tokens, app secrets). The key lives in the
//! data dir (`secret.key`, created on first start) or comes from `PARLEY_SECRET_KEY`.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;

use crate::error::{Error, Result};

#[derive(Clone)]
pub struct Sealer {
    cipher: ChaCha20Poly1305,
}

impl std::fmt::Debug for Sealer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sealer(<key>)")
    }
}

impl Sealer {
    /// The configured key (base64 of 32 bytes), or the data dir's key file, made when missing.
    pub fn load(configured: Option<&str>, data_dir: &Path) -> Result<Self> {
        let key = match configured {
            Some(k) => STANDARD
                .decode(k.trim())
                .map_err(|_| Error::invalid("secret key is not base64"))?,
            None => {
                let path = data_dir.join("secret.key");
                match std::fs::read_to_string(&path) {
                    Ok(s) => STANDARD
                        .decode(s.trim())
                        .map_err(|_| Error::Internal("secret.key is damaged".into()))?,
                    Err(_) => {
                        let mut k = vec![0u8; 32];
                        rand::rng().fill_bytes(&mut k);
                        write_private(&path, &STANDARD.encode(&k))?;
                        k
                    }
                }
            }
        };
        if key.len() != 32 {
            return Err(Error::invalid("secret key must be 32 bytes"));
        }
        Ok(Sealer {
            cipher: ChaCha20Poly1305::new(Key::from_slice(&key)),
        })
    }

    pub fn seal(&self, plain: &str) -> Result<String> {
        let mut nonce = [0u8; 12];
        rand::rng().fill_bytes(&mut nonce);
        let ct = self
            .cipher
            .encrypt(Nonce::from_slice(&nonce), plain.as_bytes())
            .map_err(|_| Error::Internal("encryption failed".into()))?;
        Ok(STANDARD.encode([nonce.as_slice(), &ct].concat()))
    }

    pub fn open(&self, sealed: &str) -> Result<String> {
        let raw = STANDARD
            .decode(sealed)
            .map_err(|_| Error::Internal("sealed value is damaged".into()))?;
        if raw.len() < 12 {
            return Err(Error::Internal("sealed value is damaged".into()));
        }
        let (nonce, ct) = raw.split_at(12);
        let plain = self
            .cipher
            .decrypt(Nonce::from_slice(nonce), ct)
            .map_err(|_| Error::Internal("cannot decrypt a stored secret (wrong key?)".into()))?;
        String::from_utf8(plain).map_err(|_| Error::Internal("sealed value is damaged".into()))
    }
}

fn write_private(path: &Path, content: &str) -> Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, content)
        .map_err(|e| Error::Internal(format!("cannot write {}: {e}", tmp.display())))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600));
    }
    std::fs::rename(&tmp, path)
        .map_err(|e| Error::Internal(format!("cannot write {}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_with_the_same_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let s = Sealer::load(None, dir.path()).unwrap();
        let sealed = s.seal("EAAG-token").unwrap();
        assert!(!sealed.contains("EAAG"));
        assert_eq!(
            Sealer::load(None, dir.path())
                .unwrap()
                .open(&sealed)
                .unwrap(),
            "EAAG-token"
        );
        let other = Sealer::load(Some(&STANDARD.encode([7u8; 32])), dir.path()).unwrap();
        assert!(other.open(&sealed).is_err());
    }
}

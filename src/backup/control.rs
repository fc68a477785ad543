//! The control socket: how `parley backup` gets a consistent backup from a running server.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use super::{SOCKET, io, partial_path, verify, write_backup};
use crate::error::{Error, Result};
use crate::store::Store;

/// Asks the server running on `data_dir` for a backup over its control socket and writes it to
/// `out` (through a temporary file, renamed once the checksum is verified).
#[cfg(unix)]
pub fn fetch_from_server(data_dir: &Path, out: &Path) -> Result<()> {
    use std::io::BufRead;
    let sock = data_dir.join(SOCKET);
    let mut s = std::os::unix::net::UnixStream::connect(&sock).map_err(|e| {
        Error::Conflict(format!(
            "data dir {} is in use by another Parley process, and its control socket {} does not answer ({e})",
            data_dir.display(),
            sock.display()
        ))
    })?;
    s.write_all(b"backup\n").map_err(io("asking the server"))?;
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).map_err(io("asking the server"))?;
    if line.trim_end() != "ok" {
        return Err(Error::Internal(format!(
            "the server refused: {}",
            line.trim_end().trim_start_matches("error: ")
        )));
    }
    let tmp = partial_path(out);
    let mut f = std::fs::File::create(&tmp).map_err(io("writing the backup"))?;
    std::io::copy(&mut r, &mut f).map_err(io("receiving the backup"))?;
    f.sync_all().map_err(io("writing the backup"))?;
    drop(f);
    if let Err(e) = verify(&tmp) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, out).map_err(io("writing the backup"))?;
    Ok(())
}

/// The control socket: answers `backup` with `ok` and the backup's bytes. Runs until `stop`.
#[cfg(unix)]
pub async fn serve_control(
    store: Store,
    data_dir: PathBuf,
    clock: crate::clock::SharedClock,
    mut stop: crate::service::Stop,
) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    use tokio::io::AsyncBufReadExt;
    let path = data_dir.join(SOCKET);
    // We hold the store's lock, so a socket file left here is from a process that is gone.
    let _ = std::fs::remove_file(&path);
    let listener = match tokio::net::UnixListener::bind(&path) {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(error = %e, path = %path.display(), "no control socket: `parley backup` cannot reach this server");
            let _ = stop.changed().await;
            return Ok(());
        }
    };
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
        .map_err(io("control socket permissions"))?;
    loop {
        let conn = tokio::select! {
            c = listener.accept() => c,
            _ = stop.changed() => break,
        };
        let Ok((stream, _)) = conn else { continue };
        let (store, data_dir, clock) = (store.clone(), data_dir.clone(), clock.clone());
        tokio::spawn(async move {
            let mut r = tokio::io::BufReader::new(stream);
            let mut line = String::new();
            if r.read_line(&mut line).await.is_err() {
                return;
            }
            let Ok(stream) = r.into_inner().into_std() else {
                return;
            };
            let cmd = line.trim().to_string();
            let done = tokio::task::spawn_blocking(move || -> Result<()> {
                stream
                    .set_nonblocking(false)
                    .map_err(io("control socket"))?;
                let mut stream = stream;
                if cmd != "backup" {
                    let _ = writeln!(stream, "error: unknown command {cmd:?}");
                    return Ok(());
                }
                stream.write_all(b"ok\n").map_err(io("control socket"))?;
                let m = write_backup(&store, &data_dir, clock.now(), &stream)?;
                tracing::info!(
                    blobs = m.blobs,
                    last_seq = m.last_seq,
                    "backup sent over the control socket"
                );
                Ok(())
            })
            .await;
            if let Ok(Err(e)) = done {
                tracing::warn!(error = %e, "backup over the control socket failed");
            }
        });
    }
    let _ = std::fs::remove_file(&path);
    Ok(())
}

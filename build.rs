//! Builds the web app in `frontend/` when its output is missing or older than its sources, so a
//! plain `cargo build` yields a complete binary. Set PARLEY_SKIP_FRONTEND=1 to embed a stub page
//! instead (for Rust-only iterations on machines without Node.js).
//!
//! Then stages what the binary embeds in `$OUT_DIR/web` (src/web/spa.rs): each file's brotli and
//! gzip variants from the build, and the file itself only where the build wrote no gzip variant
//! (too small to gain). A client that takes neither encoding gets the gzip variant decompressed
//! on the fly; the uncompressed copies would add ~1.5 MB to the binary for those rare clients.

// A build script reports failure by panicking: cargo prints the message and stops the build.
#![allow(clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let fe = root.join("frontend");
    let dist = fe.join("dist");
    for p in [
        "src",
        "index.html",
        "package.json",
        "package-lock.json",
        "vite.config.ts",
        "vite-plugin-gql-documents.ts",
        "public",
    ] {
        println!("cargo:rerun-if-changed=frontend/{p}");
    }
    println!("cargo:rerun-if-changed=schema/schema.graphql");
    println!("cargo:rerun-if-env-changed=PARLEY_SKIP_FRONTEND");
    // The staged copy is refreshed whenever this script runs: when the web app's sources (or
    // PARLEY_SKIP_FRONTEND) changed. Not on `frontend/dist` itself: this script writes it, and
    // watching it would make every next build run the script and compile the crate again.
    build_web_app(&fe, &dist, &root);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| "target/web".into()));
    stage(&dist, &out.join("web"));
}

/// Copies the files of `dist` that the binary embeds into `to`, and removes the ones it no
/// longer does. A file whose bytes are already there is left alone, so an unchanged web app
/// does not make the crate compile again.
fn stage(dist: &Path, to: &Path) {
    let mut wanted = Vec::new();
    collect(dist, dist, &mut wanted);
    let keep: Vec<&PathBuf> = wanted
        .iter()
        .filter(|rel| {
            let name = rel.to_string_lossy();
            name.ends_with(".br")
                || name.ends_with(".gz")
                || !dist.join(format!("{name}.gz")).exists()
        })
        .filter(|rel| !rel.to_string_lossy().ends_with(".stub"))
        .collect();
    for rel in &keep {
        let (from, dest) = (dist.join(rel), to.join(rel));
        let bytes =
            std::fs::read(&from).unwrap_or_else(|e| panic!("reading {}: {e}", from.display()));
        if std::fs::read(&dest).ok().as_deref() == Some(bytes.as_slice()) {
            continue;
        }
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        }
        // Written beside it and renamed over it: a new file, never a write into the old one,
        // which may be a hard link shared with another target directory (`cp -al`), whose
        // binaries would then serve this web app's index with their own assets.
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let fresh = dest.with_file_name(format!("{name}.staging"));
        std::fs::write(&fresh, bytes)
            .unwrap_or_else(|e| panic!("writing {}: {e}", fresh.display()));
        std::fs::rename(&fresh, &dest)
            .unwrap_or_else(|e| panic!("renaming {}: {e}", dest.display()));
    }
    let mut present = Vec::new();
    collect(to, to, &mut present);
    for rel in present.iter().filter(|rel| !keep.contains(rel)) {
        std::fs::remove_file(to.join(rel)).ok();
    }
    // rust-embed needs the folder even when it is empty.
    std::fs::create_dir_all(to).ok();
}

/// Every file under `dir`, as paths relative to `base`.
fn collect(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(|e| e.ok()) {
        let path = e.path();
        if path.is_dir() {
            collect(base, &path, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push(rel.to_path_buf());
        }
    }
}

fn build_web_app(fe: &Path, dist: &Path, root: &Path) {
    if std::env::var_os("PARLEY_SKIP_FRONTEND").is_some() {
        if !dist.join("index.html").exists() {
            std::fs::create_dir_all(dist).ok();
            std::fs::write(
                dist.join("index.html"),
                "<!doctype html><title>Parley</title><script type=\"module\" src=\"/assets/stub.js\"></script><p>Web app not built (PARLEY_SKIP_FRONTEND).</p>",
            )
            .ok();
            std::fs::write(dist.join(".stub"), "").ok();
        }
        return;
    }
    let built = modified(&dist.join("index.html"));
    let sources = newest(
        fe,
        &[
            "src",
            "index.html",
            "package.json",
            "package-lock.json",
            "vite.config.ts",
            "vite-plugin-gql-documents.ts",
            "public",
        ],
    )
    .max(modified(&root.join("schema/schema.graphql")));
    if built.is_some() && built >= sources && !dist.join(".stub").exists() {
        return;
    }
    if Command::new("npm").arg("--version").output().is_err() {
        panic!(
            "the web app in frontend/ must be built, and that needs Node.js and npm (install nodejs/npm, or set PARLEY_SKIP_FRONTEND=1)"
        );
    }
    if !fe.join("node_modules").exists() {
        run(
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(fe),
            "npm ci",
        );
    }
    run(
        Command::new("npm").args(["run", "build"]).current_dir(fe),
        "npm run build",
    );
    std::fs::remove_file(dist.join(".stub")).ok();
}

fn run(cmd: &mut Command, what: &str) {
    match cmd.status() {
        Ok(s) if s.success() => {}
        Ok(s) => panic!("{what} in frontend/ failed with {s}"),
        Err(e) => panic!("{what} in frontend/ could not start: {e}"),
    }
}

fn modified(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

fn newest(dir: &Path, names: &[&str]) -> Option<SystemTime> {
    names.iter().filter_map(|n| newest_in(&dir.join(n))).max()
}

fn newest_in(p: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(p).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    std::fs::read_dir(p)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| newest_in(&e.path()))
        .max()
}

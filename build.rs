//! Builds the web app in `frontend/` when its output is missing or older than its sources, so a
//! plain `cargo build` yields a complete binary. Set PARLEY_SKIP_FRONTEND=1 to embed a stub page
//! instead (for Rust-only iterations on machines without Node.js).

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
        "public",
    ] {
        println!("cargo:rerun-if-changed=frontend/{p}");
    }
    println!("cargo:rerun-if-changed=schema/schema.graphql");
    println!("cargo:rerun-if-env-changed=PARLEY_SKIP_FRONTEND");

    if std::env::var_os("PARLEY_SKIP_FRONTEND").is_some() {
        if !dist.join("index.html").exists() {
            std::fs::create_dir_all(&dist).ok();
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
        &fe,
        &[
            "src",
            "index.html",
            "package.json",
            "package-lock.json",
            "vite.config.ts",
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
                .current_dir(&fe),
            "npm ci",
        );
    }
    run(
        Command::new("npm").args(["run", "build"]).current_dir(&fe),
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

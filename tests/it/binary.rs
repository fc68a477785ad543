//! The real `parley` binary, for CLI, crash and restart tests.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_parley");

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Starts `cmd` (`parley demo` or `serve`) and returns once it printed its URL, so it listens;
/// the rest of its output is drained in the background.
pub fn spawn_ready(cmd: &mut Command) -> Child {
    spawn_ready_logging_to(cmd, Stdio::null())
}

/// [`spawn_ready`] with the log (stderr) going to `log`.
pub fn spawn_ready_logging_to(cmd: &mut Command, log: impl Into<Stdio>) -> Child {
    let mut child = cmd.stdout(Stdio::piped()).stderr(log).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for line in lines.by_ref() {
        if line.unwrap().contains("App:") {
            break;
        }
    }
    std::thread::spawn(move || lines.for_each(drop));
    child
}

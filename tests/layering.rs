//! The layering the README promises, checked in the imports (issue 19).
//!
//! Reads every `src/**/*.rs` (not `main.rs`, which is its own crate), finds the paths into the
//! crate (`use` declarations, inline `crate::`/`super::`/`self::` paths and paths through child
//! modules) outside `#[cfg(test)]` items, and maps each file to its node: the top-level module,
//! with `X::model` a node of its own. Then:
//!
//! - the leaves import only each other, `store` imports only leaves and models, and a model
//!   imports only leaves and other models (never its own domain's services);
//! - none of the [`FORBIDDEN`] imports comes back;
//! - there is no cycle among the nodes except through the edges of [`ALLOWED_UPWARD`]: with those
//!   removed the graph is acyclic. The list is a ratchet: an allowed edge that no longer exists,
//!   or no longer closes a cycle, fails the test too, so it is deleted once it is fixed.
//!
//! Plain std, no parser crate: comments, strings and characters are blanked first, so what is
//! left of a file is code, and paths are read from it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Modules at the bottom: they import nothing of the crate but each other.
const LEAVES: &[&str] = &["clock", "ids", "events", "error", "i18n", "metrics"];

/// Besides other models, what a `*::model` may import.
const MODEL_MAY_IMPORT: &[&str] = &["clock", "ids", "events"];

/// The upward imports that close the cycles among top-level modules today (none left). Read
/// bottom-up, the modules that once formed cycles layer as
///
/// jobs < crm < consent < predefined < credits < attachments < messaging < templates
///   < broadcast < webhooks < automation < backup < lib (`App`) < graphql
///
/// and every import points down that order. Never add an edge here: break the new cycle (move
/// shared types into a model, or let the lower module emit an event the upper one follows in
/// the same transaction, registered with `Store::react` in `App::open`).
const ALLOWED_UPWARD: &[(&str, &str)] = &[];

/// Imports that must not come back, though today they would close no cycle: `(from, to, why)`.
const FORBIDDEN: &[(&str, &str, &str)] = &[
    (
        "auth",
        "notify",
        "auth emits `Event::GroupMembersAdded`; `Notifications::react` follows it in the same transaction",
    ),
    (
        "messaging",
        "broadcast",
        "a status change emits `Event::MessageChanged`; `broadcast::react` follows it in the same transaction",
    ),
    (
        "crm",
        "automation",
        "a user's or an import's save emits `Event::RecordChanged` with `saved`; `automation::engine::react` follows it in the same transaction",
    ),
    (
        "messaging",
        "automation",
        "a customer's message emits `Event::CustomerMessaged` (a record made from a sender, `RecordChanged` with `saved`); `automation::engine::react` follows them in the inbox transaction",
    ),
    (
        "messaging",
        "templates",
        "templates sit above messaging (reviewed through its account, sent through its outbox); messaging reads template rows through `templates::model` and merges with `crm::merge`",
    ),
];

fn main_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// An edge `from → to` with the first place in the code that makes it.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

#[test]
fn imports_follow_the_layering() {
    let graph = import_graph(&main_dir());
    let mut failures = vec![];

    for (from, edges) in &graph {
        for (to, at) in edges {
            let to_model = to.ends_with("::model");
            if LEAVES.contains(&from.as_str()) && !LEAVES.contains(&to.as_str()) {
                failures.push(format!(
                    "{at}: the leaf `{from}` imports `{to}`; leaves import only {LEAVES:?}"
                ));
            }
            if from == "store" && !to_model && !LEAVES.contains(&to.as_str()) {
                failures.push(format!(
                    "{at}: `store` imports `{to}`; the store imports only `*::model` modules and \
                     the leaves {LEAVES:?} (move the persisted type into its domain's model.rs)"
                ));
            }
            if from.ends_with("::model") && !to_model && LEAVES.contains(&to.as_str()) {
                if !MODEL_MAY_IMPORT.contains(&to.as_str()) {
                    failures.push(format!(
                        "{at}: `{from}` imports `{to}`; of the leaves a model imports only \
                         {MODEL_MAY_IMPORT:?}"
                    ));
                }
            } else if from.ends_with("::model") && !to_model {
                failures.push(format!(
                    "{at}: `{from}` imports the domain module `{to}`; a model imports only \
                     other `*::model` modules and {MODEL_MAY_IMPORT:?} (name `crate::X::model::T`, \
                     not a re-export, and keep logic that needs services beside them as an \
                     `impl` block in the service)"
                ));
            }
        }
    }

    for (from, to, why) in FORBIDDEN {
        if let Some(at) = graph.get(*from).and_then(|e| e.get(*to)) {
            failures.push(format!("{at}: `{from}` imports `{to}`; it must not: {why}"));
        }
    }

    let allowed: BTreeSet<(String, String)> = ALLOWED_UPWARD
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    for (from, to) in &allowed {
        match graph.get(from).and_then(|e| e.get(to)) {
            None => failures.push(format!(
                "`{from} → {to}` is in ALLOWED_UPWARD but no import makes it any more: delete it \
                 from the list (tests/layering.rs)"
            )),
            Some(at) if !reaches(&graph, to, from, None) => failures.push(format!(
                "{at}: `{from} → {to}` is in ALLOWED_UPWARD but closes no cycle any more: delete \
                 it from the list (tests/layering.rs)"
            )),
            Some(_) => {}
        }
    }
    if let Some(cycle) = find_cycle(&graph, &allowed) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("  {} → {}  ({})", w[0], w[1], graph[&w[0]][&w[1]]))
            .collect();
        failures.push(format!(
            "a cycle among top-level modules:\n{}\nbreak it (move shared types into a model, or \
             let the lower module publish an event the upper one follows)",
            steps.join("\n")
        ));
    }

    assert!(
        failures.is_empty(),
        "layering violations:\n\n{}",
        failures.join("\n\n")
    );
}

/// Prints the module graph and its cycles:
/// `cargo test --test layering -- --ignored --nocapture print_module_graph`.
#[test]
#[ignore = "a tool, not a check"]
fn print_module_graph() {
    let graph = import_graph(&main_dir());
    for (from, edges) in &graph {
        for (to, at) in edges {
            let cyclic = reaches(&graph, to, from, None);
            println!(
                "{from} → {to}  ({at}){}",
                if cyclic { "  [cycle]" } else { "" }
            );
        }
    }
}

/// The parser sees what the checks rely on.
#[test]
fn parser_reads_paths() {
    let code = r#"
        //! docs with crate::nothing
        use crate::a::{b, c::{self, D}, model::E as F};
        use super::g;
        use model::H;
        pub(crate) use crate::j::*;
        fn f() { let s = "crate::not_a_path"; let c = '{'; crate::k::l(); super::m::n(); }
        #[cfg(test)]
        mod tests { use crate::hidden::X; }
        mod inner { use super::super::p::Q; fn g<'a>(x: &'a str) { crate::r::S::new(x); } }
    "#;
    let mut children = BTreeMap::new();
    children.insert(vec!["x".to_string()], ["model".to_string()].into());
    let mut found = BTreeSet::new();
    paths_in(
        &strip_test_items(&blank(code)),
        &["x".to_string()],
        &children,
        &mut |p, _| {
            found.insert(p.join("::"));
        },
    );
    let want: BTreeSet<String> = [
        "a::b",
        "a::c",
        "a::c::D",
        "a::model::E",
        "g",
        "x::model::H",
        "j",
        "k::l",
        "m::n",
        "p::Q",
        "r::S::new",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(found, want);
}

/// Every `.rs` file under `dir` with its module path (`src/a/b.rs` and `src/a/b/mod.rs` are
/// `a::b`; `lib.rs` is the root).
fn modules(dir: &Path) -> Vec<(PathBuf, Vec<String>)> {
    fn walk(dir: &Path, prefix: &[String], out: &mut Vec<(PathBuf, Vec<String>)>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                let mut p = prefix.to_vec();
                p.push(name);
                walk(&path, &p, out);
            } else if let Some(stem) = name.strip_suffix(".rs") {
                let mut p = prefix.to_vec();
                if !matches!(stem, "mod" | "lib") {
                    p.push(stem.to_string());
                }
                out.push((path, p));
            }
        }
    }
    let mut out = vec![];
    walk(dir, &[], &mut out);
    out.retain(|(path, _)| path != &dir.join("main.rs"));
    out
}

/// The node a module path belongs to: its top-level module, `X::model` for a domain's model,
/// `lib` for the crate root.
fn node(path: &[String], top: &BTreeSet<String>) -> String {
    match path {
        [] => "lib".into(),
        [first, ..] if !top.contains(first) => "lib".into(),
        [first, second, ..] if second == "model" => format!("{first}::model"),
        [first, ..] => first.clone(),
    }
}

fn import_graph(dir: &Path) -> Graph {
    let files = modules(dir);
    // module path → its child modules (from the files, plus inline `mod x {` found on the way).
    let mut children: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for (_, path) in &files {
        if let Some((last, parent)) = path.split_last() {
            children
                .entry(parent.to_vec())
                .or_default()
                .insert(last.clone());
        }
    }
    let top: BTreeSet<String> = children.get(&vec![]).cloned().unwrap_or_default();
    let mut graph = Graph::new();
    for (file, path) in &files {
        let text = fs::read_to_string(file).unwrap();
        let code = strip_test_items(&blank(&text));
        let from = node(path, &top);
        let shown = file.strip_prefix(dir.parent().unwrap()).unwrap_or(file);
        paths_in(&code, path, &children, &mut |target, offset| {
            let to = node(target, &top);
            if to != from {
                let line = code[..offset].matches('\n').count() + 1;
                graph
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| format!("{}:{line}", shown.display()));
            }
        });
    }
    graph
}

/// Whether `to` is reachable from `from`, optionally without using the edge `skip`.
fn reaches(graph: &Graph, from: &str, to: &str, skip: Option<(&str, &str)>) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(n) = stack.pop() {
        if n == to {
            return true;
        }
        if !seen.insert(n.clone()) {
            continue;
        }
        for next in graph.get(&n).into_iter().flat_map(|e| e.keys()) {
            if skip != Some((n.as_str(), next.as_str())) {
                stack.push(next.clone());
            }
        }
    }
    false
}

/// A cycle (first node repeated at the end) in `graph` without the `allowed` edges, if any.
fn find_cycle(graph: &Graph, allowed: &BTreeSet<(String, String)>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &Graph,
        allowed: &BTreeSet<(String, String)>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for next in graph.get(n).into_iter().flat_map(|e| e.keys()) {
            if allowed.contains(&(n.to_string(), next.clone())) {
                continue;
            }
            match state.get(next) {
                Some(1) => {
                    let start = stack.iter().position(|s| s == next).unwrap();
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(next, graph, allowed, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if !state.contains_key(n) {
            let mut stack = vec![];
            if let Some(c) = visit(n, graph, allowed, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The source with comments and the insides of string and character literals replaced by
/// spaces (newlines kept, so offsets still give line numbers).
fn blank(src: &str) -> String {
    let s: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let keep_lines = |c: char| if c == '\n' { '\n' } else { ' ' };
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let prev_ident = i > 0 && is_ident(s[i - 1]);
        if c == '/' && s.get(i + 1) == Some(&'/') {
            while i < s.len() && s[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && s.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(keep_lines(s[i]));
                    i += 1;
                }
            }
        } else if (c == 'r' || (c == 'b' && s.get(i + 1) == Some(&'r'))) && !prev_ident && {
            let mut j = i + if c == 'b' { 2 } else { 1 };
            while s.get(j) == Some(&'#') {
                j += 1;
            }
            s.get(j) == Some(&'"')
        } {
            // A raw string: r"…", r#"…"#, br"…".
            let mut j = i + if c == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while s[j] == '#' {
                hashes += 1;
                j += 1;
            }
            j += 1;
            out.push('"');
            out.extend(std::iter::repeat_n(' ', j - i - 1));
            loop {
                if j >= s.len() {
                    break;
                }
                if s[j] == '"' && (0..hashes).all(|h| s.get(j + 1 + h) == Some(&'#')) {
                    out.push('"');
                    out.extend(std::iter::repeat_n(' ', hashes));
                    j += 1 + hashes;
                    break;
                }
                out.push(keep_lines(s[j]));
                j += 1;
            }
            i = j;
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < s.len() && s[i] != '"' {
                if s[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < s.len() {
                    out.push(keep_lines(s[i]));
                    i += 1;
                }
            }
            if i < s.len() {
                out.push('"');
                i += 1;
            }
        } else if c == '\'' && (!prev_ident || (s[i - 1] == 'b' && (i < 2 || !is_ident(s[i - 2]))))
        {
            // A character literal ('x', '\n', '\u{..}') or a lifetime / label ('a).
            let end = if s.get(i + 1) == Some(&'\\') {
                (i + 3..s.len()).find(|&j| s[j] == '\'')
            } else if s.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.push('\'');
                    out.extend(std::iter::repeat_n(' ', end - i - 1));
                    out.push('\'');
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The index just past the bracket that closes the one at `open` (in blanked code).
fn closing(code: &[char], open: usize) -> usize {
    let mut depth = 0i32;
    for (j, &c) in code.iter().enumerate().skip(open) {
        match c {
            '{' | '(' | '[' => depth += 1,
            '}' | ')' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// Blanks every item under `#[cfg(test)]` (a test module, function or import).
fn strip_test_items(code: &str) -> String {
    let mut s: Vec<char> = code.chars().collect();
    let attr: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + attr.len() <= s.len() {
        if s[i..i + attr.len()] != attr[..] {
            i += 1;
            continue;
        }
        // Past this and any further attributes, to the item's `;` or its body's closing brace.
        let mut j = i + attr.len();
        loop {
            while j < s.len() && s[j].is_whitespace() {
                j += 1;
            }
            if s.get(j) == Some(&'#') && s.get(j + 1) == Some(&'[') {
                j = closing(&s, j + 1);
            } else {
                break;
            }
        }
        let mut end = s.len();
        while j < s.len() {
            match s[j] {
                ';' => {
                    end = j + 1;
                    break;
                }
                '{' => {
                    end = closing(&s, j);
                    break;
                }
                '(' | '[' => j = closing(&s, j),
                _ => j += 1,
            }
        }
        for c in &mut s[i..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = end;
    }
    s.into_iter().collect()
}

/// The identifier starting at `i`, if any.
fn ident_at(s: &[char], i: usize) -> Option<(String, usize)> {
    let start = i;
    let mut j = i;
    while j < s.len() && is_ident(s[j]) {
        j += 1;
    }
    (j > start && !s[start].is_ascii_digit()).then(|| (s[start..j].iter().collect(), j))
}

fn skip_ws(s: &[char], mut i: usize) -> usize {
    while i < s.len() && s[i].is_whitespace() {
        i += 1;
    }
    i
}

/// Calls `found` with every absolute module path (without `crate`) the code at module `module`
/// refers to, and the offset of the reference. Inline `mod x { … }` bodies are read as module
/// `module::x`.
fn paths_in(
    code: &str,
    module: &[String],
    children: &BTreeMap<Vec<String>, BTreeSet<String>>,
    found: &mut dyn FnMut(&[String], usize),
) {
    let s: Vec<char> = code.chars().collect();
    // char index → byte offset, for line numbers.
    let byte: Vec<usize> = code.char_indices().map(|(b, _)| b).collect();
    let at = |i: usize| byte.get(i).copied().unwrap_or(code.len());
    let mut inline_children: BTreeSet<String> = BTreeSet::new();
    let mut i = 0;
    while i < s.len() {
        let boundary = i == 0 || !(is_ident(s[i - 1]) || s[i - 1] == ':');
        let Some((word, after)) = boundary.then(|| ident_at(&s, i)).flatten() else {
            i += 1;
            continue;
        };
        if word == "mod" {
            // An inline module: read its body as a module of its own.
            let j = skip_ws(&s, after);
            if let Some((name, after_name)) = ident_at(&s, j) {
                let k = skip_ws(&s, after_name);
                if s.get(k) == Some(&'{') {
                    let end = closing(&s, k);
                    let mut inner = module.to_vec();
                    inner.push(name.clone());
                    inline_children.insert(name);
                    let body: String = s[k + 1..end - 1].iter().collect();
                    let base = at(k + 1);
                    let mut children = children.clone();
                    children
                        .entry(module.to_vec())
                        .or_default()
                        .extend(inline_children.iter().cloned());
                    paths_in(&body, &inner, &children, &mut |p, off| found(p, base + off));
                    i = end;
                    continue;
                }
            }
            i = after;
        } else if word == "use" && s.get(after).is_some_and(|c| c.is_whitespace()) {
            let end = (after..s.len()).find(|&j| s[j] == ';').unwrap_or(s.len());
            let tree: String = s[after..end].iter().collect();
            for path in use_paths(&tree) {
                if let Some(abs) = resolve(&path, module, children, &inline_children) {
                    found(&abs, at(i));
                }
            }
            i = end;
        } else if s.get(after) == Some(&':') && s.get(after + 1) == Some(&':') {
            // An inline path: `crate::a::b`, `super::c`, `child::d`.
            let mut path = vec![word];
            let mut j = after;
            while s.get(j) == Some(&':') && s.get(j + 1) == Some(&':') {
                match ident_at(&s, j + 2) {
                    Some((seg, next)) => {
                        path.push(seg);
                        j = next;
                    }
                    None => break,
                }
            }
            if let Some(abs) = resolve(&path, module, children, &inline_children) {
                found(&abs, at(i));
            }
            i = j;
        } else {
            i = after;
        }
    }
}

/// `path` as an absolute module path, if it points into the crate.
fn resolve(
    path: &[String],
    module: &[String],
    children: &BTreeMap<Vec<String>, BTreeSet<String>>,
    inline_children: &BTreeSet<String>,
) -> Option<Vec<String>> {
    let first = path.first()?;
    let (mut base, rest) = match first.as_str() {
        "crate" => (vec![], &path[1..]),
        "self" => (module.to_vec(), &path[1..]),
        "super" => {
            let mut base = module.to_vec();
            let mut k = 0;
            while path.get(k).is_some_and(|p| p == "super") {
                base.pop();
                k += 1;
            }
            (base, &path[k..])
        }
        name if children.get(module).is_some_and(|c| c.contains(name))
            || inline_children.contains(name) =>
        {
            (module.to_vec(), path)
        }
        _ => return None,
    };
    base.extend(rest.iter().cloned());
    Some(base)
}

/// The paths a `use` tree names (`a::{b, c::{self, D}}` → `a::b`, `a::c`, `a::c::D`); `self`
/// and `*` stand for their prefix, `as` names are dropped.
fn use_paths(tree: &str) -> Vec<Vec<String>> {
    let s: Vec<char> = tree.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    parse_tree(&s, &mut i, &[], &mut out);
    out
}

fn parse_tree(s: &[char], i: &mut usize, prefix: &[String], out: &mut Vec<Vec<String>>) {
    let mut path = prefix.to_vec();
    loop {
        *i = skip_ws(s, *i);
        if s.get(*i) == Some(&'{') {
            *i += 1;
            loop {
                *i = skip_ws(s, *i);
                match s.get(*i) {
                    Some('}') => {
                        *i += 1;
                        break;
                    }
                    Some(',') => *i += 1,
                    None => break,
                    _ => parse_tree(s, i, &path, out),
                }
            }
            return;
        }
        if s.get(*i) == Some(&'*') {
            *i += 1;
            out.push(path);
            return;
        }
        if s.get(*i) == Some(&':') && s.get(*i + 1) == Some(&':') {
            *i += 2;
            continue;
        }
        match ident_at(s, *i) {
            Some((word, next)) if word == "as" => {
                // `as alias`: skip the alias; the path is complete.
                *i = skip_ws(s, next);
                if let Some((_, after)) = ident_at(s, *i) {
                    *i = after;
                }
                out.push(path);
                return;
            }
            Some((word, next)) => {
                *i = next;
                if word != "self" {
                    path.push(word);
                }
            }
            None => {
                if path.len() > prefix.len() || !path.is_empty() {
                    out.push(path);
                }
                return;
            }
        }
    }
}

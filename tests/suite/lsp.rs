//! `pact lsp` spoken to over stdio, as an editor does: JSON-RPC messages with
//! `Content-Length` framing. Every wait has a timeout, so a hung server fails
//! the test instead of hanging it.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Notifications read while waiting for something else.
    stash: Vec<Value>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn uri(path: &Path) -> String {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        root().join(path)
    };
    let mut out = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            length = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pact"))
            .arg("lsp")
            .current_dir(root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("pact lsp starts");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_message(&mut r) {
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            rx,
            next_id: 0,
            stash: Vec::new(),
        };
        let r = c.request(
            "initialize",
            json!({ "processId": null, "rootUri": uri(&root()), "capabilities": {} }),
        );
        assert!(
            r["result"]["capabilities"]["hoverProvider"].as_bool() == Some(true),
            "{r}"
        );
        c.notify("initialized", json!({}));
        c
    }

    fn send_raw(&mut self, body: &[u8]) {
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write");
        self.stdin.write_all(body).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn send(&mut self, v: Value) {
        self.send_raw(v.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn recv(&mut self, deadline: Instant) -> Value {
        let left = deadline.saturating_duration_since(Instant::now());
        self.rx
            .recv_timeout(left)
            .expect("the server answers in time (hung or exited?)")
    }

    /// Sends a request and waits for its response (the whole message).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(json!(id))
    }

    fn response(&mut self, id: Value) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.recv(deadline);
            if v.get("method").is_none() && v["id"] == id {
                return v;
            }
            self.stash.push(v);
        }
    }

    /// The next diagnostics published for a file.
    fn diagnostics(&mut self, file: &str) -> Vec<Value> {
        let u = uri(Path::new(file));
        let is_it = |v: &Value| {
            v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == u.as_str()
        };
        if let Some(i) = self.stash.iter().position(is_it) {
            let v = self.stash.remove(i);
            return v["params"]["diagnostics"]
                .as_array()
                .cloned()
                .unwrap_or_default();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let v = self.recv(deadline);
            if is_it(&v) {
                return v["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
            }
            self.stash.push(v);
        }
    }

    fn open(&mut self, file: &str) -> String {
        let text = std::fs::read_to_string(root().join(file)).expect("file");
        self.open_text(file, &text);
        text
    }

    fn open_text(&mut self, file: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri(Path::new(file)), "languageId": "ron", "version": 1, "text": text
            }}),
        );
    }

    fn change(&mut self, file: &str, text: &str, version: i64) {
        self.stash.clear();
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri(Path::new(file)), "version": version },
                "contentChanges": [{ "text": text }]
            }),
        );
    }

    fn at(&mut self, method: &str, file: &str, pos: (u32, u32), extra: Value) -> Value {
        let mut params = json!({
            "textDocument": { "uri": uri(Path::new(file)) },
            "position": { "line": pos.0, "character": pos.1 },
        });
        if let (Some(p), Some(e)) = (params.as_object_mut(), extra.as_object()) {
            p.extend(e.clone());
        }
        self.request(method, params)
    }

    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                assert!(
                    status.success(),
                    "exit after shutdown is status 0: {status}"
                );
                return;
            }
            assert!(Instant::now() < deadline, "the server exits on `exit`");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The LSP position (UTF-16) of a byte offset.
fn pos(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u32, before[start..].encode_utf16().count() as u32)
}

/// The byte offset of an LSP position (UTF-16).
fn offset(text: &str, p: &Value) -> usize {
    let line = p["line"].as_u64().unwrap() as usize;
    let character = p["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, ch) in text[start..].char_indices() {
        if units >= character {
            return start + i;
        }
        units += ch.len_utf16();
    }
    text.len()
}

/// A text with LSP edits applied (they do not overlap).
fn apply(text: &str, edits: &Value) -> String {
    let mut edits: Vec<(usize, usize, String)> = edits
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.to_string();
    for (a, b, new) in edits {
        out.replace_range(a..b, &new);
    }
    out
}

/// The byte offset of the `n`th match of `needle`, plus `shift`.
fn find(text: &str, needle: &str, shift: usize) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` in the text"))
        + shift
}

const HISTORICAL: &str = "scenarios/historical.ron";

fn region_ids() -> Vec<String> {
    let l = pact::scenario::load_path(&root().join(HISTORICAL)).expect("historical loads");
    l.scenario.regions.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn a_typo_in_a_region_id_is_reported_at_exactly_its_place() {
    let mut c = Client::start();
    let text = c.open(HISTORICAL);
    assert_eq!(
        c.diagnostics(HISTORICAL),
        Vec::<Value>::new(),
        "clean at first"
    );
    // A typo in a region id, on a line whose name gains non-ASCII text before
    // it (an en dash: one UTF-16 unit, three bytes; 𝔸: two units, four bytes),
    // so the column must be counted in UTF-16 units.
    let named = text.replacen("\"28th Division\"", "\"28th Division – 𝔸\"", 1);
    let line_start = find(&named, "(id: \"jp41_28d\"", 0);
    let at = line_start
        + named[line_start..]
            .find("location: \"harbin\"")
            .expect("a location")
        + "location: ".len();
    let typo = "\"harbinx\"";
    let changed = format!(
        "{}{typo}{}",
        &named[..at],
        &named[at + "\"harbin\"".len()..]
    );
    let started = Instant::now();
    c.change(HISTORICAL, &changed, 2);
    let diags = c.diagnostics(HISTORICAL);
    eprintln!(
        "diagnostics after a one-character change of historical.ron: {:?} (debug build, with the round trip)",
        started.elapsed()
    );
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d["code"], "E012");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "pact");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("unknown region `"),
        "{d}"
    );
    let (l, s) = pos(&changed, at);
    let (_, e) = pos(&changed, at + typo.len());
    assert_eq!(
        d["range"],
        json!({ "start": { "line": l, "character": s }, "end": { "line": l, "character": e } }),
        "the quoted id, in UTF-16 units"
    );
    // Hovered, the misspelt id says so, with the nearest.
    let r = c.at(
        "textDocument/hover",
        HISTORICAL,
        pos(&changed, at + 2),
        json!({}),
    );
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        value.contains("No region has this id. Did you mean `harbin`?"),
        "{value}"
    );
    // The hint's "did you mean" is a quick fix.
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri(Path::new(HISTORICAL)) },
            "range": d["range"],
            "context": { "diagnostics": [d] }
        }),
    );
    let action = &r["result"][0];
    assert_eq!(action["kind"], "quickfix", "{r}");
    let edits = &action["edit"]["changes"][uri(Path::new(HISTORICAL))];
    assert_eq!(edits[0]["newText"], "\"harbin\"", "{r}");
    assert_eq!(edits[0]["range"], d["range"]);
    // The fix clears it.
    c.change(HISTORICAL, &text, 3);
    assert_eq!(c.diagnostics(HISTORICAL), Vec::<Value>::new());
    c.shutdown();
}

#[test]
fn completion_in_a_location_offers_region_ids_and_nothing_else() {
    let mut c = Client::start();
    let text = c.open(HISTORICAL);
    let at = find(&text, "location: \"", "location: \"".len());
    let r = c.at(
        "textDocument/completion",
        HISTORICAL,
        pos(&text, at),
        json!({}),
    );
    let items = r["result"]["items"].as_array().expect("a list").clone();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    let mut regions = region_ids();
    regions.sort();
    let mut got: Vec<String> = labels.iter().map(|s| s.to_string()).collect();
    got.sort();
    assert_eq!(got, regions, "exactly the regions");
    let harbin = items
        .iter()
        .find(|i| i["label"] == "harbin")
        .expect("harbin");
    assert_eq!(harbin["detail"], "Harbin");
    // Theatres are named by regions: those are offered in a `theatre`.
    let at = find(&text, "theatre: \"", "theatre: \"".len());
    let r = c.at(
        "textDocument/completion",
        HISTORICAL,
        pos(&text, at),
        json!({}),
    );
    let mut got: Vec<String> = r["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    let l = pact::scenario::load_path(&root().join(HISTORICAL)).unwrap();
    let mut theatres: Vec<String> = l
        .scenario
        .regions
        .iter()
        .map(|r| r.theatre.clone())
        .collect();
    theatres.sort();
    theatres.dedup();
    assert_eq!(got, theatres);
    // Field names where a field starts.
    let at = find(&text, "(id: \"vladivostok\"", 1);
    let r = c.at(
        "textDocument/completion",
        HISTORICAL,
        pos(&text, at),
        json!({}),
    );
    let labels: Vec<String> = r["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect();
    assert!(labels.contains(&"terrain".to_string()), "{labels:?}");
    // After `terrain:`, the terrains.
    let at = find(&text, "terrain: urban", "terrain: ".len());
    let r = c.at(
        "textDocument/completion",
        HISTORICAL,
        pos(&text, at),
        json!({}),
    );
    let labels: Vec<&str> = r["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"steppe") && labels.contains(&"urban"),
        "{labels:?}"
    );
    c.shutdown();
}

#[test]
fn hover_explains_fields_and_ids() {
    let mut c = Client::start();
    let text = c.open(HISTORICAL);
    let at = find(&text, "terrain: urban", 2);
    let r = c.at("textDocument/hover", HISTORICAL, pos(&text, at), json!({}));
    let value = r["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(value.contains("`terrain`"), "{value}");
    assert!(
        value.contains("Its ground"),
        "from the type's doc comment: {value}"
    );
    let at = find(&text, "location: \"harbin\"", "location: \"h".len());
    let r = c.at("textDocument/hover", HISTORICAL, pos(&text, at), json!({}));
    let value = r["result"]["contents"]["value"]
        .as_str()
        .expect("hover text");
    assert!(
        value.contains("region `harbin`") && value.contains("Harbin"),
        "{value}"
    );
    assert!(value.contains("terrain: `urban`"), "{value}");
    assert!(
        value.contains("owner: `japan` (Empire of Japan)"),
        "{value}"
    );
    c.shutdown();
}

#[test]
fn definition_and_references_reach_across_a_mods_files() {
    let mut c = Client::start();
    let garrisons = "scenarios/mods/kurils_expanded/garrisons.ron";
    let map = "scenarios/mods/kurils_expanded/map.ron";
    let text = c.open(garrisons);
    let diags = c.diagnostics(garrisons);
    assert_eq!(
        diags,
        Vec::<Value>::new(),
        "checked with historical.ron and the mod"
    );
    let at = find(&text, "location: \"matsuwa\"", "location: \"m".len());
    let r = c.at(
        "textDocument/definition",
        garrisons,
        pos(&text, at),
        json!({}),
    );
    let locs = r["result"].as_array().expect("locations");
    assert_eq!(locs.len(), 1, "{r}");
    assert_eq!(locs[0]["uri"], uri(Path::new(map)));
    let map_text = std::fs::read_to_string(root().join(map)).unwrap();
    let def = find(&map_text, "(id: \"matsuwa\"", "(id: \"".len());
    let (l, s) = pos(&map_text, def);
    assert_eq!(
        locs[0]["range"]["start"],
        json!({ "line": l, "character": s })
    );
    // A region of the base scenario, used in the mod.
    let at = find(&map_text, "from: \"paramushiro\"", "from: \"p".len());
    c.open(map);
    let r = c.at(
        "textDocument/definition",
        map,
        pos(&map_text, at),
        json!({}),
    );
    assert_eq!(r["result"][0]["uri"], uri(Path::new(HISTORICAL)), "{r}");
    let r = c.at(
        "textDocument/references",
        map,
        pos(&map_text, at),
        json!({ "context": { "includeDeclaration": true } }),
    );
    let uris: Vec<&str> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["uri"].as_str().unwrap())
        .collect();
    assert!(
        uris.contains(&uri(Path::new(HISTORICAL)).as_str()),
        "{uris:?}"
    );
    assert!(uris.contains(&uri(Path::new(map)).as_str()), "{uris:?}");
    c.shutdown();
}

#[test]
fn rename_edits_every_use_in_every_file() {
    let mut c = Client::start();
    // Only the base is open: the mod beside it and the overlays naming it as
    // their base are found, and renamed too.
    let text = c.open(HISTORICAL);
    c.diagnostics(HISTORICAL);
    let at = find(&text, "(id: \"paramushiro\"", "(id: \"p".len());
    let r = c.at(
        "textDocument/prepareRename",
        HISTORICAL,
        pos(&text, at),
        json!({}),
    );
    assert!(r["result"]["start"].is_object(), "{r}");
    let r = c.at(
        "textDocument/rename",
        HISTORICAL,
        pos(&text, at),
        json!({ "newName": "paramushir" }),
    );
    let changes = r["result"]["changes"].as_object().expect("changes");
    // Applied to a copy of the scenario and the mod, the edits leave both valid:
    // every use was renamed, the mod's removed link `"paramushiro-south_kurils"` too.
    let dir = tempfile::tempdir().unwrap();
    let mod_dir = dir.path().join("mods/kurils_expanded");
    std::fs::create_dir_all(&mod_dir).unwrap();
    let mut renamed = 0;
    for entry in std::fs::read_dir(root().join("scenarios/mods/kurils_expanded")).unwrap() {
        let from = entry.unwrap().path();
        let to = mod_dir.join(from.file_name().unwrap());
        let body = std::fs::read_to_string(&from).unwrap();
        let edits = changes.get(&uri(&from)).cloned().unwrap_or(json!([]));
        renamed += edits.as_array().unwrap().len();
        std::fs::write(&to, apply(&body, &edits)).unwrap();
    }
    let edits = &changes[&uri(Path::new(HISTORICAL))];
    assert_eq!(
        edits.as_array().unwrap().len(),
        text.matches("\"paramushiro\"").count(),
        "every use in the base"
    );
    std::fs::write(dir.path().join("historical.ron"), apply(&text, edits)).unwrap();
    assert_eq!(
        renamed, 2,
        "the mod's link and its removed link: {changes:?}"
    );
    crate::common::pact()
        .arg("validate")
        .arg(dir.path().join("historical.ron"))
        .arg("--mod")
        .arg(&mod_dir)
        .assert()
        .success();
    let at = find(&text, "id: \"kantokuen_1941\"", "id: \"k".len());
    let r = c.at(
        "textDocument/rename",
        HISTORICAL,
        pos(&text, at),
        json!({ "newName": "kantokuen" }),
    );
    let changes = r["result"]["changes"].as_object().expect("changes");
    let overlay = "scenarios/kantokuen_1941.ron";
    assert_eq!(
        changes[&uri(Path::new(overlay))].as_array().map(Vec::len),
        Some(1),
        "{r}"
    );
    let r = c.at(
        "textDocument/rename",
        HISTORICAL,
        pos(&text, at),
        json!({ "newName": "a\"b" }),
    );
    assert!(r["error"].is_object(), "an id with a quote is refused: {r}");
    let r = c.at(
        "textDocument/rename",
        HISTORICAL,
        pos(&text, at),
        json!({ "newName": "japan_reinforce_1943" }),
    );
    assert!(
        r["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already exists"),
        "an id another decision has is refused: {r}"
    );
    c.shutdown();
}

#[test]
fn bad_input_gets_diagnostics_or_errors_and_never_a_crash() {
    let mut c = Client::start();
    let text = c.open(HISTORICAL);
    c.diagnostics(HISTORICAL);
    // Cut in half, in the middle of a line.
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half += 1;
    }
    c.change(HISTORICAL, &text[..half], 2);
    let diags = c.diagnostics(HISTORICAL);
    assert!(!diags.is_empty());
    assert!(
        diags
            .iter()
            .all(|d| d["range"]["start"]["line"].as_u64().unwrap() > 0),
        "located: {diags:?}"
    );
    // What `pact validate` says of the same text (here the cut falls inside a field name).
    let cut =
        pact::scenario::Source::new(root().join(HISTORICAL).display().to_string(), &text[..half]);
    let expected = pact::scenario::load_source(cut).expect_err("a cut file does not load");
    assert_eq!(diags[0]["code"], expected.diagnostics[0].code, "{diags:?}");
    assert_eq!(diags[0]["severity"], 1);
    // Requests still answered, on the cut text too.
    let r = c.at("textDocument/hover", HISTORICAL, (40, 10), json!({}));
    assert!(r.get("error").is_none(), "{r}");
    let r = c.at(
        "textDocument/completion",
        HISTORICAL,
        pos(&text, half - 1),
        json!({}),
    );
    assert!(r.get("error").is_none(), "{r}");
    // Positions past the end, inside surrogate pairs, nonsense.
    for p in [(u32::MAX, u32::MAX), (0, 99999), (99999, 0)] {
        for m in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
            "textDocument/references",
        ] {
            let r = c.at(
                m,
                HISTORICAL,
                p,
                json!({ "context": { "includeDeclaration": false } }),
            );
            assert!(r.get("error").is_none(), "{m} {p:?}: {r}");
        }
    }
    // Garbage: not JSON, JSON but no message, wrong parameters, unknown methods, unknown files.
    c.send_raw(b"{ this is not json");
    let r = c.response(Value::Null);
    assert_eq!(r["error"]["code"], -32700, "{r}");
    c.send_raw(b"[1, 2, 3]");
    let r = c.response(Value::Null);
    assert!(r["error"].is_object(), "{r}");
    let r = c.request("textDocument/hover", json!({ "textDocument": 5 }));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = c.request("no/such/method", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = c.at("textDocument/hover", "no/such/file.ron", (0, 0), json!({}));
    assert_eq!(r["result"], Value::Null, "{r}");
    c.notify("textDocument/didChange", json!({ "garbage": true }));
    c.open_text("untitled.ron", "(regions: [(id: \"é\", name: \"𝔸\"");
    let diags = c.diagnostics("untitled.ron");
    assert!(!diags.is_empty());
    // Larger than the loader accepts: its diagnostic, not a stall.
    let huge = format!("(meta: (name: \"{}\"))", "x".repeat(17 * 1024 * 1024));
    c.open_text("huge.ron", &huge);
    let diags = c.diagnostics("huge.ron");
    assert_eq!(diags[0]["code"], "E009", "{diags:?}");
    // Still alive, and answering.
    let r = c.at("textDocument/documentSymbol", HISTORICAL, (0, 0), json!({}));
    assert!(r["result"].is_array(), "{r}");
    c.shutdown();
}

#[test]
fn outline_lists_the_objects_by_section() {
    let mut c = Client::start();
    c.open(HISTORICAL);
    let r = c.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri(Path::new(HISTORICAL)) } }),
    );
    let sections = r["result"].as_array().expect("symbols");
    let regions = sections
        .iter()
        .find(|s| s["name"] == "regions")
        .expect("a regions section");
    let children = regions["children"].as_array().unwrap();
    assert_eq!(children.len(), region_ids().len());
    assert!(
        children
            .iter()
            .any(|s| s["name"] == "harbin" && s["detail"] == "Harbin")
    );
    c.shutdown();
}

#[test]
fn options_complete_from_their_decision_in_an_overlay() {
    let mut c = Client::start();
    let file = "scenarios/kantokuen_1941.ron";
    let text = c.open(file);
    assert_eq!(c.diagnostics(file), Vec::<Value>::new());
    let at = find(&text, "\"strike_north\"", 1);
    let started = Instant::now();
    let r = c.at("textDocument/completion", file, pos(&text, at), json!({}));
    eprintln!(
        "completion in an overlay of historical.ron: {:?} (debug build, with the round trip)",
        started.elapsed()
    );
    let mut got: Vec<String> = r["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect();
    got.sort();
    let l = pact::scenario::load_path(&root().join(HISTORICAL)).unwrap();
    let d = l
        .scenario
        .decisions
        .iter()
        .find(|d| d.id == "kantokuen_1941")
        .unwrap();
    let mut options: Vec<String> = d.options.iter().map(|o| o.id.clone()).collect();
    options.sort();
    assert_eq!(got, options, "the options of that decision only");
    // The base it names is a place to go.
    let at = find(&text, "base: \"", "base: \"h".len());
    let r = c.at("textDocument/definition", file, pos(&text, at), json!({}));
    assert_eq!(r["result"][0]["uri"], uri(Path::new(HISTORICAL)), "{r}");
    // The decision's id, hovered, says what it is.
    let at = find(&text, "(\"kantokuen_1941\"", 3);
    let r = c.at("textDocument/hover", file, pos(&text, at), json!({}));
    let value = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(value.contains("decision `kantokuen_1941`"), "{value}");
    c.shutdown();
}

#[test]
fn files_that_are_not_scenarios_get_only_their_own_checks() {
    let mut c = Client::start();
    // A policy of answers (`pact run --policy`), and a save cut short.
    c.open_text(
        "answers.ron",
        "(choose: [(\"kantokuen_1941\", \"strike_north\")])",
    );
    assert_eq!(c.diagnostics("answers.ron"), Vec::<Value>::new());
    // Another program's RON: its syntax only.
    c.open_text("config.ron", "(window: (width: 800), title: \"x\")");
    assert_eq!(c.diagnostics("config.ron"), Vec::<Value>::new());
    c.open_text("game.ron", "(\n    made: (scenario: \"x\",\n");
    let diags = c.diagnostics("game.ron");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "E001");
    c.shutdown();
}

#[test]
fn flags_complete_and_navigate_like_ids() {
    let mut c = Client::start();
    let text = c.open(HISTORICAL);
    let at = find(&text, "when: flag(\"", "when: flag(\"".len());
    let r = c.at(
        "textDocument/completion",
        HISTORICAL,
        pos(&text, at),
        json!({}),
    );
    let labels: Vec<&str> = r["result"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"strike_north"), "{labels:?}");
    assert!(
        !labels.contains(&"harbin"),
        "no regions among flags: {labels:?}"
    );
    let at = find(&text, "set_flag(\"strike_north\")", "set_flag(\"s".len());
    let r = c.at(
        "textDocument/references",
        HISTORICAL,
        pos(&text, at),
        json!({ "context": { "includeDeclaration": true } }),
    );
    // Every `flag(...)`, `set_flag(...)` of it, here, in the what-ifs on it and
    // in the mod beside it (not the decision option of the same name).
    let garrisons = "scenarios/mods/kurils_expanded/garrisons.ron";
    let needle = "flag(\"strike_north\")";
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.push(root().join(garrisons));
    let expected: usize = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap().matches(needle).count())
        .sum();
    let locs = r["result"].as_array().expect("locations");
    assert_eq!(locs.len(), expected, "{r}");
    assert!(locs.iter().any(|l| l["uri"] == uri(Path::new(garrisons))));
    c.shutdown();
}

/// The language server follows the loader's folder rule (issue 17): an
/// overlay whose `base` is an absolute path, or climbs out to a file that is
/// not RON, gets E065, and the file's content is never quoted.
#[test]
fn an_overlay_base_outside_the_rule_is_refused_and_not_quoted() {
    let mut c = Client::start();
    for (i, base) in ["/etc/passwd", "../../../../../../../../../etc/passwd"]
        .iter()
        .enumerate()
    {
        let file = format!("tests/data/passwd_{i}.ron");
        c.open_text(&file, &format!("(base: {base:?}, add: (flags: [\"x\"]))"));
        let text = serde_json::to_string(&c.diagnostics(&file)).unwrap();
        assert!(text.contains("E065"), "{base}: {text}");
        assert!(!text.contains("root:"), "{base} quotes /etc/passwd: {text}");
    }
    c.shutdown();
}

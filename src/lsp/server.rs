//! The message loop: the initialize/shutdown/exit lifecycle, documents
//! opened and changed, and each request answered from the workspace. A
//! request whose parameters do not fit gets an error answer; one that makes
//! a handler panic gets an internal error; neither ends the server.

use super::diagnostics;
use super::transport::{Out, reader};
use super::workspace::{Settings, Workspace};
use super::{capabilities, complete, fixes, hover, navigate, text::Lines, uri};
use crate::scenario::parse;
use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub struct Server {
    ws: Workspace,
    reference: super::reference::Reference,
    out: Out,
    state: State,
    /// Files diagnostics were last published for (to clear them).
    published: BTreeSet<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Uninitialized,
    Running,
    ShuttingDown,
}

/// Runs the server on stdin and stdout until `exit` or the end of the input.
/// The exit status is 0 after `shutdown` then `exit`, 1 otherwise (as the protocol asks).
pub fn run_stdio() -> i32 {
    let out = Out::new(std::io::stdout());
    let rx = reader(std::io::stdin(), out.clone());
    let mut server = Server {
        ws: Workspace::default(),
        reference: super::reference::Reference::new(),
        out,
        state: State::Uninitialized,
        published: BTreeSet::new(),
    };
    for msg in rx {
        if let Some(code) = server.handle(msg) {
            return code;
        }
    }
    1
}

fn err(id: RequestId, code: ErrorCode, message: impl Into<String>) -> Response {
    Response::new_err(id, code as i32, message.into())
}

impl Server {
    /// Handles one message; `Some(status)` when the server is to exit.
    fn handle(&mut self, msg: Message) -> Option<i32> {
        match msg {
            Message::Request(req) => {
                let id = req.id.clone();
                let method = req.method.clone();
                let resp =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.request(req)))
                        .unwrap_or_else(|_| {
                            err(
                                id,
                                ErrorCode::InternalError,
                                format!("pact lsp failed on `{method}`; please report it"),
                            )
                        });
                self.out.send(resp.into());
            }
            Message::Notification(n) => {
                if n.method == "exit" {
                    return Some(if self.state == State::ShuttingDown {
                        0
                    } else {
                        1
                    });
                }
                let method = n.method.clone();
                let done =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.notification(n)));
                if done.is_err() {
                    eprintln!("pact lsp: failed on `{method}`");
                }
            }
            Message::Response(_) => {}
        }
        None
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        match (self.state, req.method.as_str()) {
            (State::Uninitialized, "initialize") => {
                let params: InitializeParams =
                    serde_json::from_value(req.params).unwrap_or_default();
                self.initialize(params);
                self.state = State::Running;
                Response::new_ok(id, capabilities::initialize_result())
            }
            (State::Uninitialized, _) => err(
                id,
                ErrorCode::ServerNotInitialized,
                "the server is not initialized",
            ),
            (_, "initialize") => err(id, ErrorCode::InvalidRequest, "already initialized"),
            (_, "shutdown") => {
                self.state = State::ShuttingDown;
                Response::new_ok(id, Value::Null)
            }
            (State::ShuttingDown, _) => {
                err(id, ErrorCode::InvalidRequest, "the server is shutting down")
            }
            (State::Running, method) => {
                let method = method.to_string();
                match self.answer(&method, req.params) {
                    Ok(v) => Response::new_ok(id, v),
                    Err((code, why)) => err(id, code, why),
                }
            }
        }
    }

    #[allow(deprecated)] // `root_uri`: older clients give only that.
    fn initialize(&mut self, params: InitializeParams) {
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .unwrap_or_default()
            .iter()
            .filter_map(|f| uri::to_path(&f.uri))
            .collect();
        if folders.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(uri::to_path)
        {
            folders.push(root);
        }
        self.ws.folders = folders;
        if let Some(opts) = params.initialization_options {
            self.configure(opts);
        }
    }

    /// Settings, as `{"scenario": ..., "mods": [...]}` or under a `pact` key.
    fn configure(&mut self, v: Value) {
        let v = v.get("pact").cloned().unwrap_or(v);
        if let Ok(s) = serde_json::from_value::<Settings>(v) {
            self.ws.settings = s;
        }
    }

    #[allow(clippy::mutable_key_type)] // WorkspaceEdit's `Uri` keys: see `navigate::rename`.
    fn answer(&mut self, method: &str, params: Value) -> Result<Value, (ErrorCode, String)> {
        fn p<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, (ErrorCode, String)> {
            serde_json::from_value(v).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
        }
        let json = |v: Result<Value, serde_json::Error>| {
            v.map_err(|e| (ErrorCode::InternalError, e.to_string()))
        };
        match method {
            // Only the place is read: a client's other fields (context, progress tokens)
            // may be missing or odd without the answer failing.
            "textDocument/hover" => {
                let q: TextDocumentPositionParams = p(params)?;
                json(serde_json::to_value(self.hover(q)))
            }
            "textDocument/completion" => {
                let q: TextDocumentPositionParams = p(params)?;
                let items = self.complete(q);
                json(serde_json::to_value(CompletionResponse::List(
                    CompletionList {
                        is_incomplete: false,
                        items,
                    },
                )))
            }
            "textDocument/definition" => {
                let q: TextDocumentPositionParams = p(params)?;
                let found = self.definition(q);
                json(serde_json::to_value(
                    found.map(GotoDefinitionResponse::Array),
                ))
            }
            "textDocument/references" => {
                let declarations = params["context"]["includeDeclaration"]
                    .as_bool()
                    .unwrap_or(true);
                let q: TextDocumentPositionParams = p(params)?;
                let found = self.references(q, declarations);
                json(serde_json::to_value(found))
            }
            "textDocument/prepareRename" => {
                let q: TextDocumentPositionParams = p(params)?;
                let found = self.place(&q).and_then(|(path, offset)| {
                    let o = navigate::at(&self.ws, &path, offset)?;
                    let text = self.text_of(&path)?;
                    Some(PrepareRenameResponse::Range(
                        Lines::new(&text).range(o.start, o.end),
                    ))
                });
                json(serde_json::to_value(found))
            }
            "textDocument/rename" => {
                let q: RenameParams = p(params)?;
                if !navigate::valid_id(&q.new_name) {
                    return Err((
                        ErrorCode::InvalidParams,
                        format!(
                            "`{}` cannot be an id (no quotes, backslashes or line breaks)",
                            q.new_name
                        ),
                    ));
                }
                let Some((path, offset)) = self.place(&q.text_document_position) else {
                    return Ok(Value::Null);
                };
                let Some(o) = navigate::at(&self.ws, &path, offset) else {
                    return Err((ErrorCode::InvalidParams, "no id here to rename".into()));
                };
                let (kind, id) = (o.kind, o.id.clone());
                // Two objects of one id would merge (or fail with E011): refuse.
                let new_id = match id.split_once('/') {
                    Some((decision, _)) if kind == super::ids::Kind::Option => {
                        format!("{decision}/{}", q.new_name)
                    }
                    _ => q.new_name.clone(),
                };
                let taken = navigate::occurrences(&self.ws, kind, &new_id)
                    .iter()
                    .any(|(_, o)| o.role != super::ids::Role::Use);
                if taken && !kind.is_name() && new_id != id {
                    return Err((
                        ErrorCode::InvalidParams,
                        format!("a {} `{}` already exists", kind.name(), q.new_name),
                    ));
                }
                let changes = navigate::rename(&self.ws, kind, &id, &q.new_name);
                json(serde_json::to_value(WorkspaceEdit {
                    changes: Some(changes),
                    ..Default::default()
                }))
            }
            "textDocument/documentSymbol" => {
                let q: DocumentSymbolParams = p(params)?;
                let syms = self.symbols(&q.text_document.uri);
                json(serde_json::to_value(DocumentSymbolResponse::Nested(syms)))
            }
            "textDocument/codeAction" => {
                let q: CodeActionParams = p(params)?;
                json(serde_json::to_value(self.code_actions(q)))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("pact lsp does not handle `{method}`"),
            )),
        }
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let Some((q, path)) = doc_params::<DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                self.ws.open.insert(
                    path.clone(),
                    super::workspace::Doc {
                        uri: q.text_document.uri,
                        text: q.text_document.text,
                    },
                );
                self.changed(&path);
            }
            "textDocument/didChange" => {
                let Some((q, path)) = doc_params::<DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                let Some(doc) = self.ws.open.get_mut(&path) else {
                    return;
                };
                for change in q.content_changes {
                    match change.range {
                        None => doc.text = change.text,
                        // Incremental changes too, in case a client sends them anyway.
                        Some(r) => {
                            let lines = Lines::new(&doc.text);
                            let (a, b) = (lines.offset(r.start), lines.offset(r.end));
                            let (a, b) = (a.min(b), a.max(b));
                            doc.text.replace_range(a..b, &change.text);
                        }
                    }
                }
                self.changed(&path);
            }
            "textDocument/didClose" => {
                let Some((_, path)) = doc_params::<DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                self.ws.open.remove(&path);
                // Checks that read it read the file on disk again.
                let mut touched = BTreeSet::new();
                for root in self.ws.roots_reading(&path) {
                    touched.extend(self.ws.check(&root));
                }
                touched.extend(self.ws.prune());
                touched.insert(path);
                self.publish(touched);
            }
            "textDocument/didSave" => {
                if let Some((_, path)) = doc_params::<DidSaveTextDocumentParams>(n.params) {
                    self.changed(&path);
                }
            }
            "workspace/didChangeConfiguration" => {
                if let Ok(q) = serde_json::from_value::<DidChangeConfigurationParams>(n.params) {
                    self.configure(q.settings);
                    let open: Vec<PathBuf> = self.ws.open.keys().cloned().collect();
                    let mut touched = self.ws.prune();
                    for p in open {
                        let root = self.ws.root_of(&p);
                        touched.extend(self.ws.check(&root));
                    }
                    self.publish(touched);
                }
            }
            _ => {}
        }
    }

    /// Checks again everything that reads a file, and publishes what changed.
    fn changed(&mut self, path: &Path) {
        let mut touched = BTreeSet::new();
        for root in self.ws.roots_reading(path) {
            touched.extend(self.ws.check(&root));
        }
        self.publish(touched);
    }

    fn text_of(&self, path: &Path) -> Option<String> {
        if let Some(d) = self.ws.open.get(path) {
            return Some(d.text.clone());
        }
        self.ws
            .files()
            .into_iter()
            .find(|f| f.path == path)
            .map(|f| f.text.clone())
    }

    fn publish(&mut self, files: BTreeSet<PathBuf>) {
        for path in files {
            // Positions are in the text the check read.
            let text = self
                .ws
                .files()
                .into_iter()
                .find(|f| f.path == path)
                .map(|f| f.text.clone())
                .or_else(|| self.ws.open.get(&path).map(|d| d.text.clone()))
                .unwrap_or_default();
            let diags: Vec<lsp_types::Diagnostic> = self
                .ws
                .diagnostics_of(&path)
                .into_iter()
                .map(|(d, located)| diagnostics::to_lsp(d, &text, located))
                .collect();
            if diags.is_empty()
                && !self.published.contains(&path)
                && !self.ws.open.contains_key(&path)
            {
                continue;
            }
            let Some(uri) = navigate::uri_of(&self.ws, &path) else {
                continue;
            };
            if diags.is_empty() {
                self.published.remove(&path);
            } else {
                self.published.insert(path.clone());
            }
            let params = PublishDiagnosticsParams {
                uri,
                diagnostics: diags,
                version: None,
            };
            if let Ok(v) = serde_json::to_value(params) {
                self.out
                    .send(Notification::new("textDocument/publishDiagnostics".into(), v).into());
            }
        }
    }

    /// The file and byte offset of a position.
    fn place(&self, q: &TextDocumentPositionParams) -> Option<(PathBuf, usize)> {
        let path = doc_path(&q.text_document.uri)?;
        let text = self.text_of(&path)?;
        let offset = Lines::new(&text).offset(q.position);
        Some((path, offset))
    }

    fn hover(&self, q: TextDocumentPositionParams) -> Option<Hover> {
        let (path, offset) = self.place(&q)?;
        let text = self.text_of(&path)?;
        let (value, start, end) = hover::hover(&self.ws, &self.reference, &path, &text, offset)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(Lines::new(&text).range(start, end)),
        })
    }

    fn complete(&self, q: TextDocumentPositionParams) -> Vec<CompletionItem> {
        let Some((path, offset)) = self.place(&q) else {
            return Vec::new();
        };
        let Some(text) = self.text_of(&path) else {
            return Vec::new();
        };
        complete::complete(&self.ws, &self.reference, &path, &text, offset)
    }

    fn definition(&self, q: TextDocumentPositionParams) -> Option<Vec<Location>> {
        let (path, offset) = self.place(&q)?;
        let Some(o) = navigate::at(&self.ws, &path, offset) else {
            // An overlay's `base` or a manifest's `files`: the file named.
            let text = self.text_of(&path)?;
            let file = navigate::named_file(&path, &text, offset)?;
            let u = uri::from_path(&parse::normal(&file))?;
            return Some(vec![Location::new(u, Range::default())]);
        };
        let found = navigate::definition(&self.ws, o.kind, &o.id);
        (!found.is_empty()).then_some(found)
    }

    fn references(
        &self,
        q: TextDocumentPositionParams,
        declarations: bool,
    ) -> Option<Vec<Location>> {
        let (path, offset) = self.place(&q)?;
        let o = navigate::at(&self.ws, &path, offset)?;
        Some(navigate::references(&self.ws, o.kind, &o.id, declarations))
    }

    fn symbols(&self, u: &Uri) -> Vec<DocumentSymbol> {
        let Some(path) = doc_path(u) else {
            return Vec::new();
        };
        match self.ws.files().into_iter().find(|f| f.path == path) {
            Some(f) => navigate::symbols(&f.text, &f.index),
            None => Vec::new(),
        }
    }

    fn code_actions(&self, q: CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(path) = doc_path(&q.text_document.uri) else {
            return Vec::new();
        };
        let Some(text) = self.text_of(&path) else {
            return Vec::new();
        };
        fixes::quick_fixes(&q.text_document.uri, &text, q.context.diagnostics)
    }
}

/// The path of a document's URI, normalised as the workspace keys its files.
fn doc_path(u: &Uri) -> Option<PathBuf> {
    uri::to_path(u).map(|p| parse::normal(&p))
}

/// A notification's parameters and the path of the document they name (every
/// document notification names it as `textDocument.uri`); `None`, and the
/// notification is ignored, when either cannot be read.
fn doc_params<T: serde::de::DeserializeOwned>(params: Value) -> Option<(T, PathBuf)> {
    use serde::Deserialize;
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Names {
        text_document: TextDocumentIdentifier,
    }
    let path = doc_path(&Names::deserialize(&params).ok()?.text_document.uri)?;
    Some((serde_json::from_value(params).ok()?, path))
}

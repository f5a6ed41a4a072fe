//! JSON-RPC over stdio with `Content-Length` framing. lsp-server's own stdio
//! transport stops reading at the first malformed message; this one answers
//! a payload that is not JSON with a parse error and reads on, and skips
//! header lines it does not understand, so bad input never ends the server.

use lsp_server::Message;
use serde_json::{Value, json};
use std::io::{BufRead, Read, Write};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

/// Largest message accepted: a scenario of 16 MiB, JSON-escaped, with room.
const MAX_MESSAGE_BYTES: usize = 64 * 1024 * 1024;

/// Where messages are written: one at a time, whole.
#[derive(Clone)]
pub struct Out(Arc<Mutex<Box<dyn Write + Send>>>);

impl Out {
    pub fn new(w: impl Write + Send + 'static) -> Self {
        Out(Arc::new(Mutex::new(Box::new(w))))
    }

    pub fn send(&self, msg: Message) {
        let mut w = match self.0.lock() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Err(e) = msg.write(&mut *w) {
            eprintln!("pact lsp: cannot write to the client: {e}");
        }
    }

    fn send_raw(&self, v: &Value) {
        let body = v.to_string();
        let mut w = match self.0.lock() {
            Ok(w) => w,
            Err(poisoned) => poisoned.into_inner(),
        };
        let _ = write!(w, "Content-Length: {}\r\n\r\n{body}", body.len());
        let _ = w.flush();
    }
}

/// Reads messages on a thread; the channel closes at the end of the input.
pub fn reader(input: impl Read + Send + 'static, out: Out) -> mpsc::Receiver<Message> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut input = std::io::BufReader::new(input);
        loop {
            match read_one(&mut input) {
                Frame::End => break,
                Frame::Body(bytes) => match serde_json::from_slice::<Message>(&bytes) {
                    Ok(msg) => {
                        if tx.send(msg).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let id = serde_json::from_slice::<Value>(&bytes)
                            .ok()
                            .and_then(|v| v.get("id").cloned())
                            .unwrap_or(Value::Null);
                        let (code, what) = if id.is_null() {
                            (-32700, "parse error")
                        } else {
                            (-32600, "invalid request")
                        };
                        eprintln!("pact lsp: {what}: {e}");
                        out.send_raw(&json!({
                            "jsonrpc": "2.0",
                            "id": id,
                            "error": { "code": code, "message": format!("{what}: {e}") }
                        }));
                    }
                },
                Frame::Skipped(why) => eprintln!("pact lsp: {why}"),
            }
        }
    });
    rx
}

enum Frame {
    Body(Vec<u8>),
    Skipped(String),
    End,
}

/// One framed message: headers up to an empty line, then `Content-Length` bytes.
fn read_one(input: &mut impl BufRead) -> Frame {
    let mut length: Option<usize> = None;
    let mut seen_header = false;
    loop {
        let mut line = Vec::new();
        match input.by_ref().take(64 * 1024).read_until(b'\n', &mut line) {
            Ok(0) => return Frame::End,
            Ok(_) => {}
            Err(_) => return Frame::End,
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !seen_header {
                continue;
            }
            break;
        }
        seen_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().ok();
        }
    }
    let Some(n) = length else {
        return Frame::Skipped("a message without a valid Content-Length header".into());
    };
    if n > MAX_MESSAGE_BYTES {
        // Read past it, so the next message is found.
        let _ = std::io::copy(&mut input.by_ref().take(n as u64), &mut std::io::sink());
        return Frame::Skipped(format!("a message of {n} bytes, over the limit"));
    }
    let mut body = vec![0; n];
    match input.read_exact(&mut body) {
        Ok(()) => Frame::Body(body),
        Err(_) => Frame::End,
    }
}

// Starts `pact lsp` for RON files and hands it the `pact.*` settings.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function settings() {
  const c = vscode.workspace.getConfiguration("pact");
  return { scenario: c.get("scenario") || null, mods: c.get("mods") || [] };
}

function activate(context) {
  const command = vscode.workspace.getConfiguration("pact").get("path") || "pact";
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "pact",
    "pact",
    { run: server, debug: server },
    {
      documentSelector: [{ scheme: "file", language: "ron" }],
      initializationOptions: settings(),
      // Sends `workspace/didChangeConfiguration` with the `pact` section when it changes.
      synchronize: { configurationSection: "pact" },
    }
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

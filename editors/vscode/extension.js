// Starts `idm lsp` for YAML files; idm itself decides which files are initiatives, rule packs,
// reference data, pack manifests, project or lock files (by apiVersion/kind or name).
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("idm").get("command", ["idm", "lsp"]);
  client = new LanguageClient(
    "idm", "idm",
    { command, args },
    { documentSelector: [{ scheme: "file", language: "yaml" }] });
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

// The argcheck extension: starts `argcheck lsp` over stdio for `.arg` files
// (and the `arg` blocks of Markdown files) and hands it to VS Code's
// language client. Every feature (diagnostics, hover, definition,
// references, rename, completion, code actions, formatting) comes from the
// server; the extension only starts it, restarts it when its settings
// change, and colours the text with the TextMate grammars in syntaxes/.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function serverOptions(): ServerOptions {
  const config = vscode.workspace.getConfiguration("argcheck");
  const command = config.get<string>("path") || "argcheck";
  const args = ["lsp", ...(config.get<string[]>("extraArgs") ?? [])];
  return {
    run: { command, args, transport: TransportKind.stdio },
    debug: { command, args, transport: TransportKind.stdio },
  };
}

function clientOptions(): LanguageClientOptions {
  const config = vscode.workspace.getConfiguration("argcheck");
  const documentSelector: LanguageClientOptions["documentSelector"] = [
    { scheme: "file", language: "argcheck" },
    { scheme: "untitled", language: "argcheck" },
  ];
  if (config.get<boolean>("markdown", true)) {
    documentSelector.push({ scheme: "file", language: "markdown" });
  }
  return {
    documentSelector,
    synchronize: {
      // Imported files, source registries and argcheck.yaml changing on
      // disk re-check their dependents.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{*.arg,*.yaml,*.yml,*.md}"
      ),
    },
  };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  client = new LanguageClient(
    "argcheck",
    "argcheck",
    serverOptions(),
    clientOptions()
  );
  try {
    await client.start();
  } catch (err) {
    const path = vscode.workspace.getConfiguration("argcheck").get<string>("path");
    void vscode.window.showErrorMessage(
      `argcheck: could not start \`${path} lsp\` (${String(err)}). ` +
        "Install argcheck (cargo install --path . in its repository) or set argcheck.path."
    );
  }
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
  await start(context);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("argcheck.restartServer", () => restart(context)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration("argcheck.path") ||
        e.affectsConfiguration("argcheck.extraArgs") ||
        e.affectsConfiguration("argcheck.markdown")
      ) {
        void restart(context);
      }
    })
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}

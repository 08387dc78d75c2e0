// Starts mkdocs-okr's language server for Markdown files; the server does the rest (findings,
// hover, quick fixes, completion) and asks the editor to tell it when a page or mkdocs.yml changes.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const [command, ...args] = vscode.workspace
    .getConfiguration("mkdocs-okr")
    .get<string[]>("command", ["mkdocs-okr", "lsp"]);
  const server: ServerOptions = { command, args };
  const options: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "markdown" }],
  };
  client = new LanguageClient("mkdocs-okr", "mkdocs-okr", server, options);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

// The gouji VS Code extension: starts `gouji lsp` over stdio and lets it publish diagnostics for
// rule files (`.gouji`) and annual reports. Everything the user sees about a report or a rule file
// comes from the server; this file only starts, restarts and configures it, and shows the rule
// files compiled into gouji (`gouji-bundled:` URIs) with the text the server hands out.

import * as l10n from '@vscode/l10n';
import * as cp from 'node:child_process';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { BUNDLED_SCHEME, fetchBundledRuleFile, notRunningMessage } from './bundled';
import {
  type Environment,
  type Exit,
  notFoundMessage,
  resolveRuleFiles,
  resolveServerCommand,
  serverArgs,
  startFailedMessage,
} from './server';

/** Reports are told apart from other text by their file name. */
export const REPORT_PATTERN = '**/*{年度报告,年报}*';

/** The documents the server is told about (and the ones that start it). */
export const DOCUMENT_SELECTOR: { scheme: string; language: string; pattern?: string }[] = [
  { scheme: 'file', language: 'gouji' },
  { scheme: 'untitled', language: 'gouji' },
  { scheme: 'file', language: 'gouji-report' },
  { scheme: 'untitled', language: 'gouji-report' },
  { scheme: 'file', language: 'plaintext', pattern: REPORT_PATTERN },
  { scheme: 'file', language: 'markdown', pattern: REPORT_PATTERN },
  { scheme: 'file', language: 'html', pattern: REPORT_PATTERN },
];

// Button labels, in VS Code's display language (l10n/bundle.l10n.zh-cn.json). Functions, because
// @vscode/l10n learns the language only when the extension is activated.
const OPEN_SETTINGS = (): string => l10n.t('Open Settings');
const SHOW_OUTPUT = (): string => l10n.t('Show Output');
const RETRY = (): string => l10n.t('Retry');

/**
 * A LanguageClient that leaves the "couldn't create connection" notification to us: when the
 * server does not start, the extension shows one message that says what to do instead of two.
 */
class GoujiLanguageClient extends LanguageClient {
  quietStart = false;

  override error(message: string, data?: unknown, showNotification?: boolean | 'force'): void {
    if (this.quietStart && showNotification === 'force') {
      showNotification = false;
    }
    super.error(message, data, showNotification);
  }
}

let output: vscode.LogOutputChannel | undefined;
let client: GoujiLanguageClient | undefined;
/** Set once a rule file or report is open (or the user asked for a restart); until then no server runs. */
let wanted = false;
/** Watches rule files on disk for the running client; lives and dies with it. */
let watcher: vscode.FileSystemWatcher | undefined;
/** The server process of the current client, and how it ended once it has. */
let serverProcess: cp.ChildProcess | undefined;
let serverExit: Exit | undefined;
/** Start and stop run one after another, so a settings change during a restart does not race it. */
let queue: Promise<void> = Promise.resolve();
let bundled: BundledRuleFiles | undefined;

/**
 * The rule files compiled into gouji, at `gouji-bundled:///rules/….gouji`: where the server's
 * related places ("the rule this finding enforces") and definitions in the bundled rules lead.
 * Their text comes from the running server (`gouji/bundledRuleFile`), so it is always that of the
 * gouji that reported the finding; VS Code shows such documents read-only.
 */
class BundledRuleFiles implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const c = await runningClient();
    if (c === undefined) {
      const message = notRunningMessage(uri.toString());
      output?.error(message);
      throw new Error(message);
    }
    try {
      return await fetchBundledRuleFile(uri.toString(), (method, params) => c.sendRequest(method, params, token));
    } catch (err: unknown) {
      output?.error(err instanceof Error ? err.message : String(err));
      throw err;
    }
  }

  /** After a (re)start the server may be another gouji: reload the bundled files that are open. */
  refresh(): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === BUNDLED_SCHEME) {
        this.changed.fire(doc.uri);
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The client, started if need be (a bundled rule file can be opened before any report, e.g. when VS Code restores its tabs). */
async function runningClient(): Promise<LanguageClient | undefined> {
  if (!wanted) {
    wanted = true;
    void enqueue(startClient);
  }
  // Wait for a start or restart in progress, including one queued while waiting.
  let q: Promise<void>;
  do {
    q = queue;
    await q;
  } while (q !== queue);
  return client?.isRunning() === true ? client : undefined;
}

/** Bundled rule files are rule files: coloured as `gouji` whatever VS Code guessed. */
function setBundledLanguage(doc: vscode.TextDocument): void {
  if (doc.uri.scheme === BUNDLED_SCHEME && doc.languageId !== 'gouji') {
    void vscode.languages.setTextDocumentLanguage(doc, 'gouji').then(undefined, (err: unknown) => {
      output?.warn(l10n.t('Could not set the language of {0} to gouji: {1}', doc.uri.toString(), String(err)));
    });
  }
}

export function activate(context: vscode.ExtensionContext): void {
  // The extension's own words follow VS Code's display language: the bundle VS Code loaded from
  // l10n/ goes to @vscode/l10n, which src/server.ts and src/bundled.ts use.
  if (vscode.l10n.bundle !== undefined) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  output = vscode.window.createOutputChannel('Gouji', { log: true });
  context.subscriptions.push(output);

  // The extension also wakes up for every Markdown and plain-text file (a report may be one), but
  // the server is started only when a rule file or a report is actually open: someone editing an
  // unrelated README should not be told that gouji is missing.
  const maybeStart = (doc: vscode.TextDocument): void => {
    if (!wanted && vscode.languages.match(DOCUMENT_SELECTOR, doc) > 0) {
      wanted = true;
      void enqueue(startClient);
    }
  };

  bundled = new BundledRuleFiles();
  context.subscriptions.push(
    bundled,
    vscode.workspace.registerTextDocumentContentProvider(BUNDLED_SCHEME, bundled),
    vscode.workspace.onDidOpenTextDocument(setBundledLanguage),
    vscode.commands.registerCommand('gouji.restartServer', () => {
      wanted = true;
      return enqueue(async () => {
        await stopClient();
        await startClient();
      });
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (wanted && (e.affectsConfiguration('gouji.server') || e.affectsConfiguration('gouji.rules'))) {
        void enqueue(async () => {
          output?.info(l10n.t('Settings changed; restarting the gouji language server.'));
          await stopClient();
          await startClient();
        });
      }
    }),
    vscode.workspace.onDidOpenTextDocument(maybeStart),
    { dispose: () => void stopClient() },
  );

  vscode.workspace.textDocuments.forEach((doc) => {
    setBundledLanguage(doc);
    maybeStart(doc);
  });
}

export async function deactivate(): Promise<void> {
  await queue;
  await stopClient();
}

function enqueue(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task, task).catch((err: unknown) => {
    output?.error(l10n.t('Unexpected error: {0}', String(err)));
  });
  return queue;
}

function environment(): Environment {
  return {
    workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
    home: os.homedir(),
    platform: process.platform,
    pathVariable: process.env.PATH ?? process.env.Path ?? '',
    pathExt: process.env.PATHEXT,
  };
}

async function startClient(): Promise<void> {
  const config = vscode.workspace.getConfiguration('gouji');
  const env = environment();

  const resolved = resolveServerCommand(config.get<string>('server.path'), env);
  if (!resolved.ok) {
    const message = notFoundMessage(resolved);
    output?.error(message);
    if (resolved.tried.length > 0) {
      output?.info(l10n.t('Looked for the gouji program at:\n  {0}', resolved.tried.join('\n  ')));
    }
    void offerHelp(message);
    return;
  }

  const args = serverArgs(config.get<unknown[]>('server.extraArgs'));
  const rules = resolveRuleFiles(config.get<unknown[]>('rules.extraFiles'), env);
  for (const f of rules.unplaced) {
    output?.warn(
      l10n.t('gouji.rules.extraFiles: "{0}" is a relative path but no workspace folder is open; it is not passed to the server.', f),
    );
  }

  // The extension spawns the server itself (rather than passing an Executable) so that it knows
  // when the process exits and can say so in words; it is started exactly as
  // `gouji lsp [extraArgs]` (an Executable with TransportKind.stdio would append `--stdio`).
  const serverOptions: ServerOptions = () =>
    new Promise<cp.ChildProcess>((resolve, reject) => {
      serverExit = undefined;
      const child = cp.spawn(resolved.command, args, {
        cwd: env.workspaceFolder,
        stdio: 'pipe',
        windowsHide: true,
      });
      serverProcess = child;
      child.once('error', reject);
      child.once('spawn', () => resolve(child));
      child.once('exit', (code, signal) => {
        if (serverProcess === child) {
          serverExit = { code, signal };
        }
        output?.info(
          l10n.t(
            'The gouji language server exited ({0}).',
            signal !== null ? l10n.t('signal {0}', signal) : l10n.t('exit code {0}', code ?? '?'),
          ),
        );
      });
    });

  watcher = vscode.workspace.createFileSystemWatcher('**/*.gouji');
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    initializationOptions: { extraRuleFiles: rules.files },
    synchronize: { fileEvents: watcher },
    outputChannel: output,
    traceOutputChannel: output,
    // A failed `initialize` is reported once, by startClient below, not also by the client.
    initializationFailedHandler: () => false,
  };

  const c = new GoujiLanguageClient('gouji', 'Gouji', serverOptions, clientOptions);
  client = c;
  output?.info(
    rules.files.length > 0
      ? l10n.t('Starting {0} with extra rule files: {1}', `${resolved.command} ${args.join(' ')}`, rules.files.join(', '))
      : l10n.t('Starting {0}', `${resolved.command} ${args.join(' ')}`),
  );
  c.quietStart = true;
  try {
    await c.start();
    output?.info(l10n.t('The gouji language server is running.'));
    bundled?.refresh();
  } catch (err: unknown) {
    const detail = err instanceof Error ? err.message : String(err);
    // The client may notice the broken pipe a moment before the exit is reported.
    for (let i = 0; i < 10 && serverExit === undefined && serverProcess?.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const message = startFailedMessage(resolved.command, detail, serverExit);
    output?.error(`${message} (${detail})`);
    void offerHelp(message);
  } finally {
    c.quietStart = false;
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  watcher?.dispose();
  watcher = undefined;
  if (c === undefined) {
    return;
  }
  try {
    if (c.needsStop()) {
      await c.stop(2000);
    }
  } catch (err: unknown) {
    output?.warn(l10n.t('Stopping the gouji language server: {0}', String(err)));
  }
  try {
    await c.dispose(2000);
  } catch {
    // Already stopped; nothing left to release.
  }
  // A server that ignored `exit` is not left running.
  const child = serverProcess;
  serverProcess = undefined;
  if (child !== undefined && child.exitCode === null && child.signalCode === null) {
    child.kill();
  }
}

async function offerHelp(message: string): Promise<void> {
  const [open, show, retry] = [OPEN_SETTINGS(), SHOW_OUTPUT(), RETRY()];
  const choice = await vscode.window.showErrorMessage(message, open, show, retry);
  if (choice === open) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'gouji.server.path');
  } else if (choice === show) {
    output?.show(true);
  } else if (choice === retry) {
    await vscode.commands.executeCommand('gouji.restartServer');
  }
}

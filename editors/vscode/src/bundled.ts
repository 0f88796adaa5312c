// The rule files compiled into gouji (`rules/` at the top of the repository). The server gives
// findings' related places and definitions in them as `gouji-bundled:///rules/….gouji` URIs and
// hands out their text on the request `gouji/bundledRuleFile` (docs/lsp.md); the extension shows
// them read-only through a TextDocumentContentProvider (src/extension.ts).
// Invariant: nothing here imports `vscode`, so tests/unit can run it under plain Node. Messages go
// through @vscode/l10n: English here, Chinese in l10n/bundle.l10n.zh-cn.json (VS Code's display
// language decides; src/extension.ts hands the loaded bundle to @vscode/l10n).

import * as l10n from '@vscode/l10n';

/** The URI scheme of the bundled rule files: `gouji-bundled:///rules/gov-info-disclosure-2021.gouji`. */
export const BUNDLED_SCHEME = 'gouji-bundled';

/** The server's request for a bundled rule file's text (src/lsp/handlers/bundled_rule_file.rs). */
export const BUNDLED_RULE_FILE_REQUEST = 'gouji/bundledRuleFile';

/** Its params; the result is the file's text, or `null` for a URI that names no bundled file. */
export interface BundledRuleFileParams {
  uri: string;
}

/** Sends one request to the language server (in the extension, `LanguageClient.sendRequest`). */
export type SendRequest = (method: string, params: BundledRuleFileParams) => Promise<unknown>;

/** JSON-RPC's MethodNotFound: a gouji from before `gouji/bundledRuleFile`. */
const METHOD_NOT_FOUND = -32601;

/**
 * The URI as the server spells it. VS Code writes a URI without authority with one slash
 * (`gouji-bundled:/rules/x.gouji`); the server gives and expects three
 * (`gouji-bundled:///rules/x.gouji`).
 */
export function serverUri(uri: string): string {
  const prefix = `${BUNDLED_SCHEME}:`;
  if (!uri.startsWith(prefix)) {
    return uri;
  }
  const rest = uri.slice(prefix.length);
  if (rest.startsWith('//')) {
    return uri;
  }
  return `${prefix}//${rest.startsWith('/') ? '' : '/'}${rest}`;
}

/** The file name at the end of a bundled URI (`gov-info-disclosure-2021.gouji`), for messages. */
export function bundledFileName(uri: string): string {
  const path = uri.split(/[?#]/)[0] ?? uri;
  const last = path.split('/').filter((s) => s !== '').pop() ?? path;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * Asks the server for the text of the bundled rule file `uri` (a `gouji-bundled:` URI as a
 * string, as VS Code or the server writes it). Throws an Error whose message says, in Chinese
 * and English, why there is no text.
 */
export async function fetchBundledRuleFile(uri: string, send: SendRequest): Promise<string> {
  let result: unknown;
  try {
    result = await send(BUNDLED_RULE_FILE_REQUEST, { uri: serverUri(uri) });
  } catch (err: unknown) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === METHOD_NOT_FOUND) {
      throw new Error(tooOldMessage(uri));
    }
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(requestFailedMessage(uri, detail));
  }
  if (typeof result !== 'string') {
    throw new Error(unknownFileMessage(uri));
  }
  return result;
}

/** When no language server is running to ask. */
export function notRunningMessage(uri: string): string {
  const name = bundledFileName(uri);
  return l10n.t(
    'Cannot show the bundled gouji rule file {0}: the gouji language server is not running. Run "Gouji: Restart Language Server" and try again.',
    name,
  );
}

export function tooOldMessage(uri: string): string {
  const name = bundledFileName(uri);
  return l10n.t(
    'Cannot show the bundled gouji rule file {0}: this version of gouji does not provide bundled rule files (gouji/bundledRuleFile). Update gouji.',
    name,
  );
}

export function unknownFileMessage(uri: string): string {
  const name = bundledFileName(uri);
  return l10n.t('gouji has no bundled rule file named {0} ({1}).', name, uri);
}

function requestFailedMessage(uri: string, detail: string): string {
  const name = bundledFileName(uri);
  return l10n.t('Cannot get the bundled gouji rule file {0} from the gouji language server: {1}', name, detail);
}

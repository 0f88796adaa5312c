// Finding the gouji program and turning settings into what the server is started with.
// Invariant: nothing here imports `vscode`, so tests/unit can run it under plain Node. Messages go
// through @vscode/l10n (English here, Chinese in l10n/bundle.l10n.zh-cn.json).

import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the extension needs to know about the machine it runs on; tests pass their own. */
export interface Environment {
  /** The first workspace folder, if a folder is open. */
  workspaceFolder?: string;
  home: string;
  platform: NodeJS.Platform;
  /** The PATH variable (on Windows it may be spelled `Path`). */
  pathVariable: string;
  /** PATHEXT on Windows (e.g. `.COM;.EXE;.BAT;.CMD`); ignored elsewhere. */
  pathExt?: string;
}

export type Resolution =
  | { ok: true; command: string }
  | {
      ok: false;
      /** The setting as the user wrote it (or `gouji` when empty). */
      setting: string;
      /** True when the setting is a path; false when it is a bare name looked up on PATH. */
      isPath: boolean;
      reason: 'not-found' | 'not-a-file' | 'not-executable' | 'no-workspace';
      /** Every file that was looked at, in order. */
      tried: string[];
      /** The file that is there but cannot be run, for `not-a-file` and `not-executable`. */
      file?: string;
    };

/** Expands `~`, `~/…` and `${workspaceFolder}`; makes relative paths absolute from the workspace folder. */
export function expandPath(p: string, env: Environment): string | undefined {
  let s = p.trim();
  if (s === '~') {
    s = env.home;
  } else if (s.startsWith('~/') || (env.platform === 'win32' && s.startsWith('~\\'))) {
    s = pathFor(env).join(env.home, s.slice(2));
  }
  if (s.includes('${workspaceFolder}')) {
    if (env.workspaceFolder === undefined) {
      return undefined;
    }
    s = s.split('${workspaceFolder}').join(env.workspaceFolder);
  }
  const p2 = pathFor(env);
  if (p2.isAbsolute(s)) {
    return p2.normalize(s);
  }
  if (env.workspaceFolder === undefined) {
    return undefined;
  }
  return p2.resolve(env.workspaceFolder, s);
}

/** True when the setting names a path (has a separator, or starts with `~` or `.`) rather than a bare program name. */
export function looksLikePath(s: string, platform: NodeJS.Platform): boolean {
  return s.includes('/') || (platform === 'win32' && s.includes('\\')) || s.startsWith('~') || s.startsWith('.') || s.includes('${workspaceFolder}');
}

/**
 * Turns `gouji.server.path` into the program to run. A bare name is looked up on PATH (like a
 * shell would); a path is taken as it is, relative to the first workspace folder.
 */
export function resolveServerCommand(setting: string | undefined, env: Environment): Resolution {
  const name = (setting ?? '').trim() || 'gouji';
  const candidates: string[] = [];
  const isPath = looksLikePath(name, env.platform);
  if (isPath) {
    const full = expandPath(name, env);
    if (full === undefined) {
      return { ok: false, setting: name, isPath, reason: 'no-workspace', tried: [] };
    }
    candidates.push(...withExtensions(full, env));
  } else {
    const p = pathFor(env);
    const dirs = env.pathVariable.split(env.platform === 'win32' ? ';' : ':').filter((d) => d.trim() !== '');
    for (const dir of dirs) {
      candidates.push(...withExtensions(p.join(dir.trim().replace(/^"(.*)"$/, '$1'), name), env));
    }
  }
  let reason: 'not-found' | 'not-a-file' | 'not-executable' = 'not-found';
  let file: string | undefined;
  for (const candidate of candidates) {
    const found = check(candidate, env.platform);
    if (found === 'ok') {
      return { ok: true, command: candidate };
    }
    // Remember the most telling reason: a file that is there but cannot run beats "not found".
    if ((found === 'not-executable' && reason !== 'not-executable') || (found === 'not-a-file' && reason === 'not-found')) {
      reason = found;
      file = candidate;
    }
  }
  return { ok: false, setting: name, isPath, reason, tried: candidates, file };
}

/** Paths in `gouji.rules.extraFiles`, made absolute; entries that cannot be placed are returned apart. */
export function resolveRuleFiles(files: readonly unknown[] | undefined, env: Environment): { files: string[]; unplaced: string[] } {
  const out: string[] = [];
  const unplaced: string[] = [];
  for (const f of files ?? []) {
    if (typeof f !== 'string' || f.trim() === '') {
      continue;
    }
    const full = expandPath(f, env);
    if (full === undefined) {
      unplaced.push(f);
    } else {
      out.push(full);
    }
  }
  return { files: out, unplaced };
}

/** The arguments the server is started with: `lsp`, then the user's extra arguments. */
export function serverArgs(extraArgs: readonly unknown[] | undefined): string[] {
  return ['lsp', ...(extraArgs ?? []).filter((a): a is string => typeof a === 'string')];
}

function pathFor(env: Environment): typeof path.posix {
  return env.platform === 'win32' ? path.win32 : path.posix;
}

function withExtensions(file: string, env: Environment): string[] {
  if (env.platform !== 'win32') {
    return [file];
  }
  if (path.win32.extname(file) !== '') {
    return [file];
  }
  const exts = (env.pathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '');
  return [file, ...exts.map((e) => file + e.toLowerCase())];
}

function check(file: string, platform: NodeJS.Platform): 'ok' | 'not-found' | 'not-a-file' | 'not-executable' {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return 'not-found';
  }
  if (!stat.isFile()) {
    return 'not-a-file';
  }
  if (platform === 'win32') {
    return 'ok';
  }
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return 'ok';
  } catch {
    return 'not-executable';
  }
}

/** The message shown when the program cannot be found or run, in VS Code's display language. */
export function notFoundMessage(r: Extract<Resolution, { ok: false }>): string {
  const s = r.setting;
  switch (r.reason) {
    case 'no-workspace':
      return l10n.t(
        'gouji.server.path is a relative path ({0}) but no workspace folder is open, so it cannot be found. Set gouji.server.path to the full path of the gouji program.',
        s,
      );
    case 'not-executable':
      return l10n.t(
        'Found {0}, but it is not executable. Make it executable (chmod +x) or set gouji.server.path to a gouji program that runs.',
        r.file ?? s,
      );
    case 'not-a-file':
      return l10n.t(
        'gouji.server.path points to {0}, which is not a program file (perhaps a folder). Set gouji.server.path to the full path of the gouji program.',
        r.file ?? s,
      );
    case 'not-found':
    default:
      if (r.isPath) {
        return l10n.t(
          'Cannot find the gouji program: {0} does not exist. Install gouji, or set gouji.server.path to the full path of the gouji program.',
          r.tried[0] ?? s,
        );
      }
      return l10n.t(
        'Cannot find the gouji program: there is no "{0}" on PATH. Install gouji, or set gouji.server.path to the full path of the gouji program.',
        s,
      );
  }
}

/** How the server process ended, if it did. */
export interface Exit {
  code: number | null;
  signal: string | null;
}

/**
 * The message shown when the program was found but the language server did not come up. When the
 * process is known to have exited, that is said in words (the client's own error is then some
 * `write EPIPE` that means little to a user); the original stays in the output panel.
 */
export function startFailedMessage(command: string, detail: string, exit?: Exit): string {
  let why = detail;
  if (exit !== undefined) {
    const how = exit.signal !== null ? l10n.t('signal {0}', exit.signal) : l10n.t('exit code {0}', exit.code ?? '?');
    why = l10n.t('the program exited right away ({0}) instead of running as a language server', how);
  }
  return l10n.t(
    'The gouji language server did not start ({0} lsp): {1}. Check that gouji.server.path points to a gouji program that supports "gouji lsp"; the Gouji output panel has details.',
    command,
    why,
  );
}

// Finding the gouji program and turning settings into what the server is started with.
// Invariant: nothing here imports `vscode`, so tests/unit can run it under plain Node.

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

/** The message shown when the program cannot be found or run, in Chinese and in English. */
export function notFoundMessage(r: Extract<Resolution, { ok: false }>): string {
  const s = r.setting;
  switch (r.reason) {
    case 'no-workspace':
      return (
        `gouji.server.path 是相对路径（${s}），但没有打开工作区文件夹，无法确定它指向哪里。请在设置中把 gouji.server.path 改为 gouji 程序的完整路径。 ` +
        `gouji.server.path is a relative path (${s}) but no workspace folder is open, so it cannot be found. Set gouji.server.path to the full path of the gouji program.`
      );
    case 'not-executable':
      return (
        `找到了 ${r.file ?? s}，但它不能执行（没有执行权限）。请用 chmod +x 授予执行权限，或在设置中把 gouji.server.path 改为可执行的 gouji 程序。 ` +
        `Found ${r.file ?? s}, but it is not executable. Make it executable (chmod +x) or set gouji.server.path to a gouji program that runs.`
      );
    case 'not-a-file':
      return (
        `gouji.server.path 指向的不是一个程序文件（${r.file ?? s}，可能是文件夹）。请在设置中把 gouji.server.path 改为 gouji 程序的完整路径。 ` +
        `gouji.server.path points to ${r.file ?? s}, which is not a program file (perhaps a folder). Set gouji.server.path to the full path of the gouji program.`
      );
    case 'not-found':
    default:
      if (r.isPath) {
        return (
          `找不到 gouji 程序：${r.tried[0] ?? s} 不存在。请安装 gouji，或在设置中把 gouji.server.path 改为 gouji 程序的完整路径。 ` +
          `Cannot find the gouji program: ${r.tried[0] ?? s} does not exist. Install gouji, or set gouji.server.path to the full path of the gouji program.`
        );
      }
      return (
        `找不到 gouji 程序：在 PATH 中没有名为“${s}”的程序。请安装 gouji，或在设置中把 gouji.server.path 改为 gouji 程序的完整路径。 ` +
        `Cannot find the gouji program: there is no "${s}" on PATH. Install gouji, or set gouji.server.path to the full path of the gouji program.`
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
  let zh = detail;
  let en = detail;
  if (exit !== undefined) {
    const how = exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.code ?? '?'}`;
    const howZh = exit.signal !== null ? `信号 ${exit.signal}` : `退出码 ${exit.code ?? '?'}`;
    zh = `程序启动后立即退出了（${howZh}），没有作为语言服务器运行`;
    en = `the program exited right away (${how}) instead of running as a language server`;
  }
  return (
    `gouji 语言服务器未能启动（${command} lsp）：${zh}。请确认 gouji.server.path 指向支持 “gouji lsp” 的 gouji 程序；详情见“Gouji”输出面板。 ` +
    `The gouji language server did not start (${command} lsp): ${en}. Check that gouji.server.path points to a gouji program that supports "gouji lsp"; the Gouji output panel has details.`
  );
}

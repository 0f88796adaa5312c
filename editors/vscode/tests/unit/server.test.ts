// Unit tests for finding the gouji program and placing rule files (src/server.ts).
// Run with `npm run test:unit` (bundled by esbuild, run by node's test runner; no VS Code needed).

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  type Environment,
  expandPath,
  notFoundMessage,
  resolveRuleFiles,
  resolveServerCommand,
  serverArgs,
  startFailedMessage,
} from '../../src/server';

let tmp: string;
let bin: string;
let ws: string;

function env(extra: Partial<Environment> = {}): Environment {
  return { workspaceFolder: ws, home: tmp, platform: 'linux', pathVariable: bin, ...extra };
}

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gouji-vscode-'));
  bin = path.join(tmp, 'bin');
  ws = path.join(tmp, '工作区');
  fs.mkdirSync(bin);
  fs.mkdirSync(path.join(ws, 'target', 'release'), { recursive: true });
  fs.writeFileSync(path.join(bin, 'gouji'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(ws, 'target', 'release', 'gouji'), '#!/bin/sh\n', { mode: 0o755 });
  fs.writeFileSync(path.join(bin, 'not-executable'), 'x', { mode: 0o644 });
  fs.mkdirSync(path.join(bin, 'a-folder'));
});

after(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('resolveServerCommand', () => {
  it('finds the default name on PATH', () => {
    const r = resolveServerCommand(undefined, env({ pathVariable: `/nonexistent:${bin}` }));
    assert.deepEqual(r, { ok: true, command: path.join(bin, 'gouji') });
  });

  it('treats an empty setting as the default', () => {
    const r = resolveServerCommand('   ', env());
    assert.equal(r.ok, true);
  });

  it('says which name was missing from PATH', () => {
    const r = resolveServerCommand('gouji', env({ pathVariable: '/nonexistent' }));
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.reason, 'not-found');
      assert.equal(r.isPath, false);
      const m = notFoundMessage(r);
      assert.match(m, /no "gouji" on PATH/);
      assert.match(m, /gouji\.server\.path/);
    }
  });

  it('takes a relative path from the workspace folder', () => {
    const r = resolveServerCommand('target/release/gouji', env({ pathVariable: '' }));
    assert.deepEqual(r, { ok: true, command: path.join(ws, 'target', 'release', 'gouji') });
  });

  it('expands ${workspaceFolder} and ~', () => {
    assert.deepEqual(resolveServerCommand('${workspaceFolder}/target/release/gouji', env()), {
      ok: true,
      command: path.join(ws, 'target', 'release', 'gouji'),
    });
    assert.deepEqual(resolveServerCommand('~/bin/gouji', env()), { ok: true, command: path.join(bin, 'gouji') });
  });

  it('accepts an absolute path', () => {
    const full = path.join(bin, 'gouji');
    assert.deepEqual(resolveServerCommand(full, env({ workspaceFolder: undefined })), { ok: true, command: full });
  });

  it('reports a missing absolute path with the path', () => {
    const r = resolveServerCommand('/no/such/gouji', env());
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.reason, 'not-found');
      assert.match(notFoundMessage(r), /\/no\/such\/gouji does not exist/);
    }
  });

  it('reports a file without execute permission', () => {
    const r = resolveServerCommand(path.join(bin, 'not-executable'), env());
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.reason, 'not-executable');
      assert.match(notFoundMessage(r), /not executable/);
    }
  });

  it('reports a folder', () => {
    const r = resolveServerCommand(path.join(bin, 'a-folder'), env());
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.reason, 'not-a-file');
    }
  });

  it('cannot place a relative path without a workspace folder', () => {
    const r = resolveServerCommand('./gouji', env({ workspaceFolder: undefined }));
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.reason, 'no-workspace');
      assert.match(notFoundMessage(r), /no workspace folder is open/);
    }
  });

  it('tries PATHEXT on Windows', () => {
    const r = resolveServerCommand('gouji', {
      workspaceFolder: 'C:\\ws',
      home: 'C:\\Users\\u',
      platform: 'win32',
      pathVariable: 'C:\\nowhere;"C:\\also nowhere"',
      pathExt: '.EXE;.CMD',
    });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(r.tried, [
        'C:\\nowhere\\gouji',
        'C:\\nowhere\\gouji.exe',
        'C:\\nowhere\\gouji.cmd',
        'C:\\also nowhere\\gouji',
        'C:\\also nowhere\\gouji.exe',
        'C:\\also nowhere\\gouji.cmd',
      ]);
    }
  });
});

describe('resolveRuleFiles', () => {
  it('makes paths absolute and keeps absolute ones', () => {
    const r = resolveRuleFiles(['rules/省级.gouji', '/etc/gouji/extra.gouji', '~/my.gouji', '', 42], env());
    assert.deepEqual(r.files, [path.join(ws, 'rules', '省级.gouji'), '/etc/gouji/extra.gouji', path.join(tmp, 'my.gouji')]);
    assert.deepEqual(r.unplaced, []);
  });

  it('sets relative paths apart when no folder is open', () => {
    const r = resolveRuleFiles(['rules/省级.gouji', '/abs.gouji'], env({ workspaceFolder: undefined }));
    assert.deepEqual(r, { files: ['/abs.gouji'], unplaced: ['rules/省级.gouji'] });
  });

  it('handles a missing setting', () => {
    assert.deepEqual(resolveRuleFiles(undefined, env()), { files: [], unplaced: [] });
  });
});

describe('serverArgs', () => {
  it('starts with lsp and keeps only strings', () => {
    assert.deepEqual(serverArgs(undefined), ['lsp']);
    assert.deepEqual(serverArgs(['--log', 'debug', 3]), ['lsp', '--log', 'debug']);
  });
});

describe('messages', () => {
  it('are in Chinese and English and name the setting', () => {
    const m = startFailedMessage('/usr/bin/gouji', 'Unsupported protocol version');
    assert.match(m, /did not start \(\/usr\/bin\/gouji lsp\): Unsupported protocol version/);
    assert.match(m, /gouji\.server\.path/);
  });

  it('say in words that the program exited, instead of EPIPE', () => {
    const m = startFailedMessage('/usr/bin/gouji', 'write EPIPE', { code: 0, signal: null });
    assert.doesNotMatch(m, /EPIPE/);
    assert.match(m, /exited right away \(exit code 0\)/);
    assert.match(m, /exited right away \(exit code 0\)/);
    assert.match(startFailedMessage('/usr/bin/gouji', 'x', { code: null, signal: 'SIGKILL' }), /signal SIGKILL/);
  });

  it('expandPath leaves absolute paths alone', () => {
    assert.equal(expandPath('/a/b/../c', env()), '/a/c');
  });
});

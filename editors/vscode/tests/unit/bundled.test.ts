// Unit tests for the bundled rule files (src/bundled.ts) and the parts of package.json that go
// with them. The last block talks to a real `gouji lsp` (GOUJI_SERVER, or target/release/gouji
// at the top of the repository) and is skipped when there is none.

import * as assert from 'node:assert/strict';
import * as cp from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  BUNDLED_RULE_FILE_REQUEST,
  BUNDLED_SCHEME,
  type BundledRuleFileParams,
  bundledFileName,
  fetchBundledRuleFile,
  notRunningMessage,
  serverUri,
} from '../../src/bundled';

// Bundled into out-test/ by esbuild: the extension folder is one up, the repository three up.
const EXT_DIR = path.resolve(__dirname, '..');
const URI_2021 = 'gouji-bundled:///rules/gov-info-disclosure-2021.gouji';
/** The same URI as VS Code's `Uri.toString()` writes it (no authority: one slash). */
const URI_2021_VSCODE = 'gouji-bundled:/rules/gov-info-disclosure-2021.gouji';

describe('serverUri', () => {
  it('writes the three slashes the server expects', () => {
    assert.equal(serverUri(URI_2021_VSCODE), URI_2021);
    assert.equal(serverUri('gouji-bundled:rules/x.gouji'), 'gouji-bundled:///rules/x.gouji');
    assert.equal(serverUri('gouji-bundled:/rules/%E6%9C%AC%E7%9C%81.gouji'), 'gouji-bundled:///rules/%E6%9C%AC%E7%9C%81.gouji');
  });

  it('leaves the server\'s own spelling and other schemes alone', () => {
    assert.equal(serverUri(URI_2021), URI_2021);
    assert.equal(serverUri('file:///home/a/rules/x.gouji'), 'file:///home/a/rules/x.gouji');
  });
});

describe('fetchBundledRuleFile', () => {
  it('sends gouji/bundledRuleFile with { uri } and returns the text', async () => {
    const sent: [string, BundledRuleFileParams][] = [];
    const text = await fetchBundledRuleFile(URI_2021, async (method, params) => {
      sent.push([method, params]);
      return 'regulation 政府信息公开工作年度报告 version 2021 {\n}\n';
    });
    assert.deepEqual(sent, [['gouji/bundledRuleFile', { uri: URI_2021 }]]);
    assert.equal(text, 'regulation 政府信息公开工作年度报告 version 2021 {\n}\n');
  });

  it('sends the URI as the server writes it when given VS Code\'s spelling', async () => {
    const sent: BundledRuleFileParams[] = [];
    await fetchBundledRuleFile(URI_2021_VSCODE, async (_method, params) => {
      sent.push(params);
      return '';
    });
    assert.deepEqual(sent, [{ uri: URI_2021 }]);
  });

  it('returns an empty file as it is', async () => {
    assert.equal(await fetchBundledRuleFile(URI_2021, async () => ''), '');
  });

  it('says so when the server knows no such file (null)', async () => {
    await assert.rejects(
      fetchBundledRuleFile('gouji-bundled:///rules/nope.gouji', async () => null),
      (err: Error) => err.message.includes('nope.gouji') && err.message.includes('no bundled rule file'),
    );
  });

  it('says the gouji is too old when it does not know the request', async () => {
    await assert.rejects(
      fetchBundledRuleFile(URI_2021, async () => {
        throw Object.assign(new Error('Unhandled method gouji/bundledRuleFile'), { code: -32601 });
      }),
      (err: Error) => err.message.includes('Update gouji') && err.message.includes('gov-info-disclosure-2021.gouji'),
    );
  });

  it('passes on any other failure with its message', async () => {
    await assert.rejects(
      fetchBundledRuleFile(URI_2021, async () => {
        throw new Error('Client is not running');
      }),
      (err: Error) => err.message.includes('Client is not running') && err.message.includes('gov-info-disclosure-2021.gouji'),
    );
  });
});

describe('messages', () => {
  it('name the file, decoded', () => {
    assert.equal(bundledFileName(URI_2021), 'gov-info-disclosure-2021.gouji');
    assert.equal(bundledFileName('gouji-bundled:///rules/%E6%9C%AC%E7%9C%81.gouji#L3'), '本省.gouji');
    assert.equal(bundledFileName('gouji-bundled:///rules/%E0%A4.gouji'), '%E0%A4.gouji');
  });

  it('say what to do when the server is not running, in Chinese and English', () => {
    const m = notRunningMessage(URI_2021);
    assert.match(m, /gov-info-disclosure-2021\.gouji/);
    assert.match(m, /language server is not running/);
    assert.match(m, /Gouji: Restart Language Server/);
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'package.json'), 'utf8'));

  it('activates the extension when a bundled rule file is opened first', () => {
    assert.ok(pkg.activationEvents.includes(`onFileSystem:${BUNDLED_SCHEME}`), JSON.stringify(pkg.activationEvents));
  });

  it('turns off the ambiguous-character boxes for reports and rule files', () => {
    for (const lang of ['gouji-report', 'gouji']) {
      assert.equal(pkg.contributes.configurationDefaults?.[`[${lang}]`]?.['editor.unicodeHighlight.ambiguousCharacters'], false, lang);
    }
  });

  it('has every %key% in both message files, and no key besides', () => {
    const keys = [...JSON.stringify(pkg).matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]).sort();
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = JSON.parse(fs.readFileSync(path.join(EXT_DIR, file), 'utf8'));
      assert.deepEqual(Object.keys(nls).sort(), [...new Set(keys)].sort(), file);
    }
  });

  it('describes extraFiles as replacing the bundled rules and extraArgs as following `lsp`', () => {
    const en = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'package.nls.json'), 'utf8'));
    const zh = JSON.parse(fs.readFileSync(path.join(EXT_DIR, 'package.nls.zh-cn.json'), 'utf8'));
    assert.match(en['config.rules.extraFiles'], /instead of/);
    assert.match(en['config.rules.extraFiles'], /extends 2021/);
    assert.match(zh['config.rules.extraFiles'], /取代/);
    assert.match(zh['config.rules.extraFiles'], /继承 2021/);
    for (const m of [en['config.server.extraArgs'], zh['config.server.extraArgs']]) {
      assert.doesNotMatch(m, /--log/);
      assert.match(m, /`lsp`/);
    }
  });
});

// ─── against a real `gouji lsp` ───

const REAL = process.env.GOUJI_SERVER || path.resolve(EXT_DIR, '..', '..', 'target', 'release', 'gouji');
const haveReal = fs.existsSync(REAL);

/** Just enough of an LSP client to send requests and read their answers. */
class MiniClient {
  private readonly child: cp.ChildProcess;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  readonly exited: Promise<number | null>;

  constructor(command: string) {
    this.child = cp.spawn(command, ['lsp'], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.stdout?.on('data', (chunk: Buffer) => this.read(chunk));
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.write({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ method, params });
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private write(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.child.stdin?.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin?.write(body);
  }

  private read(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length: (\d+)/i.exec(this.buf.subarray(0, end).toString());
      const len = m ? Number(m[1]) : 0;
      if (this.buf.length < end + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(end + 4 + len);
      // Answers to our requests; the server's own requests and notifications are not needed here.
      if (msg.method === undefined && typeof msg.id === 'number') {
        const p = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) p?.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
        else p?.resolve(msg.result);
      }
    }
  }
}

describe(`a real gouji lsp (${REAL})`, { skip: haveReal ? false : `no gouji at ${REAL}` }, () => {
  let c: MiniClient;
  before(async () => {
    c = new MiniClient(REAL);
    await c.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    c.notify('initialized', {});
  });
  after(async () => {
    await c.request('shutdown', null).catch(() => {});
    c.notify('exit', null);
    const timer = setTimeout(() => c.kill(), 2000);
    await c.exited;
    clearTimeout(timer);
  });

  it('hands out the text of the bundled 2021 rule file', async () => {
    const text = await fetchBundledRuleFile(URI_2021, (method, params) => c.request(method, params));
    assert.match(text, /规定 政府信息公开工作年度报告 版本 2021/);
    assert.match(text, /检查 /);
  });

  it('…also for the URI as VS Code writes it', async () => {
    const text = await fetchBundledRuleFile(URI_2021_VSCODE, (method, params) => c.request(method, params));
    assert.match(text, /规定 政府信息公开工作年度报告 版本 2021/);
  });

  it('answers null (an error for the editor) for a file it does not bundle', async () => {
    assert.equal(await c.request(BUNDLED_RULE_FILE_REQUEST, { uri: 'gouji-bundled:///rules/nope.gouji' }), null);
    await assert.rejects(fetchBundledRuleFile('gouji-bundled:///rules/nope.gouji', (method, params) => c.request(method, params)), /no bundled rule file/);
  });
});

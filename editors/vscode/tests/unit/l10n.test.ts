// The extension's own words: every message in src/ has a Chinese translation in
// l10n/bundle.l10n.zh-cn.json with the same placeholders, and with that bundle loaded (as VS Code
// does for a Chinese display language) the messages come out in Chinese.
// Run with `npm run test:unit`.

import * as l10n from '@vscode/l10n';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { notRunningMessage } from '../../src/bundled';
import { notFoundMessage, startFailedMessage } from '../../src/server';

const EXT_DIR = path.resolve(__dirname, '..');
const bundle: Record<string, string> = JSON.parse(
  fs.readFileSync(path.join(EXT_DIR, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'),
);

/** The first argument of every `l10n.t('…')` in src/ (single-quoted, as the code writes them). */
function messagesInSource(): string[] {
  const out: string[] = [];
  for (const f of fs.readdirSync(path.join(EXT_DIR, 'src'))) {
    const text = fs.readFileSync(path.join(EXT_DIR, 'src', f), 'utf8');
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      out.push(m[1].replace(/\\n/g, '\n').replace(/\\'/g, "'"));
    }
  }
  return out;
}

const placeholders = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

describe('the l10n bundle', () => {
  it('translates every message of src/ into Chinese with the same placeholders', () => {
    const messages = messagesInSource();
    assert.ok(messages.length >= 20, `${messages.length} messages`);
    for (const m of messages) {
      assert.ok(m in bundle, `no Chinese for: ${m}`);
      assert.deepEqual(placeholders(bundle[m]), placeholders(m), m);
      assert.match(bundle[m], /[\u4e00-\u9fff]/, `not Chinese: ${bundle[m]}`);
    }
    for (const k of Object.keys(bundle)) {
      assert.ok(messages.includes(k), `unused in src/: ${k}`);
    }
  });

  it('turns the messages into Chinese once loaded, as VS Code does for zh-cn', () => {
    l10n.config({ contents: bundle });
    try {
      assert.match(notRunningMessage('gouji-bundled:///rules/gov-info-disclosure-2021.gouji'), /语言服务器没有运行/);
      assert.match(
        notFoundMessage({ ok: false, reason: 'not-found', setting: 'gouji', isPath: false, tried: [] }),
        /找不到 gouji 程序：在 PATH 中没有名为“gouji”的程序/,
      );
      assert.match(startFailedMessage('/usr/bin/gouji', 'x', { code: 2, signal: null }), /程序启动后立即退出了（退出码 2）/);
    } finally {
      l10n.config({ contents: {} });
    }
  });
});

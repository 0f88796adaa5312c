#!/usr/bin/env node
// A stand-in for `gouji lsp` in the end-to-end test (tests/e2e/run.js): speaks just enough LSP
// to publish one finding per report, and logs how it was started (arguments, working folder,
// initializationOptions, the documents it was sent) as JSON lines to $FAKE_GOUJI_LOG.
// In a report, a `（七）总计` line whose first number is not 5 gets an R040 error; in any file,
// the word `bogus` gets a G002 warning.
'use strict';
const fs = require('fs');

const LOG = process.env.FAKE_GOUJI_LOG;
const log = (entry) => {
  if (LOG) fs.appendFileSync(LOG, JSON.stringify(entry) + '\n');
};

log({ argv: process.argv.slice(2), cwd: process.cwd() });
if (process.argv[2] !== 'lsp') {
  console.error('usage: gouji lsp');
  process.exit(2);
}

function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

function range(line, character, length) {
  return { start: { line, character }, end: { line, character: character + length } };
}

function diagnose(uri, text) {
  const diagnostics = [];
  text.split('\n').forEach((line, i) => {
    const total = line.indexOf('（七）总计');
    if (total >= 0) {
      const after = total + '（七）总计'.length;
      const m = /\d+/.exec(line.slice(after));
      if (m && m[0] !== '5') {
        diagnostics.push({
          range: range(i, after + m.index, m[0].length),
          severity: 1,
          source: 'gouji',
          code: 'R040',
          message: `（七）总计 does not add up in column 自然人\n（七）总计 is ${m[0]}, but （一）+（二）+…+（六） = 5`,
          relatedInformation: [
            { location: { uri, range: range(Math.max(0, i - 1), 0, 6) }, message: '（六）其他处理 is counted here' },
          ],
        });
      }
    }
    const bogus = line.indexOf('bogus');
    if (bogus >= 0) {
      diagnostics.push({ range: range(i, bogus, 5), severity: 2, source: 'gouji', code: 'G002', message: 'unknown name bogus' });
    }
  });
  send({ method: 'textDocument/publishDiagnostics', params: { uri, diagnostics } });
}

function handle(msg) {
  const p = msg.params;
  if (msg.method === 'initialize') {
    log({ method: msg.method, initializationOptions: p.initializationOptions, rootUri: p.rootUri });
  } else {
    log({ method: msg.method, uri: p?.textDocument?.uri, languageId: p?.textDocument?.languageId });
  }
  switch (msg.method) {
    case 'initialize':
      send({ id: msg.id, result: { capabilities: { textDocumentSync: 1 }, serverInfo: { name: 'fake-gouji' } } });
      break;
    case 'shutdown':
      send({ id: msg.id, result: null });
      break;
    case 'exit':
      process.exit(0);
      break;
    case 'textDocument/didOpen':
      diagnose(p.textDocument.uri, p.textDocument.text);
      break;
    case 'textDocument/didChange':
      diagnose(p.textDocument.uri, p.contentChanges[p.contentChanges.length - 1].text);
      break;
    case 'textDocument/didClose':
      send({ method: 'textDocument/publishDiagnostics', params: { uri: p.textDocument.uri, diagnostics: [] } });
      break;
    default:
      if (msg.id !== undefined && msg.method) {
        send({ id: msg.id, error: { code: -32601, message: `method not found: ${msg.method}` } });
      }
  }
}

let buf = Buffer.alloc(0);
process.stdin.on('data', (chunk) => {
  buf = Buffer.concat([buf, chunk]);
  for (;;) {
    const headerEnd = buf.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, headerEnd).toString());
    const len = m ? Number(m[1]) : 0;
    if (buf.length < headerEnd + 4 + len) return;
    const body = buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8');
    buf = buf.subarray(headerEnd + 4 + len);
    handle(JSON.parse(body));
  }
});
process.stdin.on('end', () => process.exit(0));

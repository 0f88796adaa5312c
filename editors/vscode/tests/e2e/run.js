// End-to-end test of the packaged extension in a real VS Code (code-server in headless
// Chromium). Opt-in and slow: run it through scripts/e2e.sh, which installs what it needs.
//
// Scenarios, each in a fresh code-server with gouji.vsix installed:
//   ok        a report with a broken （七）总计 is underlined and listed in Problems; the server is
//             started as `<path> lsp <extraArgs>` with absolute extraRuleFiles; .md reports and
//             .gouji files are sent to it, other .txt files are not; the restart command works.
//   notfound  gouji.server.path points nowhere: nothing happens for an ordinary .txt file; opening
//             a report gives one error notification, in Chinese and English.
//   exited    the program exits at once (like a gouji without `lsp`): one notification that says so.
//
// Environment: E2E_DIR (where scripts/e2e.sh installed code-server, Node 24, playwright-core),
// CHROMIUM (default /usr/bin/chromium), GOUJI_SERVER (a real gouji to use instead of the fake
// server in the `ok` scenario; then only what any server must do is checked).
'use strict';
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const EXT_DIR = path.resolve(__dirname, '..', '..');
const E2E_DIR = process.env.E2E_DIR || path.join(os.tmpdir(), 'gouji-vscode-e2e');
const CODE_SERVER = path.join(E2E_DIR, 'cs', 'node_modules', '.bin', 'code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const FAKE = path.join(__dirname, 'fake-gouji.js');
const REAL = process.env.GOUJI_SERVER;
const VSIX = path.join(EXT_DIR, 'gouji.vsix');
const REPORT = '某市2023年政府信息公开工作年度报告.txt';
const { chromium } = require(path.join(E2E_DIR, 'node_modules', 'playwright-core'));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`  ok    ${name}`);
  } else {
    failed++;
    console.log(`  FAIL  ${name}${detail === undefined ? '' : `\n        ${detail}`}`);
  }
}

function makeWorkspace(root) {
  const ws = path.join(root, 'ws');
  fs.mkdirSync(path.join(ws, 'rules'), { recursive: true });
  const report = [
    '某市人民政府2023年政府信息公开工作年度报告',
    '',
    '三、收到和处理政府信息公开申请情况',
    '一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5',
    '（一）予以公开 3 0 0 0 0 0 3',
    '（六）其他处理 2 0 0 0 0 0 2',
    '（七）总计 6 0 0 0 0 0 6',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(ws, REPORT), report);
  fs.writeFileSync(path.join(ws, '某区2023年报.md'), report);
  fs.writeFileSync(path.join(ws, 'notes.txt'), report);
  fs.writeFileSync(path.join(ws, 'rules', 'extra.gouji'), 'regulation 额外 {\n  section bogus "一、x"\n}\n');
  return ws;
}

async function withCodeServer(name, settings, body) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `gouji-e2e-${name}-`));
  const ws = makeWorkspace(root);
  const env = {
    ...process.env,
    HOME: root,
    XDG_DATA_HOME: path.join(root, 'data'),
    XDG_CONFIG_HOME: path.join(root, 'config'),
    XDG_CACHE_HOME: path.join(root, 'cache'),
    FAKE_GOUJI_LOG: path.join(root, 'server.log'),
  };
  const userData = path.join(root, 'user-data');
  const extensions = path.join(root, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'chat.disableAIFeatures': true,
      ...settings,
    }),
  );
  const common = ['--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(CODE_SERVER, [...common, '--install-extension', VSIX], { env, stdio: 'ignore' });
  const port = 18000 + Math.floor(Math.random() * 2000);
  const server = spawn(
    CODE_SERVER,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', ...common, ws],
    { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let serverOutput = '';
  server.stdout.on('data', (d) => (serverOutput += d));
  server.stderr.on('data', (d) => (serverOutput += d));
  let browser;
  try {
    for (let i = 0; i < 120 && !serverOutput.includes('HTTP server listening'); i++) await sleep(500);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
    const open = async (label) => {
      await page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${label}"]`).first().click();
      await sleep(1500);
    };
    const serverLog = () =>
      fs.existsSync(env.FAKE_GOUJI_LOG)
        ? fs.readFileSync(env.FAKE_GOUJI_LOG, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l))
        : [];
    await body({ page, open, serverLog, ws, root });
    await page.screenshot({ path: path.join(E2E_DIR, `${name}.png`) });
  } catch (err) {
    check(`${name}: ran to the end`, false, String(err && err.stack ? err.stack : err));
    console.log(serverOutput.slice(-2000));
  } finally {
    if (browser) await browser.close();
    // code-server leaves a file watcher behind; it is in the process group started above.
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
    await sleep(1000);
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
  }
}

async function notifications(page) {
  await page.waitForSelector('.notifications-toasts .notification-list-item-message', { timeout: 30000 });
  await sleep(2000);
  return page.locator('.notifications-toasts .notification-list-item').allInnerTexts();
}

const ONLY = (process.env.E2E_ONLY || 'ok,notfound,exited').split(',');

async function main() {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run scripts/package.sh first`);

  if (ONLY.includes('ok')) {
  console.log(`ok${REAL ? ` (real server: ${REAL})` : ''}`);
  await withCodeServer(
    'ok',
    { 'gouji.server.path': REAL || FAKE, 'gouji.rules.extraFiles': ['rules/extra.gouji'], 'gouji.server.extraArgs': REAL ? [] : ['--from-settings'] },
    async ({ page, open, serverLog, ws }) => {
      await open(REPORT);
      const squiggle = await page.waitForSelector('.squiggly-error', { timeout: 30000 }).then(() => true, () => false);
      check('the report gets a red underline', squiggle);
      const mode = await page.locator('#status\\.editor\\.mode').innerText();
      check('a .txt file named …年度报告… opens as Gouji report', mode.includes('Gouji report'), mode);
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 10000 }).catch(() => {});
      await sleep(1000);
      const problems = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
      console.log(`        Problems: ${JSON.stringify(problems)}`);
      check('the Problems panel lists a gouji finding', problems.some((p) => p.includes('gouji')), JSON.stringify(problems));
      if (!REAL) {
        check('…with the message, code and place', problems.some((p) => p.includes('（七）总计 does not add up in column 自然人') && p.includes('R040') && p.includes('Ln 7, Col 7')), JSON.stringify(problems));
        check('…and its related place', problems.some((p) => p.includes('（六）其他处理 is counted here')), JSON.stringify(problems));
      }
      await open('某区2023年报.md');
      await open('notes.txt');
      await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="rules"]').first().click();
      await sleep(800);
      await open('extra.gouji');
      const mode2 = await page.locator('#status\\.editor\\.mode').innerText();
      check('a .gouji file opens as Gouji rules', mode2.includes('Gouji rules'), mode2);
      const keyword = await page.locator('.view-lines span[class*="mtk"]', { hasText: /^regulation$/ }).first().getAttribute('class', { timeout: 5000 }).catch(() => null);
      check('the grammar colours keywords', keyword !== null && /mtk\d+/.test(keyword) && !/\bmtk1\b/.test(keyword), String(keyword));
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type('Gouji: Restart Language Server');
      await sleep(800);
      await page.keyboard.press('Enter');
      await sleep(4000);
      if (!REAL) {
        const log = serverLog();
        const starts = log.filter((e) => e.argv);
        check('the server is started as `<path> lsp <extraArgs>`', starts.length > 0 && JSON.stringify(starts[0].argv) === '["lsp","--from-settings"]', JSON.stringify(starts[0]));
        check('…in the workspace folder', starts.length > 0 && starts[0].cwd === ws, JSON.stringify(starts[0]));
        const init = log.find((e) => e.method === 'initialize');
        const want = JSON.stringify({ extraRuleFiles: [path.join(ws, 'rules', 'extra.gouji')] });
        check('initializationOptions carry absolute extraRuleFiles', init !== undefined && JSON.stringify(init.initializationOptions) === want, JSON.stringify(init));
        const opened = log.filter((e) => e.method === 'textDocument/didOpen');
        const byName = (n) => opened.find((e) => decodeURIComponent(e.uri).endsWith(n));
        check('the report is sent as gouji-report', byName(REPORT)?.languageId === 'gouji-report', JSON.stringify(opened));
        check('a .md report is sent as markdown', byName('某区2023年报.md')?.languageId === 'markdown', JSON.stringify(opened));
        check('a .txt file that is not a report is not sent', byName('notes.txt') === undefined, JSON.stringify(opened));
        check('a rule file is sent as gouji', byName('extra.gouji')?.languageId === 'gouji', JSON.stringify(opened));
        check('the restart command starts a new server', starts.length === 2 && log.some((e) => e.method === 'shutdown'), JSON.stringify(log.map((e) => e.method || 'start')));
      }
    },
  );

  }

  if (ONLY.includes('notfound')) {
  console.log('notfound');
  await withCodeServer('notfound', { 'gouji.server.path': '/nonexistent/gouji' }, async ({ page, open }) => {
    await open('notes.txt');
    await sleep(3000);
    const early = await page.locator('.notifications-toasts .notification-list-item').allInnerTexts();
    check('an ordinary .txt file does not start the server (no message yet)', early.length === 0, JSON.stringify(early));
    await open(REPORT);
    const shown = await notifications(page);
    console.log(`        ${JSON.stringify(shown)}`);
    check('one notification', shown.length === 1, JSON.stringify(shown));
    check('…in Chinese and English, naming the setting', shown.some((s) => s.includes('找不到 gouji 程序') && s.includes('Cannot find the gouji program') && s.includes('gouji.server.path')), JSON.stringify(shown));
  });

  }

  if (ONLY.includes('exited')) {
  console.log('exited');
  await withCodeServer('exited', { 'gouji.server.path': path.join(__dirname, 'hello-gouji.sh') }, async ({ page, open }) => {
    await open(REPORT);
    const shown = await notifications(page);
    console.log(`        ${JSON.stringify(shown)}`);
    check('one notification', shown.length === 1, JSON.stringify(shown));
    check('…saying the program exited', shown.some((s) => s.includes('立即退出') && s.includes('exited right away')), JSON.stringify(shown));
  });
  }

  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

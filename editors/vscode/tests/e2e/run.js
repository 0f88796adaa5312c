// End-to-end test of the packaged extension in a real VS Code (code-server in headless
// Chromium). Opt-in and slow: run it through scripts/e2e.sh, which installs what it needs.
//
// Scenarios, each in a fresh code-server with gouji.vsix installed:
//   ok        a report with a broken （七）总计 is underlined and listed in Problems; the server is
//             started as `<path> lsp <extraArgs>` with absolute extraRuleFiles; .md reports and
//             .gouji files are sent to it, other .txt files are not; the restart command works.
//   notfound  gouji.server.path points nowhere: nothing happens for an ordinary .txt file; opening
//             a report gives one error notification, in VS Code's display language.
//   exited    the program exits at once (like a gouji without `lsp`): one notification that says so.
//   real      only with GOUJI_SERVER: the repository's examples/report-2023-broken.txt, saved as
//             示例年度报告.txt, gets the findings `gouji check` gives it (R031, R040, R030, R041,
//             R014) at the same places, without ambiguous-character boxes (a JSON file has
//             them); the related place "the rule this finding enforces" and go to definition
//             (F12) on the broken cell open the bundled rule file (gouji-bundled:, its text from
//             the server) read-only, as Gouji rules, coloured; and a rule file with a misspelt
//             column name in a check gets G002 at the name. Screenshots and the Problems
//             panel's text go to E2E_SHOTS.
//
// Environment: E2E_DIR (where scripts/e2e.sh installed code-server, Node 24, playwright-core),
// CHROMIUM (default /usr/bin/chromium), GOUJI_SERVER (a real gouji to use instead of the fake
// server in the `ok` scenario, where only what any server must do is then checked; it also runs
// the `real` scenario), E2E_SHOTS (where screenshots and Problems text go; default E2E_DIR),
// E2E_ONLY (comma-separated scenarios; default all that apply).
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
const SHOTS = process.env.E2E_SHOTS || E2E_DIR;
const EXAMPLE = path.resolve(EXT_DIR, '..', '..', 'examples', 'report-2023-broken.txt');
const REAL_REPORT = '示例年度报告.txt';
const BROKEN_RULES = '示范补充规则.gouji';
const CONTROL_JSON = '对照.json';
// G002: 商业企 is not declared (商业企业 is).
const BROKEN_RULES_TEXT = [
  '/// 某市自定的补充规则（示例）：第三部分的申请情况表',
  'regulation 示范年报 version 1 {',
  '  report_years 2030..',
  '  section 申请情况 "三、收到和处理政府信息公开申请情况" {',
  '    table 申请表 "收到和处理政府信息公开申请情况" {',
  '      columns 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计',
  '      row 新收 "一、本年新收政府信息公开申请数量"',
  '      row 上年结转 "二、上年结转政府信息公开申请数量"',
  '      /// 每一行的总计等于自然人与商业企业之和',
  '      check 行总计 each row: 总计 = 自然人 + 商业企',
  '    }',
  '  }',
  '}',
  '',
].join('\n');
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
  // A rule file a real gouji compiles (with errors in it, reports would not be checked at all).
  fs.writeFileSync(path.join(ws, 'rules', 'extra.gouji'), 'regulation 额外 version 1 {\n  report_years 2030..\n  section bogus "一、x"\n}\n');
  if (REAL) {
    fs.copyFileSync(EXAMPLE, path.join(ws, REAL_REPORT));
    fs.writeFileSync(path.join(ws, 'rules', BROKEN_RULES), BROKEN_RULES_TEXT);
    // Full-width punctuation next to ASCII digits in a JSON string: boxed as ambiguous characters
    // (VS Code's default; the report's line 3 has the same).
    fs.writeFileSync(path.join(ws, CONTROL_JSON), '{ "说明": "统计期限自2023年1月1日起，至2023年12月31日止（示例）" }\n');
  }
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
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
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

// Every row of the Problems panel (it only renders the rows in view, so scroll through it), each
// on one line; with `raw`, each row's innerText as it is (its parts on separate lines).
async function problemRows(page, raw = false) {
  await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 10000 }).catch(() => {});
  await sleep(1000);
  const rows = new Map();
  const list = page.locator('.markers-panel .monaco-list').first();
  const box = await list.boundingBox().catch(() => null);
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let stale = 0, i = 0; stale < 3 && i < 100; i++) {
    const seen = await page.$$eval('.markers-panel .monaco-list-row', (els) =>
      els.map((e) => [Number(e.getAttribute('data-index')), e.innerText]),
    );
    const before = rows.size;
    for (const [k, v] of seen) rows.set(k, v);
    stale = rows.size === before ? stale + 1 : 0;
    await page.mouse.wheel(0, 200);
    await sleep(200);
  }
  if (box) await page.mouse.wheel(0, -100000);
  await sleep(300);
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map((e) => (raw ? e[1] : e[1].replace(/\s*\n\s*/g, '  ')));
}

// How many ambiguous-character boxes (editor.unicodeHighlight) the visible editor shows.
async function unicodeBoxes(page) {
  return page.locator('.editor-instance .monaco-editor .unicode-highlight').count();
}

async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  await sleep(500);
  await page.keyboard.type(title);
  await sleep(800);
  await page.keyboard.press('Enter');
  await sleep(1000);
}

async function gotoLine(page, line) {
  await page.keyboard.press('Control+P');
  await sleep(500);
  await page.keyboard.type(`:${line}`);
  await sleep(500);
  await page.keyboard.press('Enter');
  await sleep(800);
}

const ONLY = (process.env.E2E_ONLY || (REAL ? 'ok,real,notfound,exited' : 'ok,notfound,exited')).split(',');

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
      if (REAL) {
        // rules/extra.gouji governs reports in place of the bundled rules (it covers 2030 on), so
        // a real gouji reports R003 naming 额外: the extraRuleFiles reached it.
        check('…and the rule set from gouji.rules.extraFiles governs it', problems.some((p) => p.includes('R003') && p.includes('额外')), JSON.stringify(problems));
      }
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

  if (ONLY.includes('real') && !REAL) console.log('real: skipped (set GOUJI_SERVER to a real gouji)');
  if (ONLY.includes('real') && REAL) {
  console.log(`real (${REAL})`);
  fs.mkdirSync(SHOTS, { recursive: true });
  const shot = (name) => page_.screenshot({ path: path.join(SHOTS, name) });
  let page_;
  // With several definitions, go straight to the first instead of a peek view.
  await withCodeServer('real', { 'gouji.server.path': REAL, 'editor.gotoLocation.multipleDefinitions': 'goto' }, async ({ page, open }) => {
    page_ = page;
    // The report: the findings `gouji check examples/report-2023-broken.txt` gives, at its places.
    await open(REAL_REPORT);
    const squiggle = await page.waitForSelector('.squiggly-error', { timeout: 30000 }).then(() => true, () => false);
    check('the example report gets a red underline', squiggle);
    const mode = await page.locator('#status\\.editor\\.mode').innerText();
    check(`${REAL_REPORT} opens as Gouji report`, mode.includes('Gouji report'), mode);
    // Full-width punctuation is normal in a report: no ambiguous-character boxes. A JSON file
    // with the same punctuation gets them, which shows that the check would see them.
    await sleep(2000);
    const boxes = await unicodeBoxes(page);
    await open(CONTROL_JSON);
    await page.waitForSelector('.editor-instance .monaco-editor .unicode-highlight', { timeout: 10000 }).catch(() => {});
    const jsonBoxes = await unicodeBoxes(page);
    check('no ambiguous-character boxes in the report (but in a JSON file)', boxes === 0 && jsonBoxes > 0, JSON.stringify({ boxes, jsonBoxes }));
    await open(REAL_REPORT);
    await page.waitForSelector('.squiggly-error', { timeout: 30000 }).catch(() => {});
    await page.keyboard.press('Control+Shift+M');
    await runCommand(page, 'View: Toggle Maximized Panel');
    const raw = await problemRows(page, true);
    const problems = raw.map((p) => p.replace(/\s*\n\s*/g, '  '));
    fs.writeFileSync(path.join(SHOTS, 'real-report-problems.txt'), problems.join('\n') + '\n');
    fs.writeFileSync(path.join(SHOTS, 'real-report-problems.raw.txt'), raw.join('\n----\n') + '\n');
    console.log(`        Problems (${problems.length} rows):\n${problems.map((p) => `          ${p}`).join('\n')}`);
    await shot('real-report-problems.png');
    await runCommand(page, 'View: Toggle Maximized Panel');
    // A row reads `message  gouji  R031  [Ln 30, Col 6]  note: …` (older VS Code: `gouji(R031)`).
    const matches = (p, parts) => parts.every((x) => (x instanceof RegExp ? x.test(p) : p.includes(x)));
    const code = (c) => new RegExp(`gouji\\W*${c}\\b`);
    const has = (...parts) => problems.some((p) => matches(p, parts));
    check('R031 at the letter O (Ln 30, Col 6)', has(code('R031'), '[Ln 30, Col 6]'), JSON.stringify(problems));
    check('R040 three times at （七）总计 × 自然人 (Ln 63, Col 8) / 总计 (Ln 63, Col 21)',
      problems.filter((p) => code('R040').test(p)).length === 3 && has(code('R040'), '[Ln 63, Col 8]') && has(code('R040'), '[Ln 63, Col 21]'), JSON.stringify(problems));
    check('R030 at the dash (Ln 71, Col 25)', has(code('R030'), '[Ln 71, Col 25]'), JSON.stringify(problems));
    check('R041 at the dash (Ln 71, Col 25)', has(code('R041'), '[Ln 71, Col 25]'), JSON.stringify(problems));
    check('R014 at the heading (Ln 73, Col 1)', has(code('R014'), '[Ln 73, Col 1]'), JSON.stringify(problems));
    check('related places name the cells summed and the rule', has(REAL_REPORT, '[Ln 63, Col 11]', '商业企业 3') && has('gov-info-disclosure-2021.gouji', '[Ln 95, Col 7]', 'the rule this finding enforces'), JSON.stringify(problems));
    const counts = await page.locator('#status\\.problems').innerText().catch(() => '');
    console.log(`        status bar problems: ${JSON.stringify(counts)}`);
    await page.locator('.markers-panel').first().click({ position: { x: 5, y: 5 } }).catch(() => {});
    await page.keyboard.press('Control+Shift+M'); // hide Problems for the editor shots
    await sleep(500);
    for (const line of [30, 63, 73]) {
      await page.locator('.monaco-editor .view-lines').first().click();
      await gotoLine(page, line);
      await shot(`real-report-line${line}.png`);
    }
    // Hover over the underline at （七）总计 × 自然人.
    await gotoLine(page, 63);
    const marks = await page.$$eval('.monaco-editor .squiggly-error', (els) => els.map((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }));
    if (marks.length > 0) {
      const [x, y, w, h] = marks.sort((a, b) => a[0] - b[0])[0];
      await page.mouse.move(x + w / 2, y + h / 2);
      await page.waitForSelector('.monaco-hover', { state: 'visible', timeout: 10000 }).catch(() => {});
      await sleep(1000);
      await shot('real-report-hover.png');
      const hover = await page.locator('.monaco-hover').first().innerText().catch(() => '');
      fs.writeFileSync(path.join(SHOTS, 'real-report-hover.txt'), hover + '\n');
      await page.mouse.move(5, 5);
      await page.keyboard.press('Escape');
    }

    // A related place in a bundled rule file (`gouji-bundled:///rules/…`): clicking it should
    // show that rule file.
    await page.keyboard.press('Control+Shift+M');
    await runCommand(page, 'View: Toggle Maximized Panel');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'the rule this finding enforces' }).first().dblclick({ timeout: 5000 }).catch(() => {});
    await sleep(3000);
    await runCommand(page, 'View: Close Panel');
    const tab = await page.locator('.tabs-container .tab.active').first().innerText().catch(() => '');
    const shown = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText().catch(() => '');
    const toasts = await page.locator('.notifications-toasts .notification-list-item').allInnerTexts();
    await shot('real-related-rule.png');
    console.log(`        after opening a related place in the bundled rules: tab ${JSON.stringify(tab)}, notifications ${JSON.stringify(toasts)}`);
    check('a related place in the bundled rule file opens it', tab.replace(/\s/g, '').includes('gov-info-disclosure-2021.gouji') && /check\s/.test(shown), JSON.stringify({ tab, toasts, shown: shown.slice(0, 200) }));
    const ruleMode = await page.locator('#status\\.editor\\.mode').innerText().catch(() => '');
    check('…as a Gouji rules file', ruleMode.includes('Gouji rules'), ruleMode);
    // Coloured by the grammar: a keyword is a token of its own, in another colour than names
    // (as plain text, each line would be one token).
    const tokens = await page.$$eval('.editor-instance .monaco-editor .view-lines span[class^="mtk"]', (els) =>
      els.filter((e) => e.textContent.trim() !== '').map((e) => [e.textContent, e.className]),
    );
    const kinds = new Set(tokens.map((t) => t[1]));
    const keyword = tokens.find((t) => t[0] === 'check' || t[0] === 'row');
    const other = tokens.find((t) => keyword !== undefined && t[1] !== keyword[1]);
    check('…coloured by the gouji grammar', keyword !== undefined && other !== undefined && kinds.size >= 3, JSON.stringify({ kinds: [...kinds], sample: tokens.slice(0, 12) }));
    check('…without ambiguous-character boxes', (await unicodeBoxes(page)) === 0);
    const lines = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await lines.click();
    await page.keyboard.type('改xyz');
    await sleep(800);
    const typed = await lines.innerText().catch(() => '');
    const dirty = await page.locator('.tabs-container .tab.active.dirty').count();
    check('…read-only', !typed.includes('xyz') && dirty === 0, JSON.stringify({ dirty, typed: typed.slice(0, 200) }));
    await page.keyboard.press('Escape');

    // Go to definition from the cell R040 is on (（七）总计 × 自然人): into the bundled rules.
    await runCommand(page, 'View: Close All Editors');
    await open(REAL_REPORT);
    await page.waitForSelector('.squiggly-error', { timeout: 30000 }).catch(() => {});
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await gotoLine(page, '63:8');
    await page.keyboard.press('F12');
    await page.waitForFunction(() => {
      const t = document.querySelector('.tabs-container .tab.active');
      return t && t.textContent.replace(/\s/g, '').includes('gov-info-disclosure-2021.gouji');
    }, null, { timeout: 15000 }).catch(() => {});
    await sleep(1500);
    const defTab = await page.locator('.tabs-container .tab.active').first().innerText().catch(() => '');
    const defShown = await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText().catch(() => '');
    const defToasts = await page.locator('.notifications-toasts .notification-list-item').allInnerTexts();
    await shot('real-definition.png');
    // The first definition is the rule behind the finding or the row's declaration.
    check('go to definition on a report cell opens the bundled rule file', defTab.replace(/\s/g, '').includes('gov-info-disclosure-2021.gouji') && /\b(check|row)\s/.test(defShown), JSON.stringify({ defTab, defToasts, shown: defShown.slice(0, 200) }));
    await runCommand(page, 'View: Close All Editors');

    // The rule file with a misspelt name.
    await page.locator('.explorer-folders-view .monaco-list-row[aria-label^="rules"]').first().click();
    await sleep(800);
    await open(BROKEN_RULES);
    const squiggle2 = await page.waitForFunction(() => {
      const ed = document.querySelector('.editor-instance .monaco-editor');
      return ed && ed.querySelector('.squiggly-error');
    }, null, { timeout: 30000 }).then(() => true, () => false);
    check('the rule file gets a red underline', squiggle2);
    await page.keyboard.press('Control+Shift+M');
    const rraw = await problemRows(page, true);
    const rproblems = rraw.map((p) => p.replace(/\s*\n\s*/g, '  '));
    fs.writeFileSync(path.join(SHOTS, 'real-rules-problems.txt'), rproblems.join('\n') + '\n');
    fs.writeFileSync(path.join(SHOTS, 'real-rules-problems.raw.txt'), rraw.join('\n----\n') + '\n');
    console.log(`        Problems (${rproblems.length} rows):\n${rproblems.map((p) => `          ${p}`).join('\n')}`);
    check('G002 at 商业企 (Ln 10, Col 38)', rproblems.some((p) => /gouji\W*G002\b/.test(p) && p.includes('商业企') && p.includes('[Ln 10, Col 38]')), JSON.stringify(rproblems));
    check('…suggesting 商业企业', rproblems.some((p) => p.includes('商业企业')), JSON.stringify(rproblems));
    await shot('real-rules.png');
  });
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
    // code-server runs with the English display language: the extension's English words.
    check('…in the display language, naming the setting', shown.some((s) => s.includes('Cannot find the gouji program') && s.includes('gouji.server.path')), JSON.stringify(shown));
  });

  }

  if (ONLY.includes('exited')) {
  console.log('exited');
  await withCodeServer('exited', { 'gouji.server.path': path.join(__dirname, 'hello-gouji.sh') }, async ({ page, open }) => {
    await open(REPORT);
    const shown = await notifications(page);
    console.log(`        ${JSON.stringify(shown)}`);
    check('one notification', shown.length === 1, JSON.stringify(shown));
    check('…saying the program exited', shown.some((s) => s.includes('exited right away')), JSON.stringify(shown));
  });
  }

  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

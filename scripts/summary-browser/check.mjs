// Loads a `gouji check --summary` page in headless Chromium, checks that it lists the expected
// number of reports, sorts the 错误 column (twice: descending), filters by a code, and takes a
// screenshot. Usage: node check.mjs PAGE.html REPORTS SCREENSHOT.png
import { chromium } from 'playwright-core';

const [page_path, expected, shot] = process.argv.slice(2);
const fail = (msg) => { console.error(`summary-browser-check: ${msg}`); process.exit(1); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('file://' + page_path);
  const rows = await page.locator('#reports tbody tr').count();
  if (rows !== Number(expected)) fail(`${rows} rows, expected ${expected}`);
  if (!(await page.locator('#controls').isVisible())) fail('the filter controls stay hidden: the script did not run');
  // Sort by 错误: the first click sorts ascending, the second descending.
  const header = page.locator('#reports th', { hasText: /^错误$/ });
  await header.click();
  await header.click();
  if ((await header.getAttribute('aria-sort')) !== 'descending') fail('the 错误 column is not marked as sorted');
  const col = await page.locator('#reports th').evaluateAll((ths) => ths.findIndex((t) => t.textContent === '错误'));
  const counts = await page.locator('#reports tbody tr').evaluateAll(
    (trs, i) => trs.map((tr) => Number(tr.cells[i].textContent)), col);
  for (let i = 1; i < counts.length; i++) {
    if (counts[i] > counts[i - 1]) fail(`not sorted by 错误: ${counts.join(',')}`);
  }
  // Filter by a code: fewer rows, and the count says so.
  await page.fill('#q', 'R040');
  const shown = Number(await page.locator('#shown').textContent());
  const visible = await page.locator('#reports tbody tr:visible').count();
  if (!(shown === visible && shown > 0 && shown < rows)) fail(`filter: shown ${shown}, visible ${visible} of ${rows}`);
  await page.fill('#q', '');
  // A finding's headline leads to its section.
  const link = page.locator('#reports tbody a').first();
  const target = (await link.getAttribute('href')).slice(1);
  await link.click();
  if (!(await page.locator(`[id="${target}"]`).isVisible())) fail(`link to #${target} leads nowhere`);
  await page.evaluate(() => window.scrollTo(0, 0));
  if (shot) await page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1400, height: 900 } });
  if (errors.length) fail(`script errors: ${errors.join('; ')}`);
  if (requests.length) fail(`the page fetched ${requests.join(', ')}`);
  console.log(`summary-browser-check: ok (${rows} reports, sorted by 错误, filtered to ${shown} by R040)`);
} finally {
  await browser.close();
}

// Search and KWIC as a reader uses them: `/` to the box, a query typed, hits by document with
// their sentences, a hit followed into its column with every match marked, next/previous
// through the hits of the open columns, the concordance sorted and exported as CSV with a link
// to each passage, a collocate made a theme, and the search opened again from a shared link in
// a fresh browser. Counts are facts of the default corpus a person can check with grep
// (core/tests/search.rs holds the same ones).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { serve, launch, watchedContext, open, evalAll, waitFocusedAndVisible, passageSelector } from './helpers.mjs';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Wait until the results shown are those of `query`; their count of passages. */
async function resultsFor(page, query) {
  await page.waitForFunction(
    (q) => document.querySelector('[data-testid=search-results]')?.getAttribute('data-query') === q,
    query,
  );
  return Number(await page.getAttribute('[data-testid=search-results]', 'data-total'));
}

const codepoints = (s) => [...s].map((c) => c.codePointAt(0));
function compare(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

test('search: typed from the library, hits followed and stepped through, a concordance sorted and exported, a shared search link', async () => {
  const guard = await watchedContext(browser, server.origin, { acceptDownloads: true });
  const page = await guard.newPage();
  await open(page, server.url);

  // `/` brings the box; typing answers at once, by document.
  await page.locator('[data-testid=doc-card]').first().waitFor();
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'search-input');
  await page.keyboard.type('拡大抑止');
  assert.equal(await resultsFor(page, '拡大抑止'), 7, '拡大抑止 is in 7 passages');
  assert.match(await page.innerText('[data-testid=search-summary]'), /7 passages in 3 documents \(11 matches\)/);
  const groups = await evalAll(page, '[data-testid=search-doc]', (els) => els.map((e) => e.getAttribute('data-doc')));
  assert.equal(groups.length, 3);
  const marks = await evalAll(page, '[data-testid=search-hit] mark.found', (els) => els.map((e) => e.textContent));
  assert.ok(marks.length > 0 && marks.every((m) => m === '拡大抑止'), `every hit marks the word: ${marks}`);

  // Spelling variants are one search: 3カ国 finds 三か国, 三ヶ国… alike.
  await page.fill('[data-testid=search-input]', '3カ国');
  const variants = await resultsFor(page, '3カ国');
  await page.fill('[data-testid=search-input]', '三か国');
  assert.equal(await resultsFor(page, '三か国'), variants);
  assert.ok(variants > 10);
  // Several words, an exclusion, either-or.
  await page.fill('[data-testid=search-input]', '拡大抑止 -日米');
  const without = await resultsFor(page, '拡大抑止 -日米');
  assert.ok(without < 7, `excluding 日米 leaves fewer (${without})`);
  await page.fill('[data-testid=search-input]', 'zzqqxx');
  assert.equal(await resultsFor(page, 'zzqqxx'), 0);
  await page.waitForSelector('[data-testid=search-none]');
  await page.fill('[data-testid=search-input]', '拡大抑止');
  await resultsFor(page, '拡大抑止');

  // A hit followed: its passage opens in a column, marked, every match highlighted.
  const hit = page.locator('[data-testid=search-hit]').first();
  const [doc, pid] = [await hit.getAttribute('data-doc'), await hit.getAttribute('data-passage')];
  await hit.click();
  await waitFocusedAndVisible(page, passageSelector(doc, pid));
  const found = await evalAll(page, `${passageSelector(doc, pid)} mark.found`, (els) => els.map((e) => e.textContent));
  assert.ok(found.length >= 1 && found.join('').includes('拡大抑止'), `matches marked in the passage: ${found}`);
  await page.waitForSelector('[data-testid=search-panel]');
  await resultsFor(page, '拡大抑止');

  // Next and previous go through the hits of the open column, in reading order, and wrap.
  const count = async () => page.innerText('[data-testid=search-step-count]');
  assert.match(await count(), /^1 of \d+/);
  await page.click('[data-testid=search-next]');
  await page.waitForFunction(() => /^2 of/.test(document.querySelector('[data-testid=search-step-count]')?.textContent ?? ''));
  const second = await page.evaluate(() => document.querySelector('[data-focused=true]')?.getAttribute('data-passage'));
  assert.notEqual(second, pid);
  await waitFocusedAndVisible(page, passageSelector(doc, second));
  await page.click('[data-testid=search-prev]');
  await waitFocusedAndVisible(page, passageSelector(doc, pid));
  // Enter in the box steps too.
  await page.focus('[data-testid=search-input]');
  await page.keyboard.press('Enter');
  await waitFocusedAndVisible(page, passageSelector(doc, second));

  // The concordance: one line per match, sorted by the left context (nearest character first).
  await page.click('[data-testid=search-tab][data-tab=kwic]');
  await page.waitForSelector('[data-testid=kwic-line]');
  assert.equal(await page.locator('[data-testid=kwic-line]').count(), 11);
  const keys = await evalAll(page, '[data-testid=kwic-line] .kwic-key', (els) => els.map((e) => e.textContent));
  assert.ok(keys.every((k) => k === '拡大抑止'));
  await page.selectOption('[data-testid=kwic-order]', 'left');
  await page.waitForFunction(() => location.hash.includes('ks=left'));
  const lefts = await evalAll(page, '[data-testid=kwic-line] .kwic-left', (els) => els.map((e) => e.textContent));
  for (let i = 1; i < lefts.length; i++) {
    assert.ok(compare(codepoints(lefts[i - 1]).reverse(), codepoints(lefts[i]).reverse()) <= 0, `sorted by left context: ${lefts[i - 1]} / ${lefts[i]}`);
  }
  await page.fill('[data-testid=kwic-width]', '10');
  await page.press('[data-testid=kwic-width]', 'Enter');
  await page.waitForFunction(() => location.hash.includes('kw=10'));
  const widest = await evalAll(page, '[data-testid=kwic-line] .kwic-right', (els) => Math.max(...els.map((e) => [...e.textContent].length)));
  assert.ok(widest <= 10, `right context at most 10 characters (${widest})`);

  // Exported as CSV: a header, one row per line, with the document's title and a link back.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=kwic-csv]')]);
  assert.match(download.suggestedFilename(), /^kwic-拡大抑止\.csv$/);
  const csv = (await fs.readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
  const rows = csv.trim().split('\r\n');
  assert.equal(rows[0], 'document,title,author,date,passage,start,end,left,keyword,right,link');
  assert.equal(rows.length, 12);
  assert.ok(rows.slice(1).every((r) => /#docs=[a-z0-9-]+&focus=[a-z0-9-]+\/[A-Za-z0-9_-]+.*&find=/.test(r)), rows[1]);

  // A collocate made a theme in one click: it is highlighted as a theme of one's own.
  await page.click('[data-testid=search-tab][data-tab=coll]');
  const collocate = page.locator('[data-testid=collocate]').first();
  await collocate.waitFor();
  const term = await collocate.getAttribute('data-term');
  await collocate.locator('[data-testid=collocate-theme]').click();
  await page.waitForFunction(() => /[#&]u=/.test(location.hash));
  assert.ok(decodeURIComponent(page.url()).includes(term), `the theme ${term} is in the link`);

  // The shared link opens the same search in a fresh browser.
  await page.click('[data-testid=search-tab][data-tab=kwic]');
  await page.waitForFunction(() => location.hash.includes('sv=kwic'));
  const link = page.url();
  guard.check();
  await guard.close();

  const fresh = await watchedContext(browser, server.origin);
  const p2 = await fresh.newPage();
  await open(p2, link);
  assert.equal(await resultsFor(p2, '拡大抑止'), 7);
  await p2.waitForSelector('[data-testid=kwic-line]');
  assert.equal(await p2.inputValue('[data-testid=search-input]'), '拡大抑止');
  assert.equal(await p2.inputValue('[data-testid=kwic-order]'), 'left');
  assert.equal(await p2.inputValue('[data-testid=kwic-width]'), '10');
  fresh.check();
  await fresh.close();
});

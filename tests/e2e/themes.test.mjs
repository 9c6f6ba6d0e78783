// A student follows themes through two essays: highlights that agree with the CLI export, a theme
// of their own that travels with the link, the overview matrix, stepping from highlight to
// highlight, related passages and aligned scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  cli,
  serve,
  launch,
  watchedContext,
  open,
  passageSelector,
  waitFocusedAndVisible,
  waitInView,
  screenshot,
  fragment,
  writeArtifact, evalAll } from './helpers.mjs';

let server;
let browser;
let exp; // the CLI export (yomikurabe.export)
before(async () => {
  exp = JSON.parse(cli(['export']));
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});


const docIds = () => exp.documents.map((d) => d.id);

/** Occurrences of an export theme per document and per `document/passage`. */
function exportCounts(theme) {
  const perDoc = {};
  const perPassage = {};
  for (const o of theme.occurrences) {
    perDoc[o.document] = (perDoc[o.document] || 0) + 1;
    const k = `${o.document}/${o.passage}`;
    perPassage[k] = (perPassage[k] || 0) + 1;
  }
  return { perDoc, perPassage };
}

/** The curated theme that occurs most evenly in both documents (found from the data, not named). */
function themeInBoth(a, b) {
  const scored = exp.themes
    .filter((t) => t.kind === 'curated')
    .map((t) => {
      const { perDoc } = exportCounts(t);
      return { t, score: Math.min(perDoc[a] || 0, perDoc[b] || 0) };
    })
    .filter((x) => x.score >= 2)
    .sort((x, y) => y.score - x.score);
  assert.ok(scored.length > 0, `some curated theme occurs in both ${a} and ${b}`);
  // Not the most frequent one: a theme with a handful of occurrences is easier to check by eye.
  return scored[Math.min(scored.length - 1, Math.floor(scored.length / 2))].t;
}

/** Highlights of `theme` in `doc`'s column: one entry per occurrence (continuations left out). */
async function marksIn(page, doc, theme) {
  return evalAll(page, 
    `[data-testid=column][data-doc="${doc}"] mark.theme[data-theme="${theme}"]:not([data-cont])`,
    (els) =>
      els.map((el) => ({
        passage: el.closest('[data-testid=passage]').getAttribute('data-passage'),
        start: Number(el.getAttribute('data-start')),
        current: el.getAttribute('data-current') === 'true',
      })),
  );
}

function countBy(list, key) {
  const out = {};
  for (const x of list) out[key(x)] = (out[key(x)] || 0) + 1;
  return out;
}

async function openPanel(page) {
  if ((await page.locator('[data-testid=themes-panel]').count()) === 0) {
    await page.click('[data-testid=themes-button]');
  }
  await page.waitForSelector('[data-testid=themes-panel]');
}

/** Click the first line of an element the way a reader would (inline marks can wrap). */
async function clickFirstLine(page, selector) {
  // Found and measured in one step in the page (a render between a query and its evaluation
  // would hand over a detached element), once it is laid out.
  const measure = (sel) => {
    const el = document.querySelector(sel);
    if (!el || el.getClientRects().length === 0) return null;
    el.scrollIntoView({ block: 'center' });
    const r = el.getClientRects()[0];
    return { x: r.left + Math.min(r.width / 2, 12), y: r.top + r.height / 2 };
  };
  await page.waitForFunction(measure, selector);
  const box = await page.evaluate(measure, selector);
  await page.mouse.click(box.x, box.y);
}

test('a theme turned on in the panel highlights exactly what the export lists, per passage', async () => {
  const [a, b] = docIds();
  const theme = themeInBoth(a, b);
  const expected = exportCounts(theme);
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}`);
  await openPanel(page);
  // The analysis, computed once: in idle time after the first paint, or when first needed
  // (occurrence counts of every theme, key terms, the alignment index).
  const steps = await page.evaluate(() => {
    const out = {};
    for (const m of performance.getEntriesByType('mark')) {
      const k = /^yomikurabe:(.+)-start$/.exec(m.name);
      if (!k) continue;
      const end = performance.getEntriesByName(`yomikurabe:${k[1]}-end`).find((e) => e.startTime >= m.startTime);
      if (end) out[k[1]] = Math.round(((out[k[1]] || 0) + end.startTime - m.startTime) * 10) / 10;
    }
    return out;
  });
  console.log(`perf: analysis steps, computed once in idle time or on first need (ms, release wasm): ${JSON.stringify(steps)}`);
  const box = page.locator(`input[data-testid=theme-toggle][data-theme="${theme.id}"]`);
  assert.equal(await box.isChecked(), false);
  await box.check();
  await page.waitForSelector(`mark.theme[data-theme="${theme.id}"]`);
  assert.equal(fragment(page.url()).themes, theme.id, 'the theme is in the link');

  for (const doc of [a, b]) {
    const marks = await marksIn(page, doc, theme.id);
    assert.equal(marks.length, expected.perDoc[doc] || 0, `${theme.id} in ${doc}: highlights = export occurrences`);
    const shown = countBy(marks, (m) => `${doc}/${m.passage}`);
    const listed = Object.fromEntries(Object.entries(expected.perPassage).filter(([k]) => k.startsWith(`${doc}/`)));
    assert.deepEqual(shown, listed, `${theme.id} in ${doc}: the same passages, as often`);
    const legend = await page
      .locator(`[data-testid=theme-count][data-theme="${theme.id}"][data-doc="${doc}"]`)
      .innerText();
    assert.equal(Number(legend), expected.perDoc[doc] || 0, `the legend counts ${doc}`);
  }
  // Every highlight has the theme's colour slot, and a second, non-colour cue (its underline style).
  const styles = await page.$eval(`mark.theme[data-theme="${theme.id}"]`, (el) => {
    const s = getComputedStyle(el);
    return { slot: el.getAttribute('data-slot'), line: s.textDecorationLine, style: s.textDecorationStyle };
  });
  assert.equal(styles.slot, '0');
  assert.match(styles.line, /underline/);

  const toggle = await page.evaluate(() => {
    const m = performance.getEntriesByName('yomikurabe:theme-toggle-to-render');
    return m.length ? Math.round(m[m.length - 1].duration * 10) / 10 : null;
  });
  console.log(`perf: theme toggled on → highlights rendered: ${toggle} ms`);

  // Off and on again: nothing is matched again, only shown.
  await box.uncheck();
  await page.waitForFunction((id) => !document.querySelector(`mark.theme[data-theme="${id}"]`), theme.id);
  await box.check();
  await page.waitForSelector(`mark.theme[data-theme="${theme.id}"]`);
  const again = await page.evaluate(() => {
    const m = performance.getEntriesByName('yomikurabe:theme-toggle-to-render');
    return m.length ? Math.round(m[m.length - 1].duration * 10) / 10 : null;
  });
  console.log(`perf: theme toggled on again (cached) → highlights rendered: ${again} ms`);
  await writeArtifact('themes-perf.json', JSON.stringify({ panel_steps_ms: steps, toggle_ms: toggle, toggle_again_ms: again }, null, 2) + '\n');
  assert.ok(toggle !== null && again !== null, 'the app measures toggles');
  await screenshot(page, 'themes-panel.png');
  guard.check();
  await guard.close();
});

test('a theme of your own goes into the link; the link shows the same highlights in a fresh browser', async () => {
  const [a, b] = docIds();
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}`);
  await openPanel(page);
  await page.fill('[data-testid=user-theme-input]', '日米韓、三か国');
  await page.click('[data-testid=user-theme-add]');
  await page.waitForSelector('mark.theme[data-theme="user-1"]');
  const link = page.url();
  const f = fragment(link);
  assert.equal(f.themes, 'user-1');
  assert.ok(f.u && f.u.includes('日米韓') && f.u.includes('三か国'), `the spellings travel in the link: ${f.u}`);

  // The same matcher from the command line (`yomikurabe match`); kept to the query's own
  // spellings (三か国 also finds 3カ国, 三カ国, 3ヶ国 …) and to distinct spans.
  const spelled = /^(日米韓|[三3３][かカヶケヵ]国)$/;
  const seen = new Set();
  const cliMatches = JSON.parse(cli(['match', '日米韓', '三か国'])).filter((m) => {
    const k = `${m.document}/${m.passage}/${m.start}`;
    if (!spelled.test(m.text) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const before = {};
  for (const doc of [a, b]) {
    const marks = await marksIn(page, doc, 'user-1');
    before[doc] = marks.length;
    const expected = cliMatches.filter((m) => m.document === doc).length;
    assert.equal(marks.length, expected, `your theme in ${doc}: highlights = yomikurabe match`);
    assert.ok(marks.length > 0, `your theme occurs in ${doc}`);
  }
  guard.check();
  await guard.close();

  // A colleague opens the link.
  const guard2 = await watchedContext(browser, server.origin);
  const page2 = await guard2.newPage();
  await open(page2, link);
  await page2.waitForSelector('mark.theme[data-theme="user-1"]');
  for (const doc of [a, b]) {
    assert.equal((await marksIn(page2, doc, 'user-1')).length, before[doc], `the same highlights in ${doc}`);
  }
  assert.equal(fragment(page2.url()).u, f.u, 'the link is kept as it came');
  guard2.check();
  await guard2.close();
});

test('a matrix cell opens its document at the theme, which turns on; a highlight steps to the next one', async () => {
  const [a, b] = docIds();
  const theme = themeInBoth(a, b);
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a}`);
  await openPanel(page);
  const matrix = page.locator('[data-testid=theme-matrix]');
  await matrix.waitFor();
  assert.equal(await matrix.evaluate((el) => el.tagName.toLowerCase()), 'svg');
  // The matrix agrees with the export for every theme and document.
  const cells = await evalAll(page, '[data-testid=matrix-cell]', (els) =>
    els.map((el) => [el.getAttribute('data-theme'), el.getAttribute('data-doc'), Number(el.getAttribute('data-count'))]),
  );
  assert.equal(cells.length, exp.documents.length * new Set(cells.map((c) => c[0])).size);
  for (const t of exp.themes) {
    const { perDoc } = exportCounts(t);
    for (const d of docIds()) {
      const cell = cells.find((c) => c[0] === t.id && c[1] === d);
      assert.ok(cell, `a cell for ${t.id} × ${d}`);
      assert.equal(cell[2], perDoc[d] || 0, `matrix ${t.id} × ${d}`);
    }
  }

  await page.click(`[data-testid=matrix-cell][data-theme="${theme.id}"][data-doc="${b}"]`);
  await page.waitForSelector(`[data-testid=column][data-doc="${b}"]`);
  const f = fragment(page.url());
  assert.equal(f.docs, `${a},${b}`, 'the document opened in a new column');
  assert.equal(f.themes, theme.id, 'the theme is on');
  const [doc, passage] = f.focus.split('/');
  assert.equal(doc, b);
  await waitFocusedAndVisible(page, passageSelector(b, passage));
  const first = exp.themes.find((t) => t.id === theme.id).occurrences.filter((o) => o.document === b);
  assert.ok(first.some((o) => o.passage === passage), 'it is a passage where the theme occurs');
  const marks = await marksIn(page, b, theme.id);
  assert.equal(marks[0].passage, passage, "the theme's first occurrence in reading order");
  assert.ok(marks[0].current, 'that highlight is marked as the current one');

  // Click that highlight: the next occurrence (in this column, while there is one).
  await clickFirstLine(page, `${passageSelector(b, passage)} mark.theme[data-current="true"]`);
  await page.waitForFunction(
    ([d, p, s]) => {
      const el = document.querySelector('mark.theme[data-current="true"]');
      return el && (el.closest('[data-testid=passage]').getAttribute('data-passage') !== p || el.getAttribute('data-start') !== s);
    },
    [b, passage, String(marks[0].start)],
  );
  const now = (await marksIn(page, b, theme.id)).findIndex((m) => m.current);
  assert.equal(now, 1, 'the second occurrence of the column is now the current one');
  const next = (await marksIn(page, b, theme.id))[1];
  await waitFocusedAndVisible(page, passageSelector(b, next.passage));

  // The ribbon beside the column: one tick per passage with an occurrence; a tick goes there.
  const ribbon = page.locator(`[data-testid=ribbon][data-doc="${b}"]`);
  assert.equal(await ribbon.evaluate((el) => el.tagName.toLowerCase()), 'svg');
  const ticks = await evalAll(page, `[data-testid=ribbon][data-doc="${b}"] [data-testid=ribbon-tick]`, (els) =>
    els.map((el) => el.getAttribute('data-passage')),
  );
  assert.deepEqual(new Set(ticks), new Set(marks.map((m) => m.passage)), 'ticks where the theme occurs');
  const last = ticks[ticks.length - 1];
  await page.click(`[data-testid=ribbon][data-doc="${b}"] [data-testid=ribbon-tick][data-passage="${last}"]`);
  await waitFocusedAndVisible(page, passageSelector(b, last));
  await screenshot(page, 'themes-matrix-step.png');
  guard.check();
  await guard.close();
});

test('"Related" lists passages of the other column with their shared terms; choosing one lands there', async () => {
  const [a, b] = docIds();
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}`);
  // The export's best alignment from a paragraph of `a` to `b` (found from the data).
  const kinds = Object.fromEntries(
    exp.documents.find((d) => d.id === a).passages.map((p) => [p.id, p.kind]),
  );
  const best = exp.alignments
    .filter((x) => x.from.document === a && x.to.document === b && kinds[x.from.passage] === 'paragraph')
    .sort((x, y) => y.score - x.score)[0];
  assert.ok(best, `the export aligns some paragraph of ${a} with ${b}`);
  const from = passageSelector(a, best.from.passage);
  await page.$eval(from, (el) => el.scrollIntoView({ block: 'center' }));
  await page.click(`${from} [data-testid=related-button]`);
  const list = page.locator(`${from} [data-testid=related-list]`);
  await list.waitFor();
  const items = await list.locator('[data-testid=related-item]').evaluateAll((els) =>
    els.map((el) => ({ doc: el.getAttribute('data-doc'), passage: el.getAttribute('data-passage'), text: el.innerText })),
  );
  assert.ok(items.length > 0, 'some related passages');
  assert.ok(items.every((i) => i.doc === b), 'all in the other open column');
  assert.equal(items[0].passage, best.to.passage, "the best one is the export's best alignment");
  assert.match(items[0].text, /\d\.\d\d/, 'with its score');
  for (const term of best.shared.slice(0, 2)) {
    assert.ok(items[0].text.includes(term), `with the shared term ${term}`);
  }
  await page.click(`${from} [data-testid=related-item][data-passage="${items[0].passage}"]`);
  await waitFocusedAndVisible(page, passageSelector(b, items[0].passage));
  assert.equal(fragment(page.url()).focus, `${b}/${items[0].passage}`);
  await screenshot(page, 'related.png');

  // Aligned mode: scrolling `a` brings `b` to the passage most related to the one read in `a`.
  await page.keyboard.press('Escape');
  await page.click('[data-testid=aligned-toggle]');
  assert.equal(await page.getAttribute('[data-testid=aligned-toggle]', 'aria-pressed'), 'true');
  // `b` back to its start by hand: aligned mode leaves a column the reader just scrolled alone
  // for a while, so `b` follows only once that has passed.
  const colB = `[data-testid=column][data-doc="${b}"]`;
  await page.$eval(colB, (el) => {
    el.scrollTop = 0;
  });
  // The reader scrolls `a` to put `from` on its reading line, and nudges it by a pixel until `b`
  // follows: no clock decides, only whether `b` followed. A nudge keeps `from` on the line (the
  // line lies 4 px into it); each nudge waits longer for `b` than the last, so that however slow
  // the machine, one of them is a pause long enough for the app to take it as a stop.
  const followed = `${colB} [data-aligned="true"]`;
  let seen = false;
  for (let nudge = 1; nudge <= 12 && !seen; nudge++) {
    await page.$eval(
      `[data-testid=column][data-doc="${a}"]`,
      (col, [sel, odd]) => {
        const p = document.querySelector(sel);
        const header = col.querySelector('.column-header').offsetHeight;
        const line = header + (col.clientHeight - header) * 0.25;
        const max = col.scrollHeight - col.clientHeight;
        const target = Math.max(1, Math.min(max, Math.round(p.offsetTop + 4 - line)));
        col.scrollTop = odd ? target : target - 1;
      },
      [from, nudge % 2 === 1],
    );
    seen = await page.waitForSelector(followed, { timeout: 300 * nudge }).then(
      () => true,
      () => false,
    );
  }
  assert.ok(seen, `aligned mode: ${b} followed ${a} scrolled to ${best.from.passage}`);
  const aligned = await page.getAttribute(`${colB} [data-aligned="true"]`, 'data-passage');
  assert.equal(aligned, best.to.passage, 'the other column followed to the most related passage');
  await waitInView(page, passageSelector(b, best.to.passage));
  const top = await page.$eval(colB, (col) => col.scrollTop);
  assert.ok(top > 0, 'and scrolled there');
  guard.check();
  await guard.close();
});

test('bad theme links say what was left out; print keeps a non-colour cue per theme', async () => {
  const [a] = docIds();
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  // Two curated themes that both occur in `a`, so both are highlighted there.
  const two = exp.themes
    .filter((t) => t.kind === 'curated' && t.occurrences.some((o) => o.document === a))
    .slice(0, 2)
    .map((t) => t.id);
  assert.equal(two.length, 2, `two curated themes occur in ${a}`);
  await open(page, `${server.url}#docs=${a}&themes=${two.join(',')},no-such-theme,user-4,BAD&u=%7E%7C`);
  await page.waitForSelector('[data-testid=notice]');
  const notices = await page.locator('[data-testid=notice] li').allInnerTexts();
  assert.deepEqual(
    [...notices].sort(),
    [
      'リンクの自作テーマ「~|」には探す語がないため、除外しました。',
      'テーマ「user-4」が見つかりません。リンクに定義がありません。',
      'リンクの「BAD」はテーマの名前ではないため、除外しました。',
      'テーマ「no-such-theme」が見つからないため、除外しました。',
    ].sort(),
    'each thing left out is named',
  );
  const f = fragment(page.url());
  assert.equal(f.themes, two.join(','), 'the link is cleaned up to what can be shown');
  for (const id of two) await page.waitForSelector(`[data-testid=column] mark.theme[data-theme="${id}"]`);
  await page.emulateMedia({ media: 'print' });
  const cue = await page.evaluate(() => {
    const styles = {};
    for (const m of document.querySelectorAll('[data-testid=column] mark.theme')) {
      styles[m.getAttribute('data-slot')] = getComputedStyle(m).textDecorationStyle;
    }
    return { styles, legend: getComputedStyle(document.querySelector('.print-legend')).display };
  });
  assert.notEqual(cue.legend, 'none', 'a printed page has a legend of the themes');
  assert.deepEqual(Object.keys(cue.styles).sort(), ['0', '1'], 'both themes are highlighted');
  assert.notEqual(cue.styles['0'], cue.styles['1'], 'two themes, two underline styles');
  const legend = await evalAll(page, '.print-legend li', (els) => els.map((el) => el.textContent.trim()));
  const labels = two.map((id) => exp.themes.find((t) => t.id === id).label_ja);
  assert.deepEqual(legend.map((l) => l.split(' — ')[0]), labels, 'the printed legend names the two themes');
  await page.emulateMedia({ media: 'screen' });
  guard.check();
  await guard.close();
});

test('on a phone the themes panel opens over the reader and highlights still show', async () => {
  const [a, b] = docIds();
  const theme = themeInBoth(a, b);
  const guard = await watchedContext(browser, server.origin, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}&themes=${theme.id}`);
  await page.waitForSelector(`[data-testid=column][data-doc="${a}"] mark.theme[data-theme="${theme.id}"]`);
  await openPanel(page);
  const panel = await page.$eval('[data-testid=themes-panel]', (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, width: document.documentElement.clientWidth };
  });
  assert.ok(panel.left >= 0 && panel.right <= panel.width + 1, 'the panel fits the width');
  assert.ok(panel.right - panel.left >= panel.width * 0.95, `the panel takes the width (${JSON.stringify(panel)})`);
  const bar = await page.$eval('.reader-bar', (el) => el.getBoundingClientRect().height);
  assert.ok(bar < 60, `the reader bar stays one line (${bar}px)`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scrolling (${overflow}px)`);
  await screenshot(page, 'themes-phone.png');
  guard.check();
  await guard.close();
});

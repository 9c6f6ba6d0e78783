// A teacher follows links that are wrong: a passage that no longer exists, or a mangled URL.
// The page must never go blank and must not throw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  cli,
  serve,
  launch,
  watchedContext,
  open,
  libraryIds,
  columnPassages,
  passageSelector,
  squash,
  shownTitle,
  waitDocumentShown, evalAll } from './helpers.mjs';

let server;
let browser;
let exp; // the CLI export: the documents the page must show
let ids;
before(async () => {
  exp = JSON.parse(cli(['export']));
  ids = exp.documents.map((d) => d.id);
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const docOf = (id) => exp.documents.find((d) => d.id === id);

/** `wait`, or an error that says what the page did not show. */
async function waitOr(label, what, wait) {
  try {
    await wait;
  } catch (e) {
    throw new Error(`${label}: ${what} (${e.message.split('\n')[0]})`);
  }
}

/** The notices the page shows, one string each. */
async function notices(page) {
  return evalAll(page, '[data-testid=notice] li', (els) => els.map((el) => el.innerText.replace(/\s+/g, ' ').trim()));
}

/**
 * What a person sees is `expected`: `{ view: 'library' }` (every document's card, with its title)
 * or `{ view: 'reader', docs }` (those columns, each with its title and some of its own text on
 * screen). Waits for it first, so it also tells when a hash change has been taken in.
 */
async function assertShows(page, expected, label) {
  const want = expected.view === 'library' ? 'library' : expected.docs.join(',');
  try {
    await page.waitForFunction(
      (w) => {
        if (w === 'library') return document.querySelector('[data-testid=library]') !== null;
        const cols = [...document.querySelectorAll('[data-testid=reader] [data-testid=column]')];
        return cols.map((c) => c.getAttribute('data-doc')).join(',') === w;
      },
      want,
      { polling: 100 },
    );
  } catch {
    const cols = await evalAll(page, '[data-testid=column]', (els) => els.map((e) => e.getAttribute('data-doc')));
    const lib = await page.locator('[data-testid=library]').count();
    throw new Error(`${label}: expected ${want}; the page shows ${lib ? 'the library' : `columns ${JSON.stringify(cols)}`}`);
  }
  if (expected.view === 'library') {
    const cards = await evalAll(page, '[data-testid=doc-card]', (els) =>
      els.map((el) => [el.getAttribute('data-doc'), el.querySelector('.doc-title').innerText.replace(/\s+/g, ' ').trim()]),
    );
    assert.deepEqual(cards, exp.documents.map((d) => [d.id, shownTitle(d)]), `${label}: the library shows every document`);
    assert.equal(await page.locator('[data-testid=doc-card] .doc-title').first().isVisible(), true, `${label}: on screen`);
    return;
  }
  for (const id of expected.docs) {
    const col = `[data-testid=column][data-doc="${id}"]`;
    assert.equal(squash(await page.locator(`${col} [data-testid=column-title]`).innerText()), shownTitle(docOf(id)), `${label}: the title of ${id}`);
    // Some passage of the column on screen, with the document's own text.
    await waitOr(label, `no passage of ${id} on screen`, page.waitForFunction(
      (c) =>
        [...document.querySelectorAll(`${c} [data-testid=passage]`)].some((el) => {
          const r = el.getBoundingClientRect();
          const box = el.closest('[data-testid=column]').getBoundingClientRect();
          return r.height > 0 && r.bottom > Math.max(box.top, 0) && r.top < Math.min(box.bottom, window.innerHeight);
        }),
      col,
      { polling: 100 },
    ));
    const onScreen = await evalAll(page, `${col} [data-testid=passage]`, (els) =>
      els
        .filter((el) => {
          const r = el.getBoundingClientRect();
          const box = el.closest('[data-testid=column]').getBoundingClientRect();
          return r.height > 0 && r.bottom > Math.max(box.top, 0) && r.top < Math.min(box.bottom, window.innerHeight);
        })
        .map((el) => el.getAttribute('data-passage')),
    );
    const shown = await columnPassages(page, id);
    const p = shown.find((x) => x.id === onScreen[0] && x.kind !== 'note');
    const exported = docOf(id).passages.find((x) => x.id === p?.id);
    assert.ok(p && exported, `${label}: ${id} shows one of its passages (${onScreen[0]})`);
    assert.equal(p.text, squash(exported.text), `${label}: ${id} shows the text of ${p.id}`);
  }
}

test('a link to a passage that does not exist says "not found" and shows the document start', async () => {
  const [a, b] = ids;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},${b}&focus=${a}/s99-p99`);
  await page.locator('[data-testid=notice]').waitFor();
  assert.deepEqual(
    await notices(page),
    [`「${shownTitle(docOf(a))}」に箇所 s99-p99 が見つかりません。文書の先頭を表示します。`],
    'the notice names the passage and the document',
  );
  const columns = await evalAll(page, '[data-testid=column]', (els) => els.map((e) => e.getAttribute('data-doc')));
  assert.deepEqual(columns, [a, b], 'both columns are still open');
  // The document start is in view: its title and first passage, nothing marked as linked.
  await waitDocumentShown(page, docOf(a));
  await waitDocumentShown(page, docOf(b));
  const passages = await columnPassages(page, a);
  assert.equal(passages.filter((p) => p.focused).length, 0, 'nothing is marked as the linked passage');
  assert.equal(await page.locator(passageSelector(a, passages[0].id)).count(), 1);
  guard.check();
  await guard.close();
});

test('an unknown document id next to a known one: the known one is shown with a notice', async () => {
  const [a] = ids;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${a},no-such-document`);
  await assertShows(page, { view: 'reader', docs: [a] }, 'unknown id');
  await waitDocumentShown(page, docOf(a));
  await page.locator('[data-testid=notice]').waitFor();
  assert.deepEqual(await notices(page), ['文書「no-such-document」が見つからないため、除外しました。']);
  guard.check();
  await guard.close();
});

test('garbage fragments never give a blank page or an error', async () => {
  const [a, b] = ids;
  const library = { view: 'library' };
  const alone = { view: 'reader', docs: [a] };
  // Each fragment, what it must show and, where the page must say what it left out, a notice.
  const cases = [
    ['#docs=%%%', library, 'リンクの「%%%」は文書の名前ではないため、除外しました。'],
    ['#focus=x', library],
    ['#docs=', library],
    ['#docs=,,,&focus=/&q=', library],
    ['#%FF%FE%00', library],
    [`#docs=${a}&focus=${a}/%E0%A4%A&q=%E3%81`, alone],
    [`#docs=${a}&focus=${a}/s1-p1&q=${'%'.repeat(50)}`, alone],
    [`#docs=${a}&at=${a}/zzz,,,/,${b}/s1`, alone],
    [`#docs=${ids.join(',')}`, { view: 'reader', docs: ids.slice(0, 4) }, `並べて表示できる文書は4件までです。除外した文書：「${ids[4]}」。`],
    [`#docs=${Array(500).fill(a).join(',')}`, alone, `文書「${a}」が2回指定されています。1回だけ表示します。`],
    [`#docs=${'x'.repeat(20000)}`, library, `リンクの「${'x'.repeat(40)}…」は文書の名前ではないため、除外しました。`],
    [`#docs=${a}&focus=${a}/${'s1-p'.repeat(3000)}&q=${'あ'.repeat(2000)}`, alone],
    ['#docs=<script>alert(1)</script>', library, 'リンクの「<script>alert(1)</script>」は文書の名前ではないため、除外しました。'],
    ['#docs=日本語&focus=日本語/s1', library],
  ];
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  page.on('dialog', (d) => {
    guard.problems.push(`a dialog opened: ${d.message()}`);
    d.dismiss();
  });
  const labelOf = (frag) => (frag.length > 60 ? `${frag.slice(0, 60)}… (${frag.length} chars)` : frag);
  const check = async (label, expected, notice) => {
    await assertShows(page, expected, label);
    if (notice) assert.ok((await notices(page)).includes(notice), `${label}: the page says ${JSON.stringify(notice)}; it says ${JSON.stringify(await notices(page))}`);
  };
  for (const [frag, expected, notice] of cases) {
    await open(page, server.url + frag);
    await check(`loading ${labelOf(frag)}`, expected, notice);
  }
  // The same fragments typed into an open page (a hash change, not a reload). Between two, the
  // page shows `b` alone, which no case does: each case is then seen to be taken in.
  const between = { view: 'reader', docs: [b] };
  await open(page, `${server.url}#docs=${b}`);
  await assertShows(page, between, 'before the hash changes');
  for (const [frag, expected, notice] of cases) {
    await page.evaluate((f) => {
      location.hash = f;
    }, frag);
    await check(`hash change to ${labelOf(frag)}`, expected, notice);
    await page.evaluate((f) => {
      location.hash = f;
    }, `#docs=${b}`);
    await assertShows(page, between, `back to ${b} after ${labelOf(frag)}`);
  }
  guard.check();
  await guard.close();
});

// A student checks what the essays rest on: a footnote and back, a source two essays cite read
// side by side, an acronym one essay uses and another explains, the dates on a timeline, and a
// citation of a passage to paste into a report. Expectations come from the CLI export.
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
  writeArtifact,
  squash,
  WAIT_MS, evalAll } from './helpers.mjs';

let server;
let browser;
let exp; // the CLI export (yomikurabe.export/3)
before(async () => {
  exp = JSON.parse(cli(['export']));
  assert.equal(exp.schema, 'yomikurabe.export/3');
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});


const MAX_COLUMNS = 4;
const EXTRACTS = 'cite[data-testid=source-mention], abbr[data-testid=acronym]';
const column = (doc) => `[data-testid=column][data-doc="${doc}"]`;
const docOf = (id) => exp.documents.find((d) => d.id === id);
const unique = (xs) => [...new Set(xs)];
const sameSet = (a, b) => assert.deepEqual([...new Set(a)].sort(), [...new Set(b)].sort());

/** The documents of a citation, in the order its mentions are listed. */
const citingDocs = (c) => unique(c.mentions.map((m) => m.document));

/** Body passages (not notes) carrying a marker for note `n`, in reading order. */
function citingPassages(doc, n) {
  return doc.passages.filter((p) => p.kind !== 'note' && p.note_refs.some((r) => r.number === n)).map((p) => p.id);
}

/** Every note number a document gives (note texts and markers). */
function noteNumbers(doc) {
  const ns = doc.notes.map((n) => n.number);
  for (const p of doc.passages) for (const r of p.note_refs) ns.push(r.number);
  return unique(ns).sort((a, b) => a - b);
}

const noteText = (doc, n) => {
  const t = doc.notes.find((x) => x.number === n)?.text;
  return t && t.trim() ? t : null;
};

const HAS_URL = /https?:\/\/|www\./;

/**
 * Whether some element matching `sel` is on screen: its box clipped by every scrolling or
 * clipping ancestor and by the viewport, in both directions. Runs in the page.
 */
const someVisibleInPage = (sel) => {
  for (const el of document.querySelectorAll(sel)) {
    for (const r of el.getClientRects()) {
      let { top, bottom, left, right } = r;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowY !== 'visible' || s.overflowX !== 'visible') {
          const ar = a.getBoundingClientRect();
          top = Math.max(top, ar.top);
          bottom = Math.min(bottom, ar.bottom);
          left = Math.max(left, ar.left);
          right = Math.min(right, ar.right);
        }
      }
      top = Math.max(top, 0);
      left = Math.max(left, 0);
      bottom = Math.min(bottom, window.innerHeight);
      right = Math.min(right, window.innerWidth);
      if (r.height > 0 && bottom - top >= Math.min(r.height, 16) - 1 && right - left >= Math.min(r.width, 8) - 1) {
        return true;
      }
    }
  }
  return false;
};

async function waitSomeVisible(page, sel, what, timeout = WAIT_MS) {
  try {
    await page.waitForFunction(someVisibleInPage, sel, { timeout, polling: 100 });
  } catch {
    const n = await page.locator(sel).count();
    throw new Error(`${what}: nothing matching ${sel} is on screen within ${timeout} ms (${n} in the page); url ${page.url()}`);
  }
}

/** Open one of the side panels from the reader bar. */
async function openPanel(page, name) {
  if ((await page.locator(`[data-testid=${name}-panel]`).count()) === 0) {
    await page.click(`[data-testid=${name}-button]`);
  }
  await page.waitForSelector(`[data-testid=${name}-panel]`);
}

/** Click the first line of an inline element the way a reader would (it can wrap). */
async function clickFirstLine(page, locator) {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.evaluate((el) => {
    const r = el.getClientRects()[0];
    return { x: r.left + Math.min(r.width / 2, 10), y: r.top + r.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
}

test('a footnote opens from its marker, shows in the notes and leads back; the notes panel says which notes the source lacks', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();

  // A note with a text (one with a web address if there is one), cited in the body.
  const candidates = [];
  for (const doc of exp.documents) {
    for (const n of doc.notes) {
      const passages = citingPassages(doc, n.number);
      if (noteText(doc, n.number) && n.passage && passages.length) candidates.push({ doc, n, passages });
    }
  }
  assert.ok(candidates.length > 0, 'the export has a note with a text that a marker cites');
  const pick = candidates.find((c) => HAS_URL.test(c.n.text)) || candidates[0];
  const { doc, n } = pick;
  const from = pick.passages[pick.passages.length - 1];
  await open(page, `${server.url}#docs=${doc.id}`);
  const marker = page.locator(`${passageSelector(doc.id, from)} button[data-testid=note-ref][data-note="${n.number}"]`);
  assert.equal(await marker.count(), 1, `one marker for note ${n.number} in ${doc.id}/${from}`);
  await marker.click();
  const popover = page.locator('[data-testid=note-popover]');
  await popover.waitFor({ state: 'visible' });
  assert.equal(await popover.getAttribute('data-missing'), null, 'the note has a text');
  assert.equal(squash(await popover.locator('p').first().innerText()), squash(n.text), 'the popover shows the note text');
  const links = await popover.locator('a[data-testid=note-link]').evaluateAll((els) =>
    els.map((a) => ({ text: a.innerText, href: a.getAttribute('href'), target: a.getAttribute('target'), rel: a.getAttribute('rel') })),
  );
  for (const l of links) {
    assert.ok(n.text.includes(l.text), `a link shows an address the note gives: ${l.text}`);
    assert.equal(l.href, /^https?:\/\//i.test(l.text) ? l.text : `https://${l.text}`, 'and opens that address');
    assert.equal(l.target, '_blank');
    assert.equal(l.rel, 'noopener noreferrer');
  }
  if (HAS_URL.test(n.text)) {
    const first = n.text.match(/(https?:\/\/|www\.)[\x21-\x7e]+/)[0];
    assert.ok(links.some((l) => first.startsWith(l.text) && l.text.length >= 12), `its web address ${first} is a link: ${JSON.stringify(links)}`);
  }
  await screenshot(page, 'citations-note-popover.png');

  // "Show in the notes": the note passage is marked and on screen.
  await popover.getByRole('button', { name: '注の一覧で表示' }).click();
  const notePassage = passageSelector(doc.id, n.passage);
  await waitFocusedAndVisible(page, notePassage);
  assert.equal(await page.getAttribute(notePassage, 'data-kind'), 'note');
  assert.equal(fragment(page.url()).focus, `${doc.id}/${n.passage}`);

  // And back: one ↩ per citing place; the one for where we came from marks that passage.
  const backs = page.locator(`${notePassage} button[data-testid=note-back]`);
  assert.equal(await backs.count(), pick.passages.length, 'one way back per citing passage');
  await backs.nth(pick.passages.indexOf(from)).click();
  await waitFocusedAndVisible(page, passageSelector(doc.id, from));
  assert.equal(fragment(page.url()).focus, `${doc.id}/${from}`);

  // The notes panel, for every document with notes (as many at once as there are columns).
  const withNotes = exp.documents.filter((d) => noteNumbers(d).length > 0);
  assert.ok(withNotes.length > 0);
  const statuses = {};
  for (let i = 0; i < withNotes.length; i += MAX_COLUMNS) {
    const group = withNotes.slice(i, i + MAX_COLUMNS);
    await open(page, `${server.url}#docs=${group.map((d) => d.id).join(',')}`);
    await openPanel(page, 'notes');
    for (const d of group) {
      const items = await evalAll(page, 
        `[data-testid=notes-panel] li[data-testid=panel-note][data-doc="${d.id}"]`,
        (els) =>
          els.map((el) => ({
            note: Number(el.getAttribute('data-note')),
            status: el.getAttribute('data-status'),
            flag: el.querySelector('.cut-off-flag') !== null,
            backs: [...el.querySelectorAll('button[data-testid=note-backlink]')].map((b) => b.getAttribute('data-passage')),
            links: [...el.querySelectorAll('a[data-testid=note-link]')].map((a) => ({
              href: a.getAttribute('href'),
              target: a.getAttribute('target'),
              rel: a.getAttribute('rel'),
            })),
          })),
      );
      assert.deepEqual(items.map((x) => x.note), noteNumbers(d), `${d.id}: every note, in order`);
      for (const it of items) {
        const text = noteText(d, it.note);
        if (text === null) {
          assert.equal(it.status, 'absent', `${d.id} note ${it.note}: no text in the export → absent`);
        } else {
          assert.ok(['ok', 'cut-off'].includes(it.status), `${d.id} note ${it.note}: a text → ok or cut-off (${it.status})`);
        }
        assert.equal(it.flag, it.status === 'cut-off', `${d.id} note ${it.note}: flagged exactly when cut off`);
        assert.deepEqual(it.backs, citingPassages(d, it.note), `${d.id} note ${it.note}: a way back to each citing passage`);
        if (text && HAS_URL.test(text)) assert.ok(it.links.length > 0, `${d.id} note ${it.note}: its web address is a link`);
        for (const l of it.links) {
          assert.match(l.href, /^https?:\/\//, 'a note link opens a web address');
          assert.equal(l.target, '_blank', 'a note link opens a new tab');
          assert.equal(l.rel, 'noopener noreferrer', 'and tells the page nothing');
        }
        statuses[`${d.id}/${it.note}`] = it.status;
      }
    }
    // The note passages in the columns carry the same links.
    const columnLinks = await evalAll(page, '[data-testid=column] [data-kind=note] a[data-testid=note-link]', (els) =>
      els.map((a) => [a.getAttribute('target'), a.getAttribute('rel')]),
    );
    for (const [t, r] of columnLinks) assert.deepEqual([t, r], ['_blank', 'noopener noreferrer']);
  }
  const counts = {};
  for (const s of Object.values(statuses)) counts[s] = (counts[s] || 0) + 1;
  console.log(`notes panel: ${JSON.stringify(counts)} over ${withNotes.map((d) => d.id).join(', ')}`);

  // A document with markers but no note texts: every note says so, in the panel and the popover.
  const lacking = withNotes.find((d) => d.passages.some((p) => p.note_refs.length) && noteNumbers(d).every((k) => !noteText(d, k)));
  assert.ok(lacking, 'some document has markers but no note texts');
  assert.ok(noteNumbers(lacking).every((k) => statuses[`${lacking.id}/${k}`] === 'absent'));
  await open(page, `${server.url}#docs=${lacking.id}`);
  await page.locator(`${column(lacking.id)} button[data-testid=note-ref]`).first().click();
  await popover.waitFor({ state: 'visible' });
  assert.equal(await popover.getAttribute('data-missing'), 'true');
  assert.match(await popover.innerText(), /原文に注の本文がありません/);
  assert.equal(await popover.getByRole('button', { name: '注の一覧で表示' }).count(), 0, 'nowhere to show it');
  await page.keyboard.press('Escape');
  await popover.waitFor({ state: 'detached' });

  // A note the source cut off: found by the panel's status; the column and popover say so too.
  const cut = Object.entries(statuses).find(([, s]) => s === 'cut-off');
  assert.ok(cut, 'some document has a note cut off in the source');
  const [cutDoc, cutNumber] = cut[0].split('/');
  const cd = docOf(cutDoc);
  const cn = cd.notes.find((x) => x.number === Number(cutNumber));
  await open(page, `${server.url}#docs=${cutDoc}`);
  const cutPassage = passageSelector(cutDoc, cn.passage);
  await page.locator(cutPassage).scrollIntoViewIfNeeded();
  assert.equal(await page.locator(`${cutPassage} [data-testid=note-cut-off]`).count(), 1, 'the note passage flags it');
  const cutFrom = citingPassages(cd, cn.number)[0];
  await page.click(`${passageSelector(cutDoc, cutFrom)} button[data-testid=note-ref][data-note="${cn.number}"]`);
  await popover.locator('[data-testid=note-cut-off]').waitFor({ state: 'visible' });
  // And the panel's way back marks the citing passage.
  await openPanel(page, 'notes');
  const panelNote = `li[data-testid=panel-note][data-doc="${cutDoc}"][data-note="${cn.number}"]`;
  await page.click(`${panelNote} button[data-testid=note-backlink][data-passage="${cutFrom}"]`);
  await waitFocusedAndVisible(page, passageSelector(cutDoc, cutFrom));
  guard.check();
  await guard.close();
});

/** Each citing document open side by side, its column at a picked-out mention of `c`. */
/**
 * Every citing document open side by side, each showing the source's mentions picked out.
 * `places`: also check that focus/at name each document's first mention (true right after the
 * click; a copied link may carry the positions the columns settled at since, by design).
 */
async function expectSideBySide(page, c, label, { places: checkPlaces = true } = {}) {
  const docs = citingDocs(c).slice(0, MAX_COLUMNS);
  await page.waitForFunction((id) => new URL(location.href).hash.includes(`src=${id}`), c.id);
  const f = fragment(page.url());
  assert.equal(f.src, c.id, `${label}: the link names the source`);
  sameSet(f.docs.split(','), docs);
  // Each column at its first mention: `focus` for the first column, `at` for the others.
  const firstIn = (d) => {
    const m = c.mentions.find((x) => x.document === d);
    return `${d}/${m.passage}`;
  };
  if (checkPlaces) {
    // The mark is in the link; the other columns' places (`at=`) are where they settle once
    // scrolled, which a re-layout may move by a passage: each first mention is checked on
    // screen instead (below), not in the link.
    assert.equal(f.focus, firstIn(f.docs.split(',')[0]), `${label}: the first column is marked at its mention`);
    for (const d of docs) {
      const [, p] = firstIn(d).split('/');
      await waitInView(page, passageSelector(d, p));
    }
  }
  for (const d of docs) {
    await page.waitForSelector(column(d));
    const sel = `${column(d)} cite[data-testid=source-mention][data-source="${c.id}"][data-selected="true"]`;
    await waitSomeVisible(page, sel, `${label}: ${d} shows the picked-out mention`);
    const expected = c.mentions.filter((m) => m.document === d).length;
    const picked = await page.locator(`${sel}:not([data-cont])`).count();
    assert.equal(picked, expected, `${label}: every mention of the source in ${d} is picked out`);
    assert.equal(
      await page.locator(`${column(d)} cite[data-testid=source-mention][data-selected="true"]:not([data-source="${c.id}"])`).count(),
      0,
      `${label}: and nothing else in ${d}`,
    );
  }
  const [fd, fp] = f.focus.split('/');
  await waitFocusedAndVisible(page, passageSelector(fd, fp));
}

test('a source two essays cite opens both side by side at their mentions, and the link does the same elsewhere', async () => {
  const shared = exp.citations.filter((c) => citingDocs(c).length >= 2);
  assert.ok(shared.length > 0, 'the export has a shared source');
  // Not a web address (its mention is a link to another site).
  const plain = shared.filter((c) => c.kind !== 'web_page');
  const first = plain[0];
  const second = plain.find((c) => c.id !== first.id && citingDocs(c).join() !== citingDocs(first).join()) || first;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();

  // Reading the second citing document, click its mention of the source.
  const [docA, docB] = citingDocs(first);
  await open(page, `${server.url}#docs=${docB}`);
  await page.waitForSelector(EXTRACTS);
  const mention = page.locator(`${column(docB)} cite[data-testid=source-mention][data-source="${first.id}"]:not([data-cont])`).first();
  assert.equal(await mention.getAttribute('data-shared'), 'true', 'the mention says it is shared');
  assert.equal(await mention.getAttribute('data-selected'), null, 'not picked out before it is chosen');
  await clickFirstLine(page, mention);
  await page.waitForSelector(column(docA));
  await expectSideBySide(page, first, 'mention clicked');
  await screenshot(page, 'citations-shared-source.png');
  const link = page.url();

  // The same link in a fresh browser lands the same way.
  const guard2 = await watchedContext(browser, server.origin);
  const page2 = await guard2.newPage();
  await open(page2, link);
  await expectSideBySide(page2, first, 'shared link', { places: false });
  guard2.check();
  await guard2.close();

  // The sources panel lists what the open document cites, as the export does.
  await open(page, `${server.url}#docs=${docA}`);
  await page.waitForSelector(EXTRACTS);
  await openPanel(page, 'sources');
  await page.waitForSelector(`section[data-testid=document-sources][data-doc="${docA}"]`);
  const listed = await evalAll(page, 
    `section[data-testid=document-sources][data-doc="${docA}"] li[data-testid=source-item]`,
    (els) =>
      els.map((el) => ({
        id: el.getAttribute('data-source'),
        kind: el.getAttribute('data-kind'),
        shared: el.getAttribute('data-shared') === 'true',
      })),
  );
  const cited = exp.citations.filter((c) => c.mentions.some((m) => m.document === docA));
  sameSet(listed.map((x) => x.id), cited.map((c) => c.id));
  assert.equal(listed.length, cited.length, 'each source once');
  for (const x of listed) {
    const c = exp.citations.find((y) => y.id === x.id);
    assert.equal(x.kind, c.kind, `${x.id}: its kind`);
    assert.equal(x.shared, citingDocs(c).length >= 2, `${x.id}: shared or not`);
  }
  const sharedListed = await evalAll(page, '[data-testid=shared-sources] li[data-testid=source-item]', (els) =>
    els.map((el) => el.getAttribute('data-source')),
  );
  sameSet(sharedListed, shared.map((c) => c.id));
  console.log(`sources: ${exp.citations.length} in the export, ${shared.length} shared; ${listed.length} cited by ${docA}`);

  // "Read them side by side" from the panel.
  await page.click(`[data-testid=shared-sources] button[data-testid=open-shared-source][data-source="${second.id}"]`);
  await expectSideBySide(page, second, 'panel button');
  guard.check();
  await guard.close();
});

test('an acronym one essay uses and another defines shows its expansion on hover and focus; the glossary opens the definition', async () => {
  // From the export: an acronym some document defines and another only uses.
  let pick = null;
  for (const a of exp.acronyms) {
    if (!a.expansions.length || !a.definitions.length) continue;
    const defining = unique(a.definitions.map((s) => s.document));
    const user = unique(a.uses.map((s) => s.document)).find((d) => !defining.includes(d));
    if (user) {
      pick = { a, user, defining };
      break;
    }
  }
  assert.ok(pick, 'the export has an acronym used where it is not defined');
  const { a, user, defining } = pick;
  const gloss = a.expansions.join(' / ');
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${user}`);
  await page.waitForSelector(EXTRACTS);
  const sel = `${column(user)} abbr[data-testid=acronym][data-short="${a.short}"][tabindex="0"]`;
  const uses = a.uses.filter((u) => u.document === user).length;
  assert.equal(await page.locator(sel).count(), uses, `${a.short}: each use in ${user} is marked`);
  const abbr = page.locator(sel).first();
  assert.equal(await abbr.getAttribute('data-gloss'), gloss);
  assert.equal(await abbr.getAttribute('aria-description'), gloss, 'screen readers hear the expansion');

  const tooltip = () => abbr.evaluate((el) => getComputedStyle(el, '::after').content);
  assert.ok(['none', 'normal', ''].includes(await tooltip()), 'no tooltip before hover or focus');
  await abbr.scrollIntoViewIfNeeded();
  await abbr.hover();
  assert.equal(await tooltip(), JSON.stringify(gloss), 'hover shows the expansion');
  await screenshot(page, 'citations-acronym-hover.png');
  await page.mouse.move(1, 1);
  assert.ok(['none', 'normal', ''].includes(await tooltip()), 'and it goes away');

  // By keyboard: Tab from the passage's own buttons until the acronym has focus.
  const passage = abbr.locator('xpath=ancestor::*[@data-testid="passage"]');
  await passage.locator('button[data-testid=cite-button]').focus();
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await abbr.evaluate((el) => document.activeElement === el);
  }
  assert.ok(reached, 'Tab reaches the acronym');
  assert.equal(await tooltip(), JSON.stringify(gloss), 'focus shows the expansion');

  // An acronym no document defines says so.
  const undefinedOne = exp.acronyms.find((x) => !x.definitions.length && x.uses.some((u) => u.document === user));
  if (undefinedOne) {
    const u = page.locator(`${column(user)} abbr[data-testid=acronym][data-short="${undefinedOne.short}"]`).first();
    assert.equal(await u.getAttribute('data-gloss'), 'これらの文書には定義がありません');
  }

  // The glossary: every acronym of the corpus, the undefined ones apart; the definition link opens it.
  await openPanel(page, 'glossary');
  await page.waitForSelector('[data-testid=glossary-entry]');
  assert.equal(await page.locator('[data-testid=glossary-entry]').count(), exp.acronyms.length, 'one entry per acronym');
  assert.equal(
    await page.locator('[data-testid=glossary-undefined] [data-testid=glossary-entry]').count(),
    exp.acronyms.filter((x) => !x.definitions.length).length,
    'the undefined ones in their own section',
  );
  await page.fill('[data-testid=glossary-filter]', a.short);
  const entry = page.locator(`[data-testid=glossary-entry][data-short="${a.short}"]`);
  await entry.waitFor();
  assert.equal(await entry.getAttribute('data-defined'), 'true');
  const shownShorts = await evalAll(page, '[data-testid=glossary-entry]', (els) => els.map((el) => el.getAttribute('data-short')));
  assert.ok(shownShorts.length < exp.acronyms.length, 'the filter narrows the list');
  assert.ok(shownShorts.includes(a.short));
  for (const e of a.expansions) assert.ok((await entry.innerText()).includes(e), `the entry gives ${e}`);
  const defs = await entry.locator('button[data-testid=glossary-definition]').evaluateAll((els) =>
    els.map((el) => `${el.getAttribute('data-doc')}/${el.getAttribute('data-passage')}`),
  );
  const exportDefs = a.definitions.map((s) => `${s.document}/${s.passage}`);
  sameSet(defs, exportDefs);
  const target = a.definitions.find((s) => s.document === defining[0]);
  await entry.locator(`button[data-testid=glossary-definition][data-doc="${target.document}"][data-passage="${target.passage}"]`).click();
  await page.waitForSelector(column(target.document));
  await waitFocusedAndVisible(page, passageSelector(target.document, target.passage));
  const f = fragment(page.url());
  assert.ok(f.docs.split(',').includes(target.document), 'the defining document is open');
  assert.equal(f.focus, `${target.document}/${target.passage}`);
  await screenshot(page, 'citations-glossary.png');
  // The same button closes the panel.
  await page.click('[data-testid=glossary-button]');
  await page.locator('[data-testid=glossary-panel]').waitFor({ state: 'detached' });
  guard.check();
  await guard.close();
});

const eventSelector = (e) =>
  `[data-testid=timeline-event][data-doc="${e.doc}"][data-passage="${e.passage}"][data-iso="${e.iso}"][data-count="${e.count}"]`;

test('a timeline event opens its passage; what could not be dated is listed per document', async () => {
  // The two documents with the most dates the export could not resolve (then the most dates).
  const perDoc = exp.documents
    .map((d) => {
      const dates = exp.dates.filter((x) => x.document === d.id);
      return { id: d.id, dates, unresolved: dates.filter((x) => x.iso === null) };
    })
    .filter((d) => d.dates.length > 0)
    .sort((x, y) => y.unresolved.length - x.unresolved.length || y.dates.length - x.dates.length);
  assert.ok(perDoc.length >= 2, 'two documents with dates');
  const open2 = perDoc.slice(0, 2);
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${open2.map((d) => d.id).join(',')}`);
  await page.waitForSelector(EXTRACTS);
  await page.click('[data-testid=timeline-button]');
  const timeline = page.locator('section[data-testid=timeline]');
  await timeline.waitFor({ state: 'visible' });
  await page.waitForSelector('[data-testid=timeline-event]');
  const events = await evalAll(page, '[data-testid=timeline-event]', (els) =>
    els.map((el) => ({
      doc: el.getAttribute('data-doc'),
      passage: el.getAttribute('data-passage'),
      iso: el.getAttribute('data-iso'),
      count: Number(el.getAttribute('data-count') || '1'),
      role: el.getAttribute('role'),
      tabindex: el.getAttribute('tabindex'),
    })),
  );
  const about = open2.map((d) => `${d.id} (${d.dates.length} dates, ${d.unresolved.length} unresolved)`);
  console.log(`timeline: ${events.length} events for ${about.join(', ')}`);
  sameSet(events.map((e) => e.doc), open2.map((d) => d.id));
  for (const e of events) {
    assert.equal(e.role, 'button');
    assert.equal(e.tabindex, '0', 'an event can be reached by keyboard');
    const dates = open2.find((d) => d.id === e.doc).dates;
    // One mention: exactly a date of the export; several (a cluster): its first passage has one.
    const there = dates.filter((x) => x.passage === e.passage && x.iso !== null);
    if (e.count === 1) assert.ok(there.some((x) => x.iso === e.iso), `${e.doc}/${e.passage} ${e.iso}: the export dates it`);
    else assert.ok(there.length > 0, `${e.doc}/${e.passage}: the export has a date there`);
  }
  // Every resolved date of the export is on the axis, once per passage (an event may stand for
  // several), and the lane's header says how many.
  for (const d of open2) {
    const placed = new Set(d.dates.filter((x) => x.iso !== null).map((x) => `${x.iso} ${x.passage}`)).size;
    const shown = events.filter((e) => e.doc === d.id).reduce((s, e) => s + e.count, 0);
    assert.equal(shown, placed, `${d.id}: each resolved date of the export on the axis, once per passage`);
    const header = await page.locator(`[data-testid=timeline-legend][data-doc="${d.id}"] .tl-counts`).textContent();
    assert.ok(header.includes(`配置 ${placed}件`), `${d.id}: the lane says ${placed} placed (${header.slice(-40)})`);
    const unresolved = new Set(d.unresolved.map((x) => `${x.passage} ${x.text}`)).size;
    assert.ok(header.includes(`未解決 ${unresolved}件`), `${d.id}: and how many are unresolved`);
  }

  // Click an event of one mention, late in its document (its passage is off screen).
  const single = events.filter((e) => e.count === 1);
  assert.ok(single.length > 0, 'some event stands for one mention');
  const order = (e) => docOf(e.doc).passages.findIndex((p) => p.id === e.passage);
  const late = [...single].sort((x, y) => order(y) - order(x))[0];
  await page.click(eventSelector(late));
  await waitFocusedAndVisible(page, passageSelector(late.doc, late.passage));
  assert.equal(fragment(page.url()).focus, `${late.doc}/${late.passage}`);
  await screenshot(page, 'citations-timeline.png');

  // By keyboard: Enter on another one.
  const other = single.find((e) => e.doc !== late.doc) || single.find((e) => e.passage !== late.passage);
  if (other) {
    await page.locator(eventSelector(other)).first().focus();
    await page.keyboard.press('Enter');
    await waitFocusedAndVisible(page, passageSelector(other.doc, other.passage));
  }

  // Unresolved: one list per open document; the items are the export's unresolved expressions.
  for (const d of open2) {
    const list = page.locator(`[data-testid=timeline-unresolved][data-doc="${d.id}"]`);
    assert.equal(await list.count(), 1, `${d.id}: an unresolved list`);
    const items = await list.locator('li').evaluateAll((els) => els.map((el) => el.innerText.trim()));
    const texts = d.unresolved.map((x) => x.text);
    for (const t of items) assert.ok(texts.includes(t), `${d.id}: "${t}" is unresolved in the export`);
    const distinct = new Set(d.unresolved.map((x) => `${x.passage} ${x.text}`)).size;
    assert.equal(
      items.length,
      distinct,       `${d.id}: each unresolved expression of the export listed (once per passage)`,
    );
  }

  // The button hides it again.
  await page.click('[data-testid=timeline-button]');
  await timeline.waitFor({ state: 'detached' });
  guard.check();
  await guard.close();
});

/** The dark modules a QR code's SVG path paints (`M x y hN v1 h-N z` runs), as rows of booleans. */
function paintQr(size, d) {
  const grid = Array.from({ length: size }, () => new Array(size).fill(false));
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    const [x, y, run] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = x; i < x + run; i++) grid[y][i] = true;
  }
  return grid;
}

/** Whether the 7×7 modules at (x, y) are a QR finder pattern: dark ring, light ring, dark 3×3. */
function isFinder(grid, size, x, y) {
  for (let dy = 0; dy < 7; dy++) {
    for (let dx = 0; dx < 7; dx++) {
      const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
      if (grid[y + dy][x + dx] !== (ring !== 2)) return false;
    }
  }
  return true;
}

test('cite this passage: three forms with the permalink, copied as shown, a QR code, and the permalink lands there', async () => {
  // A paragraph in the middle of the first document with a title and author.
  const doc = exp.documents.find((d) => d.title && d.author) || exp.documents[0];
  const paragraphs = doc.passages.filter((p) => p.kind === 'paragraph');
  const p = paragraphs[Math.floor(paragraphs.length / 2)];
  const guard = await watchedContext(browser, server.origin);
  await guard.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  const page = await guard.newPage();
  await open(page, `${server.url}#docs=${doc.id}`);
  const passage = page.locator(passageSelector(doc.id, p.id));
  await passage.scrollIntoViewIfNeeded();
  await passage.hover();
  const button = passage.locator('button[data-testid=cite-button]');
  await button.waitFor({ state: 'visible' });
  await button.click();
  const dialog = page.locator('[data-testid=cite-dialog]');
  await dialog.waitFor({ state: 'visible' });

  const permalink = await dialog.locator('input[data-testid=cite-link]').inputValue();
  assert.ok(permalink.startsWith(server.url), `the permalink is on this site: ${permalink}`);
  const f = fragment(permalink);
  assert.equal(f.docs, doc.id, 'the permalink opens the document alone');
  assert.equal(f.focus, `${doc.id}/${p.id}`, 'at the passage');
  assert.equal(f.q, p.anchor.exact, "with the passage's opening words, to find it again");
  const chars = Array.from(p.text);
  const quoted = chars.length > 80 ? `${chars.slice(0, 80).join('')}…` : p.text;
  assert.equal(squash(await dialog.locator('[data-testid=cite-excerpt]').innerText()), squash(quoted), 'the dialog quotes the passage');

  const styles = await dialog.locator('[data-testid=citation]').evaluateAll((els) => els.map((el) => el.getAttribute('data-style')));
  assert.deepEqual(styles, ['sist02', 'apa', 'chicago']);
  for (const style of styles) {
    const block = dialog.locator(`[data-testid=citation][data-style="${style}"]`);
    const text = await block.locator('[data-testid=citation-text]').innerText();
    assert.ok(text.includes(permalink), `${style} holds the permalink`);
    assert.ok(text.replace(/\s/g, '').includes(doc.title.replace(/\s/g, '')), `${style} names the title: ${text}`);
    assert.ok(text.replace(/\s/g, '').includes(doc.author.replace(/\s/g, '')), `${style} names the author`);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await block.locator('button[data-testid=copy-citation]').click();
    await block.locator('[data-testid=copy-feedback]').filter({ hasText: 'コピーしました' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, text, `${style}: the clipboard holds what the block shows`);
  }
  const qr = dialog.locator('[data-testid=cite-qr]');
  assert.equal(await qr.evaluate((el) => el.tagName.toLowerCase()), 'svg');
  const qrBox = await qr.boundingBox();
  assert.ok(qrBox && qrBox.width >= 240 && qrBox.height >= 240, `the QR code is big enough to scan (${JSON.stringify(qrBox)})`);
  // It looks like a QR code to a scanner: the three finder squares in their corners.
  const size = Number((await qr.getAttribute('viewBox')).split(' ')[2]);
  const modules = paintQr(size, await qr.locator('path').getAttribute('d'));
  for (const [x, y] of [[4, 4], [size - 11, 4], [4, size - 11]]) {
    assert.ok(isFinder(modules, size, x, y), `a finder pattern at module (${x}, ${y})`);
  }
  await screenshot(page, 'citations-cite-dialog.png');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  // The permalink, opened by someone else.
  const guard2 = await watchedContext(browser, server.origin);
  const page2 = await guard2.newPage();
  await open(page2, permalink);
  await waitFocusedAndVisible(page2, passageSelector(doc.id, p.id));
  assert.equal(await page2.locator('[data-testid=column]').count(), 1);
  guard2.check();
  await guard2.close();
  guard.check();
  await guard.close();
});

test('the extraction of sources, acronyms and dates is measured once per load', async () => {
  const doc = exp.documents[0].id;
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  const runs = [];
  for (let i = 0; i < 5; i++) {
    await open(page, `${server.url}#docs=${doc}`);
    await page.waitForSelector(EXTRACTS);
    const entries = await page.evaluate(() =>
      performance.getEntriesByName('yomikurabe:extract').map((e) => ({ type: e.entryType, duration: e.duration })),
    );
    assert.equal(entries.length, 1, 'one extraction per load');
    assert.equal(entries[0].type, 'measure');
    runs.push(Math.round(entries[0].duration * 10) / 10);
  }
  const sorted = [...runs].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`perf: extraction of sources, acronyms and dates in wasm (ms, release): median ${median}, runs ${runs.join(', ')}`);
  await writeArtifact(
    'extract-perf.json',
    JSON.stringify({ measure: 'yomikurabe:extract', median_ms: median, runs_ms: runs, documents: exp.documents.length }, null, 2) + '\n',
  );
  guard.check();
  await guard.close();
});

// A teacher's links get mangled on the way (mail clients, chat apps, hand edits): hundreds of
// fragments — well-formed ones and ones with something wrong in them, random bytes, broken
// escapes, very long values — are applied to an open reader through `location.hash`, and a few
// through fresh page loads. After each the page must show the library or the reader with text
// (never a blank page, never an error), and whenever the link asked for something the reader
// left out, a notice must say so; a link with nothing wrong must open without one.
// Every wait is on a condition: the app's root says which navigation it has shown
// (`data-nav`) and the link it shows (`data-fragment`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, watchedContext, open, cli, WAIT_MS } from './helpers.mjs';

/** How many fragments are applied to one open page, and how many are loaded afresh. */
const HASH_CASES = Number(process.env.YK_MALFORMED_CASES || 300);
const LOAD_CASES = 12;
const SEED = Number(process.env.YK_MALFORMED_SEED || 20240607);

let server;
let browser;
let pools;
before(async () => {
  server = await serve();
  browser = await launch();
  const exported = JSON.parse(cli(['export']));
  pools = {
    docs: exported.documents.map((d) => d.id),
    passages: Object.fromEntries(
      exported.documents.map((d) => [d.id, d.passages.map((p) => ({ id: p.id, quote: p.anchor.exact }))]),
    ),
    notes: exported.documents.flatMap((d) =>
      d.passages.flatMap((p) => p.note_refs.map((r) => ({ doc: d.id, passage: p.id, number: r.number }))),
    ),
    themes: exported.themes.filter((t) => t.kind === 'curated').map((t) => t.id),
    sources: exported.citations.map((c) => c.id),
  };
  assert.ok(pools.docs.length >= 2 && pools.notes.length > 0 && pools.themes.length > 0 && pools.sources.length > 0);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** A small seeded generator (mulberry32): the same fragments on every run. */
function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const below = (n) => Math.floor(next() * n);
  return {
    below,
    chance: (percent) => below(100) < percent,
    pick: (xs) => xs[below(xs.length)],
  };
}

const KEYS = ['docs', 'focus', 'q', 'at', 'themes', 'u', 'src', 'p', 'tl', 'al', 'r', 'c', 'n', 'lang'];
const enc = encodeURIComponent;

/** A link the reader itself could write: [key, value] pairs with ids of the corpus. */
function wellFormed(g) {
  const docs = [];
  const n = 1 + g.below(4);
  while (docs.length < n) {
    const d = g.pick(pools.docs);
    if (!docs.includes(d)) docs.push(d);
  }
  const passageOf = (doc) => g.pick(pools.passages[doc]);
  const pairs = [['docs', docs.join(',')]];
  let focus = null;
  if (g.chance(50)) {
    focus = g.pick(docs);
    const p = passageOf(focus);
    pairs.push(['focus', `${focus}/${p.id}`]);
    if (g.chance(50) && p.quote.trim()) pairs.push(['q', enc(p.quote)]);
  }
  const at = docs.filter((d) => d !== focus && g.chance(30)).map((d) => `${d}/${passageOf(d).id}`);
  if (at.length) pairs.push(['at', at.join(',')]);
  if (g.chance(40)) pairs.push(['themes', [...new Set([g.pick(pools.themes), g.pick(pools.themes)])].join(',')]);
  if (g.chance(15)) pairs.push(['src', g.pick(pools.sources)]);
  if (g.chance(40)) pairs.push(['p', g.pick(['themes', 'notes', 'sources', 'glossary'])]);
  if (g.chance(20)) pairs.push(['tl', '1']);
  if (g.chance(20)) pairs.push(['al', '1']);
  if (g.chance(15)) {
    const d = g.pick(docs);
    pairs.push([g.pick(['r', 'c']), `${d}/${passageOf(d).id}`]);
  }
  const notes = pools.notes.filter((x) => docs.includes(x.doc));
  if (g.chance(20) && notes.length) {
    const x = g.pick(notes);
    pairs.push(['n', `${x.doc}/${x.passage}/${x.number}`]);
  }
  return { pairs, docs, focus };
}

/** Things wrong in a link that the reader must leave out, each with a word about it. */
const FAULTS = [
  (l) => l.pairs.push(['zz', '1']),
  (l) => l.pairs.push(['DOCS', l.docs[0]]),
  (l) => l.pairs.push(['docs', l.docs[0]]), // a key given twice
  (l) => (l.pairs[0][1] += ',no-such-document'),
  (l) => (l.pairs[0][1] += ',Bad%20Id'),
  (l) => (l.pairs[0][1] += `,${l.docs[0]}%FF`), // invalid UTF-8 in an id
  (l) => (l.pairs[0][1] += `,${'x'.repeat(5000)}`), // a very long value
  (l) => l.pairs.push(['u', '%7C%7E']), // a theme of one's own with no words
  (l) => l.pairs.push(['themes', 'no-such-theme']),
  (l) => l.pairs.push(['p', 'index']),
  (l) => l.pairs.push(['al', 'yes']),
  (l) => l.pairs.push(['n', `${l.docs[0]}/${pools.passages[l.docs[0]][0].id}/9999`]),
  (l) => l.pairs.push(['c', `${l.docs[0]}/s999-p999`]),
  (l) => l.pairs.push(['r', `no-such-document/s1`]),
  (l) => l.pairs.push(['at', `${l.docs[0]}/%E5%8C`]),
  (l) => l.pairs.push(['src', 'statement-00000000']),
  (l) => l.pairs.push(['src', '%3Cscript%3E']),
  (l) => l.pairs.push(['focus', `${l.docs[0]}/s999-p999`]),
  (l) => l.pairs.push(['focus', '%ED%A0%80']),
  (l) => {
    if (l.focus) l.pairs.push(['docs', 'again']);
    else l.pairs.push(['q', 'あ'.repeat(3000)]); // a quote of no passage, very long
  },
];

/** Random bytes as a fragment: printable ASCII as it is, the rest percent-escaped. */
function randomBytes(g, max) {
  let out = '';
  const n = g.below(max + 1);
  for (let i = 0; i < n; i++) {
    const b = g.below(256);
    out += b > 0x20 && b < 0x7f && b !== 0x23 && g.chance(80) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`;
  }
  return out;
}

/** Whether a fragment surely asks for something the reader does not know (a key it lacks). */
function hasUnknownKey(fragment) {
  return fragment.split('&').some((pair) => {
    const [k, v = ''] = pair.split('=');
    let key;
    try {
      key = decodeURIComponent(k.replace(/\+/g, ' '));
    } catch {
      return false; // undecodable: the reader decodes it its own way
    }
    return (key !== '' || v !== '') && !KEYS.includes(key) && !key.includes('%');
  });
}

/** One case: { fragment, expect: 'notice' | 'none' | 'any' }. */
function nextCase(g) {
  const kind = g.below(10);
  if (kind < 2) {
    const fragment = randomBytes(g, kind === 0 ? 60 : 400);
    return { fragment, expect: hasUnknownKey(fragment) ? 'notice' : 'any', what: 'random bytes' };
  }
  const link = wellFormed(g);
  if (kind < 4) {
    return { fragment: link.pairs.map(([k, v]) => `${k}=${v}`).join('&'), expect: 'none', what: 'well-formed' };
  }
  const faults = 1 + g.below(2);
  for (let i = 0; i < faults; i++) g.pick(FAULTS)(link);
  if (g.chance(50)) link.pairs.push(link.pairs.shift()); // keys in any order
  return { fragment: link.pairs.map(([k, v]) => `${k}=${v}`).join('&'), expect: 'notice', what: 'with faults' };
}

/** Set the address to `#f`; what the app's root said before and says at once after (the
 * navigation shown and its link) and the address as the browser keeps it. Runs in the page. */
const setHash = (f) => {
  const root = () => {
    const a = document.querySelector('.app');
    return { nav: a?.dataset.nav, fragment: a?.dataset.fragment, hash: location.hash.replace(/^#/, '') };
  };
  const before = root();
  location.hash = f;
  return { before, now: root() };
};

/** Wait until the app has shown the address it is at (and, if it tidied it, written the tidy form). */
async function settled(page, navBefore) {
  await page.waitForFunction(
    (nav) => {
      const a = document.querySelector('.app');
      if (!a) return false;
      const hash = location.hash.replace(/^#/, '');
      return hash === a.dataset.fragment && (nav === null || a.dataset.nav !== nav);
    },
    navBefore,
    { timeout: 3 * WAIT_MS, polling: 50 },
  );
}

/** What is on screen: the view (library or reader), its size and text, and the notice. */
const screenState = () => {
  const view = document.querySelector('[data-testid=library], [data-testid=reader]');
  const r = view ? view.getBoundingClientRect() : null;
  const notice = document.querySelector('[data-testid=notice]');
  return {
    view: view ? view.getAttribute('data-testid') : null,
    visible: !!r && r.width > 0 && r.height > 0,
    // The text of the first passages (or cards) shown: reading all of four long documents'
    // text would cost more than the rest of the check.
    text: view
      ? [...view.querySelectorAll('[data-testid=passage], [data-testid=doc-card]')]
          .slice(0, 6)
          .map((el) => el.innerText)
          .join('')
          .trim().length
      : 0,
    notice: notice ? [...notice.querySelectorAll('li')].map((li) => li.innerText.trim()) : null,
  };
};

/** Something a person can read is on screen (the library or the reader, with visible text). */
function assertNotBlank(state, label) {
  assert.ok(state.view, `${label}: neither library nor reader is shown`);
  assert.ok(state.visible, `${label}: the ${state.view} has no size`);
  assert.ok(state.text > 20, `${label}: almost no visible text (${state.text} chars)`);
}

/** The notice says, in sentences, what was left out. */
function assertReadable(items, label) {
  assert.ok(items.length > 0, `${label}: an empty notice`);
  for (const item of items) {
    assert.match(item, /[.;:。]$|…[”」]?$/, `${label}: not a sentence: ${item}`);
    assert.ok(item.length < 400, `${label}: a notice of ${item.length} characters: ${item.slice(0, 80)}…`);
  }
}

/** Check the screen after case `c`; returns which view is shown. */
async function check(page, c, label) {
  let state = await page.evaluate(screenState);
  assertNotBlank(state, label);
  if (c.expect === 'notice') {
    if (!state.notice) {
      // Some things can only be checked once the sources are read (just after the first paint).
      await page
        .locator('[data-testid=notice]')
        .first()
        .waitFor({ state: 'visible', timeout: 8000 })
        .catch(() => {
          throw new Error(`${label}: no notice says what was left out (showing the ${state.view}; link ${page.url()})`);
        });
      state = await page.evaluate(screenState);
    }
    assertReadable(state.notice, label);
  } else if (c.expect === 'none') {
    assert.equal(state.notice, null, `${label}: a well-formed link gave a notice: ${JSON.stringify(state.notice)}`);
  }
  return state.view;
}

const labelOf = (i, c) => {
  const f = c.fragment.length > 100 ? `${c.fragment.slice(0, 100)}… (${c.fragment.length} chars)` : c.fragment;
  return `case ${i} (${c.what}) #${f}`;
};

test(`${HASH_CASES} malformed and well-formed links applied through location.hash: never blank, never an error, always a word about what was left out`, async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  page.on('dialog', (d) => {
    guard.problems.push(`a dialog opened: ${d.message()}`);
    d.dismiss();
  });
  await open(page, `${server.url}#docs=${pools.docs[0]}`);
  await settled(page, null);
  // Start once the app has finished its start-up work (the idle-time pipeline steps), so the
  // links below are not raced against it: what is checked here is how links are read.
  await page.waitForFunction(() => performance.getEntriesByName('yomikurabe:startup-done').length > 0, null, {
    timeout: 3 * WAIT_MS,
  });
  const g = generator(SEED);
  const seen = { notice: 0, none: 0, any: 0, library: 0, reader: 0 };
  for (let i = 0; i < HASH_CASES; i++) {
    const c = nextCase(g);
    const label = labelOf(i, c);
    const { before, now } = await page.evaluate(setHash, c.fragment);
    if (now.hash === before.hash || now.hash === before.fragment) {
      // The address did not change, or names what is shown already: nothing new to show, and
      // the notices on screen are the last link's.
      await settled(page, null);
      assertNotBlank(await page.evaluate(screenState), label);
      continue;
    }
    await settled(page, before.nav);
    const view = await check(page, c, label);
    seen[c.expect]++;
    seen[view]++;
    if (guard.problems.length) break;
  }
  console.log(`applied ${HASH_CASES} fragments: ${JSON.stringify(seen)}`);
  assert.ok(seen.notice > HASH_CASES / 3, `enough links with faults were checked: ${JSON.stringify(seen)}`);
  assert.ok(seen.none > HASH_CASES / 10, `enough well-formed links were checked: ${JSON.stringify(seen)}`);
  assert.ok(seen.reader > HASH_CASES / 3, `enough links opened documents: ${JSON.stringify(seen)}`);
  guard.check();
  await guard.close();
});

test(`${LOAD_CASES} malformed links loaded afresh: the same, from a cold start`, async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  const g = generator(SEED + 1);
  let checked = 0;
  for (let i = 0; checked < LOAD_CASES; i++) {
    const c = nextCase(g);
    if (c.expect === 'any') continue;
    const label = `fresh load, ${labelOf(i, c)}`;
    await open(page, `${server.url}#${c.fragment}`);
    await settled(page, null);
    await check(page, c, label);
    checked++;
  }
  guard.check();
  await guard.close();
});

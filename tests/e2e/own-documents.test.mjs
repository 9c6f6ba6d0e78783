// A teacher brings their own files: chooses some (in Shift_JIS, EUC-JP, UTF-8), drops one,
// pastes one, corrects a title, reloads (nothing is lost), saves everything as one reading
// pack, opens that file from file:// in a fresh browser and follows a passage link inside it;
// then adds to the pack and saves again. Bad files get a message each, and text that looks like
// HTML or script is shown as text and never runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { serve, launch, watchedContext, open, libraryIds, evalAll, squash, tempDir, WAIT_MS, screenshot, cli } from './helpers.mjs';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'own');
const fixture = (name) => path.join(FIXTURES, name);

let server;
let browser;
let dir;
before(async () => {
  server = await serve();
  browser = await launch();
  dir = await tempDir('yk-own-');
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cardTitles = (page) => evalAll(page, '[data-testid=doc-card] .doc-title', (els) => els.map((e) => e.innerText.trim()));
const notices = (page) => evalAll(page, '[data-testid=notice] li', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
const storedCount = (page) => page.evaluate(() => performance.getEntriesByName('yomikurabe:shelf-stored').length);

/** Wait until the library shows `n` cards (a timeout says what the page shows instead). */
async function waitCards(page, n) {
  try {
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=doc-card]').length === n, n);
  } catch (e) {
    const shows = await page.evaluate(() => document.body.innerText.slice(0, 300)).catch(() => '');
    throw new Error(`${e.message}; wanted ${n} cards at ${page.url()}; the page shows: ${shows}`);
  }
}

/** Do `act`, then wait until the shelf has been written to the browser's storage once more. */
async function andStored(page, act) {
  const before = await storedCount(page);
  await act();
  try {
    await page.waitForFunction((n) => performance.getEntriesByName('yomikurabe:shelf-stored').length > n, before);
  } catch (e) {
    const said = await notices(page).catch(() => []);
    throw new Error(`the shelf was not stored again (${before} times before); the page says: ${JSON.stringify(said)}; ${e.message}`);
  }
}

/** The card that shows `text` (in its title, facts or opening). */
async function card(page, text) {
  const c = page.locator('[data-testid=doc-card]', { hasText: text });
  await c.waitFor();
  return c;
}
/**
 * From the library at `url`: the document whose card shows `cardText`, and in it the passage
 * that holds `passageText`; open a link to that passage in a fresh load and wait until it is
 * shown, marked. Returns the document and passage ids.
 */
async function followPassageLink(page, url, cardText, passageText) {
  const id = await (await card(page, cardText)).getAttribute('data-doc');
  await open(page, `${url}#docs=${id}`);
  const passage = page.locator(`[data-testid=column][data-doc="${id}"] [data-testid=passage]`, { hasText: passageText });
  const pid = await passage.getAttribute('data-passage');
  await open(page, `${url}#docs=${id}&focus=${id}/${pid}`);
  await page.waitForSelector(`[data-testid=passage][data-passage="${pid}"][data-focused=true]`);
  return { id, pid };
}
const cardTexts = (page) => evalAll(page, '[data-testid=doc-card]', (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ')));

test('own files: chosen, dropped, pasted, refused with reasons, corrected, kept over a reload, saved as a pack that opens from file://', async () => {
  const guard = await watchedContext(browser, server.origin, { acceptDownloads: true });
  const page = await guard.newPage();
  await open(page, server.url);
  const builtIn = (await libraryIds(page)).length;
  await page.waitForFunction(() => performance.getEntriesByName('yomikurabe:startup-done').length > 0, null, { timeout: WAIT_MS * 2 });

  // Choose six files at once: three texts in three encodings, an empty file, a picture, and a
  // copy of one of the texts.
  await andStored(page, () =>
    page.setInputFiles('[data-testid=add-files]', [
      'jichi-sjis.txt', 'gaiko-eucjp.txt', 'gakko.md', 'empty.txt', 'picture.png', 'gakko-copy.md', 'markup.txt',
    ].map(fixture)),
  );
  await waitCards(page, builtIn + 4);
  const texts = await cardTexts(page);
  for (const t of ['地方自治と住民参加', '外交と世論', '学校教育と地域']) {
    assert.ok(texts.some((x) => x.includes(t)), `a card showing ${t} (decoded correctly): ${texts}`);
  }
  const said = await notices(page);
  assert.ok(said.some((n) => /empty\.txt/.test(n) && /ファイルが空|テキストが入っていません/.test(n)), `the empty file is named: ${said}`);
  assert.ok(said.some((n) => /picture\.png/.test(n) && /バイナリ|テキストでもありません/.test(n)), `the picture is named: ${said}`);
  assert.ok(said.some((n) => /gakko-copy\.md/.test(n) && /同じテキスト/.test(n)), `the duplicate is named: ${said}`);
  const sjis = await card(page, '地方自治と住民参加');
  await sjis.locator('summary').click();
  assert.match(await sjis.locator('[data-testid=doc-source]').innerText(), /jichi-sjis\.txt · Shift_JIS/);
  // What the parser found is said as what it is.
  assert.match(await sjis.locator('[data-testid=parse-structure]').innerText(), /見出し\d+件、段落\d+/);
  const euc = await card(page, '外交と世論');
  await euc.locator('summary').click();
  assert.match(await euc.locator('[data-testid=doc-source]').innerText(), /EUC-JP/);

  // Markup in a text is text: shown as typed, never run.
  const markupCard = page.locator('[data-testid=doc-card]', { hasText: 'window.__pwned' }).first();
  await markupCard.waitFor();
  assert.match(await markupCard.innerText(), /<script>window\.__pwned = 1<\/script>/);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script in the text ran');

  // Drop a file on the library.
  const dropped = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['落とした文書\n\nドラッグして追加した本文である。'], 'dropped.txt', { type: 'text/plain' }));
    return dt;
  });
  await andStored(page, () => page.dispatchEvent('[data-testid=library]', 'drop', { dataTransfer: dropped }));
  await card(page, '落とした文書');

  // Paste a text, as copied out of a PDF.
  await page.click('.shelf-paste summary');
  await page.fill('[data-testid=paste-name]', 'speech');
  await page.fill('[data-testid=paste-text]', '貼り付けた演説\n\n本日はお集まりいただき、\nありがとうございます。\n\n1\n\f続きの段落です。');
  await andStored(page, () => page.click('[data-testid=paste-add]'));
  const pasted = await card(page, '貼り付けた演説');

  // The page number the parser set aside is listed; say it is content, then set it aside again.
  await pasted.locator('summary').click();
  const setAside = pasted.locator('[data-testid=parse-removed] li', { hasText: 'ページ番号' });
  assert.match(await setAside.innerText(), /6行目 · ページ番号：1/);
  await andStored(page, () => setAside.locator('[data-testid=keep-line]').click());
  await pasted.locator('[data-testid=parse-removed] li.kept[data-line="6"]').waitFor();
  assert.equal(await pasted.locator('[data-testid=parse-removed] li', { hasText: 'ページ番号' }).count(), 0);
  await andStored(page, () => pasted.locator('[data-testid=unkeep-line]').click());
  await pasted.locator('[data-testid=parse-removed] li', { hasText: 'ページ番号' }).waitFor();

  // Correct a title and a date.
  await pasted.locator('[data-testid=correct-title]').fill('施政方針演説（訂正）');
  await pasted.locator('[data-testid=correct-date]').fill('2024-01-26');
  await andStored(page, () => pasted.locator('[data-testid=correct-save]').click());
  const corrected = await card(page, '施政方針演説（訂正）');
  assert.match(await corrected.innerText(), /2024/);

  // A link made here (a local address) says it only opens on this computer.
  const pastedId = await corrected.getAttribute('data-doc');
  await open(page, `${server.url}#docs=${pastedId}`);
  await page.locator('[data-testid=passage] [data-testid=copy-link]').first().click({ force: true });
  await page.waitForSelector('[data-testid=toast] [data-testid=local-link]');
  assert.ok((await page.inputValue('[data-testid=last-link]')).startsWith(server.url), 'the link is to this page');
  await open(page, server.url);

  // A reload loses nothing.
  const shelf = await cardTitles(page);
  await page.reload();
  await waitCards(page, shelf.length);
  assert.deepEqual(await cardTitles(page), shelf, 'the same shelf after a reload');
  assert.match(await page.locator('[data-testid=stored]').innerText(), /本棚を保存しています/);

  // Define a theme of one's own while reading; it travels in the pack.
  const sjisId = await (await card(page, '地方自治と住民参加')).getAttribute('data-doc');
  await open(page, `${server.url}#docs=${sjisId}`);
  await page.click('[data-testid=themes-button]');
  await page.fill('[data-testid=user-theme-input]', '住民投票、審議会');
  await page.click('[data-testid=user-theme-add]');
  await page.waitForSelector(`[data-testid=column][data-doc="${sjisId}"] mark.theme`);
  // Keep it with these documents: it stays after a reload and is saved in the pack.
  await andStored(page, () => page.click('[data-testid=theme-keep]'));
  await page.waitForFunction(() => /themes=mine-[0-9a-f]{8}/.test(location.hash));
  await page.reload();
  await page.waitForSelector(`[data-testid=column][data-doc="${sjisId}"] mark.theme`);
  await page.waitForSelector('[data-testid=themes-panel] tr.theme-row [data-testid=theme-unkeep]');
  await page.evaluate(() => { location.hash = ''; });
  await waitCards(page, shelf.length);


  // Record where the pack will be published; save the pack.
  await page.fill('[data-testid=published]', 'https://example.org/class/pack.html');
  await andStored(page, () => page.click('[data-testid=publish]'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=save-pack]')]);
  const packFile = path.join(dir, 'pack.html');
  await download.saveAs(packFile);
  const html = fs.readFileSync(packFile, 'utf8');
  assert.match(html, /http-equiv="Content-Security-Policy"[^>]*default-src 'none'/, 'the pack carries a CSP allowing no other origin');
  assert.match(html, /id="yomikurabe-pack"/);
  assert.ok(!/<script>window\.__pwned/.test(html), 'the text cannot open an element in the pack');
  await screenshot(page, 'own-documents-library.png');
  guard.check();
  await guard.close();

  // The pack, opened from file:// in a fresh profile, shows the shelf and follows a passage link.
  const fresh = await launch();
  try {
    const g2 = await watchedContext(fresh, 'file:', { acceptDownloads: true });
    const p2 = await g2.newPage();
    const url = pathToFileURL(packFile).href;
    await open(p2, url);
    await waitCards(p2, shelf.length);
    assert.deepEqual(await cardTitles(p2), shelf, 'the pack holds the whole shelf, corrections included');
    const { id, pid } = await followPassageLink(p2, url, '地方自治と住民参加', '住民投票は');
    assert.match(squash(await p2.locator(`[data-testid=passage][data-passage="${pid}"]`).innerText()), /住民投票は、重要な争点/);

    // The theme defined before saving is one of the pack's themes, and it highlights.
    await p2.click('[data-testid=themes-button]');
    const themeRow = p2.locator('[data-testid=themes-panel] tr.theme-row', { hasText: '住民投票' });
    await themeRow.waitFor();
    await themeRow.locator('[data-testid=theme-toggle]').check();
    await p2.waitForSelector(`[data-testid=column][data-doc="${id}"] mark.theme`);
    await p2.click('[data-testid=themes-button]');

    // A link made in the pack points where the pack is published, with no warning.
    await p2.locator(`[data-testid=passage][data-passage="${pid}"] [data-testid=copy-link]`).click({ force: true });
    await p2.waitForSelector('[data-testid=toast]');
    assert.ok((await p2.inputValue('[data-testid=last-link]')).startsWith(`https://example.org/class/pack.html#docs=${id}`));
    assert.equal(await p2.locator('[data-testid=local-link]').count(), 0, 'a published link is not local');

    // Add one more document to the opened pack and save again: the new pack has both.
    await open(p2, url);
    await waitCards(p2, shelf.length);
    await p2.setInputFiles('[data-testid=add-files]', {
      name: 'more.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('追加の文書\n\n二度目に加えた本文である。'),
    });
    await waitCards(p2, shelf.length + 1);
    const [again] = await Promise.all([p2.waitForEvent('download'), p2.click('[data-testid=save-pack]')]);
    const second = path.join(dir, 'pack2.html');
    await again.saveAs(second);
    await g2.close();
    const g3 = await watchedContext(fresh, 'file:');
    const p3 = await g3.newPage();
    await open(p3, pathToFileURL(second).href);
    await waitCards(p3, shelf.length + 1);
    const titles3 = await cardTitles(p3);
    assert.ok(titles3.includes('追加の文書') && titles3.includes('施政方針演説（訂正）'), `${titles3}`);
    g3.check();
    await g3.close();
    g2.check();
  } finally {
    await fresh.close();
  }
});

test('`yomikurabe pack DIR -o FILE.html`: the folder becomes a pack that opens from file:// and requests nothing', async () => {
  const out = path.join(dir, 'cli-pack.html');
  cli(['pack', FIXTURES, '-o', out, '--published', 'https://example.org/cli/pack.html']);
  const html = fs.readFileSync(out, 'utf8');
  assert.match(html, /http-equiv="Content-Security-Policy"/);
  const guard = await watchedContext(browser, 'file:');
  const requests = [];
  guard.context.on('request', (r) => requests.push(r.url()));
  const page = await guard.newPage();
  const url = pathToFileURL(out).href;
  await open(page, url);
  // The texts of the folder (the empty file and the copy are left out; the picture is no document).
  await waitCards(page, 4);
  const texts = await cardTexts(page);
  for (const t of ['地方自治と住民参加', '外交と世論', '学校教育と地域', 'window.__pwned']) {
    assert.ok(texts.some((x) => x.includes(t)), `${t}: ${texts}`);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no script in the text ran');
  const { pid } = await followPassageLink(page, url, '外交と世論', '世論調査の結果');
  await page.locator(`[data-testid=passage][data-passage="${pid}"] [data-testid=copy-link]`).click({ force: true });
  await page.waitForSelector('[data-testid=toast]');
  assert.ok((await page.inputValue('[data-testid=last-link]')).startsWith('https://example.org/cli/pack.html#'));
  const fetched = [...new Set(requests.filter((r) => !/^(data|blob):/.test(r)).map((r) => r.split('#')[0]))];
  assert.deepEqual(fetched, [url], 'only the pack itself was requested');
  guard.check();
  await guard.close();
});

test('a wrong encoding chosen by hand is refused with a reason, the right one works; a garbled text is added with a warning; a saved web page gives its article; a Word file its headings and footnotes', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);
  const builtIn = (await libraryIds(page)).length;
  await page.selectOption('[data-testid=encoding]', 'EUC-JP');
  await page.setInputFiles('[data-testid=add-files]', fixture('jichi-sjis.txt'));
  await page.waitForFunction(() => /jichi-sjis\.txt：追加できません。.*EUC-JP.*別の文字コードを選んでください/.test(document.body.innerText));
  assert.equal((await libraryIds(page)).length, builtIn);
  await page.selectOption('[data-testid=encoding]', 'Shift_JIS');
  await page.setInputFiles('[data-testid=add-files]', fixture('jichi-sjis.txt'));
  await card(page, '地方自治と住民参加');

  await page.selectOption('[data-testid=encoding]', '');
  await page.setInputFiles('[data-testid=add-files]', path.join(FIXTURES, '..', 'odd', 'mojibake.txt'));
  await page.waitForFunction(() => /mojibake\.txt：追加しましたが、文字化けしているようです/.test(document.body.innerText));
  await waitCards(page, builtIn + 2);

  // A web page saved from the browser: its article, not its navigation; nothing in it runs.
  await page.setInputFiles('[data-testid=add-files]', path.join(FIXTURES, '..', 'odd', 'saved-page.html'));
  const article = await card(page, '地域外交の新しいかたち');
  const shown = await article.innerText();
  assert.ok(!/ホーム|お問い合わせ|ナビゲーション/.test(shown), `no navigation on the card: ${shown}`);
  const pageId = await article.getAttribute('data-doc');
  await open(page, `${server.url}#docs=${pageId}`);
  const body = squash(await page.locator(`[data-testid=column][data-doc="${pageId}"]`).innerText());
  assert.match(body, /自治体が海外の都市と結ぶ交流は、国の外交を補う役割を担いつつある。/, 'source line breaks inside Japanese are joined');
  assert.match(body, /姉妹都市の歩み/);
  assert.ok(!/ホーム|お問い合わせ|ナビゲーション|__pwned/.test(body), `only the article: ${body}`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'nothing in the page ran');

  // A teacher's Word file: its title and headings, its footnote linked, no ruby readings or
  // deleted text.
  await open(page, server.url);
  await page.setInputFiles('[data-testid=add-files]', path.join(FIXTURES, '..', 'odd', 'report.docx'));
  const word = await card(page, '里山の四季を記録する');
  const wordId = await word.getAttribute('data-doc');
  await open(page, `${server.url}#docs=${wordId}`);
  const column = page.locator(`[data-testid=column][data-doc="${wordId}"]`);
  const wordText = squash(await column.innerText());
  assert.match(wordText, /わかったこと/, 'a heading of the Word file');
  assert.ok(!/さとやま|下書き|\[\^/.test(wordText), `no ruby readings, deleted text or footnote syntax: ${wordText}`);
  const ref = column.locator('[data-testid=note-ref][data-note="1"]').first();
  await ref.click();
  const popover = page.locator('[data-testid=note-popover]');
  await popover.waitFor({ timeout: WAIT_MS });
  assert.match(squash(await popover.innerText()), /理科室の地図/, 'the footnote opens its text');
  guard.check();
  await guard.close();
});

test('bad input at scale: a 50 MB file is refused before it is read, 200 files at once fill the shelf and the rest are named', async () => {
  const guard = await watchedContext(browser, server.origin);
  const page = await guard.newPage();
  await open(page, server.url);
  const builtIn = (await libraryIds(page)).length;
  const huge = path.join(dir, 'huge.txt');
  fs.writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 'あ'));
  await page.setInputFiles('[data-testid=add-files]', huge);
  await page.waitForFunction(() => /huge\.txt：追加できません。ファイルが 50 MB/.test(document.body.innerText));
  assert.equal((await libraryIds(page)).length, builtIn, 'nothing was added');

  const many = Array.from({ length: 200 }, (_, i) => ({
    name: `note-${String(i).padStart(3, '0')}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`覚え書き${i}\n\nこれは${i}番目の短い文書である。`),
  }));
  await page.setInputFiles('[data-testid=add-files]', many);
  await waitCards(page, 200);
  const said = await notices(page);
  const left = 200 - (200 - builtIn);
  assert.ok(said.some((n) => n.startsWith(`${left}件のファイルを追加できませんでした。本棚に入る文書は200件まで`)), `${said}`);
  assert.ok(said.some((n) => n.includes('note-199.txt') || n.includes('note-195.txt')), 'the files left out are named');
  guard.check();
  await guard.close();
});

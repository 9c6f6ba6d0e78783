//! Where do the documents say this? Full-text search over every passage, with the theme
//! matcher's folding, answering as a reader types; keyword-in-context lines and collocates.
//!
//! [`Query::parse`] reads the search box ([`query`]: words are ANDed, `a | b`, `"phrase"`,
//! `-word`). [`SearchIndex::build`] keeps every passage's
//! [`match_key`](crate::text::normalize::match_key) (NFKC, case, counters and
//! numerals `三か国 = 3カ国 = 三ヶ国`, middle dots and spaces inside words, old kanji `國 = 国`)
//! with its map back to the source, plus posting lists of the keys' character unigrams and
//! bigrams (hashed into buckets). A query's candidates are the passages listed for every bigram
//! (a one-character term: its unigram) of some alternative of every clause (lossless: a key
//! that contains a term contains its n-grams); each candidate's key is then searched for every
//! term, and the matches are mapped back to the passage's own text ([`Folded::source_span`]).
//!
//! Matches follow the theme matcher's edges where they are about numbers (`3か国` is not in
//! `13か国` nor in `第3か国`, `決議2270` not in `決議22701`) and Latin words (`nato` is not in
//! `senator`); an unquoted Latin word also matches as the start of a longer word (typing
//! `denucl` finds `denuclearization`), a quoted one only whole (see [`query`]).
//!
//! [`Results`] hold one [`Hit`] per matching passage, in reading order, grouped by document
//! ([`DocumentHits`], ranked: see [`Results::documents`]), and a flat ranking of the passages
//! ([`Results::ranked`]). [`kwic`] lines and [`collocates`] are made from results.
//!
//! Weak by construction: folding is context-dependent, so a query folds alone as the text folds
//! in place only when the context agrees: `三` does not find `三か国` (whose key is `3か国`), `一`
//! does not find `一つ` (`1つ`). There is no stemming and no dictionary: `抑止` finds `拡大抑止`
//! and `抑止力` alike, and a kana word finds itself inside longer words.

pub mod kwic;
pub mod query;

pub use kwic::{collocates, kwic, kwic_table, sort_kwic, Collocate, Delimited, KwicLine, KwicSort};
pub use query::{Clause, Query, Term, MAX_TERMS, MAX_TERM_CHARS};

use std::ops::Range;
use std::rc::Rc;

use crate::model::{Corpus, Passage};
use crate::text::normalize::Folded;
use crate::themes::matcher::CorpusKeys;

/// One passage that matches a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into `Corpus::documents`.
    pub document: usize,
    /// Index into that document's passages.
    pub passage: usize,
    /// Every occurrence of every positive term in the passage, as byte ranges into
    /// `Passage::text`: sorted, non-empty, on char boundaries; occurrences that overlap (of
    /// different terms) are merged into one range.
    pub ranges: Vec<Range<usize>>,
    /// The sentence holding the first range (byte range into `Passage::text`; the passage's
    /// sentence spans, which end at 。！？; the whole passage where it has none).
    pub sentence: Range<usize>,
    /// How many distinct positive terms occur in the passage.
    pub terms: usize,
    /// The passage's score: the sum over the clauses of `1 + ln(occurrences of the clause)`.
    pub score: f64,
    /// Characters in the passage (shorter passages rank first among equals).
    pub chars: usize,
}

/// The hits of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentHits {
    /// Index into `Corpus::documents`.
    pub document: usize,
    /// The sum of its hits' scores (see [`Results::documents`]).
    pub score: f64,
    /// Matching passages.
    pub passages: usize,
    /// Ranges in those passages.
    pub occurrences: usize,
    /// Its hits: indices into [`Results::hits`].
    pub hits: Range<usize>,
}

/// What a query found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    hits: Vec<Hit>,
    documents: Vec<DocumentHits>,
    terms: Vec<String>,
}

impl Results {
    /// Matching passages.
    pub fn total(&self) -> usize {
        self.hits.len()
    }

    /// Ranges in all matching passages.
    pub fn occurrences(&self) -> usize {
        self.hits.iter().map(|h| h.ranges.len()).sum()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// Every hit in reading order: by document (corpus order), then passage.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The documents with hits, best first. A document's score is the sum of its passages'
    /// scores, each `Σ over the clauses of 1 + ln(occurrences of the clause in the passage)`:
    /// mostly the number of matching passages, with diminishing credit for repeats inside one
    /// passage (a passage that says 拡大抑止 five times is not five passages about it). There is
    /// no IDF: every matching passage holds every clause, so it would weigh them all alike.
    /// Ties: more passages, then corpus order.
    pub fn documents(&self) -> &[DocumentHits] {
        &self.documents
    }

    /// The hits of one document of [`Results::documents`], in reading order.
    pub fn hits_of(&self, document: &DocumentHits) -> &[Hit] {
        self.hits.get(document.hits.clone()).unwrap_or(&[])
    }

    /// Every hit, best first: more distinct terms (alternatives of an `|`), more ranges, a
    /// shorter passage; ties in reading order.
    pub fn ranked(&self) -> Vec<&Hit> {
        let mut out: Vec<&Hit> = self.hits.iter().collect();
        crate::text::sort::by(&mut out, |a, b| {
            b.terms
                .cmp(&a.terms)
                .then(b.ranges.len().cmp(&a.ranges.len()))
                .then(a.chars.cmp(&b.chars))
                .then((a.document, a.passage).cmp(&(b.document, b.passage)))
        });
        out
    }

    /// The keys of the query's positive terms (for [`collocates`], which leaves them out).
    pub fn terms(&self) -> &[String] {
        &self.terms
    }
}

/// Every passage's match key and the n-gram postings: what a query is answered from.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    corpus: Rc<Corpus>,
    keys: Rc<CorpusKeys>,
    /// Flat passage number → (document, passage).
    passages: Vec<(u32, u32)>,
    postings: Postings,
}

/// Character unigrams and bigrams of the keys hashed into `2^bits` buckets; each bucket lists
/// the flat passage numbers whose key holds one of its n-grams, ascending (compressed sparse
/// rows: `ids[starts[b]..starts[b + 1]]`). Two n-grams sharing a bucket only add candidates,
/// which the search then rejects: the filter never loses a passage.
#[derive(Debug, Clone, Default)]
struct Postings {
    bits: u32,
    starts: Vec<u32>,
    ids: Vec<u32>,
}

/// The unigram `a` (`b` = `None`) or bigram `ab` as one number (no char is `0x1FFFFF`).
fn gram(a: char, b: Option<char>) -> u64 {
    (u64::from(a) << 21) | b.map_or(0x1F_FFFF, u64::from)
}

impl Postings {
    /// The postings of `keys` (flat passage order): about one bucket per character of the keys
    /// (a third of their bytes), rounded up to a power of two in `2^10..=2^20`.
    fn build(keys: &[Option<&str>]) -> Postings {
        let chars: usize = keys.iter().flatten().map(|k| k.len() / 3).sum();
        let bits = (chars.max(1).next_power_of_two().trailing_zeros()).clamp(10, 20);
        let buckets = 1usize << bits;
        // One pass over the keys: the buckets of each passage, each once (`last` holds the
        // last passage seen in a bucket), and where each passage's buckets begin.
        let mut last = vec![u32::MAX; buckets];
        let mut found: Vec<u32> = Vec::with_capacity(chars * 2);
        let mut begins: Vec<usize> = Vec::with_capacity(keys.len() + 1);
        for (id, key) in keys.iter().enumerate() {
            begins.push(found.len());
            let Some(key) = key else { continue };
            let id = id as u32;
            let mut add = |b: usize| {
                if last[b] != id {
                    last[b] = id;
                    found.push(b as u32);
                }
            };
            let mut prev: Option<char> = None;
            for c in key.chars() {
                add(bucket(gram(c, None), bits));
                if let Some(p) = prev {
                    add(bucket(gram(p, Some(c)), bits));
                }
                prev = Some(c);
            }
        }
        begins.push(found.len());
        drop(last);
        // Counting sort of (bucket, passage) by bucket: passages stay ascending in each.
        let mut starts = vec![0u32; buckets + 1];
        for &b in &found {
            starts[b as usize + 1] += 1;
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut fill: Vec<u32> = starts[..buckets].to_vec();
        let mut ids = vec![0u32; found.len()];
        for (id, w) in begins.windows(2).enumerate() {
            for &b in &found[w[0]..w[1]] {
                let at = &mut fill[b as usize];
                ids[*at as usize] = id as u32;
                *at += 1;
            }
        }
        Postings { bits, starts, ids }
    }

    fn list(&self, gram: u64) -> &[u32] {
        let b = bucket(gram, self.bits);
        match (self.starts.get(b), self.starts.get(b + 1)) {
            (Some(&s), Some(&e)) => self.ids.get(s as usize..e as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// The bucket of an n-gram: the top `bits` of a multiplicative hash.
fn bucket(gram: u64, bits: u32) -> usize {
    (gram.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

impl SearchIndex {
    /// The index of a corpus (a copy of it is kept: hits are mapped back to its texts).
    pub fn build(corpus: &Corpus) -> SearchIndex {
        let keys = CorpusKeys::new(corpus);
        SearchIndex::shared(Rc::new(corpus.clone()), Rc::new(keys))
    }

    /// The index of a corpus whose match keys were made already ([`CorpusKeys::new`] of the
    /// same corpus; the pipeline shares them with theme matching). A passage without a key is
    /// never found.
    pub fn shared(corpus: Rc<Corpus>, keys: Rc<CorpusKeys>) -> SearchIndex {
        let mut passages = Vec::new();
        let mut texts: Vec<Option<&str>> = Vec::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for p in 0..doc.passages.len() {
                passages.push((d as u32, p as u32));
                texts.push(keys.get(d, p).map(|k| k.text.as_str()));
            }
        }
        let postings = Postings::build(&texts);
        SearchIndex {
            corpus,
            keys,
            passages,
            postings,
        }
    }

    /// The corpus searched.
    pub fn corpus(&self) -> &Rc<Corpus> {
        &self.corpus
    }

    /// The passages' match keys.
    pub fn keys(&self) -> &Rc<CorpusKeys> {
        &self.keys
    }

    /// Passages whose key may hold `key`: those listed for each of its n-grams (its bigrams;
    /// its one character if it has one).
    fn term_candidates(&self, key: &str) -> Vec<u32> {
        let mut lists: Vec<&[u32]> = Vec::new();
        let mut chars = key.chars();
        let Some(first) = chars.next() else { return Vec::new() };
        let mut prev = first;
        for c in chars {
            lists.push(self.postings.list(gram(prev, Some(c))));
            prev = c;
        }
        if lists.is_empty() {
            lists.push(self.postings.list(gram(first, None)));
        }
        crate::text::sort::by_key(&mut lists, |l| l.len());
        let mut out: Vec<u32> = lists[0].to_vec();
        for list in &lists[1..] {
            if out.is_empty() {
                break;
            }
            out.retain(|id| list.binary_search(id).is_ok());
        }
        out
    }

    /// Passages that may match every clause, ascending.
    fn candidates(&self, query: &Query) -> Vec<u32> {
        let mut all: Option<Vec<u32>> = None;
        for clause in &query.clauses {
            // Any alternative: the union of theirs.
            let mut union: Vec<u32> = Vec::new();
            for t in &clause.alternatives {
                union.extend(self.term_candidates(&t.key));
            }
            if clause.alternatives.len() > 1 {
                crate::text::sort::ascending(&mut union);
                union.dedup();
            }
            let so_far = match all {
                None => union,
                Some(mut so_far) => {
                    so_far.retain(|id| union.binary_search(id).is_ok());
                    so_far
                }
            };
            if so_far.is_empty() {
                return so_far;
            }
            all = Some(so_far);
        }
        all.unwrap_or_default()
    }

    /// The passages that match `query`, with where (see [`Results`]). An empty query finds
    /// nothing.
    pub fn search(&self, query: &Query) -> Results {
        let terms: Vec<String> = query.terms().iter().map(|t| t.key.clone()).collect();
        if query.is_empty() {
            return Results {
                terms,
                ..Results::default()
            };
        }
        let ids = self.candidates(query);
        let mut hits: Vec<Hit> = Vec::new();
        let mut key_ranges: Vec<Range<usize>> = Vec::new();
        let mut found_keys: Vec<&str> = Vec::new();
        'passages: for id in ids {
            let Some(&(d, p)) = self.passages.get(id as usize) else {
                continue;
            };
            let (d, p) = (d as usize, p as usize);
            let (Some(key), Some(passage)) = (
                self.keys.get(d, p),
                self.corpus.documents.get(d).and_then(|doc| doc.passages.get(p)),
            ) else {
                continue;
            };
            key_ranges.clear();
            found_keys.clear();
            let mut score = 0.0;
            for clause in &query.clauses {
                let mut n = 0;
                for t in &clause.alternatives {
                    let before = key_ranges.len();
                    find_all(&key.text, t, &mut key_ranges);
                    if key_ranges.len() > before {
                        n += key_ranges.len() - before;
                        if !found_keys.contains(&t.key.as_str()) {
                            found_keys.push(&t.key);
                        }
                    }
                }
                if n == 0 {
                    continue 'passages;
                }
                score += 1.0 + (n as f64).ln();
            }
            if query.excluded.iter().any(|t| find_first(&key.text, t).is_some()) {
                continue;
            }
            let ranges = source_ranges(key, passage, &key_ranges);
            let Some(first) = ranges.first() else { continue };
            hits.push(Hit {
                document: d,
                passage: p,
                sentence: sentence_at(passage, first.start),
                ranges,
                terms: found_keys.len(),
                score,
                chars: passage.text.chars().count(),
            });
        }
        // Candidates come in flat passage order, which is reading order.
        let documents = group(&hits);
        Results { hits, documents, terms }
    }
}

/// The hits (in reading order) grouped by document, ranked (see [`Results::documents`]).
fn group(hits: &[Hit]) -> Vec<DocumentHits> {
    let mut out: Vec<DocumentHits> = Vec::new();
    for (i, h) in hits.iter().enumerate() {
        match out.last_mut() {
            Some(last) if last.document == h.document => {
                last.score += h.score;
                last.passages += 1;
                last.occurrences += h.ranges.len();
                last.hits.end = i + 1;
            }
            _ => out.push(DocumentHits {
                document: h.document,
                score: h.score,
                passages: 1,
                occurrences: h.ranges.len(),
                hits: i..i + 1,
            }),
        }
    }
    crate::text::sort::by(&mut out, |a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.passages.cmp(&a.passages))
            .then(a.document.cmp(&b.document))
    });
    out
}

/// The sentence of `passage` holding byte `at` (the whole passage where it has no sentence
/// spans, or they do not fit its text).
pub fn sentence_at(passage: &Passage, at: usize) -> Range<usize> {
    let i = passage.sentences.partition_point(|s| s.start <= at).saturating_sub(1);
    match passage.sentences.get(i) {
        Some(s) if s.start <= at && at < s.end.max(s.start + 1) && passage.text.get(s.clone()).is_some() => s.clone(),
        _ => 0..passage.text.len(),
    }
}

/// Byte range `range` of `text` as a range of Unicode scalar values (as the export counts).
pub fn char_range(text: &str, range: &Range<usize>) -> Range<usize> {
    crate::export::char_offset(text, range.start)..crate::export::char_offset(text, range.end)
}

/// Key ranges mapped back to the passage text: valid, non-empty, sorted, overlaps merged.
fn source_ranges(key: &Folded, passage: &Passage, key_ranges: &[Range<usize>]) -> Vec<Range<usize>> {
    let text = passage.text.as_str();
    let mut out: Vec<Range<usize>> = key_ranges
        .iter()
        .map(|r| key.source_span(text, r.clone()))
        .filter(|r| !r.is_empty() && text.get(r.clone()).is_some())
        .collect();
    if !out.windows(2).all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)) {
        crate::text::sort::by_key(&mut out, |r| (r.start, r.end));
    }
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(out.len());
    for r in out {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Every occurrence of `term` in `key` (leftmost first, not overlapping each other), with the
/// edges of the module docs.
fn find_all(key: &str, term: &Term, out: &mut Vec<Range<usize>>) {
    let mut from = 0;
    while let Some(r) = find_from(key, term, from) {
        from = r.end;
        out.push(r);
    }
}

fn find_first(key: &str, term: &Term) -> Option<Range<usize>> {
    find_from(key, term, 0)
}

/// The first occurrence of `term` in `key` at or after byte `from` whose edges are right.
fn find_from(key: &str, term: &Term, mut from: usize) -> Option<Range<usize>> {
    let needle = term.key.as_str();
    if needle.is_empty() {
        return None;
    }
    while let Some(i) = key.get(from..)?.find(needle) {
        let start = from + i;
        let end = start + needle.len();
        if edges_ok(key, start, end, needle, term.phrase) {
            return Some(start..end);
        }
        // Try again one character further (a later start may have good edges).
        from = start + key[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Whether a match of `needle` at `start..end` of `key` respects the edges: the theme matcher's
/// for digits (not after a digit, `第`, or a digit and `.`/`,`; not before a digit, or `.`/`,`
/// and a digit) and for the start of a Latin word (not after a letter or digit); the end of a
/// Latin word only in a phrase (not before a letter or digit, but a plural `s` may follow).
fn edges_ok(key: &str, start: usize, end: usize, needle: &str, phrase: bool) -> bool {
    let (Some(first), Some(last)) = (needle.chars().next(), needle.chars().next_back()) else {
        return false;
    };
    let mut before = key[..start].chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = key[end..].chars();
    let (a1, a2) = (after.next(), after.next());
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if first.is_ascii_digit() && (digit(b1) || b1 == Some('第') || (matches!(b1, Some('.' | ',')) && digit(b2))) {
        return false;
    }
    if last.is_ascii_digit() && (digit(a1) || (matches!(a1, Some('.' | ',')) && digit(a2))) {
        return false;
    }
    if first.is_ascii_alphabetic() && alnum(b1) {
        return false;
    }
    let plural = a1 == Some('s') && !alnum(a2);
    if phrase && last.is_ascii_alphabetic() && alnum(a1) && !plural {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_corpus, Source};

    /// A corpus of texts, each after a title line and a first paragraph (so the text is body).
    fn corpus(texts: &[&str]) -> Corpus {
        let full: Vec<String> = texts.iter().map(|t| format!("題名\n\n本文。\n\n{t}\n")).collect();
        let ids: Vec<String> = (0..texts.len()).map(|i| format!("d{i}")).collect();
        let files: Vec<String> = ids.iter().map(|i| format!("{i}.txt")).collect();
        let sources: Vec<Source<'_>> = full
            .iter()
            .zip(ids.iter().zip(&files))
            .map(|(text, (id, file))| Source {
                id,
                file,
                text,
                entry: None,
            })
            .collect();
        parse_corpus(&sources)
    }

    /// The matched texts of every hit, in reading order.
    fn found(c: &Corpus, q: &str) -> Vec<String> {
        let index = SearchIndex::build(c);
        let results = index.search(&Query::parse(q));
        results
            .hits()
            .iter()
            .flat_map(|h| {
                let text = &c.documents[h.document].passages[h.passage].text;
                h.ranges.iter().map(move |r| text[r.clone()].to_string())
            })
            .collect()
    }

    #[test]
    fn folding_variants_meet() {
        let c = corpus(&["日米韓3カ国の協議。三ヶ国の首脳。十三か国ではない。第三か国でもない。"]);
        assert_eq!(found(&c, "三か国"), ["3カ国", "三ヶ国"]);
        assert_eq!(found(&c, "3ヵ国"), ["3カ国", "三ヶ国"]);
        let c = corpus(&["キャンプ・デービッド原則。キャンプ デービッドで。ｷｬﾝﾌﾟﾃﾞｰﾋﾞｯﾄﾞにて。"]);
        assert_eq!(
            found(&c, "キャンプデービッド"),
            ["キャンプ・デービッド", "キャンプ デービッド", "ｷｬﾝﾌﾟﾃﾞｰﾋﾞｯﾄﾞ"]
        );
        let c = corpus(&["國際關係と国際関係。ＮＡＴＯとnato。"]);
        assert_eq!(found(&c, "国際関係"), ["國際關係", "国際関係"]);
        assert_eq!(found(&c, "NATO"), ["ＮＡＴＯ", "nato"]);
    }

    #[test]
    fn and_or_not_and_phrases() {
        let c = corpus(&[
            "日米同盟を強化する。",
            "米国と同盟国。",
            "日米の協議。",
            "米国の同盟と中国。",
        ]);
        let docs = |q: &str| -> Vec<usize> {
            let index = SearchIndex::build(&c);
            index
                .search(&Query::parse(q))
                .hits()
                .iter()
                .map(|h| h.document)
                .collect()
        };
        assert_eq!(docs("同盟"), [0, 1, 3]);
        assert_eq!(docs("日米 同盟"), [0]);
        assert_eq!(docs("日米 | 米国 同盟"), [0, 1, 3]);
        assert_eq!(docs("日米 | 米国 同盟 -中国"), [0, 1]);
        assert_eq!(docs("\"米国と 同盟\""), [1]);
        assert_eq!(docs("米国と同盟 | 日米の"), [1, 2]);
        assert_eq!(docs("-同盟"), Vec::<usize>::new());
        assert_eq!(docs(""), Vec::<usize>::new());
        assert_eq!(docs("韓国"), Vec::<usize>::new());
    }

    #[test]
    fn latin_and_digit_edges() {
        let c =
            corpus(&["The senator spoke on denuclearization and UNC. NATOs and uncertain G7s. 決議2270と決議22701。"]);
        assert_eq!(found(&c, "nato"), ["NATO"]);
        assert_eq!(found(&c, "denucl"), ["denucl"]);
        assert_eq!(found(&c, "\"denucl\""), Vec::<String>::new());
        assert_eq!(found(&c, "\"unc\""), ["UNC"]);
        assert_eq!(found(&c, "unc"), ["UNC", "unc"]);
        assert_eq!(found(&c, "決議2270"), ["決議2270"]);
        assert_eq!(found(&c, "\"north korea\""), Vec::<String>::new());
    }

    #[test]
    fn ranges_cover_every_term_and_merge_overlaps() {
        let c = corpus(&["拡大抑止と抑止力。日米と米国、日米国。"]);
        let index = SearchIndex::build(&c);
        let r = index.search(&Query::parse("抑止 | 拡大抑止 日米 | 米国"));
        assert_eq!(r.total(), 1);
        let h = &r.hits()[0];
        let text = &c.documents[0].passages[h.passage].text;
        let got: Vec<&str> = h.ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["拡大抑止", "抑止", "日米", "米国", "日米国"]);
        assert_eq!(h.terms, 4);
        assert_eq!(&text[h.sentence.clone()], "拡大抑止と抑止力。");
        for r in &h.ranges {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
    }

    #[test]
    fn sentence_of_the_first_match_and_char_offsets() {
        let c = corpus(&["最初の文。ＮＣＧの会合が開かれた。最後。"]);
        let index = SearchIndex::build(&c);
        let r = index.search(&Query::parse("ncg"));
        let h = &r.hits()[0];
        let text = &c.documents[0].passages[h.passage].text;
        assert_eq!(&text[h.sentence.clone()], "ＮＣＧの会合が開かれた。");
        assert_eq!(char_range(text, &h.ranges[0]), 5..8);
    }

    #[test]
    fn documents_are_ranked_and_passages_kept_in_reading_order() {
        let c = corpus(&[
            "抑止の話。\n\n別の段落。",
            "抑止、抑止。\n\n抑止の段落。\n\n抑止。",
            "抑止、抑止、抑止、抑止。",
        ]);
        let index = SearchIndex::build(&c);
        let r = index.search(&Query::parse("抑止"));
        let order: Vec<usize> = r.documents().iter().map(|d| d.document).collect();
        assert_eq!(order, [1, 2, 0]);
        let d1 = &r.documents()[0];
        assert_eq!((d1.passages, d1.occurrences), (3, 4));
        let passages: Vec<usize> = r.hits_of(d1).iter().map(|h| h.passage).collect();
        assert!(passages.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(r.total(), 5);
        assert_eq!(r.occurrences(), 9);
        // The flat ranking: more ranges first, then shorter passages.
        let ranked: Vec<(usize, usize)> = r.ranked().iter().map(|h| (h.document, h.ranges.len())).collect();
        assert_eq!(ranked[0], (2, 4));
        assert_eq!(ranked[1], (1, 2));
    }

    #[test]
    fn candidates_from_postings_agree_with_a_scan() {
        let c = corpus(&["日米韓の協力。", "韓国と日本。", "米国。", "日。"]);
        let index = SearchIndex::build(&c);
        for q in ["日米", "日", "韓", "日 | 米国", "日本 | 米国 韓", "米国 -日", "国"] {
            let query = Query::parse(q);
            let fast = index.search(&query);
            // The same search with every passage as a candidate.
            let all: Vec<u32> = (0..index.passages.len() as u32).collect();
            let scanned: Vec<(usize, usize)> = all
                .iter()
                .filter_map(|&id| {
                    let (d, p) = index.passages[id as usize];
                    let key = &index.keys.get(d as usize, p as usize)?.text;
                    let ok = query
                        .clauses
                        .iter()
                        .all(|cl| cl.alternatives.iter().any(|t| find_first(key, t).is_some()))
                        && !query.excluded.iter().any(|t| find_first(key, t).is_some());
                    ok.then_some((d as usize, p as usize))
                })
                .collect();
            let got: Vec<(usize, usize)> = fast.hits().iter().map(|h| (h.document, h.passage)).collect();
            assert_eq!(got, scanned, "{q}");
        }
    }
}

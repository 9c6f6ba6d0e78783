//! Which passages of the other documents talk about the same thing as this one?
//!
//! Each passage becomes a TF-IDF vector over its normalised terms ([`crate::similarity::terms`]; each weight
//! also × ln(1 + term length), so compounds outweigh short generic words), plus any
//! extra features the caller brings (shared theme ids from the theme matcher); passages are
//! compared by cosine similarity. [`AlignIndex::build`] does the work once; [`AlignIndex::related`]
//! answers one passage cheaply (the UI calls it on click) and [`AlignIndex::align_all`] aligns the
//! whole corpus (the export).
//!
//! Candidates come from an inverted index (feature → passages), not from all pairs. The features
//! with the longest posting lists (the most common terms) are left out of candidate generation as
//! long as the most they could add to a score, summed, stays below the threshold
//! ([`AlignIndex::min_score`]): a passage reached only through them cannot score above it, so
//! nothing above the threshold is lost, while the common terms still count in the score of every
//! candidate. Walking the other posting lists adds up each passage's share of the score from
//! them; a candidate whose share plus the most the left-out features could add stays below the
//! threshold is dropped unscored. [`AlignIndex::align_all`] then scores each other document's
//! candidates in the order of that upper bound and stops once it holds `k` passages scoring above
//! the next bound. Every step is exact: `tests/terms.rs` checks [`AlignIndex::related`] and
//! `tests/alignment.rs` checks [`AlignIndex::align_all`] against brute force over all pairs.

use crate::model::Corpus;
use crate::similarity::terms::FxMap;
use crate::similarity::terms::{
    key_terms_of, length_weight, segment_corpus, ScriptRuns, Segmented, Segmenter, TermTable,
};

/// A passage of the corpus: document index and passage index within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PassageRef {
    /// Index into `Corpus::documents`.
    pub doc: usize,
    /// Index into that document's `passages`.
    pub passage: usize,
}

impl PassageRef {
    /// The passage with these ids, if the corpus has it.
    pub fn find(corpus: &Corpus, doc_id: &str, passage_id: &str) -> Option<PassageRef> {
        let doc = corpus.documents.iter().position(|d| d.id == doc_id)?;
        let passage = corpus.documents[doc].passage_index(passage_id)?;
        Some(PassageRef { doc, passage })
    }
}

/// A passage related to another, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// The passage asked about.
    pub from: PassageRef,
    /// A related passage (in another document, for [`AlignIndex::align_all`]).
    pub to: PassageRef,
    /// Cosine similarity of the two TF-IDF vectors, in (0, 1].
    pub score: f32,
    /// The shared terms that explain the match (display forms), strongest first, at most
    /// [`MAX_SHARED`].
    pub shared: Vec<String>,
    /// The shared extra features (caller's ids, e.g. themes), strongest first.
    pub shared_features: Vec<u32>,
}

/// Default threshold: pairs scoring below it are not reported.
pub const MIN_SCORE: f32 = 0.12;

/// At most this many shared terms are listed per alignment.
pub const MAX_SHARED: usize = 8;

/// Weight factor of an extra feature (a theme), where a term has ln(1 + its length): a theme
/// counts like a long compound term.
pub const FEATURE_WEIGHT: f32 = 2.0;

/// Slack for float rounding when bounding what skipped features could add.
const BOUND_SLACK: f32 = 1e-4;

/// TF-IDF vectors of every passage and the inverted index over them.
#[derive(Debug, Clone)]
pub struct AlignIndex {
    /// Pairs scoring below this are not reported (default [`MIN_SCORE`]); candidate generation
    /// relies on it being > 0.
    pub min_score: f32,
    /// Document index → first slot of its passages.
    starts: Vec<usize>,
    /// Slot → passage.
    refs: Vec<PassageRef>,
    /// Slot → (feature, weight), sorted by feature, unit length; empty for passages without terms.
    vectors: Vec<Vec<(u32, f32)>>,
    /// Feature → (slot, weight), by slot.
    postings: Vec<Vec<(u32, f32)>>,
    /// Feature → its largest weight in any vector.
    max_weight: Vec<f32>,
    /// Term feature → display form. Features from `labels.len()` on are extra features.
    labels: Vec<String>,
    /// Extra feature (minus `labels.len()`) → the caller's id.
    extra_ids: Vec<u32>,
}

/// Reusable buffers for candidate generation.
struct Scratch {
    /// Slot → `stamp` when reached for the current query.
    mark: Vec<u32>,
    stamp: u32,
    /// Slot → the part of its score from the features looked up so far (valid where marked).
    partial: Vec<f32>,
    /// The query's features, longest posting list first.
    order: Vec<(u32, f32)>,
    candidates: Vec<u32>,
}

impl Scratch {
    fn new(slots: usize) -> Self {
        Scratch {
            mark: vec![0; slots],
            stamp: 0,
            partial: vec![0.0; slots],
            order: Vec::new(),
            candidates: Vec::new(),
        }
    }
}

impl AlignIndex {
    /// Index every passage of the corpus (byline/date lines excepted) by its terms.
    pub fn build(corpus: &Corpus, seg: &dyn Segmenter) -> AlignIndex {
        Self::build_with_features(corpus, seg, &[])
    }

    /// Like [`Self::build`], with extra features per passage: `(passage, feature id)` pairs, e.g.
    /// the themes that occur in each passage (a pair given twice counts twice). They are weighted
    /// like terms (TF-IDF) and reported in [`Alignment::shared_features`].
    pub fn build_with_features(corpus: &Corpus, seg: &dyn Segmenter, features: &[(PassageRef, u32)]) -> AlignIndex {
        Self::build_of(corpus, segment_corpus(corpus, seg), features)
    }

    /// The index from a corpus already cut into terms.
    pub(crate) fn build_of(corpus: &Corpus, seg: Segmented, features: &[(PassageRef, u32)]) -> AlignIndex {
        let Segmented {
            terms,
            passages,
            starts,
        } = seg;
        let mut refs = Vec::with_capacity(passages.len());
        for (d, doc) in corpus.documents.iter().enumerate() {
            refs.extend((0..doc.passages.len()).map(|p| PassageRef { doc: d, passage: p }));
        }
        // Raw term frequencies per slot.
        let mut tfs: Vec<Vec<(u32, u32)>> = passages
            .iter()
            .map(|list| {
                let mut ids: Vec<u32> = list.iter().map(|e| e.0).collect();
                crate::text::sort::ascending(&mut ids);
                let mut tf: Vec<(u32, u32)> = Vec::with_capacity(ids.len());
                for id in ids {
                    match tf.last_mut() {
                        Some(last) if last.0 == id => last.1 += 1,
                        _ => tf.push((id, 1)),
                    }
                }
                tf
            })
            .collect();
        // Longer terms (compounds) say more than short generic ones, as in the key-term ranking.
        let mut length: Vec<f32> = terms.iter().map(|(key, _)| length_weight(key) as f32).collect();
        drop(passages);
        let labels: Vec<String> = terms
            .into_iter()
            .map(|(key, forms)| forms.into_iter().next().map_or(key, |f| f.0))
            .collect();
        let n_terms = labels.len() as u32;
        let mut extra_ids = Vec::new();
        let mut extra_index: FxMap<u32, u32> = FxMap::default();
        for &(at, id) in features {
            let Some(&start) = starts.get(at.doc) else { continue };
            let in_doc = corpus.documents[at.doc].passages.len();
            if at.passage >= in_doc {
                continue;
            }
            let f = *extra_index.entry(id).or_insert_with(|| {
                extra_ids.push(id);
                n_terms + extra_ids.len() as u32 - 1
            });
            let v = &mut tfs[start + at.passage];
            match v.iter_mut().find(|(g, _)| *g == f) {
                Some(e) => e.1 += 1,
                None => v.push((f, 1)),
            }
        }
        let n_features = n_terms as usize + extra_ids.len();
        length.resize(n_features, FEATURE_WEIGHT);
        let mut df = vec![0u32; n_features];
        for v in &tfs {
            for &(f, _) in v {
                df[f as usize] += 1;
            }
        }
        let n = tfs.iter().filter(|v| !v.is_empty()).count().max(1) as f32;
        let idf: Vec<f32> = df.iter().map(|&d| (n / d.max(1) as f32).ln()).collect();
        let mut postings: Vec<Vec<(u32, f32)>> = df.iter().map(|&d| Vec::with_capacity(d as usize)).collect();
        let mut max_weight = vec![0f32; n_features];
        let vectors: Vec<Vec<(u32, f32)>> = tfs
            .into_iter()
            .enumerate()
            .map(|(slot, tf)| {
                let mut v: Vec<(u32, f32)> = tf
                    .into_iter()
                    .map(|(f, n)| (f, (1.0 + (n as f32).ln()) * idf[f as usize] * length[f as usize]))
                    .filter(|&(_, w)| w > 0.0)
                    .collect();
                crate::text::sort::by_key(&mut v, |e| e.0);
                let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
                for e in &mut v {
                    e.1 /= norm;
                    postings[e.0 as usize].push((slot as u32, e.1));
                    let m = &mut max_weight[e.0 as usize];
                    *m = m.max(e.1);
                }
                v
            })
            .collect();
        AlignIndex {
            min_score: MIN_SCORE,
            starts,
            refs,
            vectors,
            postings,
            max_weight,
            labels,
            extra_ids,
        }
    }

    fn slot(&self, at: PassageRef) -> Option<usize> {
        let start = *self.starts.get(at.doc)?;
        let end = self.starts.get(at.doc + 1).copied().unwrap_or(self.refs.len());
        (start + at.passage < end).then_some(start + at.passage)
    }

    /// Number of features (distinct terms and extra features) in the index.
    pub fn features(&self) -> usize {
        self.postings.len()
    }

    /// Cosine similarity of two passages (0 for passages without terms or out of range).
    pub fn similarity(&self, a: PassageRef, b: PassageRef) -> f32 {
        match (self.slot(a), self.slot(b)) {
            (Some(a), Some(b)) => dot(&self.vectors[a], &self.vectors[b]),
            _ => 0.0,
        }
    }

    /// Slots that share a feature with `slot` and could score at least [`Self::min_score`]
    /// (see the module docs), in documents accepted by `in_doc`, `slot` itself excluded. Left
    /// in `scratch.candidates`, with in `scratch.partial` what the features looked up gave to
    /// their scores; returns the most the skipped features could add.
    fn candidates(&self, slot: usize, in_doc: &dyn Fn(usize) -> bool, scratch: &mut Scratch) -> f32 {
        scratch.candidates.clear();
        scratch.stamp = scratch.stamp.wrapping_add(1);
        if scratch.stamp == 0 {
            scratch.mark.iter_mut().for_each(|m| *m = 0);
            scratch.stamp = 1;
        }
        let order = &mut scratch.order;
        order.clear();
        order.extend_from_slice(&self.vectors[slot]);
        crate::text::sort::by_key(order, |&(f, _)| std::cmp::Reverse(self.postings[f as usize].len()));
        let mut skipped = 0.0f32;
        let mut i = 0;
        while i < order.len() {
            let (f, w) = order[i];
            let bound = w * self.max_weight[f as usize];
            if skipped + bound + BOUND_SLACK >= self.min_score {
                break;
            }
            skipped += bound;
            i += 1;
        }
        for &(f, w) in &order[i..] {
            for &(s, ws) in &self.postings[f as usize] {
                let (m, p) = (&mut scratch.mark[s as usize], &mut scratch.partial[s as usize]);
                if *m != scratch.stamp {
                    *m = scratch.stamp;
                    *p = 0.0;
                    if s as usize != slot && in_doc(self.refs[s as usize].doc) {
                        scratch.candidates.push(s);
                    }
                }
                *p += w * ws;
            }
        }
        // What the skipped features add to a score is at most `skipped`: a candidate whose
        // other features give less than the threshold minus that cannot reach it.
        let floor = self.min_score - skipped - BOUND_SLACK;
        let partial = &scratch.partial;
        scratch.candidates.retain(|&s| partial[s as usize] >= floor);
        skipped
    }

    fn alignment(&self, a: usize, b: usize, score: f32) -> Alignment {
        // Shared features, strongest first (ties by feature): the best MAX_SHARED terms kept
        // in order as they come, the extra features sorted at the end (there are few).
        let n_terms = self.labels.len() as u32;
        let first = |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
        let mut terms: Vec<(u32, f32)> = Vec::with_capacity(MAX_SHARED + 1);
        let mut extra: Vec<(u32, f32)> = Vec::new();
        let (va, vb) = (&self.vectors[a], &self.vectors[b]);
        let (mut i, mut j) = (0, 0);
        while i < va.len() && j < vb.len() {
            match va[i].0.cmp(&vb[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let e = (va[i].0, va[i].1 * vb[j].1);
                    if e.0 >= n_terms {
                        extra.push(e);
                    } else {
                        let at = terms.iter().take_while(|t| first(t, &e).is_lt()).count();
                        if at < MAX_SHARED {
                            terms.insert(at, e);
                            terms.truncate(MAX_SHARED);
                        }
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        crate::text::sort::by(&mut extra, first);
        Alignment {
            from: self.refs[a],
            to: self.refs[b],
            score,
            shared: terms.iter().map(|e| self.labels[e.0 as usize].clone()).collect(),
            shared_features: extra.iter().map(|e| self.extra_ids[(e.0 - n_terms) as usize]).collect(),
        }
    }

    /// The `k` passages in documents `in_docs` most similar to `from` (itself excluded), best
    /// first, scoring at least [`Self::min_score`]. Empty when `from` is not in the corpus.
    pub fn related(&self, from: PassageRef, in_docs: &[usize], k: usize) -> Vec<Alignment> {
        let Some(slot) = self.slot(from) else {
            return Vec::new();
        };
        let mut scratch = Scratch::new(self.refs.len());
        self.candidates(slot, &|d| in_docs.contains(&d), &mut scratch);
        let mut scored = self.score_candidates(slot, &scratch.candidates);
        scored.truncate(k);
        scored
            .into_iter()
            .map(|(s, score)| self.alignment(slot, s, score))
            .collect()
    }

    /// Candidates scored exactly, at or above the threshold, best first (ties by position).
    fn score_candidates(&self, slot: usize, candidates: &[u32]) -> Vec<(usize, f32)> {
        let q = &self.vectors[slot];
        let mut scored: Vec<(usize, f32)> = candidates
            .iter()
            .map(|&s| (s as usize, dot(q, &self.vectors[s as usize])))
            .filter(|&(_, score)| score >= self.min_score)
            .collect();
        crate::text::sort::by(&mut scored, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored
    }

    /// For every passage, its best `k` related passages in each other document (scoring at
    /// least [`Self::min_score`]). Ordered by `from`, then by the other document, best first.
    pub fn align_all(&self, k: usize) -> Vec<Alignment> {
        let mut out = Vec::new();
        let mut scratch = Scratch::new(self.refs.len());
        let mut query = vec![0.0; self.features()];
        let mut best = Vec::new();
        for slot in 0..self.refs.len() {
            self.best_per_document(slot, k, &mut scratch, &mut query, &mut best);
            out.extend(best.iter().map(|&(s, score)| self.alignment(slot, s as usize, score)));
        }
        out
    }

    /// The best `k` passages per other document for `slot`, scoring at least the threshold, in
    /// document order, best first (ties by position), left in `best`.
    ///
    /// Candidates are scored document by document in the order of an upper bound of their
    /// score (what their looked-up features gave, plus the most the skipped ones could add);
    /// once a document has `k` passages scoring above the next bound, its other candidates
    /// cannot enter and are not scored. `query` is all zeros, of length [`Self::features`],
    /// and is left so.
    fn best_per_document(
        &self,
        slot: usize,
        k: usize,
        scratch: &mut Scratch,
        query: &mut [f32],
        best: &mut Vec<(u32, f32)>,
    ) {
        best.clear();
        let q = &self.vectors[slot];
        if q.is_empty() || k == 0 {
            return;
        }
        let own = self.refs[slot].doc;
        let skipped = self.candidates(slot, &|d| d != own, scratch);
        // (document, bound descending, slot) as one integer: the bound is ≥ 0, so its bits
        // order as it does. (Ties on the bound may go in any order: whichever is left out
        // scores less than the k kept.)
        let mut bounded: Vec<u128> = scratch
            .candidates
            .iter()
            .map(|&s| {
                let bound = scratch.partial[s as usize] + skipped + BOUND_SLACK;
                (self.refs[s as usize].doc as u128) << 64
                    | u128::from(u32::MAX - bound.max(0.0).to_bits()) << 32
                    | u128::from(s)
            })
            .collect();
        bounded.sort_unstable();
        for &(f, w) in q {
            query[f as usize] = w;
        }
        let mut doc_start = 0;
        let mut last_doc = usize::MAX;
        for b in bounded {
            let s = b as u32;
            let bound = f32::from_bits(u32::MAX - (b >> 32) as u32);
            let doc = self.refs[s as usize].doc;
            if doc != last_doc {
                last_doc = doc;
                doc_start = best.len();
            }
            let kept = &best[doc_start..];
            if kept.len() == k && kept[k - 1].1 > bound {
                continue;
            }
            let score = dense_dot(query, &self.vectors[s as usize]);
            if score < self.min_score {
                continue;
            }
            // Insert in (score descending, position) order, keep k.
            let at = doc_start
                + kept
                    .iter()
                    .take_while(|e| e.1 > score || (e.1 == score && e.0 < s))
                    .count();
            if at < doc_start + k {
                best.insert(at, (s, score));
                best.truncate(doc_start + k);
            }
        }
        for &(f, _) in q {
            query[f as usize] = 0.0;
        }
    }

    /// How many candidates pass candidate generation (all of them are scored exactly by
    /// [`Self::related`]; [`Self::align_all`] scores at most these), against the number of pairs
    /// of passages in different documents (for the figures).
    pub fn candidate_stats(&self) -> (usize, usize) {
        let mut scratch = Scratch::new(self.refs.len());
        let mut live_per_doc = vec![0usize; self.starts.len()];
        for slot in 0..self.refs.len() {
            if !self.vectors[slot].is_empty() {
                live_per_doc[self.refs[slot].doc] += 1;
            }
        }
        let live: usize = live_per_doc.iter().sum();
        let mut scored = 0;
        let mut pairs = 0;
        for slot in 0..self.refs.len() {
            if !self.vectors[slot].is_empty() {
                let own = self.refs[slot].doc;
                self.candidates(slot, &|d| d != own, &mut scratch);
                scored += scratch.candidates.len();
                pairs += live - live_per_doc[own];
            }
        }
        (scored, pairs)
    }
}

/// Dot product of a query spread over all features (zero where it has none) and a sparse
/// vector: the same products, added in the same order, as [`dot`] (the other products are
/// zeros, which change no sum).
fn dense_dot(query: &[f32], v: &[(u32, f32)]) -> f32 {
    let mut sum = 0.0;
    for &(f, w) in v {
        sum += query[f as usize] * w;
    }
    sum
}

/// Dot product of two sparse vectors sorted by feature.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Key terms and the alignment index of a corpus, cutting it into terms once (what the UI and the
/// export want: both, for half the segmentation work).
pub fn analyse(corpus: &Corpus, seg: &dyn Segmenter, features: &[(PassageRef, u32)]) -> (TermTable, AlignIndex) {
    let segmented = segment_corpus(corpus, seg);
    let terms = key_terms_of(corpus, &segmented);
    (terms, AlignIndex::build_of(corpus, segmented, features))
}

/// [`AlignIndex::related`] over an index built with the default segmenter.
pub fn related(corpus: &Corpus, from: PassageRef, in_docs: &[usize], k: usize) -> Vec<Alignment> {
    AlignIndex::build(corpus, &ScriptRuns::default()).related(from, in_docs, k)
}

/// [`AlignIndex::align_all`] over an index built with the default segmenter.
pub fn align_all(corpus: &Corpus, k: usize) -> Vec<Alignment> {
    AlignIndex::build(corpus, &ScriptRuns::default()).align_all(k)
}

//! Stage 4: which documents talk about the same things. Key terms from a dictionary-free
//! segmentation, and passage alignment by TF-IDF cosine.

pub mod align;
pub mod terms;

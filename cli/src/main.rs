//! yomikurabe CLI (placeholder).
fn main() {}

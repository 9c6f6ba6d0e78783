//! The yomikurabe reader (placeholder until the app lands).
fn main() {}

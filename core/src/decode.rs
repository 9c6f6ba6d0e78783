//! Which encoding is this file in? (placeholder)

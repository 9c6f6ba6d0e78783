//! How does a link become a QR code on screen? The `qrcode` crate encodes the text (error
//! correction level M: a projected or phone-photographed code survives ~15 % damage); this module
//! turns the modules into one SVG path, a rectangle per horizontal run of dark modules, drawn in a
//! `viewBox` that includes the 4-module quiet zone scanners need. Pure: no web APIs.

use qrcode::{Color, EcLevel, QrCode};

/// Light modules around the code, on every side (the QR specification's minimum).
pub const QUIET_ZONE: usize = 4;

/// A QR code ready to draw as `<svg viewBox="0 0 size size"><path d={path}/></svg>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrSvg {
    /// Width and height in modules, quiet zone included.
    pub size: usize,
    /// One SVG path: `M x y hN v1 h-N z` per horizontal run of dark modules (coordinates in modules).
    pub path: String,
}

/// The QR code of `text`, or `None` when the text is too long for any QR code at level M
/// (about 2,300 bytes).
pub fn qr_path(text: &str) -> Option<QrSvg> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut path = String::new();
    for (y, row) in colors.chunks(width.max(1)).enumerate() {
        let mut x = 0;
        while x < row.len() {
            if row.get(x) != Some(&Color::Dark) {
                x += 1;
                continue;
            }
            let start = x;
            while row.get(x) == Some(&Color::Dark) {
                x += 1;
            }
            let run = x - start;
            if !path.is_empty() {
                path.push(' ');
            }
            path.push_str(&format!("M{} {}h{run}v1h-{run}z", start + QUIET_ZONE, y + QUIET_ZONE));
        }
    }
    Some(QrSvg {
        size: width + 2 * QUIET_ZONE,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Paints the path back onto a grid of `size × size` modules; `None` if a command is not of
    /// the shape `qr_path` promises or falls outside the grid.
    fn paint(svg: &QrSvg) -> Option<Vec<bool>> {
        let mut grid = vec![false; svg.size * svg.size];
        if !svg.path.is_empty() && !svg.path.starts_with('M') {
            return None;
        }
        for cmd in svg.path.split('M').skip(1) {
            let (xy, rest) = cmd.trim_end().split_once('h')?;
            let (x, y) = xy.split_once(' ')?;
            let (x, y): (usize, usize) = (x.parse().ok()?, y.parse().ok()?);
            let (run, rest) = rest.split_once("v1h-")?;
            let run: usize = run.parse().ok()?;
            if rest != format!("{run}z") || run == 0 || x + run > svg.size || y >= svg.size {
                return None;
            }
            for cell in grid.get_mut(y * svg.size + x..y * svg.size + x + run)? {
                if *cell {
                    return None; // runs never overlap
                }
                *cell = true;
            }
        }
        Some(grid)
    }

    /// The code's own modules, placed inside the quiet zone.
    fn expected(text: &str) -> (usize, Vec<bool>) {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).expect("encodable");
        let width = code.width();
        let size = width + 2 * QUIET_ZONE;
        let mut grid = vec![false; size * size];
        for (i, c) in code.to_colors().into_iter().enumerate() {
            let (x, y) = (i % width + QUIET_ZONE, i / width + QUIET_ZONE);
            grid[y * size + x] = c == Color::Dark;
        }
        (size, grid)
    }

    fn check(text: &str) {
        let svg = qr_path(text).expect("a QR code");
        let (size, grid) = expected(text);
        assert_eq!(svg.size, size);
        let painted = paint(&svg).expect("well-formed path");
        assert_eq!(
            painted.iter().filter(|d| **d).count(),
            grid.iter().filter(|d| **d).count()
        );
        assert_eq!(painted, grid, "path draws exactly the dark modules of {text:?}");
    }

    #[test]
    fn path_draws_the_dark_modules_of_a_permalink() {
        check("https://example.org/yomikurabe/#docs=policy-brief&focus=policy-brief/s2-p1");
    }

    #[test]
    fn quiet_zone_stays_light() {
        let svg = qr_path("hello").expect("a QR code");
        let grid = paint(&svg).expect("well-formed path");
        for y in 0..svg.size {
            for x in 0..svg.size {
                let inside = (QUIET_ZONE..svg.size - QUIET_ZONE).contains(&x)
                    && (QUIET_ZONE..svg.size - QUIET_ZONE).contains(&y);
                if !inside {
                    assert!(!grid[y * svg.size + x], "dark module at {x},{y} in the quiet zone");
                }
            }
        }
        // Version 1 is 21 modules wide: the smallest code.
        assert_eq!(svg.size, 21 + 2 * QUIET_ZONE);
    }

    #[test]
    fn long_url_still_encodes() {
        let url = format!(
            "https://example.org/yomikurabe/index.html#docs=a,b,c&focus=a/s3-p2&q={}",
            "%E6%97%A5%E7%B1%B3%E9%9F%93".repeat(9)
        );
        assert!(url.len() >= 290, "{}", url.len());
        check(&url);
    }

    #[test]
    fn japanese_text_and_empty_string_encode() {
        check("日米韓協力");
        check("");
    }

    #[test]
    fn too_long_text_is_none() {
        assert_eq!(qr_path(&"x".repeat(5000)), None);
    }
}

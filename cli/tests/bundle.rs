//! `yomikurabe bundle` on a real Trunk release build, opened from `file://` in headless Chromium.
//!
//! Needs a `trunk build --release` output and Chromium, so it is `#[ignore]`d by default. Run:
//!
//! ```sh
//! trunk build --release
//! YOMIKURABE_DIST=dist cargo test -p yomikurabe-cli --test bundle -- --ignored
//! ```
//!
//! (`CHROMIUM` overrides the browser path, default `chromium`.) The bundle is copied alone into
//! an empty folder, so any file it still needed would be missing; a probe script appended to a
//! copy reports the page's resource requests and performance marks into the DOM.

use std::path::PathBuf;
use std::process::Command;

fn temp_dir(tag: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("yomikurabe-bundle-e2e-{tag}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const PROBE: &str = "<script>setTimeout(() => { const pre = document.createElement('pre'); \
pre.id = 'yk-probe'; pre.textContent = 'RESOURCES=' + JSON.stringify(performance.getEntriesByType('resource').map(e => e.name)) \
+ ' MARKS=' + JSON.stringify(performance.getEntriesByType('mark').map(e => e.name)) + ' END'; \
document.documentElement.appendChild(pre); }, 4000);</script>";

#[test]
#[ignore = "needs YOMIKURABE_DIST (a trunk release build) and chromium"]
fn bundled_app_runs_from_file_url_alone_and_requests_nothing() {
    let dist =
        std::env::var("YOMIKURABE_DIST").expect("set YOMIKURABE_DIST to the folder `trunk build --release` wrote");
    let work = temp_dir("run");
    let page = work.join("yomikurabe.html");
    let out = Command::new(env!("CARGO_BIN_EXE_yomikurabe"))
        .args(["bundle", &dist, "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains(" src=\""), "a script or image still has a src");
    assert_eq!(std::fs::read_dir(&work).unwrap().count(), 1, "the bundle is alone");

    let probe_page = work.join("probe.html");
    std::fs::write(&probe_page, html.replacen("</html>", &format!("{PROBE}</html>"), 1)).unwrap();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let profile = work.join("profile");
    let dom = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--virtual-time-budget=10000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!(
            "file://{}#docs=policy-brief,fifth-nuclear-test",
            probe_page.display()
        ))
        .output()
        .unwrap_or_else(|e| panic!("{chromium}: {e}"));
    let dom = String::from_utf8_lossy(&dom.stdout);
    let _ = std::fs::remove_dir_all(&work);

    // The probe's own output, not its source text (which the DOM dump may also hold).
    let probe = dom
        .split("<pre id=\"yk-probe\">RESOURCES=")
        .nth(1)
        .and_then(|s| s.split(" END").next())
        .unwrap_or_else(|| panic!("the probe did not run; DOM: {}", &dom[..dom.len().min(2000)]));
    assert!(probe.starts_with("[] "), "the page requested files: {probe}");
    assert!(
        probe.contains("yomikurabe:first-document"),
        "the app did not render a document: {probe}"
    );
    assert!(
        dom.matches("data-testid=\"column\"").count() == 2,
        "two columns expected"
    );
    assert!(dom.matches("data-testid=\"passage\"").count() > 10, "passages expected");
}

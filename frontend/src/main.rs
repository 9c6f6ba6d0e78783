//! The yomikurabe reader: mounts the app on `<body>`.
fn main() {
    // Before anything is drawn: the page as it arrived is what a saved reading pack starts from.
    yomikurabe_web::files::keep_page();
    yew::Renderer::<yomikurabe_web::components::app::App>::new().render();
}

//! The yomikurabe reader: mounts the app on `<body>`.
fn main() {
    yew::Renderer::<yomikurabe_web::components::app::App>::new().render();
}

//! The overview: a theme × document matrix of the whole corpus (SVG). Each cell shows how often
//! a theme occurs in a document, shaded by that count; choosing a cell opens the document at the
//! theme's first occurrence with the theme highlighted.

use crate::i18n::use_lang;
use yew::prelude::*;
use yomikurabe_core::themes::ThemeKind;

use crate::browser;
use crate::components::theme_panel::short_title;
use crate::components::AppContext;
use crate::reading;
use crate::state::{Action, LayoutAction, ThemeMove};
use crate::themes::matrix;

const LABEL_W: usize = 158;
const CELL_W: usize = 34;
const CELL_H: usize = 24;
const HEAD_H: usize = 112;

/// Fill of a cell: white for 0, then light to dark blue by log(count) (a sequential scale that
/// reads the same to colour-blind readers; the number is printed in the cell too).
pub fn shade(count: usize, max: usize) -> (String, bool) {
    if count == 0 || max == 0 {
        return ("#ffffff".to_string(), false);
    }
    let t = ((1 + count) as f64).ln() / ((1 + max) as f64).ln();
    let t = t.clamp(0.0, 1.0);
    let (a, b) = ((0xde, 0xeb, 0xf7), (0x08, 0x30, 0x6b));
    let mix = |x: i32, y: i32| (x as f64 + (y - x) as f64 * (0.15 + 0.85 * t)).round() as i32;
    let rgb = (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2));
    (format!("#{:02x}{:02x}{:02x}", rgb.0, rgb.1, rgb.2), t > 0.45)
}

/// The matrix.
#[component]
pub fn ThemeMatrix() -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let rows = matrix(&state.analysis.0, &state.view);
    let docs = &state.corpus.0.documents;
    let max = rows.iter().flat_map(|r| r.counts.iter().copied()).max().unwrap_or(0);
    let width = LABEL_W + docs.len() * CELL_W + 4;
    let height = HEAD_H + rows.len() * CELL_H + 4;
    let dispatcher = state.dispatcher();
    html! {
        <div class="matrix-wrap">
            <svg
                data-testid="theme-matrix"
                class="theme-matrix"
                width={width.to_string()}
                height={height.to_string()}
                viewBox={format!("0 0 {width} {height}")}
                role="group"
                aria-label={tr.matrix_label}
            >
                { for docs.iter().enumerate().map(|(j, d)| {
                    let x = LABEL_W + j * CELL_W + CELL_W / 2;
                    let open = state.view.docs.contains(&d.id);
                    html! {
                        <text
                            class={classes!("doc-label", open.then_some("open"))}
                            x={x.to_string()}
                            y="4"
                            writing-mode="vertical-rl"
                            lang="ja"
                        >
                            { short_title(reading::title(d, lang), 8) }
                            <title>{ reading::title(d, lang) }</title>
                        </text>
                    }
                }) }
                { for rows.iter().enumerate().map(|(i, row)| {
                    let y = HEAD_H + i * CELL_H;
                    let kind = match row.info.kind {
                        ThemeKind::Curated => "",
                        ThemeKind::Automatic => "term",
                        ThemeKind::User => "yours",
                    };
                    html! {
                        <g class={classes!("matrix-row", row.slot.is_some().then_some("active"))} data-theme={row.info.id.clone()}>
                            if let Some(slot) = row.slot {
                                <rect class="row-swatch" data-slot={slot.to_string()} x="0" y={(y + 4).to_string()} width="6" height={(CELL_H - 8).to_string()} />
                            }
                            <text class={classes!("theme-label", kind)} x="10" y={(y + CELL_H / 2 + 5).to_string()} lang="ja">
                                { short_title(&row.info.label_ja, 10) }
                                <title>{ format!("{} — {}", row.info.label_ja, row.info.label_en) }</title>
                            </text>
                            { for row.counts.iter().enumerate().map(|(j, &n)| {
                                let Some(doc) = docs.get(j) else { return html! {} };
                                let x = LABEL_W + j * CELL_W;
                                let (fill, dark) = shade(n, max);
                                let action = Action::Theme(ThemeMove::OpenInDocument { theme: row.info.id.clone(), doc: doc.id.clone() });
                                let go = {
                                    let d = dispatcher.clone();
                                    move || {
                                        d.dispatch(action.clone());
                                        if browser::is_narrow() {
                                            d.dispatch(Action::Layout(LayoutAction::ClosePanel)); // the sheet would hide it
                                        }
                                    }
                                };
                                let onclick = {
                                    let go = go.clone();
                                    Callback::from(move |_: MouseEvent| go())
                                };
                                let onkeydown = Callback::from(move |e: KeyboardEvent| {
                                    if e.key() == "Enter" || e.key() == " " {
                                        e.prevent_default();
                                        go();
                                    }
                                });
                                let label = crate::i18n::fill(tr.matrix_cell, &[&row.info.label_ja, &n, &reading::title(doc, lang)]);
                                html! {
                                    <g
                                        data-testid="matrix-cell"
                                        data-theme={row.info.id.clone()}
                                        data-doc={doc.id.clone()}
                                        data-count={n.to_string()}
                                        class={classes!("cell", (n == 0).then_some("zero"))}
                                        role="button"
                                        tabindex="0"
                                        aria-label={label.clone()}
                                        {onclick}
                                        {onkeydown}
                                    >
                                        <rect x={(x + 1).to_string()} y={(y + 1).to_string()} width={(CELL_W - 2).to_string()} height={(CELL_H - 2).to_string()} fill={fill} />
                                        <text x={(x + CELL_W / 2).to_string()} y={(y + CELL_H / 2 + 5).to_string()} class={classes!("count", dark.then_some("dark"))}>{ n }</text>
                                        <title>{ label }</title>
                                    </g>
                                }
                            }) }
                        </g>
                    }
                }) }
            </svg>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_darken_with_the_count() {
        assert_eq!(shade(0, 10).0, "#ffffff");
        assert_eq!(shade(3, 0).0, "#ffffff");
        let (light, l_dark) = shade(1, 100);
        let (dark, d_dark) = shade(100, 100);
        assert!(light > dark, "{light} {dark}");
        assert_eq!(dark, "#08306b");
        assert!(!l_dark && d_dark);
    }
}

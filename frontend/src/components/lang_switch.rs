//! The language switch: 日本語 / English, in the library's and the reader's header. Each name is
//! in its own language (`lang`), the one shown is pressed; a choice is kept in the link and
//! remembered in this browser.

use yew::prelude::*;

use crate::browser;
use crate::components::AppContext;
use crate::i18n::{use_lang, Lang};
use crate::state::Action;

/// The switch.
#[component]
pub fn LangSwitch() -> Html {
    let lang = use_lang();
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    html! {
        <div class="lang-switch" role="group" aria-label={lang.t().lang_switch} data-testid="lang-switch">
            { for Lang::ALL.into_iter().map(|l| {
                let d = state.dispatcher();
                let onclick = Callback::from(move |_: MouseEvent| {
                    browser::store_lang(l);
                    d.dispatch(Action::SetLang(l));
                });
                html! {
                    <button
                        type="button"
                        class={classes!("quiet", (l == lang).then_some("on"))}
                        lang={l.code()}
                        data-lang={l.code()}
                        aria-pressed={if l == lang { "true" } else { "false" }}
                        {onclick}
                    >{ l.name() }</button>
                }
            }) }
        </div>
    }
}

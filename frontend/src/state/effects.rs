//! What must happen outside the state, recorded as data: the fragment the address bar must
//! show, the columns to bring to their marks again, the messages about the last navigation, and
//! the "Link copied" toast with its clipboard write. The reducer never touches the browser;
//! effects in the components carry these out (`App` writes the URL and the clipboard, `Reader`
//! scrolls when [`Effects::nav_seq`] changes) and answer with [`Feedback`].

use crate::i18n::Notice;

/// How a new fragment reaches the address bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlWriteMode {
    /// A new history entry (`location.hash = …`): back returns to the previous view.
    Push,
    /// Replace the current entry (`history.replaceState`): scroll positions, panels, cleaned-up
    /// links.
    Replace,
    /// Replace the current entry once the next frame has been painted, a later write taking the
    /// place of one still waiting: what typing changes (the search box, the concordance's
    /// numbers). `history.replaceState` costs a style recalculation and Chromium fetches the
    /// page's icon again for it (measured: 5–30 ms a call), which must not stand between a
    /// keystroke and its results on screen.
    Typing,
}

/// A fragment the browser's address bar must be brought to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlWrite {
    /// Distinguishes writes (effects run once per write).
    pub seq: u64,
    /// The fragment, without `#` (empty for the library).
    pub fragment: String,
    /// Push or replace.
    pub mode: UrlWriteMode,
}

/// Where a copied link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClipboardStatus {
    /// Written to the clipboard is under way.
    Pending,
    /// On the clipboard.
    Copied,
    /// The browser refused (e.g. from `file://`): the reader copies it from the box.
    Refused,
}

/// The "Link copied" message with the link itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Distinguishes toasts.
    pub id: u64,
    /// The absolute link.
    pub url: String,
    /// Whether the clipboard took it.
    pub clipboard: ClipboardStatus,
}

/// The effects waiting to be carried out, and the messages on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects {
    /// The last fragment to write to the address bar.
    pub url_write: Option<UrlWrite>,
    /// Counts navigations: columns scroll to their mark or position when it changes.
    pub nav_seq: u64,
    /// Messages about the last navigation (what a link could not show) or the last action.
    pub notices: Vec<Notice>,
    /// The copied-link message.
    pub toast: Option<Toast>,
    /// Source of ids for writes and toasts.
    counter: u64,
}

/// What the browser and the reader say back about an effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    /// The clipboard answered for toast `toast`.
    ClipboardDone {
        /// Toast id.
        toast: u64,
        /// Whether the text is on the clipboard.
        ok: bool,
    },
    /// Hide toast `id` (if it is still the one shown).
    HideToast(u64),
    /// Hide the notices.
    DismissNotices,
}

/// Everything that changes [`Effects`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EffectAction {
    /// Bring the address bar to this fragment.
    WriteUrl(String, UrlWriteMode),
    /// Bring the columns to their marks (again).
    Land,
    /// Say these things (instead of what was said before).
    Say(Vec<Notice>),
    /// Say this too.
    AlsoSay(Notice),
    /// Put this link on the clipboard and show it.
    Toast(String),
    /// An answer from outside.
    Heard(Feedback),
}

impl Effects {
    /// The effects after `action`.
    pub fn apply(mut self, action: EffectAction) -> Effects {
        match action {
            EffectAction::WriteUrl(fragment, mode) => {
                let seq = self.next_id();
                self.url_write = Some(UrlWrite { seq, fragment, mode });
            }
            EffectAction::Land => self.nav_seq += 1,
            EffectAction::Say(notices) => self.notices = notices,
            EffectAction::AlsoSay(notice) => self.notices.push(notice),
            EffectAction::Toast(url) => {
                let id = self.next_id();
                self.toast = Some(Toast {
                    id,
                    url,
                    clipboard: ClipboardStatus::Pending,
                });
            }
            EffectAction::Heard(Feedback::ClipboardDone { toast, ok }) => {
                if let Some(t) = self.toast.as_mut().filter(|t| t.id == toast) {
                    t.clipboard = if ok {
                        ClipboardStatus::Copied
                    } else {
                        ClipboardStatus::Refused
                    };
                }
            }
            EffectAction::Heard(Feedback::HideToast(id)) => {
                if self.toast.as_ref().is_some_and(|t| t.id == id) {
                    self.toast = None;
                }
            }
            EffectAction::Heard(Feedback::DismissNotices) => self.notices.clear(),
        }
        self
    }

    fn next_id(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_writes_are_numbered() {
        let e = Effects::default().apply(EffectAction::WriteUrl("docs=a".into(), UrlWriteMode::Push));
        let first = e.url_write.clone().unwrap();
        assert_eq!((first.fragment.as_str(), first.mode), ("docs=a", UrlWriteMode::Push));
        let e = e.apply(EffectAction::WriteUrl("docs=a".into(), UrlWriteMode::Push));
        assert!(
            e.url_write.unwrap().seq > first.seq,
            "the same fragment again is another write"
        );
    }

    #[test]
    fn landing_and_notices() {
        let e = Effects::default().apply(EffectAction::Land).apply(EffectAction::Land);
        assert_eq!(e.nav_seq, 2);
        let e = e.apply(EffectAction::Say(vec![Notice::PassageMoved]));
        let e = e.apply(EffectAction::AlsoSay(Notice::TypeAWord));
        assert_eq!(e.notices, [Notice::PassageMoved, Notice::TypeAWord]);
        let e = e.apply(EffectAction::Say(vec![Notice::QuoteWithoutFocus]));
        assert_eq!(
            e.notices,
            [Notice::QuoteWithoutFocus],
            "a new navigation says new things"
        );
        let e = e.apply(EffectAction::Heard(Feedback::DismissNotices));
        assert!(e.notices.is_empty());
    }

    #[test]
    fn a_toast_hears_its_own_answers_only() {
        let e = Effects::default().apply(EffectAction::Toast("http://h/#docs=a".into()));
        let t = e.toast.clone().unwrap();
        assert_eq!(t.clipboard, ClipboardStatus::Pending);
        let other = e.clone().apply(EffectAction::Heard(Feedback::ClipboardDone {
            toast: t.id + 1,
            ok: true,
        }));
        assert_eq!(other, e, "another toast's answer");
        let refused = e
            .clone()
            .apply(EffectAction::Heard(Feedback::ClipboardDone { toast: t.id, ok: false }));
        assert_eq!(refused.toast.as_ref().unwrap().clipboard, ClipboardStatus::Refused);
        let copied = e.apply(EffectAction::Heard(Feedback::ClipboardDone { toast: t.id, ok: true }));
        assert_eq!(copied.toast.as_ref().unwrap().clipboard, ClipboardStatus::Copied);
        assert_eq!(
            copied.clone().apply(EffectAction::Heard(Feedback::HideToast(t.id + 1))),
            copied
        );
        assert_eq!(copied.apply(EffectAction::Heard(Feedback::HideToast(t.id))).toast, None);
    }
}

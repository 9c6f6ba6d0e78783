//! The composed reducer: each action through the parts it touches, on small corpora.

use super::*;
use crate::view_state::PassageRef;

mod reducer {
    use super::*;
    use yomikurabe_core::anchor::assign_anchors;
    use yomikurabe_core::model::{Passage, PassageKind};
    use yomikurabe_core::text::normalize::fold;

    fn doc(id: &str, title: Option<&str>, texts: &[(&str, &str)]) -> Document {
        let mut passages: Vec<Passage> = texts
            .iter()
            .map(|(pid, t)| Passage {
                id: pid.to_string(),
                kind: PassageKind::Paragraph,
                section: None,
                text: t.to_string(),
                note_refs: vec![],
                sentences: Vec::new(),
                caption_of: None,
                normalized: fold(t),
                anchor: Default::default(),
                source_line: 1,
            })
            .collect();
        assign_anchors(&mut passages);
        Document {
            id: id.into(),
            title: title.map(String::from),
            passages,
            ..Default::default()
        }
    }

    fn state(fragment: &str) -> Rc<AppState> {
        let corpus = Corpus {
            documents: vec![
                doc(
                    "a",
                    Some("文書A"),
                    &[("s0-p1", "日米韓協力の話。"), ("s0-p2", "北朝鮮の核問題。")],
                ),
                doc("b", None, &[("s0-p1", "二つ目の文書。")]),
            ],
        };
        let mut corpus = corpus;
        corpus.documents[0].passages[0]
            .note_refs
            .push(yomikurabe_core::model::NoteRef { number: 1, offset: 0 });
        Rc::new(AppState::new(Rc::new(corpus), "http://h/app/".into(), fragment))
    }

    fn all(s: &AppState) -> String {
        s.effects
            .notices
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_language_is_kept_across_moves_and_links_without_one() {
        use crate::i18n::Lang;
        // Switched in the library: recorded in the address bar, no history entry.
        let s = state("").reduce(Action::SetLang(Lang::En));
        assert_eq!((s.view.lang, s.fragment.as_str()), (Lang::En, "lang=en"));
        assert_eq!(s.effects.url_write.as_ref().unwrap().mode, UrlWriteMode::Replace);
        // Documents opened from the library, a column closed back to it: still English.
        let s = s.reduce(Action::Pick(PickAction::Toggle("a".into())));
        let s = s.reduce(Action::Move(Move::OpenPicked));
        assert_eq!(s.fragment, "docs=a&lang=en");
        let s = s.reduce(Action::Move(Move::RemoveColumn(0)));
        assert_eq!(s.fragment, "lang=en");
        // A link without a language (a card's "Read alone", the home link) keeps the one shown
        // and the address bar gets it back; a link with one switches.
        let s = s.reduce(Action::Navigate("#docs=b".into()));
        assert_eq!((s.view.lang, s.fragment.as_str()), (Lang::En, "docs=b&lang=en"));
        assert_eq!(s.effects.url_write.as_ref().unwrap().fragment, "docs=b&lang=en");
        let s = s.reduce(Action::Navigate("#docs=b&lang=ja".into()));
        assert_eq!((s.view.lang, s.fragment.as_str()), (Lang::Ja, "docs=b"));
        // The language remembered in this browser is shown unless the link names one.
        let a = crate::shelf::Shelf::new(Default::default(), None, true);
        let s = AppState::with_shelf(a.clone(), |_| {}, "http://h/".into(), "", Lang::En);
        assert_eq!(s.view.lang, Lang::En);
        assert_eq!(
            s.effects.url_write.as_ref().map(|w| w.fragment.as_str()),
            Some("lang=en")
        );
        let s = AppState::with_shelf(a, |_| {}, "http://h/".into(), "#lang=ja", Lang::En);
        assert_eq!(s.view.lang, Lang::Ja);
        // Notices are data: the same notice in both languages.
        let s = state("#docs=zz");
        assert_eq!(s.effects.notices, [Notice::DocumentNotFound { doc: "zz".into() }]);
        assert!(s.effects.notices[0].text(Lang::Ja).contains("「zz」"));
        assert!(s.effects.notices[0].text(Lang::En).contains("“zz”"));
    }

    #[test]
    fn starts_in_the_library_or_the_reader() {
        let s = state("");
        assert!(s.view.is_library());
        assert!(s.effects.notices.is_empty());
        assert_eq!(s.effects.url_write, None, "nothing to clean up");
        let s = state("#docs=a,b");
        assert_eq!(s.view.docs, ["a", "b"]);
        assert_eq!(s.picks.picked, ["a", "b"]);
        assert_eq!(s.effects.url_write, None);
    }

    #[test]
    fn unknown_documents_are_dropped_with_a_notice() {
        let s = state("#docs=zz,b&focus=zz/s0-p1");
        assert_eq!(s.view.docs, ["b"]);
        assert_eq!(s.view.focus, None);
        assert!(all(&s).contains("“zz” not found"), "{}", all(&s));
        let w = s
            .effects
            .url_write
            .clone()
            .expect("the cleaned-up link replaces the bad one");
        assert_eq!((w.fragment.as_str(), w.mode), ("docs=b", UrlWriteMode::Replace));
        let s = state("#docs=zz");
        assert!(s.view.is_library());
        assert!(all(&s).contains("not found"));
    }

    #[test]
    fn focus_resolution_notices() {
        let s = state("#docs=a&focus=a/s0-p2&q=北朝鮮");
        assert!(s.effects.notices.is_empty(), "{:?}", s.effects.notices);
        assert_eq!(s.view.focus, Some(PassageRef::new("a", "s0-p2")));

        let s = state("#docs=b,a&focus=a/s0-p1&q=北朝鮮の核");
        assert_eq!(
            s.view.focus,
            Some(PassageRef::new("a", "s0-p2")),
            "re-found by its quote"
        );
        assert!(all(&s).contains("This passage moved"));
        assert_eq!(s.cursor.active_column, 1);

        let s = state("#docs=a&focus=a/s9-p9&at=a/s0-p2");
        assert_eq!(s.view.focus, None);
        assert!(s.view.at.is_empty(), "opens at the start");
        assert!(
            all(&s).contains("Passage s9-p9 not found in 文書A; showing the start of the document"),
            "{}",
            all(&s)
        );

        let s = state("#docs=b&focus=b/s7");
        assert!(all(&s).contains("not found in (untitled)"), "{}", all(&s));

        let s = state("#docs=a&focus=a/s0-p1&q=存在しない");
        assert_eq!(s.view.focus, Some(PassageRef::new("a", "s0-p1")));
        assert!(all(&s).contains("has changed"));
    }

    #[test]
    fn own_hashchange_is_ignored_and_go_pushes() {
        let s = state("#docs=a");
        let seq = s.effects.nav_seq;
        let s = s.reduce(Action::Move(Move::Go(Box::new(ViewState::reader(&["a", "b"])))));
        assert_eq!(s.effects.nav_seq, seq + 1);
        let w = s.effects.url_write.clone().unwrap();
        assert_eq!((w.fragment.as_str(), w.mode), ("docs=a,b", UrlWriteMode::Push));
        let same = s.clone().reduce(Action::Navigate("#docs=a,b".into()));
        assert!(Rc::ptr_eq(&s, &same));
        let back = s.reduce(Action::Navigate("#docs=a".into()));
        assert_eq!(back.view.docs, ["a"]);
        assert_eq!(back.effects.nav_seq, seq + 2);
    }

    #[test]
    fn typing_a_search_is_written_after_the_paint_and_choosing_at_once() {
        let s = state("#docs=a,b");
        let s = s.reduce(Action::Search(SearchMove::Type("北朝鮮".into())));
        assert!(s.fragment.contains("find="), "{}", s.fragment);
        let w = s.effects.url_write.clone().unwrap();
        assert_eq!(
            (w.fragment.as_str(), w.mode),
            (s.fragment.as_str(), UrlWriteMode::Typing)
        );
        let s = s.reduce(Action::Search(SearchMove::Width(12)));
        assert_eq!(s.effects.url_write.as_ref().map(|w| w.mode), Some(UrlWriteMode::Typing));
        let s = s.reduce(Action::Search(SearchMove::Order(crate::view_state::KwicOrder::Left)));
        assert_eq!(
            s.effects.url_write.as_ref().map(|w| w.mode),
            Some(UrlWriteMode::Replace)
        );
        assert!(s.fragment.contains("ks=left"), "{}", s.fragment);
    }

    #[test]
    fn scroll_positions_replace_without_navigating() {
        let s = state("#docs=a,b");
        let seq = s.effects.nav_seq;
        let s = s.reduce(Action::Move(Move::ScrollSettled(vec![PassageRef::new("a", "s0-p2")])));
        assert_eq!(s.effects.nav_seq, seq, "no jump");
        assert_eq!(s.fragment, "docs=a,b&at=a/s0-p2");
        assert_eq!(
            s.effects.url_write.as_ref().map(|w| w.mode),
            Some(UrlWriteMode::Replace)
        );
        let again = s
            .clone()
            .reduce(Action::Move(Move::ScrollSettled(vec![PassageRef::new("a", "s0-p2")])));
        assert!(Rc::ptr_eq(&s, &again));
    }

    #[test]
    fn copy_link_marks_pushes_and_toasts() {
        let s = state("#docs=a,b&at=b/s0-p1");
        let s = s.reduce(Action::Move(Move::CopyLink {
            doc: "a".into(),
            passage: "s0-p2".into(),
        }));
        let frag = "docs=a,b&focus=a/s0-p2&q=%E5%8C%97%E6%9C%9D%E9%AE%AE%E3%81%AE%E6%A0%B8%E5%95%8F%E9%A1%8C%E3%80%82&at=b/s0-p1";
        assert_eq!(s.fragment, frag);
        let t = s.effects.toast.clone().unwrap();
        assert_eq!(t.url, format!("http://h/app/#{frag}"));
        assert_eq!(t.clipboard, ClipboardStatus::Pending);
        assert_eq!(s.effects.url_write.as_ref().map(|w| w.mode), Some(UrlWriteMode::Push));
        let s = s.reduce(Action::Effect(Feedback::ClipboardDone {
            toast: t.id + 1,
            ok: true,
        }));
        assert_eq!(
            s.effects.toast.as_ref().unwrap().clipboard,
            ClipboardStatus::Pending,
            "another toast's answer"
        );
        let s = s.reduce(Action::Effect(Feedback::ClipboardDone { toast: t.id, ok: false }));
        assert_eq!(s.effects.toast.as_ref().unwrap().clipboard, ClipboardStatus::Refused);
        let s = s.reduce(Action::Effect(Feedback::HideToast(t.id)));
        assert_eq!(s.effects.toast, None);
        let unknown = s.clone().reduce(Action::Move(Move::CopyLink {
            doc: "a".into(),
            passage: "zz".into(),
        }));
        assert!(Rc::ptr_eq(&s, &unknown));
    }

    #[test]
    fn notes_picks_columns() {
        let s = state("#docs=a,b");
        let note = NoteRef::new("a", "s0-p1", 1);
        let s = s.reduce(Action::Layout(LayoutAction::ToggleNote(note.clone())));
        assert_eq!(s.view.layout.note.as_ref(), Some(&note));
        assert_eq!(s.fragment, "docs=a,b&n=a/s0-p1/1", "the open note is in the link");
        assert_eq!(
            s.effects.url_write.as_ref().map(|w| w.mode),
            Some(UrlWriteMode::Replace)
        );
        let closed = s.clone().reduce(Action::Layout(LayoutAction::ToggleNote(note.clone())));
        assert_eq!(closed.view.layout.note, None);
        let unmarked = closed
            .clone()
            .reduce(Action::Layout(LayoutAction::ToggleNote(NoteRef::new("a", "s0-p1", 2))));
        assert!(
            Rc::ptr_eq(&closed, &unmarked),
            "no marker of note 2 there: nothing opens"
        );
        // A new view closes the note; a scroll does not.
        let scrolled = s
            .clone()
            .reduce(Action::Move(Move::ScrollSettled(vec![PassageRef::new("b", "s0-p1")])));
        assert_eq!(scrolled.view.layout.note.as_ref(), Some(&note));
        let focused = s.clone().reduce(Action::Move(Move::Focus {
            doc: "a".into(),
            passage: "s0-p2".into(),
        }));
        assert_eq!(focused.view.layout.note, None);
        let s = s.reduce(Action::Layout(LayoutAction::CloseNote));
        assert_eq!(s.view.layout.note, None);
        let s = s.reduce(Action::ShowColumn(1));
        assert_eq!(s.cursor.active_column, 1);
        let s = s.reduce(Action::ShowColumn(5));
        assert_eq!(s.cursor.active_column, 1);
        let s = s.reduce(Action::Move(Move::Go(Box::default())));
        assert!(s.view.is_library());
        assert_eq!(s.picks.picked, ["a", "b"], "picks survive the way home");
        let s = s.reduce(Action::Pick(PickAction::Toggle("a".into())));
        assert_eq!(s.picks.picked, ["b"]);
        let s = s.reduce(Action::Effect(Feedback::DismissNotices));
        assert!(s.effects.notices.is_empty());
        let same = s.clone().reduce(Action::Move(Move::OpenPicked));
        assert_eq!(same.view.docs, ["b"]);
        let none = same.clone().reduce(Action::Pick(PickAction::Toggle("b".into())));
        let still = none.clone().reduce(Action::Move(Move::OpenPicked));
        assert!(Rc::ptr_eq(&none, &still), "nothing picked: nothing opens");
    }

    #[test]
    fn column_edits_and_focus() {
        let s = state("#docs=a,b&focus=a/s0-p1");
        let s = s.reduce(Action::Move(Move::SwapColumn {
            column: 0,
            doc: "b".into(),
        }));
        assert_eq!(s.view.docs, ["b", "a"]);
        assert_eq!(s.view.focus, Some(PassageRef::new("a", "s0-p1")));
        let unknown = s.clone().reduce(Action::Move(Move::SwapColumn {
            column: 0,
            doc: "zz".into(),
        }));
        assert!(Rc::ptr_eq(&s, &unknown));
        let s = s.reduce(Action::Move(Move::RemoveColumn(1)));
        assert_eq!(s.view.docs, ["b"]);
        assert_eq!(s.view.focus, None);
        let s = s.reduce(Action::Move(Move::AddColumn("a".into())));
        assert_eq!(s.view.docs, ["b", "a"]);
        let s = s.reduce(Action::Move(Move::Focus {
            doc: "a".into(),
            passage: "s0-p2".into(),
        }));
        assert_eq!(
            s.fragment,
            "docs=b,a&focus=a/s0-p2&q=%E5%8C%97%E6%9C%9D%E9%AE%AE%E3%81%AE%E6%A0%B8%E5%95%8F%E9%A1%8C%E3%80%82"
        );
        assert_eq!(s.effects.toast, None);
        assert_eq!(s.cursor.active_column, 1);
    }

    fn themed(fragment: &str) -> Rc<AppState> {
        let corpus = Corpus {
            documents: vec![
                doc(
                    "a",
                    Some("A"),
                    &[("s0-p1", "制裁の話。"), ("s0-p2", "拡大抑止と制裁。")],
                ),
                doc("b", Some("B"), &[("s0-p1", "制裁はない。")]),
                doc("c", Some("C"), &[("s0-p1", "三か国。")]),
            ],
        };
        let curated = yomikurabe_core::themes::ThemeSet::new(vec![yomikurabe_core::themes::Theme::user(
            "sanctions",
            "制裁",
            &["制裁"],
        )])
        .unwrap();
        let analysis = Pipeline::new(Rc::new(corpus), curated);
        Rc::new(AppState::with_analysis(Rc::new(analysis), "http://h/".into(), fragment))
    }

    #[test]
    fn themes_resolve_on_navigation_and_unknown_ones_go() {
        let s = themed("#docs=a,b&themes=sanctions,nope");
        assert_eq!(s.view.themes, ["sanctions"]);
        assert!(all(&s).contains("“nope” not found"), "{}", all(&s));
        assert_eq!(
            s.effects.url_write.as_ref().map(|w| w.fragment.as_str()),
            Some("docs=a,b&themes=sanctions")
        );
        assert_eq!(s.themes.active.len(), 1);
        assert_eq!(s.themes.spans.len(), 3, "two passages of a, one of b");
        // A navigation that leaves the themes alone keeps the resolved themes as they are.
        let t = s.clone().reduce(Action::Move(Move::Focus {
            doc: "a".into(),
            passage: "s0-p2".into(),
        }));
        assert!(Rc::ptr_eq(&s.themes.0, &t.themes.0));
        let off = t.reduce(Action::Theme(ThemeMove::Toggle("sanctions".into())));
        assert!(off.themes.active.is_empty());
        assert_eq!(off.view.focus, Some(PassageRef::new("a", "s0-p2")), "the mark stays");
    }

    #[test]
    fn user_and_term_themes_go_into_the_link() {
        let s = themed("#docs=a,c");
        let s = s.reduce(Action::Theme(ThemeMove::AddUserTheme("3カ国, 拡大抑止".into())));
        assert_eq!(s.view.themes, ["user-1"]);
        assert!(
            s.fragment.contains("&themes=user-1&u=3%E3%82%AB%E5%9B%BD|"),
            "{}",
            s.fragment
        );
        assert_eq!(s.themes.active[0].matches.per_doc, vec![1, 0, 1]);
        let term = {
            let a = &s.analysis.0;
            yomikurabe_core::pipeline::term_theme(a.terms().get("制裁").expect("a key term")).id
        };
        let s = s.reduce(Action::Theme(ThemeMove::Toggle(term.clone())));
        assert_eq!(s.view.themes, ["user-1".to_string(), term.clone()]);
        assert_eq!(s.themes.active[1].slot, 1);
        assert_eq!(
            s.themes.active[1].info.kind,
            yomikurabe_core::themes::ThemeKind::Automatic
        );
        assert_eq!(s.themes.active[1].matches.per_doc, vec![2, 1, 0]);
        let blank = s.clone().reduce(Action::Theme(ThemeMove::AddUserTheme(" 、 ".into())));
        assert_eq!(blank.view, s.view);
        assert!(all(&blank).contains("Type a word"));
        let nothing = s.clone().reduce(Action::Theme(ThemeMove::AddUserTheme("・".into())));
        assert_eq!(nothing.view, s.view, "nothing to look for: dropped again");
        assert!(all(&nothing).contains("nothing to look for"), "{}", all(&nothing));
        let s = s.reduce(Action::Theme(ThemeMove::RemoveAdHoc(0)));
        assert_eq!(s.view.themes, std::slice::from_ref(&term));
        // Home and back to reading keeps the themes.
        let s = s.reduce(Action::Move(Move::Go(Box::default())));
        assert!(s.view.themes.is_empty());
        let s = s.reduce(Action::Move(Move::OpenPicked));
        assert_eq!(s.view.themes, [term]);
    }

    #[test]
    fn stepping_and_matrix_cells() {
        let s = themed("#docs=b,a&themes=sanctions");
        let s = s.reduce(Action::Theme(ThemeMove::StepOccurrence {
            theme: "sanctions".into(),
            from: None,
            back: false,
        }));
        assert_eq!(s.view.focus, Some(PassageRef::new("b", "s0-p1")));
        let (theme, at) = s.cursor.current.clone().unwrap();
        assert_eq!(theme, "sanctions");
        let s = s.reduce(Action::Theme(ThemeMove::StepOccurrence {
            theme: "sanctions".into(),
            from: Some(at),
            back: false,
        }));
        assert_eq!(
            s.view.focus,
            Some(PassageRef::new("a", "s0-p1")),
            "on to the next column"
        );
        let seq = s.effects.nav_seq;
        let at = s.cursor.current.clone().unwrap().1;
        let again = s.reduce(Action::Theme(ThemeMove::GoToOccurrence {
            theme: "sanctions".into(),
            at,
        }));
        assert_eq!(again.effects.nav_seq, seq + 1, "same passage: brought into view again");

        let s = themed("#docs=a,b,c");
        let s = s.reduce(Action::Theme(ThemeMove::OpenInDocument {
            theme: "sanctions".into(),
            doc: "b".into(),
        }));
        assert_eq!(s.view.docs, ["a", "b", "c"]);
        assert_eq!(s.view.themes, ["sanctions"]);
        assert_eq!(s.view.focus, Some(PassageRef::new("b", "s0-p1")));
        let s = themed("#docs=a");
        let s = s.reduce(Action::Theme(ThemeMove::OpenInDocument {
            theme: "sanctions".into(),
            doc: "b".into(),
        }));
        assert_eq!(s.view.docs, ["a", "b"], "opened in a new column");
        let s = s.reduce(Action::Layout(LayoutAction::ShowPanel(Panel::Themes)));
        assert!(s.view.layout.panel.is_some());
        assert!(s.fragment.ends_with("&p=themes"), "{}", s.fragment);
        let s = s.reduce(Action::Layout(LayoutAction::ClosePanel));
        assert_eq!(s.view.layout.panel, None);
    }

    #[test]
    fn related_lists_and_aligned_mode() {
        let s = themed("#docs=a,b");
        let s = s.reduce(Action::Layout(LayoutAction::ToggleRelated(PassageRef::new(
            "a", "s0-p1",
        ))));
        assert_eq!(s.view.layout.related, Some(PassageRef::new("a", "s0-p1")));
        let shut = s
            .clone()
            .reduce(Action::Layout(LayoutAction::ToggleRelated(PassageRef::new(
                "a", "s0-p1",
            ))));
        assert_eq!(shut.view.layout.related, None);
        let not_open = s
            .clone()
            .reduce(Action::Layout(LayoutAction::ToggleRelated(PassageRef::new(
                "c", "s0-p1",
            ))));
        assert_eq!(not_open.view.layout.related, None);
        // Choosing one marks it and keeps the list open.
        let f = s.clone().reduce(Action::Move(Move::OpenPassage {
            doc: "b".into(),
            passage: "s0-p1".into(),
        }));
        assert_eq!(f.view.focus, Some(PassageRef::new("b", "s0-p1")));
        assert_eq!(f.view.layout.related, s.view.layout.related);
        // One in a document not open: it opens as a column.
        let f = f.reduce(Action::Move(Move::OpenPassage {
            doc: "c".into(),
            passage: "s0-p1".into(),
        }));
        assert_eq!(f.view.docs, ["a", "b", "c"]);
        // Its column closed: the list goes.
        let f = f.reduce(Action::Move(Move::RemoveColumn(0)));
        assert_eq!(f.view.layout.related, None);
        let e = s.reduce(Action::Layout(LayoutAction::Escape));
        assert_eq!(e.view.layout.related, None);
        let on = e.reduce(Action::Layout(LayoutAction::ToggleAligned));
        assert!(on.view.layout.aligned);
    }

    #[test]
    fn garbage_fragments_never_blank_the_page() {
        for f in [
            "#docs=a&focus=",
            "#docs=%FF",
            "#docs=a&focus=a/%E5",
            "#docs=a&at=a/nope",
            "#q=x",
            "#docs=a,a,a,a,a",
            "#docs=a&themes=x,,user-1&u=&t=%FF",
            "#docs=a&u=%7E%7C&themes=user-1",
            "#docs=zz&themes=sanctions&u=x",
        ] {
            let s = state(f);
            assert!(s.view.docs.iter().all(|d| s.corpus.document(d).is_some()), "{f}");
            assert_eq!(ViewState::parse(&s.fragment).0, s.view, "{f}");
        }
    }
}

mod extracts {
    use super::*;
    use yomikurabe_core::{parse_corpus, Source};

    fn state(fragment: &str) -> Rc<AppState> {
        let s = unextracted(fragment);
        let x = SharedExtracts(Rc::new(Extracts::new(&s.corpus.0)));
        s.reduce(Action::Extracted(x))
    }

    /// The state before the sources, acronyms and dates are extracted (just after the first paint).
    fn unextracted(fragment: &str) -> Rc<AppState> {
        let corpus = parse_corpus(&[
            Source {
                id: "a",
                file: "a.txt",
                text: "前置き。\n\n2023年に「キャンプ・デービッド原則」が出た。核協議グループ(NCG)も。\n",
                entry: None,
            },
            Source {
                id: "b",
                file: "b.txt",
                text: "NCGの話。\n\n「キャンプ・デービッド原則(Camp David Principles)」を読む。\n",
                entry: None,
            },
            Source {
                id: "c",
                file: "c.txt",
                text: "関係のない文書。\n",
                entry: None,
            },
        ]);
        Rc::new(AppState::new(Rc::new(corpus), "http://h/".into(), fragment))
    }

    #[test]
    fn a_source_the_documents_do_not_cite_goes_with_a_notice_once_they_are_read() {
        let s = unextracted("docs=a&focus=a/s9&src=statement-00000000");
        assert_eq!(s.view.source.as_deref(), Some("statement-00000000"), "not known yet");
        assert_eq!(
            s.effects.notices.len(),
            1,
            "the missing passage: {:?}",
            s.effects.notices
        );
        let x = SharedExtracts(Rc::new(Extracts::new(&s.corpus.0)));
        let s = s.reduce(Action::Extracted(x));
        assert_eq!(s.view.source, None);
        assert_eq!(s.fragment, "docs=a");
        assert_eq!(s.effects.notices.len(), 2, "said as well: {:?}", s.effects.notices);
        assert!(s.effects.notices[1].to_string().contains("not cited"));
        let w = s.effects.url_write.clone().unwrap();
        assert_eq!((w.fragment.as_str(), w.mode), ("docs=a", UrlWriteMode::Replace));
        // A link followed later is checked at once.
        let t = s.reduce(Action::Navigate("docs=b&src=report-12345678".into()));
        assert_eq!(t.view.source, None);
        assert_eq!(t.effects.notices.len(), 1);
    }

    fn shared_id(s: &AppState) -> String {
        let x = s.extracts.as_ref().expect("extracted");
        x.citations
            .iter()
            .find(|c| c.is_shared())
            .expect("a shared source")
            .id
            .clone()
    }

    #[test]
    fn a_shared_source_opens_every_citing_document_at_its_mention() {
        let s = state("docs=c");
        let id = shared_id(&s);
        let s = s.reduce(Action::Move(Move::OpenSource(id.clone())));
        assert_eq!(s.view.docs, ["a", "b"]);
        assert_eq!(s.view.source.as_deref(), Some(id.as_str()));
        let focus = s.view.focus.clone().expect("first mention marked");
        let a = s.corpus.document("a").unwrap();
        assert!(a
            .passage(&focus.passage)
            .unwrap()
            .text
            .contains("キャンプ・デービッド原則"));
        let at_b = s.view.at_for("b").expect("b at its mention");
        assert!(s
            .corpus
            .document("b")
            .unwrap()
            .passage(at_b)
            .unwrap()
            .text
            .contains("Camp David"));
        assert!(s.fragment.contains(&format!("src={id}")));
        // Unknown ids leave the view and say why.
        let t = s
            .clone()
            .reduce(Action::Move(Move::OpenSource("statement-00000000".into())));
        assert_eq!(t.view, s.view);
        assert_eq!(t.effects.notices.len(), 1);
    }

    #[test]
    fn picking_a_source_opens_the_sources_panel_and_travels_in_the_link() {
        let s = state("docs=a");
        let id = shared_id(&s);
        let s = s.reduce(Action::Move(Move::ShowSource(Some(id.clone()))));
        assert_eq!(s.view.layout.panel, Some(Panel::Sources));
        assert_eq!(s.view.source.as_deref(), Some(id.as_str()));
        let s = s.reduce(Action::Move(Move::ShowSource(None)));
        assert_eq!(s.view.source, None);
    }

    #[test]
    fn panels_cite_and_escape() {
        let s = state("docs=a");
        let s = s.reduce(Action::Layout(LayoutAction::ShowPanel(Panel::Glossary)));
        assert!(s.view.layout.panel == Some(Panel::Glossary));
        let s = s.reduce(Action::Layout(LayoutAction::ShowPanel(Panel::Notes)));
        assert!(s.view.layout.panel == Some(Panel::Notes));
        let s = s.reduce(Action::Layout(LayoutAction::ShowPanel(Panel::Notes)));
        assert!(s.view.layout.panel.is_none());
        let s = s.reduce(Action::Layout(LayoutAction::ShowPanel(Panel::Sources)));
        let p = s.corpus.document("a").unwrap().passages[0].id.clone();
        let s = s.reduce(Action::Layout(LayoutAction::Cite(PassageRef::new("a", p.clone()))));
        assert_eq!(s.view.layout.cite, Some(PassageRef::new("a", p)));
        // Esc closes the dialog first, then the panel.
        let s = s.reduce(Action::Layout(LayoutAction::Escape));
        assert_eq!(s.view.layout.cite, None);
        assert!(s.view.layout.panel.is_some());
        let s = s.reduce(Action::Layout(LayoutAction::Escape));
        assert!(s.view.layout.panel.is_none());
        // A passage that does not exist opens nothing.
        let s = s.reduce(Action::Layout(LayoutAction::Cite(PassageRef::new("a", "s99"))));
        assert_eq!(s.view.layout.cite, None);
        let s = s.reduce(Action::Layout(LayoutAction::ToggleTimeline));
        assert!(s.view.layout.timeline);
    }
}

mod lazy_start {
    use super::*;
    use crate::corpus::default_summaries;

    #[test]
    fn the_library_shows_without_parsing_and_a_reading_parses_on_need() {
        let pipeline = Rc::new(Pipeline::lazy(
            crate::corpus::default_sources(),
            Some(default_summaries()),
            themes::default_themes(),
        ));
        let state = AppState::with_analysis(pipeline.clone(), "http://x/".into(), "");
        assert!(state.view.is_library());
        assert!(!pipeline.is_parsed(), "the library needs only the summaries");
        assert_eq!(pipeline.summaries().len(), crate::corpus::DEFAULT_CORPUS.len());
        let first = pipeline.summaries()[0].id.clone();
        let state = Rc::new(state).reduce(Action::Navigate(format!("docs={first}")));
        assert!(pipeline.is_parsed());
        assert_eq!(state.view.docs, vec![first.clone()]);
        assert!(state.open_documents().next().is_some_and(|d| d.id == first));
        assert!(state.effects.notices.is_empty(), "{:?}", state.effects.notices);
    }

    #[test]
    fn a_link_to_documents_parses_at_start() {
        let pipeline = Rc::new(Pipeline::lazy(
            crate::corpus::default_sources(),
            Some(default_summaries()),
            themes::default_themes(),
        ));
        let first = pipeline.summaries()[0].id.clone();
        let state = AppState::with_analysis(pipeline.clone(), "http://x/".into(), &format!("docs={first}"));
        assert!(pipeline.is_parsed());
        assert_eq!(state.open_documents().count(), 1);
    }
}

#[test]
fn local_addresses_are_recognised() {
    use crate::state::is_local_address;
    for local in [
        "file:///home/t/pack.html#docs=a",
        "http://localhost:8080/#x",
        "http://127.0.0.1:1234/index.html",
        "http://[::1]:80/",
        "HTTP://LOCALHOST/",
        "http://app.localhost/",
    ] {
        assert!(is_local_address(local), "{local}");
    }
    for public in [
        "https://example.org/pack.html#docs=a",
        "https://localhost.example.org/",
        "https://user@example.org/",
        "https://127example.org/",
    ] {
        assert!(!is_local_address(public), "{public}");
    }
}

mod shelf {
    use super::*;
    use crate::shelf::{Shelf, ShelfAction};
    use crate::state::ThemeMove;
    use yomikurabe_core::pack::{Pack, PackDocument};

    fn state(fragment: &str) -> Rc<AppState> {
        let pack = Pack {
            documents: vec![
                PackDocument::new("a.txt", "甲の題\n\n住民投票の本文である。\n".into(), None),
                PackDocument::new("b.txt", "乙の題\n\n審議会の本文である。\n".into(), None),
            ],
            ..Default::default()
        };
        Rc::new(AppState::with_shelf(
            Shelf::new(pack, None, false),
            |_| {},
            "http://h/".into(),
            fragment,
            crate::i18n::Lang::Ja,
        ))
    }

    #[test]
    fn a_kept_theme_becomes_the_packs_and_stays_on() {
        let s = state("docs=a");
        let s = s.reduce(Action::Theme(ThemeMove::AddUserTheme("住民投票".into())));
        assert_eq!(s.view.adhoc.len(), 1);
        let s = s.reduce(Action::Theme(ThemeMove::KeepAdHoc(0)));
        assert!(s.view.adhoc.is_empty(), "no longer the link's own theme");
        assert_eq!(s.shelf.0.pack.themes.len(), 1);
        let id = s.shelf.0.pack.themes[0].id.clone();
        assert!(id.starts_with("mine-"), "{id}");
        assert_eq!(s.view.themes, vec![id.clone()], "still on");
        assert!(s.fragment.contains(&format!("themes={id}")), "{}", s.fragment);
        assert_eq!(s.view.docs, vec!["a".to_string()], "the reading stays");
        let s = s.reduce(Action::Shelf(ShelfAction::RemoveTheme(id)));
        assert!(s.shelf.0.pack.themes.is_empty());
        assert!(s.view.themes.is_empty(), "a removed theme is off");
    }

    #[test]
    fn removing_an_open_document_leaves_it_out_with_a_notice() {
        let s = state("docs=a,b");
        let s = s.reduce(Action::Shelf(ShelfAction::Remove("b".into())));
        assert_eq!(s.view.docs, vec!["a".to_string()]);
        assert!(
            s.effects.notices.iter().any(|n| n.to_string().contains("“b”")),
            "{:?}",
            s.effects.notices
        );
    }
}

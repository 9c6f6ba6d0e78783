//! The catalogue: every fixed word of the interface, English then Japanese. One macro makes the
//! [`Strings`] struct and its two instances, so a key lacks a translation only by a typo the
//! test below catches (empty, or the English copied over).

macro_rules! strings {
    ($($key:ident: $en:expr, $ja:expr;)*) => {
        /// The interface's fixed words in one language (`Lang::t`).
        #[derive(Debug)]
        pub struct Strings {
            $(#[doc = $en] pub $key: &'static str,)*
        }
        /// English.
        pub(super) static EN: Strings = Strings { $($key: $en,)* };
        /// 日本語.
        pub(super) static JA: Strings = Strings { $($key: $ja,)* };
        /// Every key with its English and Japanese.
        #[cfg(test)]
        pub(super) const ALL: &[(&str, &str, &str)] = &[$((stringify!($key), $en, $ja),)*];
    };
}

strings! {
    // The app, the switch.
    lang_switch: "Language", "表示言語";
    dismiss: "Dismiss", "閉じる";
    dismiss_label: "Dismiss these messages", "これらのメッセージを閉じる";
    close: "Close", "閉じる";
    // The library.
    library_lede: "Pick two to four documents and read them side by side.", "2〜4件の文書を選んで、並べて読み比べましょう。";
    no_documents: "No documents to show.", "表示する文書がありません。";
    read_side_by_side: "Read side by side", "並べて読む";
    pick: "Pick", "選ぶ";
    read_alone: "Read alone", "この文書だけ読む";
    details_and_corrections: "Details and corrections", "詳細と修正";
    title_label: "Title", "タイトル";
    author_label: "Author", "著者";
    date_label: "Date", "日付";
    save_corrections: "Save corrections", "修正を保存";
    earlier: "↑ Earlier", "↑ 前へ";
    earlier_label: "Earlier in the reading order", "読む順番を前にする";
    later: "↓ Later", "↓ 後へ";
    later_label: "Later in the reading order", "読む順番を後にする";
    remove_from_shelf: "Remove from the shelf", "本棚から外す";
    untitled: "(untitled)", "（無題）";
    // The shelf panel.
    your_documents: "Your documents", "あなたの文書";
    add_files: "Add files…", "文書を追加…";
    encoding: "Encoding", "文字コード";
    detect: "detect", "自動判別";
    add_hint: "Plain text (.txt), Markdown (.md), a web page saved from the browser (.html: its main text) or a Word file (.docx: its text, headings and footnotes), in any Japanese encoding; or drop files anywhere here.",
        "テキスト（.txt）、Markdown（.md）、ブラウザで保存したウェブページ（.html：本文）、Word ファイル（.docx：本文・見出し・脚注）を、どの日本語の文字コードでも読み込めます。ファイルをここにドロップしても追加できます。";
    pdf_hint: "From a PDF: open it, select all the text, copy it and paste it below — the reader joins broken lines and drops page numbers.",
        "PDF の場合は、開いて全文を選択・コピーし、下に貼り付けてください。改行のつなぎ直しやページ番号の除去は自動で行います。";
    paste_text: "Paste text", "テキストを貼り付け";
    name_label: "Name", "名前";
    paste_name_placeholder: "e.g. speech-2024", "例：speech-2024";
    text_to_add: "Text to add", "追加するテキスト";
    add_the_text: "Add the text", "テキストを追加";
    save_pack: "Save reading pack (one HTML file)", "読み比べパックを保存（HTML ファイル1つ）";
    published_at: "Published at", "公開先";
    set: "Set", "設定";
    published_hint: "Links and QR codes point to the published address, so students can open them.",
        "リンクと QR コードは公開先のアドレスを指すので、生徒がそのまま開けます。";
    forget_changes: "Forget my changes", "変更を取り消す";
    forget_confirm: "Forget the documents added and the corrections made in this browser, and go back to the documents this page came with?",
        "このブラウザで追加した文書と修正を消して、このページの元の文書に戻しますか？";
    nothing_stored: "Nothing of yours is stored: these are the documents the page came with.",
        "保存されている変更はありません。このページに最初から入っている文書です。";
    // The reader's bar.
    library: "← Library", "← ライブラリ";
    panel_themes: "Themes", "テーマ";
    panel_notes: "Notes", "注";
    panel_sources: "Sources", "出典";
    panel_glossary: "Glossary", "用語集";
    timeline: "Timeline", "年表";
    aligned: "Aligned", "連動";
    aligned_needs_two: "Aligned scrolling needs two columns or more", "連動スクロールには2列以上が必要です";
    aligned_title: "Aligned: as you scroll one column, the others follow to the most related passage",
        "連動：1つの列をスクロールすると、ほかの列も最も関連する箇所へ移動します";
    add_document_label: "Add a document as a new column", "文書を新しい列として追加";
    add_document: "+ Add a document…", "＋ 文書を追加…";
    documents_nav: "Documents", "文書";
    reading_dates: "Reading the dates…", "日付を読み取っています…";
    close_timeline: "Close the timeline", "年表を閉じる";
    // A column.
    no_readable_text: "This document has no readable text.", "この文書には読み取れる本文がありません。";
    notes_heading: "Notes", "注";
    back_to_top_label: "Back to the top of this document", "この文書の先頭に戻る";
    back_to_top: "Back to the top", "先頭へ";
    close_column: "✕ Close this column", "✕ この列を閉じる";
    close_last_column: "✕ Close (back to the library)", "✕ 閉じる（ライブラリに戻る）";
    outline: "Outline", "目次";
    no_headings: "No headings in this document.", "この文書には見出しがありません。";
    no_definition: "No definition in these documents", "これらの文書には定義がありません";
    cited_by_this_only: "cited by this document only", "この文書だけが引用";
    // The copied link.
    link_copied: "Link copied", "リンクをコピーしました";
    link_copied_clipboard: "Link copied to the clipboard", "リンクをクリップボードにコピーしました";
    link_copied_box: "Link copied into the box below (the browser refused the clipboard): copy it from there.",
        "ブラウザがクリップボードへのコピーを許可しなかったため、下の欄にリンクを表示しました。そこからコピーしてください。";
    link_to_passage: "Link to the passage", "この箇所へのリンク";
    local_link_warning: "This link only opens on this computer (the page is a file or a local address). To share it, put the reading pack on a web site and record that address in the library (“Published at”).",
        "このリンクはこのコンピューターでしか開けません（ファイルまたはローカルのアドレスです）。共有するには、読み比べパックをウェブサイトに置き、ライブラリの「公開先」にそのアドレスを記録してください。";
    close_panel: "Close the {0} panel (Esc)", "{0}パネルを閉じる（Esc）";
    panels: "Panels", "パネル";
    notes_summary: "{0} note{1}", "注 {0}件";
    notes_cut: "{0} cut off in the source", "うち{0}件は原文で途切れています";
    notes_absent: "{0} without text in the source", "{0}件は原文に本文がありません";
    back_to_note_ref: "Back to where note {0} is cited ({1} of {2})", "注{0}の参照箇所へ戻る（{2}件中{1}件目）";
    show_in_column: "Show in the column", "列で表示";
    no_marker: "No marker in the text cites it.", "本文にこの注の番号はありません。";
    cited_at: "Cited at ", "参照箇所：";
    notes_of: "Notes of {0}", "{0}の注";
    note_cut_off: "The note text looks cut off in the source.", "原文で注の本文が途切れているようです。";
    note_absent: "note text not in the source", "原文に注の本文がありません";
    note_n: "Note {0}", "注{0}";
    close_note: "Close note (Esc)", "注を閉じる（Esc）";
    show_in_notes: "Show in the notes", "注の一覧で表示";
    related_passages: "Related passages", "関連箇所";
    related_in_other_docs: "Related passages in the other documents", "ほかの文書の関連箇所";
    related_in_other_columns: "Related passages in the other columns", "ほかの列の関連箇所";
    close_related: "Close the related passages (Esc)", "関連箇所を閉じる（Esc）";
    no_related: "No passage of the other documents shares enough terms or themes with this one.", "ほかの文書に、この箇所と語やテーマを十分に共有する箇所はありません。";
    similarity: "Similarity (cosine of term and theme weights, 0–1)", "類似度（語とテーマの重みのコサイン、0〜1）";
    stop_highlighting: "Stop highlighting {0}", "{0}の強調をやめる";
    highlight_as_theme: "Highlight {0} as a theme", "{0}をテーマとして強調";
    key_terms: "Key terms", "キーワード";
    key_terms_hint: "Found in the text itself (no dictionary). Choose one to highlight it as a theme.", "本文から抽出した語です（辞書は使っていません）。選ぶとテーマとして強調します。";
    shared_by_open: "Shared by the open documents", "開いている文書に共通";
    shared_across: "Shared across the corpus", "全文書に共通";
    no_terms_shared: "No terms shared.", "共通する語はありません。";
    legend_sr: " ({0}, {1}), {2} in the open documents", "（{0}・{1}）、開いている文書に{2}件";
    prev_occurrence_of: "Previous occurrence of {0}", "{0}の前の出現箇所";
    next_occurrence_of: "Next occurrence of {0}", "{0}の次の出現箇所";
    prev_occurrence: "Previous occurrence", "前の出現箇所";
    next_occurrence: "Next occurrence", "次の出現箇所";
    keep_theme_label: "Keep the theme {0} with these documents (saved in the pack)", "テーマ{0}をこの文書群に残す（パックに保存）";
    keep_title: "Keep with these documents", "この文書群に残す";
    keep: "Keep", "残す";
    remove_theme_label: "Remove the theme {0}", "テーマ{0}を削除";
    remove: "Remove", "削除";
    remove_kept_label: "Remove the kept theme {0}", "残したテーマ{0}を削除";
    remove_kept_title: "Remove from these documents", "この文書群から削除";
    kind_key_term: "key term", "キーワード";
    kind_yours: "yours", "自作";
    close_themes_panel: "Close the themes panel", "テーマパネルを閉じる";
    highlighted_themes: "Highlighted themes", "強調中のテーマ";
    themes_hint: "Tick a theme to highlight it in every column. Click a highlight to go to the theme's next occurrence (Shift-click: the previous one).", "テーマにチェックを入れると、すべての列で強調表示します。強調部分をクリックすると次の出現箇所へ移動します（Shift＋クリックで前へ）。";
    your_own_theme: "Your own theme", "自作テーマ";
    user_theme_placeholder: "e.g. 三か国, 日米韓", "例：三か国, 日米韓";
    add: "Add", "追加";
    user_theme_hint: "Several spellings: separate them with commas. Width, か/カ/ヶ, 三/3 and ・ are matched loosely. Up to {0} of your own; they travel with the link.", "複数の表記はカンマで区切ります。全角・半角、か/カ/ヶ、三/3、・の有無は区別しません。自作テーマは{0}個まで作れて、リンクにも含まれます。";
    all_themes: "All themes", "すべてのテーマ";
    max_themes_on: "{0} themes are highlighted: turn one off to turn on another.", "{0}個のテーマを強調中です。別のテーマを使うには、どれかをオフにしてください。";
    themes_table_caption: "Themes and how often each occurs in the open documents", "テーマと、開いている文書での出現回数";
    theme: "Theme", "テーマ";
    overview: "Overview: themes × documents", "一覧：テーマ × 文書";
    overview_hint: "Occurrences of each theme in every document of the corpus. Choose a cell to open that document at the theme's first occurrence.", "全文書での各テーマの出現回数です。マスを選ぶと、その文書をテーマの最初の出現箇所で開きます。";
    matrix_label: "Themes × documents: occurrences in the whole corpus", "テーマ × 文書：全文書での出現回数";
    matrix_cell: "{0}: {1} in {2}", "{0}：{2}に{1}件";
    kind_statement: "Statement", "声明";
    kind_resolution: "UN resolution", "国連決議";
    kind_agreement: "Treaty / agreement", "条約・協定";
    kind_report: "Report / article", "報告書・論文";
    kind_law: "Law", "法律";
    kind_web_page: "Web page", "ウェブページ";
    cited_by_n_of: "cited by {0} of {1} documents: click to read them side by side", "{1}件中{0}件の文書が引用：クリックで並べて読む";
    source_tooltip: "Source ({0}): {1} — {2}", "出典（{0}）：{1} — {2}";
    column_n: "Document in column {0}", "{0}列目の文書";
    finding_sources: "Finding the sources…", "出典を探しています…";
    open_citing_side_by_side: "Open the {0} documents that cite it side by side, each at its mention", "引用している{0}件の文書を、それぞれの言及箇所で並べて開く";
    read_n_side_by_side: "Read the {0} side by side", "{0}件を並べて読む";
    stop_picking_mentions: "Stop picking out its mentions", "言及箇所の表示をやめる";
    pick_mentions: "Pick out its mentions in the text", "本文中の言及箇所を表示";
    cited_by_n: "Cited by {0} documents", "{0}件の文書が引用";
    shared_n: "shared ×{0}", "共通 ×{0}";
    open_web_page: "Open the web page ↗", "ウェブページを開く ↗";
    go_to_mention: "Go to the mention", "言及箇所へ";
    go_to_first_of: "Go to the first of {0} mentions", "{0}か所の言及の最初へ";
    sources_hint: "Statements, resolutions, agreements, reports, laws and web pages the documents cite, found in the text and the notes. Choose a source to pick out its mentions (dotted underline); a shared source is cited by two documents or more.", "文書が本文や注で引用している声明・決議・協定・報告書・法律・ウェブページです。出典を選ぶと言及箇所に点線を引きます。2件以上の文書が引用している出典は「共通」です。";
    stop_picking_source: "Stop picking out the source", "出典の表示をやめる";
    shared_sources: "Shared sources ({0})", "共通の出典（{0}）";
    no_shared_source: "No source is cited by two documents or more.", "2件以上の文書が引用している出典はありません。";
    n_sources_cited: "{0} source{1} cited", "出典 {0}件";
    collecting_acronyms: "Collecting the acronyms…", "略語を集めています…";
    open_defining_passage: "Open the defining passage in {0}", "{0}の定義箇所を開く";
    used_n_times: "Used {0} time{1} in {2} document{3}", "{2}件の文書で{0}回使用";
    in_open_ones: " ({0} in the open ones)", "（開いている文書で{0}回）";
    defined_in: "Defined in ", "定義：";
    glossary_hint: "Acronyms and what they stand for, from the definitions the documents give (merged across documents). In the text, hover or focus an acronym to see its expansion.", "略語とその正式名称です（文書中の定義を文書をまたいでまとめています）。本文の略語にポインターを合わせるかフォーカスすると、正式名称を表示します。";
    filter_glossary: "Filter the glossary", "用語集を絞り込む";
    glossary_placeholder: "Filter: NCG, 抑止…", "絞り込み：NCG, 抑止…";
    defined_n: "Defined ({0})", "定義あり（{0}）";
    undefined_n: "Used without a definition ({0})", "定義なしで使用（{0}）";
    none: "None.", "ありません。";
    contents: "Contents", "目次";
    ribbon_label: "Where the highlighted themes occur in {0}", "{0}で強調中のテーマが現れる位置";
    ribbon_tick: "{0}: {1} in passage {2}", "{0}：箇所 {2} に{1}件";
    n_highlighted: "{0} highlighted", "{0}個を強調中";
    pick_none: "Pick 1 to 4 documents to read them side by side.", "並べて読む文書を1〜4件選んでください。";
    pick_too_many: "{0} documents picked: at most {1} fit side by side. Unpick {2}.", "{0}件選択中です。並べられるのは{1}件までです。{2}件の選択を外してください。";
    n_picked: "{0} picked.", "{0}件選択中。";
    published_on: "Published {0}", "公開日：{0}";
    completed_on: "Completed {0}", "作成日：{0}";
    n_characters: "{0} character{1}", "{0}字";
    source_file: "Source file", "元のファイル";
    reading_n_files: "Reading {0} file{1}…", "{0}件のファイルを読み込んでいます…";
    analysing_n_docs: "Analysing {0} document{1} ({2} MB of text)…", "{0}件の文書を解析しています（テキスト {2} MB）…";
    shelf_stored: "This browser keeps your shelf: {0} document{1}, {2} of text.", "このブラウザに本棚を保存しています：文書{0}件、テキスト {2}。";
    storage_room: " The browser gives this page {0} and it uses {1}.", " ブラウザがこのページに割り当てている容量は {0}、使用量は {1} です。";
    copy_link: "Copy link to this passage", "この箇所へのリンクをコピー";
    cite_passage: "Cite this passage", "この箇所を引用";
    cite_passage_title: "Cite this passage (SIST 02, APA, Chicago; QR code)", "この箇所を引用（SIST 02・APA・Chicago、QR コード）";
    caveat_title_manifest: "The title comes from the corpus manifest, not from the text.", "タイトルは本文ではなく、コーパスの目録によるものです。";
    caveat_date_manifest: "The date comes from the corpus manifest, not from the text.", "日付は本文ではなく、コーパスの目録によるものです。";
    caveat_date_completed: "The date is when the text was completed, not published.", "日付は公開日ではなく、文書の作成日です。";
    caveat_date_unclear: "The text does not say what its date marks.", "本文からは、日付が何の日付かわかりません。";
    missing_author: "No author in the document.", "文書に著者の記載がありません。";
    missing_title: "No title in the document.", "文書にタイトルの記載がありません。";
    missing_date: "No date in the document.", "文書に日付の記載がありません。";
    missing_publisher: "No publisher in the document.", "文書に発行者の記載がありません。";
    copied: "Copied", "コピーしました";
    select_and_copy: "Select and copy", "選択してコピーしてください";
    not_in_corpus: "This passage is not in the corpus: there is nothing to cite.", "この箇所はコーパスにないため、引用できません。";
    copy_citation_label: "Copy the {0} citation", "{0}形式の引用をコピー";
    copy: "Copy", "コピー";
    in_text: "In text: ", "本文中：";
    qr_label: "QR code of the link", "リンクの QR コード";
    scan_to_open: "Scan to open this passage", "読み取るとこの箇所が開きます";
    link_too_long_qr: "The link is too long for a QR code.", "リンクが長すぎるため、QR コードにできません。";
    close_esc: "Close (Esc)", "閉じる（Esc）";
    close_x: "✕ Close", "✕ 閉じる";
    link: "Link", "リンク";
    copy_the_link: "Copy the link", "リンクをコピー";
    tl_open_a_document: "Open a document to see its dates on a timeline.", "文書を開くと、その日付を年表で表示します。";
    tl_no_dates: "No dates in the open documents.", "開いている文書に日付はありません。";
    tl_none_placed: "No date in the open documents could be placed on the axis.", "開いている文書の日付を、時間軸に配置できませんでした。";
    tl_mark_one: "{0} — {1} ({2})", "{0} — {1}（{2}）";
    tl_mark_many: "{0} — {1} ({2}): {3} mentions, listed below when chosen", "{0} — {1}（{2}）：{3}件、選ぶと下に一覧を表示";
    tl_svg_label: "Dated expressions of the open documents on one time axis, one lane per document", "開いている文書の日付表現を1本の時間軸に並べた図（文書ごとに1段）";
    tl_compressed_title: "{0}–{1}: compressed (logarithmic scale)", "{0}–{1}：圧縮表示（対数目盛）";
    tl_axis_break: "Axis break: {0}–{1} compressed", "軸の省略：{0}–{1}を圧縮";
    tl_counts: " · {0} placed · {1} unresolved", " · 配置 {0}件 · 未解決 {1}件";
    tl_day: "day", "日";
    tl_month: "month", "月";
    tl_year: "year", "年";
    tl_several: "several dates (choose to list)", "複数の日付（選ぶと一覧）";
    tl_compressed: "{0}–{1}: compressed", "{0}–{1}：圧縮表示";
    tl_mentions_in: "{0} · {1} mentions in ", "{0} · {1}件：";
    close_the_list: "Close the list", "一覧を閉じる";
    tl_unresolved: "Unresolved dates", "日付を特定できない表現";
    tl_none: "none", "なし";
    src_text: "found in the text", "本文から取得";
    src_manifest: "from the manifest (the text gives none)", "目録から取得（本文に記載なし）";
    src_corrected: "corrected by hand", "手で修正";
    src_none: "not found", "見つかりません";
    why_page_number: "page number", "ページ番号";
    why_running_head: "running head or foot", "柱（ヘッダー・フッター）";
    why_rule: "rule", "罫線";
    why_toc: "table of contents", "目次";
    why_legend: "notation legend", "表記についての凡例";
    why_colophon: "colophon (底本)", "底本の情報";
    why_front_matter: "front matter", "前付け";
    why_markup: "markup", "マークアップ";
    why_ruby: "ruby reading", "ルビ";
    no_line_set_aside: "No line was set aside: every line is in the reading text.", "除外した行はありません。すべての行が本文に入っています。";
    set_aside_n: "Set aside ({0} line{1})", "除外した行（{0}行）";
    line_reason: "line {0} · {1}: ", "{0}行目 · {1}：";
    line_is_content: "This line is content", "この行は本文";
    line_content_as_said: "line {0} · content, as you said ", "{0}行目 · 指定により本文 ";
    set_aside_again: "Set it aside again", "再び除外する";
    the_text_says: " — the text says {0}", " — 本文の表記：{0}";
    structure_label: "Structure", "構成";
    structure: "{0}, {1}, {2}; {3} ({4} in the text)", "{0}、{1}、{2}。{3}（本文中の{4}）";
    n_headings: "{0} heading{1}", "見出し{0}件";
    n_paragraphs: "{0} paragraph{1}", "段落{0}";
    n_front_lines: "{0} front-matter line{1}", "前付け{0}行";
    n_notes: "{0} note{1}", "注{0}件";
    n_markers: "{0} marker{1}", "注番号{0}か所";
    nothing_repaired: "Nothing was repaired or set aside.", "修復・除外したものはありません。";
    repaired_title: "Repaired or set aside", "修復・除外したもの";
    line_n: "line {0}: ", "{0}行目：";
    not_found_dash: "— not found", "— 見つかりません";
    n_adhoc_no_words: "The link defines a theme of your own with no words to look for ({0}); it was left out.", "リンクの自作テーマ{0}には探す語がないため、除外しました。";
    n_unknown_key: "The link contains {0}, which this reader does not understand; it was ignored.", "リンクの{0}はこのリーダーでは使えないため、無視しました。";
    n_key_twice: "The link gives {0} twice; only the first was used.", "リンクに{0}が2回あります。最初のものを使いました。";
    n_too_many_adhoc: "Only {0} themes of your own fit in a link; {1} left out.", "リンクに入る自作テーマは{0}個までです。{1}個を除外しました。";
    n_adhoc_repeated: "The link defines the same theme of your own more than once ({0} repeat{1}); it is used once.", "リンクに同じ自作テーマが重複しています（{0}件）。1つにまとめました。";
    n_focus_not_open: "The link marks a passage of {0}, which is not one of the open documents; the mark was left out.", "リンクの印は開いていない文書{0}の箇所を指しているため、外しました。";
    n_focus_not_passage: "The link marks {0}, which is not a passage (expected document/passage); no passage is marked.", "リンクの印{0}は箇所の指定（文書/箇所）になっていないため、印を付けていません。";
    n_quote_without_focus: "The link quotes a passage but does not say which; the quote was ignored.", "リンクに引用文がありますが、どの箇所かの指定がないため、無視しました。";
    n_nothing_open: "No document is open, so the link's themes, reading positions and panels were left out.", "文書が開かれていないため、リンクのテーマ・読む位置・パネルは除外しました。";
    n_source_not_id: "The link picks out {0} as a source, but that does not name a source; it was ignored.", "リンクが出典として指定した{0}は出典の名前ではないため、無視しました。";
    n_unknown_lang: "The link asks for the language {0}; only ja and en are available, so it was ignored.", "リンクの表示言語{0}には対応していません（ja と en のみ）。無視しました。";
    n_not_doc_id: "{0} in the link does not name a document; it was left out.", "リンクの{0}は文書の名前ではないため、除外しました。";
    n_doc_twice: "Document {0} was named twice; it is shown once.", "文書{0}が2回指定されています。1回だけ表示します。";
    n_too_many_docs: "Only {0} documents fit side by side; left out: {1}.", "並べて表示できる文書は{0}件までです。除外した文書：{1}。";
    n_at_not_open: "The link gives a reading position in {0}, which is not one of the open documents; it was left out.", "リンクの読む位置は開いていない文書{0}のものなので、除外しました。";
    n_at_twice: "The link gives {0} more than one reading position; the first was used.", "リンクに文書{0}の読む位置が複数あります。最初のものを使いました。";
    n_at_unreadable: "{0} reading position{1} in the link could not be read (expected document/passage); those columns open at the start.", "リンクの読む位置{0}件を読み取れませんでした（文書/箇所の形式が必要です）。その列は先頭から開きます。";
    n_not_theme_id: "{0} in the link does not name a theme; it was left out.", "リンクの{0}はテーマの名前ではないため、除外しました。";
    n_adhoc_undefined: "Theme {0} was not found: the link does not define it.", "テーマ{0}が見つかりません。リンクに定義がありません。";
    n_too_many_themes: "Only {0} themes can be highlighted at once; {1} left out.", "同時に強調できるテーマは{0}個までです。{1}個を除外しました。";
    n_no_such_panel: "The link asks for a side panel called {0}; there is none by that name (there are {1}), so none was opened.", "リンクのサイドパネル{0}はありません（あるのは {1}）。パネルは開いていません。";
    n_bad_switch: "The link says {0}={1} for {2}; only {0}=1 (on) is understood, so it stays off.", "リンクの{2}の指定 {0}={1} は使えません（{0}=1 でオン）。オフのままにしました。";
    n_part_not_open: "The link opens {0} of a passage in {1}, which is not one of the open documents; it was left closed.", "リンクは開いていない文書{1}の箇所の{0}を開こうとしているため、閉じたままにしました。";
    n_part_not_passage: "The link opens {0} of {1}, which is not a passage (expected document/passage); it was left closed.", "リンクの{0}の指定{1}は箇所（文書/箇所）ではないため、閉じたままにしました。";
    n_not_footnote: "The link opens the footnote {0}, which is not a footnote (expected document/passage/number); it was left closed.", "リンクの注の指定{0}は注（文書/箇所/番号）ではないため、閉じたままにしました。";
    n_document_not_found: "Document {0} not found; it was left out.", "文書{0}が見つからないため、除外しました。";
    n_passage_changed: "The text of passage {0} in {1} has changed since this link was made.", "このリンクが作られた後に、{1}の箇所 {0} の本文が変わっています。";
    n_passage_moved: "This passage moved; showing where its text is now.", "この箇所は移動しています。今の位置を表示します。";
    n_passage_not_found: "Passage {0} not found in {1}; showing the start of the document.", "{1}に箇所 {0} が見つかりません。文書の先頭を表示します。";
    n_position_not_found: "The reading position {0} is not in {1}; that column opens at the start.", "読む位置 {0} は{1}にありません。その列は先頭から開きます。";
    n_part_passage_missing: "The link opens {0} for passage {1}, which is not in {2}; it was left closed.", "リンクの{0}の箇所 {1} は{2}にないため、閉じたままにしました。";
    n_note_not_marked: "The link opens note {0} in passage {1} of {2}, but no such note is marked there; it was left closed.", "リンクは{2}の箇所 {1} の注{0}を開こうとしていますが、そこにその注はないため、閉じたままにしました。";
    n_source_not_cited: "The source {0} the link picks out is not cited in these documents; nothing is picked out.", "リンクが指定した出典{0}はこれらの文書で引用されていないため、何も選んでいません。";
    n_source_not_cited_here: "That source is not cited in these documents.", "その出典はこれらの文書で引用されていません。";
    n_theme_not_found: "Theme {0} not found; it was left out.", "テーマ{0}が見つからないため、除外しました。";
    n_theme_nothing_to_find: "The theme {0} has nothing to look for.", "テーマ{0}には探す語がありません。";
    n_type_a_word: "Type a word to look for (several spellings: separate them with commas).", "探す語を入力してください（表記が複数ある場合はカンマで区切ります）。";
    n_adhoc_full: "All {0} themes of your own are on: turn one off or remove one to add another.", "自作テーマは{0}個すべて使用中です。追加するには、どれかをオフにするか削除してください。";
    n_pack_unreadable: "This page's reading pack could not be read ({0}); the built-in documents are shown.", "このページの読み比べパックを読み込めませんでした（{0}）。内蔵の文書を表示します。";
    n_kept_unreadable: "The documents this browser kept could not be read back ({0}).", "このブラウザに保存した文書を読み込めませんでした（{0}）。";
    n_not_kept: "{0}. The documents are shown but will not be there after a reload; save a reading pack to keep them.", "{0}。文書は表示されていますが、再読み込みすると消えます。残すには読み比べパックを保存してください。";
    n_file_too_big: "{0}: not added — the file is {1} MB; a document may have at most {2} MB of text.", "{0}：追加できません。ファイルが {1} MB あります（1文書 {2} MB まで）。";
    n_file_unreadable: "{0}: the browser could not read the file.", "{0}：ブラウザがファイルを読み込めませんでした。";
    n_not_added: "{0}: not added — {1}.", "{0}：追加できません。{1}。";
    n_text_too_long: "{0}: not added — {1} MB of text is more than the {2} MB a document may have.", "{0}：追加できません。テキストが {1} MB あり、1文書の上限 {2} MB を超えています。";
    n_same_text: "{0}: not added — it is the same text as {1}, already on the shelf.", "{0}：追加できません。本棚にある{1}と同じテキストです。";
    n_garbled: "{0}: added, but {1}.", "{0}：追加しましたが、{1}。";
    n_no_readable_text: "{0}: no readable text was found in it; it was added so you can see what it holds.", "{0}：読み取れる本文が見つかりませんでした。中身を確認できるよう追加してあります。";
    n_shelf_full: "{0} file{1} not added — the shelf holds at most {2} documents: {3}.", "{0}件のファイルを追加できませんでした。本棚に入る文書は{2}件までです：{3}。";
    n_not_corrected: "Not corrected: {0}.", "修正できませんでした：{0}。";
    n_not_web_address: "{0} is not a web address (it must start with https://); links stay as they were.", "{0}はウェブのアドレスではありません（https:// で始まる必要があります）。リンクは変わりません。";
    n_no_single_file: "Saving a pack needs the single-file reader (yomikurabe.html) beside this page; it is not there.", "読み比べパックの保存には、このページと同じ場所に単一ファイル版のリーダー（yomikurabe.html）が必要ですが、見つかりません。";
    n_no_download: "The browser did not offer the file for download.", "ブラウザがファイルのダウンロードを許可しませんでした。";
    part_related: "the related passages", "関連箇所";
    part_cite: "the citation", "引用";
    part_note: "a footnote", "注";
    part_timeline: "the timeline", "年表";
    part_aligned: "aligned scrolling", "連動スクロール";
    fp_empty: "the file is empty", "ファイルが空です";
    fp_binary: "binary data, not text (it holds control characters)", "テキストではなくバイナリデータです（制御文字を含みます）";
    fp_not_valid: "it is not valid {0} text; choose another encoding", "{0} のテキストとして読めません。別の文字コードを選んでください";
    fp_choose_another: "{0}; choose another encoding", "{0}。別の文字コードを選んでください";
    fp_no_text: "the file holds no text", "テキストが入っていません";
    de_binary: "binary data, not text (NUL bytes or control characters)", "テキストではなくバイナリデータです（NUL バイトや制御文字を含みます）";
    de_malformed_line: "malformed {0} at byte {1} (line {2})", "{0} として不正なバイトがあります（{1}バイト目、{2}行目）";
    de_malformed: "malformed {0} at byte {1}", "{0} として不正なバイトがあります（{1}バイト目）";
    de_unrecognized: "not UTF-8, UTF-16, Shift_JIS or EUC-JP text (closest guess: {0})", "UTF-8・UTF-16・Shift_JIS・EUC-JP のいずれのテキストでもありません（最も近いのは {0}）";
    garbled_utf8_sjis: "it looks garbled (文字化け: kana appear as 縺, 繧, 繝): a UTF-8 text was read as Shift_JIS before it was saved; open the original file instead", "文字化けしているようです（かなが 縺・繧・繝 などになっています）。UTF-8 のテキストが Shift_JIS として読まれてから保存されたものです。元のファイルを開いてください";
    garbled_latin1: "it looks garbled (文字化け: Japanese appears as Latin letters such as ã or â€): it was read in a Western encoding before it was saved; open the original file instead", "文字化けしているようです（日本語が ã や â€ などのラテン文字になっています）。欧文の文字コードで読まれてから保存されたものです。元のファイルを開いてください";
    garbled_replacement: "it holds replacement characters (�): some characters were lost before the file was saved", "置換文字（�）が含まれています。保存される前に一部の文字が失われています";
    st_no_storage: "This browser offers no storage to this page (IndexedDB is off)", "このブラウザはこのページに保存領域を提供していません（IndexedDB がオフです）";
    st_refused: "The browser's storage refused to {0}{1}", "ブラウザの保存領域が「{0}」を拒否しました{1}";
    st_open: "open", "開く";
    st_read: "read the saved documents", "保存した文書の読み込み";
    st_save: "save the documents", "文書の保存";
    st_forget: "forget the saved documents", "保存した文書の削除";
    // Search (search_box.rs, search_panel.rs, view_state/search.rs) and long columns.
    panel_search: "Search", "検索";
    search_label: "Search every document", "すべての文書を検索";
    search_placeholder: "Search all documents ( / )", "全文書を検索（ / ）";
    search_hint: "Type in the search box to find every place a word occurs in every document.", "検索欄に語を入力すると、すべての文書でその語が出てくる箇所を探します。";
    search_none: "Nothing matches {0} in these documents.", "これらの文書には{0}に一致する箇所がありません。";
    search_summary: "{0} passage{1} in {2} document{3} (matches: {4})", "{2}件の文書の{0}段落（{4}か所）";
    search_prev: "Previous hit in the open columns (Shift+Enter)", "開いている列の前のヒット（Shift+Enter）";
    search_next: "Next hit in the open columns (Enter)", "開いている列の次のヒット（Enter）";
    search_step_at: "{0} of {1} in the open columns", "開いている列の{1}件中{0}件目";
    search_step_count: "{0} in the open columns", "開いている列に{0}件";
    search_save_theme: "Save as a theme", "テーマとして保存";
    search_save_theme_title: "Highlight these words as a theme of your own", "これらの語を自分のテーマとして強調表示する";
    search_tab_hits: "Hits", "ヒット";
    search_tab_kwic: "Concordance (KWIC)", "用例（KWIC）";
    search_tab_coll: "Collocates", "共起語";
    search_doc_count: " — {0} passage{1}, {2} match{3}", " — {0}段落・{2}か所";
    search_more: "Show all {0} hits in this document", "この文書のヒット{0}件をすべて表示";
    kwic_context: "Context", "前後の文字数";
    kwic_characters: "characters", "字";
    kwic_sort: "Sort", "並べ方";
    kwic_by_document: "in document order", "文書の順";
    kwic_by_left: "by left context", "左の文脈順";
    kwic_by_right: "by right context", "右の文脈順";
    kwic_document: "Document", "文書";
    kwic_all: "all", "すべて";
    kwic_copy: "Copy", "コピー";
    kwic_csv: "Download CSV", "CSV をダウンロード";
    kwic_tsv: "Download TSV", "TSV をダウンロード";
    kwic_copied: "{0} lines copied (tab-separated, for a spreadsheet).", "{0}行をコピーしました（タブ区切り。表計算ソフトに貼り付けられます）。";
    kwic_copy_refused: "The browser did not allow copying; use a download instead.", "ブラウザがコピーを許可しませんでした。ダウンロードをお使いください。";
    kwic_first: "The first {0} of {1} lines are shown; the exports have them all.", "{1}行のうち最初の{0}行を表示しています。書き出しにはすべて含まれます。";
    coll_within: "Within", "一致箇所の前後";
    coll_of_match: "characters of a match", "字以内";
    coll_none: "No terms occur near the matches.", "一致箇所の近くに語がありません。";
    coll_theme: "+ theme", "＋テーマ";
    coll_theme_title: "Highlight {0} as a theme of your own", "{0}を自分のテーマとして強調表示する";
    passage_gap: "{0} more passage{1} — show them", "ほかに{0}段落 — 表示する";
    n_search_cut: "The link's search is longer than {0} characters; the rest was cut.", "リンクの検索語が{0}字を超えているため、超えた部分を省きました。";
    n_search_setting: "The link asks for {1} as {0}; the default is used.", "リンクの{0}の指定{1}は使えないため、既定の設定にしました。";
    n_search_clamped: "The link asks for {0} of {1} characters; {2} is used ({3} to {4} can be chosen).", "リンクの{0}の指定（{1}字）は範囲外のため{2}字にしました（{3}〜{4}字）。";
    n_search_doc: "The link limits the concordance to {0}, which does not name a document; all documents are shown.", "リンクが用例を{0}に絞っていますが、文書の名前ではないため、すべての文書を表示します。";
    ss_view: "the results view", "結果の表示";
    ss_order: "the concordance order", "用例の並べ方";
    ss_width: "concordance context", "用例の前後の文字数";
    ss_window: "a collocate window", "共起語の範囲";
}

#[cfg(test)]
mod tests {
    use super::ALL;

    /// Words that are the same in both languages.
    const SAME: &[&str] = &["QR", "APA", "SIST 02", "Chicago", "↑", "✕", "Markdown"];

    #[test]
    fn every_key_is_translated() {
        let mut keys: Vec<&str> = Vec::new();
        for &(key, en, ja) in ALL {
            assert!(!en.trim().is_empty(), "{key}: no English");
            assert!(!ja.trim().is_empty(), "{key}: no Japanese");
            assert!(
                en != ja || SAME.contains(&en),
                "{key}: the Japanese is the English ({en:?})"
            );
            assert!(
                ja.chars().any(|c| c > '\u{3000}') || SAME.contains(&ja),
                "{key}: the Japanese has no Japanese in it ({ja:?})"
            );
            assert!(!keys.contains(&key), "{key} twice");
            keys.push(key);
        }
        assert!(ALL.len() > 50, "the catalogue has {} keys", ALL.len());
    }

    /// The `{0}`, `{1}`… of a sentence.
    fn blanks(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(n, _)| n))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn translations_fill_the_blanks_the_english_has() {
        for &(key, en, ja) in ALL {
            let (e, j) = (blanks(en), blanks(ja));
            assert!(
                j.iter().all(|b| e.contains(b)),
                "{key}: the Japanese has a blank the English lacks"
            );
            // The Japanese may leave out only the English plural ending (given as `s(n)`).
            let dropped = e.iter().filter(|b| !j.contains(b)).count();
            assert!(dropped <= 2, "{key}: the Japanese leaves out {dropped} blanks");
        }
    }
}

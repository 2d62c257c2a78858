//! Behaviour of the whole fix through the pipeline, mojibake only.

use super::{code_pages, garble};
use crate::{normalize, Config, Fix};

fn fix(text: &str) -> String {
    let mut config = Config::default();
    config.only(&[Fix::Mojibake]);
    normalize(text, &config).text
}

#[test]
fn sample_task_line() {
    let input = "- [ ] Set up Jasonâ€™s loop @Lior ğŸ“… 2025-10-26 â« #task #proposed\n";
    assert_eq!(
        fix(input),
        "- [ ] Set up Jason’s loop @Lior 📅 2025-10-26 ⏫ #task #proposed\n"
    );
}

#[test]
fn correct_text_stays() {
    for s in [
        "Ö–A",
        "VÝŠKA and ŠÍRKA",
        "“quoted” – dash … ellipsis",
        "shows \"â€.\" instead",
        "Её нет",
        "café",
    ] {
        assert_eq!(fix(s), s);
    }
}

#[test]
fn a_quoted_literal_stays_with_a_diagnostic() {
    let mut config = Config::default();
    config.only(&[Fix::Mojibake]);
    let text = "Fixed: the app showed \"â€.\" instead of a closing quote.\n";
    let out = normalize(text, &config);
    assert_eq!(out.text, text);
    assert!(
        out.diagnostics
            .iter()
            .any(|d| d.message.contains("no candidate is clearly right")),
        "{:?}",
        out.diagnostics
    );
}

#[test]
fn closing_quote_rebuilt_after_an_opening_one() {
    // windows-1252 drops 0x9D, the last byte of ”.
    assert_eq!(
        fix("He said â€œshipâ€ and left.\n"),
        "He said “ship” and left.\n"
    );
}

#[test]
fn messages_explain_the_chain() {
    let mut config = Config::default();
    config.only(&[Fix::Mojibake]);
    let out = normalize("The cafÃƒÂ© opened.\n", &config);
    assert_eq!(out.text, "The café opened.\n");
    assert_eq!(out.changes[0].message, "UTF-8 read as windows-1252 twice");
}

#[test]
fn one_damaged_word_among_correct_accents() {
    assert_eq!(
        fix("Déjà vu: the Ã©tÃ© report, naïve.\n"),
        "Déjà vu: the été report, naïve.\n"
    );
}

#[test]
fn cyrillic_read_as_windows_1251() {
    assert_eq!(
        fix("Р—Р°РґР°С‡Р°: РїСЂРёРІРµС‚ РјРёСЂ\n"),
        "Задача: привет мир\n"
    );
}

#[test]
fn code_stays_on_local_evidence() {
    let text = "Good “text” here. Bad: itâ€™s.\n\n`itâ€™s`\n";
    assert_eq!(fix(text), "Good “text” here. Bad: it’s.\n\n`itâ€™s`\n");
}

#[test]
fn garble_reverses_what_the_fix_repairs() {
    for page in code_pages() {
        let text = "- [ ] Review ⏫ 📅 2025-10-26 — naïve café\n";
        let bad = garble(text, page, true);
        assert_ne!(bad, text);
        assert_eq!(fix(&bad), text, "{}", page.name);
    }
}

#[test]
fn a_note_garbled_all_through_is_repaired_in_code_and_links_too() {
    let good = "# Café\n\nSee [[Café notes]] and run `echo “hi”` — it’s fine ✅\n";
    let bad = garble(good, &super::tables::WINDOWS_1252, true);
    assert_eq!(fix(&bad), good);
}

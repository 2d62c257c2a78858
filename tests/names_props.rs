//! Properties of `duplicate-names`: a doubled word put into any name is taken
//! out again whatever follows the mention; any text survives the fix, and a
//! second run changes nothing.

use notemend::{edit, normalize, Config, Edit, Fix};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "Ada",
    "Lior",
    "Genzel",
    "Vallery",
    "José",
    "Álvarez",
    "Zoë",
    "Иван",
    "Петров",
    "Νίκος",
    "Παπαδόπουλος",
    "O’Brien",
    "Boutros-Ghali",
    "Smith",
    "DE",
];

/// What may follow a mention in a task line.
const TAILS: &[&str] = &[
    " 📅 2025-10-26 #task",
    " ⏫ #task",
    ", then lunch",
    ".",
    " #tag",
    "",
    " and more",
];

fn names_only() -> Config {
    let mut config = Config::default();
    config.only(&[Fix::DuplicateNames]);
    config
}

/// One to four words, no word next to itself.
fn name() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(prop::sample::select(WORDS), 1..=4)
        .prop_filter("no word next to itself", |w| {
            w.windows(2).all(|p| p[0] != p[1])
        })
}

proptest! {
    #[test]
    fn a_doubled_word_is_taken_out(
        words in name(),
        at in 0usize..4,
        tail in prop::sample::select(TAILS),
        known in any::<bool>(),
    ) {
        let at = at % words.len();
        let mut doubled = words.clone();
        doubled.insert(at, words[at]);
        let (name, doubled) = (words.join(" "), doubled.join(" "));
        let head = if known { format!("**Attendees**: {name}\n") } else { String::new() };
        let text = format!("{head}- [ ] call @{doubled}{tail}\n");
        let out = normalize(&text, &names_only());
        prop_assert_eq!(out.text, format!("{head}- [ ] call @{name}{tail}\n"));
    }

    #[test]
    fn any_text_survives_and_settles(text in "[@\\[\\]|!`# a-zA-ZÀ-ÿА-я:,\n-]{0,160}") {
        let config = names_only();
        let out = normalize(&text, &config);
        let edits: Vec<&Edit> = out.edits.iter().collect();
        prop_assert_eq!(edit::apply(&text, &edits), out.text.clone());
        let again = normalize(&out.text, &config);
        prop_assert!(!again.changed(), "second run changed {:?}", again.changes);
    }

    #[test]
    fn doubled_names_in_real_shapes_settle(
        words in name(),
        at in 0usize..4,
        shape in 0usize..5,
    ) {
        let at = at % words.len();
        let mut doubled = words.clone();
        doubled.insert(at, words[at]);
        let d = doubled.join(" ");
        let text = match shape {
            0 => format!("---\nparticipants:\n- {d}\n---\n@{d}\n"),
            1 => format!("Attendees: {d}, [[{d}]]\n"),
            2 => format!("[[{}|{d}]] @{d} @{d}\n", words.join(" ")),
            3 => format!("---\npeople: [\"{d}\", {d}]\n---\n"),
            _ => format!("**Participants**: @{d}; {d}\n"),
        };
        let out = normalize(&text, &names_only());
        let again = normalize(&out.text, &names_only());
        prop_assert!(!again.changed(), "second run changed {:?}", again.changes);
    }
}

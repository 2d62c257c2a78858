//! Behaviour of the whole fix through the pipeline, mojibake only.

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

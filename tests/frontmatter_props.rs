//! Properties of the `frontmatter` fix over generated frontmatter built
//! from the forms it handles and the ones it must leave (folded values,
//! every `tags` form, repeated list entries, quoted dates, comments, block
//! scalars, nested maps, invalid YAML):
//!
//! - valid YAML stays valid, and its value changes only as intended;
//! - invalid YAML is left byte-for-byte, with a diagnostic;
//! - the body is untouched by this fix, and a second run changes nothing.

use notemend::note::frontmatter::parse_yaml;
use notemend::{normalize, Config, Fix, Note};
use proptest::prelude::*;
use serde_yaml::Value;

mod common;
use common::intended_frontmatter as intended;

const ENTRIES: &[&str] = &[
    "title: A note\n",
    "date: '2025-09-16'\n",
    "created: \"2025-09-17\" # typed\n",
    "due: '2025-02-30'\n",
    "source_ref: Inbox/a long path that was\n  folded by a writer.md\n",
    "summary: three\n  folded\n    lines # c\n",
    "quoted: 'folded\n  quoted'\n",
    "block: >\n  folded\n  block\n",
    "gap: a\n\n  b\n",
    "tags: #a, #b\n",
    "tags: a b, c\n",
    "tags: [\"#a\", b, b]\n",
    "tags:\n- '#a'\n- a\n- b\n",
    "tags:\n  - a\n  - b\n",
    "tags: # only a comment\n",
    "aliases: [x, y, x]\n",
    "aliases:\n  - x\n  - \"x\"\n  - y\n",
    "participants:\n- Lior Genzel\n- Lior Genzel\n",
    "scores: [1, 1]\n",
    "nested:\n  key: a value\n    folded\n  list:\n    - a\n    - a\n",
    "# a comment line\n",
    "\n",
    "broken: [a\n",
    "alias: &x [1]\n",
];

fn config() -> Config {
    let mut config = Config::default();
    config.only(&[Fix::Frontmatter]);
    config
}

fn value(text: &str) -> Option<Result<Value, String>> {
    Note::parse(text).frontmatter.map(|fm| fm.value)
}

proptest! {
    #[test]
    fn frontmatter_fix_is_safe(entries in prop::sample::subsequence(ENTRIES, 0..7)) {
        let body = "\n# Body\n\ntags: #a, #b\nsource: a\n  b\n";
        let text = format!("---\n{}---\n{body}", entries.concat());
        let out = normalize(&text, &config());
        prop_assert!(out.text.ends_with(body), "body changed");
        match value(&text) {
            Some(Ok(before)) => {
                let after = value(&out.text);
                let Some(Ok(after)) = after else {
                    return Err(TestCaseError::fail(format!("YAML broken: {}", out.text)));
                };
                // `tags: #a` holds nothing to YAML; its tags are the one
                // intended change of value that `intended` cannot see.
                if !text.contains("tags: #") {
                    prop_assert_eq!(intended(&before), intended(&after));
                }
                prop_assert_eq!(parse_yaml(&out.text[4..out.text.len() - body.len() - 4]).ok(), Some(after));
            }
            Some(Err(_)) => {
                prop_assert_eq!(&out.text, &text);
                prop_assert!(out.diagnostics.iter().any(|d| d.fix == Some(Fix::Frontmatter)));
            }
            None => prop_assert_eq!(&out.text, &text),
        }
        let again = normalize(&out.text, &config());
        prop_assert!(!again.changed(), "second run: {:?}", again.changes);
    }
}

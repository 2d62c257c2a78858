//! What the `frontmatter` fix reports: diagnostics for YAML it leaves
//! alone, one explained change per rule, line numbers in the original.

use notemend::{normalize, Config, Fix};

fn only(fixes: &[Fix]) -> Config {
    let mut config = Config::default();
    config.only(fixes);
    config
}

#[test]
fn invalid_yaml_is_reported_and_left_while_the_body_is_fixed() {
    let text = "---\ntags: [#a, b]\nsource: a\n  b\n---\n# H\ntext  \n";
    let out = normalize(text, &only(&[Fix::Frontmatter, Fix::Whitespace]));
    assert!(out
        .text
        .starts_with("---\ntags: [#a, b]\nsource: a\n  b\n---\n"));
    assert!(out.text.ends_with("# H\n\ntext\n"));
    let d = out
        .diagnostics
        .iter()
        .find(|d| d.fix == Some(Fix::Frontmatter))
        .expect("a diagnostic");
    assert_eq!(d.line, 1);
    assert!(d.message.contains("not valid YAML"), "{}", d.message);
    assert!(d.message.contains("without `#`"), "{}", d.message);
    assert!(out.changes.iter().all(|c| c.fix == Fix::Whitespace));
}

#[test]
fn aliases_are_reported_and_left() {
    let text = "---\na: &x [1, 1]\nb: *x\nsource: a\n  b\n---\nbody\n";
    let out = normalize(text, &only(&[Fix::Frontmatter]));
    assert_eq!(out.text, text);
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.fix == Some(Fix::Frontmatter) && d.message.contains("aliases")));
}

#[test]
fn unclosed_frontmatter_is_not_frontmatter() {
    let text = "---\nsource: a\n  b\ntags: #a\n";
    let out = normalize(text, &only(&[Fix::Frontmatter]));
    assert_eq!(out.text, text);
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.message.contains("never closed")));
}

#[test]
fn each_rule_explains_itself_on_its_line() {
    let text = "---\ndate: '2025-09-16'\nsource: a\n  b\ntags: x y\naliases: [p, q, p]\n---\n";
    let out = normalize(text, &only(&[Fix::Frontmatter]));
    assert_eq!(
        out.text,
        "---\ndate: 2025-09-16\nsource: a b\ntags:\n  - x\n  - y\naliases: [p, q]\n---\n"
    );
    let lines: Vec<(usize, &str)> = out
        .changes
        .iter()
        .map(|c| (c.line, c.message.as_str()))
        .collect();
    assert!(
        lines.contains(&(2, "wrote `date` as a plain YAML date")),
        "{lines:?}"
    );
    assert!(lines.iter().any(|(l, m)| *l == 3 && m.contains("folded")));
    assert!(lines.iter().any(|(l, m)| *l == 5 && m.contains("`tags`")));
    assert!(lines.iter().any(|(l, m)| *l == 6 && m.contains("repeated")));
    assert!(out.changes.iter().all(|c| c.fix == Fix::Frontmatter));
}

#[test]
fn quoted_dates_are_the_dates_fix_job_when_it_runs() {
    let text = "---\ndate: '2025-09-16'\n---\n";
    let out = normalize(text, &only(&[Fix::Dates, Fix::Frontmatter]));
    assert_eq!(out.text, "---\ndate: 2025-09-16\n---\n");
    assert!(out.changes.iter().all(|c| c.fix == Fix::Dates));
}

#[test]
fn a_note_without_frontmatter_is_untouched() {
    let text = "tags: #a, #b\nsource: a\n  b\n";
    let out = normalize(text, &only(&[Fix::Frontmatter]));
    assert_eq!(out.text, text);
    assert!(out.diagnostics.is_empty());
}

#[test]
fn repeats_are_removed_only_from_the_lists_obsidian_reads_as_sets() {
    // A repeat in `steps` or `answers` is data: removing it would lose it.
    for list in [
        "steps: [push, push, pop]\n",
        "answers:\n  - yes\n  - yes\n  - no\n",
        "playlist:\n- a.mp3\n- b.mp3\n- a.mp3\n- a.mp3\n",
    ] {
        let text = format!("---\n{list}---\n");
        let out = normalize(&text, &only(&[Fix::Frontmatter]));
        assert_eq!(out.text, text);
        let key = &list[..list.find(':').unwrap_or(0)];
        assert!(
            out.diagnostics
                .iter()
                .any(|d| d.fix == Some(Fix::Frontmatter)
                    && d.line == 1
                    && d.message.contains(&format!("`{key}` repeats"))
                    && d.message.contains("left as it is")),
            "{list}: {:?}",
            out.diagnostics
        );
    }
    for (set, unique) in [
        ("aliases: [p, q, p]\n", "aliases: [p, q]\n"),
        (
            "cssclasses:\n  - wide\n  - wide\n",
            "cssclasses:\n  - wide\n",
        ),
        ("tags: [a, b, a]\n", "tags:\n  - a\n  - b\n"),
    ] {
        let out = normalize(&format!("---\n{set}---\n"), &only(&[Fix::Frontmatter]));
        assert_eq!(out.text, format!("---\n{unique}---\n"), "{set}");
        assert!(out.diagnostics.is_empty(), "{set}: {:?}", out.diagnostics);
    }
}

#[test]
fn frontmatter_the_line_reader_cannot_read_is_left_whole() {
    // Keys written in forms the line reader skips, or lines it would take
    // for keys: every fix leaves the block, and the frontmatter fix says why.
    for yaml in [
        "{aliases: [p, q, p], source: a}\n",
        "? aliases\n: [p, q, p]\nsource: a\n  b\n",
        "!!str aliases: [p, q, p]\nsource: a\n  b\n",
        "&k aliases: [p, q, p]\nsource: a\n  b\n",
        "meta: {x: 1,\ntags: a b}\nsource: a\n  b\n",
        "note: \"a\ntags: a b\"\nsource: a\n  b\n",
        "? created\n: '2025-09-16'\nsource: a\n  b\n",
    ] {
        let text = format!("---\n{yaml}---\nbody\n");
        assert!(
            notemend::note::frontmatter::parse_yaml(yaml).is_ok(),
            "{yaml}"
        );
        let out = normalize(&text, &Config::default());
        assert_eq!(out.text, text, "{yaml}");
        assert!(
            out.diagnostics
                .iter()
                .any(|d| d.fix == Some(Fix::Frontmatter)
                    && d.message.contains("does not read line by line")),
            "{yaml}: {:?}",
            out.diagnostics
        );
    }
    // The same keys written plainly are read and repaired.
    let text = "---\naliases: [p, q, p]\nsource: a\n  b\n---\nbody\n";
    let out = normalize(text, &Config::default());
    assert_eq!(out.text, "---\naliases: [p, q]\nsource: a b\n---\nbody\n");
}

#[test]
fn a_list_written_into_a_crlf_block_keeps_its_line_endings() {
    let text = "---\r\ntags: a, b\r\n---\r\nbody\r\n";
    let out = normalize(text, &only(&[Fix::Frontmatter]));
    assert_eq!(
        out.text,
        "---\r\ntags:\r\n  - a\r\n  - b\r\n---\r\nbody\r\n"
    );
    // A lone `\r` inside a value is no line ending.
    let text = "---\ntitle: a\rb\ntags: a, b\n---\nbody\n";
    let out = normalize(text, &only(&[Fix::Frontmatter]));
    assert!(!out.text.contains("\r\n"), "{:?}", out.text);
}

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

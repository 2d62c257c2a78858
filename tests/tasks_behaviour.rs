//! What the `tasks` fix reports: one explained change per line, the
//! diagnostics for lines it leaves on purpose, and its place after the
//! `dates` fix in the pipeline.

use notemend::{normalize, Config, Fix};

fn only(fixes: &[Fix]) -> Config {
    let mut config = Config::default();
    config.only(fixes);
    config
}

#[test]
fn one_change_per_line_with_its_reason() {
    let text = "# T\n\n- [ ] a 📅 2025-10-26 🔺\n- [ ] b 📆 2025-10-26\n- [ ] c ⏫️ 📅 2025-10-26\n";
    let out = normalize(text, &only(&[Fix::Tasks]));
    let got: Vec<(usize, &str)> = out
        .changes
        .iter()
        .map(|c| (c.line, c.message.as_str()))
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(got[0].0 == 3 && got[0].1.contains("order Tasks writes them (🔺 📅)"));
    assert!(got[1].0 == 4 && got[1].1.contains("📅 for 📆"));
    assert!(got[2].0 == 5 && got[2].1.contains("⏫ without U+FE0F"));
    assert!(out.changes.iter().all(|c| c.fix == Fix::Tasks));
}

#[test]
fn lines_left_on_purpose_say_why() {
    let text = "- [ ] a 📅 2025-10-26 ⏳ 2025-10-01 📅 2025-10-27\n- [ ] b 📅 2025-02-30 🔺\n";
    let out = normalize(text, &only(&[Fix::Tasks]));
    assert_eq!(out.text, text);
    let d: Vec<(usize, &str)> = out
        .diagnostics
        .iter()
        .filter(|d| d.fix == Some(Fix::Tasks))
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d[0].0 == 1 && d[0].1.contains("two due date fields"));
    assert!(d[1].0 == 2 && d[1].1.contains("impossible date"));
}

#[test]
fn dates_first_then_order() {
    // `dates` makes the due date one Tasks reads; then it can move.
    let text = "- [ ] a 📅 16/09/2025 🔺\n- [ ] b 📅 2025-09-25 🔺\n";
    let out = normalize(text, &only(&[Fix::Dates, Fix::Tasks]));
    assert_eq!(
        out.text,
        "- [ ] a 🔺 📅 2025-09-16\n- [ ] b 🔺 📅 2025-09-25\n"
    );
}

#[test]
fn crlf_and_indentation_are_kept() {
    let text = "- a\r\n\t- [ ] a 📅 2025-10-26 🔺\r\n> > 3. [x] b ✅ 2025-10-27 📅 2025-10-26\r\n";
    let out = normalize(text, &only(&[Fix::Tasks]));
    assert_eq!(
        out.text,
        "- a\r\n\t- [ ] a 🔺 📅 2025-10-26\r\n> > 3. [x] b 📅 2025-10-26 ✅ 2025-10-27\r\n"
    );
    // Without a list above it, a tab-indented line is an indented code
    // block (CommonMark, and Obsidian renders it so): left as written.
    let text = "# T\n\n\t- [ ] a 📅 2025-10-26 🔺\n";
    assert_eq!(normalize(text, &only(&[Fix::Tasks])).text, text);
}

#[test]
fn ordered_items_with_a_parenthesis_are_tasks_for_both_fixes() {
    // Tasks reads `1)` as well as `1.` (since 7.18.5); so do `dates` and
    // `tasks`, through the one grammar in `note::task`.
    let text = "1) [ ] a 📅 16/09/2025 🔺\n2) [x] b ✅ 2025-10-27 📅 2025-10-26\n> 3) [ ] c 📆 2025-10-26\n";
    let out = normalize(text, &only(&[Fix::Dates, Fix::Tasks]));
    assert_eq!(
        out.text,
        "1) [ ] a 🔺 📅 2025-09-16\n2) [x] b 📅 2025-10-26 ✅ 2025-10-27\n> 3) [ ] c 📅 2025-10-26\n"
    );
    // Not a list item, not a task: neither fix reads it.
    let text = "1] [ ] a 📅 16/09/2025 🔺\n";
    assert_eq!(normalize(text, &only(&[Fix::Dates, Fix::Tasks])).text, text);
}

#[test]
fn an_empty_task_keeps_the_space_tasks_writes() {
    let text = "- [ ] \n1) [ ] \n- \n\t- [x] \n";
    assert_eq!(normalize(text, &Config::default()).text, text);
}

#[test]
fn tags_after_fields_move_in_front_of_them_as_tasks_writes_them() {
    // Lines from Obsidian Tasks' own tests (tests/Task/Task.test.ts): Tasks
    // puts the tags it reads off the end back into the description and
    // writes the fields after it. The first pair is its `toFileLineString`
    // expectation word for word; the others follow its description and
    // field expectations.
    let mut config = only(&[Fix::Tasks]);
    config.tags_before_fields = true;
    for (line, tasks_writes) in [
        (
            "- [x] this is a done task #tagone 📅 2021-09-12 ✅ 2021-06-20 #journal/daily",
            "- [x] this is a done task #tagone #journal/daily 📅 2021-09-12 ✅ 2021-06-20",
        ),
        (
            "- [ ] this is a task due 📅 2021-09-12 #inside_tag ⏫ #some/tags_with_underscore",
            "- [ ] this is a task due #inside_tag #some/tags_with_underscore ⏫ 📅 2021-09-12",
        ),
        (
            "- [ ] Wobble ⏫  #tag1 ✅ 2022-07-02 #tag2  📅 2022-07-02 #tag3 ⏳ 2022-07-02 #tag4 🛫 2022-07-02 #tag5  🔁 every day  #tag6 #tag7 #tag8 #tag9 #tag10",
            "- [ ] Wobble #tag1 #tag2 #tag3 #tag4 #tag5 #tag6 #tag7 #tag8 #tag9 #tag10 ⏫ 🔁 every day 🛫 2022-07-02 ⏳ 2022-07-02 📅 2022-07-02 ✅ 2022-07-02",
        ),
        ("- [ ] 📅 2023-06-26 #task 🔽", "- [ ] #task 🔽 📅 2023-06-26"),
    ] {
        let out = normalize(&format!("{line}\n"), &config);
        assert_eq!(out.text, format!("{tasks_writes}\n"));
        assert!(out.changes[0].message.contains("tags before the fields"));
        // What Tasks writes is a fixed point.
        let again = normalize(&out.text, &config);
        assert!(!again.changed(), "{:?}", again.changes);
    }
}

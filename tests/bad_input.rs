//! The bad-input battery: each case its own test. Whatever comes in, the
//! core answers with a diagnostic or an error, never a panic, and loses
//! nothing; the CLI skips what it cannot read, refuses bad settings before
//! touching any file, and writes atomically only what changed.

#[path = "../fuzz/checks.rs"]
mod checks;

use notemend::{normalize, Config, Fix, Outcome};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

fn only(fix: Fix) -> Config {
    let mut config = Config::default();
    config.only(&[fix]);
    config
}

/// Runs with default settings and checks what every outcome promises.
fn run(text: &str) -> Outcome {
    run_with(text, &Config::default())
}

fn run_with(text: &str, config: &Config) -> Outcome {
    let out = normalize(text, config);
    checks::check_outcome(text, &out);
    out
}

/// Every fix and whitespace alone: a second run is quiet, and whitespace
/// alone keeps every visible character.
fn settles(text: &str) {
    checks::check_normalize(text, &Config::default());
    checks::check_normalize(text, &only(Fix::Whitespace));
}

fn has_diagnostic(out: &Outcome, words: &[&str]) -> bool {
    out.diagnostics.iter().any(|d| {
        let m = d.message.to_lowercase();
        words.iter().any(|w| m.contains(w))
    })
}

/// Runs `f` and prints how long it took: a figure for the reader, never an
/// assertion (speed is measured by the benchmarks, not by tests).
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    eprintln!("{what}: {:.2?}", start.elapsed());
    value
}

// ---- YAML ----

#[test]
fn invalid_yaml_is_reported_and_kept_byte_for_byte() {
    let fm = "---\ntitle: [unclosed\ndate: '2025-09-16\ntags: a, b\n  bad: indent\n---\n";
    let text = format!("{fm}# Body\ntext  \n");
    let out = run(&text);
    assert!(
        out.text.starts_with(fm),
        "frontmatter changed: {:?}",
        out.text
    );
    assert!(
        has_diagnostic(&out, &["yaml"]),
        "no diagnostic: {:?}",
        out.diagnostics
    );
    settles(&text);
}

#[test]
fn frontmatter_never_closed_is_reported_and_kept() {
    let head = "---\ntitle: Call\nowner: Ada Lovelace\n";
    let text = format!("{head}\n# Notes\nfirst line\n");
    let out = run(&text);
    assert!(
        out.text.starts_with(head),
        "opening lines changed: {:?}",
        out.text
    );
    assert!(
        has_diagnostic(&out, &["never closed"]),
        "{:?}",
        out.diagnostics
    );
    settles(&text);
}

#[test]
fn yaml_alias_bomb_is_refused_quickly() {
    let mut fm = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        let refs = vec![format!("*{prev}"); 9].join(",");
        fm.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    fm.push_str("---\n");
    let text = format!("{fm}body\n");
    let out = timed("alias bomb", || run(&text));
    assert!(out.text.starts_with(&fm), "frontmatter changed");
    assert!(
        has_diagnostic(&out, &["alias", "yaml"]),
        "{:?}",
        out.diagnostics
    );
    settles(&text);
}

#[test]
fn yaml_alias_bomb_in_flow_style_is_refused() {
    // Aliases without a space after the separator, which a line-based
    // alias check could miss.
    let fm = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c {k: *b,l: *b,m: *b}\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n";
    let text = format!("{fm}body\n");
    let out = timed("flow alias bomb", || run(&text));
    assert!(out.text.starts_with(fm), "frontmatter changed");
    settles(&text);
}

#[test]
fn deeply_nested_yaml_is_reported_without_overflow() {
    let fm = format!("---\na: {}\n---\n", "[".repeat(10_000));
    let text = format!("{fm}body\n");
    let out = timed("10,000 nested [ in YAML", || run(&text));
    assert!(out.text.starts_with(&fm), "frontmatter changed");
    assert!(has_diagnostic(&out, &["yaml"]), "{:?}", out.diagnostics);
    let closed = format!(
        "---\na: {}{}\n---\nbody\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let out = run(&closed);
    assert!(out.text.starts_with(&closed[..closed.len() - 5]));
    let nested_maps = format!(
        "---\n{}x\n---\nbody\n",
        (0..2_000)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect::<String>()
    );
    let _ = run(&nested_maps);
}

#[test]
fn deeply_nested_markdown_and_brackets_in_the_body() {
    let brackets = format!("# T\n\n{}\n", "[".repeat(10_000));
    timed("10,000 [ in the body", || settles(&brackets));
    let quotes = format!("{} deep\n", "> ".repeat(10_000));
    settles(&quotes);
    let lists: String = (0..2_000)
        .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
        .collect();
    settles(&lists);
}

// ---- Size ----

/// A realistic note of about `bytes` bytes: the sample meeting note (with
/// its mojibake, doubled names, tasks and dates) and clean text, repeated.
fn big_note(bytes: usize) -> String {
    let sample = include_str!("fixtures/sample-meeting.input.md");
    let body = sample.splitn(3, "---\n").nth(2).unwrap_or(sample);
    let clean = "Plain paragraph with café, 日本語 and 🎉 in it.\n\n- item\n- [ ] task 📅 2025-10-26\n\n```\ncode  \n```\n\n";
    let mut text = String::with_capacity(bytes + sample.len());
    text.push_str(&sample[..sample.len() - body.len()]);
    while text.len() < bytes {
        text.push_str(body);
        text.push_str(clean);
    }
    text
}

#[test]
fn a_20_mb_note_is_repaired() {
    let text = big_note(20 * 1024 * 1024);
    let out = timed("20 MB note, every fix", || run(&text));
    assert!(out.changed());
    let again = timed("20 MB note, second run", || run(&out.text));
    assert!(!again.changed(), "{:?}", again.changes.first());
}

#[test]
fn a_20_mb_note_through_whitespace_keeps_every_visible_character() {
    let text = big_note(20 * 1024 * 1024);
    let out = timed("20 MB note, whitespace", || {
        run_with(&text, &only(Fix::Whitespace))
    });
    assert_eq!(
        checks::non_whitespace(&text),
        checks::non_whitespace(&out.text)
    );
}

#[test]
fn a_20_mb_note_of_ambiguous_dates_gets_its_diagnostics_in_seconds() {
    // Half a million things left alone, each reported once.
    let mut text = String::with_capacity(21 * 1024 * 1024);
    let mut i = 0;
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&format!(
            "**Date**: 03/04/20{:02} and 05/06/2025\n",
            i % 100
        ));
        i += 1;
    }
    let out = timed("20 MB of ambiguous dates", || run(&text));
    assert!(!out.changed(), "{:?}", out.changes.first());
    assert!(
        out.diagnostics.len() >= i,
        "{} diagnostics",
        out.diagnostics.len()
    );
}

#[test]
fn a_single_1_mb_line() {
    let words = "word ".repeat(200_000) + "  \t";
    let out = timed("1 MB line of words", || run(&words));
    assert_eq!(out.text, format!("{}\n", words.trim_end()));
    settles(&words);
}

#[test]
fn a_single_1_mb_line_of_markup_openers() {
    // Openers that are never closed: a scan that looks for each closer
    // afresh is quadratic here.
    for (name, unit) in [
        ("[[", "[["),
        ("backticks", "`a"),
        ("dollars", "$a"),
        ("urls", "a://"),
        ("comments", "<!--"),
        ("percent", "%%"),
        ("links", "](x "),
        ("mojibake", "Ã©â€™ğŸ“…"),
        ("task emoji", "📅 2025-10-26 ⏫ "),
        ("doubled names", "@Ada Ada "),
    ] {
        let line = unit.repeat(1_000_000 / unit.len());
        timed(&format!("1 MB line of {name}"), || settles(&line));
    }
}

// ---- Bytes ----

#[test]
fn nul_bytes_are_kept() {
    let text = "a\0b  \n\0\0\n# H\0\n- [ ] \0 📅 2025-10-26\n---\0\n";
    let out = run(text);
    assert_eq!(out.text.matches('\0').count(), text.matches('\0').count());
    settles(text);
    let fm = "---\na: \0\n---\nbody\n";
    let out = run(fm);
    assert!(out.text.starts_with("---\na: \0\n---\n"));
}

#[test]
fn utf16_text_without_a_bom_is_left_whole() {
    // UTF-16LE of ASCII is valid UTF-8 with a NUL after every character:
    // adding one `\n` byte, or trimming one space, would break every
    // character after it.
    let utf16: String = "# Title\r\ntext  \r\n\r\n\r\n- [ ] a 📅 16/09/2025"
        .chars()
        .flat_map(|c| [c, '\0'])
        .filter(char::is_ascii)
        .collect();
    let out = run(&utf16);
    assert_eq!(out.text, utf16);
    assert!(!out.changed());
    assert!(has_diagnostic(&out, &["utf-16"]));
}

#[test]
fn classic_mac_line_endings_are_left_whole() {
    let text = "# Title\rtext  \r\r\r- [ ] a 📅 16/09/2025";
    let out = run(text);
    assert_eq!(out.text, text);
    assert!(has_diagnostic(&out, &["carriage return"]));
    // A lone `\r` among `\n` line endings is only a character.
    assert!(run("a\rb\t\nc\n").changed());
}

#[test]
fn a_bom_is_kept_once() {
    for text in [
        "\u{feff}# Title\ntext  \n",
        "\u{feff}---\ntitle: x\n---\nbody",
        "\u{feff}",
        "\u{feff}\n\n\n",
        "\u{feff}\u{feff}text\n",
    ] {
        let out = run(text);
        assert!(
            out.text.starts_with('\u{feff}'),
            "{text:?} -> {:?}",
            out.text
        );
        assert_eq!(
            out.text.matches('\u{feff}').count(),
            text.matches('\u{feff}').count(),
            "{text:?} -> {:?}",
            out.text
        );
        settles(text);
    }
    let out = run("\u{feff}---\ntitle: x\n---\nbody\n");
    assert!(!has_diagnostic(&out, &["never closed"]));
}

/// The ending of every line that has content, in order.
fn endings_of_content_lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n')
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            if l.ends_with("\r\n") {
                "\r\n"
            } else if l.ends_with('\n') {
                "\n"
            } else {
                ""
            }
        })
        .collect()
}

#[test]
fn crlf_is_kept() {
    let text = "# T\r\ntext  \r\nmore\t\r\n\r\n\r\n\r\n- [ ] a task 📅 2025-10-26\r\nend";
    let out = run(text);
    assert!(
        !out.text.replace("\r\n", "").contains('\n'),
        "{:?}",
        out.text
    );
    assert!(out.text.ends_with("\r\n"));
    settles(text);
}

#[test]
fn mixed_line_endings_are_kept_as_found() {
    let text = "a\r\nb\nc  \r\n# H\nd\r\ne\r\r\nf\rg\n";
    let out = run_with(text, &only(Fix::Whitespace));
    let (before, after) = (
        endings_of_content_lines(text),
        endings_of_content_lines(&out.text),
    );
    assert_eq!(before, after, "{text:?} -> {:?}", out.text);
    // A lone `\r` is not a line ending; it stays where it is.
    assert_eq!(out.text.matches("\rg").count(), 1);
    settles(text);
    settles("\r\n\n\r\n\r\r\n");
}

// ---- Shapes ----

#[test]
fn an_empty_note() {
    for config in [Config::default(), only(Fix::Whitespace)] {
        let out = run_with("", &config);
        assert!(!out.changed() && out.changes.is_empty() && out.text.is_empty());
    }
    settles("");
    settles("\n");
    settles(" \t\n\n");
}

#[test]
fn a_note_that_is_only_frontmatter() {
    for text in [
        "---\ntitle: Weekly sync\ndate: 2025-09-16\n---\n",
        "---\n---\n",
        "---\ntitle: x\n...\n",
        "---\r\ntitle: x\r\n---\r\n",
    ] {
        let out = run(text);
        assert!(
            !out.changed(),
            "{text:?} -> {:?}: {:?}",
            out.text,
            out.changes
        );
        settles(text);
    }
    // Without a final newline, only the line ending is added.
    let text = "---\ntitle: x\n---";
    let out = run(text);
    assert_eq!(out.text.trim_end(), text);
    settles(text);
}

#[test]
fn a_note_that_is_only_code_blocks() {
    let text = "```python\ndef f():  \n\n\n\n    return 1\t\n# not a heading\n- [ ] 16/09/2025 \u{1f4c5}\n```\n~~~\n  x  \n@Ada Ada\n~~~\n````md\n```\ninner\n```\n````\n";
    let out = run(text);
    assert_eq!(out.text, text, "{:?}", out.changes);
    // Unclosed: the block runs to the end of the note.
    let open = "```\ncode  \n\n\n";
    let out = run(open);
    assert!(out.text.starts_with(open), "{:?}", out.text);
    settles(text);
    settles(open);
}

#[test]
fn mojibake_quoted_in_code_is_left_to_the_mojibake_fix_alone() {
    // Every fix but mojibake leaves code as written. (Mojibake may repair
    // code when the whole note was garbled; see DESIGN.md.)
    let text = "```\n- [ ] 16/09/2025 \u{11f}\u{178}\u{201c}\u{2026} @Ada Ada  \n\n\n```\n";
    let mut config = Config::default();
    config.skip(&[Fix::Mojibake]);
    let out = run_with(text, &config);
    assert_eq!(out.text, text, "{:?}", out.changes);
    settles(text);
}

// ---- Settings ----

#[test]
fn unknown_settings_are_warned_about_not_refused() {
    let (config, warnings) = Config::from_json(
        r#"{"dateFormat":"DD.MM.YYYY","colour":"red","fixes":{"spelling":true}}"#,
    )
    .unwrap();
    assert_eq!(config.date_format, "DD.MM.YYYY");
    assert!(
        warnings.iter().any(|w| w.contains("colour")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("spelling")),
        "{warnings:?}"
    );
}

#[test]
fn mistyped_settings_are_errors_naming_the_key() {
    for (json, key) in [
        (r#"{"dateOrder": 3}"#, "dateOrder"),
        (r#"{"dateOrder": "sideways"}"#, "dateOrder"),
        (r#"{"fixes": {"dates": "yes"}}"#, "fixes"),
        (r#"{"fixes": []}"#, "fixes"),
        (r#"{"knownPeople": "Ada"}"#, "knownPeople"),
        (r#"{"runningTextDates": 1}"#, "runningTextDates"),
    ] {
        let err = Config::from_json(json).unwrap_err();
        assert!(err.contains(key), "{json}: {err}");
    }
}

#[test]
fn settings_that_are_not_an_object() {
    for json in [
        "",
        "null",
        "[]",
        "\"x\"",
        "1e999",
        "{",
        "{\"a\":}",
        "\u{feff}{}",
    ] {
        match Config::from_json(json) {
            Ok(_) => {}
            Err(e) => assert!(!e.is_empty()),
        }
    }
    let deep = format!("{{\"fixes\":{}", "[".repeat(10_000));
    assert!(Config::from_json(&deep).is_err());
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(Config::from_json(&deep).is_err());
}

#[test]
fn odd_but_valid_settings_drive_a_whole_run() {
    for json in [
        r#"{"dateFormat": ""}"#,
        r#"{"dateFormat": "[[[["}"#,
        r#"{"dateFormat": "YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY"}"#,
        r#"{"dateFormat": "[YYYY] \u0000 📅 MMMM"}"#,
        r#"{"me": "Lior Genzel Genzel", "knownPeople": ["", " ", "Ada Ada"]}"#,
        r#"{"dateKeys": ["", "---"], "peopleKeys": ["tags", ""]}"#,
        r#"{"fixes": {"whitespace": false, "mojibake": false, "dates": false, "tasks": false, "frontmatter": false, "duplicate-names": false}}"#,
    ] {
        let (config, _) = Config::from_json(json).unwrap();
        checks::check_normalize(checks::SAMPLE, &config);
    }
}

// ---- The CLI ----

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_notemend"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("notemend-bad-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn out(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null()).output().expect("run notemend")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// Sets the file's modification time an hour back, so a rewrite shows.
fn age(path: &Path) -> SystemTime {
    let past = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(past)
        .unwrap();
    mtime(path)
}

#[test]
fn cli_skips_a_file_that_is_not_utf8() {
    let dir = temp_dir("latin1");
    let bad: &[u8] = b"caf\xe9  \n# Titre\nr\xe9sum\xe9\n";
    let half: &[u8] = b"good start  \n\xf0\x9f\x93\n";
    fs::write(dir.join("latin1.md"), bad).unwrap();
    fs::write(dir.join("truncated.md"), half).unwrap();
    fs::write(dir.join("ok.md"), "fine  \n").unwrap();
    let before = (
        mtime(&dir.join("latin1.md")),
        mtime(&dir.join("truncated.md")),
    );
    for cmd in ["check", "fix"] {
        let o = out(bin().arg(cmd).arg(&dir));
        let err = stderr(&o);
        assert!(
            err.contains("latin1.md") && err.contains("not UTF-8"),
            "{err}"
        );
        assert!(err.contains("truncated.md"), "{err}");
        assert_eq!(
            o.status.code(),
            Some(if cmd == "check" { 1 } else { 0 }),
            "{cmd}: {err}"
        );
    }
    assert_eq!(fs::read(dir.join("latin1.md")).unwrap(), bad);
    assert_eq!(fs::read(dir.join("truncated.md")).unwrap(), half);
    assert_eq!(
        before,
        (
            mtime(&dir.join("latin1.md")),
            mtime(&dir.join("truncated.md"))
        )
    );
    assert_eq!(fs::read_to_string(dir.join("ok.md")).unwrap(), "fine\n");
    // Named directly, and as JSON: the report says why.
    let o = out(bin().args(["check", "--json"]).arg(dir.join("latin1.md")));
    let stdout = String::from_utf8(o.stdout).unwrap();
    assert!(stdout.contains("not UTF-8"), "{stdout}");
    assert_eq!(o.status.code(), Some(0));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn cli_stdin_that_is_not_utf8_is_an_error() {
    let mut child = bin()
        .args(["fix", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"caf\xe9\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("UTF-8"), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing half-written to stdout");
}

#[test]
fn cli_bom_crlf_nul_and_empty_files() {
    let dir = temp_dir("bytes");
    let cases: [(&str, &[u8]); 4] = [
        ("bom-crlf.md", b"\xef\xbb\xbf# T\r\ntext \t\r\nend"),
        ("nul.md", b"a\0b \t\n\0\n"),
        ("empty.md", b""),
        ("mixed.md", b"a\r\nb\nc  \r\n"),
    ];
    for (name, bytes) in cases {
        fs::write(dir.join(name), bytes).unwrap();
    }
    let o = out(bin().args(["fix", "--only", "whitespace"]).arg(&dir));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read(dir.join("bom-crlf.md")).unwrap(),
        b"\xef\xbb\xbf# T\r\n\r\ntext\r\nend\r\n"
    );
    assert_eq!(fs::read(dir.join("nul.md")).unwrap(), b"a\0b\n\0\n");
    assert_eq!(fs::read(dir.join("empty.md")).unwrap(), b"");
    assert_eq!(fs::read(dir.join("mixed.md")).unwrap(), b"a\r\nb\nc\r\n");
    let o = out(bin().arg("check").arg(&dir));
    assert_eq!(
        o.status.code(),
        Some(0),
        "second run: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn cli_unknown_setting_is_a_warning() {
    let dir = temp_dir("unknown-setting");
    let note = dir.join("n.md");
    fs::write(&note, "text  \n").unwrap();
    let settings = dir.join("settings.json");
    fs::write(
        &settings,
        r#"{"colour": "red", "fixes": {"spelling": true}}"#,
    )
    .unwrap();
    let o = out(bin().args(["fix", "--config"]).arg(&settings).arg(&note));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("colour") && err.contains("spelling"), "{err}");
    assert_eq!(fs::read_to_string(&note).unwrap(), "text\n");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn cli_mistyped_or_broken_settings_exit_2_and_touch_nothing() {
    let dir = temp_dir("mistyped-setting");
    let note = dir.join("n.md");
    fs::write(&note, "text  \n").unwrap();
    let when = age(&note);
    let settings = dir.join("settings.json");
    for json in [
        r#"{"dateOrder": 3}"#,
        r#"{"fixes": {"whitespace": "off"}}"#,
        r#"{"dateFormat": 1"#,
        "[]",
        "",
    ] {
        fs::write(&settings, json).unwrap();
        let o = out(bin().args(["fix", "--config"]).arg(&settings).arg(&note));
        assert_eq!(o.status.code(), Some(2), "{json}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("settings.json"),
            "{json}: {}",
            stderr(&o)
        );
        assert_eq!(fs::read_to_string(&note).unwrap(), "text  \n", "{json}");
        assert_eq!(mtime(&note), when, "{json}");
    }
    let o = out(bin()
        .args(["fix", "--config"])
        .arg(dir.join("missing.json"))
        .arg(&note));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&note).unwrap(), "text  \n");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn cli_writes_atomically_keeping_permissions() {
    let dir = temp_dir("atomic");
    let note = dir.join("n.md");
    fs::write(&note, "text  \n").unwrap();
    #[cfg(unix)]
    let modes = {
        use std::os::unix::fs::PermissionsExt;
        let mut modes = Vec::new();
        for mode in [0o640, 0o600, 0o755] {
            fs::set_permissions(&note, fs::Permissions::from_mode(mode)).unwrap();
            fs::write(&note, "text  \n").unwrap();
            let o = out(bin().arg("fix").arg(&note));
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            assert_eq!(fs::read_to_string(&note).unwrap(), "text\n");
            modes.push((
                mode,
                fs::metadata(&note).unwrap().permissions().mode() & 0o777,
            ));
        }
        modes
    };
    #[cfg(unix)]
    for (want, got) in modes {
        assert_eq!(want, got, "permissions {want:o} became {got:o}");
    }
    assert_eq!(listing(&dir), vec!["n.md"], "no temporary file left");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn cli_leaves_an_unchanged_file_alone() {
    let dir = temp_dir("unchanged");
    let clean = dir.join("clean.md");
    fs::write(&clean, "# Title\n\nNothing to do here, café 日本語 🎉.\n").unwrap();
    let dirty = dir.join("dirty.md");
    fs::write(&dirty, "text  \n").unwrap();
    let (clean_when, dirty_when) = (age(&clean), age(&dirty));
    let o = out(bin().arg("fix").arg(&dir));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(mtime(&clean), clean_when, "an unchanged note was rewritten");
    assert_ne!(mtime(&dirty), dirty_when, "the changed note was written");
    let again = mtime(&dirty);
    let o = out(bin().arg("fix").arg(&dir));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(mtime(&dirty), again, "a second fix rewrote a settled note");
    assert_eq!(listing(&dir), vec!["clean.md", "dirty.md"]);
    fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn cli_writes_through_a_symlink_and_keeps_it() {
    let dir = temp_dir("symlink");
    let real = dir.join("real.md");
    fs::write(&real, "text  \n").unwrap();
    let link = dir.join("link.md");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = out(bin().arg("fix").arg(&link));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), "text\n");
    assert_eq!(listing(&dir), vec!["link.md", "real.md"]);
    fs::remove_dir_all(dir).unwrap();
}

#[cfg(unix)]
#[test]
fn cli_failed_write_reports_and_leaves_the_note_whole() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_dir("readonly");
    let folder = dir.join("locked");
    fs::create_dir_all(&folder).unwrap();
    let note = folder.join("n.md");
    fs::write(&note, "text  \n").unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    // Where permissions do not bind (running as root), there is no failure
    // to provoke.
    let probe = folder.join(".probe");
    if fs::write(&probe, "").is_ok() {
        let _ = fs::remove_file(&probe);
        eprintln!("permissions not enforced here; case skipped");
    } else {
        let o = out(bin().arg("fix").arg(&note));
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(stderr(&o).contains("n.md"), "{}", stderr(&o));
        assert_eq!(fs::read_to_string(&note).unwrap(), "text  \n");
        assert_eq!(listing(&folder), vec!["n.md"]);
    }
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    fs::remove_dir_all(dir).unwrap();
}

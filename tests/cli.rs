//! The CLI contract, exercised on real files in a temporary folder.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_notemend"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh copy of `from` in a temporary folder unique to `name`.
fn copy_tree(from: &Path, name: &str) -> PathBuf {
    let to = std::env::temp_dir().join(format!("notemend-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&to);
    copy_dir(from, &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("run notemend")
}

#[test]
fn whitespace_on_the_example_vault_changes_what_it_should_then_nothing() {
    let vault = copy_tree(&root().join("examples/vault"), "ws");
    let before = snapshot(&vault);
    let out = run(bin().args(["fix", "--only", "whitespace"]).arg(&vault));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = snapshot(&vault);
    let changed: Vec<_> = before
        .iter()
        .zip(&after)
        .filter(|(a, b)| a.1 != b.1)
        .map(|(a, _)| a.0.clone())
        .collect();
    assert!(
        !changed.is_empty(),
        "whitespace should change some example notes"
    );
    for path in &changed {
        let old =
            String::from_utf8(before.iter().find(|b| &b.0 == path).unwrap().1.clone()).unwrap();
        let new = fs::read_to_string(path).unwrap();
        // Only whitespace may differ.
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(squash(&old), squash(&new), "{}", path.display());
        assert!(new.ends_with('\n'));
    }
    // .obsidian/ is never touched, nor are clean notes.
    let untouched = before.iter().filter(|b| !changed.contains(&b.0)).count();
    assert!(untouched >= 2);
    let again = run(bin().args(["check", "--only", "whitespace"]).arg(&vault));
    assert_eq!(
        again.status.code(),
        Some(0),
        "second run: {}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert_eq!(snapshot(&vault), after);
    fs::remove_dir_all(vault).unwrap();
}

#[test]
fn check_reports_and_exits_1_without_writing() {
    let vault = copy_tree(&root().join("examples/vault"), "check");
    let before = snapshot(&vault);
    let out = run(bin().args(["check", "--diff"]).arg(&vault));
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("whitespace"), "{stdout}");
    assert!(stdout.contains("+++ b/"), "diff printed: {stdout}");
    assert_eq!(snapshot(&vault), before);
    fs::remove_dir_all(vault).unwrap();
}

#[test]
fn json_report_has_one_object_per_file() {
    let vault = copy_tree(&root().join("examples/vault"), "json");
    let out = run(bin()
        .args(["check", "--json", "--only", "whitespace"])
        .arg(&vault));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let notes = stdout.lines().count();
    assert_eq!(notes, 6, "{stdout}");
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["path"].as_str().unwrap().ends_with(".md"));
        for c in v["changes"].as_array().unwrap() {
            assert_eq!(c["fix"], "whitespace");
            assert!(c["line"].as_u64().unwrap() >= 1);
            assert!(c["message"].is_string() && c["before"].is_string() && c["after"].is_string());
        }
        assert!(v["diagnostics"].is_array());
    }
    fs::remove_dir_all(vault).unwrap();
}

#[test]
fn stdin_to_stdout() {
    let mut child = bin()
        .args(["fix", "--only", "whitespace", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"# T\ntext \t")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "# T\n\ntext\n");
}

#[test]
fn usage_and_io_errors_exit_2_and_touch_nothing() {
    let vault = copy_tree(&root().join("examples/vault"), "errors");
    let before = snapshot(&vault);
    for args in [
        vec!["fix", "--only", "spelling"],
        vec!["fix", "--frobnicate"],
        vec!["fix", "--skip", "x,y"],
    ] {
        let out = run(bin().args(&args).arg(&vault));
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty());
    }
    let missing = run(bin()
        .args(["fix"])
        .arg(&vault)
        .arg(vault.join("missing.md")));
    assert_eq!(missing.status.code(), Some(2));
    let bad_config = vault.join("settings.json");
    fs::write(&bad_config, r#"{"dateOrder": 3}"#).unwrap();
    let out = run(bin().args(["fix", "--config"]).arg(&bad_config).arg(&vault));
    assert_eq!(out.status.code(), Some(2));
    fs::remove_file(&bad_config).unwrap();
    assert_eq!(snapshot(&vault), before, "no file touched");
    fs::remove_dir_all(vault).unwrap();
}

#[test]
fn config_file_and_unknown_fix_names_in_catalogue() {
    let dir = std::env::temp_dir().join(format!("notemend-cli-config-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let note = dir.join("n.md");
    fs::write(&note, "a  \t\n").unwrap();
    let config = dir.join("settings.json");
    fs::write(
        &config,
        r#"{"fixes": {"whitespace": false}, "fixOnSave": true}"#,
    )
    .unwrap();
    let out = run(bin().args(["check", "--config"]).arg(&config).arg(&note));
    assert_eq!(
        out.status.code(),
        Some(0),
        "whitespace is off in the settings"
    );
    // Every catalogue name is accepted, built yet or not.
    let out = run(bin()
        .args([
            "check",
            "--only",
            "mojibake,duplicate-names,dates,tasks,frontmatter",
        ])
        .arg(&note));
    assert_eq!(out.status.code(), Some(0));
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn files_that_are_not_utf8_are_skipped_with_a_message() {
    let dir = std::env::temp_dir().join(format!("notemend-cli-binary-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let binary = dir.join("binary.md");
    let bytes = vec![0xff, 0xfe, 0x00, 0x41, 0x20, 0x20, 0x0a];
    fs::write(&binary, &bytes).unwrap();
    fs::write(dir.join("ok.md"), "fine  \t\n").unwrap();
    let out = run(bin().args(["fix"]).arg(&dir));
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
    assert_eq!(fs::read(&binary).unwrap(), bytes);
    assert_eq!(fs::read_to_string(dir.join("ok.md")).unwrap(), "fine\n");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_sample_note_through_the_cli() {
    let dir = std::env::temp_dir().join(format!("notemend-cli-sample-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let note = dir.join("sample.md");
    fs::copy(root().join("tests/fixtures/sample-meeting.input.md"), &note).unwrap();
    let out = run(bin().arg("fix").arg(&note));
    assert_eq!(out.status.code(), Some(0));
    let expected =
        fs::read_to_string(root().join("tests/fixtures/sample-meeting.expected.md")).unwrap();
    assert_eq!(fs::read_to_string(&note).unwrap(), expected);
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_note_that_opts_out_is_left_byte_identical() {
    let dir = std::env::temp_dir().join(format!("notemend-cli-optout-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    // The same damage in both notes: every fix would have work here.
    let body = "# Title\ntext  \t\n\n\n\n- [ ] Pay rent 📅 16/09/2025 ⏫\n";
    let opted = format!("---\ntags: #a\nnotemend: false\n---\n{body}");
    let other = format!("---\ntags: #a\n---\n{body}");
    fs::write(dir.join("opted.md"), &opted).unwrap();
    fs::write(dir.join("other.md"), &other).unwrap();
    let out = run(bin().arg("fix").arg(&dir));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(fs::read(dir.join("opted.md")).unwrap(), opted.as_bytes());
    assert_ne!(fs::read(dir.join("other.md")).unwrap(), other.as_bytes());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("opts out"), "{stdout}");
    // `check` finds nothing to change in it either.
    let out = run(bin().arg("check").arg(dir.join("opted.md")));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    fs::remove_dir_all(dir).unwrap();
}

#[test]
fn dates_obsidian_linter_writes_are_left_as_it_writes_them() {
    let dir = std::env::temp_dir().join(format!("notemend-cli-linter-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let linter = dir.join(".obsidian/plugins/obsidian-linter");
    fs::create_dir_all(&linter).unwrap();
    fs::create_dir_all(dir.join("daily")).unwrap();
    fs::write(
        linter.join("data.json"),
        r#"{"ruleConfigs": {"yaml-timestamp": {"enabled": true, "date-created": false,
            "date-modified-key": "updated", "format": "DD-MM-YYYY hh:mm A"}}}"#,
    )
    .unwrap();
    let note = dir.join("daily/n.md");
    let text = "---\nupdated: 12-11-2023 04:11 PM\ndue: 16/09/2025\n---\n";
    for (enabled, expected) in [
        // The Linter is enabled: its key stays, the other date is fixed.
        (
            r#"["obsidian-linter"]"#,
            "---\nupdated: 12-11-2023 04:11 PM\ndue: 2025-09-16\n---\n",
        ),
        // Installed but not enabled: nothing is kept back.
        (
            "[]",
            "---\nupdated: 2023-11-12T16:11\ndue: 2025-09-16\n---\n",
        ),
    ] {
        fs::write(dir.join(".obsidian/community-plugins.json"), enabled).unwrap();
        fs::write(&note, text).unwrap();
        // A single note inside the vault finds the vault's settings too.
        let out = run(bin().arg("fix").arg(&note));
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(fs::read_to_string(&note).unwrap(), expected);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            stderr.contains("`updated` left as Obsidian Linter's YAML timestamp writes them"),
            enabled != "[]",
            "{stderr}"
        );
    }
    fs::remove_dir_all(dir).unwrap();
}

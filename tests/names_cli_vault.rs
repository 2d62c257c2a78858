//! `notemend fix --only duplicate-names DIR` builds the vault index from
//! every note before repairing any, so one note's people decide another's.

use std::fs;
use std::path::PathBuf;
use std::process::Command;

const KNOWS: &str = "---\nparticipants:\n- Lior Genzel\n---\n# Intro call\n\n**Attendees**: Lior Genzel, Sirhan Sirhan\n";
const DOUBLED: &str =
    "**Attendees**: Lior Genzel Genzel\n\n- [ ] Call @Lior Genzel Genzel 📅 2025-10-26 #task\n";
const KNOWN_DOUBLED: &str = "- [ ] Ask @Sirhan Sirhan about the draft\n";

fn temp_vault(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("notemend-names-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("people")).expect("temp dir");
    fs::write(dir.join("people/intro.md"), KNOWS).expect("write");
    fs::write(dir.join("followup.md"), DOUBLED).expect("write");
    fs::write(dir.join("draft.md"), KNOWN_DOUBLED).expect("write");
    dir
}

fn fix(path: &std::path::Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_notemend"))
        .args(["fix", "--quiet", "--only", "duplicate-names"])
        .arg(path)
        .output()
        .expect("run notemend");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fixing_a_directory_uses_what_every_note_knows() {
    let dir = temp_vault("dir");
    fix(&dir);
    assert_eq!(
        fs::read_to_string(dir.join("followup.md")).unwrap(),
        "**Attendees**: Lior Genzel\n\n- [ ] Call @Lior Genzel 📅 2025-10-26 #task\n"
    );
    // Another note knows Sirhan Sirhan as written: kept.
    assert_eq!(
        fs::read_to_string(dir.join("draft.md")).unwrap(),
        KNOWN_DOUBLED
    );
    assert_eq!(
        fs::read_to_string(dir.join("people/intro.md")).unwrap(),
        KNOWS
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn fixing_single_files_judges_each_note_alone() {
    let dir = temp_vault("files");
    fix(&dir.join("followup.md"));
    fix(&dir.join("draft.md"));
    // Alone, the attendee line vouches for the doubled spelling…
    assert_eq!(
        fs::read_to_string(dir.join("followup.md")).unwrap(),
        DOUBLED
    );
    // …and nothing vouches for `Sirhan Sirhan`.
    assert_eq!(
        fs::read_to_string(dir.join("draft.md")).unwrap(),
        "- [ ] Ask @Sirhan about the draft\n"
    );
    let _ = fs::remove_dir_all(&dir);
}

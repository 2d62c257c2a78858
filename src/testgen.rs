//! Generated texts for the tests that check a fast path against the full
//! reading: many short texts made of the pieces a rule turns on, the same
//! on every run; and the real notes such tests read beside them.

/// `count` texts, each of up to `most` pieces drawn from `pieces` by a
/// fixed linear congruential sequence.
pub(crate) fn texts<'a>(
    pieces: &'a [&'a str],
    most: u64,
    count: usize,
) -> impl Iterator<Item = String> + 'a {
    texts_from(7, pieces, most, count)
}

/// [`texts`] drawn by the sequence that starts from `seed`, for a test
/// that wants a sequence of its own.
pub(crate) fn texts_from<'a>(
    seed: u64,
    pieces: &'a [&'a str],
    most: u64,
    count: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        state >> 33
    };
    // The length is drawn too, so that a text of no pieces does not stop
    // the sequence (every text after it would be empty).
    (0..count).map(move |_| {
        let len = next() % (most + 1);
        (0..len)
            .map(|_| pieces[next() as usize % pieces.len()])
            .collect()
    })
}

/// Every Markdown file under `dir` (relative to the crate's root), at any
/// depth; none when it is missing (the shared corpus lies beside a clone,
/// not in it).
pub(crate) fn markdown_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    let mut out = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out
}

//! The pure workflow functions take any text without panicking.

use super::agent_context::{ensure_mdc_front_matter, technical_context, upsert};
use super::naming::{
    Charset, clean_branch_name, derive_short_name, fit_branch_name, trim_description,
};
use super::scripts::translate_powershell_flags;
use super::text::{bash_printf_q, json_string, shlex_quote};

/// Deterministic pseudo-random strings over an alphabet of awkward characters.
fn samples() -> Vec<String> {
    const ALPHABET: &[&str] = &[
        "a",
        "Z",
        "0",
        "9",
        "-",
        "_",
        " ",
        "\t",
        "\n",
        "\r",
        "\u{0}",
        "\u{1b}",
        "\u{7f}",
        "é",
        "É",
        "中",
        "😀",
        "\u{301}",
        "\u{200b}",
        "\u{3000}",
        "\u{85}",
        "'",
        "\"",
        "\\",
        "$",
        "`",
        "#",
        "~",
        ":",
        "=",
        "/",
        ".",
        "..",
        "---",
        "{",
        "}",
        "[",
        "]",
        "*",
        "!",
        "<!-- SPECKIT START -->",
        "<!-- SPECKIT END -->",
        "alwaysApply:",
        " true",
        "# c",
        "{CORE_TEMPLATE}",
        "**Storage**:",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..2_000)
        .map(|_| {
            let len = usize::try_from(next() % 40).unwrap_or(0);
            (0..len)
                .map(|_| ALPHABET[usize::try_from(next()).unwrap_or(0) % ALPHABET.len()])
                .collect()
        })
        .collect()
}

#[test]
fn pure_functions_never_panic() {
    for text in samples() {
        let _ = derive_short_name(&text, Charset::Unicode);
        let _ = derive_short_name(&text, Charset::Ascii);
        let cleaned = clean_branch_name(&text, Charset::Unicode);
        assert!(
            !cleaned.contains('/') && !cleaned.contains(".."),
            "{text:?} -> {cleaned:?}"
        );
        let fitted = fit_branch_name("001", &text.repeat(20));
        assert!(fitted.len() <= 244 || text.repeat(20).len() + 4 <= 244);
        let _ = trim_description(&text);
        let _ = bash_printf_q(&text);
        let _ = shlex_quote(&text);
        let _ = json_string(text.as_bytes());
        let _ = super::yaml::load(&text);
        let _ = ensure_mdc_front_matter(&text);
        let _ = technical_context(&text);
        let _ = upsert(
            Some(&text),
            "<!-- SPECKIT START -->",
            "<!-- SPECKIT END -->",
            "S\n",
        );
        let _ = translate_powershell_flags(vec![text.clone()]);
    }
}

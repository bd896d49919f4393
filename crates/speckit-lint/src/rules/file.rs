//! SK0xx: problems with the file itself. Any of them makes the file `invalid`.

use speckit_doc::{Document, TextRange};

use crate::diagnostic::{Diagnostic, Severity, Verdict};
use crate::registry::{Example, Rule};

pub(crate) static UNREADABLE_FILE: Rule = Rule {
    code: "SK001",
    name: "unreadable-file",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    summary: "a file that could not be read (permissions, a directory where a file belongs, a symlink loop)",
    explanation: "speckit reports every artifact it was asked to check. When one cannot be read, \
        the feature cannot be judged ready: the file is reported as invalid with the operating \
        system's reason, and the other files are still checked.",
    example: Example {
        dialect: "speckit",
        bad: "specs/001-auth/plan.md   (a directory, or mode 000)",
        good: "specs/001-auth/plan.md   (a readable file)",
        standalone: false,
    },
};

pub(crate) static INVALID_UTF8: Rule = Rule {
    code: "SK002",
    name: "invalid-utf8",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    summary: "a file that is not valid UTF-8",
    explanation: "Spec Kit's artifacts are UTF-8 Markdown. A byte that is not UTF-8 (often a \
        Windows-1252 apostrophe, 0x92, pasted from another editor) renders as garbage and breaks \
        tools that read the file. speckit replaces it with U+FFFD so that the rest of the file \
        is still checked, and points at the first bad byte.",
    example: Example {
        dialect: "speckit",
        bad: "The user\u{FFFD}s profile   (byte 0x92 in the file)",
        good: "The user’s profile",
        standalone: false,
    },
};

pub(crate) static BINARY_FILE: Rule = Rule {
    code: "SK003",
    name: "binary-file",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    summary: "a binary file where a Markdown artifact belongs",
    explanation: "A NUL byte means the file is not text: an image or an archive saved under a \
        Markdown name. It is not parsed.",
    example: Example {
        dialect: "speckit",
        bad: "plan.md   (a PNG image renamed)",
        good: "plan.md   (Markdown text)",
        standalone: false,
    },
};

pub(crate) static FILE_TOO_LARGE: Rule = Rule {
    code: "SK004",
    name: "file-too-large",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    summary: "a file larger than the size limit, which is not read",
    explanation: "A plan or spec is a few kilobytes; a file of many megabytes is generated or \
        misplaced. speckit does not read files above the limit (`max-file-size` in \
        .specify/speckit.toml, 8 MiB by default), so that one stray file cannot slow down or \
        exhaust the check of a whole repository.",
    example: Example {
        dialect: "speckit",
        bad: "tasks.md   (50 MB of generated output)",
        good: "tasks.md   (the task list)",
        standalone: false,
    },
};

pub(crate) static UNCLOSED_BLOCK: Rule = Rule {
    code: "SK005",
    name: "unclosed-block",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    summary: "a code fence or HTML comment that is never closed and swallows the rest of the file",
    explanation: "Markdown reads everything after an unclosed ``` fence as code, and everything \
        after an unclosed `<!--` as a comment: the sections below it vanish from the rendered \
        document and from every tool that reads it. The file cannot be judged until the block \
        is closed.",
    example: Example {
        dialect: "speckit",
        bad: "```text\nsrc/\n\n## Complexity Tracking\n",
        good: "```text\nsrc/\n```\n\n## Complexity Tracking\n",
        standalone: true,
    },
};

fn diagnostic(
    rule: &'static Rule,
    range: TextRange,
    message: String,
    help: Option<String>,
) -> Diagnostic {
    Diagnostic {
        rule,
        severity: rule.severity,
        message,
        range,
        help,
        verdict: rule.verdict,
    }
}

pub(crate) fn unreadable(reason: &str) -> Diagnostic {
    diagnostic(
        &UNREADABLE_FILE,
        TextRange::empty(0),
        format!("cannot read the file: {reason}"),
        None,
    )
}

pub(crate) fn too_large(size: Option<u64>, limit: u64) -> Diagnostic {
    let what = match size {
        Some(size) => format!("the file is {size} bytes, over the {limit}-byte limit"),
        None => format!("the file holds more than the {limit}-byte limit"),
    };
    diagnostic(
        &FILE_TOO_LARGE,
        TextRange::empty(0),
        format!("{what}; it was not read"),
        Some(
            "raise `max-file-size` in .specify/speckit.toml if this file really is an artifact"
                .to_owned(),
        ),
    )
}

pub(crate) fn binary(offset: usize) -> Diagnostic {
    diagnostic(
        &BINARY_FILE,
        TextRange::empty(0),
        format!("the file is binary (NUL byte at offset {offset}), not Markdown"),
        None,
    )
}

pub(crate) fn invalid_utf8(offset: usize, byte: u8) -> Diagnostic {
    diagnostic(
        &INVALID_UTF8,
        TextRange::new(offset, offset + '\u{FFFD}'.len_utf8()),
        format!("the file is not valid UTF-8: byte 0x{byte:02X} cannot be decoded"),
        Some("re-save the file as UTF-8 (0x92 is usually a Windows-1252 apostrophe)".to_owned()),
    )
}

pub(crate) fn unclosed_blocks(document: &Document) -> Vec<Diagnostic> {
    let fences = document
        .code_blocks
        .iter()
        .filter(|block| !block.closed)
        .map(|block| {
            let line = first_line(document, block.range);
            diagnostic(
                &UNCLOSED_BLOCK,
                line,
                "code fence is never closed: the rest of the file is read as code".to_owned(),
                Some(format!(
                    "close it with a line `{}`",
                    fence_of(document.slice(line))
                )),
            )
        });
    let comments = document
        .comments
        .iter()
        .filter(|comment| !comment.closed)
        .map(|comment| {
            diagnostic(
                &UNCLOSED_BLOCK,
                TextRange::new(comment.range.start(), comment.range.start() + 4),
                "HTML comment is never closed: the rest of the file is hidden".to_owned(),
                Some("close it with `-->`".to_owned()),
            )
        });
    fences.chain(comments).collect()
}

fn first_line(document: &Document, range: TextRange) -> TextRange {
    let text = document.slice(range);
    let end = text.find(['\n', '\r']).unwrap_or(text.len());
    TextRange::new(range.start(), range.start() + end)
}

fn fence_of(opening: &str) -> String {
    let trimmed = opening.trim_start();
    let fence: String = trimmed
        .chars()
        .take_while(|&c| c == '`' || c == '~')
        .collect();
    if fence.is_empty() {
        "```".to_owned()
    } else {
        fence
    }
}

//! SK0xx: problems with the file itself. An error of any of them makes the file `invalid`.

use speckit_doc::invisible::is_invisible;
use speckit_doc::{Document, TextRange};

use crate::diagnostic::{Diagnostic, Severity, Verdict};
use crate::engine::FileProblem;
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::stage::Stage;

pub(crate) static UNREADABLE_FILE: Rule = Rule {
    code: "SK001",
    name: "unreadable-file",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    stage: Stage::Specified,
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
    not_flagged: NotFlagged {
        what: "A file that does not exist is not unreadable: a path named on the command line that \
            does not exist is an error of the run, not a finding, and a companion file the plan \
            promises is SK401's. Only Markdown artifacts are opened, so the other files of a \
            feature folder (images, scripts, YAML contracts) are never read and never reported \
            here.",
        example: "specs/001-auth/contracts/api.yaml   (mode 000: not a Markdown artifact, never opened)",
        standalone: false,
    },
};

pub(crate) static INVALID_UTF8: Rule = Rule {
    code: "SK002",
    name: "invalid-utf8",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    stage: Stage::Specified,
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
    not_flagged: NotFlagged {
        what: "Valid UTF-8 in any script is not flagged, nor is a byte order mark at the start of \
            the file, which decoding removes. Only bytes that cannot be decoded count: a U+FFFD \
            replacement character written in the file as UTF-8 is text like any other.",
        example: "The user’s profile: 利用者のプロフィール   (UTF-8, with or without a byte order mark)",
        standalone: false,
    },
};

pub(crate) static BINARY_FILE: Rule = Rule {
    code: "SK003",
    name: "binary-file",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    stage: Stage::Specified,
    summary: "a binary file where a Markdown artifact belongs",
    explanation: "A NUL byte means the file is not text: an image or an archive saved under a \
        Markdown name. It is not parsed.",
    example: Example {
        dialect: "speckit",
        bad: "plan.md   (a PNG image renamed)",
        good: "plan.md   (Markdown text)",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "A file is binary only when it holds a NUL byte: text with other control characters, \
            or with bytes that are not UTF-8 (SK002), is still read as text. Images and archives \
            kept beside the artifacts under their own names (`diagram.png`) are not artifacts and \
            are never read.",
        example: "plan.md   (Markdown that shows `![flow](diagram.png)`; diagram.png itself is not read)",
        standalone: false,
    },
};

pub(crate) static FILE_TOO_LARGE: Rule = Rule {
    code: "SK004",
    name: "file-too-large",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    stage: Stage::Specified,
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
    not_flagged: NotFlagged {
        what: "A file within the limit is read in full, however long it is, and files that are not \
            Markdown artifacts (generated JSON, images, logs) are never read, so they are never \
            too large. The limit is the configuration's: an artifact above 8 MiB is read when \
            `max-file-size` allows it.",
        example: "contracts/openapi.json   (40 MB of generated schema: not a Markdown artifact, not read)",
        standalone: false,
    },
};

pub(crate) static UNCLOSED_BLOCK: Rule = Rule {
    code: "SK005",
    name: "unclosed-block",
    severity: Severity::Error,
    verdict: Verdict::Invalid,
    stage: Stage::Specified,
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
    not_flagged: NotFlagged {
        what: "A comment that spans several lines is closed by its `-->` wherever it stands, and \
            `<!--` or a fence written inside code (a code span, or a block fenced with more \
            backticks than it) is text, not an opening.",
        example: "<!-- Reviewed with the security team\n     on 2025-03-10. -->\n\nA comment opens with `<!--` and ends with `-->`.\n",
        standalone: true,
    },
};

pub(crate) static INVISIBLE_CHARACTER: Rule = Rule {
    code: "SK006",
    name: "invisible-character",
    severity: Severity::Warning,
    verdict: Verdict::Invalid,
    stage: Stage::Specified,
    summary: "an invisible character: a zero-width space, a word joiner, a bidirectional control",
    explanation: "Format characters render as nothing, so what a reviewer reads is not what the \
        file holds. A zero-width space or a soft hyphen inside `[FEATURE]` or `NEEDS \
        CLARIFICATION` hides a placeholder or an open question from search and from other tools \
        (speckit reads through them); the bidirectional controls U+202A..U+202E and U+2066..U+2069 \
        reorder how the text around them is displayed, so that a command or a code block reads \
        differently from what it is (\"Trojan Source\"); tag characters (U+E0000..U+E007F) can \
        spell out text that only a program, such as an agent, reads. Each run of them is reported \
        once, wherever it stands, code blocks included.",
    example: Example {
        dialect: "speckit",
        bad: "**Date**: [\u{200B}DATE]\n",
        good: "**Date**: 2025-03-14\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Invisible characters that writers mean are left alone: the byte order mark that \
            starts a file (decoding removes it); a zero-width joiner or non-joiner between two \
            visible characters beyond ASCII, as in emoji sequences and in Persian, Arabic and \
            Indic words; left-to-right and right-to-left marks on a line that holds right-to-left \
            letters, where writers use them to place punctuation; tag characters in an emoji flag \
            sequence; and the Arabic and Syriac number signs, which are visible.",
        example: "**Team**: 👩\u{200D}💻 platform\n**Owner**: דנה\u{200F} (QA)\n",
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
        help,
        ..Diagnostic::new(rule, range, message)
    }
}

/// The finding a file problem of the loader is.
pub(crate) fn problem(problem: &FileProblem) -> Diagnostic {
    match problem {
        FileProblem::Unreadable(reason) => unreadable(reason),
        FileProblem::InvalidUtf8 { offset, byte } => invalid_utf8(*offset, *byte),
        FileProblem::Binary { offset } => binary(*offset),
        FileProblem::TooLarge { size, limit } => too_large(*size, *limit),
    }
}

fn unreadable(reason: &str) -> Diagnostic {
    diagnostic(
        &UNREADABLE_FILE,
        TextRange::empty(0),
        format!("cannot read the file: {reason}"),
        None,
    )
}

fn too_large(size: Option<u64>, limit: u64) -> Diagnostic {
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

fn binary(offset: usize) -> Diagnostic {
    diagnostic(
        &BINARY_FILE,
        TextRange::empty(0),
        format!("the file is binary (NUL byte at offset {offset}), not Markdown"),
        None,
    )
}

fn invalid_utf8(offset: usize, byte: u8) -> Diagnostic {
    diagnostic(
        &INVALID_UTF8,
        TextRange::new(offset, offset + '\u{FFFD}'.len_utf8()),
        format!("the file is not valid UTF-8: byte 0x{byte:02X} cannot be decoded"),
        Some("re-save the file as UTF-8 (0x92 is usually a Windows-1252 apostrophe)".to_owned()),
    )
}

/// Code fences and comments that swallow the rest of the document.
pub(crate) fn check_unclosed(cx: &mut Cx<'_>) {
    cx.out.extend(unclosed_blocks(cx.doc));
}

/// Whether a fence or a comment runs to the end of the file, swallowing what follows it: the
/// sections after it are there to its author, only not to Markdown, so none is called missing.
pub(crate) fn has_unclosed_block(document: &Document) -> bool {
    document.code_blocks.iter().any(|block| !block.closed)
        || document.comments.iter().any(|comment| !comment.closed)
}

fn unclosed_blocks(document: &Document) -> Vec<Diagnostic> {
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

/// Reports the invisible characters a careful reviewer would not accept (see
/// [`INVISIBLE_CHARACTER`]), one finding per run of adjacent ones.
pub(crate) fn check_invisible(cx: &mut Cx<'_>) {
    let text = cx.doc.text();
    if text.is_ascii() {
        return;
    }
    let mut runs: Vec<(TextRange, char, usize)> = Vec::new();
    let mut rtl_lines = RtlLines::default();
    let mut previous: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    // Whether the characters since the last black flag U+1F3F4 are all tags.
    let mut in_flag = false;
    while let Some((offset, c)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        in_flag = match c {
            '\u{1F3F4}' => true,
            '\u{E0020}'..='\u{E007F}' => in_flag,
            _ => false,
        };
        let flagged = is_invisible(c)
            && !accepted(c, previous, next, in_flag, || rtl_lines.has(cx.doc, offset));
        previous = Some(c);
        if !flagged {
            continue;
        }
        let end = offset + c.len_utf8();
        match runs.last_mut() {
            Some((range, _, count)) if range.end() == offset => {
                *range = TextRange::new(range.start(), end);
                *count += 1;
            }
            _ => runs.push((TextRange::new(offset, end), c, 1)),
        }
    }
    for (range, first, count) in runs {
        let bidi = text_slice_has_bidi(cx.doc.slice(range));
        let message = if count == 1 {
            format!("invisible character {}", describe(first))
        } else {
            format!(
                "{count} invisible characters, the first {}",
                describe(first)
            )
        };
        let help = if bidi {
            "a bidirectional control reorders how the text around it is displayed, so that it \
             reads differently from what it is: delete it"
        } else {
            "delete it: it hides what the text says from readers, from search and from other tools"
        };
        cx.report(&INVISIBLE_CHARACTER, range, message).help(help);
    }
}

/// Whether invisible `c` is one a writer means and a reviewer accepts, between `previous` and
/// `next`; `in_flag` says it continues an emoji flag's tag sequence, `rtl_line` whether its
/// line holds right-to-left letters.
fn accepted(
    c: char,
    previous: Option<char>,
    next: Option<char>,
    in_flag: bool,
    rtl_line: impl FnOnce() -> bool,
) -> bool {
    let visible_beyond_ascii = |neighbour: Option<char>| {
        neighbour.is_some_and(|n| !n.is_ascii() && !n.is_whitespace() && !is_invisible(n))
    };
    match c {
        // Joiners and the Mongolian vowel separator join letters of the scripts that need
        // them and the parts of emoji; next to ASCII or white space they join nothing.
        '\u{200C}' | '\u{200D}' | '\u{180E}' => {
            visible_beyond_ascii(previous) && visible_beyond_ascii(next)
        }
        '\u{200E}' | '\u{200F}' | '\u{061C}' => rtl_line(),
        '\u{E0020}'..='\u{E007F}' => in_flag,
        // Number signs that span the digits after them: visible, not invisible.
        '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'
        | '\u{0891}'
        | '\u{08E2}'
        | '\u{110BD}'
        | '\u{110CD}' => true,
        _ => false,
    }
}

fn text_slice_has_bidi(text: &str) -> bool {
    text.chars().any(is_bidi_control)
}

/// The embeddings, overrides and isolates of the Unicode bidirectional algorithm.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `U+200B (zero width space)`.
fn describe(c: char) -> String {
    let name = match c {
        '\u{00AD}' => "soft hyphen",
        '\u{061C}' => "Arabic letter mark",
        '\u{180E}' => "Mongolian vowel separator",
        '\u{200B}' => "zero width space",
        '\u{200C}' => "zero width non-joiner",
        '\u{200D}' => "zero width joiner",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2061}' => "function application",
        '\u{2062}' => "invisible times",
        '\u{2063}' => "invisible separator",
        '\u{2064}' => "invisible plus",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{FEFF}' => "zero width no-break space, a byte order mark inside the text",
        '\u{E0001}' | '\u{E0020}'..='\u{E007F}' => "tag",
        _ => "format character",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

/// Which lines hold right-to-left letters, found once per line when first asked.
#[derive(Default)]
struct RtlLines {
    last: Option<(usize, bool)>,
}

impl RtlLines {
    fn has(&mut self, doc: &Document, offset: usize) -> bool {
        let index = doc.line_index();
        let line = index.line_of(offset);
        if let Some((cached, has)) = self.last
            && cached == line
        {
            return has;
        }
        let has = doc
            .slice(index.line_range(doc.text(), line))
            .chars()
            .any(|c| is_rtl_letter(c) && !is_invisible(c));
        self.last = Some((line, has));
        has
    }
}

/// Letters of the scripts written right to left: Hebrew, Arabic, Syriac, Thaana, NKo,
/// Samaritan, Mandaic and their presentation forms.
fn is_rtl_letter(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFC}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}')
}

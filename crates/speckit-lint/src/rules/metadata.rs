//! SK501-SK505: front matter, dates, branch names, versions and dialect markers.

use speckit_doc::{Document, TextRange, key};

use crate::diagnostic::{FileKind, Severity, Verdict};
use crate::dialect::BuiltinDialect;
use crate::input::ProjectProfile;
use crate::rule::{Example, NotFlagged, Rule};
use crate::rules::context::Cx;
use crate::rules::template_text::EMPTY_FIELD;
use crate::stage::Stage;
use crate::version::first_version;

pub(crate) static FRONT_MATTER_INVALID: Rule = Rule {
    code: "SK501",
    name: "front-matter-invalid",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "front matter unclosed, unparsable, or missing a dialect key",
    explanation: "Tools read front matter as YAML. An unclosed block or a line that is not \
        `key: value` makes the file unreadable to them (the document is `invalid`); a key the \
        dialect requires (`gated`: feature_id, branch, created_at, generator_version, \
        constitution_version) that is absent makes it incomplete.",
    example: Example {
        dialect: "gated",
        bad: "---\nfeature_id: 001-auth\nbranch: 001-auth\n---\n# Implementation Plan: Auth\n",
        good: "---\nfeature_id: 001-auth\nbranch: 001-auth\ncreated_at: 2025-03-14\ngenerator_version: 0.4.0\nconstitution_version: 1.2.0\n---\n# Implementation Plan: Auth\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A document without front matter is not flagged, but for a `gated` plan, and the \
            keys the `gated` dialect requires are asked of its plans only. Keys beyond the \
            dialect's are not judged, nor are values indented under a key (a list, a map); a \
            required key present with no value is an empty field (SK106), not this rule.",
        example: "---\nfeature_id: 001-auth\nbranch: 001-auth\ncreated_at: 2025-03-14\ngenerator_version: 0.4.0\nconstitution_version: 1.2.0\nreviewers:\n  - ana\n  - li\n---\n# Implementation Plan: Auth\n",
        standalone: true,
    },
};

pub(crate) static DATE_INVALID: Rule = Rule {
    code: "SK502",
    name: "date-invalid",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "a date field that holds no real calendar date",
    explanation: "Dates in headers and front matter (`**Date**`, `**Created**`, `created_at`) say \
        when a document was written or last changed; a value that names no day (`TBD`, \
        `2025-10`) or a day the calendar lacks (`2025-02-30`) says nothing. ISO `YYYY-MM-DD` is \
        what the templates write and what tools sort best.",
    example: Example {
        dialect: "speckit",
        bad: "**Date**: 2025-02-30\n",
        good: "**Date**: 2025-02-28\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Only the values of date fields and front-matter keys are read: a date in prose \
            (`the 2025-02-30 deadline of the first draft`) is not checked. A value may say more \
            around its date (`2025-03-14 (revised after review)`), and a full date written the \
            way its author's language writes one (`2025年3月14日`, `March 14, 2025`, \
            `2025/03/14`) is a date. An empty value or a placeholder (`[DATE]`, `{{date}}`) is \
            another rule's finding (SK106, SK104).",
        example: "**Date**: 2025-03-14 (revised after review)\n\n**Created**: 2025年3月14日\n\nThe 2025-02-30 deadline of the first draft was a typo.\n",
        standalone: true,
    },
};

pub(crate) static BRANCH_NAME_INVALID: Rule = Rule {
    code: "SK503",
    name: "branch-name-invalid",
    severity: Severity::Warning,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "a branch that matches none of `NNN-slug`, `YYYYMMDD-HHMMSS-slug`, `feature/<issue>-slug`, `spec/<issue>-slug`",
    explanation: "Spec Kit finds a feature from its branch name: a three-or-more-digit number or a \
        timestamp, then a lowercase slug, optionally under a prefix such as `feature/`. The `epic` \
        dialect names branches after its feature IDs (`F-BILL-001-invoice`).",
    example: Example {
        dialect: "speckit",
        bad: "**Branch**: `User Auth` | **Date**: 2025-03-14\n",
        good: "**Branch**: `001-user-auth` | **Date**: 2025-03-14\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "A trunk (`main`, `master`, `develop`, `development`, `dev`, `trunk`) is not \
            flagged, nor is a branch that follows the scheme most of the project's own specs use \
            (`api-002-search` among `api-007-export`, `api-011-login`). A value that says where \
            the branch started (`001-auth (from main)`) is read for its name alone, and a value \
            still left from the template (`[###-feature-name]`) names no branch (it is SK104's).",
        example: "**Branch**: `develop` | **Date**: 2025-03-14\n",
        standalone: true,
    },
};

pub(crate) static VERSION_MISMATCH: Rule = Rule {
    code: "SK504",
    name: "version-mismatch",
    severity: Severity::Error,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "plan's constitution_version differs from the constitution's version; plan level differs from spec level",
    explanation: "A plan checked against an older constitution may pass gates that no longer \
        exist. In the `leveled` dialect the plan's level must equal the spec's, since the level \
        decides which files and sections are required.",
    example: Example {
        dialect: "gated",
        bad: "constitution_version: 1.0.0   (the constitution says **Version**: 1.2.0)",
        good: "constitution_version: 1.2.0",
        standalone: false,
    },
    not_flagged: NotFlagged {
        what: "A leading `v` is not part of the version (`v1.2.0` matches `1.2.0`), and nothing is \
            compared when either side is absent: a plan without `constitution_version`, a \
            constitution without a version, a plan or spec without a level. Only the `gated` \
            dialect records a constitution version, and only a feature known to be `leveled` \
            compares levels.",
        example: "constitution_version: v1.2.0   (the constitution says **Version**: 1.2.0)",
        standalone: false,
    },
};

pub(crate) static MARKER_MISSING: Rule = Rule {
    code: "SK505",
    name: "marker-missing",
    severity: Severity::Warning,
    verdict: Verdict::Incomplete,
    stage: Stage::Ready,
    summary: "a dialect marker absent or malformed (`SPECKIT_TEMPLATE_SOURCE`, `SPECKIT_LEVEL`)",
    explanation: "The `leveled` dialect's tools find a document's template and level from its \
        marker comments; without them the level must be guessed and the template cannot be \
        traced. A level must be 1, 2, 3 or 3+.",
    example: Example {
        dialect: "leveled",
        bad: "# Implementation Plan: Auth\n",
        good: "<!-- SPECKIT_LEVEL: 1 -->\n# Implementation Plan: Auth\n<!-- SPECKIT_TEMPLATE_SOURCE: plan | v1.0 -->\n",
        standalone: true,
    },
    not_flagged: NotFlagged {
        what: "Markers are asked for only when the feature is known to be `leveled` (chosen by the \
            flag or the configuration, named by a marker or the project's template, or recognised \
            from a plan that closely follows the leveled template). A spec needs only its `SPECKIT_TEMPLATE_SOURCE`, since its level is read \
            from its metadata as well; markers may stand anywhere in the document, and `3+` is a \
            level.",
        example: "<!-- SPECKIT_LEVEL: 3+ -->\n# Implementation Plan: Auth\n<!-- SPECKIT_TEMPLATE_SOURCE: plan | v2.1 -->\n",
        standalone: true,
    },
};

/// The front-matter keys the `gated` dialect requires.
const GATED_KEYS: &[&str] = &[
    "feature_id",
    "branch",
    "created_at",
    "generator_version",
    "constitution_version",
];

/// Labels whose values are dates.
const DATE_LABELS: &[&str] = &[
    "date",
    "created",
    "created at",
    "created_at",
    "last updated",
    "updated",
    "ratified",
    "last amended",
];

/// Labels whose values are branch names.
const BRANCH_LABELS: &[&str] = &["branch", "feature branch"];

pub(crate) fn check(cx: &mut Cx<'_>) {
    check_front_matter(cx);
    check_dates(cx);
    check_branches(cx);
    match cx.feature.dialect.builtin {
        Some(BuiltinDialect::Gated) => {
            check_gated_keys(cx);
            check_constitution_version(cx);
        }
        Some(BuiltinDialect::Leveled) if cx.feature.dialect.certain => check_levels(cx),
        _ => {}
    }
}

/// Front matter that tools cannot read.
pub(crate) fn check_front_matter(cx: &mut Cx<'_>) {
    let Some(front) = cx.doc.front_matter.as_ref() else {
        return;
    };
    if !front.closed {
        cx.report(
            &FRONT_MATTER_INVALID,
            front.range,
            "front matter is never closed",
        )
        .help("end it with a line `---`")
        .verdict(Verdict::Invalid);
        return;
    }
    for &line in &front.unparsable_lines {
        let text = crate::rules::template_text::shorten(cx.doc.slice(line));
        cx.report(
            &FRONT_MATTER_INVALID,
            line,
            format!("front matter line `{text}` is not `key: value`"),
        )
        .help("write it as `key: value`, or indent it under the key it belongs to")
        .verdict(Verdict::Invalid);
    }
}

fn check_gated_keys(cx: &mut Cx<'_>) {
    if cx.file.kind != FileKind::Plan {
        return;
    }
    let doc = cx.doc;
    let Some(front) = doc.front_matter.as_ref() else {
        cx.report(
            &FRONT_MATTER_INVALID,
            TextRange::empty(0),
            "front matter is missing",
        )
        .help(format!(
            "start the file with a `---` block holding {}",
            GATED_KEYS.join(", ")
        ));
        return;
    };
    let missing: Vec<&str> = GATED_KEYS
        .iter()
        .copied()
        .filter(|wanted| {
            !front
                .entries
                .iter()
                .any(|entry| doc.slice(entry.key) == *wanted)
        })
        .collect();
    if !missing.is_empty() {
        cx.report(&FRONT_MATTER_INVALID, front.range, format!("front matter lacks {}", missing.join(", ")))
            .help("the gated dialect requires feature_id, branch, created_at, generator_version and constitution_version");
    }
    let empty: Vec<TextRange> = front
        .entries
        .iter()
        .filter(|entry| GATED_KEYS.contains(&doc.slice(entry.key)) && entry.value.is_empty())
        .map(|entry| entry.line)
        .collect();
    for line in empty {
        let text = doc.slice(line).trim_end_matches(':').to_owned();
        cx.report(
            &EMPTY_FIELD,
            line,
            format!("front matter key `{text}` has no value"),
        );
    }
}

fn check_constitution_version(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let Some(expected) = cx.feature.input.project.constitution_version.clone() else {
        return;
    };
    let Some(entry) = doc.front_matter.as_ref().and_then(|front| {
        front
            .entries
            .iter()
            .find(|entry| doc.slice(entry.key) == "constitution_version")
    }) else {
        return;
    };
    let value = doc.slice(entry.value).trim();
    let Some(version) = first_version(value) else {
        return;
    };
    if version != expected {
        cx.report(
            &VERSION_MISMATCH,
            entry.value,
            format!(
                "this {} names constitution {version}, but the constitution is at {expected}",
                cx.file.kind
            ),
        )
        .help("re-run the Constitution Check against the current constitution and update constitution_version");
    }
}

fn check_levels(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let names: Vec<&str> = doc.markers.iter().map(|m| doc.slice(m.name)).collect();
    let range = cx.title_range();
    // Plans declare their level; specs name their template (the level is read from the spec's
    // metadata table as well).
    let wanted: &[&str] = if cx.file.kind == FileKind::Plan {
        &["SPECKIT_LEVEL", "SPECKIT_TEMPLATE_SOURCE"]
    } else {
        &["SPECKIT_TEMPLATE_SOURCE"]
    };
    for &wanted in wanted {
        if !names.contains(&wanted) {
            cx.report(
                &MARKER_MISSING,
                range,
                format!("marker `<!-- {wanted}: ... -->` is missing"),
            )
            .help("the leveled dialect's templates carry it; keep it in the document");
        }
    }
    let level_marker = doc
        .markers
        .iter()
        .find(|m| doc.slice(m.name) == "SPECKIT_LEVEL")
        .copied();
    if let Some(marker) = level_marker {
        let value = doc.slice(marker.value);
        if !matches!(value, "1" | "2" | "3" | "3+") {
            cx.report(
                &MARKER_MISSING,
                marker.range,
                format!("level `{value}` is not 1, 2, 3 or 3+"),
            );
        }
    }
    if cx.file.kind != FileKind::Plan {
        return;
    }
    let plan_level = level_of(doc);
    let spec_level = cx.feature.document(FileKind::Spec).and_then(level_of);
    if let (Some(plan), Some(spec)) = (plan_level, spec_level)
        && plan != spec
    {
        let range = level_marker.map_or(range, |m| m.range);
        cx.report(
            &VERSION_MISMATCH,
            range,
            format!("the plan is level {plan} but its spec is level {spec}"),
        )
        .help("use the same level for spec and plan: the level decides which files are required");
    }
}

fn check_dates(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let values = labelled_values(doc, DATE_LABELS, &["created_at", "date", "updated_at"]);
    for range in values {
        let value = clean(doc.slice(range));
        if value.is_empty() || value.starts_with('[') || value.starts_with("{{") {
            continue;
        }
        let problem = match find_date(&value) {
            Some((_, [year, month, day])) if is_real_day(year, month, day) => None,
            Some((date, _)) => Some(format!("`{date}` is not a real date")),
            None => Some(format!(
                "`{}` names no unambiguous calendar day",
                crate::rules::template_text::shorten(&value)
            )),
        };
        if let Some(message) = problem {
            cx.report(&DATE_INVALID, range, message)
                .help("write the date as YYYY-MM-DD");
        }
    }
}

fn check_branches(cx: &mut Cx<'_>) {
    let doc = cx.doc;
    let dialect = cx.feature.dialect.builtin;
    let scheme = cx.feature.input.project.branch_scheme.as_deref();
    for (range, name) in branches(doc) {
        let own_scheme = scheme.is_some_and(|scheme| branch_shape(&name) == scheme);
        if !own_scheme && !is_valid_branch(&name, dialect) {
            cx.report(
                &BRANCH_NAME_INVALID,
                range,
                format!("branch `{name}` does not follow a feature naming scheme"),
            )
            .help("use NNN-slug (001-user-auth), YYYYMMDD-HHMMSS-slug, or feature/<issue>-slug");
        }
    }
}

/// The branches a document names in its branch fields, with the range of each field's value.
/// `001-x (from main)` names the branch 001-x; a value still left from the template
/// (`[###-feature-name]`) names none.
pub(crate) fn branches(doc: &Document) -> Vec<(TextRange, String)> {
    labelled_values(doc, BRANCH_LABELS, &["branch"])
        .into_iter()
        .filter_map(|range| {
            let value = clean(doc.slice(range));
            let name = match value.split_once(" (") {
                Some((name, _)) => name,
                None => value.as_str(),
            }
            .trim()
            .trim_matches('`');
            (!name.is_empty() && !name.starts_with(['[', '<', '{']))
                .then(|| (range, name.to_owned()))
        })
        .collect()
}

/// The scheme a branch name follows, with its words and numbers abstracted: a run of digits
/// is `9`, of capitals `A`, of other letters `a`, and a part repeated (the words of a slug)
/// counts once: `api-002-search-backend` and `api-014-export` are both `a-9-a`.
pub(crate) fn branch_shape(name: &str) -> String {
    // Each part is the separators before a run and the run's class: `-9`, `/a`.
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut run: Option<char> = None;
    for c in name.chars() {
        let class = if c.is_ascii_digit() {
            '9'
        } else if c.is_uppercase() {
            'A'
        } else if c.is_alphabetic() {
            'a'
        } else {
            if run.take().is_some() {
                parts.push(std::mem::take(&mut current));
            }
            current.push(c);
            continue;
        };
        match run {
            // Letters of both cases are one word (`Login`); digits after letters start a part.
            Some(previous) if (previous == '9') == (class == '9') => {
                if previous != class {
                    current.pop();
                    current.push('a');
                    run = Some('a');
                }
            }
            Some(_) => {
                parts.push(std::mem::take(&mut current));
                current.push(class);
                run = Some(class);
            }
            None => {
                current.push(class);
                run = Some(class);
            }
        }
    }
    parts.push(current);
    parts.dedup();
    parts.concat()
}

/// The values of fields whose label (by key) is one of `labels`, and of front-matter entries
/// whose key is one of `keys`.
fn labelled_values(doc: &Document, labels: &[&str], keys: &[&str]) -> Vec<TextRange> {
    let fields = doc
        .fields
        .iter()
        // Every label wanted is a word or two: longer labels need not be normalised to know.
        .filter(|field| {
            field.label.len() <= 40 && labels.contains(&key::key(doc.slice(field.label)).as_str())
        })
        .map(|field| field.value);
    let entries = doc
        .front_matter
        .iter()
        .flat_map(|front| front.entries.iter())
        .filter(|entry| keys.contains(&doc.slice(entry.key)))
        .map(|entry| entry.value);
    fields.chain(entries).collect()
}

/// Whether `name` is a feature branch: `NNN-slug`, `YYYYMMDD-HHMMSS-slug`, optionally under a
/// prefix (`feature/`, `spec/`, `user/`); in the `epic` dialect also `F-ID-001-slug`; in the
/// `classic` dialect also `feature/<slug>`, from which its scripts find the feature folder.
pub(crate) fn is_valid_branch(name: &str, dialect: Option<BuiltinDialect>) -> bool {
    let last = name.rsplit('/').next().unwrap_or(name);
    let prefix = name.rsplit_once('/').map(|(prefix, _)| prefix);
    let prefix_ok = prefix.is_none_or(|prefix| {
        prefix.split('/').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
    });
    let classic_slug = dialect == Some(BuiltinDialect::Classic)
        && prefix == Some("feature")
        && is_slug_tail(&format!("-{last}"));
    let epic_id = dialect == Some(BuiltinDialect::Epic) && epic_feature(last);
    TRUNKS.contains(&name) || (prefix_ok && (numbered(last) || classic_slug || epic_id))
}

/// The long-lived branches a project may do its work on directly.
const TRUNKS: &[&str] = &["main", "master", "develop", "development", "dev", "trunk"];

/// `001-slug`, `20250101-120000-slug`, `12-slug` under an issue prefix.
fn numbered(name: &str) -> bool {
    let digits = name.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &name[digits..];
    let after_number = if digits == 8
        && rest.starts_with('-')
        && rest[1..].bytes().take_while(u8::is_ascii_digit).count() == 6
    {
        &rest[7..]
    } else {
        rest
    };
    digits >= 1 && is_slug_tail(after_number)
}

/// `-slug` in lowercase letters, digits, dots and dashes.
fn is_slug_tail(rest: &str) -> bool {
    rest.strip_prefix('-').is_some_and(|slug| {
        !slug.is_empty()
            && slug.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_')
            })
    })
}

/// `F-AVATAR-001-diary`, `EPIC-API-002`: upper-case ID segments, a number, an optional slug.
fn epic_feature(name: &str) -> bool {
    let mut parts = name.split('-').peekable();
    let mut saw_upper = false;
    while let Some(part) = parts.peek() {
        if part
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && part.chars().any(|c| c.is_ascii_uppercase())
        {
            saw_upper = true;
            parts.next();
        } else {
            break;
        }
    }
    let Some(number) = parts.next() else {
        return false;
    };
    saw_upper
        && !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && parts.all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// The first full date in `text`, as written and as year, month and day: ISO `2025-03-14`
/// first, else the other unambiguous forms authors write (`2025/03/14`, `2025.3.14`,
/// `2025年3月14日`, `March 14, 2025`, `14 March 2025`).
fn find_date(text: &str) -> Option<(&str, [u32; 3])> {
    find_iso_date(text)
        .and_then(|date| Some((date, ymd(date.split('-'))?)))
        .or_else(|| find_numeric_date(text))
        .or_else(|| find_named_month_date(text))
}

/// The first `YYYY-MM-DD` in `text`.
fn find_iso_date(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(9)).find_map(|start| {
        let candidate = text.get(start..start + 10)?;
        let shape = candidate.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
        let bounded = start == 0 || !bytes[start - 1].is_ascii_digit();
        (shape && bounded).then_some(candidate)
    })
}

fn ymd<'a>(mut parts: impl Iterator<Item = &'a str>) -> Option<[u32; 3]> {
    let mut number = || parts.next()?.parse::<u32>().ok();
    Some([number()?, number()?, number()?])
}

/// `2025/03/14`, `2025.3.14` or `2025年3月14日`: a four-digit year first, then month and day.
fn find_numeric_date(text: &str) -> Option<(&str, [u32; 3])> {
    let digits = |from: usize, most: usize| {
        let run = text[from..]
            .bytes()
            .take(most)
            .take_while(u8::is_ascii_digit)
            .count();
        (run > 0).then(|| (text[from..from + run].parse::<u32>().ok(), from + run))
    };
    text.char_indices().find_map(|(start, c)| {
        if !c.is_ascii_digit() || text[..start].ends_with(|p: char| p.is_ascii_digit()) {
            return None;
        }
        let (Some(year), after_year) = digits(start, 4)? else {
            return None;
        };
        if after_year - start != 4 {
            return None;
        }
        let (first, second, last) = match text[after_year..].chars().next()? {
            '/' => ("/", "/", ""),
            '.' => (".", ".", ""),
            '年' => ("年", "月", "日"),
            _ => return None,
        };
        let (Some(month), after_month) = digits(after_year + first.len(), 2)? else {
            return None;
        };
        if !text[after_month..].starts_with(second) {
            return None;
        }
        let (Some(day), mut end) = digits(after_month + second.len(), 2)? else {
            return None;
        };
        if text[end..].starts_with(|p: char| p.is_ascii_digit()) {
            return None;
        }
        if !last.is_empty() && text[end..].starts_with(last) {
            end += last.len();
        }
        Some((&text[start..end], [year, month, day]))
    })
}

/// `March 14, 2025`, `Mar 14 2025` or `14 March 2025`, with English month names.
fn find_named_month_date(text: &str) -> Option<(&str, [u32; 3])> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<(usize, &str)> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| {
            (
                w.as_ptr() as usize - text.as_ptr() as usize,
                w.trim_end_matches('.'),
            )
        })
        .collect();
    let month_of = |word: &str| {
        let lower = word.to_ascii_lowercase();
        let prefix = lower.get(..3)?;
        let index = MONTHS.iter().position(|m| *m == prefix)?;
        let full = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ][index];
        (lower.len() == 3 || full.starts_with(&lower) || lower == "sept")
            .then(|| u32::try_from(index + 1).ok())
            .flatten()
    };
    let day_of = |word: &str| {
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (digits.len() <= 2)
            .then(|| digits.parse::<u32>().ok())
            .flatten()
    };
    let year_of = |word: &str| {
        (word.len() == 4)
            .then(|| word.parse::<u32>().ok())
            .flatten()
    };
    words.windows(3).find_map(|window| {
        let [(start, a), (_, b), (end, c)] = window else {
            return None;
        };
        let date = match (month_of(a), day_of(a)) {
            (Some(month), _) => [year_of(c)?, month, day_of(b)?],
            (None, Some(day)) => [year_of(c)?, month_of(b)?, day],
            (None, None) => return None,
        };
        Some((&text[*start..*end + c.len()], date))
    })
}

/// Whether a year, month and day name a day on the Gregorian calendar.
fn is_real_day(year: u32, month: u32, day: u32) -> bool {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A document's level: its `SPECKIT_LEVEL` marker, a `Level` table row or field, or a `level:`
/// front-matter key.
pub(crate) fn level_of(doc: &Document) -> Option<String> {
    let marker = doc
        .markers
        .iter()
        .find(|m| doc.slice(m.name) == "SPECKIT_LEVEL")
        .map(|m| clean(doc.slice(m.value)));
    let field = || {
        doc.fields
            .iter()
            .find(|f| key::key(doc.slice(f.label)) == "level")
            .map(|f| clean(doc.slice(f.value)))
    };
    let row = || {
        doc.tables
            .iter()
            .flat_map(|t| t.rows.iter())
            .find_map(|row| {
                let cells: Vec<&str> = row.cells.iter().map(|&c| doc.slice(c)).collect();
                (cells.len() >= 2 && key::key(cells[0]) == "level").then(|| clean(cells[1]))
            })
    };
    let front = || {
        doc.front_matter.as_ref().and_then(|front| {
            front
                .entries
                .iter()
                .find(|e| doc.slice(e.key) == "level")
                .map(|e| clean(doc.slice(e.value)))
        })
    };
    marker
        .or_else(field)
        .or_else(row)
        .or_else(front)
        .map(|level| level.split_whitespace().next().unwrap_or("").to_owned())
}

/// Value text without emphasis and code marks.
fn clean(text: &str) -> String {
    text.trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c == '`')
        .trim()
        .to_owned()
}

// The profile learns the project's branch scheme here, next to the grammar of branch fields it
// reads, so that the engine below the rules needs none of them.
impl ProjectProfile {
    /// Learns the project's branch scheme from its specs (their bytes): the scheme of more
    /// than half of the branches they name, when at least three do.
    #[must_use]
    pub fn with_specs(mut self, specs: impl IntoIterator<Item = Vec<u8>>) -> Self {
        let mut shapes: Vec<String> = specs
            .into_iter()
            .flat_map(|bytes| {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                branches(&Document::parse(text))
                    .into_iter()
                    .map(|(_, name)| branch_shape(&name))
                    .collect::<Vec<_>>()
            })
            .collect();
        let total = shapes.len();
        shapes.sort();
        let mut best: Option<(usize, &String)> = None;
        for group in shapes.chunk_by(|a, b| a == b) {
            if let Some(first) = group.first()
                && best.is_none_or(|(count, _)| group.len() > count)
            {
                best = Some((group.len(), first));
            }
        }
        self.branch_scheme = best
            .filter(|&(count, _)| total >= 3 && count * 2 > total)
            .map(|(_, shape)| shape.clone());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(branch: &str) -> Vec<u8> {
        format!("# Feature Specification: X\n\n**Feature Branch**: `{branch}`\n").into_bytes()
    }

    #[test]
    fn the_branch_scheme_is_the_one_most_specs_follow() {
        let profile = ProjectProfile::default().with_specs([
            spec("api-002-search"),
            spec("api-007-export-all"),
            spec("web-011-login"),
            spec("Goals page"),
        ]);
        assert_eq!(profile.branch_scheme.as_deref(), Some("a-9-a"));
        // Two specs are too few to speak for a project; no scheme has a majority here.
        let few = ProjectProfile::default().with_specs([spec("api-002-search"), spec("x-1-y")]);
        assert_eq!(few.branch_scheme, None);
        let split = ProjectProfile::default().with_specs([
            spec("api-002-search"),
            spec("feat/login"),
            spec("Goals page"),
        ]);
        assert_eq!(split.branch_scheme, None);
    }

    #[test]
    fn branches() {
        let speckit = Some(BuiltinDialect::Speckit);
        for good in [
            "001-user-auth",
            "1000-x",
            "20250101-120000-login",
            "feature/123-login",
            "spec/7-overview",
            "user/002-x",
        ] {
            assert!(is_valid_branch(good, speckit), "{good}");
        }
        for trunk in ["main", "master", "develop"] {
            assert!(is_valid_branch(trunk, speckit), "{trunk}");
        }
        for bad in ["User Auth", "001_user", "feature/login", "001-"] {
            assert!(!is_valid_branch(bad, speckit), "{bad}");
        }
        assert!(is_valid_branch(
            "F-AVATAR-001-diary-minirag",
            Some(BuiltinDialect::Epic)
        ));
        assert!(!is_valid_branch("F-AVATAR-001-diary-minirag", speckit));
        assert!(is_valid_branch(
            "feature/spaced-review",
            Some(BuiltinDialect::Classic)
        ));
        assert!(!is_valid_branch(
            "feature/spaced-review",
            Some(BuiltinDialect::Ssd)
        ));
    }

    #[test]
    fn branch_shapes_abstract_words_and_numbers() {
        assert_eq!(branch_shape("api-002-search-backend"), "a-9-a");
        assert_eq!(branch_shape("api-014-export"), "a-9-a");
        assert_eq!(branch_shape("F-AVATAR-001-diary-minirag"), "A-A-9-a");
        assert_eq!(branch_shape("feat/ABC-12-login"), "a/A-9-a");
        assert_eq!(branch_shape("Login-page"), "a-a");
        assert_eq!(branch_shape("mfaV2"), "a9");
    }

    #[test]
    fn dates() {
        assert!(is_real_day(2024, 2, 29));
        assert!(!is_real_day(2025, 2, 29));
        assert!(!is_real_day(2025, 13, 1));
        assert_eq!(
            find_date("2025-03-14 (revised)"),
            Some(("2025-03-14", [2025, 3, 14]))
        );
        assert_eq!(find_date("2025-02-30"), Some(("2025-02-30", [2025, 2, 30])));
        assert_eq!(
            find_date("2025年10月28日 星期二"),
            Some(("2025年10月28日", [2025, 10, 28]))
        );
        assert_eq!(find_date("2025/3/14"), Some(("2025/3/14", [2025, 3, 14])));
        assert_eq!(
            find_date("on 2025.03.14."),
            Some(("2025.03.14", [2025, 3, 14]))
        );
        assert_eq!(
            find_date("March 14, 2025"),
            Some(("March 14, 2025", [2025, 3, 14]))
        );
        assert_eq!(
            find_date("14 Sept 2025"),
            Some(("14 Sept 2025", [2025, 9, 14]))
        );
        assert_eq!(
            find_date("Feb 30, 2025"),
            Some(("Feb 30, 2025", [2025, 2, 30]))
        );
        assert_eq!(find_date("March 14"), None);
        assert_eq!(find_date("2025-10"), None);
        assert_eq!(find_date("12025/1/1"), None);
        assert_eq!(find_date("Q3 2025"), None);
        assert_eq!(find_date("Mars 14, 2025"), None);
    }
}

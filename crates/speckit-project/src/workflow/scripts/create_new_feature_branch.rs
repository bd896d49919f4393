//! `create-new-feature-branch` (the git extension): creates and switches to the feature's git
//! branch. Never writes `specs/` or `feature.json`.

use crate::path_text::join;
use std::io;
use std::path::Path;

use crate::read;

use super::create_new_feature::{Parsed, description_of, parse_feature_args};
use super::{Invocation, Streams, line};
use crate::path_text::{basename, dirname};
use crate::workflow::env::Env;
use crate::workflow::feature::local_timestamp;
use crate::workflow::fsutil::{glob_names, is_dir};
use crate::workflow::git;
use crate::workflow::naming::{
    Charset, MAX_BRANCH_BYTES, bash_decimal, clean_branch_name, derive_short_name,
    highest_branch_number, sequential_prefix,
};
use crate::workflow::root::{ScriptLocation, repo_root};
use crate::workflow::text::{JsonObject, bash_printf_q, format_03d, posix_is_space};

fn help(out: &mut dyn io::Write, argv0: &str) -> io::Result<()> {
    let text = format!(
        "Usage: {argv0} [--json] [--dry-run] [--allow-existing-branch] [--short-name <name>] [--number N] [--timestamp] <feature_description>

Options:
  --json              Output in JSON format
  --dry-run           Compute branch name without creating the branch
  --allow-existing-branch  Switch to branch if it already exists instead of failing
  --short-name <name> Provide a custom short name (2-4 words) for the branch
  --number N          Specify branch number manually (overrides auto-detection)
  --timestamp         Use timestamp prefix (YYYYMMDD-HHMMSS) instead of sequential numbering
  --help, -h          Show this help message

Environment variables:
  GIT_BRANCH_NAME     Use this exact branch name, bypassing all prefix/suffix generation

Configuration:
  branch_template     Optional git-config.yml template with {{author}}, {{app}}, {{number}}, {{slug}}
  branch_prefix       Optional shorthand namespace expanded before {{number}}-{{slug}}

Examples:
  {argv0} 'Add user authentication system' --short-name 'user-auth'
  {argv0} 'Implement OAuth2 integration for API' --number 5
  {argv0} --timestamp --short-name 'user-auth' 'Add user authentication'
  GIT_BRANCH_NAME=my-branch {argv0} 'feature description'
"
    );
    out.write_all(text.as_bytes())
}

/// Reads `key:` from `git-config.yml` line by line, as the extension does (no YAML parser):
/// the first matching line, comments after whitespace removed, surrounding quotes dropped.
#[must_use]
pub(super) fn read_config_value(text: &str, key: &str) -> String {
    let Some(raw) = text.lines().find_map(|line| {
        let rest = line.trim_start_matches(posix_is_space);
        rest.strip_prefix(key)?.strip_prefix(':')
    }) else {
        return String::new();
    };
    let mut value = raw.trim_start_matches(posix_is_space).to_owned();
    let chars: Vec<(usize, char)> = value.char_indices().collect();
    let mut cut = None;
    for (index, &(at, c)) in chars.iter().enumerate() {
        if !posix_is_space(c) {
            continue;
        }
        let after_run = chars[index..].iter().find(|(_, ch)| !posix_is_space(*ch));
        if matches!(after_run, Some((_, '#'))) {
            cut = Some(at);
            break;
        }
    }
    if let Some(at) = cut {
        value.truncate(at);
    }
    let value = value.trim_matches(posix_is_space);
    let value = value.strip_prefix('"').unwrap_or(value);
    let value = value.strip_suffix('"').unwrap_or(value);
    let value = value.strip_prefix('\'').unwrap_or(value);
    let value = value.strip_suffix('\'').unwrap_or(value);
    value.to_owned()
}

/// The branch template from `git-config.yml`: `branch_template`, else `branch_prefix` expanded
/// to `<prefix>/{number}-{slug}`, else empty (plain `NNN-slug`).
#[must_use]
pub(super) fn branch_template(config_text: &str) -> String {
    let template = read_config_value(config_text, "branch_template");
    if !template.is_empty() {
        return template;
    }
    let prefix = read_config_value(config_text, "branch_prefix");
    if prefix.is_empty() {
        return String::new();
    }
    if prefix.ends_with('/') {
        format!("{prefix}{{number}}-{{slug}}")
    } else {
        format!("{prefix}/{{number}}-{{slug}}")
    }
}

/// Checks a branch template; the error message when it is unusable.
pub(super) fn validate_template(template: &str) -> Result<(), &'static str> {
    if template.is_empty() {
        return Ok(());
    }
    let Some(first_number) = template.find("{number}") else {
        return Err(
            "Error: branch_template must include the {number} token so generated branches remain valid feature branches.",
        );
    };
    let last_number = template.rfind("{number}").unwrap_or(first_number);
    if template
        .find("{slug}")
        .is_some_and(|slug| slug < last_number)
    {
        return Err(
            "Error: branch_template must not place {slug} before {number}; use {slug} only in the final feature segment.",
        );
    }
    let segment = template.rsplit('/').next().unwrap_or(template);
    if !segment.starts_with("{number}-") {
        return Err(
            "Error: branch_template must put {number}- at the start of the final path segment so generated branches remain valid feature branches.",
        );
    }
    Ok(())
}

/// Token values for a branch template.
struct Tokens {
    author: String,
    app: String,
}

fn render(template: &str, tokens: &Tokens, number: &str, slug: &str) -> String {
    template
        .replace("{author}", &tokens.author)
        .replace("{app}", &tokens.app)
        .replace("{number}", number)
        .replace("{slug}", slug)
}

fn build_name(template: &str, tokens: &Tokens, number: &str, slug: &str) -> String {
    if template.is_empty() {
        format!("{number}-{slug}")
    } else {
        render(template, tokens, number, slug)
    }
}

fn token_or(value: &str, fallback: &str) -> String {
    let cleaned = clean_branch_name(value, Charset::Ascii);
    if cleaned.is_empty() {
        fallback.to_owned()
    } else {
        cleaned
    }
}

fn author_token(root: &str, env: &Env) -> String {
    let author = git::config(root, "user.name")
        .filter(|v| !v.is_empty())
        .or_else(|| {
            git::config(root, "user.email")
                .map(|email| email.split('@').next().unwrap_or("").to_owned())
                .filter(|v| !v.is_empty())
        })
        .unwrap_or_else(|| env.var("USER").unwrap_or("unknown").to_owned());
    token_or(&author, "unknown")
}

/// The number part of an exact branch name: a leading `YYYYMMDD-HHMMSS-` or `NNN-` of its last
/// segment, else the whole name.
#[must_use]
pub(super) fn feature_num_of(branch: &str) -> String {
    let segment = branch.rsplit('/').next().unwrap_or(branch);
    if crate::workflow::naming::is_timestamp_name(segment) {
        return segment[..15].to_owned();
    }
    let digits = segment.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && segment[digits..].starts_with('-') {
        return segment[..digits].to_owned();
    }
    branch.to_owned()
}

/// The highest number among spec folders, wrapping like bash arithmetic.
fn highest_spec_number(specs_dir: &str) -> i64 {
    glob_names(Path::new(specs_dir))
        .iter()
        .filter(|name| is_dir(join(specs_dir, name)))
        .filter_map(|name| sequential_prefix(name))
        .map(bash_decimal)
        .fold(0, i64::max)
}

/// The project root the extension uses as a last resort: the nearest folder above the script
/// with `.specify/` or `.git`.
fn extension_fallback(location: &ScriptLocation) -> ScriptLocation {
    let Some(mut dir) = location.dir.clone() else {
        return ScriptLocation::default();
    };
    while dir != "/" {
        if is_dir(join(&dir, ".specify")) || std::fs::symlink_metadata(join(&dir, ".git")).is_ok() {
            // The core resolver's fallback is `<common.sh dir>/../../..`, the project itself.
            return ScriptLocation {
                dir: Some(join(&dir, ".specify/scripts/bash")),
            };
        }
        dir = dirname(&dir);
    }
    location.clone()
}

#[allow(
    clippy::too_many_lines,
    reason = "one linear script, step by step like the original"
)]
pub(super) fn run(inv: &Invocation<'_>, s: &mut Streams<'_>) -> io::Result<u8> {
    let args = match parse_feature_args(&inv.args, true) {
        Parsed::Run(args) => args,
        Parsed::Help => {
            help(s.out, &inv.argv0)?;
            return Ok(0);
        }
        Parsed::Error(message) => {
            line(s.err, message)?;
            return Ok(1);
        }
    };
    let description = match description_of(&args, &inv.argv0, s.err)? {
        Ok(description) => description,
        Err(code) => return Ok(code),
    };
    let root = match repo_root(inv.env, &extension_fallback(&inv.location)) {
        Ok(root) => root,
        Err(error) => {
            line(s.err, error.to_string())?;
            return Ok(1);
        }
    };
    let has_git = git::has_git(&root);
    let specs_dir = join(&root, "specs");
    let config_path = join(&root, ".specify/extensions/git/git-config.yml");
    let config_text =
        read::read_text_bounded(Path::new(&config_path), read::CONFIG_LIMIT).unwrap_or_default();
    let template = branch_template(&config_text);
    if let Err(message) = validate_template(&template) {
        line(s.err, message)?;
        return Ok(1);
    }
    let tokens = Tokens {
        author: if template.contains("{author}") {
            author_token(&root, inv.env)
        } else {
            String::new()
        },
        app: token_or(&basename(&root), "app"),
    };
    let exact = inv.env.var("GIT_BRANCH_NAME");
    let (mut branch_name, feature_num, suffix) = if let Some(name) = exact {
        (name.to_owned(), feature_num_of(name), name.to_owned())
    } else {
        let suffix = if args.short_name.is_empty() {
            derive_short_name(&description, Charset::Ascii)
        } else {
            clean_branch_name(&args.short_name, Charset::Ascii)
        };
        let mut number = args.number.clone();
        if args.timestamp && !number.is_empty() {
            line(
                s.err,
                "[specify] Warning: --number is ignored when --timestamp is used",
            )?;
            number.clear();
        }
        let feature_num = if args.timestamp {
            local_timestamp()
        } else {
            let scope = if let Some(at) = template.find("{number}") {
                render(&template[..at], &tokens, "", &suffix)
            } else {
                String::new()
            };
            let value = if number.is_empty() {
                let highest_specs = highest_spec_number(&specs_dir);
                let highest_branches = if has_git {
                    if !args.dry_run {
                        git::fetch_all(&root);
                    }
                    let local = git::all_branch_names(&root);
                    let mut highest =
                        highest_branch_number(local.iter().map(String::as_str), &scope);
                    if args.dry_run {
                        for heads in git::remote_head_names(&root) {
                            highest = highest.max(highest_branch_number(
                                heads.iter().map(String::as_str),
                                &scope,
                            ));
                        }
                    }
                    highest
                } else {
                    0
                };
                highest_specs.max(highest_branches).wrapping_add(1)
            } else {
                bash_decimal(&number)
            };
            format_03d(value)
        };
        let name = build_name(&template, &tokens, &feature_num, &suffix);
        (name, feature_num, suffix)
    };
    if branch_name.len() > MAX_BRANCH_BYTES {
        if exact.is_some() {
            line(
                s.err,
                format!(
                    "Error: GIT_BRANCH_NAME must be 244 bytes or fewer in UTF-8. Provided value is {} bytes.",
                    branch_name.len()
                ),
            )?;
            return Ok(1);
        }
        let original = branch_name.clone();
        let mut truncated = suffix;
        while branch_name.len() > MAX_BRANCH_BYTES && !truncated.is_empty() {
            truncated.pop();
            if truncated.ends_with('-') {
                truncated.pop();
            }
            branch_name = build_name(&template, &tokens, &feature_num, &truncated);
        }
        if branch_name.len() > MAX_BRANCH_BYTES {
            line(
                s.err,
                "Error: Branch template prefix exceeds GitHub's 244-byte branch name limit.",
            )?;
            return Ok(1);
        }
        line(
            s.err,
            "[specify] Warning: Branch name exceeded GitHub's 244-byte limit",
        )?;
        line(
            s.err,
            format!("[specify] Original: {original} ({} bytes)", original.len()),
        )?;
        line(
            s.err,
            format!(
                "[specify] Truncated to: {branch_name} ({} bytes)",
                branch_name.len()
            ),
        )?;
    }
    if !args.dry_run {
        if has_git {
            if let Err(create_error) = git::create_and_switch(&root, &branch_name) {
                let current = git::current_branch(&root);
                if git::local_branch_exists(&root, &branch_name) {
                    if args.allow_existing {
                        if current != branch_name
                            && let Err(switch_error) = git::switch(&root, &branch_name)
                        {
                            line(
                                s.err,
                                format!(
                                    "Error: Failed to switch to existing branch '{branch_name}'. Please resolve any local changes or conflicts and try again."
                                ),
                            )?;
                            if !switch_error.is_empty() {
                                line(s.err, switch_error)?;
                            }
                            return Ok(1);
                        }
                    } else if args.timestamp {
                        line(
                            s.err,
                            format!(
                                "Error: Branch '{branch_name}' already exists. Rerun to get a new timestamp or use a different --short-name."
                            ),
                        )?;
                        return Ok(1);
                    } else {
                        line(
                            s.err,
                            format!(
                                "Error: Branch '{branch_name}' already exists. Please use a different feature name or specify a different number with --number."
                            ),
                        )?;
                        return Ok(1);
                    }
                } else {
                    line(
                        s.err,
                        format!("Error: Failed to create git branch '{branch_name}'."),
                    )?;
                    if create_error.is_empty() {
                        line(s.err, "Please check your git configuration and try again.")?;
                    } else {
                        line(s.err, create_error)?;
                    }
                    return Ok(1);
                }
            }
        } else {
            line(
                s.err,
                format!(
                    "[specify] Warning: Git repository not detected; skipped branch creation for {branch_name}"
                ),
            )?;
        }
        line(
            s.err,
            format!(
                "# To persist: export SPECIFY_FEATURE={}",
                bash_printf_q(&branch_name)
            ),
        )?;
    }
    if args.json {
        let mut object = JsonObject::new()
            .string("BRANCH_NAME", &branch_name)
            .string("FEATURE_NUM", &feature_num);
        if args.dry_run {
            object = object.flag("DRY_RUN");
        }
        s.out.write_all(&object.line())?;
    } else {
        line(s.out, format!("BRANCH_NAME: {branch_name}"))?;
        line(s.out, format!("FEATURE_NUM: {feature_num}"))?;
        if !args.dry_run {
            line(
                s.out,
                format!(
                    "# To persist in your shell: export SPECIFY_FEATURE={}",
                    bash_printf_q(&branch_name)
                ),
            )?;
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_values_are_read_line_by_line() {
        let text = "# comment\nbranch_template: \"{author}/{number}-{slug}\"  # note\n  branch_prefix: 'feat' \n";
        assert_eq!(
            read_config_value(text, "branch_template"),
            "{author}/{number}-{slug}"
        );
        assert_eq!(read_config_value(text, "branch_prefix"), "feat");
        assert_eq!(read_config_value(text, "missing"), "");
        assert_eq!(
            branch_template("branch_template: \"\"\nbranch_prefix: team\n"),
            "team/{number}-{slug}"
        );
        assert_eq!(
            branch_template("branch_prefix: team/\n"),
            "team/{number}-{slug}"
        );
    }

    #[test]
    fn template_validation_messages() {
        assert!(validate_template("").is_ok());
        assert!(validate_template("{author}/{number}-{slug}").is_ok());
        assert!(
            validate_template("{slug}")
                .unwrap_err()
                .contains("must include the {number}")
        );
        assert!(
            validate_template("{slug}/{number}-x")
                .unwrap_err()
                .contains("before {number}")
        );
        assert!(
            validate_template("{number}/x-{slug}")
                .unwrap_err()
                .contains("final path segment")
        );
    }

    #[test]
    fn feature_numbers_of_exact_names() {
        assert_eq!(feature_num_of("feat/012-login"), "012");
        assert_eq!(feature_num_of("20240101-120000-x"), "20240101-120000");
        assert_eq!(feature_num_of("hotfix"), "hotfix");
        assert_eq!(feature_num_of("a/b-c"), "a/b-c");
    }
}

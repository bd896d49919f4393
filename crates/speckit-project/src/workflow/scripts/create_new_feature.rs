//! `create-new-feature`: creates a numbered feature folder with its spec.

use std::io;

use super::{Invocation, Streams, line};
use crate::workflow::feature::{FeatureError, FeatureRequest, create_feature, local_timestamp};
use crate::workflow::naming::trim_description;
use crate::workflow::root::repo_root;
use crate::workflow::text::{JsonObject, shlex_quote};

const USAGE_TAIL: &str = "[--json] [--dry-run] [--allow-existing-branch] [--short-name <name>] [--number N] [--timestamp] <feature_description>";

/// The flags shared by the core script and the git extension's branch script.
#[derive(Debug, Default)]
pub(super) struct FeatureArgs {
    pub(super) json: bool,
    pub(super) dry_run: bool,
    pub(super) allow_existing: bool,
    pub(super) short_name: String,
    pub(super) number: String,
    pub(super) timestamp: bool,
    pub(super) words: Vec<String>,
}

/// What parsing the arguments decided.
pub(super) enum Parsed {
    /// Go on with these arguments.
    Run(FeatureArgs),
    /// `--help` was given.
    Help,
    /// A flag lacks its value; the message to print.
    Error(&'static str),
}

/// Parses the arguments: flags anywhere, every other token joins the description.
/// `validate_number` checks `--number` as soon as it is read (the git extension does).
pub(super) fn parse_feature_args(args: &[String], validate_number: bool) -> Parsed {
    let mut parsed = FeatureArgs::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--json" => parsed.json = true,
            "--dry-run" => parsed.dry_run = true,
            "--allow-existing-branch" => parsed.allow_existing = true,
            "--short-name" => match iter.next() {
                Some(value) if !value.starts_with("--") => parsed.short_name.clone_from(value),
                _ => return Parsed::Error("Error: --short-name requires a value"),
            },
            "--number" => match iter.next() {
                Some(value) if !value.starts_with("--") => {
                    if validate_number
                        && (value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()))
                    {
                        return Parsed::Error("Error: --number must be a non-negative integer");
                    }
                    parsed.number.clone_from(value);
                }
                _ => return Parsed::Error("Error: --number requires a value"),
            },
            "--timestamp" => parsed.timestamp = true,
            "--help" | "-h" => return Parsed::Help,
            _ => parsed.words.push(arg.clone()),
        }
    }
    Parsed::Run(parsed)
}

fn help(out: &mut dyn io::Write, argv0: &str) -> io::Result<()> {
    let text = format!(
        "Usage: {argv0} {USAGE_TAIL}

Options:
  --json              Output in JSON format
  --dry-run           Compute feature name and paths without creating directories or files
  --allow-existing-branch  Reuse an existing feature directory if it already exists
  --short-name <name> Provide a custom short name (2-4 words) for the feature
  --number N          Prefer a feature number (auto-corrected if its specs prefix exists)
  --timestamp         Use timestamp prefix (YYYYMMDD-HHMMSS) instead of sequential numbering
  --help, -h          Show this help message

Examples:
  {argv0} 'Add user authentication system' --short-name 'user-auth'
  {argv0} 'Implement OAuth2 integration for API' --number 5
  {argv0} --timestamp --short-name 'user-auth' 'Add user authentication'
"
    );
    out.write_all(text.as_bytes())
}

/// The description from the free words, or the exit status of the usage error.
pub(super) fn description_of(
    args: &FeatureArgs,
    argv0: &str,
    err: &mut dyn io::Write,
) -> io::Result<Result<String, u8>> {
    let joined = args.words.join(" ");
    if joined.is_empty() {
        line(err, format!("Usage: {argv0} {USAGE_TAIL}"))?;
        return Ok(Err(1));
    }
    let description = trim_description(&joined);
    if description.is_empty() {
        line(
            err,
            "Error: Feature description cannot be empty or contain only whitespace",
        )?;
        return Ok(Err(1));
    }
    Ok(Ok(description))
}

pub(super) fn run(inv: &Invocation<'_>, s: &mut Streams<'_>) -> io::Result<u8> {
    let args = match parse_feature_args(&inv.args, false) {
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
    let root = match repo_root(inv.env, &inv.location) {
        Ok(root) => root,
        Err(error) => {
            line(s.err, error.to_string())?;
            return Ok(1);
        }
    };
    let persist = !matches!(
        inv.env.var("SPECIFY_FEATURE_NO_PERSIST"),
        Some("1" | "true")
    );
    let request = FeatureRequest {
        description,
        short_name: Some(args.short_name.clone()),
        number: Some(args.number.clone()),
        timestamp: args.timestamp,
        allow_existing: args.allow_existing,
        dry_run: args.dry_run,
        persist,
    };
    let mut warnings = Vec::new();
    let result = create_feature(&root, &request, &local_timestamp, &mut |w| warnings.push(w));
    for warning in &warnings {
        line(s.err, warning)?;
    }
    let feature = match result {
        Ok(feature) => feature,
        Err(error) => {
            line(s.err, error.to_string())?;
            return Ok(if matches!(error, FeatureError::Template(_)) {
                2
            } else {
                1
            });
        }
    };
    if !args.dry_run {
        line(
            s.err,
            format!(
                "# To persist: export SPECIFY_FEATURE={}",
                shlex_quote(&feature.branch_name)
            ),
        )?;
        line(
            s.err,
            format!(
                "#              export SPECIFY_FEATURE_DIRECTORY={}",
                shlex_quote(&feature.feature_dir)
            ),
        )?;
    }
    if args.json {
        let mut object = JsonObject::new()
            .string("BRANCH_NAME", &feature.branch_name)
            .string("SPEC_FILE", &feature.spec_file)
            .string("FEATURE_NUM", &feature.feature_num);
        if args.dry_run {
            object = object.flag("DRY_RUN");
        }
        s.out.write_all(&object.line())?;
    } else {
        line(s.out, format!("BRANCH_NAME: {}", feature.branch_name))?;
        line(s.out, format!("SPEC_FILE: {}", feature.spec_file))?;
        line(s.out, format!("FEATURE_NUM: {}", feature.feature_num))?;
        if !args.dry_run {
            line(
                s.out,
                format!(
                    "# To persist in your shell: export SPECIFY_FEATURE={}",
                    shlex_quote(&feature.branch_name)
                ),
            )?;
            line(
                s.out,
                format!(
                    "#                           export SPECIFY_FEATURE_DIRECTORY={}",
                    shlex_quote(&feature.feature_dir)
                ),
            )?;
        }
    }
    Ok(0)
}

//! `speckit feature new`: create a numbered feature folder with its spec.

use speckit_project::path_text::{display, join};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde_json::json;
use speckit_project::workflow::feature::{
    FeatureError, FeatureRequest, SpecOutcome, create_feature, create_feature_in, local_timestamp,
    suffix_for,
};
use speckit_project::workflow::fsutil::write_replace;
use speckit_project::workflow::git;
use speckit_project::workflow::layout::{
    EpicPath, Level, leveled_spec, parse_epic, project_dialect, scaffold_epic, scaffold_leveled,
};
use speckit_project::workflow::lock::lock_project;
use speckit_project::workflow::naming::trim_description;
use speckit_project::workflow::state::persist_feature_directory;

use super::workflow::{env, print_json, print_lines, print_warnings, project_root, shown};

/// Create features.
#[derive(Debug, Args)]
pub(crate) struct FeatureArgs {
    #[command(subcommand)]
    command: FeatureCommand,
}

#[derive(Debug, Subcommand)]
enum FeatureCommand {
    New(NewArgs),
}

/// Create the next feature folder with its spec and make it the current feature.
///
/// The folder is `specs/NNN-short-name/` (or `YYYYMMDD-HHMMSS-short-name/` with --timestamp),
/// numbered one past the highest existing folder; concurrent calls never get the same number.
/// The short name comes from the description (stop words dropped, 3-4 words kept) unless
/// --short-name gives one. An existing spec is never overwritten.
///
/// In an `epic` project, --epic SCOPE/SERVICE/EPIC-ID puts the feature in
/// `plans/SCOPE/SERVICE/EPIC-ID/features/` and adds the epic's exec-plan.md and design/index.md.
/// In a `leveled` project, --level 1|2|3|3+ adds that level's files, scratch/ and memory/.
///
/// Examples:
///   speckit feature new "Add user authentication with OAuth2"
///   speckit feature new --short-name user-auth --branch "Add login"
///   speckit feature new --epic payments/api/PAY-12 "Refund a card payment"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
struct NewArgs {
    /// What the feature is about.
    #[arg(required = true, num_args = 1.., value_name = "DESCRIPTION")]
    description: Vec<String>,
    /// The folder's name after the number (cleaned to lowercase letters, digits and dashes).
    #[arg(long)]
    short_name: Option<String>,
    /// Use this number if it is free (otherwise the next free one, with a warning).
    #[arg(long)]
    number: Option<String>,
    /// Number with the local time (YYYYMMDD-HHMMSS) instead of a sequence.
    #[arg(long)]
    timestamp: bool,
    /// Also create and switch to a git branch of the same name.
    #[arg(long)]
    branch: bool,
    /// Put the feature in an epic: SCOPE/SERVICE/EPIC-ID (the `epic` layout).
    #[arg(long, value_name = "SCOPE/SERVICE/EPIC")]
    epic: Option<String>,
    /// Documentation level of the `leveled` layout: 1, 2, 3 or 3+.
    #[arg(long)]
    level: Option<String>,
    /// Reuse the folder if it already exists (its spec is kept).
    #[arg(long)]
    allow_existing: bool,
    /// Show the names without creating anything.
    #[arg(long)]
    dry_run: bool,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(args: &FeatureArgs) -> anyhow::Result<ExitCode> {
    match &args.command {
        FeatureCommand::New(new) => run_new(new),
    }
}

fn plain(message: &str) -> String {
    message
        .trim_start_matches("Error: ")
        .trim_start_matches("ERROR: ")
        .to_owned()
}

#[allow(
    clippy::too_many_lines,
    reason = "one straight sequence: name, create, lay out, branch, report"
)]
fn run_new(args: &NewArgs) -> anyhow::Result<ExitCode> {
    let env = env()?;
    let root = project_root(&env)?;
    let description = trim_description(&args.description.join(" "));
    if description.is_empty() {
        anyhow::bail!("the feature description is empty");
    }
    if let Some(short) = &args.short_name
        && (short.contains('/') || short.contains('\\') || short.contains(".."))
    {
        anyhow::bail!("invalid --short-name '{short}': a short name is one name, not a path");
    }
    let dialect = project_dialect(&root);
    let level =
        match (&args.level, dialect.as_str()) {
            (Some(text), _) => Some(Level::parse(text).ok_or_else(|| {
                anyhow::anyhow!("invalid --level '{text}': expected 1, 2, 3 or 3+")
            })?),
            (None, "leveled") => Some(Level::One),
            (None, _) => None,
        };
    let epic = args
        .epic
        .as_deref()
        .map(parse_epic)
        .transpose()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    if epic.is_none() && dialect == "epic" {
        anyhow::bail!(
            "this project uses the epic layout: say where the feature goes with --epic SCOPE/SERVICE/EPIC-ID"
        );
    }
    let request = FeatureRequest {
        description: description.clone(),
        short_name: args.short_name.clone(),
        number: args.number.clone(),
        timestamp: args.timestamp,
        allow_existing: args.allow_existing,
        dry_run: args.dry_run,
        persist: true,
    };
    if suffix_for(&request).is_empty() {
        anyhow::bail!(
            "'{description}' has no letters or digits to name the feature folder: give --short-name (for example --short-name user-auth)"
        );
    }
    let mut warnings = Vec::new();
    let created = match &epic {
        Some(epic) => create_feature_in(
            &root,
            &join(&epic.dir(&root), "features"),
            &request,
            &local_timestamp,
            &mut |w| warnings.push(w),
        ),
        None => create_feature(&root, &request, &local_timestamp, &mut |w| warnings.push(w)),
    };
    print_warnings(&warnings)?;
    let feature = created.map_err(|error| match error {
        FeatureError::SequenceExhausted => anyhow::anyhow!(
            "no feature number is left after {}: renumber that folder, or use --timestamp",
            highest_folder(&root, epic.as_ref())
        ),
        error => anyhow::anyhow!("{}", plain(&error.to_string())),
    })?;
    let mut extra = Vec::new();
    if !args.dry_run {
        if let Some(epic) = &epic {
            extra.extend(scaffold_epic(&root, epic, &feature.feature_dir)?);
        }
        if let Some(level) = level {
            if matches!(feature.spec, SpecOutcome::FromTemplate | SpecOutcome::Empty) {
                let spec = speckit_project::read::read_bounded(
                    std::path::Path::new(&feature.spec_file),
                    speckit_project::read::DEFAULT_LIMIT,
                )
                .map_err(std::io::Error::from)?;
                write_replace(
                    std::path::Path::new(&root),
                    std::path::Path::new(&feature.spec_file),
                    &leveled_spec(level, &spec),
                )?;
            }
            extra.extend(scaffold_leveled(&root, &feature.feature_dir, level)?);
        }
    }
    let mut branch_created = false;
    if args.branch && !args.dry_run {
        if git::has_git(&root) {
            // Under the project lock, so that concurrent runs neither trip over git's own
            // index lock nor leave HEAD on one feature and feature.json on another: the last
            // run to switch also records its feature.
            let _lock = lock_project(&root)?;
            git::create_and_switch(&root, &feature.branch_name).map_err(|output| {
                anyhow::anyhow!(
                    "cannot create git branch '{}': {output}",
                    feature.branch_name
                )
            })?;
            persist_feature_directory(&root, &feature.feature_dir)?;
            branch_created = true;
        } else {
            print_warnings(&[format!(
                "warning: {} is not a git repository; no branch was created",
                shown(&env, &root)
            )])?;
        }
    }
    let spec_state = match feature.spec {
        SpecOutcome::NotWritten => "not-written",
        SpecOutcome::FromTemplate => "created",
        SpecOutcome::Empty => "created-empty",
        SpecOutcome::Kept => "kept",
    };
    if args.json {
        print_json(&json!({
            "branch_name": feature.branch_name,
            "feature_num": feature.feature_num,
            "feature_dir": feature.feature_dir,
            "spec_file": feature.spec_file,
            "spec": spec_state,
            "dry_run": args.dry_run,
            "branch_created": branch_created,
            "created_files": extra,
        }))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut lines = Vec::new();
    if args.dry_run {
        lines.push(format!(
            "Would create feature {} in {} (dry run: nothing written).",
            feature.branch_name,
            shown(&env, &join(&feature.feature_dir, ""))
        ));
    } else {
        lines.push(format!(
            "Created feature {} in {}",
            feature.branch_name,
            shown(&env, &join(&feature.feature_dir, ""))
        ));
        let spec_note = match feature.spec {
            SpecOutcome::FromTemplate => "written from the spec template",
            SpecOutcome::Empty => "empty: no spec template was found",
            SpecOutcome::Kept => "already there, left as it was",
            SpecOutcome::NotWritten => "not written",
        };
        lines.push(format!(
            "  spec: {} ({spec_note})",
            shown(&env, &feature.spec_file)
        ));
        for file in &extra {
            lines.push(format!("  also: {}", shown(&env, file)));
        }
        if branch_created {
            lines.push(format!(
                "  git branch: {} (checked out)",
                feature.branch_name
            ));
        }
        lines.push(format!(
            "  recorded as the current feature in {}",
            display(".specify/feature.json")
        ));
        lines.push(String::new());
        lines.push(format!(
            "Next: write the spec, then check it with `speckit check --stage specified {}`.",
            shown(&env, &feature.feature_dir)
        ));
    }
    print_lines(&lines)?;
    Ok(ExitCode::SUCCESS)
}

/// The numbered folder with the highest number, for the message when numbers run out.
fn highest_folder(root: &str, epic: Option<&EpicPath>) -> String {
    let dir = match epic {
        Some(epic) => join(&epic.dir(root), "features"),
        None => join(root, "specs"),
    };
    let number = |name: &str| -> u64 {
        let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().unwrap_or(0)
    };
    std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .max_by_key(|name| number(name))
        .map_or(dir.clone(), |name| join(&dir, &name))
}

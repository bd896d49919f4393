//! `speckit init`: scaffolds `.specify/` and the agents' command files, offline, from the
//! templates embedded in the binary. A file that already exists is kept unless `force` is set,
//! so running it again is safe.

use std::path::{Path, PathBuf};

use crate::workflow::agent_context::AGENT_DEFAULTS;
use crate::workflow::fsutil::{FsError, create_dirs, write_new, write_replace};
use crate::workflow::text::json_string;

/// The scripts the reference installs in `.specify/scripts/`, which speckit replaces with thin
/// wrappers.
pub const WRAPPED_SCRIPTS: &[&str] = &[
    "check-prerequisites",
    "create-new-feature",
    "resolve-template",
    "setup-plan",
    "setup-tasks",
];

/// The commands every agent gets.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    (
        "specify",
        "Create a feature folder and write its specification from a description.",
        include_str!("../../assets/commands/specify.md"),
    ),
    (
        "clarify",
        "Resolve the open questions of the current spec, one question at a time.",
        include_str!("../../assets/commands/clarify.md"),
    ),
    (
        "plan",
        "Write the implementation plan and its design documents, and prove them ready with speckit check.",
        include_str!("../../assets/commands/plan.md"),
    ),
    (
        "tasks",
        "Break the plan into an ordered, dependency-aware task list.",
        include_str!("../../assets/commands/tasks.md"),
    ),
    (
        "analyze",
        "Check spec, plan and tasks against each other without changing them.",
        include_str!("../../assets/commands/analyze.md"),
    ),
    (
        "checklist",
        "Write a checklist that tests the quality of the requirements.",
        include_str!("../../assets/commands/checklist.md"),
    ),
    (
        "implement",
        "Carry out the tasks phase by phase, marking each one done.",
        include_str!("../../assets/commands/implement.md"),
    ),
    (
        "constitution",
        "Create or amend the project's constitution.",
        include_str!("../../assets/commands/constitution.md"),
    ),
];

/// How an agent reads its commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// `<dir>/speckit-<cmd>/SKILL.md`, invoked as `/speckit-<cmd>`.
    Skill,
    /// `<dir>/speckit.<cmd>.md` with YAML front matter.
    Markdown,
    /// `<dir>/speckit.<cmd>.toml` with `description` and `prompt`.
    Toml,
}

/// An agent `speckit init` can set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Agent {
    /// The integration key (as Spec Kit spells it).
    pub key: &'static str,
    /// Other names accepted on the command line.
    pub aliases: &'static [&'static str],
    /// The agent's name for people.
    pub title: &'static str,
    dir: &'static str,
    format: Format,
    args_token: &'static str,
}

impl Agent {
    /// `.` or `-`: how the agent spells `/speckit.plan`.
    #[must_use]
    pub fn separator(&self) -> char {
        if self.format == Format::Skill {
            '-'
        } else {
            '.'
        }
    }

    /// The context file the agent reads.
    #[must_use]
    pub fn context_file(&self) -> &'static str {
        AGENT_DEFAULTS
            .iter()
            .find(|(k, _)| *k == self.key)
            .map_or("AGENTS.md", |(_, f)| *f)
    }
}

/// Every supported agent.
pub const AGENTS: &[Agent] = &[
    Agent {
        key: "claude",
        aliases: &["claude-code"],
        title: "Claude Code",
        dir: ".claude/skills",
        format: Format::Skill,
        args_token: "$ARGUMENTS",
    },
    Agent {
        key: "copilot",
        aliases: &["github-copilot"],
        title: "GitHub Copilot",
        dir: ".github/skills",
        format: Format::Skill,
        args_token: "$ARGUMENTS",
    },
    Agent {
        key: "gemini",
        aliases: &["gemini-cli"],
        title: "Gemini CLI",
        dir: ".gemini/commands",
        format: Format::Toml,
        args_token: "{{args}}",
    },
    Agent {
        key: "cursor-agent",
        aliases: &["cursor"],
        title: "Cursor",
        dir: ".cursor/skills",
        format: Format::Skill,
        args_token: "$ARGUMENTS",
    },
    Agent {
        key: "codex",
        aliases: &[],
        title: "Codex",
        dir: ".agents/skills",
        format: Format::Skill,
        args_token: "$ARGUMENTS",
    },
    Agent {
        key: "opencode",
        aliases: &[],
        title: "opencode",
        dir: ".opencode/commands",
        format: Format::Markdown,
        args_token: "$ARGUMENTS",
    },
    Agent {
        key: "generic",
        aliases: &["agents", "agents-md"],
        title: "any agent (AGENTS.md)",
        dir: ".agents/commands",
        format: Format::Markdown,
        args_token: "$ARGUMENTS",
    },
];

/// Finds an agent by key or alias.
#[must_use]
pub fn agent(name: &str) -> Option<&'static Agent> {
    let name = name.to_ascii_lowercase();
    AGENTS
        .iter()
        .find(|a| a.key == name || a.aliases.contains(&name.as_str()))
}

/// The dialects whose templates `speckit init` can install.
pub const DIALECTS: &[&str] = &["speckit", "epic", "ssd", "gated", "leveled", "classic"];

/// What to scaffold.
#[derive(Debug, Clone)]
pub struct InitOptions {
    /// The project folder (created if missing).
    pub root: PathBuf,
    /// The agents, the first being the default.
    pub agents: Vec<&'static Agent>,
    /// The template dialect.
    pub dialect: String,
    /// Replace existing files.
    pub force: bool,
    /// `--here`: the project is the current directory.
    pub here: bool,
}

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAction {
    /// Newly written.
    Created,
    /// Existed and was left alone.
    Kept,
    /// Existed and was replaced (`--force`).
    Replaced,
}

/// Why the project could not be scaffolded.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The dialect is unknown.
    #[error("unknown dialect '{0}' (known: speckit, epic, ssd, gated, leveled, classic)")]
    UnknownDialect(String),
    /// No agent was chosen.
    #[error(
        "no agent given; use --agent (claude, copilot, gemini, cursor, codex, opencode, generic)"
    )]
    NoAgent,
    /// A write failed.
    #[error(transparent)]
    Fs(#[from] FsError),
}

/// The text of template `name` for `dialect`, falling back to the `speckit` dialect's.
#[must_use]
pub fn dialect_template(dialect: &str, name: &str) -> Option<&'static str> {
    speckit_lint::dialect::templates::template(dialect, name)
        .or_else(|| speckit_lint::dialect::templates::template("speckit", name))
}

/// Replaces `__SPECKIT_COMMAND_PLAN__` with `/speckit.plan` (or `/speckit-plan`).
#[must_use]
pub fn render_command_tokens(text: &str, separator: char) -> String {
    const OPEN: &str = "__SPECKIT_COMMAND_";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        match after.find("__") {
            Some(end)
                if after[..end]
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b == b'_')
                    && end > 0 =>
            {
                let name = after[..end]
                    .to_ascii_lowercase()
                    .replace('_', &separator.to_string());
                out.push_str(&format!("/speckit{separator}{name}"));
                rest = &after[end + 2..];
            }
            _ => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A command file's body for `agent`.
fn command_body(agent: &Agent, body: &str) -> String {
    let separator = agent.separator();
    let mut text = body.replace("{{ARGS}}", agent.args_token);
    for (name, _, _) in COMMANDS {
        text = text.replace(
            &format!("{{{{cmd:{name}}}}}"),
            &format!("/speckit{separator}{name}"),
        );
    }
    text
}

fn yaml_quote(text: &str) -> String {
    String::from_utf8_lossy(&json_string(text.as_bytes())).into_owned()
}

/// The files one agent gets: `(relative path, content)`.
#[must_use]
pub fn agent_files(agent: &Agent) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for (name, description, body) in COMMANDS {
        let body = command_body(agent, body);
        let (path, text) = match agent.format {
            Format::Skill => (
                format!("{}/speckit-{name}/SKILL.md", agent.dir),
                format!(
                    "---\nname: {}\ndescription: {}\n---\n\n# speckit: {name}\n\n{body}",
                    yaml_quote(&format!("speckit-{name}")),
                    yaml_quote(description)
                ),
            ),
            Format::Markdown => (
                format!("{}/speckit.{name}.md", agent.dir),
                format!(
                    "---\ndescription: {}\n---\n\n# speckit: {name}\n\n{body}",
                    yaml_quote(description)
                ),
            ),
            Format::Toml => (
                format!("{}/speckit.{name}.toml", agent.dir),
                format!(
                    "description = {}\n\nprompt = '''\n# speckit: {name}\n\n{body}'''\n",
                    yaml_quote(description)
                ),
            ),
        };
        files.push((path, text));
    }
    if agent.key == "generic" {
        files.push(("AGENTS.md".to_owned(), generic_agents_md()));
    }
    files
}

fn generic_agents_md() -> String {
    let mut text = String::from(
        "# Working in this repository\n\n\
         Features are planned with spec-driven development, driven by `speckit`. Each step has a\n\
         command file in `.agents/commands/`; when asked to run `/speckit.<step>`, read\n\
         `.agents/commands/speckit.<step>.md` and follow it.\n\n",
    );
    for (name, description, _) in COMMANDS {
        text.push_str(&format!("- `/speckit.{name}`: {description}\n"));
    }
    text.push_str(
        "\nBefore reporting a plan finished, run `speckit check --stage ready <feature folder>` and \
         fix what it reports.\n",
    );
    text
}

/// The bash wrapper that stands in for one of Spec Kit's scripts.
#[must_use]
pub fn bash_wrapper(script: &str) -> String {
    format!(
        "#!/usr/bin/env bash\n\
         # Installed by `speckit init`. Runs speckit's {script}, which takes the same flags and\n\
         # prints the same output as Spec Kit's {script}.sh. Set SPECKIT_BIN to use a speckit\n\
         # binary that is not on PATH.\n\
         if ! command -v \"${{SPECKIT_BIN:-speckit}}\" >/dev/null 2>&1; then\n\
         \x20   echo \"ERROR: speckit is not on PATH; install it or set SPECKIT_BIN\" >&2\n\
         \x20   exit 127\n\
         fi\n\
         SPECKIT_SCRIPT_PATH=\"$0\" exec \"${{SPECKIT_BIN:-speckit}}\" script {script} \"$@\"\n"
    )
}

/// The functions of `common.sh` that other scripts (extensions) source, answered by speckit.
#[must_use]
pub fn bash_common() -> String {
    let mut text = String::from(
        "#!/usr/bin/env bash\n\
         # Installed by `speckit init`. Provides the functions of Spec Kit's common.sh for scripts\n\
         # that source it; each one asks speckit (`speckit script common <function>`). Set\n\
         # SPECKIT_BIN to use a speckit binary that is not on PATH.\n\n\
         _speckit_common() {\n\
         \x20   SPECKIT_SCRIPT_PATH=\"${BASH_SOURCE[0]}\" \"${SPECKIT_BIN:-speckit}\" script common \"$@\"\n\
         }\n\n",
    );
    for function in [
        "find_specify_root",
        "resolve_specify_init_dir",
        "get_repo_root",
        "get_current_branch",
        "read_feature_json_feature_directory",
        "_persist_feature_json",
        "get_feature_paths",
        "get_invoke_separator",
        "format_speckit_command",
        "json_escape",
        "resolve_template",
        "resolve_template_content",
        "has_git",
        "spec_kit_effective_branch_name",
        "check_feature_branch",
    ] {
        text.push_str(&format!(
            "{function}() {{ _speckit_common {function} \"$@\"; }}\n"
        ));
    }
    text.push_str(
        "\n# These three need no project knowledge, so they stay in the shell.\n\
         has_jq() { command -v jq >/dev/null 2>&1; }\n\
         check_file() {\n\
         \x20   if [[ -f \"$1\" ]]; then echo \"  ✓ $2\"; else echo \"  ✗ $2\"; fi\n\
         }\n\
         check_dir() {\n\
         \x20   if [[ -d \"$1\" && -n \"$(ls -A \"$1\" 2>/dev/null)\" ]]; then echo \"  ✓ $2\"; else echo \"  ✗ $2\"; fi\n\
         }\n",
    );
    text
}

/// The PowerShell wrapper that stands in for one of Spec Kit's scripts.
#[must_use]
pub fn powershell_wrapper(script: &str) -> String {
    format!(
        "#!/usr/bin/env pwsh\n\
         # Installed by `speckit init`. Runs speckit's {script}; the flags of {script}.ps1\n\
         # (-Json, -ShortName, ...) are understood. Set $env:SPECKIT_BIN to use a speckit binary\n\
         # that is not on PATH.\n\
         $speckit = if ($env:SPECKIT_BIN) {{ $env:SPECKIT_BIN }} else {{ 'speckit' }}\n\
         $env:SPECKIT_SCRIPT_PATH = $PSCommandPath\n\
         & $speckit script {script} @args\n\
         exit $LASTEXITCODE\n"
    )
}

/// The functions of `common.ps1`, answered by speckit.
#[must_use]
pub fn powershell_common() -> String {
    String::from(
        "#!/usr/bin/env pwsh\n\
         # Installed by `speckit init`. Provides the functions of Spec Kit's common.ps1 for scripts\n\
         # that dot-source it; each one asks speckit. Set $env:SPECKIT_BIN to use a speckit binary\n\
         # that is not on PATH.\n\n\
         function Invoke-SpeckitCommon {\n\
         \x20   $speckit = if ($env:SPECKIT_BIN) { $env:SPECKIT_BIN } else { 'speckit' }\n\
         \x20   $env:SPECKIT_SCRIPT_PATH = $PSCommandPath\n\
         \x20   & $speckit script common @args\n\
         }\n\n\
         function Find-SpecifyRoot { param([string]$StartDir = (Get-Location).Path) Invoke-SpeckitCommon find_specify_root $StartDir }\n\
         function Get-RepoRoot { Invoke-SpeckitCommon get_repo_root }\n\
         function Get-CurrentBranch { Invoke-SpeckitCommon get_current_branch }\n\
         function Save-FeatureJson { param([string]$RepoRoot, [string]$FeatureDirectory) Invoke-SpeckitCommon _persist_feature_json $RepoRoot $FeatureDirectory }\n\
         function Get-FeaturePathsEnv {\n\
         \x20   param([switch]$NoPersist, [switch]$ReturnNullOnError)\n\
         \x20   $flags = @('get_feature_paths_json')\n\
         \x20   if ($NoPersist) { $flags += '--no-persist' }\n\
         \x20   $json = Invoke-SpeckitCommon @flags\n\
         \x20   if ($LASTEXITCODE -ne 0) { if ($ReturnNullOnError) { return $null } else { exit 1 } }\n\
         \x20   return ($json | ConvertFrom-Json)\n\
         }\n\
         function Get-InvokeSeparator { param([string]$RepoRoot) Invoke-SpeckitCommon get_invoke_separator $RepoRoot }\n\
         function Format-SpecKitCommand { param([string]$CommandName, [string]$RepoRoot) Invoke-SpeckitCommon format_speckit_command $CommandName $RepoRoot }\n\
         function Resolve-Template { param([string]$TemplateName, [string]$RepoRoot) $p = Invoke-SpeckitCommon resolve_template $TemplateName $RepoRoot; if ($LASTEXITCODE -eq 0) { $p } else { $null } }\n\
         function Resolve-TemplateContent { param([string]$TemplateName, [string]$RepoRoot) $c = (Invoke-SpeckitCommon resolve_template_content $TemplateName $RepoRoot) -join \"`n\"; if ($LASTEXITCODE -eq 0) { $c } else { $null } }\n\
         function Test-FileExists { param([string]$Path, [string]$Description) if (Test-Path -LiteralPath $Path -PathType Leaf) { Write-Output \"  ✓ $Description\"; $true } else { Write-Output \"  ✗ $Description\"; $false } }\n\
         function Test-DirHasFiles { param([string]$Path, [string]$Description) if ((Test-Path -LiteralPath $Path -PathType Container) -and (Get-ChildItem -LiteralPath $Path -Force | Select-Object -First 1)) { Write-Output \"  ✓ $Description\"; $true } else { Write-Output \"  ✗ $Description\"; $false } }\n",
    )
}

fn pretty_json(pairs: &[(&str, String)]) -> String {
    let mut text = String::from("{\n");
    for (index, (key, value)) in pairs.iter().enumerate() {
        let comma = if index + 1 < pairs.len() { "," } else { "" };
        text.push_str(&format!("  \"{key}\": {value}{comma}\n"));
    }
    text.push_str("}\n");
    text
}

fn quoted(text: &str) -> String {
    String::from_utf8_lossy(&json_string(text.as_bytes())).into_owned()
}

/// Every file `speckit init` writes: `(relative path, content, executable)`.
///
/// # Errors
/// An unknown dialect or no agent.
pub fn plan_files(options: &InitOptions) -> Result<Vec<(String, String, bool)>, InitError> {
    if !DIALECTS.contains(&options.dialect.as_str()) {
        return Err(InitError::UnknownDialect(options.dialect.clone()));
    }
    let Some(first) = options.agents.first() else {
        return Err(InitError::NoAgent);
    };
    let separator = first.separator();
    let version = env!("CARGO_PKG_VERSION");
    let mut files: Vec<(String, String, bool)> = Vec::new();
    for name in ["spec", "plan", "tasks", "checklist", "constitution"] {
        let template = format!("{name}-template");
        if let Some(text) = dialect_template(&options.dialect, &template) {
            files.push((
                format!(".specify/templates/{template}.md"),
                render_command_tokens(text, separator),
                false,
            ));
        }
    }
    if let Some(text) = dialect_template(&options.dialect, "constitution-template") {
        files.push((
            ".specify/memory/constitution.md".to_owned(),
            text.to_owned(),
            false,
        ));
    }
    let keys: Vec<String> = options.agents.iter().map(|a| quoted(a.key)).collect();
    files.push((
        ".specify/init-options.json".to_owned(),
        pretty_json(&[
            ("ai", quoted(first.key)),
            ("dialect", quoted(&options.dialect)),
            ("feature_numbering", quoted("sequential")),
            ("here", options.here.to_string()),
            ("integration", quoted(first.key)),
            ("script", quoted("sh")),
            ("speckit_version", quoted(version)),
        ]),
        false,
    ));
    let settings: Vec<String> = options
        .agents
        .iter()
        .map(|a| {
            format!(
                "    {}: {{\n      \"script\": \"sh\",\n      \"invoke_separator\": \"{}\"\n    }}",
                quoted(a.key),
                a.separator()
            )
        })
        .collect();
    files.push((
        ".specify/integration.json".to_owned(),
        pretty_json(&[
            ("version", quoted(version)),
            ("integration_state_schema", "1".to_owned()),
            ("installed_integrations", format!("[{}]", keys.join(", "))),
            (
                "integration_settings",
                format!("{{\n{}\n  }}", settings.join(",\n")),
            ),
            ("integration", quoted(first.key)),
            ("default_integration", quoted(first.key)),
        ]),
        false,
    ));
    files.push((
        ".specify/.gitignore".to_owned(),
        "# State that belongs to one checkout, not to the repository.\n\
         # The current feature: rewritten whenever you switch features.\n\
         feature.json\n\
         # Machine-local overrides of extension settings.\n\
         extensions/*/local-config.yml\n"
            .to_owned(),
        false,
    ));
    files.push((
        ".specify/speckit.toml".to_owned(),
        format!("# speckit's settings for this project (see `speckit check --help`).\ndialect = \"{}\"\n", options.dialect),
        false,
    ));
    files.push((
        ".specify/scripts/bash/common.sh".to_owned(),
        bash_common(),
        true,
    ));
    files.push((
        ".specify/scripts/powershell/common.ps1".to_owned(),
        powershell_common(),
        true,
    ));
    for script in WRAPPED_SCRIPTS {
        files.push((
            format!(".specify/scripts/bash/{script}.sh"),
            bash_wrapper(script),
            true,
        ));
        files.push((
            format!(".specify/scripts/powershell/{script}.ps1"),
            powershell_wrapper(script),
            true,
        ));
    }
    for agent in &options.agents {
        for (path, text) in agent_files(agent) {
            if !files.iter().any(|(p, _, _)| *p == path) {
                files.push((path, text, false));
            }
        }
    }
    Ok(files)
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        let mut permissions = meta.permissions();
        permissions.set_mode(permissions.mode() | 0o111);
        // A failure only costs the executable bit; the file is still usable via `bash file`.
        let _ = std::fs::set_permissions(path, permissions);
    }
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) {}

/// Scaffolds the project. Returns each file with what happened to it.
///
/// # Errors
/// See [`InitError`].
pub fn init_project(options: &InitOptions) -> Result<Vec<(String, FileAction)>, InitError> {
    let files = plan_files(options)?;
    // The project folder itself is where the user asked for it; everything else must land
    // inside it.
    std::fs::create_dir_all(&options.root)
        .map_err(|e| FsError::new("cannot create directory", &options.root, e))?;
    let mut report = Vec::new();
    for (relative, text, executable) in files {
        let path = options.root.join(&relative);
        if let Some(parent) = path.parent() {
            create_dirs(&options.root, parent)?;
        }
        let action = if options.force && std::fs::symlink_metadata(&path).is_ok() {
            write_replace(&options.root, &path, text.as_bytes())?;
            FileAction::Replaced
        } else if write_new(&options.root, &path, text.as_bytes())? {
            FileAction::Created
        } else {
            FileAction::Kept
        };
        if executable && action != FileAction::Kept {
            make_executable(&path);
        }
        report.push((relative, action));
    }
    Ok(report)
}

#[cfg(test)]
mod tests;

//! What a check is asked to do: dialect, stage, which rules, at which severity.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Severity;
use crate::dialect::BuiltinDialect;
use crate::rule::Rule;
use crate::stage::Stage;

/// Resolved check settings (from defaults, the configuration file and the command line).
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Force this dialect instead of detecting one.
    pub dialect: Option<BuiltinDialect>,
    /// The stage documents are checked at; by default `ready` for a feature with a plan and
    /// `clarified` for one without.
    pub stage: Option<Stage>,
    /// Extra literal strings that count as unfilled placeholders (`TBD`, `<fill in>`).
    pub extra_placeholders: Vec<String>,
    /// When set, only these rules run (`--select`); `disabled` still applies on top.
    pub(crate) selected: Option<HashSet<&'static str>>,
    pub(crate) disabled: HashSet<&'static str>,
    pub(crate) severities: HashMap<&'static str, Severity>,
}

impl Settings {
    /// Only `rules` are enabled.
    pub fn select_only(&mut self, rules: &[&'static Rule]) {
        self.selected = Some(rules.iter().map(|rule| rule.code).collect());
        self.disabled.clear();
    }

    /// Disables `rules`.
    pub fn ignore(&mut self, rules: &[&'static Rule]) {
        self.disabled.extend(rules.iter().map(|rule| rule.code));
    }

    /// Re-enables `rules`.
    pub fn enable(&mut self, rules: &[&'static Rule]) {
        for rule in rules {
            self.disabled.remove(rule.code);
            if let Some(selected) = &mut self.selected {
                selected.insert(rule.code);
            }
        }
    }

    /// Reports `rule` at `severity` instead of its default.
    pub fn set_severity(&mut self, rule: &'static Rule, severity: Severity) {
        self.severities.insert(rule.code, severity);
    }

    /// Whether `rule` runs.
    #[must_use]
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        self.selected
            .as_ref()
            .is_none_or(|selected| selected.contains(rule.code))
            && !self.disabled.contains(rule.code)
    }

    /// The severity `rule` reports at, given the severity the check asked for.
    #[must_use]
    pub fn severity(&self, rule: &Rule, requested: Severity) -> Severity {
        self.severities.get(rule.code).copied().unwrap_or(requested)
    }
}

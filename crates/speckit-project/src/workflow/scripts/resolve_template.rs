//! `resolve-template`: prints one template composed through the override stack.

use std::io;

use super::{Invocation, Streams, line};
use crate::workflow::layers::resolve_content;
use crate::workflow::root::repo_root;
use crate::workflow::text::JsonObject;

pub(super) fn run(inv: &Invocation<'_>, s: &mut Streams<'_>) -> io::Result<u8> {
    let mut json = false;
    let mut name = String::new();
    for arg in &inv.args {
        match arg.as_str() {
            "--json" => json = true,
            "--help" | "-h" => {
                line(
                    s.out,
                    format!("Usage: {} <template-name> [--json]", inv.argv0),
                )?;
                return Ok(0);
            }
            other if other.starts_with('-') => {
                line(s.err, format!("ERROR: Unknown option '{other}'"))?;
                return Ok(1);
            }
            other => {
                if !name.is_empty() {
                    line(s.err, format!("ERROR: Unexpected argument '{other}'"))?;
                    return Ok(1);
                }
                other.clone_into(&mut name);
            }
        }
    }
    if name.is_empty() {
        line(s.err, "ERROR: Template name is required")?;
        return Ok(1);
    }
    let root = match repo_root(inv.env, &inv.location) {
        Ok(root) => root,
        Err(error) => {
            line(s.err, error.to_string())?;
            return Ok(1);
        }
    };
    let content = match resolve_content(&name, &root) {
        Ok(Some(content)) => content,
        result => {
            if let Err(error) = result {
                line(s.err, &error.0)?;
            }
            line(
                s.err,
                format!(
                    "ERROR: Could not resolve required {name} from the template override stack for {root}"
                ),
            )?;
            return Ok(1);
        }
    };
    if json {
        let object = JsonObject::new()
            .string("TEMPLATE_NAME", &name)
            .string("TEMPLATE_CONTENT", &content);
        s.out.write_all(&object.line())?;
    } else {
        s.out.write_all(&content)?;
    }
    Ok(0)
}

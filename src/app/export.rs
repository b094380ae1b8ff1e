//! HR's export from the app: what `pdca export` writes (the cycle freshly loaded
//! from disk, refused while the data set has errors, built by `hr::export`), into
//! the data set's export file ([`crate::store::Store::export_path`]).

use super::component::Shared;
use super::effect::{Effect, Status};
use crate::hr::export::{self, ExportError, Options};
use crate::messages::{self, CliText, Message, OverviewText};
use crate::model::validate::validate_info;
use crate::model::{Hierarchy, Severity, Timestamp, policy};
use crate::store::StoreError;

/// Exports the workspace's cycle as TOML and says in the status line where it went.
pub fn run(shared: &Shared) -> Vec<Effect> {
    match write(shared) {
        Ok(text) => vec![Status::info(text)],
        Err(text) => vec![Status::error(text)],
    }
}

fn write(shared: &Shared) -> Result<String, String> {
    let (lang, workspace) = (shared.lang, &shared.workspace);
    // What the export checks and writes is read as `pdca export` reads it.
    let store = &workspace.store.clone().reading_for_export();
    let cycle = workspace.world.data.cycle.id.clone();
    let snapshot = store.load(Some(&cycle)).map_err(|e| messages::store_error(&e, lang))?;
    policy::permit_export(&Hierarchy::new(&snapshot.org), &workspace.actor)
        .map_err(|refused| messages::refusal(&refused, lang))?;
    let elsewhere = store.goal_ids_of_other_cycles(&cycle).map_err(|e| messages::store_error(&e, lang))?;
    let options = Options { generated_at: generated_at(workspace.now()), unit: None };
    let (invalid, prepared) = export::checked(&snapshot.info, &snapshot.org, &snapshot.data, &elsewhere, options);
    let errors = validate_info(&snapshot.info).len()
        + snapshot.problems.iter().filter(|p| p.severity() == Severity::Error).count()
        + invalid.len();
    if errors > 0 {
        return Err(OverviewText::RefuseExport { errors }.text(lang));
    }
    let prepared = prepared.map_err(|e| messages::export_error(&e, lang))?;
    // Written part by part as `pdca export` writes it, counting what went in.
    let (path, (people, goals)) = store
        .write_export(&cycle, |to, path| {
            let parts = prepared.toml_parts().map(|part| part.map_err(Failed::Export));
            export::write_parts(parts, |text| {
                to.write_all(text.as_bytes()).map_err(|source| StoreError::Io { path: path.to_owned(), source }.into())
            })
        })
        .map_err(|failed| match failed {
            Failed::Store(e) => messages::store_error(&e, lang),
            Failed::Export(e) => messages::export_error(&e, lang),
        })?;
    let wrote = CliText::WroteExport { path: path.display().to_string(), cycle: cycle.into(), people, goals };
    Ok(wrote.text(lang))
}

/// Why the export was not written.
enum Failed {
    Store(StoreError),
    Export(ExportError),
}

impl From<StoreError> for Failed {
    fn from(error: StoreError) -> Self {
        Failed::Store(error)
    }
}

/// `PDCA_EXPORT_TIME` when set, as for `pdca export`, so that the same data gives
/// the same file; else now, to the second.
fn generated_at(now: Timestamp) -> Timestamp {
    use chrono::Timelike;
    std::env::var("PDCA_EXPORT_TIME")
        .ok()
        .and_then(|text| chrono::DateTime::parse_from_rfc3339(text.trim()).ok())
        .map_or_else(|| Timestamp(now.0.with_nanosecond(0).unwrap_or(now.0)), Timestamp)
}

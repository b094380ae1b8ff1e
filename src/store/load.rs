//! Loading a cycle: the data set's own files, the cycle's, and its folders of
//! per-person files, read on all cores through the parse cache.

use std::path::PathBuf;

use super::cache::{CacheRun, Slot};
use super::read::{Fault, FileRead, Folder, fault_of_path, limit_of};
use super::{
    CALIBRATION_DIR, FEEDBACK_DIR, GOALS_DIR, ParseCache, Record, Snapshot, Store, StoreError, Version, Versions, pages,
};
use crate::model::calibration::CalibrationFile;
use crate::model::competency::Framework;
use crate::model::hash::HashMap;
use crate::model::{Cycle, CycleData, DataSetInfo, FeedbackFile, GoalsFile, Org, Problem, ProblemKind, Source};

/// What [`Store::load_cycle_and_goals`] read, and the versions and problems of its files.
struct CycleAndGoals {
    competencies: Option<Framework>,
    cycle: Cycle,
    goals: Vec<GoalsFile>,
    versions: HashMap<PathBuf, Version>,
    problems: Vec<Problem>,
}

impl Store {
    /// Loads the organisation, the competency framework and one cycle (the current one
    /// unless named). Files that do not parse are reported in `problems` and left out (a
    /// broken `competencies.toml` turns the 能力評価 half off, as an absent one does);
    /// only a broken `pdca.toml` or `cycle.toml` stops the load, since nothing can be
    /// shown without them.
    pub fn load(&self, cycle: Option<&str>) -> Result<Snapshot, StoreError> {
        let run = self.cache.as_ref().map(ParseCache::open);
        let info = self.load_info_with(run.as_ref())?;
        let snapshot = self.load_with(cycle, run.as_ref(), info, None)?;
        if let Some(run) = run {
            run.persist();
        }
        Ok(snapshot)
    }

    /// Loads the cycle; `info`: pdca.toml as the caller read it in this load (it
    /// names the current cycle, and the app's load reads it first to find its
    /// viewer); `org`: org.toml as the caller read it already (read here when `None`).
    pub(super) fn load_with(
        &self,
        cycle: Option<&str>,
        cache: Option<&CacheRun>,
        (info, info_version): (DataSetInfo, Version),
        org: Option<FileRead<Org>>,
    ) -> Result<Snapshot, StoreError> {
        let cycle_id = crate::model::CycleId::from(cycle.unwrap_or(&info.current_cycle));
        // org.toml is decoded beside the cycle's own files and goals, which do not
        // need it: at city scale each takes tens of milliseconds of one core.
        let (org, first) =
            rayon::join(|| org.unwrap_or_else(|| self.read_org(cache)), || self.load_cycle_and_goals(&cycle_id, cache));
        let CycleAndGoals { competencies, cycle, goals, mut versions, problems: first_problems } = first?;
        versions.insert(Self::relative_path(&Source::Info), info_version);
        let mut problems = Vec::new();
        let org = keep(Self::relative_path(&Source::Org), &Source::Org, org, &mut versions, &mut problems)
            .unwrap_or_default();
        problems.extend(first_problems);
        let feedback = self.load_folder(
            &cycle_id,
            FEEDBACK_DIR,
            &mut versions,
            &mut problems,
            |reviewer| Source::Feedback { cycle: cycle_id.clone(), reviewer },
            (
                |file: &FeedbackFile| ("reviewer", file.reviewer.as_str()),
                |file: &mut FeedbackFile| self.shed_texts(file),
            ),
            cache,
        )?;
        let calibration = self.load_folder(
            &cycle_id,
            CALIBRATION_DIR,
            &mut versions,
            &mut problems,
            |calibrator| Source::Calibration { cycle: cycle_id.clone(), calibrator },
            (|file: &CalibrationFile| ("calibrator", file.calibrator.as_str()), |_: &mut CalibrationFile| {}),
            cache,
        )?;
        let instruments = self.load_instruments(&cycle_id, &mut versions, &mut problems, cache)?;
        let data = CycleData { cycle, goals, feedback, competencies, calibration, instruments };
        Ok(Snapshot { info, org, data, problems, versions: Versions(versions) })
    }

    /// The competency framework, the cycle and its goals files, with what their
    /// reading found: the part of [`Store::load_with`] read beside org.toml.
    fn load_cycle_and_goals(
        &self,
        cycle_id: &crate::model::CycleId,
        cache: Option<&CacheRun>,
    ) -> Result<CycleAndGoals, StoreError> {
        let (mut versions, mut problems) = (HashMap::default(), Vec::new());
        let competencies =
            self.load_optional::<Framework>(&Source::Competencies, &mut versions, &mut problems, cache)?;
        let cycle_source = Source::Cycle(cycle_id.clone());
        let Some((cycle, cycle_version)) = self.read_required::<Cycle>(&cycle_source, cache)? else {
            return Err(StoreError::UnknownCycle { root: self.root.clone(), cycle: cycle_id.clone() });
        };
        // Saves go to the folder the cycle's `id` names: it must be the folder it is in.
        if cycle.id != *cycle_id {
            let kind =
                ProblemKind::WrongPlace { field: "id", expected: cycle_id.to_string(), found: cycle.id.to_string() };
            return Err(StoreError::BadFile {
                path: self.display_path(&cycle_source),
                location: None,
                kind: Box::new(kind),
            });
        }
        versions.insert(Self::relative_path(&cycle_source), cycle_version);
        let goals = self.load_folder(
            cycle_id,
            GOALS_DIR,
            &mut versions,
            &mut problems,
            |person| Source::Goals { cycle: cycle_id.clone(), person },
            (|file: &GoalsFile| ("owner", file.owner.as_str()), |file: &mut GoalsFile| self.shed_goals_texts(file)),
            cache,
        )?;
        Ok(CycleAndGoals { competencies, cycle, goals, versions, problems })
    }

    pub(super) fn read_org(&self, cache: Option<&CacheRun>) -> FileRead<Org> {
        let read = self.path_of(&Source::Org).map_err(fault_of_path);
        let read = read.and_then(|path| self.read_record::<Org>(&Source::Org, &path, cache));
        // serde reserves no more than 1 MiB of a list ahead, so a city's people
        // grew by doubling, and up to half the list's room stayed unused, held
        // for the whole session (HR's app at 20,000 people: 3 MB).
        read.map(|found| {
            found.map(|(mut org, version)| {
                org.people.shrink_to_fit();
                (org, version)
            })
        })
    }

    pub(super) fn load_optional<T: Record>(
        &self,
        source: &Source,
        versions: &mut HashMap<PathBuf, Version>,
        problems: &mut Vec<Problem>,
        cache: Option<&CacheRun>,
    ) -> Result<Option<T>, StoreError> {
        let read = self.path_of(source).map_err(fault_of_path).and_then(|path| self.read_record(source, &path, cache));
        Ok(keep(Self::relative_path(source), source, read, versions, problems))
    }

    /// Reads and parses every `*.toml` of a cycle's sub-folder, in parallel; one result
    /// per file name. A name that is not a valid id is a fault of that file alone.
    #[allow(clippy::type_complexity)]
    pub(super) fn parse_folder<T: Record + Send>(
        &self,
        cycle: &str,
        folder_name: &str,
        source_of: impl Fn(crate::model::PersonId) -> Source,
        shed: impl Fn(&mut T) + Sync,
        cache: Option<&CacheRun>,
    ) -> Result<Vec<(PathBuf, Source, FileRead<T>)>, StoreError> {
        let folder = self.folder_of(cycle, folder_name)?;
        let stems = self.stems_to_read(&folder)?;
        let looked_in = Folder::open(folder);
        pages::about_to_read(stems.len());
        if let Some(progress) = &self.progress {
            progress.found(stems.len());
        }
        // Each file's path in the data set, made once for the cache and the versions.
        let files: Vec<(String, Source, PathBuf)> = stems
            .into_iter()
            .map(|stem| {
                let source = source_of(stem.as_str().into());
                let relative = Self::relative_path(&source);
                (stem, source, relative)
            })
            .collect();
        let read_one = |(stem, source, relative): (String, Source, PathBuf), slot| {
            let read = match crate::model::ident::check_id(&stem) {
                // Shed as each file is read, so that what is shed never adds to the peak.
                Ok(()) => read_in(&looked_in, &source, &stem, (slot, self.trusts_own_checks())).map(|mut read| {
                    read.iter_mut().for_each(|(value, _)| shed(value));
                    read
                }),
                Err(reason) => {
                    Err(Fault { location: None, kind: ProblemKind::BadId { field: "file name", id: stem, reason } })
                }
            };
            if let Some(progress) = &self.progress {
                progress.read_one();
            }
            (relative, source, read)
        };
        Ok(CacheRun::read_all(cache, files, |(_, _, relative)| relative, read_one))
    }

    /// Loads a folder of per-person files. A file whose `writer` field names someone
    /// other than its file name is left out and never written: saving it would go to
    /// the other person's file.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn load_folder<T: Record + Send>(
        &self,
        cycle: &str,
        folder_name: &str,
        versions: &mut HashMap<PathBuf, Version>,
        problems: &mut Vec<Problem>,
        source_of: impl Fn(crate::model::PersonId) -> Source,
        (writer, shed): (impl Fn(&T) -> (&'static str, &str), impl Fn(&mut T) + Sync),
        cache: Option<&CacheRun>,
    ) -> Result<Vec<T>, StoreError> {
        let reads = match self.parse_folder::<T>(cycle, folder_name, source_of, shed, cache) {
            Ok(reads) => reads,
            // A linked folder hurts only its own files: they are neither read nor written.
            Err(StoreError::OutsideDataSet(folder)) => {
                let folder = folder.strip_prefix(&self.root).unwrap_or(&folder).display().to_string();
                problems.push(Problem::new(Source::Cycle(cycle.into()), None, ProblemKind::LinkedFolder { folder }));
                return Ok(Vec::new());
            }
            Err(error) => return Err(error),
        };
        // Sized at once: grown by doubling, a city's 20,000 goals files left room for
        // 12,000 more, held for as long as the records are.
        let mut values = Vec::with_capacity(reads.len());
        versions.reserve(reads.len());
        for (relative, source, read) in reads {
            let stem = relative.file_stem().map(|s| s.to_string_lossy());
            let read = read.and_then(|found| match found {
                Some((value, _)) if Some(writer(&value).1) != stem.as_deref() => {
                    let (field, found) = writer(&value);
                    let expected = stem.as_deref().unwrap_or_default().to_owned();
                    Err(Fault {
                        location: None,
                        kind: ProblemKind::WrongPlace { field, expected, found: found.to_owned() },
                    })
                }
                other => Ok(other),
            });
            values.extend(keep(relative, &source, read, versions, problems));
        }
        Ok(values)
    }
}

/// Reads the file `stem`.toml of `folder`, as [`Store::read_record`] reads a file.
fn read_in<T: Record>(
    folder: &Folder,
    source: &Source,
    stem: &str,
    (slot, trusting): (Option<Slot<'_>>, bool),
) -> FileRead<T> {
    let name = format!("{stem}.toml");
    let limit = limit_of(source);
    let Some(facts) = folder.usable(&name, limit)? else { return Ok(None) };
    Store::read_found(facts, || folder.read(&name, &facts, limit), || slot, trusting)
}

/// Keeps what the file of `source` (at `relative`) read gave: its value and version,
/// or its fault as a problem (and a version that forbids writing over it).
fn keep<T>(
    relative: PathBuf,
    source: &Source,
    read: FileRead<T>,
    versions: &mut HashMap<PathBuf, Version>,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    match read {
        Ok(None) => {
            versions.insert(relative, Version::Absent);
            None
        }
        Ok(Some((value, version))) => {
            versions.insert(relative, version);
            Some(value)
        }
        Err(fault) => {
            versions.insert(relative, Version::Broken);
            problems.push(Problem { location: fault.location, ..Problem::new(source.clone(), None, fault.kind) });
            None
        }
    }
}

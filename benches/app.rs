//! The terminal app (DESIGN §7, issue 14): start to first frame at 2,000 people, and
//! one redraw, cursor move, or fold or unfold of a goal at 2,000 and 20,000 people
//! (≤ 2 ms and ≤ 4 ms). Folding takes out or puts back the rows below the goal
//! only; beside it, building every row from scratch (what folding did before), and
//! the ratio of the two is printed. Also a character typed into a list's `/`
//! filter (Tree, Review, People, 1on1s) and erased, each with a redraw.
//!
//! The app is driven as in `tests/ui.rs`: `Workspace::open` and `App::new`, frames
//! drawn by `pdca::ui::app::draw` into a 160 × 48 `TestBackend`, keys given to
//! `App::handle_event`. The actor is the hr person (who may read every goal, so the
//! Tree tab holds the whole cascade: the worst case) or a team member.

mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use pdca::app::App;
use pdca::app::tabs::Tab;
use pdca::keys::Keymap;
use pdca::messages::Lang;
use pdca::store::Store;
use pdca::theme::Theme;
use pdca::view::tree::{Shape, rows};
use pdca::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const SIZE: (u16, u16) = (160, 48);

fn open(store: &Store, actor: &str) -> App {
    let workspace = Workspace::open(store.clone(), None, actor.into(), support::today()).expect("opens");
    App::new(workspace, Lang::Ja, Keymap::new(&BTreeMap::new()), SIZE)
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|frame| pdca::ui::app::draw(app, &Theme::dark(), frame)).expect("draws");
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn first_frame(c: &mut Criterion) {
    let store = support::data_set(2_000);
    let org = store.load(None).expect("loads").org;
    let mut group = c.benchmark_group("first_frame_2000");
    group.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    for (who, actor) in [("hr", support::hr_person(&org)), ("staff", support::staff_member(&org))] {
        // The app and its data are dropped outside the timing: the first frame is on
        // the screen before anything is dropped.
        group.bench_function(format!("open + App::new + draw ({who})"), |b| {
            b.iter_with_large_drop(|| {
                let app = open(&store, &actor);
                let mut terminal = terminal();
                draw(&mut terminal, &app);
                (app, terminal)
            })
        });
    }
    group.finish();
}

fn frames(c: &mut Criterion) {
    for people in [2_000, 20_000] {
        frames_at(c, people);
    }
}

/// The mean time of `runs` runs of `f`.
fn mean_of(runs: u32, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        f();
    }
    start.elapsed() / runs
}

fn frames_at(c: &mut Criterion, people: usize) {
    let store = support::data_set(people);
    let org = store.load(None).expect("loads").org;
    for (who, actor) in [("hr", support::hr_person(&org)), ("staff", support::staff_member(&org))] {
        let started = Instant::now();
        let mut app = open(&store, &actor);
        eprintln!(
            "{people} people, {who}: open + App::new took {:?}; {} tree rows",
            started.elapsed(),
            app.tabs.tree.rows.len()
        );
        let mut terminal = terminal();
        let mut group = c.benchmark_group(format!("frame_{people}_{who}"));
        group.sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
        for tab in [Tab::Tree, Tab::Mine] {
            app.tab = tab;
            group.bench_function(format!("redraw {tab:?}"), |b| b.iter(|| draw(&mut terminal, &app)));
        }
        app.tab = Tab::Tree;
        let row_count = app.tabs.tree.rows.len();
        // One Down each; back to the top (untimed) before the end of the tree.
        let mut move_down = |app: &mut App, with_draw: bool, iterations: u64| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                if app.tabs.tree.selected + 2 >= row_count {
                    app.tabs.tree.selected = 0;
                    app.tabs.tree.offset = 0;
                }
                let start = Instant::now();
                app.handle_event(key(KeyCode::Down));
                if with_draw {
                    draw(&mut terminal, app);
                }
                total += start.elapsed();
            }
            total
        };
        group.bench_function("cursor Down (Tree)", |b| b.iter_custom(|n| move_down(&mut app, false, n)));
        group.bench_function("cursor Down + redraw (Tree)", |b| b.iter_custom(|n| move_down(&mut app, true, n)));
        group.finish();

        // Space on the first top goal: folds it and unfolds it, in turn.
        let mut group = c.benchmark_group(format!("fold_{people}_{who}"));
        group.sample_size(20).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        app.tabs.tree.selected = 0;
        app.tabs.tree.offset = 0;
        let toggle = |app: &mut App| app.handle_event(key(KeyCode::Char(' ')));
        group.bench_function("fold or unfold a goal (Space, Tree)", |b| b.iter(|| toggle(&mut app)));
        group.bench_function("fold or unfold a goal + redraw (Space, Tree)", |b| {
            b.iter(|| {
                toggle(&mut app);
                draw(&mut terminal, &app);
            })
        });
        let scratch = {
            let (world, viewer, tree) = (&app.shared.workspace.world, &app.shared.viewer, &app.tabs.tree);
            let shape = Shape { collapsed: &tree.collapsed, filter: &tree.filter.text, flagged: &app.shared.flagged };
            group.bench_function("every row built from scratch (before: what a fold cost)", |b| {
                b.iter(|| rows(world, viewer, shape))
            });
            mean_of(5, || drop(rows(world, viewer, shape)))
        };
        group.finish();
        // A character typed into a list's `/` filter and taken back, with a redraw
        // after each: two refilters of the whole list, over the tree unfolded.
        if !app.tabs.tree.collapsed.is_empty() {
            toggle(&mut app);
        }
        let mut group = c.benchmark_group(format!("filter_{people}_{who}"));
        group.sample_size(20).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        for tab in [Tab::Tree, Tab::Review, Tab::People, Tab::Meetings] {
            app.tab = tab;
            app.handle_event(key(KeyCode::Char('/')));
            group.bench_function(format!("type a character and erase it + redraws ({tab:?})"), |b| {
                b.iter(|| {
                    for code in [KeyCode::Char('7'), KeyCode::Backspace] {
                        app.handle_event(key(code));
                        draw(&mut terminal, &app);
                    }
                })
            });
            app.handle_event(key(KeyCode::Esc));
        }
        app.tab = Tab::Tree;
        group.finish();
        let fold = mean_of(20, || toggle(&mut app));
        eprintln!(
            "{people} people, {who}: fold or unfold {fold:?}, every row from scratch {scratch:?}: {:.0}× faster",
            scratch.as_secs_f64() / fold.as_secs_f64()
        );
    }
}

criterion_group!(benches, first_frame, frames);
criterion_main!(benches);

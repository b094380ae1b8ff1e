//! The terminal app (DESIGN §7): start to first frame at 2,000 people (≤ 100 ms),
//! and one redraw or cursor move at 20,000 people (≤ 2 ms per frame); also folding a
//! goal at 20,000, which recomputes everything that depends on the data.
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
use pdca::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const SIZE: (u16, u16) = (160, 48);

fn open(store: &Store, actor: &str) -> App {
    let workspace = Workspace::open(store.clone(), None, actor.to_owned(), support::today()).expect("opens");
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
    let store = support::data_set(20_000);
    let org = store.load(None).expect("loads").org;
    for (who, actor) in [("hr", support::hr_person(&org)), ("staff", support::staff_member(&org))] {
        let started = Instant::now();
        let mut app = open(&store, &actor);
        eprintln!(
            "20,000 people, {who}: open + App::new took {:?}; {} tree rows",
            started.elapsed(),
            app.tabs.tree.rows.len()
        );
        let mut terminal = terminal();
        let mut group = c.benchmark_group(format!("frame_20000_{who}"));
        group.sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
        for tab in [Tab::Tree, Tab::Mine] {
            app.tab = tab;
            group.bench_function(format!("redraw {tab:?}"), |b| b.iter(|| draw(&mut terminal, &app)));
        }
        app.tab = Tab::Tree;
        let rows = app.tabs.tree.rows.len();
        // One Down each; back to the top (untimed) before the end of the tree.
        let mut move_down = |app: &mut App, with_draw: bool, iterations: u64| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                if app.tabs.tree.selected + 2 >= rows {
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

        // Folding a goal recomputes what depends on the data (App::refresh): slow, so
        // a few single runs.
        let mut group = c.benchmark_group(format!("refresh_20000_{who}"));
        group.sample_size(10).sampling_mode(SamplingMode::Flat).warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(5));
        app.tabs.tree.selected = 0;
        app.tabs.tree.offset = 0;
        group.bench_function("collapse or expand a goal (Space, Tree)", |b| {
            b.iter(|| app.handle_event(key(KeyCode::Char(' '))))
        });
        group.finish();
    }
}

criterion_group!(benches, first_frame, frames);
criterion_main!(benches);

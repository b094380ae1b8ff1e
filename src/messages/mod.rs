//! Every word the program shows — in the app and on the command line, errors
//! included — in Japanese and English. Each message is a variant of an enum whose
//! two texts stand side by side, so a message without a translation does not
//! compile, and no match here has a catch-all that would fall back to one language.

mod actions;
#[cfg(test)]
mod both_languages;
mod cli;
mod cli_help;
mod competency;
mod csv;
mod dates;
mod evaluation;
mod evidence;
mod figures;
mod hr;
mod identity;
mod instruments;
mod instruments_app;
mod keys;
mod labels;
mod listed;
mod loading;
mod overview;
mod picker;
mod problems;
mod reading;
mod refusals;
mod review_loop;
mod settings;
pub mod sync;
mod text;

pub use cli::CliText;
pub use cli_help::CliHelp;
pub use csv::{ABILITY_CSV_COLUMNS, AbilityCsvColumn, CSV_COLUMNS, CsvColumn, code_or_name};
pub use dates::{DateStyle, date, date_in, date_width, set_date_style};
pub use evaluation::{EvalText, in_lang};
pub use evidence::{EvidenceText, evidence_label};
pub use figures::FigureText;
pub use hr::{export_error, import_error, import_note, left_out, rejection, roster_error};
pub use identity::{Someone, Unidentified};
pub use instruments_app::InstrumentText;
pub use loading::LoadingText;
pub use overview::OverviewText;
pub use picker::PickerText;
pub use problems::problem;
pub use reading::Reading;
pub use refusals::{command_error, denial, edit_error, refusal, store_error, workflow_error};
pub use review_loop::ReviewLoopText;
pub use settings::{config_error, key_error, theme_error};
pub use text::Text;

/// The language of the interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The language of the environment: `LC_ALL`, then `LC_MESSAGES`, then `LANG`;
    /// Japanese for `ja*`, English otherwise.
    pub fn from_env() -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        Lang::from_locale(&value)
    }

    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("ja") { Lang::Ja } else { Lang::En }
    }
}

/// Something said to the user, in either language.
pub trait Message {
    fn ja(&self) -> String;
    fn en(&self) -> String;

    fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.ja(),
            Lang::En => self.en(),
        }
    }
}

/// Declares an enum of messages: each variant with its Japanese and its English
/// text, in which the variant's fields are named (`{field}`, `{field:.1}`).
macro_rules! messages {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident $({ $($field:ident : $type:ty),* $(,)? })? => $ja:literal, $en:literal;
            )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub enum $name {
            $( $(#[$variant_meta])* $variant $({ $($field: $type),* })?, )*
        }

        impl $crate::messages::Message for $name {
            // A text need not name every field: a language may leave one out.
            #[allow(unused_variables)]
            fn ja(&self) -> String {
                match self { $( $name::$variant $({ $($field),* })? => format!($ja), )* }
            }

            #[allow(unused_variables)]
            fn en(&self) -> String {
                match self { $( $name::$variant $({ $($field),* })? => format!($en), )* }
            }
        }
    };
}
pub(crate) use messages;

/// Implements [`Message`] for an enum defined elsewhere by naming each value's texts.
macro_rules! names {
    ($type:ty { $( $value:path => $ja:literal, $en:literal; )* }) => {
        impl $crate::messages::Message for $type {
            fn ja(&self) -> String {
                match self { $( $value => $ja, )* }.to_owned()
            }

            fn en(&self) -> String {
                match self { $( $value => $en, )* }.to_owned()
            }
        }
    };
}
pub(crate) use names;

#[cfg(test)]
mod tests {
    use super::*;

    messages! {
        pub enum Sample {
            Plain => "保存しました", "Saved";
            WithFields { count: usize, name: String } => "{name} さんの目標 {count} 件", "{count} goals of {name}";
            Formatted { total: f64 } => "進捗 {total:.1}%", "progress {total:.1}%";
        }
    }

    #[test]
    fn each_message_has_both_texts_with_its_fields_in_place() {
        assert_eq!(Sample::Plain.text(Lang::Ja), "保存しました");
        assert_eq!(Sample::Plain.text(Lang::En), "Saved");
        let with = Sample::WithFields { count: 3, name: "工藤".into() };
        assert_eq!(with.ja(), "工藤 さんの目標 3 件");
        assert_eq!(with.en(), "3 goals of 工藤");
        assert_eq!(Sample::Formatted { total: 84.25 }.en(), "progress 84.2%");
    }

    #[test]
    fn the_locale_decides_the_default_language() {
        assert_eq!(Lang::from_locale("ja_JP.UTF-8"), Lang::Ja);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}

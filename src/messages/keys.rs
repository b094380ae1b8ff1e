//! The words of the keymap's contexts: headings of the help and the place named
//! when a key clashes.

use super::names;
use crate::keys::Context;

names!(Context {
    Context::Global => "どこでも", "everywhere";
    Context::Tree => "目標体系", "Tree";
    Context::Mine => "自分の目標", "My goals";
    Context::Review => "レビュー", "Review";
    Context::Contribution => "貢献度", "Contribution";
    Context::People => "組織", "People";
    Context::Meetings => "1on1・意識調査", "1on1s & survey";
    Context::Abilities => "能力評価", "ability ratings";
    Context::Calibration => "評価調整", "calibration";
    Context::Form => "入力フォーム", "forms";
    Context::Help => "ヘルプ", "the help";
    Context::Detail => "目標の詳細", "a goal's details";
    Context::Confirm => "確認", "questions";
    Context::Menu => "操作の一覧", "the actions menu";
    Context::Picker => "利用者の選択", "the person picker";
});

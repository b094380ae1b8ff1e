//! The export's TOML text, the bytes of `toml::to_string` made without its general
//! machinery: at city scale the export is over a hundred megabytes of tables, and
//! `toml`'s document buffer (an ordered map of insertions, put in place at the end)
//! and its per-string analysis were a quarter of its time at 2,000 fully filled
//! people.
//!
//! The layout is `toml`'s own, read from its serializer (`toml` 1.2):
//! - a table's fields are probed as `toml` probes them: a value, a table, an array
//!   of tables (a non-empty array whose elements are all tables) or nothing (`None`);
//! - a table's values come first, each `key = value` on its line, then its tables and
//!   arrays of tables in field order, each headed `[key]` or `[[key]]` after a blank
//!   line (none before the document's first line); a value that comes after a table
//!   goes before that table, as `toml` inserts it there;
//! - a table with only tables under it gets no header of its own.
//!
//! Every scalar is written by `toml_writer`, the writer `toml` itself uses, except a
//! string with nothing to escape, which is written as it is between double quotes,
//! what `toml_writer` would write. Shapes the export's records never take (inline
//! tables, enums with data, units, bytes, map keys that are not strings) and every
//! error are left to `toml::to_string`, so the text and the errors are always
//! `toml`'s. The tests compare both on records, on fixed cases and on random
//! documents, so an update of `toml` that changed its layout fails them.

use serde::Serialize;
use serde::ser::{self, Impossible};
use toml_writer::TomlWrite as _;

mod values;
use values::{InlineValue, Probe, Shape, StrText, answer_with, seq_like};

/// `value` as TOML text, byte for byte `toml::to_string(value)`.
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, toml::ser::Error> {
    match written_here(value) {
        Some(text) => Ok(text),
        None => toml::to_string(value),
    }
}

/// `value` as TOML text if this writer writes it itself.
fn written_here<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut out = String::new();
    value.serialize(TableSerializer { out: &mut out, key: String::new(), array: false }).ok()?;
    Some(out)
}

/// What this writer leaves to `toml`: a shape it does not write, or an error.
#[derive(Debug)]
struct LeftToToml;

impl std::fmt::Display for LeftToToml {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("left to toml")
    }
}

impl std::error::Error for LeftToToml {}

impl ser::Error for LeftToToml {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        LeftToToml
    }
}

impl From<std::fmt::Error> for LeftToToml {
    fn from(_: std::fmt::Error) -> Self {
        LeftToToml
    }
}

type Written = Result<(), LeftToToml>;

/// One table being written into the document `out`.
struct Table<'o> {
    out: &'o mut String,
    /// The dotted key of its header; empty for the document itself.
    key: String,
    /// An element of an array of tables: its `[[key]]` header is always written.
    array: bool,
    /// Its header (if any) is written.
    started: bool,
    /// Where its first table began: values after it are inserted there, at `late_at`.
    children_at: Option<usize>,
    late_at: usize,
}

impl<'o> Table<'o> {
    fn new(out: &'o mut String, key: String, array: bool) -> Self {
        let mut table = Table { out, key, array, started: false, children_at: None, late_at: 0 };
        if array {
            table.start_at_end();
        }
        table
    }

    /// Starts the table at the end of the document: its header, if it has one.
    fn start_at_end(&mut self) {
        let at = self.out.len();
        write_header(&self.key, self.array, at, self.out);
        self.started = true;
    }

    /// Starts the table before its tables, which began at `at`: its header is
    /// inserted there, and its values after it.
    fn start_before_tables(&mut self, at: usize) {
        let mut header = String::new();
        write_header(&self.key, self.array, at, &mut header);
        self.insert(&header);
        if at == 0 {
            // `toml` sets a section inserted at the very start apart from what follows.
            self.out.insert(self.late_at, '\n');
        }
        self.started = true;
    }

    fn insert(&mut self, text: &str) {
        self.out.insert_str(self.late_at, text);
        self.late_at += text.len();
    }

    /// `key = value` on its own line: at the end, or before this table's tables.
    fn value_line<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Written {
        match self.children_at {
            None => {
                if !self.started {
                    self.start_at_end();
                }
                line(self.out, key, value)
            }
            Some(at) => {
                if !self.started {
                    self.start_before_tables(at);
                }
                let mut text = String::new();
                line(&mut text, key, value)?;
                self.insert(&text);
                Ok(())
            }
        }
    }

    /// The dotted key of a table under this one, which begins now.
    fn child(&mut self, key: &str) -> Result<String, LeftToToml> {
        let mut child = String::with_capacity(self.key.len() + key.len() + 1);
        if !self.key.is_empty() {
            child.push_str(&self.key);
            child.push('.');
        }
        push_key(&mut child, key)?;
        if self.children_at.is_none() {
            let at = self.out.len();
            self.children_at = Some(at);
            self.late_at = at;
        }
        Ok(child)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Written {
        match value.serialize(Probe) {
            Err(Shape::Value) => self.value_line(key, value),
            Err(Shape::Table) => {
                let key = self.child(key)?;
                value.serialize(TableSerializer { out: self.out, key, array: false })
            }
            Err(Shape::ArrayOfTables) => {
                let key = self.child(key)?;
                value.serialize(ArrayOfTables { out: self.out, key })
            }
            Err(Shape::Nothing) => Ok(()),
            Err(Shape::Unknown) => Err(LeftToToml),
            Ok(never) => match never {},
        }
    }

    fn end(mut self) -> Written {
        // An empty table is still written, as its header alone.
        if !self.started && self.children_at.is_none() && !self.key.is_empty() {
            self.start_at_end();
        }
        Ok(())
    }
}

/// A table's header (`[key]`, `[[key]]` for an element of an array of tables; none
/// for the document itself), after a blank line unless it is placed (`at`) at the
/// very start of the document.
fn write_header(key: &str, array: bool, at: usize, dst: &mut String) {
    if at != 0 {
        dst.push('\n');
    }
    if !key.is_empty() {
        dst.push_str(if array { "[[" } else { "[" });
        dst.push_str(key);
        dst.push_str(if array { "]]\n" } else { "]\n" });
    }
}

fn line<T: Serialize + ?Sized>(dst: &mut String, key: &str, value: &T) -> Written {
    push_key(dst, key)?;
    dst.push_str(" = ");
    value.serialize(InlineValue { dst })?;
    dst.push('\n');
    Ok(())
}

/// A bare key (letters, digits, `-`, `_`: every field's name) as it is, which is
/// what `toml_writer` writes for it; any other key as `toml_writer` quotes it.
fn push_key(dst: &mut String, key: &str) -> Written {
    if !key.is_empty() && key.bytes().all(|b| BARE[usize::from(b)]) {
        dst.push_str(key);
        Ok(())
    } else {
        Ok(dst.key(key)?)
    }
}

/// The bytes of a bare key, looked up: a key is written for every value of the
/// export, and the three comparisons a byte took were a twentieth of its writing.
const BARE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        byte += 1;
    }
    table
};

/// Writes a table (a struct or a map) into the document.
struct TableSerializer<'o> {
    out: &'o mut String,
    key: String,
    array: bool,
}

impl<'o> ser::Serializer for TableSerializer<'o> {
    type Ok = ();
    type Error = LeftToToml;
    type SerializeSeq = Impossible<(), LeftToToml>;
    type SerializeTuple = Impossible<(), LeftToToml>;
    type SerializeTupleStruct = Impossible<(), LeftToToml>;
    type SerializeTupleVariant = Impossible<(), LeftToToml>;
    type SerializeMap = TableFields<'o>;
    type SerializeStruct = TableFields<'o>;
    type SerializeStructVariant = Impossible<(), LeftToToml>;

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Written {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Written {
        value.serialize(self)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<TableFields<'o>, LeftToToml> {
        Ok(TableFields { table: Table::new(self.out, self.key, self.array), key: None })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<TableFields<'o>, LeftToToml> {
        self.serialize_map(Some(len))
    }

    answer_with! { LeftToToml; bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char str bytes none unit unit_struct
    unit_variant newtype_variant seq tuple tuple_struct tuple_variant struct_variant }
}

/// The fields of a table, or the entries of a map.
struct TableFields<'o> {
    table: Table<'o>,
    /// A map's key, between `serialize_key` and `serialize_value`.
    key: Option<String>,
}

impl ser::SerializeStruct for TableFields<'_> {
    type Ok = ();
    type Error = LeftToToml;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Written {
        self.table.field(key, value)
    }

    fn end(self) -> Written {
        self.table.end()
    }
}

impl ser::SerializeMap for TableFields<'_> {
    type Ok = ();
    type Error = LeftToToml;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Written {
        let mut text = String::new();
        key.serialize(StrText(&mut text))?;
        self.key = Some(text);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Written {
        let key = self.key.take().ok_or(LeftToToml)?;
        self.table.field(&key, value)
    }

    fn end(self) -> Written {
        self.table.end()
    }
}

/// An array of tables, each element a `[[key]]` table.
struct ArrayOfTables<'o> {
    out: &'o mut String,
    key: String,
}

impl ser::Serializer for ArrayOfTables<'_> {
    type Ok = ();
    type Error = LeftToToml;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Impossible<(), LeftToToml>;
    type SerializeMap = Impossible<(), LeftToToml>;
    type SerializeStruct = Impossible<(), LeftToToml>;
    type SerializeStructVariant = Impossible<(), LeftToToml>;

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Written {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Written {
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self, LeftToToml> {
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self, LeftToToml> {
        Ok(self)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, LeftToToml> {
        Ok(self)
    }

    answer_with! { LeftToToml; bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char str bytes none unit unit_struct
    unit_variant newtype_variant tuple_variant map struct struct_variant }
}

impl ArrayOfTables<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Written {
        value.serialize(TableSerializer { out: self.out, key: self.key.clone(), array: true })
    }

    fn finish(self) -> Written {
        Ok(())
    }
}

seq_like!(ArrayOfTables<'_>, (), LeftToToml);

#[cfg(test)]
mod tests;

//! The parts of a table: how a field is written (its [`Shape`], probed as `toml`
//! probes it), values on one line, and map keys.

use std::convert::Infallible;

use serde::Serialize;
use serde::ser::{self, Impossible};
use toml_writer::TomlWrite as _;

use super::{LeftToToml, Written};

/// Serializer methods that answer `$answer` for the kinds listed, those a
/// serializer does not write.
macro_rules! answer_with {
    ($answer:expr; $($kind:ident)*) => { $( answer_with!(@ $answer; $kind); )* };
    (@ $answer:expr; bool) => { fn serialize_bool(self, _: bool) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; i8) => { fn serialize_i8(self, _: i8) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; i16) => { fn serialize_i16(self, _: i16) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; i32) => { fn serialize_i32(self, _: i32) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; i64) => { fn serialize_i64(self, _: i64) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; i128) => { fn serialize_i128(self, _: i128) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; u128) => { fn serialize_u128(self, _: u128) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; u8) => { fn serialize_u8(self, _: u8) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; u16) => { fn serialize_u16(self, _: u16) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; u32) => { fn serialize_u32(self, _: u32) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; u64) => { fn serialize_u64(self, _: u64) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; f32) => { fn serialize_f32(self, _: f32) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; f64) => { fn serialize_f64(self, _: f64) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; char) => { fn serialize_char(self, _: char) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; str) => { fn serialize_str(self, _: &str) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; bytes) => { fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; none) => { fn serialize_none(self) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; some) => {
        fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<Self::Ok, Self::Error> { Err($answer) }
    };
    (@ $answer:expr; unit) => { fn serialize_unit(self) -> Result<Self::Ok, Self::Error> { Err($answer) } };
    (@ $answer:expr; unit_struct) => {
        fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, Self::Error> { Err($answer) }
    };
    (@ $answer:expr; unit_variant) => {
        fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<Self::Ok, Self::Error> {
            Err($answer)
        }
    };
    (@ $answer:expr; newtype_struct) => {
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, _: &T) -> Result<Self::Ok, Self::Error> {
            Err($answer)
        }
    };
    (@ $answer:expr; newtype_variant) => {
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self, _: &'static str, _: u32, _: &'static str, _: &T,
        ) -> Result<Self::Ok, Self::Error> {
            Err($answer)
        }
    };
    (@ $answer:expr; seq) => {
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Self::Error> { Err($answer) }
    };
    (@ $answer:expr; tuple) => {
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Self::Error> { Err($answer) }
    };
    (@ $answer:expr; tuple_struct) => {
        fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Self::Error> {
            Err($answer)
        }
    };
    (@ $answer:expr; tuple_variant) => {
        fn serialize_tuple_variant(
            self, _: &'static str, _: u32, _: &'static str, _: usize,
        ) -> Result<Self::SerializeTupleVariant, Self::Error> {
            Err($answer)
        }
    };
    (@ $answer:expr; map) => {
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Self::Error> { Err($answer) }
    };
    (@ $answer:expr; struct) => {
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Self::Error> {
            Err($answer)
        }
    };
    (@ $answer:expr; struct_variant) => {
        fn serialize_struct_variant(
            self, _: &'static str, _: u32, _: &'static str, _: usize,
        ) -> Result<Self::SerializeStructVariant, Self::Error> {
            Err($answer)
        }
    };
}
pub(super) use answer_with;

/// `SerializeSeq`, `SerializeTuple` and `SerializeTupleStruct` for `$array`, which
/// takes all three alike through its own `element` and `finish`.
macro_rules! seq_like {
    ($array:ty, $ok:ty, $error:ty) => {
        seq_like!(@ SerializeSeq, serialize_element, $array, $ok, $error);
        seq_like!(@ SerializeTuple, serialize_element, $array, $ok, $error);
        seq_like!(@ SerializeTupleStruct, serialize_field, $array, $ok, $error);
    };
    (@ $trait:ident, $method:ident, $array:ty, $ok:ty, $error:ty) => {
        impl serde::ser::$trait for $array {
            type Ok = $ok;
            type Error = $error;

            fn $method<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<(), $error> {
                self.element(value)
            }

            fn end(self) -> Result<$ok, $error> {
                self.finish()
            }
        }
    };
}
pub(super) use seq_like;

/// How a field is written, as `toml` decides it: the answer of [`Probe`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// `key = value` in the table.
    Value,
    /// A table of its own.
    Table,
    /// A non-empty array whose elements are all tables.
    ArrayOfTables,
    /// Nothing at all (`None`).
    Nothing,
    /// The value failed (a custom error of its `Serialize`) while it was probed.
    Unknown,
}

impl std::fmt::Display for Shape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Shape {}

impl ser::Error for Shape {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Shape::Unknown
    }
}

/// Finds a value's [`Shape`] without writing it; answers through the error, to stop
/// at the first thing it tells.
pub(super) struct Probe;

impl ser::Serializer for Probe {
    type Ok = Infallible;
    type Error = Shape;
    type SerializeSeq = ArrayProbe;
    type SerializeTuple = ArrayProbe;
    type SerializeTupleStruct = ArrayProbe;
    type SerializeTupleVariant = Impossible<Infallible, Shape>;
    type SerializeMap = Impossible<Infallible, Shape>;
    type SerializeStruct = DatetimeProbe;
    type SerializeStructVariant = Impossible<Infallible, Shape>;

    answer_with! { Shape::Value; bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str bytes unit unit_struct unit_variant }
    answer_with! { Shape::Nothing; none }
    answer_with! { Shape::Table; newtype_variant tuple_variant map struct_variant }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Infallible, Shape> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<Infallible, Shape> {
        value.serialize(self)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<ArrayProbe, Shape> {
        Ok(ArrayProbe { empty: true })
    }

    fn serialize_tuple(self, _: usize) -> Result<ArrayProbe, Shape> {
        Ok(ArrayProbe { empty: true })
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<ArrayProbe, Shape> {
        Ok(ArrayProbe { empty: true })
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<DatetimeProbe, Shape> {
        if toml_datetime::ser::is_datetime(name) { Ok(DatetimeProbe) } else { Err(Shape::Table) }
    }
}

/// An array is an array of tables when it has elements and all are tables.
pub(super) struct ArrayProbe {
    empty: bool,
}

impl ArrayProbe {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Shape> {
        self.empty = false;
        match value.serialize(Probe) {
            Err(Shape::Table) => Ok(()),
            _ => Err(Shape::Value),
        }
    }

    fn finish(self) -> Result<Infallible, Shape> {
        Err(if self.empty { Shape::Value } else { Shape::ArrayOfTables })
    }
}

seq_like!(ArrayProbe, Infallible, Shape);

/// A datetime is a value.
pub(super) struct DatetimeProbe;

impl ser::SerializeStruct for DatetimeProbe {
    type Ok = Infallible;
    type Error = Shape;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, _: &T) -> Result<(), Shape> {
        Ok(())
    }

    fn end(self) -> Result<Infallible, Shape> {
        Err(Shape::Value)
    }
}

/// Writes a value on its line: a scalar, a datetime or an array of them.
pub(super) struct InlineValue<'d> {
    pub(super) dst: &'d mut String,
}

impl<'d> ser::Serializer for InlineValue<'d> {
    type Ok = ();
    type Error = LeftToToml;
    type SerializeSeq = InlineArray<'d>;
    type SerializeTuple = InlineArray<'d>;
    type SerializeTupleStruct = InlineArray<'d>;
    type SerializeTupleVariant = Impossible<(), LeftToToml>;
    type SerializeMap = Impossible<(), LeftToToml>;
    type SerializeStruct = InlineDatetime<'d>;
    type SerializeStructVariant = Impossible<(), LeftToToml>;

    fn serialize_bool(self, v: bool) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_i8(self, v: i8) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_i16(self, v: i16) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_i32(self, v: i32) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_i64(self, v: i64) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_i128(self, v: i128) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_u8(self, v: u8) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_u16(self, v: u16) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_u32(self, v: u32) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_u64(self, v: u64) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_u128(self, v: u128) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_f32(self, v: f32) -> Written {
        // `toml` drops the sign of a NaN.
        Ok(self.dst.value(if v.is_nan() { v.copysign(1.0) } else { v })?)
    }

    fn serialize_f64(self, v: f64) -> Written {
        Ok(self.dst.value(if v.is_nan() { v.copysign(1.0) } else { v })?)
    }

    fn serialize_char(self, v: char) -> Written {
        Ok(self.dst.value(v)?)
    }

    fn serialize_str(self, v: &str) -> Written {
        // Nothing to escape and no quote: `toml_writer` writes the text as it is, as
        // a basic string, or a multi-line one after a line break when it has line
        // breaks (a sheet's comments and plans). Anything else takes its own choice
        // of form. (A fold, not `all`: it does not stop early, and so runs many bytes
        // at a time.)
        let (special, line_break) = v.bytes().fold((false, false), |(special, line_break), b| {
            let control = (b < 0x20) & (b != b'\n');
            (special | control | (b == b'"') | (b == b'\\') | (b == 0x7f), line_break | (b == b'\n'))
        });
        let quotes = match (special, line_break) {
            (true, _) => return Ok(self.dst.value(v)?),
            (false, false) => ("\"", "\""),
            (false, true) => ("\"\"\"\n", "\"\"\""),
        };
        self.dst.reserve(v.len() + quotes.0.len() + quotes.1.len());
        self.dst.push_str(quotes.0);
        self.dst.push_str(v);
        self.dst.push_str(quotes.1);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Written {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Written {
        value.serialize(self)
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Written {
        self.serialize_str(variant)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<InlineArray<'d>, LeftToToml> {
        self.dst.push('[');
        Ok(InlineArray { dst: self.dst, first: true })
    }

    fn serialize_tuple(self, len: usize) -> Result<InlineArray<'d>, LeftToToml> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<InlineArray<'d>, LeftToToml> {
        self.serialize_seq(Some(len))
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<InlineDatetime<'d>, LeftToToml> {
        if toml_datetime::ser::is_datetime(name) {
            Ok(InlineDatetime { dst: self.dst, written: false })
        } else {
            Err(LeftToToml)
        }
    }

    answer_with! { LeftToToml; bytes none unit unit_struct newtype_variant tuple_variant map struct_variant }
}

/// `[a, b, c]`.
pub(super) struct InlineArray<'d> {
    dst: &'d mut String,
    first: bool,
}

impl InlineArray<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Written {
        if !self.first {
            self.dst.push_str(", ");
        }
        self.first = false;
        value.serialize(InlineValue { dst: self.dst })
    }

    fn finish(self) -> Written {
        self.dst.push(']');
        Ok(())
    }
}

seq_like!(InlineArray<'_>, (), LeftToToml);

/// A TOML datetime, whose one field is its text as `toml_datetime` prints it: what
/// `toml` writes, after reading it back and printing it again. Taken as it comes,
/// since printing what was read from a print gives the same text: the reading and
/// printing were a sixth of the export's instructions at 2,000 fully filled people.
pub(super) struct InlineDatetime<'d> {
    dst: &'d mut String,
    written: bool,
}

impl ser::SerializeStruct for InlineDatetime<'_> {
    type Ok = ();
    type Error = LeftToToml;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Written {
        if std::mem::replace(&mut self.written, true) {
            return Err(LeftToToml);
        }
        value.serialize(StrText(self.dst))
    }

    fn end(self) -> Written {
        if self.written { Ok(()) } else { Err(LeftToToml) }
    }
}

/// A string's text, added to `0` as it is: a map's key, or a datetime's text.
pub(super) struct StrText<'d>(pub(super) &'d mut String);

impl ser::Serializer for StrText<'_> {
    type Ok = ();
    type Error = LeftToToml;
    type SerializeSeq = Impossible<(), LeftToToml>;
    type SerializeTuple = Impossible<(), LeftToToml>;
    type SerializeTupleStruct = Impossible<(), LeftToToml>;
    type SerializeTupleVariant = Impossible<(), LeftToToml>;
    type SerializeMap = Impossible<(), LeftToToml>;
    type SerializeStruct = Impossible<(), LeftToToml>;
    type SerializeStructVariant = Impossible<(), LeftToToml>;

    fn serialize_str(self, text: &str) -> Written {
        self.0.push_str(text);
        Ok(())
    }

    answer_with! { LeftToToml; bool i8 i16 i32 i64 u8 u16 u32 u64 f32 f64 char bytes none some unit unit_struct
    unit_variant newtype_struct newtype_variant seq tuple tuple_struct tuple_variant map struct struct_variant }
}

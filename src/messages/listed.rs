//! [`messages!`](super::messages) that also lists one value of each variant, so
//! that a test can read every text of the enum.

/// Declares an enum of messages as [`messages!`](super::messages) does; in tests,
/// `every()` gives one value of each variant, its fields at their defaults.
macro_rules! listed_messages {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident $({ $($field:ident : $type:ty),* $(,)? })? => $ja:literal, $en:literal;
            )*
        }
    ) => {
        $crate::messages::messages! {
            $(#[$meta])*
            pub enum $name {
                $( $(#[$variant_meta])* $variant $({ $($field: $type),* })? => $ja, $en; )*
            }
        }

        #[cfg(test)]
        impl $name {
            pub(crate) fn every() -> Vec<$name> {
                vec![$( $name::$variant $({ $($field: Default::default()),* })? ),*]
            }
        }
    };
}
pub(crate) use listed_messages;

//! Putting a record in the place of its earlier version in a list: the one way the
//! commands and the loaded cycle replace what they keep.

/// Puts `item` in place of the first element of `list` that is `same` as it —
/// `inherit` first moving into `item` what it keeps of the element it replaces
/// (keys of a newer version) — or adds it at the end. Returns where it went.
pub fn replace_or_push<T>(
    list: &mut Vec<T>,
    mut item: T,
    same: impl Fn(&T, &T) -> bool,
    inherit: impl FnOnce(&mut T, &mut T),
) -> usize {
    match list.iter().position(|existing| same(existing, &item)) {
        Some(at) => {
            inherit(&mut item, &mut list[at]);
            list[at] = item;
            at
        }
        None => {
            list.push(item);
            list.len() - 1
        }
    }
}

/// Removes the elements after the one at `at` that are `same` as it: one entry
/// per key, the first.
pub fn drop_later<T>(list: &mut Vec<T>, at: usize, same: impl Fn(&T, &T) -> bool) {
    let mut later = list.split_off(at + 1);
    later.retain(|element| !same(&list[at], element));
    list.extend(later);
}

/// The element of `list`, sorted by `key`, whose key is `wanted`.
pub fn find_sorted<'a, T, K: Ord + ?Sized>(list: &'a [T], wanted: &K, key: impl Fn(&T) -> &K) -> Option<&'a T> {
    list.binary_search_by(|element| key(element).cmp(wanted)).ok().map(|at| &list[at])
}

/// Puts `item` in place of the element of `list` (sorted by `key`) with its key,
/// or inserts it where the order stays.
pub fn upsert_sorted<T, K: Ord + ?Sized>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> &K) {
    match list.binary_search_by(|element| key(element).cmp(key(&item))) {
        Ok(at) => list[at] = item,
        Err(at) => list.insert(at, item),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_takes_the_first_of_the_same_key_and_keeps_what_it_inherits() {
        let mut list = vec![("a", 1), ("b", 2), ("a", 3)];
        let same = |x: &(&str, i32), y: &(&str, i32)| x.0 == y.0;
        let at = replace_or_push(&mut list, ("a", 10), same, |new, old| new.1 += old.1);
        assert_eq!((at, list.clone()), (0, vec![("a", 11), ("b", 2), ("a", 3)]));
        let at = replace_or_push(&mut list, ("c", 4), same, |_, _| unreachable!("nothing to replace"));
        assert_eq!((at, list.clone()), (3, vec![("a", 11), ("b", 2), ("a", 3), ("c", 4)]));
        drop_later(&mut list, 0, same);
        assert_eq!(list, [("a", 11), ("b", 2), ("c", 4)]);
    }

    #[test]
    fn a_sorted_list_stays_sorted() {
        let mut list = vec![("b", 1), ("d", 2)];
        upsert_sorted(&mut list, ("c", 3), |x| x.0);
        upsert_sorted(&mut list, ("a", 4), |x| x.0);
        upsert_sorted(&mut list, ("d", 5), |x| x.0);
        assert_eq!(list, [("a", 4), ("b", 1), ("c", 3), ("d", 5)]);
        assert_eq!(find_sorted(&list, "c", |x| x.0), Some(&("c", 3)));
        assert_eq!(find_sorted(&list, "e", |x| x.0), None);
    }
}

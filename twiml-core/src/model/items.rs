//! [`Items`]: the content of an element that most often holds one item.

use std::fmt;
use std::ops::{Deref, DerefMut};

/// A list that holds its first item in place and makes an allocation only for a second: the
/// content of a `<Say>`, which most often is one text. It reads as a slice (`len`, `iter`,
/// indexing, `first`, `last_mut`, ...), and grows with [`push`](Items::push), as a `Vec` does.
///
/// ```
/// use twiml::Items;
///
/// let mut words: Items<&str> = Items::new();
/// words.push("Hello");
/// assert_eq!(words.len(), 1);
/// words.push("world");
/// assert_eq!(words.iter().copied().collect::<Vec<_>>(), ["Hello", "world"]);
/// assert_eq!(words, Items::from(vec!["Hello", "world"]));
/// ```
#[derive(Clone)]
pub struct Items<T>(Repr<T>);

#[derive(Clone)]
enum Repr<T> {
    /// No item, and no allocation (the state of [`Items::new`]).
    Empty,
    /// One item, in place.
    One(T),
    /// Any number of items, in a list (after a second was pushed, or a list was given).
    Many(Vec<T>),
}

impl<T> Items<T> {
    /// An empty list, which allocates nothing.
    pub const fn new() -> Self {
        Items(Repr::Empty)
    }

    /// A list of one item, held in place.
    pub const fn one(item: T) -> Self {
        Items(Repr::One(item))
    }

    /// Appends `item`: the first is held in place, a second moves both into a list.
    pub fn push(&mut self, item: T) {
        match &mut self.0 {
            Repr::Many(items) => items.push(item),
            Repr::Empty => self.0 = Repr::One(item),
            Repr::One(_) => {
                let Repr::One(first) = std::mem::replace(&mut self.0, Repr::Empty) else {
                    unreachable!("matched as one item above")
                };
                self.0 = Repr::Many(vec![first, item]);
            }
        }
    }

    /// Whether it holds no item (as the slice says; serde's `skip_serializing_if` names it).
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// How many items it holds room for without allocating again.
    pub fn capacity(&self) -> usize {
        match &self.0 {
            Repr::Empty | Repr::One(_) => 1,
            Repr::Many(items) => items.capacity(),
        }
    }

    /// Makes room for at least `additional` more items (in a list, when more than the one in
    /// place are asked for).
    pub fn reserve_exact(&mut self, additional: usize) {
        if self.len() + additional > self.capacity() {
            let mut items = Vec::with_capacity(self.len() + additional);
            items.extend(self.take_all());
            self.0 = Repr::Many(items);
        } else if let Repr::Many(items) = &mut self.0 {
            items.reserve_exact(additional);
        }
    }

    /// Removes every item, keeping a list's allocation.
    pub fn clear(&mut self) {
        match &mut self.0 {
            Repr::Many(items) => items.clear(),
            _ => self.0 = Repr::Empty,
        }
    }

    /// The items as a slice.
    pub fn as_slice(&self) -> &[T] {
        match &self.0 {
            Repr::Empty => &[],
            Repr::One(item) => std::slice::from_ref(item),
            Repr::Many(items) => items,
        }
    }

    /// The items as a mutable slice.
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        match &mut self.0 {
            Repr::Empty => &mut [],
            Repr::One(item) => std::slice::from_mut(item),
            Repr::Many(items) => items,
        }
    }

    /// The items as a `Vec` (which allocates for an item held in place).
    pub fn into_vec(self) -> Vec<T> {
        match self.0 {
            Repr::Empty => Vec::new(),
            Repr::One(item) => vec![item],
            Repr::Many(items) => items,
        }
    }

    /// The items, moved out, leaving the list empty.
    fn take_all(&mut self) -> Vec<T> {
        std::mem::take(self).into_vec()
    }
}

impl<T> Default for Items<T> {
    fn default() -> Self {
        Items::new()
    }
}

impl<T> Deref for Items<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<T> DerefMut for Items<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        self.as_mut_slice()
    }
}

impl<T: fmt::Debug> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Two lists are equal when their items are, however each holds them.
impl<T: PartialEq> PartialEq for Items<T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Eq> Eq for Items<T> {}

impl<T: PartialEq> PartialEq<Vec<T>> for Items<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T> From<Vec<T>> for Items<T> {
    /// A list of one item is held in place, and its allocation freed.
    fn from(mut items: Vec<T>) -> Self {
        match items.len() {
            0 => Items::new(),
            1 => items.pop().map_or_else(Items::new, Items::one),
            _ => Items(Repr::Many(items)),
        }
    }
}

impl<T> From<Items<T>> for Vec<T> {
    fn from(items: Items<T>) -> Self {
        items.into_vec()
    }
}

impl<T> FromIterator<T> for Items<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut items = Items::new();
        items.extend(iter);
        items
    }
}

impl<T> Extend<T> for Items<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for item in iter {
            self.push(item);
        }
    }
}

impl<T> IntoIterator for Items<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Items<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Items<T> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_mut_slice().iter_mut()
    }
}

#[cfg(feature = "serde")]
impl<T: serde::Serialize> serde::Serialize for Items<T> {
    /// As a sequence, as a `Vec` is.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Items<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<T>::deserialize(deserializer).map(Items::from)
    }
}

#[cfg(test)]
mod tests {
    use super::Items;

    /// Pushing, reserving, clearing and converting keep the items and their order, whichever
    /// way they are held, and read as a `Vec` of the same pushes reads.
    #[test]
    fn items_read_as_a_vec_of_the_same_pushes() {
        for n in 0..6 {
            for reserve_at in 0..=n {
                for reserve in [0, 1, 2, 8] {
                    let mut items = Items::new();
                    let mut vec = Vec::new();
                    for i in 0..n {
                        if i == reserve_at {
                            items.reserve_exact(reserve);
                            assert!(items.capacity() >= items.len() + reserve);
                        }
                        items.push(i);
                        vec.push(i);
                        assert_eq!(items.as_slice(), vec.as_slice());
                    }
                    assert_eq!(items, vec);
                    assert_eq!(Items::from(vec.clone()), items);
                    assert_eq!(
                        items.iter().collect::<Vec<_>>(),
                        vec.iter().collect::<Vec<_>>()
                    );
                    assert_eq!(format!("{items:?}"), format!("{vec:?}"));
                    for x in &mut items {
                        *x += 1;
                    }
                    assert_eq!(
                        items.clone().into_vec(),
                        vec.iter().map(|x| x + 1).collect::<Vec<_>>()
                    );
                    items.clear();
                    assert!(items.is_empty());
                    items.push(7);
                    assert_eq!(items, vec![7]);
                }
            }
        }
        let collected: Items<u8> = (1..4).collect();
        assert_eq!(collected, vec![1, 2, 3]);
    }

    /// A list of one item holds it in place: no allocation, which is what the type is for.
    #[test]
    fn one_item_is_held_in_place() {
        let mut items = Items::new();
        items.push(String::from("Hello"));
        assert!(matches!(items.0, super::Repr::One(_)));
        assert!(matches!(Items::from(vec![1]).0, super::Repr::One(1)));
        items.push(String::from("world"));
        assert!(matches!(items.0, super::Repr::Many(_)));
    }
}

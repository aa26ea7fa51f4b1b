//! The legal order of heirs (*ahli waris*), regulations.md §4.

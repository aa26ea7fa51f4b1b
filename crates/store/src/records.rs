//! Records as the store returns them. (Filled in as the registry grows.)

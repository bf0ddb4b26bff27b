// Placeholder: the SQLite module is being written.

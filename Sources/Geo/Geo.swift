// Placeholder: the Geo module is being written.

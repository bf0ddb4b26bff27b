// Placeholder: the Messages module is being written.

// Placeholder: the Storage module is being written.

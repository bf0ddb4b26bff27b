// Placeholder: the RPC module is being written.

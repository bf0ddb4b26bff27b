// Placeholder: the HTTP2 module is being written.

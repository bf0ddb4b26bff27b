// `import ResonanceClient` is enough to use the client: the message structs, the status and
// metadata types and the transport's configuration come with it.
@_exported import Messages
@_exported import RPC
@_exported import RPCTransport

import Testing

@testable import RPC

@Test func placeholderRPC() {}

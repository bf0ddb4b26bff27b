import Testing

@testable import HTTP2

@Test func placeholderHTTP2() {}

import Testing

@testable import Messages

@Test func placeholderMessages() {}

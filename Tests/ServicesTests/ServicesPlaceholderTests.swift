import Testing

@testable import Services

@Test func servicesModuleBuilds() {}

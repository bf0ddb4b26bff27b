import Testing

@testable import Geo

@Test func placeholderGeo() {}

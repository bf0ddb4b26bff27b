import RPC

/// Collects every bad field of a request, then throws one INVALID_ARGUMENT whose
/// google.rpc.BadRequest names each field by its proto path (e.g. `"display_name"`).
///
/// ```swift
/// var validation = Validation()
/// validation.require(name.count <= 50, field: "display_name", "must be at most 50 characters")
/// try validation.check()
/// ```
public struct Validation: Sendable {
    /// The violations found so far, in the order they were found.
    public private(set) var violations: [FieldViolation] = []

    public init() {}

    /// True when no violation was recorded.
    public var isValid: Bool { violations.isEmpty }

    /// Records a violation of `field`.
    public mutating func fail(_ field: String, _ description: String) {
        violations.append(FieldViolation(field: field, description: description))
    }

    /// Records the field violations of an INVALID_ARGUMENT `error` (e.g. from `PageSize`), or
    /// rethrows any other error.
    public mutating func absorb(_ error: RPCError) throws(RPCError) {
        let found = error.details(BadRequest.self).flatMap(\.fieldViolations)
        guard error.code == .invalidArgument, !found.isEmpty else { throw error }
        violations.append(contentsOf: found)
    }

    /// Records a violation of `field` unless `condition` holds.
    public mutating func require(_ condition: Bool, field: String, _ description: String) {
        if !condition { fail(field, description) }
    }

    /// Throws INVALID_ARGUMENT listing every violation; does nothing when there are none.
    public func check() throws(RPCError) {
        guard !violations.isEmpty else { return }
        let summary = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
        throw RPCError.invalidArgument("invalid request: \(summary)", violations: violations)
    }

    /// Requires `value` to be a lowercase UUID string (the form of every Resonance id).
    public mutating func requireID(_ value: String, field: String) {
        if value.isEmpty {
            fail(field, "is required")
        } else if !Identifiers.isValid(value) {
            fail(field, "must be a lowercase UUID such as 123e4567-e89b-42d3-a456-426614174000")
        }
    }

    /// Requires `value` to have `range` characters (Unicode characters, not bytes) and not be blank.
    public mutating func requireText(_ value: String, field: String, characters range: ClosedRange<Int>) {
        let count = value.count
        if range.lowerBound > 0, value.allSatisfy(\.isWhitespace) {
            fail(field, count == 0 ? "is required" : "must not be blank")
        } else if !range.contains(count) {
            fail(field, "must be \(range.lowerBound) to \(range.upperBound) characters, not \(count)")
        }
    }

    /// Requires `value` to be a finite number within `range`.
    public mutating func requireNumber(_ value: Double, field: String, in range: ClosedRange<Double>) {
        if !value.isFinite {
            fail(field, "must be a finite number, not \(value)")
        } else if !range.contains(value) {
            fail(field, "must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
    }

    /// Requires `value` to be empty or an https URL of at most `maxLength` characters.
    public mutating func requireOptionalHTTPSURL(_ value: String, field: String, maxLength: Int = 2048) {
        guard !value.isEmpty else { return }
        if value.utf8.count > maxLength {
            fail(field, "must be at most \(maxLength) characters")
        } else if !value.lowercased().hasPrefix("https://") || value.utf8.count <= "https://".utf8.count
            || value.contains(where: { $0.isWhitespace })
        {
            fail(field, "must be an https:// URL")
        }
    }
}

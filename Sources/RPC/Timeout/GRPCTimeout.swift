/// A `grpc-timeout` header value: 1–8 ASCII digits followed by a unit (H M S m u n).
public struct GRPCTimeout: Sendable, Hashable, CustomStringConvertible {
    /// The time unit letter of `grpc-timeout`.
    public enum Unit: UInt8, Sendable, Hashable, CaseIterable {
        case hours = 72  // H
        case minutes = 77  // M
        case seconds = 83  // S
        case milliseconds = 109  // m
        case microseconds = 117  // u
        case nanoseconds = 110  // n

        /// The length of one unit in nanoseconds.
        var nanoseconds: Int64 {
            switch self {
            case .hours: return 3_600_000_000_000
            case .minutes: return 60_000_000_000
            case .seconds: return 1_000_000_000
            case .milliseconds: return 1_000_000
            case .microseconds: return 1_000
            case .nanoseconds: return 1
            }
        }
    }

    /// The largest value that fits in 8 digits.
    public static let maxValue: Int64 = 99_999_999

    public let value: Int64
    public let unit: Unit

    /// A timeout of `value` units; `value` must be in 0...99_999_999.
    public init(value: Int64, unit: Unit) {
        precondition(value >= 0 && value <= Self.maxValue, "grpc-timeout value must fit 8 digits")
        self.value = value
        self.unit = unit
    }

    /// Parses a header value; nil unless it is exactly 1–8 digits plus a valid unit.
    public init?(headerValue: String) {
        let utf8 = headerValue.utf8
        guard utf8.count >= 2, utf8.count <= 9, let unit = Unit(rawValue: utf8.last!) else { return nil }
        var value: Int64 = 0
        for char in utf8.dropLast() {
            guard char >= UInt8(ascii: "0"), char <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(char - UInt8(ascii: "0"))
        }
        self.value = value
        self.unit = unit
    }

    /// Encodes `duration` with the smallest unit whose value fits 8 digits, rounding up so the
    /// peer never sees a shorter timeout. Negative durations become `0n`; huge ones cap at `99999999H`.
    public init(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, !(seconds == 0 && attoseconds <= 0) else {
            self.init(value: 0, unit: .nanoseconds)
            return
        }
        // Sub-second units in nanoseconds (if that does not overflow, the header's precision limit).
        let (fromSeconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if !overflow {
            let nanos = fromSeconds + (attoseconds + 999_999_999) / 1_000_000_000
            for unit in [Unit.nanoseconds, .microseconds, .milliseconds] {
                let value = Self.divideRoundingUp(nanos, unit.nanoseconds)
                if value <= Self.maxValue {
                    self.init(value: value, unit: unit)
                    return
                }
            }
        }
        // Second-based units, from whole seconds rounded up.
        let wholeSeconds = attoseconds > 0 ? seconds + 1 : seconds
        for (unit, perUnit) in [(Unit.seconds, Int64(1)), (.minutes, 60), (.hours, 3600)] {
            let value = Self.divideRoundingUp(wholeSeconds, perUnit)
            if value <= Self.maxValue {
                self.init(value: value, unit: unit)
                return
            }
        }
        self.init(value: Self.maxValue, unit: .hours)
    }

    private static func divideRoundingUp(_ value: Int64, _ divisor: Int64) -> Int64 {
        value / divisor + (value % divisor == 0 ? 0 : 1)
    }

    /// The header text, e.g. `"100m"`.
    public var headerValue: String {
        String(value) + String(decoding: CollectionOfOne(unit.rawValue), as: UTF8.self)
    }

    public var description: String { headerValue }

    /// The timeout as a `Duration`.
    public var duration: Duration {
        switch unit {
        case .hours: return .seconds(value * 3600)
        case .minutes: return .seconds(value * 60)
        case .seconds: return .seconds(value)
        case .milliseconds: return .milliseconds(value)
        case .microseconds: return .microseconds(value)
        case .nanoseconds: return .nanoseconds(value)
        }
    }
}

import Foundation
import Synchronization
import Testing

@testable import Geo

/// Compares this module's geohash with PyPI `python-geohash` on 100,000 seeded random points.
/// python3 with that module is required: without it this test fails (CI installs it).
@Suite struct PythonGeohashCrossCheckTests {
    static let pointCount = 100_000

    /// Generates points from a fixed seed and writes one line per point:
    /// lat lon hash12 precision hashP centreLat centreLon south west north east uint64 neighbours
    /// (neighbours comma-separated in python-geohash's order: W E S SW SE N NW NE, missing ones omitted).
    static let script = #"""
        import random, sys, warnings
        try:
            import geohash
        except ImportError as error:
            sys.stderr.write("python-geohash is not importable: %s\n" % error)
            sys.exit(3)
        warnings.simplefilter("ignore")
        out_path, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
        rng = random.Random(seed)
        edges_lat = [-90.0, 90.0, 0.0, -0.0, 45.0, -45.0, 89.99999999999999, -89.99999999999999]
        edges_lon = [-180.0, 180.0, 0.0, -0.0, 90.0, -90.0, 179.99999999999997, -179.99999999999997]
        def boundary(span):
            bits = rng.randint(1, 30)
            return -span + rng.randint(0, 1 << bits) * (2.0 * span) / (1 << bits)
        lines = []
        for i in range(count):
            kind = i % 10
            if kind < 4:
                lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
            elif kind < 6:
                lat = rng.uniform(89.5, 90.0) * rng.choice((1, -1))
                lon = rng.uniform(-180, 180)
            elif kind < 8:
                lat = rng.uniform(-90, 90)
                lon = rng.uniform(179.5, 180.0) * rng.choice((1, -1))
            elif kind == 8:
                lat = boundary(90.0) if rng.random() < 0.7 else rng.uniform(-90, 90)
                lon = boundary(180.0) if rng.random() < 0.7 else rng.uniform(-180, 180)
            else:
                lat = rng.choice(edges_lat) if rng.random() < 0.6 else rng.uniform(89.9, 90) * rng.choice((1, -1))
                lon = rng.choice(edges_lon) if rng.random() < 0.6 else rng.uniform(179.9, 180) * rng.choice((1, -1))
            precision = rng.randint(1, 12)
            full = geohash.encode(lat, lon, 12)
            code = geohash.encode(lat, lon, precision)
            clat, clon = geohash.decode(code)
            box = geohash.bbox(code)
            bits = geohash.encode_uint64(lat, lon)
            near = ",".join(geohash.neighbors(code))
            lines.append("%r %r %s %d %s %r %r %r %r %r %r %d %s" % (
                lat, lon, full, precision, code, clat, clon, box["s"], box["w"], box["n"], box["e"], bits, near))
        with open(out_path, "w") as handle:
            handle.write("\n".join(lines))
            handle.write("\n")
        """#

    @Test func matchesPythonGeohash() {
        // Two halves, each a python run followed by the Swift comparison, run side by side.
        let chunks = 2
        let problems = Mutex<[String]>([])
        let checked = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            do {
                let bytes = try Self.reference(chunk: chunk, count: Self.pointCount / chunks)
                let (lines, found) = bytes.withUnsafeBufferPointer { Self.checkAll($0) }
                checked.withLock { $0 += lines }
                problems.withLock { $0.append(contentsOf: found) }
            } catch {
                problems.withLock { $0.append("\(error)") }
            }
        }
        let found = problems.withLock { $0 }
        for problem in found.prefix(10) { Issue.record("\(problem)") }
        #expect(found.isEmpty, "\(found.count) problems comparing with python-geohash")
        #expect(checked.withLock { $0 } == Self.pointCount)
    }

    struct ReferenceFailure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs the reference script for one chunk and returns its output.
    static func reference(chunk: Int, count: Int) throws -> [UInt8] {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("geo-crosscheck-\(ProcessInfo.processInfo.processIdentifier)-\(chunk).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, output.path, "\(count)", "\(20_240_611 + chunk)"]
        let messages = Pipe()
        process.standardOutput = messages
        process.standardError = messages
        do {
            try process.run()
        } catch {
            throw ReferenceFailure(
                description: "could not start python3 via /usr/bin/env (\(error)); install python3 and python-geohash")
        }
        process.waitUntilExit()
        let log = String(decoding: messages.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw ReferenceFailure(
                description: """
                    The reference run failed (exit \(process.terminationStatus)). This test needs python3 with \
                    PyPI python-geohash (pip install python-geohash). Output: \(log)
                    """)
        }
        return [UInt8](try Data(contentsOf: output))
    }

    /// Checks every line; returns the number of lines and the problems found.
    /// (Plain pointer loops: generic collection code is slow in debug builds.)
    static func checkAll(_ buffer: UnsafeBufferPointer<UInt8>) -> (Int, [String]) {
        guard let base = buffer.baseAddress else { return (0, ["empty reference output"]) }
        var problems: [String] = []
        var lines = 0
        var start = 0
        while start < buffer.count {
            var end = start
            while end < buffer.count && base[end] != UInt8(ascii: "\n") { end += 1 }
            lines += 1
            if let problem = check(base + start, count: end - start) {
                let text = String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
                problems.append("\(problem) for line: \(text)")
            }
            start = end + 1
        }
        return (lines, problems)
    }

    /// Splits a line at spaces into (offset, length) pairs.
    static func fields(_ line: UnsafePointer<UInt8>, count: Int) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        var start = 0
        for index in 0...count where index == count || line[index] == UInt8(ascii: " ") {
            result.append((start, index - start))
            start = index + 1
        }
        return result
    }

    /// Parses a geohash from ASCII bytes without making a String.
    static func geohash(_ text: UnsafePointer<UInt8>, count: Int) -> Geohash? {
        guard (1...12).contains(count) else { return nil }
        var value: UInt64 = 0
        for index in 0..<count {
            let byte = text[index]
            guard byte < 128, Geohash.digitTable[Int(byte)] >= 0 else { return nil }
            value = value << 5 | UInt64(Geohash.digitTable[Int(byte)])
        }
        return Geohash(bits: GeohashBits(value: value, bitCount: 5 * count)!)
    }

    /// Parses a number that ends at a space or newline.
    static func number(_ text: UnsafePointer<UInt8>) -> Double {
        text.withMemoryRebound(to: CChar.self, capacity: 1) { strtod($0, nil) }
    }

    /// Returns a description of the first mismatch on one reference line, or nil.
    static func check(_ line: UnsafePointer<UInt8>, count: Int) -> String? {
        let field = fields(line, count: count)
        guard field.count == 13, let full = geohash(line + field[2].0, count: field[2].1), full.precision == 12,
            let code = geohash(line + field[4].0, count: field[4].1)
        else { return "unparsable reference line" }
        let value = { (index: Int) in number(line + field[index].0) }
        let coordinate = Coordinate(latitude: value(0), longitude: value(1))
        let integer = (line + field[11].0).withMemoryRebound(to: CChar.self, capacity: 1) { strtoull($0, nil, 10) }

        // Encoding at every precision: python's encode(p) is the p-character prefix of encode(12),
        // and encode(p) for this line's random p is given too (compared as text).
        if Geohash(coordinate, precision: 12) != full { return "encode(12) differs" }
        for bits in stride(from: 5, through: 55, by: 5)
        where GeohashBits(coordinate, bitCount: bits) != full.bits.truncated(toBitCount: bits) {
            return "encode at \(bits / 5) characters differs"
        }
        let text = Geohash.encode(coordinate, precision: code.precision)
        let expected = String(decoding: UnsafeBufferPointer(start: line + field[4].0, count: field[4].1), as: UTF8.self)
        if text != expected { return "encode(\(code.precision)) gave \(text)" }
        if GeohashBits(coordinate, bitCount: 64).value != UInt64(integer) { return "64-bit integer form differs" }

        // Decoding: centre and box, bit for bit.
        if code.center != Coordinate(latitude: value(5), longitude: value(6)) {
            return "centre \(code.center) differs"
        }
        if code.box != GeoBox(south: value(7), west: value(8), north: value(9), east: value(10)) {
            return "box \(code.box) differs"
        }

        // Neighbours, in python-geohash's order: W E S SW SE N NW NE, missing ones omitted.
        let order: [CompassDirection] = [.west, .east, .south, .southWest, .southEast, .north, .northWest, .northEast]
        var position = line + field[12].0
        let end = position + field[12].1
        for direction in order {
            guard let mine = code.neighbor(direction) else { continue }
            guard position < end, let theirs = geohash(position, count: code.precision), theirs == mine else {
                return "neighbour \(direction) \(mine) differs"
            }
            position += code.precision + 1
        }
        if position < end { return "python-geohash lists more neighbours" }
        return nil
    }
}

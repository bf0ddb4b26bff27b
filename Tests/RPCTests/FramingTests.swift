import Testing

@testable import RPC

@Suite struct FramingTests {
    private func payload(_ count: Int, seed: UInt8 = 7) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }

    @Test func framerWritesPrefix() throws {
        let framed = try MessageFramer().frame([0xAA, 0xBB, 0xCC])
        #expect(framed == [0, 0, 0, 0, 3, 0xAA, 0xBB, 0xCC])
        #expect(try MessageFramer().frame([]) == [0, 0, 0, 0, 0])
        var buffer: [UInt8] = []
        MessageFramer.appendPrefix(compressed: true, length: 0x0102_0304, to: &buffer)
        #expect(buffer == [1, 1, 2, 3, 4])
    }

    @Test func prefixSplitAtEveryOffset() throws {
        let first = payload(300)
        let second = payload(0)
        let third = payload(17, seed: 3)
        var stream: [UInt8] = []
        let framer = MessageFramer()
        for message in [first, second, third] { try framer.frame(message, into: &stream) }
        for split in 0...stream.count {
            var deframer = MessageDeframer()
            var received = try deframer.feed(Array(stream[..<split]))
            received += try deframer.feed(Array(stream[split...]))
            #expect(received == [first, second, third], "split at \(split)")
            #expect(throws: Never.self) { try deframer.finish() }
        }
    }

    @Test func byteByByteAndMultipleMessagesInOneChunk() throws {
        let messages = (0..<20).map { payload($0 * 13, seed: UInt8($0)) }
        var stream: [UInt8] = []
        for message in messages { try MessageFramer().frame(message, into: &stream) }

        var oneChunk = MessageDeframer()
        #expect(try oneChunk.feed(stream) == messages)

        var byteByByte = MessageDeframer()
        var received: [[UInt8]] = []
        for byte in stream { received += try byteByByte.feed([byte]) }
        #expect(received == messages)
    }

    @Test func sizeLimitCheckedFromPrefixBeforeBuffering() throws {
        // Only the prefix of a 100 MiB message: rejected immediately, nothing else needed.
        var deframer = MessageDeframer(maxMessageSize: 4 * 1024 * 1024)
        var prefix: [UInt8] = []
        MessageFramer.appendPrefix(compressed: false, length: 100 * 1024 * 1024, to: &prefix)
        #expect(prefix.count == 5)
        do {
            _ = try deframer.feed(Array(prefix[..<2]))
            _ = try deframer.feed(Array(prefix[2...]))
            Issue.record("expected RESOURCE_EXHAUSTED")
        } catch {
            #expect(error.code == .resourceExhausted)
        }
        // Stays failed.
        #expect(throws: RPCError.self) { try deframer.feed([0]) }
        #expect(throws: RPCError.self) { try deframer.finish() }
    }

    @Test func messageExactlyAtLimitIsAccepted() throws {
        var deframer = MessageDeframer(maxMessageSize: 10)
        #expect(try deframer.feed(try MessageFramer().frame(payload(10))).count == 1)
        #expect(throws: RPCError.self) { try deframer.feed(try MessageFramer().frame(payload(11))) }
    }

    @Test func compressedFlagWithoutEncodingIsInternal() throws {
        var deframer = MessageDeframer(encoding: .identity)
        do {
            _ = try deframer.feed([1, 0, 0, 0, 1, 0xFF])
            Issue.record("expected INTERNAL")
        } catch {
            #expect(error.code == .internal)
        }
    }

    @Test func invalidFlagIsInternal() {
        var deframer = MessageDeframer(encoding: .gzip)
        #expect(throws: RPCError.internal("invalid length-prefixed message flag 2")) {
            try deframer.feed([2, 0, 0, 0, 0])
        }
    }

    @Test func streamEndingMidMessageIsInternal() throws {
        for partial in [[0, 0], [0, 0, 0, 0, 5, 1, 2]] as [[UInt8]] {
            var deframer = MessageDeframer()
            #expect(try deframer.feed(partial).isEmpty)
            #expect(deframer.hasPartialMessage)
            #expect(throws: RPCError.self) { try deframer.finish() }
        }
        var clean = MessageDeframer()
        #expect(try clean.feed([0, 0, 0, 0, 1, 9]) == [[9]])
        #expect(!clean.hasPartialMessage)
        #expect(throws: Never.self) { try clean.finish() }
    }

    @Test func gzipRoundTripThroughFramerAndDeframer() throws {
        let text = Array(String(repeating: "resonance ", count: 500).utf8)
        let framer = MessageFramer(encoding: .gzip, compressionThreshold: 1024)
        let framed = try framer.frame(text)
        #expect(framed[0] == 1)
        #expect(framed.count < text.count / 4)
        // Below the threshold: sent uncompressed even on a gzip stream.
        let small = try framer.frame([1, 2, 3])
        #expect(small == [0, 0, 0, 0, 3, 1, 2, 3])
        // Forced compression.
        #expect(try framer.frame([1, 2, 3], compress: true)[0] == 1)
        // Incompressible data above the threshold is sent uncompressed.
        var random = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(try framer.frame(noise)[0] == 0)

        var deframer = MessageDeframer(encoding: .gzip)
        var stream = framed + small
        try framer.frame([1, 2, 3], into: &stream, compress: true)
        for split in [1, 3, 5, 6, 40, stream.count - 1] {
            var copy = deframer
            let received = try copy.feed(Array(stream[..<split])) + copy.feed(Array(stream[split...]))
            #expect(received == [text, [1, 2, 3], [1, 2, 3]])
        }
        _ = try deframer.feed(stream)
    }

    @Test func decompressedSizeLimit() throws {
        let big = [UInt8](repeating: 0, count: 200_000)
        let framed = try MessageFramer(encoding: .gzip, compressionThreshold: nil).frame(big)
        #expect(framed.count < 1000)
        var deframer = MessageDeframer(maxMessageSize: 100_000, encoding: .gzip)
        do {
            _ = try deframer.feed(framed)
            Issue.record("expected RESOURCE_EXHAUSTED")
        } catch {
            #expect(error.code == .resourceExhausted)
        }
    }

    @Test func largeMessageInManySmallChunks() throws {
        // 8 MiB in 16 KiB chunks: linear reassembly, exact bytes.
        var message = [UInt8](repeating: 0x5A, count: 8 * 1024 * 1024)
        for index in stride(from: 0, to: message.count, by: 4093) { message[index] = UInt8(truncatingIfNeeded: index) }
        let stream = try MessageFramer().frame(message)
        var deframer = MessageDeframer(maxMessageSize: 16 * 1024 * 1024)
        var received: [[UInt8]] = []
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            var offset = 0
            while offset < stream.count {
                let end = min(offset + 16_384, stream.count)
                try stream[offset..<end].withUnsafeBytes { raw in
                    try deframer.feed(raw) { received.append($0) }
                }
                offset = end
            }
        }
        #expect(received.count == 1)
        #expect(received.first == message)
        #expect(elapsed < .seconds(5))
    }
}

@Suite struct CompressionTests {
    @Test func gzipRoundTrip() throws {
        for size in [0, 1, 100, 70_000, 1_000_000] {
            let data = (0..<size).map { UInt8(truncatingIfNeeded: $0 % 251) }
            let compressed = try Gzip.compress(data)
            #expect(compressed.prefix(2) == [0x1F, 0x8B])  // gzip magic
            #expect(try Gzip.decompress(compressed, limit: size) == data)
        }
    }

    @Test func gzipBombIsStopped() throws {
        let bomb = try Gzip.compress([UInt8](repeating: 0, count: 16 * 1024 * 1024))
        #expect(bomb.count < 100_000)
        #expect(throws: RPCError.resourceExhausted("decompressed message larger than the limit of 1048576 bytes")) {
            try Gzip.decompress(bomb, limit: 1024 * 1024)
        }
    }

    @Test func corruptAndTruncatedGzipIsInternal() throws {
        let compressed = try Gzip.compress(Array("hello hello hello".utf8))
        for bad in [Array(compressed.dropLast(4)), [0x1F, 0x8B, 0, 0], [1, 2, 3, 4, 5], []] as [[UInt8]] {
            do {
                _ = try Gzip.decompress(bad, limit: 1000)
                Issue.record("expected failure for \(bad)")
            } catch {
                #expect(error.code == .internal)
            }
        }
    }

    @Test func concatenatedMembers() throws {
        let joined = try Gzip.compress(Array("ab".utf8)) + Gzip.compress(Array("cd".utf8))
        #expect(try Gzip.decompress(joined, limit: 10) == Array("abcd".utf8))
    }

    @Test func encodingNames() {
        #expect(CompressionAlgorithm(name: "gzip") == .gzip)
        #expect(CompressionAlgorithm(name: " GZIP ") == .gzip)
        #expect(CompressionAlgorithm(name: "identity") == .identity)
        #expect(CompressionAlgorithm(name: "br") == nil)
        #expect(CompressionAlgorithm.acceptEncodingHeaderValue == "gzip,identity")
        #expect(CompressionAlgorithm.parseAcceptEncoding("identity, deflate,gzip,gzip") == [.identity, .gzip])
        let error = CompressionAlgorithm.unsupportedEncodingError("br")
        #expect(error.code == .unimplemented)
        #expect(error.message.contains("gzip,identity"))
    }

    @Test func identityLimit() throws {
        #expect(try CompressionAlgorithm.identity.decompress([1, 2], limit: 2) == [1, 2])
        #expect(throws: RPCError.self) { try CompressionAlgorithm.identity.decompress([1, 2], limit: 1) }
    }
}

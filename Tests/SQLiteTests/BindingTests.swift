import Testing

@testable import SQLite

@Suite struct BindingTests {
    let db: Connection

    init() throws {
        db = try Connection.inMemory()
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v ANY) STRICT")
    }

    private func roundTrip<T: SQLiteColumnReadable>(_ value: (any SQLiteBindable)?, as type: T.Type) throws -> T {
        try db.execute("DELETE FROM t")
        try db.execute("INSERT INTO t (id, v) VALUES (1, ?)", [value])
        return try #require(try db.queryFirst("SELECT v FROM t WHERE id = 1") { try $0.get(0, as: T.self) })
    }

    @Test func integers() throws {
        #expect(try roundTrip(42, as: Int.self) == 42)
        #expect(try roundTrip(Int64.max, as: Int64.self) == Int64.max)
        #expect(try roundTrip(Int64.min, as: Int64.self) == Int64.min)
        #expect(try roundTrip(Int32(-7), as: Int32.self) == -7)
        #expect(throws: SQLiteError.self) { try roundTrip(Int64.max, as: Int32.self) }
    }

    @Test func doubles() throws {
        #expect(try roundTrip(3.25, as: Double.self) == 3.25)
        #expect(try roundTrip(-0.0, as: Double.self) == 0)
        #expect(try roundTrip(Double.greatestFiniteMagnitude, as: Double.self) == .greatestFiniteMagnitude)
        #expect(try roundTrip(7, as: Double.self) == 7)  // INTEGER reads as Double
        // SQLite stores NaN as NULL.
        #expect(try roundTrip(Double.nan, as: Double?.self) == nil)
    }

    @Test func booleans() throws {
        #expect(try roundTrip(true, as: Bool.self) == true)
        #expect(try roundTrip(false, as: Bool.self) == false)
        #expect(try roundTrip(true, as: Int.self) == 1)
        #expect(throws: SQLiteError.self) { try roundTrip(2, as: Bool.self) }
    }

    @Test(arguments: ["", "plain", "Grüße, 日本語, emoji 🎧🎶", "nul\u{0}inside\u{0}", "\u{0}"])
    func strings(_ text: String) throws {
        #expect(try roundTrip(text, as: String.self) == text)
        let length = try db.queryFirst("SELECT length(CAST(v AS BLOB)) FROM t") { try $0.int(0) }
        #expect(length == text.utf8.count)
    }

    @Test func emptyStringIsNotNull() throws {
        #expect(try roundTrip("", as: String?.self) == "")
        #expect(try db.queryFirst("SELECT typeof(v) FROM t") { try $0.string(0) } == "text")
    }

    @Test(arguments: [[UInt8](), [0], [0, 1, 2, 0, 255]])
    func blobs(_ bytes: [UInt8]) throws {
        #expect(try roundTrip(bytes, as: [UInt8].self) == bytes)
        #expect(try db.queryFirst("SELECT typeof(v) FROM t") { try $0.string(0) } == "blob")
    }

    @Test func largeBlob() throws {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(try roundTrip(bytes, as: [UInt8].self) == bytes)
    }

    @Test func nulls() throws {
        #expect(try roundTrip(nil, as: String?.self) == nil)
        let missing: Int? = nil
        #expect(try roundTrip(missing, as: Int?.self) == nil)
        #expect(try roundTrip(SQLiteValue.null, as: SQLiteValue.self) == .null)
        #expect(try db.queryFirst("SELECT v IS NULL FROM t") { try $0.bool(0) } == true)
        // A non-optional read of NULL is a mismatch, not a silent 0.
        let error = try #require(throws: SQLiteError.self) { try roundTrip(nil, as: Int.self) }
        #expect(error.code == 20)  // SQLITE_MISMATCH
    }

    @Test func optionalsBindTheirValue() throws {
        let present: String? = "here"
        #expect(try roundTrip(present, as: String?.self) == "here")
    }

    @Test func rawValues() throws {
        let values: [SQLiteValue] = [.null, .integer(-3), .real(1.5), .text("x\u{0}y"), .blob([9, 0])]
        for value in values {
            #expect(try roundTrip(value, as: SQLiteValue.self) == value)
        }
    }

    @Test func strictReadsRefuseWrongTypes() throws {
        _ = try roundTrip("12", as: String.self)
        let error = try #require(throws: SQLiteError.self) { try db.queryFirst("SELECT v FROM t") { try $0.int(0) } }
        #expect(error.code == 20)
        #expect(error.message.contains("TEXT"))
        #expect(throws: SQLiteError.self) { try db.queryFirst("SELECT v FROM t") { try $0.blob(0) } }
        #expect(throws: SQLiteError.self) { try db.queryFirst("SELECT v FROM t") { try $0.string(1) } }
    }

    @Test func namedBindings() throws {
        try db.execute("INSERT INTO t (id, v) VALUES (:id, @value)", named: ["id": 5, "@value": "five"])
        let rows = try db.query("SELECT v FROM t WHERE id = $id", named: ["$id": 5]) { try $0.string(0) }
        #expect(rows == ["five"])
        #expect(throws: SQLiteError.self) { try db.execute("SELECT :a", named: ["b": 1]) }
    }

    @Test func bindingCountMustMatch() throws {
        let error = try #require(throws: SQLiteError.self) { try db.execute("SELECT ?, ?", [1]) }
        #expect(error.code == 21)  // SQLITE_MISUSE
    }

    @Test func rowMetadataAndIteration() throws {
        for id in 1...5 { try db.execute("INSERT INTO t (id, v) VALUES (?, ?)", [id, id * 10]) }
        var seen: [Int] = []
        try db.forEachRow("SELECT id AS ident, v FROM t WHERE id > ? ORDER BY id", [2]) { row in
            #expect(row.columnCount == 2)
            #expect(row.columnName(0) == "ident")
            seen.append(try row.int(1))
        }
        #expect(seen == [30, 40, 50])
        #expect(try db.queryFirst("SELECT v FROM t WHERE id = 99") { try $0.int(0) } == nil)
    }

    @Test func preparedStatementStepsAndRebinds() throws {
        let insert = try db.prepare("INSERT INTO t (id, v) VALUES (?, ?)")
        #expect(insert.parameterCount == 2)
        for id in 1...3 {
            try insert.bind([id, "row \(id)"])
            #expect(try insert.step() == false)
            insert.reset()
        }
        let select = try db.prepare("SELECT count(*) FROM t")
        #expect(try select.step())
        #expect(try select.row.int(0) == 3)
    }
}

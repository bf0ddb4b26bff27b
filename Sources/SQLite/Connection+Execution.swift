import CSQLite

/// The parameters of one statement execution.
private enum Parameters {
    case positional(SQLiteBindings)
    case named(SQLiteNamedBindings)
}

extension Connection {
    /// Runs one statement with positional bindings, stepping through any rows it returns.
    /// Returns the number of rows it changed (`changes`; 0 for statements that write nothing).
    @discardableResult
    public func execute(_ sql: String, _ bindings: SQLiteBindings = []) throws -> Int {
        try withStatement(sql, .positional(bindings), body: runToEnd)
    }

    /// Runs one statement with named bindings (`:name`, `@name`, `$name`).
    @discardableResult
    public func execute(_ sql: String, named bindings: SQLiteNamedBindings) throws -> Int {
        try withStatement(sql, .named(bindings), body: runToEnd)
    }

    /// Runs a script of zero or more statements without bindings (schema, migrations).
    public func executeScript(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let result = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        defer { sqlite3_free(errorMessage) }
        guard result == SQLITE_OK else {
            var error = SQLiteError.from(result, db: handle, sql: sql)
            if let errorMessage {
                error = SQLiteError(extendedCode: error.extendedCode, message: String(cString: errorMessage), sql: sql)
            }
            throw error
        }
    }

    /// Runs a query and decodes every row with `decode`.
    public func query<T>(
        _ sql: String, _ bindings: SQLiteBindings = [], decode: (Row) throws -> T
    ) throws -> [T] {
        try withStatement(sql, .positional(bindings)) { statement in
            try collect(statement, decode: decode)
        }
    }

    /// Runs a query with named bindings and decodes every row with `decode`.
    public func query<T>(
        _ sql: String, named bindings: SQLiteNamedBindings, decode: (Row) throws -> T
    ) throws -> [T] {
        try withStatement(sql, .named(bindings)) { statement in
            try collect(statement, decode: decode)
        }
    }

    /// Runs a query and decodes only its first row; nil when it returns none.
    public func queryFirst<T>(
        _ sql: String, _ bindings: SQLiteBindings = [], decode: (Row) throws -> T
    ) throws -> T? {
        try withStatement(sql, .positional(bindings)) { statement in
            try statement.step() ? try decode(statement.row) : nil
        }
    }

    /// Runs a query and calls `body` for each row, without collecting them.
    public func forEachRow(_ sql: String, _ bindings: SQLiteBindings = [], _ body: (Row) throws -> Void) throws {
        try withStatement(sql, .positional(bindings)) { statement in
            while try statement.step() { try body(statement.row) }
        }
    }

    /// Checks out the cached statement for `sql`, binds it, runs `body`, and checks it back in.
    private func withStatement<T>(
        _ sql: String, _ parameters: Parameters, body: (Statement) throws -> T
    ) throws -> T {
        let statement = try statementCache.checkOut(sql, db: handle)
        defer { statementCache.checkIn(statement) }
        switch parameters {
        case .positional(let bindings): try statement.bind(bindings)
        case .named(let bindings): try statement.bind(named: bindings)
        }
        return try body(statement)
    }

    private func runToEnd(_ statement: Statement) throws -> Int {
        while try statement.step() {}
        return statement.isReadOnly ? 0 : changes
    }

    private func collect<T>(_ statement: Statement, decode: (Row) throws -> T) throws -> [T] {
        var results: [T] = []
        while try statement.step() { results.append(try decode(statement.row)) }
        return results
    }
}

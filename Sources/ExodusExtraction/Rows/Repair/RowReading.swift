import ExodusCore

/// Reading a document's rows where they are stored. An array's subscript, its iterator and the
/// closures of `filter` and `contains(where:)` hand each row over as a copy (its strings and
/// arrays retained, then released), and so does a buffer's subscript whenever the row is passed
/// on to a call the compiler cannot see through. A row lent `inout` is passed by its address,
/// which the exclusive access lets the callee read as it stands. The repair rules test every row
/// of a document rule after rule, and the copies came to about a fiftieth of the extraction.
///
/// The closures must not change the row: these are reads, lent `inout` only to avoid the copy.
extension Array where Element == Departure {
    /// The ids of the rows `test` holds for: `Set(filter(test).map(\.id))`, with the rows tested
    /// in the same order.
    mutating func ids(where test: (inout Departure) -> Bool) -> Set<String> {
        var out = Set<String>()
        forEachRow { _, row in if test(&row) { out.insert(row.id) } }
        return out
    }

    /// Whether `test` holds for some row: `contains(where:)`, stopping at the same row.
    mutating func containsRow(where test: (inout Departure) -> Bool) -> Bool {
        withUnsafeMutableBufferPointer { rows in
            for i in rows.indices where test(&rows[i]) { return true }
            return false
        }
    }

    /// `body` with the index and the row, for every row in order.
    mutating func forEachRow(_ body: (Int, inout Departure) -> Void) {
        withUnsafeMutableBufferPointer { rows in
            for i in rows.indices { body(i, &rows[i]) }
        }
    }
}

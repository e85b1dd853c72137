/// The departures of a snapshot, stored as their JSON rows (`DepartureJSON`) end to end in one
/// byte buffer, each followed by a newline, with the offset where each begins.
///
/// A departure is decoded from its row when it is read, so a snapshot holds one buffer and
/// one offset per row rather than a dozen small heap objects per row; the API sends the rows'
/// bytes as they are. Loaded from a snapshot file of format 2, the buffer is the file itself.
public struct DepartureRows: RandomAccessCollection, Sendable {
    /// The bytes the rows live in (the whole snapshot file when loaded from one).
    let bytes: [UInt8]
    /// `starts[i]` is where row i begins; row i ends one byte (its newline) before `starts[i + 1]`.
    let starts: [Int]

    init(bytes: [UInt8], starts: [Int]) {
        precondition(!starts.isEmpty, "starts holds one more entry than there are rows")
        self.bytes = bytes
        self.starts = starts
    }

    /// The rows of `departures`, encoded on all cores, in their order.
    init(encoding departures: [Departure]) {
        let rows = Parallel.map(departures.count) { DepartureJSON.row(departures[$0]) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.reduce(0) { $0 + $1.count + 1 })
        var starts: [Int] = []
        starts.reserveCapacity(rows.count + 1)
        for r in rows {
            starts.append(bytes.count)
            bytes.append(contentsOf: r)
            bytes.append(0x0A)
        }
        starts.append(bytes.count)
        self.init(bytes: bytes, starts: starts)
    }

    public static let empty = DepartureRows(bytes: [], starts: [0])

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts.count - 1 }

    /// The departure at `position`, decoded from its row.
    public subscript(position: Int) -> Departure {
        let range = rowRange(position)
        let result: Result<Departure, RecordError> = bytes.withUnsafeBufferPointer { b in
            var r = RecordReader(b, start: range.lowerBound, end: range.upperBound)
            do throws(RecordError) { return .success(try SnapshotFile.decodeDeparture(&r)) } catch { return .failure(error) }
        }
        switch result {
        case .success(let d): return d
        // Every row was decoded once when the snapshot was made (or encoded by us): a row
        // that no longer decodes is memory gone wrong, not input.
        case .failure(let e): preconditionFailure("row \(position) does not decode: \(e.message)")
        }
    }

    /// Where row `position` lies in the buffer, without its newline.
    @inline(__always)
    func rowRange(_ position: Int) -> Range<Int> { starts[position]..<(starts[position + 1] - 1) }

    /// The bytes of row `position` (the JSON object, no newline).
    public func withRow<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let range = rowRange(position)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Length in bytes of row `position`, without its newline.
    public func rowLength(_ position: Int) -> Int { starts[position + 1] - starts[position] - 1 }

    /// Appends the rows at `positions` to `out`, each followed by `separator` but the last
    /// (`terminator` after the last, when given).
    public func append(_ positions: some Collection<Int32>, separator: UInt8, to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { b in
            var first = true
            for p in positions {
                if !first { out.append(separator) }
                first = false
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[rowRange(Int(p))]))
            }
        }
    }

    /// The id of the departure at `position`, read from the row without decoding the rest.
    public func id(at position: Int) -> String {
        let range = rowRange(position)
        let result: Result<String, RecordError> = bytes.withUnsafeBufferPointer { b in
            var r = RecordReader(b, start: range.lowerBound, end: range.upperBound)
            do throws(RecordError) { return .success(try r.leadingID()) } catch { return .failure(error) }
        }
        switch result {
        case .success(let id): return id
        case .failure: return self[position].id
        }
    }

    /// The rows' part of the snapshot's content hash, read from the rows' bytes: every scalar
    /// value of a row, in field order, is what `ContentHash.mixing(_:)` mixes for a departure.
    func mixed(into start: ContentHash) -> ContentHash {
        var h = start
        bytes.withUnsafeBufferPointer { b in
            for i in indices {
                let range = rowRange(i)
                var r = RecordReader(b, start: range.lowerBound, end: range.upperBound)
                do throws(RecordError) { try r.mixValues(into: &h) } catch {
                    preconditionFailure("row \(i) does not decode: \(error.message)")
                }
            }
        }
        return h
    }
}

extension DepartureRows: Equatable {
    public static func == (a: DepartureRows, b: DepartureRows) -> Bool {
        a.count == b.count && a.indices.allSatisfy { i in a.withRow(i) { x in b.withRow(i) { y in x.elementsEqual(y) } } }
    }

    public static func == (a: DepartureRows, b: [Departure]) -> Bool { a.elementsEqual(b) }
    public static func == (a: [Departure], b: DepartureRows) -> Bool { b.elementsEqual(a) }
}

import ExodusCore
import ExodusHTTP

/// The bodies of `GET /departures.csv` and `GET /departures.ndjson`: the whole
/// filtered set, produced while it is sent.
///
/// Neither is built whole. The length is known first (from the stored JSON rows,
/// and from each departure's CSV row length measured when the snapshot was
/// installed), then the rows are made about 64 KiB at a time as the socket takes
/// them, so an export of 100k departures holds one piece of its output, not a copy
/// of all of it, however slowly the client reads.
extension Representations {
    /// One JSON departure per line (the row `/departures` lists), each line ended by LF.
    public func ndjson(_ positions: [Int32]) -> HTTPBodyStream {
        let rows = snapshot.departures
        var count = 0
        for p in positions { count += rows.rowLength(Int(p)) + 1 }
        return HTTPBodyStream(count: count, contentType: DepartureFormat.ndjsonType) {
            var i = 0
            return { out in
                guard i < positions.count else { return false }
                rows.append(positions[i...i], separator: 0x0A, to: &out)
                out.append(0x0A)
                i += 1
                return i < positions.count
            }
        }
    }

    /// The CSV of `DepartureCSV`: the header, then one row per departure.
    public func csv(_ positions: [Int32]) -> HTTPBodyStream {
        var count = DepartureCSV.headerLine.count
        for p in positions { count += Int(csvRowLengths[Int(p)]) }
        let snapshot = self.snapshot
        return HTTPBodyStream(count: count, contentType: DepartureCSV.mediaType) {
            var i = -1
            return { out in
                if i < 0 {
                    out.append(contentsOf: DepartureCSV.headerLine)
                    i = 0
                    return !positions.isEmpty
                }
                guard i < positions.count else { return false }
                // The row is written straight into the piece: swapped in and out, never copied.
                var row = CSVOutput(counting: false)
                swap(&row.bytes, &out)
                let d = snapshot.departures[Int(positions[i])]
                DepartureCSV.writeRow(d, url: DepartureCSV.firstURL(d, snapshot), to: &row)
                swap(&row.bytes, &out)
                i += 1
                return i < positions.count
            }
        }
    }
}

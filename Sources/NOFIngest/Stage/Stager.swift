import Foundation
import NOFCore
import NOFPostgres

/// Staging: each (fact table, month) slice goes by COPY into a fresh table shaped like its
/// partition (`dw.new_slice_table`), not yet attached. The first slice streams while the
/// file is read (a national RTT month never sits in memory); the others are buffered and
/// copied at the end. Nothing is visible to readers until the merge attaches them.
final class Stager {
    let connection: Connection
    /// The load the new tables belong to (their names carry it).
    let loadId: Int
    /// For messages: the file being loaded.
    let fileName: String
    /// The table each staged slice went into.
    private(set) var tables: [SliceKey: String] = [:]

    init(connection: Connection, loadId: Int, fileName: String) {
        self.connection = connection
        self.loadId = loadId
        self.fileName = fileName
    }

    /// Lets `sink` open the streaming COPY for the first slice it sees.
    func stream(into sink: SliceSink) {
        sink.openStream = { [connection, loadId] key in
            let table = try Self.newTable(connection, key, loadId)
            let writer = try connection.beginCopy(key.table.copyStatement(into: table), pipelined: true)
            return (writer, table)
        }
    }

    /// Ends the streamed COPY, then copies every buffered slice of `sink` into its new table.
    func finish(_ sink: SliceSink) throws {
        if let streamed = sink.streaming, let writer = streamed.writer {
            do {
                streamed.endData()
                try writer.send(streamed.encoder)
                streamed.encoder.removeAllBytes()
                _ = try writer.finish()
            } catch let error as PostgresError {
                throw mapCopyError(error, slice: streamed)
            }
            if let table = streamed.tableName { tables[streamed.key] = table }
        }
        for slice in sink.orderedSlices where slice.writer == nil {
            let table = try Self.newTable(connection, slice.key, loadId)
            let writer = try connection.beginCopy(slice.key.table.copyStatement(into: table))
            do {
                slice.endData()
                try writer.send(slice.encoder)
                _ = try writer.finish()
            } catch let error as PostgresError {
                writer.abort("")
                throw mapCopyError(error, slice: slice)
            }
            tables[slice.key] = table
        }
    }

    /// The staged table of one slice, if it was staged.
    func table(_ table: FactTable, _ period: YearMonth) -> String? { tables[SliceKey(table: table, period: period)] }

    /// Drops the new tables of months that will not be swapped in (stray or held back).
    func drop(periods: Set<YearMonth>) throws {
        for (key, table) in tables where periods.contains(key.period) {
            try connection.execute("DROP TABLE \(identifier: table, in: "dw")")
            tables[key] = nil
        }
    }

    private static func newTable(_ connection: Connection, _ key: SliceKey, _ loadId: Int) throws -> String {
        try connection.value(
            "SELECT dw.new_slice_table(\(key.table.rawValue), \(key.period), \(loadId)) AS table_name", as: String.self)
    }

    /// A server COPY error, with the COPY line mapped back to the file's line and column.
    private func mapCopyError(_ error: PostgresError, slice: SliceBuffer) -> any Error {
        guard let copyLine = error.copyLine else {
            return LoadError(file: fileName, reason: "PostgreSQL refused the data: \(error.message)" + (error.detail.map { " (\($0))" } ?? ""))
        }
        let line = slice.sourceLine(ofCopyRow: copyLine)
        return LoadError(
            file: fileName, line: line, column: error.copyColumn,
            reason: "PostgreSQL refused the row: \(error.message)" + (error.detail.map { " (\($0))" } ?? "") + "; nothing from the file was loaded")
    }
}

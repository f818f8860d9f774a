import Foundation
import NOFCore
import NOFPostgres

/// Staging: each (fact table, month) slice goes by COPY into a fresh table shaped like its
/// partition (`dw.new_slice_table`), not yet attached. The first slice streams while the
/// file is read (a national RTT month never sits in memory); the others are buffered and
/// copied at the end. Nothing is visible to readers until the merge attaches them.
extension UnitSession {
    /// Lets the sink open the streaming COPY for the first slice it sees.
    func openStream(loadId: Int) {
        context.sink.openStream = { [connection] key in
            let table = try connection.scalar(
                "SELECT dw.new_slice_table($1, $2::date, $3)", [key.table.rawValue, key.period.firstDay, loadId]) ?? ""
            let writer = try connection.beginCopy(key.table.copyStatement(into: table), pipelined: true)
            return (writer, table)
        }
    }

    /// Ends the streamed COPY, then copies every buffered slice into its new table.
    func finishCopies(loadId: Int) throws {
        let sink = context.sink
        if let streamed = sink.streaming, let writer = streamed.writer {
            do {
                streamed.endData()
                try writer.send(streamed.encoder)
                streamed.encoder.removeAllBytes()
                _ = try writer.finish()
            } catch let error as PostgresError {
                throw mapCopyError(error, slice: streamed)
            }
            if let table = streamed.tableName { createdTables[streamed.key] = table }
        }
        for slice in sink.orderedSlices where slice.writer == nil {
            let table = try connection.scalar(
                "SELECT dw.new_slice_table($1, $2::date, $3)",
                [slice.key.table.rawValue, slice.key.period.firstDay, loadId]) ?? ""
            let writer = try connection.beginCopy(slice.key.table.copyStatement(into: table))
            do {
                slice.endData()
                try writer.send(slice.encoder)
                _ = try writer.finish()
            } catch let error as PostgresError {
                writer.abort("")
                throw mapCopyError(error, slice: slice)
            }
            createdTables[slice.key] = table
        }
    }

    /// Drops the new tables of months that will not be swapped in (stray or held back).
    func dropTables(of periods: Set<YearMonth>) throws {
        for (key, table) in createdTables where periods.contains(key.period) {
            try connection.execute("DROP TABLE dw.\(Connection.quoteIdentifier(table))")
            createdTables[key] = nil
        }
    }

    /// A server COPY error, with the COPY line mapped back to the file's line and column.
    func mapCopyError(_ error: PostgresError, slice: SliceBuffer) -> any Error {
        guard let copyLine = error.copyLine else {
            return LoadError(file: result.file, reason: "PostgreSQL refused the data: \(error.message)" + (error.detail.map { " (\($0))" } ?? ""))
        }
        let line = slice.sourceLine(ofCopyRow: copyLine)
        return LoadError(
            file: result.file, line: line, column: error.copyColumn,
            reason: "PostgreSQL refused the row: \(error.message)" + (error.detail.map { " (\($0))" } ?? "") + "; nothing from the file was loaded")
    }
}

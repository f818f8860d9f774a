import CFreeXL
import Foundation

/// Reads a legacy Excel 97-2003 workbook (.xls, BIFF8) through FreeXL.
///
/// FreeXL 1.0.6 returns no value for formula cells (they read as blank); DM01's England
/// Total row is made of formulas, so England is computed from the providers instead.
public final class XLSWorkbook {
    private var handle: UnsafeRawPointer?
    let fileName: String
    public private(set) var sheetNames: [String] = []

    public init(path: String, fileName: String) throws {
        self.fileName = fileName
        var h: UnsafeRawPointer?
        let status = freexl_open(path, &h)
        guard status == FREEXL_OK, let h else {
            if let h { freexl_close(h) }
            throw LoadError(
                file: fileName,
                reason: "not a readable Excel 97-2003 (.xls) workbook: \(Self.describe(status)) (FreeXL error \(status))",
                hint: "the file may be truncated, password-protected or not an .xls file")
        }
        handle = h
        var count: UInt32 = 0
        freexl_get_info(h, UInt16(FREEXL_BIFF_SHEET_COUNT), &count)
        for i in 0..<count {
            var name: UnsafePointer<CChar>?
            if freexl_get_worksheet_name(h, UInt16(i), &name) == FREEXL_OK, let name {
                sheetNames.append(String(cString: name))
            } else {
                sheetNames.append("Sheet\(i + 1)")
            }
        }
    }

    deinit {
        if let handle { freexl_close(handle) }
    }

    /// FreeXL's open errors in words (freexl.h).
    static func describe(_ status: Int32) -> String {
        switch status {
        case FREEXL_FILE_NOT_FOUND: return "the file cannot be opened"
        case FREEXL_INSUFFICIENT_MEMORY: return "not enough memory"
        case FREEXL_INVALID_CFBF_HEADER, FREEXL_CFBF_INVALID_SIGNATURE, FREEXL_CFBF_INVALID_SECTOR_SIZE:
            return "it is not an OLE compound file, as .xls files are"
        case FREEXL_CFBF_READ_ERROR, FREEXL_CFBF_SEEK_ERROR: return "it ends early (truncated)"
        case FREEXL_CFBF_EMPTY_FAT_CHAIN, FREEXL_CFBF_ILLEGAL_FAT_ENTRY, FREEXL_INVALID_MINI_STREAM,
             FREEXL_CFBF_ILLEGAL_MINI_FAT_ENTRY, FREEXL_CRAFTED_FILE:
            return "its internal structure is damaged"
        case FREEXL_BIFF_INVALID_BOF, FREEXL_BIFF_INVALID_SST, FREEXL_BIFF_ILLEGAL_SST_INDEX, FREEXL_BIFF_WORKBOOK_NOT_FOUND,
             FREEXL_BIFF_ILLEGAL_SHEET_INDEX:
            return "its workbook stream is damaged"
        default: return "FreeXL could not read it"
        }
    }

    /// Every row of `sheet` (0-based index), in order; row numbers are 1-based as in Excel.
    public func rows(sheet index: Int, _ onRow: (SheetRow) throws -> Void) throws {
        guard let handle, index >= 0, index < sheetNames.count else {
            throw LoadError(file: fileName, reason: "the workbook has no sheet number \(index + 1)")
        }
        guard freexl_select_active_worksheet(handle, UInt16(index)) == FREEXL_OK else {
            throw LoadError(file: fileName, reason: "cannot select sheet \(sheetNames[index])")
        }
        var rowCount: UInt32 = 0
        var columnCount: UInt16 = 0
        guard freexl_worksheet_dimensions(handle, &rowCount, &columnCount) == FREEXL_OK else {
            throw LoadError(file: fileName, reason: "cannot read the size of sheet \(sheetNames[index])")
        }
        // BIFF8 sheets hold at most 65,536 rows and 256 columns.
        guard rowCount <= 65_536, columnCount <= 256 else {
            throw LoadError(file: fileName, reason: "sheet \(sheetNames[index]) claims \(rowCount) rows and \(columnCount) columns, more than an .xls can hold: the workbook is damaged",
                            hint: "download the file again")
        }
        for r in 0..<rowCount {
            var cells: [SheetCell] = []
            cells.reserveCapacity(Int(columnCount))
            for c in 0..<columnCount {
                var value = FreeXL_CellValue()
                guard freexl_get_cell_value(handle, r, c, &value) == FREEXL_OK else {
                    cells.append(.blank)
                    continue
                }
                switch Int32(value.type) {
                case FREEXL_CELL_INT:
                    cells.append(.number(String(value.value.int_value)))
                case FREEXL_CELL_DOUBLE:
                    let d = value.value.double_value
                    if d == d.rounded(), abs(d) < 1e15 {
                        cells.append(.number(String(Int(d))))
                    } else {
                        cells.append(.number(String(d)))
                    }
                case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_DATE, FREEXL_CELL_DATETIME, FREEXL_CELL_TIME:
                    let text = value.value.text_value.map { String(cString: $0) } ?? ""
                    cells.append(text.isEmpty ? .blank : .text(text))
                default:
                    cells.append(.blank)
                }
            }
            while let last = cells.last, last == .blank { cells.removeLast() }
            try onRow(SheetRow(rowNumber: Int(r) + 1, cells: cells))
        }
    }

    public func sheetIndex(named name: String) -> Int? {
        sheetNames.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }
}

/// A program that runs `.xls` reads in a child process first (see `XLSIsolation`).
public struct XLSHelper: Sendable {
    public var executable: URL
    public var arguments: [String]

    public init(executable: URL, arguments: [String]) {
        self.executable = executable
        self.arguments = arguments
    }
}

/// FreeXL is a C library, and a damaged `.xls` can crash it: one overwritten byte in a real
/// DM01 workbook makes `freexl_open` read out of bounds and segfault. So that bad input never
/// crashes nofdb, the command line reads each `.xls` once in a child process (a hidden
/// `nofdb xls-check`) before opening it here; a crash there becomes an ordinary failed load.
public enum XLSIsolation {
    /// Opens the workbook and reads every cell of every sheet: what the child process runs.
    public static func readEverything(path: String) throws {
        let workbook = try XLSWorkbook(path: path, fileName: (path as NSString).lastPathComponent)
        for index in workbook.sheetNames.indices {
            try workbook.rows(sheet: index) { _ in }
        }
    }

    /// Runs the helper on `path`. Returns why the file must not be opened in-process (the
    /// reader crashed on it), or nil: it read to the end, or refused the file with an error
    /// that opening it here will report in full.
    public static func check(path: String, helper: XLSHelper, timeout: Double = 60) -> String? {
        let process = Process()
        process.executableURL = helper.executable
        process.arguments = helper.arguments + [path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // A crash in the child is expected for some files: no backtrace to symbolicate.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        do {
            try process.run()
        } catch {
            return nil
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return "the .xls file could not be read within \(Int(timeout)) s (the spreadsheet reader never finished): it is damaged or hostile"
        }
        if process.terminationReason == .uncaughtSignal {
            return "the .xls file is damaged: the spreadsheet reader (FreeXL) crashed on it (signal \(process.terminationStatus))"
        }
        return nil
    }
}

extension XLSWorkbook {
    /// The first rows of every sheet, for recognising the product (see `ProductRegistry`).
    public func probe(rows limit: Int = FileProbe.rowsPerSheet) throws -> FileProbe {
        var sheets: [FileProbe.Sheet] = []
        for (index, name) in sheetNames.enumerated() {
            var rows: [[String]] = []
            do {
                try self.rows(sheet: index) { row in
                    rows.append(row.strings)
                    if rows.count >= limit { throw StopReading() }
                }
            } catch is StopReading {}
            sheets.append(FileProbe.Sheet(name: name, rows: rows))
        }
        return FileProbe(kind: .xls, sheets: sheets)
    }
}

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
                reason: "not a readable Excel 97-2003 (.xls) workbook (FreeXL error \(status))",
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

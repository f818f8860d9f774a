import Foundation

/// Writes a legacy Excel 97-2003 workbook: BIFF8 records in the `Workbook` stream of an OLE2
/// compound file, which is what the DM01 web files are. Written here because no library on
/// this platform writes .xls; it covers what the DM01 layout needs (shared strings, numbers,
/// formula cells with cached values) and is read back by FreeXL in the tests.
public enum XLSWriter {
    struct Bytes {
        var data: [UInt8] = []
        mutating func u8(_ v: UInt8) { data.append(v) }
        mutating func u16(_ v: Int) { data.append(UInt8(v & 0xFF)); data.append(UInt8((v >> 8) & 0xFF)) }
        mutating func u32(_ v: Int) { for i in 0..<4 { data.append(UInt8((v >> (8 * i)) & 0xFF)) } }
        mutating func f64(_ v: Double) { let bits = v.bitPattern; for i in 0..<8 { data.append(UInt8((bits >> (8 * UInt64(i))) & 0xFF)) } }
        mutating func record(_ type: Int, _ body: [UInt8]) { u16(type); u16(body.count); data += body }
    }

    static func unicodeString(_ s: String, lengthBytes: Int) -> [UInt8] {
        var b = Bytes()
        let utf16 = Array(s.utf16)
        let compressed = utf16.allSatisfy { $0 < 256 }
        if lengthBytes == 1 { b.u8(UInt8(min(utf16.count, 255))) } else { b.u16(utf16.count) }
        b.u8(compressed ? 0 : 1)
        for unit in utf16 {
            if compressed { b.u8(UInt8(unit)) } else { b.u16(Int(unit)) }
        }
        return b.data
    }

    static func bof(_ kind: Int) -> [UInt8] {
        var b = Bytes()
        b.u16(0x0600); b.u16(kind); b.u16(0x0DBB); b.u16(0x07CC); b.u32(0); b.u32(0x06)
        return b.data
    }

    static func workbookStream(_ sheets: [WorkbookSheet]) -> [UInt8] {
        // Shared strings across all sheets.
        var strings: [String] = []
        var index: [String: Int] = [:]
        var total = 0
        for sheet in sheets {
            for row in sheet.rows {
                for case .text(let t) in row {
                    total += 1
                    if index[t] == nil { index[t] = strings.count; strings.append(t) }
                }
            }
        }
        // Sheet substreams first (to know their sizes), then the globals that point at them.
        var sheetStreams: [[UInt8]] = []
        for sheet in sheets {
            var b = Bytes()
            b.record(0x0809, bof(0x0010))
            let lastRow = sheet.rows.count
            let lastCol = sheet.rows.map(\.count).max() ?? 0
            var dims = Bytes()
            dims.u32(0); dims.u32(lastRow); dims.u16(0); dims.u16(lastCol); dims.u16(0)
            b.record(0x0200, dims.data)
            for (r, row) in sheet.rows.enumerated() {
                for (c, cell) in row.enumerated() {
                    var body = Bytes()
                    body.u16(r); body.u16(c)
                    switch cell {
                    case .empty: continue
                    case .text(let t):
                        body.u16(15); body.u32(index[t] ?? 0)
                        b.record(0x00FD, body.data)
                    case .number(let n):
                        body.u16(15); body.f64(n)
                        b.record(0x0203, body.data)
                    case .date(let y, let m, let d):
                        body.u16(15); body.f64(Double(excelSerial(year: y, month: m, day: d)))
                        b.record(0x0203, body.data)
                    case .formula(let n):
                        // FORMULA: cached number, then a one-token expression (ptgInt).
                        body.u16(15); body.f64(n); body.u16(0); body.u32(0)
                        body.u16(3); body.u8(0x1E); body.u16(Int(n) & 0xFFFF)
                        b.record(0x0006, body.data)
                    }
                }
            }
            b.record(0x000A, [])
            sheetStreams.append(b.data)
        }
        func globals(sheetOffsets: [Int]) -> [UInt8] {
            var g = Bytes()
            g.record(0x0809, bof(0x0005))
            g.record(0x0042, [0xB0, 0x04])  // CODEPAGE: UTF-16
            var font = Bytes()
            font.u16(200); font.u16(0); font.u16(0x7FFF); font.u16(400); font.u16(0); font.u8(0); font.u8(0); font.u8(0); font.u8(0)
            font.data += unicodeString("Arial", lengthBytes: 1)
            for _ in 0..<5 { g.record(0x0031, font.data) }
            for i in 0..<16 {
                // XF: font 0, format 0 (General); 15 style XFs, then the cell XF (index 15).
                var xf = Bytes()
                xf.u16(0); xf.u16(0); xf.u16(i < 15 ? 0xFFF5 : 0x0001); xf.u16(0x20); xf.u16(0); xf.u32(0); xf.u32(0); xf.u16(0x20C0)
                g.record(0x00E0, xf.data)
            }
            for (i, sheet) in sheets.enumerated() {
                var bs = Bytes()
                bs.u32(sheetOffsets[i]); bs.u8(0); bs.u8(0)
                bs.data += unicodeString(sheet.name, lengthBytes: 1)
                g.record(0x0085, bs.data)
            }
            // SST, continued in CONTINUE records; a string never straddles two records.
            var head = Bytes()
            head.u32(total); head.u32(strings.count)
            var current = head.data
            var first = true
            for s in strings {
                let encoded = unicodeString(s, lengthBytes: 2)
                if current.count + encoded.count > 8224 {
                    g.record(first ? 0x00FC : 0x003C, current)
                    first = false
                    current = []
                }
                current += encoded
            }
            g.record(first ? 0x00FC : 0x003C, current)
            g.record(0x000A, [])
            return g.data
        }
        // Two passes: the globals' size does not depend on the offsets' values.
        let size = globals(sheetOffsets: Array(repeating: 0, count: sheets.count)).count
        var offsets: [Int] = []
        var position = size
        for stream in sheetStreams {
            offsets.append(position)
            position += stream.count
        }
        var stream = globals(sheetOffsets: offsets)
        for s in sheetStreams { stream += s }
        return stream
    }

    public static func write(_ sheets: [WorkbookSheet], to url: URL) throws {
        var stream = workbookStream(sheets)
        // Streams under 4096 bytes would belong in the mini stream; DM01 books are far larger,
        // but keep small ones valid by padding inside a final dummy sheet-free record.
        let streamSize = stream.count
        let sectorSize = 512
        let workbookSectors = (max(streamSize, 4096) + sectorSize - 1) / sectorSize
        stream += [UInt8](repeating: 0, count: workbookSectors * sectorSize - streamSize)
        var fatSectors = 1
        while (workbookSectors + 1 + fatSectors + 127) / 128 > fatSectors { fatSectors += 1 }
        guard fatSectors <= 109 else { throw CocoaError(.fileWriteUnknown) }
        let directorySector = workbookSectors
        let firstFAT = workbookSectors + 1
        let totalSectors = workbookSectors + 1 + fatSectors
        let end = 0xFFFF_FFFE, free = 0xFFFF_FFFF, fatMark = 0xFFFF_FFFD

        var header = Bytes()
        header.data += [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        header.data += [UInt8](repeating: 0, count: 16)
        header.u16(0x003E); header.u16(0x0003); header.u16(0xFFFE); header.u16(9); header.u16(6)
        header.data += [UInt8](repeating: 0, count: 6)
        header.u32(0); header.u32(fatSectors); header.u32(directorySector); header.u32(0)
        header.u32(4096); header.u32(end); header.u32(0); header.u32(end); header.u32(0)
        for i in 0..<109 { header.u32(i < fatSectors ? firstFAT + i : free) }

        var fat = Bytes()
        for i in 0..<(fatSectors * 128) {
            if i < workbookSectors {
                fat.u32(i == workbookSectors - 1 ? end : i + 1)
            } else if i == directorySector {
                fat.u32(end)
            } else if i >= firstFAT, i < totalSectors {
                fat.u32(fatMark)
            } else {
                fat.u32(free)
            }
        }

        func entry(_ name: String, type: UInt8, child: Int, start: Int, size: Int) -> [UInt8] {
            var e = Bytes()
            let units = Array(name.utf16)
            for i in 0..<32 { e.u16(i < units.count ? Int(units[i]) : 0) }
            e.u16(name.isEmpty ? 0 : (units.count + 1) * 2)
            e.u8(type); e.u8(1)
            e.u32(free); e.u32(free); e.u32(child)
            e.data += [UInt8](repeating: 0, count: 16)
            e.u32(0)
            e.data += [UInt8](repeating: 0, count: 16)
            e.u32(start); e.u32(size); e.u32(0)
            return e.data
        }
        var directory = Bytes()
        directory.data += entry("Root Entry", type: 5, child: 1, start: end, size: 0)
        directory.data += entry("Workbook", type: 2, child: free, start: 0, size: max(streamSize, 4096))
        directory.data += entry("", type: 0, child: free, start: free, size: 0)
        directory.data += entry("", type: 0, child: free, start: free, size: 0)

        var file = header.data
        file += [UInt8](repeating: 0, count: 512 - file.count)
        file += stream
        file += directory.data
        file += fat.data
        try Data(file).write(to: url)
    }
}

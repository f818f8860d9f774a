import Foundation
import NOFPostgres
import Testing
import TestSupport
import ZIPFoundation

#if canImport(Glibc)
import Glibc
#endif

/// Damaged copies of the real files, made at test time from ../shared, or from the committed
/// corpus without it (never committed themselves).
enum DamagedCorpus {
    static func ae(_ name: String) -> URL { TestEnvironment.nhseFile("ae/\(name)") }
    static let november = ae("Monthly-AE-November-2021.csv")
    static let cancer = TestEnvironment.nhseFile("cancer/CWT-CRS-Oct-2023-Data-Extract-Provider.xlsx")
    static let ambsys = TestEnvironment.ambsysFile
    static let rtt = TestEnvironment.nhseFile("rtt/20241130-RTT-November-2024-RBD-only.csv")

    /// The good files the damaged ones are loaded over.
    static var goodFiles: [URL] {
        [ae("MSitAE-June-2018.csv"), ae("Monthly-AE-October-2021.csv"), november, ambsys, cancer]
    }

    static func zip(_ url: URL, entries: [(String, Data)], method: CompressionMethod = .deflate) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
    }

    /// The workbook's parts, with the first sheet's XML passed through `edit`.
    static func rewriteCancer(to url: URL, _ edit: (Data) -> Data) throws {
        let source = try Archive(url: cancer, accessMode: .read)
        var entries: [(String, Data)] = []
        for entry in source where entry.type == .file {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            entries.append((entry.path, entry.path == "xl/worksheets/sheet1.xml" ? edit(data) : data))
        }
        try zip(url, entries: entries)
    }

    /// Every damaged copy, by the name the test reports.
    static func make(in dir: URL) throws -> [(String, URL)] {
        var out: [(String, URL)] = []
        func write(_ name: String, _ data: Data) throws -> URL {
            let url = dir.appendingPathComponent(name)
            try data.write(to: url)
            return url
        }
        let nov = try Data(contentsOf: november)
        out.append(("cut mid-row", try write("Monthly-AE-November-2021-cut.csv", nov.prefix(nov.count * 60 / 100))))
        // Lines by bytes: in a Swift String "\r\n" is one Character, not a "\n".
        let june = [UInt8](try Data(contentsOf: ae("MSitAE-June-2018.csv")))
        let lineEnds = june.indices.filter { june[$0] == 0x0A }
        out.append(("cut at a row boundary", try write("MSitAE-June-2018-first-30-lines.csv", Data(june[...lineEnds[29]]))))
        var stray = try String(contentsOf: november, encoding: .utf8)
        if let range = stray.range(of: "MSitAE-NOVEMBER-2021,RBD,") {
            stray.replaceSubrange(range, with: "MSitAE-OCTOBER-2021,RBD,")
        }
        out.append(("one stray row of another month", try write("Monthly-AE-November-2021-stray.csv", Data(stray.utf8))))
        let cutSheet = dir.appendingPathComponent("CWT-CRS-cut-sheet.xlsx")
        try rewriteCancer(to: cutSheet) { $0.prefix($0.count * 60 / 100) }
        out.append(("a cut workbook sheet", cutSheet))
        let shortSheet = dir.appendingPathComponent("CWT-CRS-short-sheet.xlsx")
        try rewriteCancer(to: shortSheet) { data in
            var text = String(decoding: data, as: UTF8.self)
            guard let open = text.range(of: "<sheetData>"), let close = text.range(of: "</sheetData>") else { return data }
            let rows = text[open.upperBound..<close.lowerBound].components(separatedBy: "</row>")
            text.replaceSubrange(open.upperBound..<close.lowerBound, with: rows.prefix(rows.count / 2).joined(separator: "</row>") + "</row>")
            return Data(text.utf8)
        }
        out.append(("a well-formed shortened sheet", shortSheet))
        let amb = try String(contentsOf: ambsys, encoding: .utf8).split(whereSeparator: \.isNewline)
        let excerpt = [amb[0]] + amb.filter { $0.hasPrefix("2017,8,") }.prefix(4)
        out.append(("an excerpt of a time series", try write("AmbSYS-excerpt.csv", Data((excerpt.joined(separator: "\n") + "\n").utf8))))
        // A tag bomb: a sheet whose first tag is 64 MB (compresses to a few hundred KB).
        let bombSheet = Data("<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\" x=\"".utf8)
            + Data(repeating: UInt8(ascii: "a"), count: 64 << 20) + Data("\"/></sheetData></worksheet>".utf8)
        let tagBomb = dir.appendingPathComponent("CWT-CRS-tag-bomb.xlsx")
        try rewriteCancer(to: tagBomb) { _ in bombSheet }
        out.append(("a bomb (a 64 MB tag)", tagBomb))
        // A ratio bomb: a CSV member of 64 MB of one character, compressing about 1,000:1.
        let ratioBomb = dir.appendingPathComponent("Full-CSV-data-file-bomb.zip")
        try zip(ratioBomb, entries: [("RTT-bomb.csv", Data(try Data(contentsOf: rtt).prefix(2000)) + Data(repeating: 0x20, count: 64 << 20))])
        out.append(("a bomb (a 1,000:1 ZIP member)", ratioBomb))
        let fifo = dir.appendingPathComponent("Monthly-AE-December-2021.csv")
        guard mkfifo(fifo.path, 0o600) == 0 else { throw TestSetupError("mkfifo failed") }
        out.append(("a FIFO", fifo))
        var nul = nov
        nul[nul.count / 2] = 0
        out.append(("a NUL byte", try write("Monthly-AE-November-2021-nul.csv", nul)))
        // A ZIP with a bad CRC: the RTT file stored uncompressed, one digit changed after the
        // CRC was computed.
        let crc = dir.appendingPathComponent("Full-CSV-data-file-Nov24-bad-crc.zip")
        try zip(crc, entries: [("20241130-RTT-November-2024-full-extract.csv", try Data(contentsOf: rtt))], method: .none)
        var bytes = [UInt8](try Data(contentsOf: crc))
        if let i = (bytes.count / 2..<bytes.count).first(where: { bytes[$0] == UInt8(ascii: "7") }) { bytes[i] = UInt8(ascii: "8") }
        out.append(("a ZIP with a bad CRC", try write("Full-CSV-data-file-Nov24-bad-crc.zip", Data(bytes))))
        return out
    }
}

/// Views that record attempts rather than data (the load log, its rejects, warnings and holdbacks):
/// a failed load is logged in them by design.
let attemptViews: Set<String> = ["load_history", "load_holdback", "load_reject", "load_warning"]

func dataViewFingerprints(_ c: Connection, excluding: Set<String> = attemptViews) throws -> [String: String] {
    try LegacyWarehouse.viewFingerprints(c).filter { !excluding.contains($0.key) }
}

@Suite("damaged copies of the real files change nothing", .serialized)
struct DamagedCorpusTests {
    @Test("each damaged copy exits non-zero, fast, and every public view is byte for byte as before")
    func damagedCopies() throws {
        try withTestDatabase { db in
            let url = ["--database-url", db.conninfo]
            let good = try runNofdb(["load"] + DamagedCorpus.goodFiles.map(\.path) + url)
            #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
            let zipped = try TestEnvironment.temporaryDirectory("good-zip").appendingPathComponent("Full-CSV-data-file-Nov24.zip")
            try DamagedCorpus.zip(zipped, entries: [("20241130-RTT-November-2024-full-extract.csv", try Data(contentsOf: DamagedCorpus.rtt))])
            #expect(try runNofdb(["load", zipped.path] + url).status == 0)
            let c = try db.connect()
            let before = try dataViewFingerprints(c)
            let dir = try TestEnvironment.temporaryDirectory("damaged")
            defer { try? FileManager.default.removeItem(at: dir) }
            for (what, file) in try DamagedCorpus.make(in: dir) {
                let started = Date()
                let r = try runNofdb(["load", file.path] + url)
                let seconds = Date().timeIntervalSince(started)
                #expect(r.status == 1, "\(what): exit \(r.status)\n\(r.stdout)\(r.stderr)")
                #expect(seconds < 30, "\(what) took \(Int(seconds)) s")
                #expect(r.stdout.contains("error:") || r.stdout.contains("held back"), "\(what): says why\n\(r.stdout)")
                #expect(!r.stdout.contains("revised:"), "\(what): a file that changed nothing never says revised")
                let after = try dataViewFingerprints(c)
                for (view, fingerprint) in before where after[view] != fingerprint {
                    Issue.record("\(what) changed nof.\(view)")
                }
            }
            #expect(try runNofdb(["check"] + url).status == 0)
        }
    }
}

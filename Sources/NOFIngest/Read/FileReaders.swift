import Foundation
import NOFCore
import ZIPFoundation

/// The readers: bytes of a CSV, XLSX, XLS or ZIP member in, rows through a pipeline out.
extension Loader {
    /// Streams a CSV file through the pipeline, checking the bytes are the ones hashed.
    func readCSV(chunked: ChunkedFile, expectedSHA: String, size total: Int, pipeline: RowPipeline) throws -> Int {
        let parser = CSVParser(fileName: chunked.displayName, limits: options.limits, encoding: options.encoding)
        var hasher = SHA256Hasher()
        let started = Date()
        var lastReport = Date()
        var rows = 0
        let handle: (inout CSVRecord) throws -> Void = { record in
            rows += 1
            try pipeline.accept(record)
        }
        do {
            try chunked.read { chunk in
                hasher.update(chunk)
                try parser.feed(chunk, handle)
                if pipeline.isStopped { throw StopReading() }
                if let progress = options.onProgress, Date().timeIntervalSince(lastReport) > 0.2 {
                    lastReport = Date()
                    progress(LoadProgress(file: chunked.displayName, bytesDone: parser.bytesRead, bytesTotal: total,
                                          rows: rows, elapsed: Date().timeIntervalSince(started)))
                }
            }
        } catch is StopReading {
            return rows
        }
        try parser.finish(handle)
        try pipeline.checkEnd(parser.end)
        if hasher.hex() != expectedSHA {
            throw LoadError(
                file: chunked.displayName,
                reason: "the file changed while nofdb was reading it (its SHA-256 differs between the two reads)",
                hint: "load it again once it is completely written")
        }
        try pipeline.finish()
        return rows
    }

    /// Reads the data sheet of an XLSX workbook through a pipeline: the sheet its product
    /// says (the AmbSYS time series' `Raw`), else the first sheet whose first rows hold a
    /// header nofdb knows. A product nofdb does not load is named and refused before any row
    /// is read; a workbook with no known header says which sheet came closest.
    func readXLSX(_ workbook: XLSXWorkbook, pipelineFor: (String) -> RowPipeline) throws -> RowPipeline? {
        let (probe, unreadable) = workbook.probe()
        let product = ProductRegistry.identify(probe)
        if let product, !product.isLoaded { throw ProductRecognised(product: product) }
        let sheet: String
        if let product, case .load(let named?) = product.disposition, probe.hasSheet(named),
           let exact = probe.sheet(named)?.name {
            sheet = exact
        } else if let found = probe.sheets.first(where: { LayoutRegistry.headerSpec(in: $0.rows, dataset: options.dataset) != nil }) {
            sheet = found.name
        } else {
            throw LayoutRegistry.unrecognisedWorkbook(file: workbook.fileName, probe: probe, dataset: options.dataset, unreadable: unreadable)
        }
        let pipeline = pipelineFor(sheet)
        pipeline.product = product
        try workbook.readRows(sheet: sheet) { row in
            try pipeline.accept(row)
            return !pipeline.isStopped
        }
        try pipeline.finish()
        return pipeline
    }

    /// Reads DM01's `Provider by Test` sheet through the pipeline, then checks the `Provider` sheet.
    func readXLS(path: String, display: String, pipeline: RowPipeline) throws -> Int {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > options.limits.maxXLSBytes {
            throw LoadError(file: display, reason: "is \(size >> 20) MB; no published .xls workbook is over \(options.limits.maxXLSBytes >> 20) MB (FreeXL reads a workbook whole)",
                            hint: "check this is the file NHS England publishes")
        }
        if let helper = options.xlsHelper,
           let reason = XLSIsolation.check(path: path, helper: helper, timeout: options.limits.xlsCheckSeconds) {
            throw LoadError(file: display, reason: reason,
                            hint: "download the file again; if Excel opens it, save a copy and load that")
        }
        let workbook = try XLSWorkbook(path: path, fileName: display)
        // The product first (a DM01 commissioner file or a time series is named and refused),
        // then the sheet: the product's, else the first whose first rows hold a known header.
        let probe = try workbook.probe()
        let product = ProductRegistry.identify(probe)
        if let product, !product.isLoaded { throw ProductRecognised(product: product) }
        var chosen: Int?
        if let product, case .load(let named?) = product.disposition { chosen = workbook.sheetIndex(named: named) }
        if chosen == nil {
            chosen = probe.sheets.firstIndex { LayoutRegistry.headerSpec(in: $0.rows, dataset: options.dataset) != nil }
        }
        guard let index = chosen else {
            throw LayoutRegistry.unrecognisedWorkbook(file: display, probe: probe, dataset: options.dataset)
        }
        pipeline.product = product
        var rows = 0
        try workbook.rows(sheet: index) { row in
            rows += 1
            try pipeline.accept(row)
        }
        try pipeline.finish()
        if case .running(let normaliser) = pipeline.phase, let dm01 = normaliser as? DiagnosticsNormaliser,
           let providerSheet = workbook.sheetIndex(named: "Provider") {
            var header: [String]?
            var dataRows: [SheetRow] = []
            try workbook.rows(sheet: providerSheet) { row in
                if header == nil {
                    if row.strings.contains(where: { normaliseHeader($0) == "provider code" }) { header = row.strings }
                } else {
                    dataRows.append(row)
                }
            }
            if let header { dm01.checkProviderSheet(header: header, rows: dataRows) }
        }
        return rows
    }

    func loadArchive(url: URL, base: FileLoadResult) throws -> [FileLoadResult] {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw LoadError(
                file: base.file, reason: "the ZIP archive cannot be read (truncated or damaged): \(error)",
                hint: "download the file again")
        }
        // An .xlsx is a ZIP too: recognise it by its workbook part.
        if archive["xl/workbook.xml"] != nil {
            return [loadUnit(base: base, kind: .xlsx) { _ in 0 }]
        }
        let entries = archive.filter {
            $0.type == .file && !$0.path.hasPrefix("__MACOSX/") && !($0.path as NSString).lastPathComponent.hasPrefix(".")
        }.sorted { $0.path < $1.path }
        if entries.isEmpty {
            throw LoadError(file: base.file, reason: "the ZIP archive holds no files")
        }
        var results: [FileLoadResult] = []
        for entry in entries {
            var unit = base
            unit.member = entry.path
            unit.file = base.file + "!" + entry.path
            let memberName = unit.file
            let lower = entry.path.lowercased()
            if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xls") {
                // Spreadsheets inside a ZIP: extract (they are small) and read as files.
                var data = Data()
                var limits = options.limits
                limits.maxEntryBytes = min(limits.maxEntryBytes, limits.maxXLSBytes)
                var meter = InflateMeter(file: memberName, entry: entry.path, compressed: Int(entry.compressedSize), limits: limits)
                do {
                    let crc = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: false) { chunk in
                        try meter.add(chunk.count)
                        data.append(chunk)
                    }
                    try XLSXWorkbook.checkCRC(crc, entry, file: memberName, what: "this member of the ZIP archive")
                } catch {
                    var failed = unit
                    failed.message = (error as? LoadError)?.description
                        ?? LoadError(file: memberName, reason: "cannot extract from the archive: \(XLSXWorkbook.describeZIPError(error)); nothing from it was loaded",
                                     hint: "download the archive again").description
                    recordFailure(&failed, rejects: [], warnings: [])
                    results.append(failed)
                    continue
                }
                let temp = FileManager.default.temporaryDirectory.appendingPathComponent("nofdb-\(UUID().uuidString)-" + (entry.path as NSString).lastPathComponent)
                defer { try? FileManager.default.removeItem(at: temp) }
                do {
                    try data.write(to: temp)
                } catch {
                    var failed = unit
                    failed.message = "\(memberName): cannot write a temporary copy: \(error)"
                    recordFailure(&failed, rejects: [], warnings: [])
                    results.append(failed)
                    continue
                }
                if scan != nil { unit.memberSHA256 = SHA256Hasher.hex(of: data) }
                if lower.hasSuffix(".xls") {
                    results.append(loadUnit(base: unit, kind: .xls) { pipeline in
                        try self.readXLS(path: temp.path, display: memberName, pipeline: pipeline)
                    })
                } else {
                    results.append(loadUnit(base: unit, kind: .xlsx, xlsxURL: temp) { _ in 0 })
                }
                continue
            }
            let digest = MemberDigest()
            var member = loadUnit(base: unit, kind: .csv) { pipeline in
                let parser = CSVParser(fileName: memberName, limits: self.options.limits, encoding: self.options.encoding)
                var rows = 0
                let handle: (inout CSVRecord) throws -> Void = { record in
                    rows += 1
                    try pipeline.accept(record)
                }
                var consumerError: (any Error)?
                var meter = InflateMeter(file: memberName, entry: entry.path, compressed: Int(entry.compressedSize), limits: self.options.limits)
                do {
                    let crc = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: false) { data in
                        do {
                            try meter.add(data.count)
                            digest.update(data)
                            try data.withUnsafeBytes { try parser.feed($0, handle) }
                            if pipeline.isStopped { throw StopReading() }
                        } catch {
                            consumerError = error
                            throw error
                        }
                    }
                    try XLSXWorkbook.checkCRC(crc, entry, file: memberName, what: "this member of the ZIP archive")
                } catch {
                    if consumerError is StopReading { return rows }
                    if let consumerError { throw consumerError }
                    if let error = error as? LoadError { throw error }
                    throw LoadError(file: memberName, reason: "cannot read this member of the ZIP archive: \(XLSXWorkbook.describeZIPError(error)); nothing from it was loaded",
                                    hint: "download the archive again")
                }
                try parser.finish(handle)
                try pipeline.checkEnd(parser.end)
                try pipeline.finish()
                return rows
            }
            if scan != nil { member.memberSHA256 = digest.hex() }
            results.append(member)
        }
        return results
    }
}

/// The SHA-256 of a ZIP member's bytes as they are extracted.
final class MemberDigest {
    private var hasher: SHA256Hasher? = SHA256Hasher()
    func update(_ data: Data) { hasher?.update(data) }
    func hex() -> String { hasher.take()?.hex() ?? "" }

}

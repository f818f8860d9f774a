import Foundation
import NOFCore
@testable import NOFIngest
import NOFPostgres
import Testing
import TestSupport
import ZIPFoundation

func load(_ db: TestDatabase, _ paths: [URL], _ options: LoadOptions = LoadOptions()) throws -> [FileLoadResult] {
    let connection = try db.connect()
    return try Loader(connection: connection, options: options).load(paths: paths.map(\.path)).results
}

func aeFile(_ name: String) -> URL { TestEnvironment.nhseFile("ae/\(name)") }

@Suite("load semantics: idempotent, revision-aware, transactional")
struct LoadSemanticsTests {
    @Test("reloading the same bytes changes nothing and is reported as unchanged")
    func reloadIsNoOp() throws {
        try withTestDatabase { db in
            let file = aeFile("MSitAE-April-2018.csv")
            let first = try load(db, [file])
            #expect(first.first?.status == .loaded)
            let c = try db.connect()
            let before = try warehouseSnapshot(c)
            let second = try load(db, [file])
            #expect(second.first?.status == .unchanged)
            #expect(second.first?.periods == [YearMonth(year: 2018, month: 4)!])
            #expect(try warehouseSnapshot(c) == before)
            #expect(try c.query("SELECT status FROM audit.load_log ORDER BY load_id") { try $0.decode("status", as: String.self) } == ["loaded", "unchanged"])
            #expect(try c.value("SELECT count(DISTINCT sha256) AS n FROM audit.load_log", as: Int.self) == 1)
        }
    }

    @Test("an edited copy of one month replaces that month only, as a new revision")
    func revisedMonth() throws {
        try withTestDatabase { db in
            let april = aeFile("MSitAE-April-2018.csv")
            let may = aeFile("MSitAE-May-2018.csv")
            _ = try load(db, [april, may])
            let c = try db.connect()
            let mayBefore = try c.value("SELECT md5(string_agg(t::text, '|' ORDER BY org_code)) AS digest FROM dw.fact_ae t WHERE period = '2018-05-01'", as: String.self)
            // A "revised" April: Dorset County's type 1 attendances change from 3695 to 3700.
            let dir = try TestEnvironment.temporaryDirectory("revised")
            let text = try String(contentsOf: april, encoding: .utf8)
            let edited = text.replacingOccurrences(of: "DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST,3695,", with: "DORSET COUNTY HOSPITAL NHS FOUNDATION TRUST,3700,")
            #expect(edited != text)
            // Edited without its TOTAL row, the month no longer adds up: held back, nothing changes.
            let inconsistentURL = dir.appendingPathComponent("MSitAE-April-2018-edited.csv")
            try edited.write(to: inconsistentURL, atomically: true, encoding: .utf8)
            let before = try warehouseSnapshot(c)
            let held = try load(db, [inconsistentURL])
            #expect(held.first?.status == .heldBack)
            #expect(held.first?.heldBack.first?.kind == .totals)
            #expect(held.first?.heldBack.first?.reason.contains("attendances type 1: TOTAL row 1246348, providers sum to 1246353") == true,
                    "\(held.first?.heldBack ?? [])")
            #expect(try warehouseSnapshot(c) == before)
            // A real revision changes its TOTAL row with it.
            let revised = edited.replacingOccurrences(of: "TOTAL,TOTAL,TOTAL,TOTAL,1246348,", with: "TOTAL,TOTAL,TOTAL,TOTAL,1246353,")
            let revisedURL = dir.appendingPathComponent("MSitAE-April-2018-revised.csv")
            try revised.write(to: revisedURL, atomically: true, encoding: .utf8)
            let result = try load(db, [revisedURL])
            #expect(result.first?.status == .loaded, "\(result.first?.heldBack ?? [])")
            #expect(result.first?.replacedSlices.count == 1)
            #expect(try c.value("SELECT att_type1 FROM dw.fact_ae WHERE period = '2018-04-01' AND org_code = 'RBD'", as: Int.self) == 3700)
            #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ae WHERE period = '2018-04-01'", as: Int.self) == 247)
            #expect(try c.value("SELECT md5(string_agg(t::text, '|' ORDER BY org_code)) AS digest FROM dw.fact_ae t WHERE period = '2018-05-01'", as: String.self) == mayBefore)
            #expect(try c.value("SELECT revision FROM audit.load_slice WHERE dataset = 'ae' AND period = '2018-04-01'", as: Int.self) == 2)
            #expect(try c.value("SELECT revision FROM audit.load_slice WHERE dataset = 'ae' AND period = '2018-05-01'", as: Int.self) == 1)
            // The replaced April is kept as a revision, not dropped.
            #expect(try c.value("SELECT count(*) AS n FROM nof.slice_revision WHERE dataset = 'ae' AND period = '2018-04-01' AND restorable", as: Int.self) == 1)
            // Loading the original again brings it back (its slice is no longer current, so it is not "unchanged").
            let again = try load(db, [april])
            #expect(again.first?.status == .loaded)
            #expect(try c.value("SELECT att_type1 FROM dw.fact_ae WHERE period = '2018-04-01' AND org_code = 'RBD'", as: Int.self) == 3695)
            #expect(try c.value("SELECT count(*) AS n FROM pg_inherits WHERE inhparent = 'dw.fact_ae'::regclass", as: Int.self) == 2)
        }
    }

    @Test("RTT zipped loads like the raw CSV, member by member; the 52-week and pre-2017 layouts too")
    func rttLayouts() throws {
        try withTestDatabase { db in
            let dir = try TestEnvironment.temporaryDirectory("zip")
            let zipURL = dir.appendingPathComponent("Full-CSV-data-file-Nov24-ZIP.zip")
            let archive = try Archive(url: zipURL, accessMode: .create)
            try archive.addEntry(with: "20241130-RTT-November-2024-full-extract.csv",
                                 fileURL: TestEnvironment.nhseFile("rtt/20241130-RTT-November-2024-RBD-only.csv"),
                                 compressionMethod: .deflate)
            let results = try load(db, [zipURL, fixtureFile("rtt-52-2020-12.csv"), fixtureFile("rtt-pre2017-2016-08.csv")])
            #expect(results.map(\.status) == [.loaded, .loaded, .loaded], "\(results.map { $0.message ?? "" })")
            #expect(results.map { $0.layout ?? "" } == ["rtt-104", "rtt-52", "rtt-pre2017"])
            #expect(results[0].member == "20241130-RTT-November-2024-full-extract.csv")
            #expect(results.map { $0.periods.first?.description ?? "" } == ["2024-11", "2020-12", "2016-08"])
            let c = try db.connect()
            #expect(try c.value("SELECT count(*) AS n FROM dw.fact_rtt WHERE period = '2024-11-01'", as: Int.self) == 512)
            #expect(try c.value("SELECT cardinality(bands) AS bands FROM dw.fact_rtt WHERE period = '2020-12-01' AND part = '2' LIMIT 1", as: Int.self) == 53)
            #expect(try c.value("SELECT total FROM dw.fact_rtt WHERE period = '2020-12-01' AND part = '1A'", as: Int.self) == 53)
            #expect(try c.value("SELECT bands IS NULL AS no_bands FROM dw.fact_rtt WHERE period = '2020-12-01' AND part = '3'", as: Bool.self) == true)
            #expect(try c.value("SELECT treatment_function_name FROM dw.dim_treatment_function WHERE treatment_function_code = 'C_100'", as: String.self) == "General Surgery Service")
            // Loading the zip again: unchanged.
            #expect(try load(db, [zipURL]).first?.status == .unchanged)
        }
    }

    @Test("AmbSYS 153 columns and unknown future A-codes are kept; cancer as CSV; the 2024 A&E stray columns")
    func otherLayouts() throws {
        try withTestDatabase { db in
            // The AmbSYS fixtures are excerpts (England and one trust): England's row does not
            // equal the sum of the trusts, so the months are held back unless accepted knowingly.
            let excerpt = try load(db, [fixtureFile("ambsys-153-2026-04.csv")])
            #expect(excerpt.first?.status == .heldBack)
            #expect(excerpt.first?.heldBack.first?.reason.contains("England row does not equal the sum of the trust rows") == true,
                    "\(excerpt.first?.heldBack ?? [])")
            var accept = LoadOptions()
            accept.allowTotalMismatch = true
            let results = try load(db, [
                fixtureFile("ambsys-153-2026-04.csv"), fixtureFile("ambsys-future-acodes.csv"),
                fixtureFile("cancer-crs.csv"), fixtureFile("ae-2024-09-stray-columns.csv"),
            ], accept)
            #expect(results.map(\.status) == [.loaded, .loaded, .loaded, .loaded], "\(results.map { $0.message ?? "" })")
            #expect(results.map { $0.layout ?? "" } == ["ambsys-153", "ambsys-acodes", "cwt-crs", "ae-22"])
            let c = try db.connect()
            // A-codes are kept as JSON numbers: A149 reads as 12, and the future A150 is present but empty.
            #expect(try c.value("SELECT (acodes->>'A149')::numeric AS a149 FROM dw.fact_ambulance WHERE period = '2026-05-01'", as: Decimal?.self) == 12)
            #expect(try c.value("SELECT acodes ? 'A150' AND acodes->>'A150' IS NULL AS a150_empty FROM dw.fact_ambulance WHERE period = '2026-05-01'", as: Bool.self) == true)
            #expect(try c.value("SELECT c1_mean_s FROM dw.fact_ambulance WHERE period = '2026-04-01' AND org_code = 'Eng'", as: Int.self) == 460)
            #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ambulance WHERE period = '2026-04-01' AND org_level = 'trust'", as: Int.self) == 1)
            #expect(try c.query("SELECT DISTINCT period FROM dw.fact_cancer ORDER BY period") { try $0.decode("period", as: PostgresDate.self) }
                    == [PostgresDate(year: 2023, month: 10, day: 1), PostgresDate(year: 2025, month: 4, day: 1)])
            #expect(try c.value("SELECT breaches FROM dw.fact_cancer WHERE org_code = 'RBK'", as: Decimal.self) == Decimal(string: "0.5"))
            #expect(try c.value("SELECT count(*) AS n FROM dw.fact_ae WHERE period = '2024-09-01'", as: Int.self) == 3)
            #expect(try c.value("SELECT region_code FROM dw.fact_ae WHERE org_code = 'RCX'", as: String.self) == "Y61")
            #expect(try c.value("SELECT org_name FROM dw.dim_organisation WHERE org_code = 'RCX'", as: String.self) == "THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST")
            #expect(results[3].warnings.isEmpty, "\(results[3].warnings)")
        }
    }

    @Test("--dataset overrides detection: a file of another dataset is refused, naming the closest layout")
    func datasetOverride() throws {
        try withTestDatabase { db in
            var options = LoadOptions()
            options.dataset = .rtt
            let r = try load(db, [aeFile("MSitAE-April-2018.csv")], options)
            #expect(r.first?.status == .failed)
            #expect(r.first?.message?.contains("for dataset rtt") == true)
            options.dataset = .ae
            #expect(try load(db, [aeFile("MSitAE-April-2018.csv")], options).first?.status == .loaded)
        }
    }

    @Test("loads of one dataset serialise on an advisory lock: --no-wait fails at once, waiting says so")
    func lockSerialises() throws {
        try withTestDatabase { db in
            let holder = try db.connect()
            let lock = AdvisoryLock("load:ae")
            try holder.acquireAdvisoryLock(lock)
            var noWait = LoadOptions()
            noWait.wait = false
            let busy = try load(db, [aeFile("MSitAE-April-2018.csv")], noWait)
            #expect(busy.first?.status == .failed)
            #expect(busy.first?.message?.contains("--no-wait") == true)
            #expect(LoadSummary.exitCode(busy) == 75)
            let waited = Mutex2()
            var options = LoadOptions()
            options.onWait = { message in waited.set(message) }
            // The holding session is used only by this thread from now on.
            let box = UncheckedBox(holder)
            let releaser = Thread {
                Thread.sleep(forTimeInterval: 0.5)
                box.value.releaseAdvisoryLock(lock)
            }
            releaser.start()
            let result = try load(db, [aeFile("MSitAE-April-2018.csv")], options)
            #expect(result.first?.status == .loaded)
            #expect(waited.get()?.contains("waiting") == true)
        }
    }
}

/// A tiny thread-safe box for a message.
final class Mutex2: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?
    func set(_ v: String) { lock.lock(); value = v; lock.unlock() }
    func get() -> String? { lock.lock(); defer { lock.unlock() }; return value }
}

final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

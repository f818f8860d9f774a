import Foundation
@testable import NOFPublish
import Testing

/// The site writer on its own: staged, swapped into place whole, unchanged files kept with
/// their inode and modification time, pages carried over with their downloads, and folders
/// that are not sites left alone.
@Suite("Site writer")
struct SiteWriterTests {
    static func temporary() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nofdb-sitewriter-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func inode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int)
    }

    @Test("a second run with the same bytes keeps every file's inode; a changed file is new; a dropped one is gone")
    func unchangedFilesAreLinked() throws {
        let root = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let first = try SiteWriter(destination: site)
        try first.write("index.html", "home", inputs: "a")
        try first.write("org/RBD.html", "RBD", inputs: "b")
        try first.write("org/RBD-standards.csv", "csv", inputs: "b", owner: "org/RBD.html")
        try first.write("org/OLD.html", "old", inputs: "c")
        try first.commit()
        let before = try Dictionary(uniqueKeysWithValues: ["index.html", "org/RBD.html", "org/RBD-standards.csv"].map {
            ($0, try Self.inode(site.appendingPathComponent($0)))
        })

        let second = try SiteWriter(destination: site)
        #expect(second.canReuse("org/RBD.html", inputs: "b"))
        #expect(!second.canReuse("org/RBD.html", inputs: "changed"))
        try second.reuse("org/RBD.html")
        try second.write("index.html", "home", inputs: "a2")
        try second.write("new.html", "new", inputs: "d")
        // Until the commit, readers see the old site whole.
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("org/OLD.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("new.html").path))
        #expect(second.removed == ["org/OLD.html"])
        try second.commit()

        for (path, inode) in before {
            #expect(try Self.inode(site.appendingPathComponent(path)) == inode, "\(path) was rewritten")
        }
        #expect(second.written == 1 && second.writtenPaths == ["new.html"])
        #expect(second.unchanged == 3)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("org/OLD.html").path))
        #expect(try String(contentsOf: site.appendingPathComponent("new.html"), encoding: .utf8) == "new")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path)
        #expect(leftovers == ["site"], "staging folders left behind: \(leftovers)")

        let third = try SiteWriter(destination: site)
        try third.write("index.html", "home changed", inputs: "a2")
        try third.commit()
        #expect(try Self.inode(site.appendingPathComponent("index.html")) != before["index.html"])
    }

    @Test("a file written by a producer is kept only when its bytes changed")
    func producedFiles() throws {
        let root = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        let first = try SiteWriter(destination: site)
        try first.write("data/x.csv", inputs: "x") { try Data("a,b\n".utf8).write(to: $0) }
        try first.commit()
        let inode = try Self.inode(site.appendingPathComponent("data/x.csv"))
        let second = try SiteWriter(destination: site)
        try second.write("data/x.csv", inputs: "y") { try Data("a,b\n".utf8).write(to: $0) }
        try second.commit()
        #expect(try Self.inode(site.appendingPathComponent("data/x.csv")) == inode)
        #expect(second.written == 0 && second.unchanged == 1)
    }

    @Test("a folder that is not a site, or a file, is refused; an empty folder is taken")
    func refusesOtherFolders() throws {
        let root = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: root) }
        let documents = root.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: documents.appendingPathComponent("letter.txt"))
        #expect(throws: PublishError.self) { try SiteWriter(destination: documents) }
        #expect(throws: PublishError.self) { try SiteWriter(destination: documents.appendingPathComponent("letter.txt")) }
        #expect(try String(contentsOf: documents.appendingPathComponent("letter.txt"), encoding: .utf8) == "mine")
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let writer = try SiteWriter(destination: empty)
        try writer.write("index.html", "home", inputs: "a")
        try writer.commit()
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent(SiteWriter.manifestName).path))
    }

    @Test("a staging folder left by a run that died is removed; an aborted run leaves the site as it was")
    func abandonedStaging() throws {
        let root = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site")
        // No process has pid 2^22 + 1 on Linux (pid_max is at most 2^22).
        let dead = root.appendingPathComponent(".site.publishing-4194305")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        let writer = try SiteWriter(destination: site)
        #expect(!FileManager.default.fileExists(atPath: dead.path))
        try writer.write("index.html", "home", inputs: "a")
        try writer.commit()
        let aborted = try SiteWriter(destination: site)
        try aborted.write("index.html", "half", inputs: "b")
        aborted.abort()
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "home")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["site"])
    }
}

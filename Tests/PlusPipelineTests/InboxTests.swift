import Foundation
import Testing
@testable import PlusPipeline

@Suite("The inbox: pending files, archive, rejected with reasons, the run lock")
struct InboxTests {
    static func freshFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plus-inbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func pendingSkipsPartialHiddenAndOfficeLockFiles() throws {
        let folder = try Self.freshFolder()
        for name in ["b.csv", "a.xml", ".hidden.csv", "upload.csv.part", "x.tmp", "~$foglio.csv", "old.csv.reason"] {
            try Data("x".utf8).write(to: folder.appendingPathComponent(name))
            // Arrived together: then the name decides the order.
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_700_000_000)], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("archive"), withIntermediateDirectories: true)
        let pending = try InboxFolder(url: folder).pendingFiles().map(\.lastPathComponent)
        #expect(pending == ["a.xml", "b.csv"])
    }

    @Test func archiveKeepsNamesAndNeverOverwrites() throws {
        let folder = try Self.freshFolder()
        let inbox = InboxFolder(url: folder)
        for content in ["first", "second"] {
            let file = folder.appendingPathComponent("scheda.csv")
            try Data(content.utf8).write(to: file)
            try inbox.archive(file, sha256: content == "first" ? "aaaaaaaaaaaaaaaa" : "bbbbbbbbbbbbbbbb")
        }
        let archived = try FileManager.default.contentsOfDirectory(atPath: inbox.archiveURL.path).sorted()
        #expect(archived == ["scheda.bbbbbbbbbbbb.csv", "scheda.csv"])
        #expect(try String(contentsOf: inbox.archiveURL.appendingPathComponent("scheda.csv"), encoding: .utf8) == "first")
    }

    /// `archive/` is renamed into on the inbox's own disk; one mounted from another disk (here a
    /// link to `/dev/shm`, a memory disk) takes the file by copy, as Foundation's move did.
    @Test func archiveOnAnotherDiskTakesTheFileAcross() throws {
        let elsewhere = URL(fileURLWithPath: "/dev/shm/plus-archive-\(UUID().uuidString)", isDirectory: true)
        let folder = try Self.freshFolder()
        var inboxDisk = stat(), otherDisk = stat()
        guard (try? FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)) != nil,
              stat(folder.path, &inboxDisk) == 0, stat(elsewhere.path, &otherDisk) == 0, inboxDisk.st_dev != otherDisk.st_dev
        else { return }  // no second disk on this machine: nothing to try
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let inbox = InboxFolder(url: folder)
        try FileManager.default.createSymbolicLink(at: inbox.archiveURL, withDestinationURL: elsewhere)
        let file = folder.appendingPathComponent("scheda.csv")
        try Data("first".utf8).write(to: file)
        let moved = try #require(try inbox.archive(file, sha256: "aaaaaaaaaaaaaaaa"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(try String(contentsOf: elsewhere.appendingPathComponent("scheda.csv"), encoding: .utf8) == "first")
        #expect(moved.lastPathComponent == "scheda.csv")
    }

    @Test func rejectedFilesCarryTheirReason() throws {
        let folder = try Self.freshFolder()
        let file = folder.appendingPathComponent("rotto.csv")
        try Data("x".utf8).write(to: file)
        let moved = try #require(try InboxFolder(url: folder).reject(file, sha256: "cc", reason: "CSV011: virgolette non chiuse"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(FileManager.default.fileExists(atPath: moved.path))
        #expect(try String(contentsOf: moved.appendingPathExtension("reason"), encoding: .utf8) == "CSV011: virgolette non chiuse")
    }

    @Test func aSecondRunCannotTakeTheLock() throws {
        let path = try Self.freshFolder().appendingPathComponent("plus.sqlite.lock").path
        let first = try #require(try RunLock.acquire(at: path))
        #expect(try RunLock.acquire(at: path) == nil)
        first.release()
        let again = try #require(try RunLock.acquire(at: path))
        again.release()
    }

    @Test func atomicWriteReplacesWholeAndLeavesNoTemporary() throws {
        let folder = try Self.freshFolder()
        let target = folder.appendingPathComponent("out.json")
        try AtomicFile.write(Data("old".utf8), to: target)
        try AtomicFile.write(Data("new".utf8), to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
    }
}

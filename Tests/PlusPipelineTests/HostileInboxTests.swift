import Foundation
import Testing
import PlusModel
@testable import PlusPipeline

/// Entries no one should find in an inbox, and files still being written: the job neither hangs,
/// nor stops, nor reads what it must not.
@Suite("The inbox under faults: hostile entries, uploads in progress, leftovers")
struct HostileInboxTests {
    /// Runs `plus` and kills it if it has not finished within `seconds`.
    static func run(_ arguments: [String], within seconds: Double) throws -> (finished: Bool, status: Int32, output: String) {
        let process = Process()
        process.executableURL = try CommandLineTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = Workbench.repository
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = OutputCollector(pipe.fileHandleForReading)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        let finished = !process.isRunning
        if !finished { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (finished, finished ? process.terminationStatus : -1, output.text())
    }

    /// Reads a pipe to its end on another thread, so that a full pipe never blocks the child.
    final class OutputCollector: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                let all = handle.readDataToEndOfFile()
                lock.withLock { data = all }
                done.signal()
            }
        }

        func text() -> String {
            _ = done.wait(timeout: .now() + 10)
            return lock.withLock { String(decoding: data, as: UTF8.self) }
        }
    }

    static func makeFIFO(_ url: URL) throws {
        guard mkfifo(url.path, 0o644) == 0 else { throw POSIXError(.EIO) }
    }

    /// A Unix socket bound at `url` (left there after the descriptor is closed).
    static func makeSocket(_ url: URL) throws {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(url.path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path + [0]) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EIO) }
    }

    /// A file whose name is the given bytes, which need not be UTF-8.
    static func makeFile(in folder: URL, nameBytes: [UInt8], contents: String) throws {
        let path = Array(folder.path.utf8) + [UInt8(ascii: "/")] + nameBytes + [0]
        let descriptor = path.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { open($0, O_WRONLY | O_CREAT, 0o644) }
        }
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        _ = contents.withCString { write(descriptor, $0, strlen($0)) }
        close(descriptor)
    }

    static func backdate(_ url: URL, seconds: TimeInterval = 300) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-seconds)], ofItemAtPath: url.path)
    }

    @Test func hostileEntriesAreSetAsideAndTheRestOfTheInboxIsImported() throws {
        let bench = try Workbench()
        try bench.drop("riferimento/ambiti-sardegna.csv")
        try bench.drop("riferimento/enti-sardegna.csv")
        try bench.drop("oristano/comune-allai-scheda-2019.csv")
        let secret = bench.root.appendingPathComponent("segreto.csv")
        try Data("SEGRETO-42;riservato\n".utf8).write(to: secret)
        let inbox = bench.inbox
        try Self.makeFIFO(inbox.appendingPathComponent("pipe.csv"))
        try FileManager.default.createSymbolicLink(atPath: inbox.appendingPathComponent("zero.csv").path, withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: inbox.appendingPathComponent("fuori.csv").path, withDestinationPath: secret.path)
        try Self.makeSocket(inbox.appendingPathComponent("presa.csv"))
        try Self.makeFile(in: inbox, nameBytes: Array("caf".utf8) + [0xE8] + Array(".csv".utf8), contents: "a;b\n")
        try Self.makeFile(in: inbox, nameBytes: Array("riga\nfalsa.csv".utf8), contents: "a;b\n")
        try Data("non una cartella".utf8).write(to: inbox.appendingPathComponent("archive"))

        let store = bench.root.appendingPathComponent("plus.sqlite").path
        let result = try Self.run(
            ["run", "--settle", "0", "--inbox", inbox.path, "--store", store, "--out", bench.out.path, "--lang", "en", "--log-level", "info"],
            within: 60)
        #expect(result.finished, "the run hung: \(result.output)")
        #expect(result.status == 2, "\(result.output)")
        #expect(!result.output.contains("SEGRETO"))
        #expect(try bench.files(in: "archive").contains("comune-allai-scheda-2019.csv"))
        let rejected = try bench.files(in: "rejected")
        for (name, code) in [
            ("pipe.csv", "INB001"), ("presa.csv", "INB001"), ("zero.csv", "INB002"), ("fuori.csv", "INB002"),
            ("caf%E8.csv", "INB004"), ("riga%0Afalsa.csv", "INB004"), ("archive", "INB006"),
        ] {
            #expect(rejected.contains(name), "\(name) not set aside: \(rejected)")
            let reason = try String(contentsOf: inbox.appendingPathComponent("rejected/\(name).reason"), encoding: .utf8)
            #expect(reason.contains(code), "\(name): \(reason)")
            #expect(!reason.contains("SEGRETO"))
            #expect(result.output.contains(code))
        }
        #expect(result.output.contains("caf\\xE8.csv"))
        #expect(result.output.contains("riga\\x0Afalsa.csv"))
        // The summary counts the entries set aside among the run's files, each with its line.
        let summaryLine = try #require(result.output.split(separator: "\n").last { $0.hasPrefix("{\"accepted\"") })
        let summary = try JSONDecoder().decode(RunSummary.self, from: Data(summaryLine.utf8))
        #expect(summary.files == 10 && summary.perFile.count == 10, "\(summary.files) files, \(summary.perFile.count) lines")
        #expect(summary.accepted + summary.duplicates + summary.rejected == summary.files)
        #expect(summary.rejected == 7)
        // The symlinks were moved themselves: the file outside the inbox is where it was.
        #expect(try String(contentsOf: secret, encoding: .utf8).hasPrefix("SEGRETO"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: inbox.path).sorted()
        #expect(entries == ["archive", "rejected"])
    }

    @Test func importOfAFIFOOrADeviceReturnsAtOnceWithAClearError() throws {
        let folder = try InboxTests.freshFolder()
        let fifo = folder.appendingPathComponent("scheda.csv")
        try Self.makeFIFO(fifo)
        let zero = folder.appendingPathComponent("zero.xml")
        try FileManager.default.createSymbolicLink(atPath: zero.path, withDestinationPath: "/dev/zero")
        for (file, mapping, words) in [
            (fifo, "comune-scheda", "FIFO"), (zero, "deliberazione-akn", "symbolic link"), (zero, "comune-scheda", "symbolic link"),
        ] {
            let result = try Self.run(["import", file.path, "--mapping", mapping, "--lang", "en"], within: 30)
            #expect(result.finished, "plus import \(file.lastPathComponent) hung")
            #expect(result.status == 2)
            #expect(result.output.contains(words), "\(result.output)")
        }
    }

    @Test func aRegularFileWhereRejectedShouldBeStopsTheRunWithAMessage() throws {
        let bench = try Workbench()
        try bench.drop("oristano/comune-allai-scheda-2019.csv")
        try Data("x".utf8).write(to: bench.inbox.appendingPathComponent("rejected"))
        let store = bench.root.appendingPathComponent("plus.sqlite").path
        let result = try Self.run(["run", "--settle", "0", "--inbox", bench.inbox.path, "--store", store, "--lang", "en"], within: 60)
        #expect(result.finished)
        #expect(result.status == 70)
        #expect(result.output.contains("rejected") && result.output.contains("not a folder"), "\(result.output)")
        #expect(!result.output.contains("Error:"))
    }

    @Test(.enabled(if: getuid() != 0, "root reads every file"))
    func anUnreadableFileIsSetAsideAndTheRunGoesOn() throws {
        let bench = try Workbench()
        try bench.drop("oristano/comune-allai-scheda-2019.csv")
        let locked = bench.inbox.appendingPathComponent("chiuso.csv")
        try Data("a;b\n".utf8).write(to: locked)
        chmod(locked.path, 0)
        let scan = try InboxFolder(url: bench.inbox).scan()
        #expect(scan.ready.map(\.lastPathComponent) == ["comune-allai-scheda-2019.csv"])
        #expect(scan.refused.map(\.refusal.code) == ["INB003"])
    }

    @Test func aFileStillBeingWrittenWaitsForALaterRun() throws {
        let folder = try InboxTests.freshFolder()
        let young = folder.appendingPathComponent("giovane.csv")
        try Data("a;b\n".utf8).write(to: young)
        let writing = folder.appendingPathComponent("in-scrittura.csv")
        try Data("a;b\n".utf8).write(to: writing)
        try Self.backdate(writing)
        let writer = try FileHandle(forWritingTo: writing)

        let inbox = InboxFolder(url: folder, settle: 60)
        var scan = try inbox.scan()
        #expect(scan.ready.isEmpty)
        #expect(Set(scan.waiting.map { $0.name.shown }) == ["giovane.csv", "in-scrittura.csv"])
        #expect(scan.waiting.allSatisfy { $0.refusal.code == "INB005" })

        try writer.close()
        try Self.backdate(young)
        scan = try inbox.scan()
        #expect(Set(scan.ready.map(\.lastPathComponent)) == ["giovane.csv", "in-scrittura.csv"])
    }

    @Test func aFreshUploadIsLeftInTheInboxByTheDefaultSettle() throws {
        let bench = try Workbench()
        try bench.drop("oristano/comune-allai-scheda-2019.csv")
        let store = bench.root.appendingPathComponent("plus.sqlite").path
        let result = try Self.run(
            ["run", "--inbox", bench.inbox.path, "--store", store, "--out", bench.out.path, "--lang", "en", "--log-level", "info"],
            within: 60)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("INB005"))
        #expect(result.output.contains("\"waiting\":1"))
        #expect(FileManager.default.fileExists(atPath: bench.inbox.appendingPathComponent("comune-allai-scheda-2019.csv").path))
    }

    @Test func filesAreTakenInTheOrderTheyArrived() throws {
        let folder = try InboxTests.freshFolder()
        for (name, age) in [("a-rettifica.csv", 100.0), ("b-originale.csv", 300.0), ("d.csv", 200.0), ("c.csv", 200.0)] {
            let file = folder.appendingPathComponent(name)
            try Data("x".utf8).write(to: file)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000 - age)], ofItemAtPath: file.path)
        }
        let pending = try InboxFolder(url: folder).pendingFiles().map(\.lastPathComponent)
        #expect(pending == ["b-originale.csv", "c.csv", "d.csv", "a-rettifica.csv"])
    }

    @Test func aFileThatChangedWhileItWasReadStaysInTheInbox() throws {
        let folder = try InboxTests.freshFolder()
        let file = folder.appendingPathComponent("scheda.csv")
        try Data("prima metà".utf8).write(to: file)
        let inbox = InboxFolder(url: folder)
        #expect(try inbox.pendingFiles() == [file])
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(" e seconda metà".utf8))
        try handle.close()
        #expect(try inbox.archive(file, sha256: "aa") == nil)
        #expect(FileManager.default.fileExists(atPath: file.path))
        // Read again, unchanged since: now it goes.
        #expect(try inbox.pendingFiles() == [file])
        #expect(try inbox.archive(file, sha256: "aa") != nil)
    }

    @Test func leftoversOfAKilledRunAreRemovedAndFreshOnesKept() throws {
        let bench = try Workbench()
        try bench.drop("riferimento/ambiti-sardegna.csv")
        try bench.drop("oristano/comune-allai-scheda-2019.csv")
        _ = try bench.job().run()
        let folder = bench.out.appendingPathComponent("OR-2019")
        let stale = [
            folder.appendingPathComponent(".datapackage.plus-export-0A1B2C3D"),
            folder.appendingPathComponent(".plus-tmp-0A1B2C3D"),
            folder.appendingPathComponent(".dat.nosyncab12.xyz"),
            bench.out.appendingPathComponent(".plus-tmp-FFFF"),
            bench.inbox.appendingPathComponent("rejected/.plus-tmp-EEEE"),
        ]
        try FileManager.default.createDirectory(at: stale[0], withIntermediateDirectories: true)
        try Data("metà".utf8).write(to: stale[0].appendingPathComponent("servizi.csv"))
        for url in stale.dropFirst() {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("metà".utf8).write(to: url)
        }
        for url in stale { try Self.backdate(url, seconds: 3600) }
        let inProgress = folder.appendingPathComponent(".plus-tmp-ALTRO")
        try Data("in corso".utf8).write(to: inProgress)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(3600)], ofItemAtPath: inProgress.path)

        try bench.drop("oristano/comune-cabras-scheda-2019.csv")
        _ = try bench.job().run()
        for url in stale { #expect(!FileManager.default.fileExists(atPath: url.path), "\(url.lastPathComponent) left") }
        #expect(FileManager.default.fileExists(atPath: inProgress.path))
    }

    @Test func aFileSwappedForAFIFOAfterTheSweepIsThatFilesFailureOnly() throws {
        let bench = try Workbench()
        try bench.drop("riferimento/ambiti-sardegna.csv")
        try bench.drop("oristano/comune-allai-scheda-2019.csv")
        try bench.drop("oristano/comune-cabras-scheda-2019.csv")
        let swapped = bench.inbox.appendingPathComponent("comune-cabras-scheda-2019.csv")
        let job = try bench.job()
        let summary = try FaultInjection.$hook.withValue({ name in
            guard name == "inbox.swept" else { return }
            try FileManager.default.removeItem(at: swapped)
            try Self.makeFIFO(swapped)
        }) { try job.run() }
        #expect(summary.accepted == 2)
        #expect(summary.rejected == 1)
        // Not what the sweep saw: left where it is, and set aside by the next run's sweep.
        #expect(try bench.files(in: "archive").filter { !$0.contains(".ricevuta.") } == ["ambiti-sardegna.csv", "comune-allai-scheda-2019.csv"])
        _ = try bench.job().run()
        #expect(try bench.files(in: "rejected").contains("comune-cabras-scheda-2019.csv"))
        let reason = try String(contentsOf: bench.inbox.appendingPathComponent("rejected/comune-cabras-scheda-2019.csv.reason"), encoding: .utf8)
        #expect(reason.contains("FIFO"))
    }

    /// A scan looks at the entries on every core and puts the verdicts in the entries' order:
    /// three hundred entries of every kind, a file held open for writing among them, each gets
    /// the verdict it gets alone, and the files to read come in arrival order.
    @Test func aLargeInboxOfEveryKindIsScannedEntryByEntry() throws {
        let folder = try InboxTests.freshFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        var expectedReady: [(Date, String)] = [], expectedRefused: Set<String> = [], expectedWaiting: Set<String> = []
        var heldOpen: FileHandle?
        for index in 0..<300 {
            let name = String(format: "entry-%03d", index)
            let url = folder.appendingPathComponent(name)
            switch index % 6 {
            case 0, 1:
                try Data("x".utf8).write(to: url)
                // Arrived in an order other than their names'.
                let arrived = old.addingTimeInterval(Double((index * 7) % 50))
                try FileManager.default.setAttributes([.modificationDate: arrived], ofItemAtPath: url.path)
                expectedReady.append((arrived, name))
            case 2:
                try FileManager.default.createSymbolicLink(at: url, withDestinationURL: folder.appendingPathComponent("entry-000"))
                expectedRefused.insert(name)
            case 3:
                // Left alone long enough (a FIFO or a folder just made waits like a file just written).
                try Self.makeFIFO(url)
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
                expectedRefused.insert(name)
            case 4:
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: url.path)
                expectedRefused.insert(name)
            default:
                // Just written: it waits for the settle time.
                try Data("y".utf8).write(to: url)
                expectedWaiting.insert(name)
            }
        }
        // One settled file a process still writes: it waits too.
        let written = folder.appendingPathComponent("entry-uploading")
        try Data("z".utf8).write(to: written)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: written.path)
        heldOpen = try FileHandle(forWritingTo: written)
        defer { try? heldOpen?.close() }
        expectedWaiting.insert("entry-uploading")

        let scan = try InboxFolder(url: folder, settle: 3_600).scan(now: old.addingTimeInterval(7_200 + 60))
        expectedReady.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        #expect(scan.ready.map(\.lastPathComponent) == expectedReady.map(\.1))
        #expect(Set(scan.refused.map(\.name.description)) == expectedRefused)
        #expect(scan.refused.count == expectedRefused.count)
        #expect(Set(scan.waiting.map(\.name.description)) == expectedWaiting)
        // The files just written say how long ago; the one a process holds says a process does.
        #expect(scan.waiting.filter { $0.refusal == .stillBeingWritten(secondsAgo: nil) }.map(\.name.description) == ["entry-uploading"])
        // Verdicts in the order the folder lists its entries, as a scan on one thread gave them.
        let listed = try Self.listedInOrder(folder)
        #expect(scan.refused.map(\.name.description) == listed.filter(expectedRefused.contains))
        #expect(scan.waiting.map(\.name.description) == listed.filter(expectedWaiting.contains))
    }

    /// The folder's entries in `readdir`'s order.
    static func listedInOrder(_ folder: URL) throws -> [String] {
        guard let directory = opendir(folder.path) else { throw POSIXError(.ENOENT) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

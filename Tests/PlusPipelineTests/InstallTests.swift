import Foundation
import Testing
@testable import PlusPipeline

/// `make install` as an administrator runs it, then the README's cron command from another folder.
///
/// The test installs the debug binary the tests already built (`make install-files BIN=…`): a
/// release build inside `swift test` would take minutes and fight the running build for `.build`.
@Suite("Installing plus")
struct InstallTests {
    static let make = ["/usr/bin/make", "/bin/make"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `executable` in `folder` with `PATH` set to `path` and no `PLUS_MAPPINGS`.
    static func run(_ executable: String, _ arguments: [String], in folder: URL, path: String? = nil) throws -> (status: Int32, output: String) {
        var environment: [String: String?] = ["PLUS_MAPPINGS": nil]
        if let path { environment["PATH"] = path }
        return try CommandLineTests.run(arguments, in: folder, executable: URL(fileURLWithPath: executable), environment: environment)
    }

    @Test(.enabled(if: make != nil, "make is not installed"))
    func anInstalledPlusRunsTheCronCommandFromAnotherFolder() throws {
        let bench = try Workbench()
        defer { try? FileManager.default.removeItem(at: bench.root) }
        try bench.dropOristanoYear()
        let prefix = bench.root.appendingPathComponent("usr-local")
        let install = try Self.run(Self.make!, ["install-files", "PREFIX=\(prefix.path)", "BIN=\(try CommandLineTests.binary.path)"],
                                   in: Workbench.repository)
        #expect(install.status == 0, "\(install.output)")
        let share = prefix.appendingPathComponent("share")
        for file in ["plus/Mappings/comune-scheda.yaml", "plus/Mappings/rules/sardegna-plus-v1.yaml",
                     "bash-completion/completions/plus", "zsh/site-functions/_plus", "fish/vendor_completions.d/plus.fish"] {
            #expect(FileManager.default.fileExists(atPath: share.appendingPathComponent(file).path), "\(file) not installed")
        }
        let bash = try String(contentsOf: share.appendingPathComponent("bash-completion/completions/plus"), encoding: .utf8)
        #expect(bash.contains("--store") && bash.contains("export"))

        // As on a server: /usr/local/bin/plus is often a symlink, cron finds it on PATH, and runs it
        // in a folder that has no Mappings.
        let links = bench.root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: links.appendingPathComponent("plus"), withDestinationURL: prefix.appendingPathComponent("bin/plus"))
        let srv = bench.root.appendingPathComponent("srv-plus")
        try FileManager.default.createDirectory(at: srv, withIntermediateDirectories: true)
        let path = links.path + ":/usr/bin:/bin"
        let cron = try Self.run("/usr/bin/env", ["plus", "run", "--inbox", bench.inbox.path, "--out", srv.appendingPathComponent("out").path,
                                                 "--store", srv.appendingPathComponent("plus.sqlite").path, "--settle", "0"],
                                in: srv, path: path)
        #expect(cron.status == 0, "\(cron.output)")
        #expect(FileManager.default.fileExists(atPath: srv.appendingPathComponent("out/OR-2019").path), "\(cron.output)")

        let version = try Self.run("/usr/bin/env", ["plus", "--version"], in: srv, path: path)
        #expect(version.status == 0)
        #expect(version.output.contains("plus \(PlusVersionExpectation.number)"), "\(version.output)")
        #expect(version.output.contains("sardegna-plus v1 (rules/sardegna-plus-v1.yaml)"), "\(version.output)")
        #expect(version.output.contains(share.appendingPathComponent("plus/Mappings").path), "\(version.output)")
    }
}

/// The version the README's install section shows.
enum PlusVersionExpectation {
    static let number = "0.3.0"
}

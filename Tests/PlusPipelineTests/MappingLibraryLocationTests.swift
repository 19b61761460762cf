import Foundation
import Testing
@testable import PlusPipeline

/// Where `plus` looks for its mappings beside its executable, as the "not found" error lists them.
@Suite("The mappings folder beside the executable")
struct MappingLibraryLocationTests {
    @Test("an executable near the root is offered each folder once")
    func foldersNearTheRootAreListedOnce() {
        let folders = MappingLibrary.besideExecutable(URL(fileURLWithPath: "/usr/bin/plus"))
        #expect(folders == ["/usr/share/plus/Mappings", "/usr/Mappings", "/Mappings"])
        #expect(Set(folders).count == folders.count)
    }

    @Test("a build deep in a repository is offered the installed copy and five parent folders, nearest first")
    func aDeepExecutableIsOfferedFiveParents() {
        let folders = MappingLibrary.besideExecutable(URL(fileURLWithPath: "/a/b/c/d/e/f/plus"))
        #expect(folders == [
            "/a/b/c/d/e/share/plus/Mappings", "/a/b/c/d/e/Mappings", "/a/b/c/d/Mappings", "/a/b/c/Mappings",
            "/a/b/Mappings", "/a/Mappings",
        ])
    }
}

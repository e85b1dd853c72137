import ExodusHTTPTestKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The test kit's folder must leave nothing behind, or every run of the suite litters the temp dir.
@Suite struct TemporaryFolderTests {
    private func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    @Test func removesNestedFoldersAndTheirFiles() {
        var path = ""
        do {
            let folder = TemporaryFolder()
            path = folder.path
            folder.write("top.txt", "a")
            #expect(mkdir(path + "/cache", 0o700) == 0)
            #expect(mkdir(path + "/cache/deeper", 0o700) == 0)
            folder.write("cache/deeper/row.json", "{}")
            #expect(exists(path + "/cache/deeper/row.json"))
        }
        #expect(!path.isEmpty)
        #expect(!exists(path))
    }

    @Test func unlinksALinkWithoutFollowingIt() {
        let outside = TemporaryFolder()
        outside.write("keep.txt", "kept")
        do {
            let folder = TemporaryFolder()
            #expect(symlink(outside.path, folder.path + "/link") == 0)
        }
        #expect(exists(outside.path + "/keep.txt"))
    }
}

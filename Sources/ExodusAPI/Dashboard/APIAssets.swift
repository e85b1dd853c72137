import ExodusAPIAssets

/// The files in Sources/ExodusAPI/Assets/, compiled in by the ExodusAPIAssets C target
/// (C23 #embed; see Assets.c there for why not SwiftPM resources).
enum APIAssets {
    /// The bytes of asset `name` without the file's final newline (editors add one; the
    /// served bytes, and so their ETags, stay those of the text itself).
    static func bytes(_ name: String) -> [UInt8] {
        var size = 0
        guard let p = exodus_api_asset(name, &size) else {
            preconditionFailure("asset \(name) is not embedded (see Sources/ExodusAPIAssets/Assets.c)")
        }
        var n = size
        if n > 0 && p[n - 1] == 10 { n -= 1 }
        return Array(UnsafeBufferPointer(start: p, count: n))
    }

    /// The asset as UTF-8 text (see `bytes`).
    static func text(_ name: String) -> String { String(decoding: bytes(name), as: UTF8.self) }
}

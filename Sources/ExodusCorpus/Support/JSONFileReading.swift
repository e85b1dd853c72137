import ExodusJSONInput

extension JSONFields {
    /// Reads a file holding one JSON object. When it cannot be read or parsed,
    /// the reason is appended to `problems` (as `path:line: …`) and nil returned.
    static func read(_ path: String, problems: inout [FileProblem]) -> JSONFields? {
        switch SettingsLoader.readFile(path) {
        case .success(let bytes): return JSONFields.parse(bytes, path: path, problems: &problems)
        case .failure(let p): problems.append(p); return nil
        }
    }
}

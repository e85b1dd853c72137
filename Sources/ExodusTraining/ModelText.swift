import Foundation
import ExodusExtraction

/// Writes the text form `WeightsFile` reads, the same way for every model `make train` makes.
enum ModelText {
    /// Magic, comment lines, the header lines in order, then every weight that is still
    /// non-zero once printed with six significant digits.
    static func text(magic: String, comments: [String], header: [(String, String)], weights: [Double]) -> String {
        var text = magic + "\n"
        for c in comments { text += "# \(c)\n" }
        for (key, value) in header { text += "\(key) \(value)\n" }
        for (i, w) in weights.enumerated() where Float(w) != 0 {
            let f = format(w)
            if Float(f) != 0 { text += "\(i) \(f)\n" }
        }
        return text
    }

    /// Six significant digits, as every number of a model file is written.
    static func format(_ x: Double) -> String { String(format: "%.6g", x) }
}

// `make train`: fits the row confidence model on Training/corpus (articles and clauses) and
// the dev set, and writes Sources/ExodusExtraction/Model/row-model.txt plus a report.
// Run from the package root. Deterministic: the same files give the same bytes.
import Foundation
import ExodusExtraction
import ExodusTraining

let root = FileManager.default.currentDirectoryPath
let paths = TrainingPaths(root: root)
do {
    let start = Date()
    let inputs = try paths.inputs()
    let output = RowModelTraining(lexicon: try Lexicon.bundled()).run(inputs)
    try output.modelText.write(toFile: paths.model, atomically: true, encoding: .utf8)
    let seconds = Date().timeIntervalSince(start)
    print(output.report, terminator: "")
    print(RowModelTraining(lexicon: try Lexicon.bundled()).evaluate(output.model, folders: try paths.evaluationArticles()), terminator: "")
    print(String(format: "trained in %.1f s; model %d bytes -> %@", seconds, output.modelText.utf8.count, paths.modelRelative))
} catch {
    FileHandle.standardError.write(Data("train: \(error)\n".utf8))
    exit(1)
}

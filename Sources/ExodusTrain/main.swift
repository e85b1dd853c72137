// `make train`: fits the clause classifier, then the row confidence model, on Training/corpus
// (articles and clauses) and the dev set, and writes Sources/ExodusExtraction/Model/
// clause-model.txt and row-model.txt plus a report. Run from the package root.
// Deterministic: the same files give the same bytes.
import Foundation
import ExodusExtraction
import ExodusTraining

let root = FileManager.default.currentDirectoryPath
let paths = TrainingPaths(root: root)
do {
    let start = Date()
    let inputs = try paths.inputs()
    let lexicon = try Lexicon.bundled()
    let clauses = ClauseModelTraining(lexicon: lexicon).run(inputs)
    try clauses.modelText.write(toFile: paths.clauseModel, atomically: true, encoding: .utf8)
    let rows = RowModelTraining(lexicon: lexicon, clauses: clauses)
    let output = rows.run(inputs)
    try output.modelText.write(toFile: paths.model, atomically: true, encoding: .utf8)
    let seconds = Date().timeIntervalSince(start)
    print(clauses.report, terminator: "")
    print(output.report, terminator: "")
    print(rows.evaluate(output.model, folders: try paths.evaluationArticles()), terminator: "")
    print(
        String(
            format: "trained in %.1f s; models %d + %d bytes -> %@, %@", seconds, clauses.modelText.utf8.count,
            output.modelText.utf8.count, paths.clauseModelRelative, paths.modelRelative))
} catch {
    FileHandle.standardError.write(Data("train: \(error)\n".utf8))
    exit(1)
}

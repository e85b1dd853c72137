import Foundation
import Testing
import ExodusTraining

/// The Swift scorer against numbers score.py printed for the same small case
/// (a containment match, an accepted null, a wrong status and platform, a spurious row).
@Test func scorerAgreesWithScorePy() throws {
    let gold =
        try JSONSerialization.jsonObject(
            with: Data(
                #"""
                [{"organisation":"Alpha Museum","aliases":["Alpha"],"country":"GB","status":"left","announced":"2024-05","effective":null,"platforms":["bluesky"],"accept":{"announced":["2024-05",null]}},
                 {"organisation":"Beta Radio","country":"SE","status":"announced","announced":null,"effective":"2024-06-01","platforms":[]}]
                """#.utf8)) as! [[String: Any]]
    let pred =
        try JSONSerialization.jsonObject(
            with: Data(
                #"""
                [{"organisation":"The Alpha Museum of Art","country":"GB","status":"left","announced":null,"effective":null,"platforms":["bluesky"]},
                 {"organisation":"Beta Radio","country":"SE","status":"left","announced":null,"effective":"2024-06-01","platforms":["mastodon"]},
                 {"organisation":"Gamma","country":"FR","status":"left","announced":null,"effective":null,"platforms":[]}]
                """#.utf8)) as! [[String: Any]]
    let r = Scorer.score(gold: gold, pred: pred)
    // score.py: gold=2 pred=3 matched=2 P=0.667 R=1.000 F1=0.800 fields=0.800 (status 1/2, platforms 1/2)
    #expect(r.tp == 2 && r.predicted == 3 && r.gold == 2)
    #expect(abs(r.f1 - 0.8) < 1e-9)
    #expect(abs(r.fieldAccuracy - 0.8) < 1e-9)
    #expect(r.fieldRight["status"] == 1 && r.fieldRight["platforms"] == 1 && r.fieldRight["announced"] == 2)
    #expect(r.spurious == ["Gamma"])
    #expect(Scorer.normName("The Emmaüs-France’s") == "emmaus frances")
}

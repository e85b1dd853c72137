@testable import ExodusAPI
import ExodusCore
import ExodusHTTP
import ExodusHTTPTestKit
import Foundation
import Testing

@Suite struct DeparturesEndpointTests {
    @Test func defaultListIsNewestFirstWithEveryFieldPresent() throws {
        let h = try APIHarness()
        let r = try h.get("/departures")
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "application/json; charset=utf-8")
        #expect(r.header("Cache-Control") == "public, max-age=60")
        #expect(r.header("ETag")?.hasPrefix("\"") == true)
        #expect(r.header("Last-Modified") == "Thu, 16 Jan 2025 04:00:00 GMT")
        let body = try h.json(r)
        #expect(body["total"] as? Int == 6)
        #expect(body["next_cursor"] is NSNull)
        let items = body["items"] as? [[String: Any]] ?? []
        #expect(
            items.map { $0["id"] as? String } == [
                "german-defence-ministry", "eighty-seven-groups", "emmaus-france",
                "greenpeace", "more-than-60-german-universities", "undated-union",
            ])
        // Field order is the contract's, and nulls are written, not dropped.
        let text = r.text
        #expect(
            text.hasPrefix(
                #"{"items":[{"id":"german-defence-ministry","organisation":"German defence ministry","aliases":[],"kind":"government","country":"DE","status":"suspended","announced":"2025-01-15","effective":null,"platforms":[],"members":[],"group":null,"confidence":1.0,"evidence":[{"document":"ministry","quote":"#
            ))
        let undated = items.last ?? [:]
        #expect(undated["announced"] is NSNull)
        #expect(undated.keys.count == 13)
    }

    @Test func membersAndGroupsUseSnapshotIDs() throws {
        let h = try APIHarness()
        let d = try h.json(try h.get("/departures/eighty-seven-groups"))
        #expect(d["members"] as? [String] == ["emmaus-france", "greenpeace"])
        let m = try h.json(try h.get("/departures/greenpeace"))
        #expect(m["group"] as? String == "eighty-seven-groups")
    }

    @Test func conditionalRequestsGet304WithoutBody() throws {
        let h = try APIHarness()
        let first = try h.get("/departures")
        let etag = try #require(first.header("ETag"))
        let again = try h.get("/departures", headers: ["If-None-Match: \(etag)"])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(again.header("ETag") == etag)
        let weak = try h.get("/departures", headers: ["If-None-Match: \"other\", W/\(etag)"])
        #expect(weak.status == 304)
        let other = try h.get("/departures", headers: ["If-None-Match: \"nope\""])
        #expect(other.status == 200)
        let since = try h.get("/departures", headers: ["If-Modified-Since: Thu, 16 Jan 2025 05:00:00 GMT"])
        #expect(since.status == 304)
        let filtered = try h.get("/departures?platform=bluesky")
        let fEtag = try #require(filtered.header("ETag"))
        #expect(fEtag != etag)
        #expect(try h.get("/departures?platform=bluesky", headers: ["If-None-Match: \(fEtag)"]).status == 304)
    }

    @Test func aFilteredPageAskedAgainIsTheSameAnswerFromTheCache() throws {
        let h = try APIHarness()
        let target = "/departures?platform=mastodon&limit=1"
        let first = try h.get(target)
        #expect(h.store.state?.pages.count == 1)
        let second = try h.get(target)
        #expect(first.status == 200 && second.status == 200)
        #expect(first.body == second.body)
        for name in ["Content-Type", "Content-Length", "ETag", "Last-Modified", "Vary", "Link", "Cache-Control", "Access-Control-Allow-Origin"] {
            #expect(first.header(name) != nil && first.header(name) == second.header(name), "\(name)")
        }
        let etag = try #require(second.header("ETag"))
        let notModified = try h.get(target, headers: ["If-None-Match: \(etag)"])
        #expect(notModified.status == 304 && notModified.body.isEmpty)
        #expect(notModified.header("Vary") == first.header("Vary") && notModified.header("Link") == nil)
        // Problems are not kept, and a new snapshot starts with an empty cache.
        #expect(try h.get("/departures?limit=abc").status == 400)
        #expect(h.store.state?.pages.count == 1)
        h.install(APIHarness.sampleSnapshot(builtAt: 1_737_000_100))
        #expect(h.store.state?.pages.count == 0)
        #expect(try h.get(target).body == first.body)
    }

    @Test func thePageCacheIsBounded() {
        let cache = PageCache()
        let body = APIState.CachedBody(
            etag: "\"x\"",
            body: HTTPSharedBody(
                bytes: Array(repeating: 0x20, count: 200 * 1024),
                contentType: "application/json"))
        for i in 0..<(PageCache.maxEntries * 2) { cache.keep(body, for: "q=\(i)") }
        #expect(cache.count <= PageCache.maxEntries)
        #expect(cache.count * 200 * 1024 <= PageCache.maxBytes)
        #expect(cache.page(for: "q=\(PageCache.maxEntries * 2 - 1)") != nil, "the newest page is kept")
        let huge = APIState.CachedBody(
            etag: "\"y\"",
            body: HTTPSharedBody(
                bytes: Array(repeating: 0x20, count: PageCache.maxPageBytes + 1),
                contentType: "application/json"))
        cache.keep(huge, for: "huge")
        #expect(cache.page(for: "huge") == nil)
    }

    @Test func thePageCacheAnswersOnlyTheExactQueryBytes() {
        let cache = PageCache()
        func page(_ tag: String) -> APIState.CachedBody {
            APIState.CachedBody(etag: "\"\(tag)\"", body: HTTPSharedBody(bytes: Array(tag.utf8), contentType: "application/json"))
        }
        cache.keep(page("a"), for: "platform=bluesky&limit=1")
        cache.keep(page("b"), for: "platform=bluesky&limit=10")
        #expect(cache.page(for: "platform=bluesky&limit=1")?.etag == "\"a\"")
        #expect(cache.page(for: "platform=bluesky&limit=10")?.etag == "\"b\"")
        // Another order, a prefix or another case is another query: not found.
        #expect(cache.page(for: "limit=1&platform=bluesky") == nil)
        #expect(cache.page(for: "platform=bluesky&limit=") == nil)
        #expect(cache.page(for: "platform=Bluesky&limit=1") == nil)
        let raw = Array("platform=bluesky&limit=10".utf8)
        #expect(raw.withUnsafeBytes { cache.page(forRaw: $0)?.etag } == "\"b\"")
        // Keeping a query again replaces its page and counts it once.
        cache.keep(page("c"), for: "platform=bluesky&limit=1")
        #expect(cache.count == 2)
        #expect(cache.page(for: "platform=bluesky&limit=1")?.etag == "\"c\"")
        // The key is FNV-1a: fixed values, so it does not change between runs.
        #expect(Array("".utf8).withUnsafeBytes { PageCache.key($0) } == 0xcbf2_9ce4_8422_2325)
        #expect(Array("a".utf8).withUnsafeBytes { PageCache.key($0) } == 0xaf63_dc4c_8601_ec8c)
    }

    @Test func filtersCombineAndAcceptListsInBothForms() throws {
        let h = try APIHarness()
        #expect(try h.ids("/departures?platform=mastodon") == ["eighty-seven-groups", "emmaus-france", "greenpeace"])
        #expect(try h.ids("/departures?country=de") == ["german-defence-ministry", "more-than-60-german-universities"])
        #expect(try h.ids("/departures?country=DE&status=left") == ["more-than-60-german-universities"])
        #expect(try h.ids("/departures?status=left,suspended") == ["german-defence-ministry", "more-than-60-german-universities", "undated-union"])
        #expect(try h.ids("/departures?status=left&status=suspended") == ["german-defence-ministry", "more-than-60-german-universities", "undated-union"])
        #expect(try h.ids("/departures?kind=union") == ["undated-union"])
        #expect(try h.ids("/departures?q=emmaus") == ["emmaus-france"])
        #expect(try h.ids("/departures?q=EMMA%C3%9CS+france") == ["emmaus-france"])
        #expect(
            try h.ids("/departures?document=ministry&sort=organisation") == ["german-defence-ministry", "more-than-60-german-universities", "undated-union"])
        #expect(try h.ids("/departures?document=nothing") == [])
    }

    @Test func dateRangesTreatMonthPrecisionHonestly() throws {
        let h = try APIHarness()
        // The universities' "2025-01" overlaps 20..31 January; the 14th and 15th do not.
        #expect(try h.ids("/departures?since=2025-01-20&until=2025-01-31") == ["more-than-60-german-universities"])
        #expect(try h.ids("/departures?since=2025-01-15") == ["german-defence-ministry", "more-than-60-german-universities"])
        #expect(
            try h.ids("/departures?until=2025-01-14&sort=announced") == [
                "more-than-60-german-universities", "eighty-seven-groups", "emmaus-france", "greenpeace",
            ])
        #expect(try h.ids("/departures?since=2024&until=2024") == [])
        #expect(try h.ids("/departures?since=2025-02&until=2025-01") == [], "an empty range is an empty page, not an error")
    }

    @Test func sortsWithNullsLast() throws {
        let h = try APIHarness()
        // A month sorts at its first day, so "2025-01" comes before 14 January.
        #expect(
            try h.ids("/departures?sort=announced") == [
                "more-than-60-german-universities", "eighty-seven-groups", "emmaus-france",
                "greenpeace", "german-defence-ministry", "undated-union",
            ])
        #expect(try h.ids("/departures?sort=-organisation").first == "undated-union")
    }

    @Test func paginatesWithCursorAndLinkHeader() throws {
        let h = try APIHarness()
        var seen: [String] = []
        var target = "/departures?limit=4&sort=organisation"
        var pages = 0
        while pages < 10 {
            let r = try h.get(target)
            #expect(r.status == 200)
            let body = try h.json(r)
            seen += (body["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            pages += 1
            guard let next = body["next_cursor"] as? String else {
                #expect(r.header("Link") == nil)
                break
            }
            let link = try #require(r.header("Link"))
            #expect(link == "</departures?limit=4&sort=organisation&cursor=\(next)>; rel=\"next\"")
            target = "/departures?limit=4&sort=organisation&cursor=\(next)"
        }
        #expect(pages == 2)
        #expect(
            seen == [
                "eighty-seven-groups", "emmaus-france", "german-defence-ministry", "greenpeace",
                "more-than-60-german-universities", "undated-union",
            ])
    }

    @Test func cursorFromAnotherSnapshotOrOtherFiltersIsRefused() throws {
        let h = try APIHarness()
        let body = try h.json(try h.get("/departures?limit=2"))
        let cursor = try #require(body["next_cursor"] as? String)
        #expect(try h.get("/departures?limit=2&cursor=\(cursor)").status == 200)
        let otherFilters = try h.get("/departures?limit=2&status=left&cursor=\(cursor)")
        #expect(otherFilters.status == 400)
        #expect(try h.json(otherFilters)["type"] as? String == "/problems/stale-cursor")
        // Identical content gives the identical version: the cursor survives a rebuild.
        h.install(APIHarness.sampleSnapshot())
        #expect(try h.get("/departures?limit=2&cursor=\(cursor)").status == 200)
        h.install(Snapshot(documents: [], departures: [], builtAt: 5))
        let stale = try h.get("/departures?limit=2&cursor=\(cursor)")
        #expect(stale.status == 400)
        #expect(try h.json(stale)["type"] as? String == "/problems/stale-cursor")
    }

    @Test(arguments: [
        ("/departures?platfrom=bluesky", "platfrom", "unknown parameter \"platfrom\""),
        ("/departures?limit=0", "limit", "limit must be a whole number from 1 to 500"),
        ("/departures?limit=501", "limit", "limit must be a whole number from 1 to 500"),
        ("/departures?limit=ten", "limit", "limit must be a whole number from 1 to 500"),
        ("/departures?status=gone", "status", "status \"gone\" is not allowed; expected left, suspended, announced"),
        ("/departures?kind=club", "kind", "kind \"club\" is not allowed"),
        ("/departures?country=FRA", "country", "country \"FRA\" is not allowed"),
        ("/departures?platform=x", "platform", "platform \"x\" is not allowed"),
        ("/departures?since=2025-13", "since", "since must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/departures?until=yesterday", "until", "until must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ("/departures?sort=date", "sort", "sort must be one of -announced, announced, organisation, -organisation"),
        ("/departures?cursor=!!!", "cursor", "cursor is not one this service issued"),
        ("/departures?q=a&q=b", "q", "q may be given once"),
        ("/departures?q=%ZZ", "query", "the query string is malformed"),
    ])
    func badParametersAreNamed(target: String, parameter: String, detail: String) throws {
        let h = try APIHarness()
        let r = try h.get(target)
        #expect(r.status == 400)
        #expect(r.header("Content-Type") == "application/problem+json")
        let p = try h.json(r)
        #expect(p["status"] as? Int == 400)
        #expect(p["parameter"] as? String == parameter)
        #expect((p["detail"] as? String)?.contains(detail) == true, "\(p["detail"] ?? "")")
    }

    @Test func detailExpandsEvidenceWithItsDocument() throws {
        let h = try APIHarness()
        let r = try h.get("/departures/emmaus-france")
        #expect(r.status == 200)
        let d = try h.json(r)
        let ev = (d["evidence"] as? [[String: Any]])?.first ?? [:]
        #expect(ev["document"] as? String == "letter")
        #expect(ev["title"] as? String == "The letter")
        #expect(ev["url"] as? String == "https://example.org/letter")
        #expect(ev["published"] as? String == "2025-01-16")
        let missing = try h.get("/departures/nobody")
        #expect(missing.status == 404)
        #expect(try h.json(missing)["detail"] as? String == "no departure with id \"nobody\"")
    }

    @Test func headMatchesGetWithoutBody() throws {
        let h = try APIHarness()
        let get = try h.get("/departures")
        let head = try h.get("/departures", method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        #expect(head.header("Content-Length") == get.header("Content-Length"))
        #expect(head.header("ETag") == get.header("ETag"))
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let h = try APIHarness()
        let r = try h.get("/departures", method: "DELETE")
        #expect(r.status == 405)
        #expect(r.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(r.header("Content-Type") == "application/problem+json")
    }
}

import Foundation
import KeywayTestSupport
import Testing

/// `keyway provider ls | get`.
@Suite("CLI: provider")
struct ProviderCommandTests {
    @Test("ls and get print the catalog as the contract returns it, or as a table")
    func catalog() async throws {
        try await withCLI { h, cli in
            let list = try await cli.run("provider ls --output json")
            #expect(list.status == 0, "\(list)")
            #expect(list.trimmedOutput == (try await h.http.get("\(h.api)/providers")).body)
            let ids = list.items.compactMap { $0["id"] as? String }
            #expect(ids.contains("hubspot") && ids.contains("custom"))

            let one = try await cli.run("provider get hubspot --output json")
            #expect(one.status == 0, "\(one)")
            #expect(one.trimmedOutput == (try await h.http.get("\(h.api)/providers/hubspot")).body)

            let table = try await cli.run("provider ls")
            #expect(table.stdout.hasPrefix("ID"))
            #expect(table.stdout.split(separator: "\n").count == ids.count + 1)
            let details = try await cli.run("provider get hubspot")
            #expect(details.stdout.hasPrefix("id "))
            #expect(details.stdout.contains("HubSpot"))
            #expect(details.stdout.contains("authorizationUrl"))

            let search = try await cli.run("provider ls --search HUB --output json")
            #expect(search.status == 0, "\(search)")
            #expect(search.trimmedOutput == (try await h.http.get("\(h.api)/providers?search=HUB")).body)
            let found = search.items.compactMap { $0["id"] as? String }
            #expect(found.contains("hubspot") && found.contains("github") && found.count < ids.count)
            let searchTable = try await cli.run("provider ls --search hub")
            #expect(searchTable.stdout.split(separator: "\n").count == found.count + 1)
            let nothing = try await cli.run("provider ls --search no-such-provider")
            #expect(nothing.status == 0)
            #expect(nothing.stdout.contains("No provider matches 'no-such-provider'."))

            let missing = try await cli.run("provider get nope")
            #expect(missing.status == 1)
            #expect(missing.stderr == "error: provider_not_found: No provider named 'nope' in the catalog.\n")
        }
    }
}

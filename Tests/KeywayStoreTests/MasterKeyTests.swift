import Foundation
import KeywayCore
import KeywayStore
import Testing

@Suite("MasterKey: generation, loading and the 0600 key file")
struct MasterKeyTests {
    @Test("generated keys differ and round-trip through base64")
    func generateAndDecode() throws {
        let first = MasterKey.generate()
        let second = MasterKey.generate()
        #expect(first.id != second.id)
        #expect(Data(base64Encoded: first.base64EncodedKey())?.count == 32)
        #expect(try MasterKey(base64: first.base64EncodedKey()).id == first.id)
        #expect(try MasterKey(base64: "  \(first.base64EncodedKey())\n").id == first.id)
    }

    @Test(
        "text that is not base64 of 32 bytes is master_key_invalid",
        arguments: [
            "", "not base64 at all!", Data(count: 16).base64EncodedString(), Data(count: 33).base64EncodedString(),
        ])
    func invalid(text: String) {
        let error = #expect(throws: KeywayError.self) { try MasterKey(base64: text) }
        #expect(error?.code == "master_key_invalid")
    }

    @Test("descriptions never print the key")
    func descriptions() {
        let key = MasterKey.generate()
        let secret = key.base64EncodedKey()
        var dumped = ""
        dump(key, to: &dumped)
        for text in ["\(key)", String(describing: key), String(reflecting: key), dumped] {
            #expect(!text.contains(secret))
            #expect(text.contains(key.id))
        }
    }

    @Test("write creates the file with mode 0600 and load reads it back")
    func writeAndLoad() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("master.key")
            let key = MasterKey.generate()
            try key.write(to: file)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try MasterKey.load(environment: [:], keyFile: file).id == key.id)
        }
    }

    @Test("write refuses to overwrite an existing file")
    func noOverwrite() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("master.key")
            let key = MasterKey.generate()
            try key.write(to: file)
            let error = #expect(throws: KeywayError.self) { try MasterKey.generate().write(to: file) }
            #expect(error?.code == "master_key_exists")
            #expect(try MasterKey.load(environment: [:], keyFile: file).id == key.id)
        }
    }

    @Test("KEYWAY_MASTER_KEY wins over the key file; a blank variable falls back to the file")
    func environmentPrecedence() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("master.key")
            let fileKey = MasterKey.generate()
            let environmentKey = MasterKey.generate()
            try fileKey.write(to: file)
            let fromEnvironment = try MasterKey.load(
                environment: ["KEYWAY_MASTER_KEY": environmentKey.base64EncodedKey()], keyFile: file)
            #expect(fromEnvironment.id == environmentKey.id)
            #expect(try MasterKey.load(environment: ["KEYWAY_MASTER_KEY": "  "], keyFile: file).id == fileKey.id)
            let missingFile = directory.appendingPathComponent("absent.key")
            #expect(
                try MasterKey.load(
                    environment: ["KEYWAY_MASTER_KEY": environmentKey.base64EncodedKey()], keyFile: missingFile
                ).id == environmentKey.id)
        }
    }

    @Test("no variable and no file is master_key_missing; a bad variable or file is master_key_invalid")
    func loadFailures() async throws {
        try await withTemporaryDirectory { directory in
            let missing = directory.appendingPathComponent("absent.key")
            let noKey = #expect(throws: KeywayError.self) { try MasterKey.load(environment: [:], keyFile: missing) }
            #expect(noKey?.code == "master_key_missing")
            #expect(noKey?.message.contains("KEYWAY_MASTER_KEY") == true)

            let badVariable = #expect(throws: KeywayError.self) {
                try MasterKey.load(environment: ["KEYWAY_MASTER_KEY": "c2hvcnQ="], keyFile: missing)
            }
            #expect(badVariable?.code == "master_key_invalid")
            #expect(badVariable?.message.contains("c2hvcnQ=") == false)

            let badFile = directory.appendingPathComponent("bad.key")
            try Data("too short\n".utf8).write(to: badFile)
            let invalidFile = #expect(throws: KeywayError.self) {
                try MasterKey.load(environment: [:], keyFile: badFile)
            }
            #expect(invalidFile?.code == "master_key_invalid")
        }
    }
}

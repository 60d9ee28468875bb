import Crypto
import Foundation
import KeywayCore
import KeywayStore
import Testing

@Suite("Sealer: AES-256-GCM blobs bound to their row")
struct SealerTests {
    let key = MasterKey.generate()
    let plaintext = Data("refresh-token-plaintext".utf8)

    @Test("a sealed secret opens again for the same table, row and column")
    func roundTrip() throws {
        let sealer = Sealer(current: key)
        let sealed = try sealer.seal(plaintext, table: "identities", row: "idn_1", column: "credentials")
        #expect(sealed.range(of: plaintext) == nil)
        #expect(try sealer.open(sealed, table: "identities", row: "idn_1", column: "credentials") == plaintext)
    }

    @Test("an empty secret round-trips")
    func emptySecret() throws {
        let sealer = Sealer(current: key)
        let sealed = try sealer.seal(Data(), table: "t", row: "r", column: "c")
        #expect(try sealer.open(sealed, table: "t", row: "r", column: "c").isEmpty)
    }

    @Test("the blob starts with format version 2 and the key id")
    func layout() throws {
        let sealed = try Sealer(current: key).seal(plaintext, table: "t", row: "r", column: "c")
        let bytes = [UInt8](sealed)
        #expect(bytes[0] == 2)
        #expect(bytes[1] == 8)
        #expect(String(decoding: bytes[2..<10], as: UTF8.self) == key.id)
        // version, id length, id, 12-byte nonce, ciphertext, 16-byte tag
        #expect(bytes.count == 2 + 8 + 12 + plaintext.count + 16)
        #expect(Sealer.keyId(ofSealed: sealed) == key.id)
    }

    @Test("the key id is the first 8 hex characters of SHA-256(\"keyway-key-id\" + key)")
    func keyIdDerivation() throws {
        let bytes = [UInt8](repeating: 7, count: 32)
        let key = try MasterKey(base64: Data(bytes).base64EncodedString())
        let digest = SHA256.hash(data: Data("keyway-key-id".utf8) + Data(bytes))
        let expected = String(digest.map { String(format: "%02x", $0) }.joined().prefix(8))
        #expect(key.id == expected)
    }

    @Test("sealing twice gives different blobs (fresh nonces)")
    func freshNonces() throws {
        let sealer = Sealer(current: key)
        let first = try sealer.seal(plaintext, table: "t", row: "r", column: "c")
        let second = try sealer.seal(plaintext, table: "t", row: "r", column: "c")
        #expect(first != second)
    }

    @Test(
        "a flipped bit anywhere in nonce, ciphertext or tag fails with unsealing_failed", arguments: [10, 20, 30, 45])
    func tamper(offset: Int) throws {
        let sealer = Sealer(current: key)
        var sealed = try sealer.seal(plaintext, table: "t", row: "r", column: "c")
        let index = sealed.startIndex + min(offset, sealed.count - 1)
        sealed[index] ^= 0x01
        let error = #expect(throws: KeywayError.self) {
            try sealer.open(sealed, table: "t", row: "r", column: "c")
        }
        #expect(error?.code == "unsealing_failed")
        #expect(error?.kind == .internal)
        #expect(error?.message.contains("refresh-token-plaintext") == false)
    }

    @Test("another row, table or column fails with unsealing_failed")
    func wrongAssociatedData() throws {
        let sealer = Sealer(current: key)
        let sealed = try sealer.seal(plaintext, table: "identities", row: "idn_1", column: "credentials")
        for (table, row, column) in [
            ("identities", "idn_2", "credentials"), ("services", "idn_1", "credentials"),
            ("identities", "idn_1", "client_secret"), ("identities", "idn_1:credentials", ""),
        ] {
            let error = #expect(throws: KeywayError.self) {
                try sealer.open(sealed, table: table, row: row, column: column)
            }
            #expect(error?.code == "unsealing_failed")
        }
    }

    @Test("a blob sealed with a key the sealer does not hold fails with unknown_key_id")
    func unknownKey() throws {
        let sealed = try Sealer(current: key).seal(plaintext, table: "t", row: "r", column: "c")
        let error = #expect(throws: KeywayError.self) {
            try Sealer(current: .generate()).open(sealed, table: "t", row: "r", column: "c")
        }
        #expect(error?.code == "unknown_key_id")
        #expect(error?.message.contains(key.base64EncodedKey()) == false)
    }

    @Test("malformed blobs fail with unsealing_failed")
    func malformed() throws {
        let sealer = Sealer(current: key)
        var otherVersion = try sealer.seal(plaintext, table: "t", row: "r", column: "c")
        otherVersion[otherVersion.startIndex] = 3
        var format1 = try sealer.seal(plaintext, table: "t", row: "r", column: "c")
        format1[format1.startIndex] = 1
        for blob in [Data(), Data([2]), Data([2, 8]) + Data(key.id.utf8), otherVersion, format1] {
            let error = #expect(throws: KeywayError.self) {
                try sealer.open(blob, table: "t", row: "r", column: "c")
            }
            #expect(error?.code == "unsealing_failed")
        }
    }

    @Test("after rotation the old key still opens old blobs and the new key seals")
    func rotation() throws {
        let oldSealer = Sealer(current: key)
        let old = try oldSealer.seal(plaintext, table: "t", row: "r", column: "c")
        let newKey = MasterKey.generate()
        let rotated = Sealer(current: newKey, previous: [key])
        #expect(rotated.keyIds == [key.id, newKey.id])
        #expect(try rotated.open(old, table: "t", row: "r", column: "c") == plaintext)
        #expect(rotated.needsResealing(old))
        let new = try rotated.seal(plaintext, table: "t", row: "r", column: "c")
        #expect(Sealer.keyId(ofSealed: new) == newKey.id)
        #expect(!rotated.needsResealing(new))
        let error = #expect(throws: KeywayError.self) {
            try oldSealer.open(new, table: "t", row: "r", column: "c")
        }
        #expect(error?.code == "unknown_key_id")
    }
}

import Foundation
import FuzzSupport
import KeywayCore
import KeywayStore

// The sealed-blob reader (SealedHeader, through Sealer.keyId(ofSealed:), and Sealer.open) with a fixed key.
// Half the inputs are read as blobs from the database; the other half are sealed, changed in one byte and
// opened again. Properties:
// - nothing traps; a blob that is not the sealer's fails with `unsealing_failed` or `unknown_key_id`;
// - a blob that opens names the sealer's key;
// - sealing round-trips; any one changed byte, another row or another column makes opening fail.

let key = try! MasterKey(base64: "S2V5d2F5IGZ1enogdGFyZ2V0OiBhIGZpeGVkIGtleSE=")
let sealer = Sealer(current: key)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSealedBlob(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let mode = input.byte()
    if mode & 1 == 0 {
        readBlob(Data(input.rest()))
    } else {
        let position = Int(input.byte()) | Int(input.byte()) << 8
        let mask = input.byte() | 1
        roundTrip(Data(input.rest()), position: position, mask: mask)
    }
    return 0
}

func readBlob(_ blob: Data) {
    let keyId = Sealer.keyId(ofSealed: blob)
    _ = sealer.needsResealing(blob)
    do {
        _ = try sealer.open(blob, table: "identities", row: "idn_fuzz", column: "credentials")
        require(keyId == key.id, "a blob opened without naming the key")
    } catch let error as KeywayError {
        require(["unsealing_failed", "unknown_key_id"].contains(error.code), "refused with \(error.code)")
        if error.code == "unknown_key_id" { require(keyId != nil && keyId != key.id, "unknown_key_id for a known key") }
    } catch {
        require(false, "open threw \(type(of: error)), not a KeywayError")
    }
}

func roundTrip(_ plaintext: Data, position: Int, mask: UInt8) {
    let sealed: Data
    do {
        sealed = try sealer.seal(plaintext, table: "services", row: "svc_fuzz", column: "client_secret")
    } catch {
        require(false, "sealing failed: \(error)")
        return
    }
    require(Sealer.keyId(ofSealed: sealed) == key.id && !sealer.needsResealing(sealed), "a fresh blob names another key")
    let opened = try? sealer.open(sealed, table: "services", row: "svc_fuzz", column: "client_secret")
    require(opened == plaintext, "a sealed secret does not open to itself")
    require(
        (try? sealer.open(sealed, table: "services", row: "svc_other", column: "client_secret")) == nil,
        "a blob opened for another row")
    require(
        (try? sealer.open(sealed, table: "services", row: "svc_fuzz", column: "token_url")) == nil,
        "a blob opened for another column")
    var tampered = sealed
    let index = tampered.startIndex + position % tampered.count
    tampered[index] ^= mask
    require(
        (try? sealer.open(tampered, table: "services", row: "svc_fuzz", column: "client_secret")) == nil,
        "a blob changed at byte \(position % sealed.count) still opened")
}

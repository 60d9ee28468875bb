import Foundation
import FuzzSupport
import KeywayCore

// Token endpoint answers (TokenResponseParser.parse and parseError) as a provider could send them, read with
// every distinct format of the catalog (Slack's nested user token, Zoho's, …). Properties:
// - nothing traps, including storing the expiry (`millisecondsSince1970`, the landed crash) and encoding the
//   credentials as JSON (as the store and `GET …/token` do);
// - a parsed answer has an access token; its expiry, if any, is after `now` and at most ten years on;
// - no refresh token stays in `native`: no `refresh_token` member at any depth, nothing at the format's
//   path, and neither the parsed nor the previous refresh token's value (when one was passed) under any name;
// - a refused answer carries an error code.

let formats: [TokenResponseFormat] = {
    var seen: Set<TokenResponseFormat> = [.standard]
    var list: [TokenResponseFormat] = [.standard]
    for provider in ProviderCatalog.bundled.providers {
        let format = TokenResponseFormat(provider: provider)
        if seen.insert(format).inserted { list.append(format) }
    }
    return list
}()
let now = Date(timeIntervalSince1970: 1_800_000_000)
let tenYears: TimeInterval = 10 * 366 * 24 * 3600
let previous = Credentials(accessToken: "previous-access-token", refreshToken: "previous-refresh-token")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTokenResponse(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let format = input.pick(formats)
    let choice = input.byte()
    let body = Data(input.rest())

    let error = TokenResponseParser.parseError(body, status: 400 + Int(choice))
    require(!error.error.isEmpty, "parseError gave an empty code")

    do {
        let refreshed = choice & 1 == 1 ? previous : nil
        let credentials = try TokenResponseParser.parse(body, format: format, previous: refreshed, now: now)
        check(credentials, format: format, previous: refreshed)
    } catch {
        require(!error.error.isEmpty, "a refused answer has an empty error code")
    }
    return 0
}

func check(_ credentials: Credentials, format: TokenResponseFormat, previous: Credentials?) {
    require(!credentials.accessToken.isEmpty, "an empty access token was accepted")
    if let expiresAt = credentials.expiresAt {
        let lifetime = expiresAt.timeIntervalSince(now)
        require(lifetime.isFinite && lifetime > 0 && lifetime <= tenYears, "expiry \(lifetime) s after now")
        let stored = expiresAt.millisecondsSince1970
        let reread = Date(millisecondsSince1970: stored)
        require(abs(reread.timeIntervalSince(expiresAt)) < 0.001, "the stored expiry does not read back")
    }
    let native = JSONValue.object(credentials.native)
    require(!containsKey("refresh_token", in: native), "native keeps a refresh_token: \(native)")
    require(native[path: format.refreshTokenPath] == nil, "native keeps \(format.refreshTokenPath)")
    // Only a refresh token the parser was given or found is a secret: when no previous credentials were
    // passed, "previous-refresh-token" in the answer is just text (libFuzzer learns it from this comparison).
    for token in [credentials.refreshToken, previous?.refreshToken].compactMap({ $0 }) where !token.isEmpty {
        require(!containsString(token, in: native), "native holds a refresh token's value")
    }
    do {
        let encoded = try JSONEncoder().encode(credentials)
        let decoded = try JSONDecoder().decode(Credentials.self, from: encoded)
        require(decoded.accessToken == credentials.accessToken, "credentials do not survive JSON")
    } catch {
        require(false, "credentials do not encode as JSON: \(error)")
    }
}

func containsKey(_ key: String, in value: JSONValue) -> Bool {
    switch value {
    case .object(let object): object.keys.contains(key) || object.values.contains { containsKey(key, in: $0) }
    case .array(let array): array.contains { containsKey(key, in: $0) }
    default: false
    }
}

func containsString(_ string: String, in value: JSONValue) -> Bool {
    switch value {
    case .string(let text): text == string
    case .object(let object): object.values.contains { containsString(string, in: $0) }
    case .array(let array): array.contains { containsString(string, in: $0) }
    default: false
    }
}

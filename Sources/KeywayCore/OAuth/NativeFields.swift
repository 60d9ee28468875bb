/// The provider's own token-answer fields (`native`) as Keyway keeps and returns them: without any refresh
/// token, at any depth.
///
/// Refresh tokens never leave Keyway, and providers put them in more places than the top level (Slack's
/// `authed_user.refresh_token` beside a bot token). So every member, inside objects and arrays alike, goes when:
/// - its name is a refresh token's (`refresh_token`, `refreshToken`, `refresh-token`, in any case), or the last
///   component of the catalog's `refreshTokenPath`;
/// - or it is a string equal to a refresh token Keyway knows (the one just issued, or the one it replaces), so
///   an answer that echoes it under another name does not carry it out either.
public enum NativeFields {
    /// `native` without refresh tokens.
    ///
    /// - Parameters:
    ///   - refreshTokenPath: the catalog's dotted path of the refresh token; its last component is dropped too.
    ///   - refreshTokens: refresh tokens whose value is dropped wherever it appears.
    public static func withoutRefreshTokens(
        _ native: [String: JSONValue], refreshTokenPath: String = "refresh_token", refreshTokens: [String?] = []
    ) -> [String: JSONValue] {
        let names: Set<String> = [normalized("refresh_token"), normalized(leaf(of: refreshTokenPath))]
        let secrets = Set(refreshTokens.compactMap { $0 }.filter { !$0.isEmpty })
        return scrub(object: native, names: names, secrets: secrets)
    }

    private static func scrub(object: [String: JSONValue], names: Set<String>, secrets: Set<String>) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for (key, value) in object where !names.contains(normalized(key)) {
            if let kept = scrub(value, names: names, secrets: secrets) { result[key] = kept }
        }
        return result
    }

    /// The value without refresh tokens, or nil when the value is one.
    private static func scrub(_ value: JSONValue, names: Set<String>, secrets: Set<String>) -> JSONValue? {
        switch value {
        case .string(let text): return secrets.contains(text) ? nil : value
        case .object(let object): return .object(scrub(object: object, names: names, secrets: secrets))
        case .array(let items): return .array(items.compactMap { scrub($0, names: names, secrets: secrets) })
        case .null, .bool, .number: return value
        }
    }

    private static func leaf(of path: String) -> String {
        path.split(separator: ".").last.map(String.init) ?? path
    }

    /// The name in lower case without `_` and `-`: `refresh_token`, `refreshToken` and `Refresh-Token` agree.
    private static func normalized(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }
}

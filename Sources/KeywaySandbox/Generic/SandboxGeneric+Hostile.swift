import Foundation
import Hummingbird
import NIOCore

extension SandboxGeneric {
    /// The hostile answers in force now.
    public var hostileAnswers: SandboxHostileAnswers { hostile.withLock { $0 } }

    /// Changes the hostile answers for the token requests that follow.
    public func setHostileAnswers(_ answers: SandboxHostileAnswers) {
        hostile.withLock { $0 = answers }
    }

    /// A successful token answer with the hostile options in force applied.
    func hostileAnswer(_ body: [String: SandboxJSON], issued: GenericIssuedTokens, headers: HTTPFields) -> Response {
        let answers = hostileAnswers
        if answers.isEmpty { return HTTP.json(body, headers: headers) }
        var fields = headers
        fields[.contentType] = "application/json;charset=utf-8"
        if let raw = answers.body {
            return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: raw)))
        }
        var body = body
        for (name, value) in answers.fields { body[name] = .string(value) }
        if let refreshToken = issued.refreshToken {
            for path in answers.refreshTokenCopies {
                Self.set(.string(refreshToken), at: path.split(separator: ".").map(String.init), in: &body)
            }
        }
        let lifetime = issued.isRefresh ? answers.refreshExpiresIn : answers.exchangeExpiresIn
        if lifetime != nil { body["expires_in"] = nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var text = String(decoding: (try? encoder.encode(body)) ?? Data("{}".utf8), as: UTF8.self)
        if let lifetime {
            // Spliced in as raw text, so that it can be any JSON value, or no valid JSON at all.
            text = "{\"expires_in\":\(lifetime)" + (text == "{}" ? "}" : "," + text.dropFirst())
        }
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private static func set(_ value: SandboxJSON, at path: [String], in object: inout [String: SandboxJSON]) {
        guard let first = path.first else { return }
        if path.count == 1 {
            object[first] = value
            return
        }
        var child: [String: SandboxJSON] = [:]
        if case .object(let existing)? = object[first] { child = existing }
        set(value, at: Array(path.dropFirst()), in: &child)
        object[first] = .object(child)
    }
}
